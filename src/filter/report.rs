//! `check`: lint, describe and (optionally) evaluate in one serializable
//! report, the shape the CLI prints with `--json`.

use super::attributes::Attributes;
use super::describe::describe;
use super::evaluate::{Verdict, evaluate};
use super::json_tree::json_quote;
use super::lint::{lint_uncapped, sort_and_cap};
use super::rule::{Clause, Condition, Rule};
use super::{Finding, MAX_ATTRIBUTES_BYTES, Severity, path};
use serde::Serialize;

/// The result of [`check`]. Serializes as
/// `{"Valid", "SizeBytes", "Complexity", "Description", "Findings", "Verdict"}`;
/// `Complexity` and `Description` are null when the rule did not parse, and
/// `Verdict` is present only when attributes were given and the rule parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckReport {
    pub valid: bool,
    pub size_bytes: usize,
    pub complexity: Option<usize>,
    pub description: Option<String>,
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The parsed (or decoded) rule, for callers that want to show it.
    #[serde(skip)]
    pub rule: Option<Rule>,
}

/// Lints `rule_text`, describes it and, given attributes, evaluates it. A
/// double-encoded rule is flagged and its decoded rule is still described and
/// evaluated, as is a rule that only breaks a limit. `Valid` reflects the
/// rule's findings only: attribute findings are warnings or info.
pub fn check(rule_text: &str, attributes: Option<&Attributes>) -> CheckReport {
    let report = lint_uncapped(rule_text);
    let valid = report.valid();
    let mut findings = report.findings;
    let mut verdict = None;
    if let Some(attrs) = attributes {
        let size = attrs.size_bytes();
        if size > MAX_ATTRIBUTES_BYTES {
            findings.push(Finding::new(
                Severity::Warning,
                "attributes-too-large",
                "attributes",
                format!(
                    "the message attributes are {size} bytes; Chime allows at most \
                     {MAX_ATTRIBUTES_BYTES} (measured here as the compact JSON of \
                     {{\"name\":{{\"StringValues\":[\"v\"]}}}}; Chime does not say how it counts)"
                ),
            ));
        }
        if let Some(rule) = &report.rule {
            findings.extend(name_mismatches(rule, attrs));
            verdict = Some(evaluate(rule, attrs));
        }
    }
    sort_and_cap(&mut findings);
    CheckReport {
        valid,
        size_bytes: report.size_bytes,
        complexity: report.complexity,
        description: report.rule.as_ref().map(describe),
        findings,
        verdict,
        rule: report.rule,
    }
}

/// `senderArn` and `sender-arn` look alike to people but not to Chime, whose
/// matching is exact; the developer guide's own "stop pushes to the sender"
/// example has such a slip.
fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn name_mismatches(rule: &Rule, attrs: &Attributes) -> Vec<Finding> {
    let names: Vec<(&str, String)> = attrs.names().map(|n| (n, folded(n))).collect();
    let mut findings = Vec::new();
    let top = rule
        .expr
        .clauses
        .iter()
        .map(|c| (path::member("$", &c.key), c));
    let branches = rule.or.iter().enumerate().flat_map(|(i, b)| {
        let base = path::index(&path::member("$", "$or"), i);
        b.clauses
            .iter()
            .map(move |c| (path::member(&base, &c.key), c))
    });
    for (at, clause) in top.chain(branches) {
        if attrs.get(&clause.key).is_some() {
            continue;
        }
        let key = folded(&clause.key);
        if let Some((similar, _)) = names.iter().find(|(_, f)| *f == key) {
            findings.push(Finding::new(
                Severity::Warning,
                "attribute-name-mismatch",
                at,
                format!(
                    "rule key {} is not among the message's attributes, but {} is: names must \
                     match exactly, including case, '_' and '-'",
                    json_quote(&clause.key),
                    json_quote(similar)
                ),
            ));
        } else if let Some((value, holder)) = value_elsewhere(rule, clause, attrs) {
            findings.push(Finding::new(
                Severity::Warning,
                "attribute-name-mismatch",
                at,
                format!(
                    "rule key {} is not among the message's attributes, but the rule's value {} \
                     is a value of attribute {}: did you mean that key? (The developer guide's \
                     stop-pushes-to-the-sender example has this slip: its rule uses key \
                     \"type\" while its message carries the sender in \"senderId\".)",
                    json_quote(&clause.key),
                    json_quote(value),
                    json_quote(holder)
                ),
            ));
        }
    }
    findings
}

/// A value of `clause` that the message carries under a name the rule does
/// not use at all: the sign of a rule written against the wrong key.
fn value_elsewhere<'a>(
    rule: &Rule,
    clause: &'a Clause,
    attrs: &'a Attributes,
) -> Option<(&'a str, &'a str)> {
    let wanted = clause.conditions.iter().flat_map(|c| match c {
        Condition::Equals(s) => std::slice::from_ref(s),
        Condition::AnythingBut(excluded) => excluded.as_slice(),
    });
    for value in wanted {
        for (name, values) in attrs.iter() {
            let unused = !rule.clauses().any(|c| c.key == name);
            if unused && values.contains(value) {
                return Some((value, name));
            }
        }
    }
    None
}
