//! Linting: every structural finding plus the documented limits, and the
//! preference-level checks of [`lint_preferences`].

use super::json_tree::{Json, parse_json};
use super::parse::{decode_layers, double_encoded_message};
use super::rule::Rule;
use super::structure::analyze;
use super::{Finding, MAX_COMPLEXITY, MAX_OR_BRANCHES, MAX_RULE_BYTES, Severity, path};

/// Everything [`lint`] found out about a rule text.
#[derive(Debug, Clone, PartialEq)]
pub struct LintReport {
    /// Sorted most serious first; document order within a severity.
    pub findings: Vec<Finding>,
    /// UTF-8 bytes of the text as given (what Chime's 2 KB limit measures).
    pub size_bytes: usize,
    /// Keys plus values, when the rule's structure parsed.
    pub complexity: Option<usize>,
    /// The rule when its structure parsed, even if it breaks a limit, so it
    /// can still be described and evaluated. For a double-encoded text, the
    /// decoded rule.
    pub rule: Option<Rule>,
}

impl LintReport {
    /// True when there is no Error finding.
    pub fn valid(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether a finding with this code is present.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

/// Findings beyond this many are summarised, so a hostile or huge input cannot
/// flood a terminal.
const MAX_FINDINGS: usize = 100;

/// Lints a rule text. Never panics and never fails: problems are findings.
pub fn lint(text: &str) -> LintReport {
    let mut report = lint_uncapped(text);
    sort_and_cap(&mut report.findings);
    report
}

/// [`lint`] without the cap on findings, for callers that add findings of
/// their own and cap once at the end (capping twice miscounts the hidden).
pub(crate) fn lint_uncapped(text: &str) -> LintReport {
    let size_bytes = text.len();
    let mut findings = Vec::new();
    if size_bytes > MAX_RULE_BYTES {
        findings.push(Finding::new(
            Severity::Error,
            "too-large",
            "$",
            format!(
                "the rule is {size_bytes} bytes; Chime allows at most {MAX_RULE_BYTES} \
                 (UTF-8 bytes of the rule text, whitespace included)"
            ),
        ));
    }
    let tree = match parse_json(text) {
        Ok(tree) => tree,
        Err(e) => {
            findings.push(Finding::new(
                Severity::Error,
                "invalid-json",
                "$",
                format!(
                    "not valid JSON at line {}, column {}: {}",
                    e.line, e.column, e.message
                ),
            ));
            return finish(findings, size_bytes, None);
        }
    };
    let decoded = decode_layers(tree);
    if decoded.layers > 0 {
        findings.push(Finding::new(
            Severity::Error,
            "double-encoded",
            "$",
            format!(
                "{}. The other findings are for the decoded rule.",
                double_encoded_message(&decoded)
            ),
        ));
    }
    check_or_count(&decoded.tree, &mut findings);
    let analysis = analyze(&decoded.tree);
    findings.extend(analysis.findings);
    if let Some(rule) = &analysis.rule {
        let complexity = rule.complexity();
        if complexity > MAX_COMPLEXITY {
            findings.push(Finding::new(
                Severity::Error,
                "too-complex",
                "$",
                format!(
                    "complexity is {complexity}; Chime allows at most {MAX_COMPLEXITY}. \
                     Complexity = number of keys + number of values. Assumed (undocumented): \
                     the $or key itself is not counted, an $or adds the complexity of each \
                     branch, and anything-but is not a key (its strings are values)"
                ),
            ));
        }
    }
    finish(findings, size_bytes, analysis.rule)
}

/// The `$or` limit is checked on the raw tree so it is reported even when
/// something else stops the rule from parsing.
fn check_or_count(tree: &Json, findings: &mut Vec<Finding>) {
    let Json::Object(members) = tree else { return };
    for (key, value) in members {
        let Json::Array(branches) = value else {
            continue;
        };
        if key == "$or" && branches.len() > MAX_OR_BRANCHES {
            findings.push(Finding::new(
                Severity::Error,
                "too-many-or",
                path::member("$", key),
                format!(
                    "$or has {} branches; Chime allows at most {MAX_OR_BRANCHES} constraints \
                     inside an $or (read as: at most {MAX_OR_BRANCHES} branch objects)",
                    branches.len()
                ),
            ));
        }
    }
}

fn finish(findings: Vec<Finding>, size_bytes: usize, rule: Option<Rule>) -> LintReport {
    LintReport {
        findings,
        size_bytes,
        complexity: rule.as_ref().map(Rule::complexity),
        rule,
    }
}

/// Most serious first (stable, so document order survives), then capped.
pub(crate) fn sort_and_cap(findings: &mut Vec<Finding>) {
    findings.sort_by_key(|f| f.severity);
    if findings.len() > MAX_FINDINGS {
        let dropped = findings.len() - (MAX_FINDINGS - 1);
        findings.truncate(MAX_FINDINGS - 1);
        findings.push(Finding::new(
            Severity::Info,
            "more-findings",
            "$",
            format!("{dropped} more findings not shown"),
        ));
    }
}

/// Checks a membership's push preferences as a whole: `allow_notifications`
/// is the `AllowNotifications` text (`ALL`, `NONE` or `FILTERED`), `rule` the
/// `FilterRule`, if any. Includes the findings of [`lint`] for a present rule.
pub fn lint_preferences(allow_notifications: &str, rule: Option<&str>) -> Vec<Finding> {
    let rule = rule.filter(|r| !r.trim().is_empty());
    let mut findings = Vec::new();
    match (allow_notifications, rule) {
        ("FILTERED", None) => findings.push(Finding::new(
            Severity::Warning,
            "filtered-without-rule",
            "$",
            "AllowNotifications is FILTERED but there is no FilterRule. Chime does not document \
             this case (ASSUMPTION: undocumented): assumed, as for an SNS subscription without \
             a filter policy, that every message is pushed, as with ALL. Set a rule, or set ALL \
             to say so explicitly.",
        )),
        ("ALL" | "NONE", Some(_)) => findings.push(Finding::new(
            Severity::Info,
            "rule-ignored",
            "$",
            format!(
                "AllowNotifications is {allow_notifications}, so the FilterRule has no effect: \
                 a rule applies only when AllowNotifications is FILTERED"
            ),
        )),
        ("ALL" | "NONE" | "FILTERED", _) => {}
        (other, _) => findings.push(Finding::new(
            Severity::Warning,
            "unknown-allow-notifications",
            "$",
            format!(
                "AllowNotifications is {}, which is none of ALL, NONE or FILTERED",
                super::json_tree::json_quote(other)
            ),
        )),
    }
    if let Some(text) = rule {
        findings.extend(lint_uncapped(text).findings);
    }
    sort_and_cap(&mut findings);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{Attributes, check};

    /// The number in the `more-findings` summary, which must count every
    /// finding left out, however many layers added findings before the cap.
    fn hidden(findings: &[Finding]) -> usize {
        let last = findings.last().expect("findings");
        assert_eq!(last.code, "more-findings");
        last.message
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a count")
    }

    #[test]
    fn the_cap_counts_every_hidden_finding() {
        // 500 non-string values: 500 errors, 99 shown.
        let rule = format!(r#"{{"m": [{}]}}"#, vec!["1"; 500].join(","));
        assert_eq!(hidden(&lint(&rule).findings), 401);
        // lint_preferences adds rule-ignored; check adds attributes-too-large.
        let findings = lint_preferences("ALL", Some(&rule));
        assert_eq!(findings.len(), MAX_FINDINGS);
        assert_eq!(hidden(&findings), 402);
        let big: Attributes = [("pad", vec!["x".repeat(1100)])].into_iter().collect();
        let report = check(&rule, Some(&big));
        assert_eq!(report.findings.len(), MAX_FINDINGS);
        assert_eq!(hidden(&report.findings), 402);
    }
}
