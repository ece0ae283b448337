//! Structural analysis of a rule's JSON tree: builds the typed [`Rule`] and
//! reports every structural problem as a [`Finding`]. `parse` stops at the
//! first error; `lint` reports them all.

use super::json_tree::{Json, excerpt, json_quote};
use super::rule::{Clause, Condition, Expr, Rule};
use super::{Finding, MAX_ATTRIBUTE_NAME_CHARS, MAX_ATTRIBUTE_VALUE_CHARS, Severity, path};
use std::collections::HashSet;

/// The outcome of walking a tree: every finding, and the rule when there was
/// no error.
pub(crate) struct Analysis {
    pub findings: Vec<Finding>,
    pub rule: Option<Rule>,
}

pub(crate) fn analyze(tree: &Json) -> Analysis {
    let mut walker = Walker::default();
    let rule = walker.root(tree);
    let failed = walker
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    Analysis {
        rule: if failed { None } else { rule },
        findings: walker.findings,
    }
}

/// SNS filter-policy operators people reach for; named so the message can
/// say "not supported" rather than "unknown".
const SNS_OPERATORS: &[&str] = &[
    "prefix",
    "suffix",
    "numeric",
    "exists",
    "equals-ignore-case",
    "cidr",
    "wildcard",
];

#[derive(Default)]
struct Walker {
    findings: Vec<Finding>,
}

impl Walker {
    fn push(&mut self, severity: Severity, code: &'static str, path: &str, message: String) {
        self.findings
            .push(Finding::new(severity, code, path, message));
    }

    fn root(&mut self, tree: &Json) -> Option<Rule> {
        let Json::Object(members) = tree else {
            let hint = if matches!(tree, Json::String(_)) {
                " (a JSON string whose content is not JSON either)"
            } else {
                ""
            };
            self.push(
                Severity::Error,
                "not-an-object",
                "$",
                format!(
                    "a filter rule must be a JSON object such as {{\"mention\": [\"Bob\"]}}, \
                     got {}{hint}",
                    tree.kind()
                ),
            );
            return None;
        };
        if members.is_empty() {
            self.push(
                Severity::Warning,
                "empty-rule",
                "$",
                "the rule has no conditions; assumed, as in SNS filter policies, to match \
                 every message"
                    .to_string(),
            );
        }
        let mut rule = Rule::default();
        let mut seen = HashSet::new();
        for (key, value) in members {
            let at = path::member("$", key);
            let duplicate = self.check_duplicate_key(&mut seen, key, &at);
            if key == "$or" {
                rule.or = self.or_branches(&at, value);
            } else {
                self.clause_into(&mut rule.expr, &at, key, value, duplicate);
            }
        }
        Some(rule)
    }

