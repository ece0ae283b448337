//! IAM's read-only actions about the role Chime sends with, in the query
//! protocol: form parameters in, XML out (policy documents
//! percent-encoded, as IAM sends them). The access key picks the IAM world
//! (push_setup.rs). SimulatePrincipalPolicy answers with the same local
//! evaluation chime-prefs falls back on, so both ways agree.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde_json::Value;

use super::super::push_setup::{DemoIam, DemoRole, ROLE_NAME};
use super::super::wire::{ApiError, IAM_NAMESPACE, shown, xml_escape, xml_response};
use super::Request;
use crate::operation::Operation;
use crate::policy::{Effect, Outcome, PolicyDocument, may};

/// RFC 3986's unreserved characters stay; everything else is escaped.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

const CREATED: &str = "2024-12-01T09:00:00Z";

/// Runs one IAM action.
pub(super) fn call(request: &Request<'_>) -> Result<Response, ApiError> {
    let form = Form::parse(request.query.unwrap_or(""));
    let data = &request.state.dataset;
    let account = data.setup().account();
    let world = data.setup().iam_for(request.access_key);
    let operation = request.route.operation;
    let action = operation.api_name();
    let result = match operation {
        Operation::GetRole => get_role(&form, world, account)?,
        Operation::SimulatePrincipalPolicy => simulate(&form, world, account)?,
        Operation::ListRolePolicies => {
            let role = role(&form, world)?;
            let names: String = role
                .inline
                .keys()
                .map(|n| format!("<member>{}</member>", xml_escape(n)))
                .collect();
            format!("<PolicyNames>{names}</PolicyNames><IsTruncated>false</IsTruncated>")
        }
        Operation::GetRolePolicy => {
            let role = role(&form, world)?;
            let name = form.get("PolicyName").unwrap_or_default();
            let document = role.inline.get(&name).ok_or_else(|| {
                no_such_entity(format!(
                    "The role policy with name {} cannot be found.",
                    shown(&name)
                ))
            })?;
            format!(
                "<RoleName>{ROLE_NAME}</RoleName><PolicyName>{}</PolicyName><PolicyDocument>{}</PolicyDocument>",
                xml_escape(&name),
                encoded(document)
            )
        }
        Operation::ListAttachedRolePolicies => {
            let role = role(&form, world)?;
            let members: String = role
                .attached
                .iter()
                .map(|a| {
                    format!(
                        "<member><PolicyName>{}</PolicyName><PolicyArn>{}</PolicyArn></member>",
                        xml_escape(policy_name(&a.arn)),
                        xml_escape(&a.arn)
                    )
                })
                .collect();
            format!(
                "<AttachedPolicies>{members}</AttachedPolicies><IsTruncated>false</IsTruncated>"
            )
        }
        Operation::GetPolicy => {
            let (arn, attached) = attached(&form, world)?;
            format!(
                "<Policy><PolicyName>{}</PolicyName><DefaultVersionId>{}</DefaultVersionId><PolicyId>ANPADEMO{}</PolicyId><Path>/</Path><Arn>{}</Arn><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable><CreateDate>{CREATED}</CreateDate><UpdateDate>{CREATED}</UpdateDate></Policy>",
                xml_escape(policy_name(&arn)),
                xml_escape(&attached.version),
                arn.len(),
                xml_escape(&arn)
            )
        }
        Operation::GetPolicyVersion => {
            let (_, attached) = attached(&form, world)?;
            let version = form.get("VersionId").unwrap_or_default();
            if version != attached.version {
                return Err(no_such_entity(format!(
                    "Policy version {} does not exist or is not attachable.",
                    shown(&version)
                )));
            }
            format!(
                "<PolicyVersion><Document>{}</Document><VersionId>{}</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>{CREATED}</CreateDate></PolicyVersion>",
                encoded(&attached.document),
                xml_escape(&attached.version)
            )
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "the demo service does not serve {other} as an IAM action"
            )));
        }
    };
    Ok(xml_response(
        StatusCode::OK,
        format!(
            "<{action}Response xmlns=\"{IAM_NAMESPACE}\">\n  <{action}Result>{result}</{action}Result>\n</{action}Response>\n"
        ),
    ))
}

fn get_role(form: &Form, world: Option<&DemoIam>, account: &str) -> Result<String, ApiError> {
    let role = role(form, world)?;
    let last_used = match (role.last_used, &role.last_used_region) {
        (Some(at), region) => format!(
            "<RoleLastUsed><LastUsedDate>{}</LastUsedDate>{}</RoleLastUsed>",
            rfc3339(at),
            region
                .as_deref()
                .map(|r| format!("<Region>{}</Region>", xml_escape(r)))
                .unwrap_or_default()
        ),
        (None, _) => "<RoleLastUsed/>".to_string(),
    };
    Ok(format!(
        "<Role><Path>{}</Path><AssumeRolePolicyDocument>{}</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration><RoleId>AROADEMOCHIMEPUSH0001</RoleId>{last_used}<RoleName>{ROLE_NAME}</RoleName><Arn>{}</Arn><CreateDate>{CREATED}</CreateDate></Role>",
        xml_escape(&role.path),
        encoded(&role.trust),
        xml_escape(&role_arn(account, &role.path))
    ))
}

