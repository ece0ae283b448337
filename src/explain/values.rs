//! The values the catalog's text may name, and where each comes from: the
//! operation, the context of the call, and the evidence on the error.

use crate::aws::ClientInfo;
use crate::aws_cli_command::{self, CliTarget};
use crate::error::{Evidence, IamDenial, StsFailure};
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
    "host",
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
    "aws:sts",
    "aws:iam",
    "aws:sso",
    "aws:configure",
    "aws:chime-sdk-messaging",
    "aws:chime-sdk-identity",
    "aws:pinpoint",
    "aws_source:sts",
    "aws_source:iam",
    "chime_prefs",
    "endpoint_url",
    "endpoint_host",
    "call_command",
    "role_arn",
    "role_name",
    "source_profile",
    "sts_call",
    "sts_code",
    "sts_message",
    "sts_detail",
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
            // With the flags of the run, like every printed command; the
            // operation's own parameters are `call_command`'s.
            "cli_command" => Some(format!(
                "{} {}",
                self.aws_command(&format!("aws:{}", op.service().cli_name()))?,
                op.cli_name()
            )),
            "service" => Some(service_name(op.service()).to_string()),
            "host_prefix" => Some(op.service().host_prefix().to_string()),
            // The service's host: IAM's is global, the others need the
            // call's region.
            "host" => {
                let service = op.service();
                let region = text(self.ctx.region);
                if service.is_global() {
                    Some(format!("{}.amazonaws.com", service.host_prefix()))
                } else {
                    region.map(|r| format!("{}.{r}.amazonaws.com", service.host_prefix()))
                }
            }
            "profile" => text(
                self.ctx
                    .profile
                    .or(self.ctx.run.and_then(|r| r.profile.as_deref()))
                    .or(self.evidence.and_then(Evidence::profile)),
            ),
            "chime_prefs" => Some(aws_cli_command::chime_prefs_prefix(&self.info())),
            "endpoint_url" => self.endpoint_url(),
            // https://host[:port][/path] -> host[:port]
            "endpoint_host" => self.endpoint_url().map(|url| {
                let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
                rest.split('/').next().unwrap_or(rest).to_string()
            }),
            "call_command" => aws_cli_command::call_command(
                op,
                &self.info(),
                self.ctx.region?,
                self.ctx.channel,
                self.ctx.member,
                self.ctx.bearer,
            ),
            _ if name.starts_with("aws:") || name.starts_with("aws_source:") => {
                self.aws_command(name)
            }
            "region" => text(self.ctx.region),
            "member" => text(self.ctx.member),
            "bearer" => text(self.ctx.bearer),
            "channel" => text(self.ctx.channel),
            "principal" => self.denial.map(|d| d.principal.clone()),
            "policy_source" => self.denial.map(|d| policy_source(&d.principal)),
            // Only an ARN: IAM's own `role NAME` would not run as
            // `--resource-arns`.
            "resource" => self
                .denial
                .and_then(|d| d.resource.clone())
                .filter(|r| r.starts_with("arn:")),
            "denial_reason" => self.denial.and_then(|d| d.reason.clone()),
            _ => self.evidence_value(name),
        }
    }

    fn evidence_value(&self, name: &str) -> Option<String> {
        if let Evidence::AssumeRole { .. } = self.evidence? {
            return self.role_value(name);
        }
        match (self.evidence?, name) {
            (
                Evidence::Proxy { variable, .. } | Evidence::ProxyAuthRequired { variable, .. },
                "proxy_var",
            ) => Some(variable.clone()),
            (
                Evidence::Proxy { url, .. } | Evidence::ProxyAuthRequired { url, .. },
                "proxy_url",
            ) => Some(url.clone()),
            (Evidence::ClosedMidAnswer { endpoint }, "endpoint") => Some(endpoint.clone()),
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

impl Values<'_> {
    /// The run's settings, or as much as the context knows (the profile).
    fn info(&self) -> ClientInfo {
        match self.ctx.run {
            Some(info) => info.clone(),
            None => ClientInfo {
                profile: self.get("profile"),
                ..ClientInfo::default()
            },
        }
    }

    /// The endpoint the call went to (the URL given, or the host the SDK
    /// picks, FIPS and dual-stack included); unknown without the run.
    fn endpoint_url(&self) -> Option<String> {
        let service = self.operation.service();
        let info = self.ctx.run?;
        match self.ctx.region {
            Some(region) => Some(info.endpoint_for(service, region)),
            None => info.endpoint_urls.get(service).map(str::to_string),
        }
    }

    /// `{aws:SERVICE}`: `aws`, the flags of this run, the service.
    /// `{aws_source:SERVICE}`: the same as the role's source profile.
    fn aws_command(&self, name: &str) -> Option<String> {
        let (kind, service) = name.split_once(':')?;
        let target = CliTarget::from_cli_name(service)?;
        let mut info = self.info();
        info.profile = self.get("profile");
        let profile = match kind {
            "aws_source" => Some(self.role_value("source_profile")?),
            _ => None,
        };
        Some(aws_cli_command::aws_prefix(
            &info,
            target,
            self.ctx.region,
            profile.as_deref(),
        ))
    }

    fn role_value(&self, name: &str) -> Option<String> {
        let Some(Evidence::AssumeRole {
            role_arn,
            source_profile,
            web_identity,
            failure,
            ..
        }) = self.evidence
        else {
            return None;
        };
        match (name, failure) {
            ("role_arn", _) => role_arn.clone(),
            // arn:aws:iam::ACCOUNT:role/PATH/NAME -> NAME
            ("role_name", _) => role_arn
                .as_deref()
                .and_then(|arn| arn.split_once(":role/"))
                .map(|(_, path)| path.rsplit('/').next().unwrap_or(path).to_string())
                .filter(|n| !n.is_empty()),
            ("source_profile", _) => source_profile.clone(),
            ("sts_call", _) => Some(
                if *web_identity {
                    "AssumeRoleWithWebIdentity"
                } else {
                    "AssumeRole"
                }
                .to_string(),
            ),
            ("sts_code", StsFailure::Refused { code, .. }) => Some(code.clone()),
            ("sts_message", StsFailure::Refused { message, .. }) => message.clone(),
            ("sts_detail", StsFailure::Unreachable { detail } | StsFailure::Other { detail }) => {
                Some(detail.clone())
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