    /// Records `key` and warns when it was already seen; returns true then.
    fn check_duplicate_key<'a>(
        &mut self,
        seen: &mut HashSet<&'a str>,
        key: &'a str,
        at: &str,
    ) -> bool {
        let duplicate = !seen.insert(key);
        if duplicate {
            self.push(
                Severity::Warning,
                "duplicate-key",
                at,
                format!(
                    "key {} appears more than once in this object; assumed the last one wins, \
                     as in most JSON parsers (Chime's behaviour is undocumented): merge the lists",
                    json_quote(key)
                ),
            );
        }
        duplicate
    }

    fn or_branches(&mut self, at: &str, value: &Json) -> Vec<Expr> {
        let Json::Array(items) = value else {
            self.push(
                Severity::Error,
                "or-not-a-list",
                at,
                format!(
                    "$or takes a list of objects, e.g. {{\"$or\": [{{\"mention\": [\"Bob\"]}}, \
                     {{\"type\": [\"DM\"]}}]}}, got {}",
                    value.kind()
                ),
            );
            return Vec::new();
        };
        if items.is_empty() {
            self.push(
                Severity::Error,
                "empty-or",
                at,
                "$or has no branches: it needs at least one object".to_string(),
            );
        }
        let mut branches = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let branch_at = path::index(at, i);
            let Json::Object(members) = item else {
                self.push(
                    Severity::Error,
                    "not-an-object",
                    &branch_at,
                    format!("each $or branch must be a JSON object, got {}", item.kind()),
                );
                continue;
            };
            if members.is_empty() {
                self.push(
                    Severity::Warning,
                    "empty-rule",
                    &branch_at,
                    "this $or branch has no conditions; assumed, as in SNS, to match every \
                     message, which makes the whole $or always true"
                        .to_string(),
                );
            }
            let mut expr = Expr::default();
            let mut seen = HashSet::new();
            for (key, value) in members {
                let key_at = path::member(&branch_at, key);
                let duplicate = self.check_duplicate_key(&mut seen, key, &key_at);
                if key == "$or" {
                    self.push(
                        Severity::Error,
                        "nested-or",
                        &key_at,
                        "an $or inside an $or branch is not supported: Chime documents a \
                         single level of $or; flatten it into the outer $or"
                            .to_string(),
                    );
                } else {
                    self.clause_into(&mut expr, &key_at, key, value, duplicate);
                }
            }
            branches.push(expr);
        }
        branches
    }

    /// Parses one key's conditions into `expr`; a repeated key replaces the
    /// earlier clause in place (last wins, as `duplicate-key` says). Searching
    /// only for known duplicates keeps huge objects linear.
    fn clause_into(&mut self, expr: &mut Expr, at: &str, key: &str, value: &Json, duplicate: bool) {
        self.check_key(at, key);
        let conditions = self.conditions(at, value);
        let clause = Clause::new(key, conditions);
        let existing = if duplicate {
            expr.clauses.iter_mut().find(|c| c.key == key)
        } else {
            None
        };
        match existing {
            Some(existing) => *existing = clause,
            None => expr.clauses.push(clause),
        }
    }

    fn check_key(&mut self, at: &str, key: &str) {
        let chars = key.chars().count();
        if chars == 0 || chars > MAX_ATTRIBUTE_NAME_CHARS {
            self.push(
                Severity::Warning,
                "invalid-key-length",
                at,
                format!(
                    "key is {chars} characters long, but attribute names are 1 to \
                     {MAX_ATTRIBUTE_NAME_CHARS}: no message can have this attribute, so this \
                     condition never matches"
                ),
            );
        }
        if key.starts_with('$') {
            self.push(
                Severity::Warning,
                "unknown-operator-key",
                at,
                format!(
                    "{} is not an operator (only $or is); it is treated as an attribute name",
                    json_quote(key)
                ),
            );
        }
    }

    fn conditions(&mut self, at: &str, value: &Json) -> Vec<Condition> {
        let items = match value {
            Json::Array(items) => items,
            Json::String(s) => {
                let message = format!(
                    "conditions must be a list: write [{}] instead of a bare string",
                    json_quote(s)
                );
                self.push(Severity::Error, "condition-not-a-list", at, message);
                return Vec::new();
            }
            other => {
                let message = format!(
                    "conditions must be a list such as [\"Bob\"] or [{{\"anything-but\": \
                     [\"Room\"]}}], got {}",
                    other.kind()
                );
                self.push(Severity::Error, "condition-not-a-list", at, message);
                return Vec::new();
            }
        };
        if items.is_empty() {
            self.push(
                Severity::Error,
                "empty-condition-list",
                at,
                "the condition list is empty: give at least one string or anything-but".to_string(),
            );
        }
        let mut conditions = Vec::with_capacity(items.len());
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let item_at = path::index(at, i);
            match item {
                Json::String(s) => {
                    self.check_value(&item_at, s);
                    if !seen.insert(s.as_str()) {
                        self.duplicate_value(&item_at, s);
                    }
                    conditions.push(Condition::Equals(s.clone()));
                }
                Json::Object(members) => {
                    if let Some(c) = self.operator_object(&item_at, members) {
                        conditions.push(c);
                    }
                }
                other => self.non_string(&item_at, other),
            }
        }
        conditions
    }

    fn operator_object(&mut self, at: &str, members: &[(String, Json)]) -> Option<Condition> {
        if members.is_empty() {
            self.push(
                Severity::Error,
                "unsupported-operator",
                at,
                "an empty object is not a condition: only exact strings and anything-but \
                 are supported"
                    .to_string(),
            );
        }
        let mut result = None;
        let mut seen = HashSet::new();
        for (op, arg) in members {
            let op_at = path::member(at, op);
            self.check_duplicate_key(&mut seen, op, &op_at);
            if op == "anything-but" {
                result = self.anything_but(&op_at, arg).or(result);
            } else {
                let what = if SNS_OPERATORS.contains(&op.as_str()) {
                    format!("the SNS operator {} is not supported", json_quote(op))
                } else {
                    format!("unknown operator {}", json_quote(op))
                };
                self.push(
                    Severity::Error,
                    "unsupported-operator",
                    &op_at,
                    format!(
                        "{what}: Chime filter rules support only exact strings and \
                         anything-but (exact string matching only)"
                    ),
                );
            }
        }
        result
    }

    fn anything_but(&mut self, at: &str, arg: &Json) -> Option<Condition> {
        let items = match arg {
            Json::Array(items) => items,
            Json::String(_) | Json::Number(_) | Json::Bool(_) | Json::Null => {
                let text = match arg {
                    Json::String(s) => s.clone(),
                    other => other.compact(),
                };
                let message = format!(
                    "anything-but takes a list of strings: write {{\"anything-but\": [{}]}}",
                    excerpt(&json_quote(&text), 80)
                );
                self.push(Severity::Error, "condition-not-a-list", at, message);
                return None;
            }
            Json::Object(_) => {
                let message = "anything-but with an operator inside (such as prefix) is not \
                               supported: only exact strings and anything-but are supported"
                    .to_string();
                self.push(Severity::Error, "unsupported-operator", at, message);
                return None;
            }
        };
        if items.is_empty() {
            self.push(
                Severity::Error,
                "empty-condition-list",
                at,
                "anything-but has an empty list: give at least one string to exclude".to_string(),
            );
        }
        let mut excluded = Vec::with_capacity(items.len());
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let item_at = path::index(at, i);
            match item {
                Json::String(s) => {
                    self.check_value(&item_at, s);
                    if !seen.insert(s.as_str()) {
                        self.duplicate_value(&item_at, s);
                    }
                    excluded.push(s.clone());
                }
                other => self.non_string(&item_at, other),
            }
        }
        Some(Condition::AnythingBut(excluded))
    }

    fn check_value(&mut self, at: &str, value: &str) {
        let chars = value.chars().count();
        if chars == 0 || chars > MAX_ATTRIBUTE_VALUE_CHARS {
            self.push(
                Severity::Warning,
                "invalid-value-length",
                at,
                format!(
                    "value is {chars} characters long, but attribute values are 1 to \
                     {MAX_ATTRIBUTE_VALUE_CHARS}: no message value can equal it"
                ),
            );
        }
    }

    fn duplicate_value(&mut self, at: &str, value: &str) {
        self.push(
            Severity::Info,
            "duplicate-value",
            at,
            format!(
                "{} is listed more than once; the repeat has no effect but still counts \
                 towards complexity",
                excerpt(&json_quote(value), 80)
            ),
        );
    }

    fn non_string(&mut self, at: &str, value: &Json) {
        let hint = match value {
            Json::Number(_) | Json::Bool(_) => format!(
                "; to match the text write {} (numeric matching is not supported)",
                json_quote(&value.compact())
            ),
            Json::Array(_) => "; a nested list is not a condition".to_string(),
            _ => String::new(),
        };
        self.push(
            Severity::Error,
            "non-string-value",
            at,
            format!(
                "values must be strings, got {} ({}){hint}",
                excerpt(&value.compact(), 60),
                value.kind()
            ),
        );
    }
}