fn simulate(form: &Form, world: Option<&DemoIam>, account: &str) -> Result<String, ApiError> {
    if world.is_some_and(|w| w.simulate_denied) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "AccessDenied",
            format!(
                "User: arn:aws:iam::{account}:user/demo is not authorized to perform: iam:SimulatePrincipalPolicy on resource: role {ROLE_NAME} because no identity-based policy allows the iam:SimulatePrincipalPolicy action"
            ),
        ));
    }
    let source = form.get("PolicySourceArn").unwrap_or_default();
    let role = world
        .and_then(|w| w.role.as_ref())
        .filter(|r| source == role_arn(account, &r.path));
    let Some(role) = role else {
        return Err(no_such_entity(format!(
            "PolicySourceArn {} does not exist.",
            shown(&source)
        )));
    };
    let (names, documents) = documents(role);
    let mut results = String::new();
    for action in form.list("ActionNames") {
        for resource in form.list("ResourceArns") {
            let decision = may(&documents, &action, &resource);
            let (word, missing) = if decision.conditional {
                let keys: Vec<String> = decision
                    .conditions
                    .iter()
                    .filter_map(Value::as_object)
                    .flat_map(|operators| operators.values())
                    .filter_map(Value::as_object)
                    .flat_map(|keys| keys.keys().cloned())
                    .collect();
                ("implicitDeny", keys)
            } else {
                (decision.outcome.as_str(), Vec::new())
            };
            let wanted = match decision.outcome {
                Outcome::ExplicitDeny => Effect::Deny,
                _ => Effect::Allow,
            };
            let matched: String = decision
                .matched
                .iter()
                .filter(|m| m.effect == wanted && decision.outcome != Outcome::ImplicitDeny)
                .map(|m| {
                    let (id, kind) = &names[m.policy];
                    format!(
                        "<member><SourcePolicyId>{}</SourcePolicyId><SourcePolicyType>{kind}</SourcePolicyType></member>",
                        xml_escape(id)
                    )
                })
                .collect();
            let missing: String = missing
                .iter()
                .map(|k| format!("<member>{}</member>", xml_escape(k)))
                .collect();
            results.push_str(&format!(
                "<member><EvalActionName>{}</EvalActionName><EvalResourceName>{}</EvalResourceName><EvalDecision>{word}</EvalDecision><MatchedStatements>{matched}</MatchedStatements><MissingContextValues>{missing}</MissingContextValues></member>",
                xml_escape(&action),
                xml_escape(&resource)
            ));
        }
    }
    Ok(format!(
        "<IsTruncated>false</IsTruncated><EvaluationResults>{results}</EvaluationResults>"
    ))
}

/// The role's permission policies, parsed (checked when the dataset was
/// read), with each one's id and SourcePolicyType for the simulator.
fn documents(role: &DemoRole) -> (Vec<(String, &'static str)>, Vec<PolicyDocument>) {
    let mut names = Vec::new();
    let mut documents = Vec::new();
    let all = role
        .inline
        .iter()
        .map(|(name, d)| ((name.clone(), "role"), d))
        .chain(role.attached.iter().map(|a| {
            (
                (policy_name(&a.arn).to_string(), "user-managed"),
                &a.document,
            )
        }));
    for (name, document) in all {
        if let Ok(parsed) = PolicyDocument::from_value(document) {
            names.push(name);
            documents.push(parsed);
        }
    }
    (names, documents)
}

/// The role named by the form's `RoleName`, or NoSuchEntity.
fn role<'a>(form: &Form, world: Option<&'a DemoIam>) -> Result<&'a DemoRole, ApiError> {
    let name = form.get("RoleName").unwrap_or_default();
    world
        .and_then(|w| w.role.as_ref())
        .filter(|_| name == ROLE_NAME)
        .ok_or_else(|| {
            no_such_entity(format!(
                "The role with name {} cannot be found.",
                shown(&name)
            ))
        })
}

fn attached<'a>(
    form: &Form,
    world: Option<&'a DemoIam>,
) -> Result<(String, &'a super::super::push_setup::DemoAttached), ApiError> {
    let arn = form.get("PolicyArn").unwrap_or_default();
    world
        .and_then(|w| w.role.as_ref())
        .and_then(|r| r.attached.iter().find(|a| a.arn == arn))
        .map(|a| (arn.clone(), a))
        .ok_or_else(|| {
            no_such_entity(format!(
                "Policy {} does not exist or is not attachable.",
                shown(&arn)
            ))
        })
}

fn no_such_entity(message: String) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "NoSuchEntity",
        "NoSuchEntity",
        message,
    )
}

fn role_arn(account: &str, path: &str) -> String {
    format!("arn:aws:iam::{account}:role{path}{ROLE_NAME}")
}

fn policy_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// A document as IAM sends it: its JSON, percent-encoded (RFC 3986).
fn encoded(document: &Value) -> String {
    utf8_percent_encode(&document.to_string(), RFC3986).to_string()
}

fn rfc3339(epoch: i64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(epoch.max(0) as u64);
    humantime::format_rfc3339_seconds(time).to_string()
}

/// An `application/x-www-form-urlencoded` body.
struct Form(BTreeMap<String, String>);

impl Form {
    fn parse(body: &str) -> Form {
        let decode = |s: &str| {
            percent_decode_str(&s.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        };
        Form(
            body.split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(k, v)| (decode(k), decode(v)))
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    /// `Name.member.1`, `Name.member.2`, ... in order.
    fn list(&self, name: &str) -> Vec<String> {
        (1..)
            .map_while(|i| self.get(&format!("{name}.member.{i}")))
            .collect()
    }
}
