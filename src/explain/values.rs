//! The values the catalog's text may name, and where each comes from: the
//! operation, the context of the call, and the evidence on the error.

use crate::error::{Evidence, IamDenial};
use crate::operation::{Operation, Service};

use super::Context;

pub(super) struct Values<'a> {
    operation: Operation,
    ctx: &'a Context<'a>,
    evidence: Option<&'a Evidence>,
    denial: Option<&'a IamDenial>,
}

/// Every name the catalog may use; a test keeps the catalog to these.
#[cfg(test)]
pub(super) const NAMES: &[&str] = &[
    "operation",
    "iam_action",
    "who_may_call",
    "cli_command",
    "service",
    "host_prefix",
    "profile",
    "region",
    "member",
    "bearer",
    "channel",
    "principal",
    "policy_source",
    "resource",
    "denial_reason",
    "proxy_var",
    "proxy_url",
    "endpoint",
    "endpoint_fixed",
    "seconds",
    "status",
    "stderr",
    "problem",
    "config_file",
    "profiles",
    "tls_host",
    "cert_problem",
    "issuer",
    "ca_bundle",
];

impl<'a> Values<'a> {
    pub(super) fn new(
        operation: Operation,
        ctx: &'a Context<'a>,
        evidence: Option<&'a Evidence>,
        denial: Option<&'a IamDenial>,
    ) -> Values<'a> {
        Values {
            operation,
            ctx,
            evidence,
            denial,
        }
    }

    pub(super) fn get(&self, name: &str) -> Option<String> {
        let op = self.operation;
        let text = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
        match name {
            "operation" => Some(op.api_name().to_string()),
            "iam_action" => Some(op.iam_action()),
            "who_may_call" => Some(op.who_may_call().to_string()),
            "cli_command" => Some(op.cli_command()),
            "service" => Some(service_name(op.service()).to_string()),
            "host_prefix" => Some(op.service().host_prefix().to_string()),
            "profile" => text(
                self.ctx
                    .profile
                    .or(self.evidence.and_then(Evidence::profile)),
            ),
            "region" => text(self.ctx.region),
            "member" => text(self.ctx.member),
            "bearer" => text(self.ctx.bearer),
            "channel" => text(self.ctx.channel),
            "principal" => self.denial.map(|d| d.principal.clone()),
            "policy_source" => self.denial.map(|d| policy_source(&d.principal)),
            "resource" => self.denial.and_then(|d| d.resource.clone()),
            "denial_reason" => self.denial.and_then(|d| d.reason.clone()),
            _ => self.evidence_value(name),
        }
    }

    fn evidence_value(&self, name: &str) -> Option<String> {
        match (self.evidence?, name) {
            (Evidence::Proxy { variable, .. }, "proxy_var") => Some(variable.clone()),
            (Evidence::Proxy { url, .. }, "proxy_url") => Some(url.clone()),
            (Evidence::Certificate { proxy, .. }, "proxy_url") => proxy.clone(),
            (Evidence::Certificate { host, .. }, "tls_host") => Some(host.clone()),
            (Evidence::Certificate { problem, .. }, "cert_problem") => Some(problem.clone()),
            (Evidence::Certificate { issuer, .. }, "issuer") => issuer.clone(),
            (Evidence::Certificate { bundle, .. }, "ca_bundle") => bundle.clone(),
            (
                Evidence::PlainHttpServer { endpoint } | Evidence::NotPlainHttp { endpoint },
                "endpoint",
            ) => Some(endpoint.clone()),
            (Evidence::PlainHttpServer { endpoint }, "endpoint_fixed") => {
                Some(endpoint.replacen("https://", "http://", 1))
            }
            (Evidence::NotPlainHttp { endpoint }, "endpoint_fixed") => {
                Some(endpoint.replacen("http://", "https://", 1))
            }
            (Evidence::ProcessTimedOut { after, .. }, "seconds") => {
                Some(format!("{}", after.as_secs_f64()))
            }
            (Evidence::ProcessFailed { status, .. }, "status") => Some(status.clone()),
            (Evidence::ProcessFailed { stderr, .. }, "stderr") => stderr.clone(),
            (Evidence::ProcessOutput { problem, .. }, "problem") => Some(problem.clone()),
            (Evidence::ProfileNotFound { config_file, .. }, "config_file") => {
                Some(config_file.clone())
            }
            (Evidence::ProfileNotFound { existing, .. }, "profiles") if !existing.is_empty() => {
                Some(existing.join(", "))
            }
            _ => None,
        }
    }
}

pub(super) fn service_name(service: Service) -> &'static str {
    match service {
        Service::Messaging => "Chime SDK messaging",
        Service::Identity => "Chime SDK identity",
        Service::Pinpoint => "AWS End User Messaging push (Pinpoint)",
        Service::Iam => "IAM",
    }
}

/// The IAM role behind an assumed-role session, which is what the policy
/// simulator and the console take; other principals as they are.
fn policy_source(principal: &str) -> String {
    // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION -> arn:aws:iam::ACCOUNT:role/ROLE
    let parts: Vec<&str> = principal.splitn(6, ':').collect();
    if let [arn, partition, "sts", region, account, resource] = parts.as_slice()
        && let Some(rest) = resource.strip_prefix("assumed-role/")
        && let Some((role, _session)) = rest.split_once('/')
    {
        return format!("{arn}:{partition}:iam:{region}:{account}:role/{role}");
    }
    principal.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assumed_role_session_maps_to_its_role() {
        assert_eq!(
            policy_source("arn:aws:sts::111122223333:assumed-role/Support/alice"),
            "arn:aws:iam::111122223333:role/Support"
        );
        assert_eq!(
            policy_source("arn:aws:iam::111122223333:user/bob"),
            "arn:aws:iam::111122223333:user/bob"
        );
    }
}
