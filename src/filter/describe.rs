//! Plain-English descriptions of rules, clauses and conditions, shared by
//! [`describe`] and the reasons of `evaluate`.

use super::json_tree::json_quote;
use super::rule::{Clause, Condition, Expr, Rule};

/// One or two sentences saying when the rule pushes, e.g.
/// `Push only when attribute mention is "Bob" AND type is anything but "Room".`
/// The second sentence states the SNS-derived assumptions that apply.
pub fn describe(rule: &Rule) -> String {
    if rule.is_empty() {
        return "Push every message: the rule has no conditions (assumed, as in SNS filter \
                policies, that an empty rule matches everything)."
            .to_string();
    }
    let mut sentence = String::new();
    if !rule.expr.clauses.is_empty() {
        sentence.push_str("Push only when attribute ");
        sentence.push_str(&expr_phrase(&rule.expr));
        if !rule.or.is_empty() {
            sentence.push_str(" AND any of: ");
        }
    } else {
        sentence.push_str("Push when any of: ");
    }
    let branches: Vec<String> = rule
        .or
        .iter()
        .enumerate()
        .map(|(i, b)| format!("({}) {}", i + 1, expr_phrase(b)))
        .collect();
    sentence.push_str(&branches.join("; "));
    sentence.push('.');

    let has_anything_but = rule.clauses().any(|c| {
        c.conditions
            .iter()
            .any(|k| matches!(k, Condition::AnythingBut(_)))
    });
    sentence.push_str(
        " Assumed, as in SNS filter policies: a message without one of these attributes gets \
         no push",
    );
    if has_anything_but {
        sentence.push_str(
            ", and for an attribute with several values anything-but passes when any one \
             value is not excluded",
        );
    }
    sentence.push('.');
    sentence
}

/// `mention is "Bob" AND type is anything but "Room"`; an empty branch reads
/// as "any message".
pub(crate) fn expr_phrase(expr: &Expr) -> String {
    if expr.clauses.is_empty() {
        return "any message (no conditions)".to_string();
    }
    let clauses: Vec<String> = expr.clauses.iter().map(clause_phrase).collect();
    clauses.join(" AND ")
}

/// `mention is one of "Bob", "Alice"`, `type is anything but "Room"`.
pub(crate) fn clause_phrase(clause: &Clause) -> String {
    format!(
        "{} is {}",
        key_text(&clause.key),
        conditions_phrase(&clause.conditions)
    )
}

fn conditions_phrase(conditions: &[Condition]) -> String {
    let equals: Option<Vec<&String>> = conditions
        .iter()
        .map(|c| match c {
            Condition::Equals(s) => Some(s),
            Condition::AnythingBut(_) => None,
        })
        .collect();
    match equals.as_deref() {
        Some([]) => "never matched (no conditions)".to_string(),
        Some([one]) => json_quote(one),
        Some(many) => format!("one of {}", quote_list(many, ", ")),
        None => {
            let parts: Vec<String> = conditions.iter().map(condition_phrase).collect();
            parts.join(", or ")
        }
    }
}

fn condition_phrase(condition: &Condition) -> String {
    match condition {
        Condition::Equals(s) => json_quote(s),
        Condition::AnythingBut(excluded) => {
            format!("anything but {}", quote_list(excluded, " or "))
        }
    }
}

/// `"a", "b"` with the given separator.
pub(crate) fn quote_list<S: AsRef<str>>(items: &[S], separator: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|s| json_quote(s.as_ref())).collect();
    quoted.join(separator)
}

/// `["a", "b"]`, as the rule spells a list.
pub(crate) fn bracket_list<S: AsRef<str>>(items: &[S]) -> String {
    format!("[{}]", quote_list(items, ", "))
}

/// A key as written in prose: bare when it is a plain word, else quoted, so
/// an empty or space-laden key stays visible.
pub(crate) fn key_text(key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '#' | '@'));
    if plain {
        key.to_string()
    } else {
        json_quote(key)
    }
}
