//! A policy document as IAM stores it, read into the project's own types.

use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

/// Why a document could not be read. The message names the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub message: String,
}

impl PolicyError {
    fn new(message: impl Into<String>) -> Self {
        PolicyError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A document as IAM returns it (GetRole's `AssumeRolePolicyDocument`,
/// GetRolePolicy's and GetPolicyVersion's `Document`): JSON percent-encoded
/// as RFC 3986 says. botocore decodes it, aws-sdk-iam does not. A `+` stays
/// a `+`. Text that already starts with `{` is returned as it is: an encoded
/// document never does (`{` is always encoded), so it was decoded upstream
/// and decoding it again could corrupt a literal `%` in it.
pub fn decode_document(text: &str) -> Result<String, PolicyError> {
    if text.trim_start().starts_with('{') {
        return Ok(text.to_string());
    }
    percent_decode_str(text)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| PolicyError::new("the decoded policy document is not UTF-8"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// `Action` or `NotAction` (and `Resource` or `NotResource`): the names
/// listed, or every name but those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Names {
    Only(Vec<String>),
    AllBut(Vec<String>),
}

impl Names {
    /// Whether `name` is covered, with IAM's wildcards in the listed names.
    pub fn covers(&self, name: &str, ignore_case: bool) -> bool {
        let listed = |names: &[String]| {
            names
                .iter()
                .any(|p| super::pattern::wildcard_match(p, name, ignore_case))
        };
        match self {
            Names::Only(names) => listed(names),
            Names::AllBut(names) => !listed(names),
        }
    }
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// `NotPrincipal`: everyone except those named.
    pub negated: bool,
    /// `"*"`: anyone.
    pub anyone: bool,
    /// `{"Service": [...], "AWS": [...], ...}`, each value as a list.
    pub named: Vec<(String, Vec<String>)>,
}

impl Principal {
    /// Whether the service principal (`messaging.chime.amazonaws.com`) is
    /// one this element applies to.
    pub fn covers_service(&self, service: &str) -> bool {
        let named = self.anyone
            || self.named.iter().any(|(kind, values)| {
                (kind == "Service" && values.iter().any(|v| v.eq_ignore_ascii_case(service)))
                    || (kind == "AWS" && values.iter().any(|v| v == "*"))
            });
        named != self.negated
    }
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    pub action: Names,
    /// `None` when the statement names no resource (a trust policy's
    /// statements do not).
    pub resource: Option<Names>,
    pub principal: Option<Principal>,
    /// The `Condition` block as written: this tool never decides one.
    pub condition: Option<Value>,
    /// The statement as written, for evidence.
    pub raw: Value,
}

impl Statement {
    /// The statement as indented JSON, for evidence.
    pub fn pretty(&self) -> String {
        serde_json::to_string_pretty(&self.raw).unwrap_or_else(|_| self.raw.to_string())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    pub version: Option<String>,
    pub statements: Vec<Statement>,
}

impl PolicyDocument {
    /// Reads decoded JSON text (see [`decode_document`]).
    pub fn parse(text: &str) -> Result<PolicyDocument, PolicyError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| PolicyError::new(format!("the policy is not JSON: {e}")))?;
        Self::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<PolicyDocument, PolicyError> {
        let Value::Object(doc) = value else {
            return Err(PolicyError::new("the policy is not a JSON object"));
        };
        let version = match doc.get("Version") {
            None => None,
            Some(Value::String(v)) => Some(v.clone()),
            Some(_) => return Err(PolicyError::new("Version is not a string")),
        };
        let statements = match doc.get("Statement") {
            None => return Err(PolicyError::new("the policy has no Statement")),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, s)| statement(s).map_err(|e| at(i + 1, e)))
                .collect::<Result<Vec<_>, _>>()?,
            Some(one @ Value::Object(_)) => vec![statement(one).map_err(|e| at(1, e))?],
            Some(_) => {
                return Err(PolicyError::new(
                    "Statement is neither an object nor a list",
                ));
            }
        };
        Ok(PolicyDocument {
            version,
            statements,
        })
    }

    /// Decoded JSON text as indented JSON, for evidence; the text itself
    /// when it is not JSON.
    pub fn pretty_text(text: &str) -> String {
        serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| text.to_string())
    }
}

fn at(n: usize, e: PolicyError) -> PolicyError {
    PolicyError::new(format!("statement {n}: {}", e.message))
}

fn statement(value: &Value) -> Result<Statement, PolicyError> {
    let Value::Object(s) = value else {
        return Err(PolicyError::new("not a JSON object"));
    };
    let sid = match s.get("Sid") {
        None => None,
        Some(Value::String(v)) => Some(v.clone()),
        Some(_) => return Err(PolicyError::new("Sid is not a string")),
    };
    let effect = match s.get("Effect") {
        Some(Value::String(e)) if e == "Allow" => Effect::Allow,
        Some(Value::String(e)) if e == "Deny" => Effect::Deny,
        Some(other) => {
            return Err(PolicyError::new(format!(
                "Effect is {other}, neither \"Allow\" nor \"Deny\""
            )));
        }
        None => return Err(PolicyError::new("no Effect")),
    };
    let action = pair(s, "Action", "NotAction")?
        .ok_or_else(|| PolicyError::new("neither Action nor NotAction"))?;
    let resource = pair(s, "Resource", "NotResource")?;
    let principal = principal(s)?;
    let condition = match s.get("Condition") {
        None => None,
        Some(c @ Value::Object(_)) => Some(c.clone()),
        Some(_) => return Err(PolicyError::new("Condition is not an object")),
    };
    Ok(Statement {
        sid,
        effect,
        action,
        resource,
        principal,
        condition,
        raw: value.clone(),
    })
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: at most one of the two.
fn pair(s: &Map<String, Value>, yes: &str, not: &str) -> Result<Option<Names>, PolicyError> {
    match (s.get(yes), s.get(not)) {
        (Some(_), Some(_)) => Err(PolicyError::new(format!("both {yes} and {not}"))),
        (Some(v), None) => Ok(Some(Names::Only(strings(v, yes)?))),
        (None, Some(v)) => Ok(Some(Names::AllBut(strings(v, not)?))),
        (None, None) => Ok(None),
    }
}

/// A string or a list of strings.
fn strings(value: &Value, field: &str) -> Result<Vec<String>, PolicyError> {
    match value {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Ok(s.clone()),
                _ => Err(PolicyError::new(format!(
                    "{field} holds a value that is not a string"
                ))),
            })
            .collect(),
        _ => Err(PolicyError::new(format!(
            "{field} is neither a string nor a list of strings"
        ))),
    }
}

