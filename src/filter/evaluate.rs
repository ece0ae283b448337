//! Evaluating a rule against message attributes, with a reason per clause.

use super::attributes::Attributes;
use super::describe::{bracket_list, key_text, quote_list};
use super::json_tree::json_quote;
use super::rule::{Clause, Condition, Expr, Rule};
use serde::Serialize;

/// Whether a message with the given attributes would be pushed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Verdict {
    pub notify: bool,
    /// One line per clause (and per `$or` branch), in rule order; the last
    /// line is `→ notify` or `→ no push`.
    pub reasons: Vec<String>,
}

const MISSING: &str = "attribute missing from the message (assumed, as in SNS filter policies: \
                       a missing attribute matches no condition)";
const MULTI_VALUED_ANYTHING_BUT: &str = " (multi-valued anything-but: assumed, as in SNS, to \
                                         match when any one value is not excluded)";

/// Evaluates every clause, without short-circuiting, so each gets a reason.
/// `$or` branches are numbered from 1, as in [`describe`](super::describe).
pub fn evaluate(rule: &Rule, attrs: &Attributes) -> Verdict {
    let mut reasons = Vec::new();
    let mut notify = true;
    if rule.is_empty() {
        reasons.push(
            "the rule has no conditions (assumed, as in SNS filter policies: an empty rule \
             matches every message)"
                .to_string(),
        );
    }
    for clause in &rule.expr.clauses {
        let (matched, reason) = evaluate_clause(clause, attrs);
        notify &= matched;
        reasons.push(reason);
    }
    if !rule.or.is_empty() {
        let mut matched_branches = Vec::new();
        for (i, branch) in rule.or.iter().enumerate() {
            let n = i + 1;
            if evaluate_branch(n, branch, attrs, &mut reasons) {
                matched_branches.push(n.to_string());
            }
        }
        if matched_branches.is_empty() {
            notify = false;
            reasons.push("$or failed: no branch matched".to_string());
        } else {
            let plural = if matched_branches.len() == 1 {
                ""
            } else {
                "es"
            };
            reasons.push(format!(
                "$or matched (branch{plural} {})",
                matched_branches.join(", ")
            ));
        }
    }
    reasons.push(if notify { "→ notify" } else { "→ no push" }.to_string());
    Verdict { notify, reasons }
}

fn evaluate_branch(n: usize, branch: &Expr, attrs: &Attributes, reasons: &mut Vec<String>) -> bool {
    if branch.clauses.is_empty() {
        reasons.push(format!(
            "$or branch {n} has no conditions: matches (assumed, as in SNS filter policies)"
        ));
        return true;
    }
    let mut all = true;
    for clause in &branch.clauses {
        let (matched, reason) = evaluate_clause(clause, attrs);
        all &= matched;
        reasons.push(format!("$or branch {n}: {reason}"));
    }
    let outcome = if all { "matched" } else { "failed" };
    reasons.push(format!("$or branch {n} {outcome}"));
    all
}

/// Why a clause matched: which value, through which condition.
enum Hit<'a> {
    Equals(&'a str),
    NotExcluded(&'a str),
}

fn evaluate_clause(clause: &Clause, attrs: &Attributes) -> (bool, String) {
    let label = clause_label(clause);
    let Some(values) = attrs.get(&clause.key) else {
        return (false, format!("{}: {MISSING}", key_text(&clause.key)));
    };
    let has_anything_but = clause
        .conditions
        .iter()
        .any(|c| matches!(c, Condition::AnythingBut(_)));
    let note = if has_anything_but && values.len() > 1 {
        MULTI_VALUED_ANYTHING_BUT
    } else {
        ""
    };
    if values.is_empty() {
        return (
            false,
            format!("{label} failed: the attribute has no values"),
        );
    }
    match find_hit(&clause.conditions, values) {
        Some(Hit::Equals(v)) => (
            true,
            format!("{label} matched value {}{note}", json_quote(v)),
        ),
        Some(Hit::NotExcluded(v)) => (
            true,
            format!(
                "{label} matched: value {} is not excluded{note}",
                json_quote(v)
            ),
        ),
        None => (
            false,
            format!("{label} failed: {}{note}", failure(clause, values)),
        ),
    }
}

/// The first condition (in rule order) that some value satisfies.
fn find_hit<'a>(conditions: &[Condition], values: &'a [String]) -> Option<Hit<'a>> {
    conditions.iter().find_map(|condition| match condition {
        Condition::Equals(wanted) => values
            .iter()
            .find(|v| *v == wanted)
            .map(|v| Hit::Equals(v.as_str())),
        Condition::AnythingBut(excluded) => values
            .iter()
            .find(|v| !excluded.contains(v))
            .map(|v| Hit::NotExcluded(v.as_str())),
    })
}

fn failure(clause: &Clause, values: &[String]) -> String {
    let only_anything_but = clause
        .conditions
        .iter()
        .all(|c| matches!(c, Condition::AnythingBut(_)));
    match (only_anything_but, values) {
        (true, [one]) => format!("value {} is excluded", json_quote(one)),
        (true, many) => format!("every value ({}) is excluded", quote_list(many, ", ")),
        (false, _) => format!(
            "no value matched (the message has {})",
            bracket_list(values)
        ),
    }
}

/// `mention = "Bob"`, `mention in ["Bob", "Alice"]`,
/// `type: anything-but ["Room"]`, `type: "Bob" or anything-but ["Room"]`.
fn clause_label(clause: &Clause) -> String {
    let key = key_text(&clause.key);
    let equals: Option<Vec<&String>> = clause
        .conditions
        .iter()
        .map(|c| match c {
            Condition::Equals(s) => Some(s),
            Condition::AnythingBut(_) => None,
        })
        .collect();
    match equals.as_deref() {
        Some([]) => format!("{key} (no conditions)"),
        Some([one]) => format!("{key} = {}", json_quote(one)),
        Some(many) => format!("{key} in {}", bracket_list(many)),
        None => {
            let parts: Vec<String> = clause
                .conditions
                .iter()
                .map(|c| match c {
                    Condition::Equals(s) => json_quote(s),
                    Condition::AnythingBut(excluded) => {
                        format!("anything-but {}", bracket_list(excluded))
                    }
                })
                .collect();
            format!("{key}: {}", parts.join(" or "))
        }
    }
}