fn principal(s: &Map<String, Value>) -> Result<Option<Principal>, PolicyError> {
    let (value, negated, field) = match (s.get("Principal"), s.get("NotPrincipal")) {
        (Some(_), Some(_)) => {
            return Err(PolicyError::new("both Principal and NotPrincipal"));
        }
        (Some(v), None) => (v, false, "Principal"),
        (None, Some(v)) => (v, true, "NotPrincipal"),
        (None, None) => return Ok(None),
    };
    match value {
        Value::String(s) if s == "*" => Ok(Some(Principal {
            negated,
            anyone: true,
            named: Vec::new(),
        })),
        Value::Object(map) => {
            let named = map
                .iter()
                .map(|(kind, v)| Ok((kind.clone(), strings(v, &format!("{field}.{kind}"))?)))
                .collect::<Result<Vec<_>, PolicyError>>()?;
            Ok(Some(Principal {
                negated,
                anyone: false,
                named,
            }))
        }
        _ => Err(PolicyError::new(format!(
            "{field} is neither \"*\" nor an object"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_decode_as_iam_sends_them() {
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22messaging.chime.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
        let decoded = decode_document(encoded).expect("decodes");
        assert_eq!(
            decoded,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        );
        assert!(PolicyDocument::parse(&decoded).is_ok());
        // A plus is not a space in RFC 3986.
        assert_eq!(decode_document("a+b%20c").expect("decodes"), "a+b c");
        // Already decoded: kept as is, a literal % included.
        let plain = r#"{"Statement":{"Sid":"100%25"}}"#;
        assert_eq!(decode_document(plain).expect("kept"), plain);
        assert!(decode_document("%FF%FE").is_err(), "not UTF-8");
    }

    #[test]
    fn statement_shapes() {
        let one = PolicyDocument::parse(
            r#"{"Statement":{"Effect":"Deny","NotAction":["a:*","b:C"],"NotResource":"arn:x","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}"#,
        )
        .expect("parses");
        assert_eq!(one.version, None);
        let s = &one.statements[0];
        assert_eq!(s.effect, Effect::Deny);
        assert_eq!(s.action, Names::AllBut(vec!["a:*".into(), "b:C".into()]));
        assert_eq!(s.resource, Some(Names::AllBut(vec!["arn:x".into()])));
        assert!(s.condition.is_some());
        assert!(
            s.pretty().contains("\n  \"Effect\": \"Deny\""),
            "{}",
            s.pretty()
        );

        let trust = PolicyDocument::parse(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["a.amazonaws.com","messaging.chime.amazonaws.com"],"AWS":"arn:aws:iam::1:root"},"Action":["sts:AssumeRole"]}]}"#,
        )
        .expect("parses");
        let p = trust.statements[0].principal.as_ref().expect("principal");
        assert!(p.covers_service("messaging.chime.amazonaws.com"));
        assert!(!p.covers_service("other.amazonaws.com"));
        assert_eq!(trust.statements[0].resource, None);

        let anyone = PolicyDocument::parse(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#,
        )
        .expect("parses");
        assert!(
            anyone.statements[0]
                .principal
                .as_ref()
                .is_some_and(|p| p.anyone && p.covers_service("x"))
        );
    }

    #[test]
    fn bad_documents_say_where() {
        let rows: &[(&str, &str)] = &[
            ("not json", "not JSON"),
            ("[]", "not a JSON object"),
            ("{}", "no Statement"),
            (r#"{"Statement":"x"}"#, "neither an object nor a list"),
            (r#"{"Statement":[1]}"#, "statement 1: not a JSON object"),
            (
                r#"{"Statement":[{"Action":"a"}]}"#,
                "statement 1: no Effect",
            ),
            (
                r#"{"Statement":[{"Effect":"allow","Action":"a"}]}"#,
                "neither \"Allow\"",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow"}]}"#,
                "neither Action nor NotAction",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a","NotAction":"b"}]}"#,
                "both Action and NotAction",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":[1]}]}"#,
                "Action holds a value",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a","Resource":{}}]}"#,
                "Resource is neither",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a","Condition":[]}]}"#,
                "Condition is not an object",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a","Principal":"x"}]}"#,
                "Principal is neither",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a"},{"Effect":"Allow","Action":"a","Principal":{"Service":5}}]}"#,
                "statement 2: Principal.Service",
            ),
        ];
        for (text, expected) in rows {
            let err = PolicyDocument::parse(text).expect_err(text);
            assert!(err.message.contains(expected), "{text}: {err}");
        }
    }
}
