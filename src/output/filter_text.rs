//! Text for people about a FilterRule: what it means, how it stands against
//! Chime's limits, what is wrong with it, and what it would do with a given
//! message. Shared by `filter check`, `get --output text` and the TUI.
//!
//! Every function is pure and returns lines without line breaks, already safe
//! for a terminal: each string that came from input (rule, attributes,
//! findings quoting them) goes through `crate::sanitize`. Lines are not
//! indented and not wrapped, so a caller can lay them out as it likes.

use crate::filter::{
    self, Attributes, CheckReport, Finding, MAX_COMPLEXITY, MAX_RULE_BYTES, Severity, Verdict,
};
use crate::sanitize;

use super::text::plural;

const INDENT: &str = "  ";

/// The whole report of `filter check`: summary, rule, findings and, when
/// attributes were given, the verdict. `rule_text` is the rule as given;
/// `attributes` the message it was tested against, if any.
pub fn check_lines(
    report: &CheckReport,
    rule_text: &str,
    attributes: Option<&Attributes>,
) -> Vec<String> {
    let mut out = summary_lines(report);
    out.push(String::new());
    out.push(rule_heading(report).to_string());
    out.extend(indented(rule_lines(report, rule_text)));
    out.push(String::new());
    out.extend(findings_section(&report.findings));
    if let Some(attrs) = attributes {
        out.push(String::new());
        out.push("Message attributes:".to_string());
        out.extend(indented(attributes_lines(attrs)));
        out.push(String::new());
        match &report.verdict {
            Some(verdict) => {
                out.extend(verdict_lines(verdict));
                if !report.valid {
                    out.push(
                        "Note: Chime would reject this rule (see the errors above); the verdict \
                         is what the rule would do if it were accepted."
                            .to_string(),
                    );
                }
            }
            None => out.push("Verdict: not evaluated (fix the error above first).".to_string()),
        }
    }
    out
}

/// `Valid: ...`, `Description: ...`, `Size: n of 2048 bytes`,
/// `Complexity: n of 20`.
/// A rule that did not parse has no description or complexity, and its
/// invalid-json finding says why once: no line repeats it.
pub fn summary_lines(report: &CheckReport) -> Vec<String> {
    let valid = if report.valid {
        "Valid: yes".to_string()
    } else {
        let errors = count(&report.findings, Severity::Error);
        format!("Valid: no ({})", plural(errors as u64, "error"))
    };
    if report.rule.is_none() {
        return vec![valid, size_line(report)];
    }
    vec![
        valid,
        description_line(report),
        size_line(report),
        complexity_line(report),
    ]
}

/// `Description: Push only when ...`; for a double-encoded rule, the
/// description of the decoded rule, labelled so.
pub fn description_line(report: &CheckReport) -> String {
    match &report.description {
        Some(d) if is_double_encoded(report) => {
            format!("Description (of the decoded rule): {}", sanitize::line(d))
        }
        Some(d) => format!("Description: {}", sanitize::line(d)),
        None => "Description: (none: the rule did not parse)".to_string(),
    }
}

/// `Size: n of 2048 bytes`.
pub fn size_line(report: &CheckReport) -> String {
    format!("Size: {} of {MAX_RULE_BYTES} bytes", report.size_bytes)
}

/// `Complexity: n of 20`.
pub fn complexity_line(report: &CheckReport) -> String {
    match report.complexity {
        Some(n) => format!("Complexity: {n} of {MAX_COMPLEXITY}"),
        None => "Complexity: unknown (the rule did not parse)".to_string(),
    }
}

/// The rule's lines: canonical pretty JSON when it parsed (for a
/// double-encoded rule, the decoded rule), else the text as given so that
/// the line and column of a syntax error still point into it.
pub fn rule_lines(report: &CheckReport, rule_text: &str) -> Vec<String> {
    match &report.rule {
        Some(rule) => filter::pretty(rule)
            .lines()
            .map(|l| sanitize::line(l).into_owned())
            .collect(),
        None => rule_text
            .lines()
            .map(|l| sanitize::block(l).into_owned())
            .collect(),
    }
}

fn rule_heading(report: &CheckReport) -> &'static str {
    match (&report.rule, is_double_encoded(report)) {
        (Some(_), true) => "Rule (decoded):",
        (Some(_), false) => "Rule:",
        (None, _) => "Rule (as given):",
    }
}

/// `error [too-complex] at $: complexity is 21; ...`
pub fn finding_line(finding: &Finding) -> String {
    sanitize::line(&finding.to_string()).into_owned()
}

/// One line per finding, in the report's order (most serious first).
pub fn findings_lines(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(finding_line).collect()
}

/// `Findings: none`, or a heading counting them by severity and the
/// findings indented under it.
fn findings_section(findings: &[Finding]) -> Vec<String> {
    if findings.is_empty() {
        return vec!["Findings: none".to_string()];
    }
    let counts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ]
    .into_iter()
    .filter_map(|(severity, word)| {
        let n = count(findings, severity);
        (n > 0).then(|| plural(n as u64, word))
    })
    .collect();
    let mut out = vec![format!("Findings ({}):", counts.join(", "))];
    out.extend(indented(findings_lines(findings)));
    out
}

/// `Verdict: would notify` or `Verdict: would NOT notify`, then one reason
/// per clause (and per `$or` branch), indented.
pub fn verdict_lines(verdict: &Verdict) -> Vec<String> {
    let heading = if verdict.notify {
        "Verdict: would notify"
    } else {
        "Verdict: would NOT notify"
    };
    let mut out = vec![heading.to_string()];
    // The engine ends with "→ notify" / "→ no push", which the heading says.
    let reasons = match verdict.reasons.split_last() {
        Some((last, rest)) if last.starts_with('→') => rest,
        _ => verdict.reasons.as_slice(),
    };
    out.extend(
        reasons
            .iter()
            .map(|r| format!("{INDENT}- {}", sanitize::line(r))),
    );
    out
}

/// `"mention": ["Bob", "Alice"]`, one line per attribute, in the message's
/// order; names and values JSON-quoted where needed, then sanitised.
pub fn attributes_lines(attrs: &Attributes) -> Vec<String> {
    if attrs.is_empty() {
        return vec!["(none)".to_string()];
    }
    attrs
        .iter()
        .map(|(name, values)| {
            let list: Vec<String> = values.iter().map(|v| json_quote(v)).collect();
            let line = format!("{}: [{}]", json_quote(name), list.join(", "));
            sanitize::line(&line).into_owned()
        })
        .collect()
}

/// Notes shown under a member's FilterRule (`get --output text`, the TUI):
/// the description, the limits, and the findings of
/// [`filter::lint_preferences`], such as FILTERED without a rule.
/// `allow_notifications` is the wire text (`ALL`, `NONE`, `FILTERED`, or
/// anything the service sent), `None` when the member never set it.
pub fn preference_notes(allow_notifications: Option<&str>, rule: Option<&str>) -> Vec<String> {
    let rule = rule.filter(|r| !r.trim().is_empty());
    let mut out = Vec::new();
    let report = rule.map(|text| filter::check(text, None));
    match &report {
        // Unparsed: the invalid-json finding below says so, once.
        Some(report) if report.rule.is_none() => out.push(size_line(report)),
        Some(report) => {
            out.push(description_line(report));
            out.push(format!(
                "{}; {}",
                size_line(report),
                complexity_line(report)
            ));
        }
        None => {}
    }
    let findings = match (allow_notifications, &report) {
        (Some(allow), _) => filter::lint_preferences(allow, rule),
        (None, Some(report)) => report.findings.clone(),
        (None, None) => Vec::new(),
    };
    if findings.is_empty() {
        if report.is_some() {
            out.push("Findings: none".to_string());
        }
    } else {
        out.extend(findings_section(&findings));
    }
    out
}

/// A JSON string literal: quotes and control characters stay unambiguous.
fn json_quote(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn is_double_encoded(report: &CheckReport) -> bool {
    report.findings.iter().any(|f| f.code == "double-encoded")
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

fn indented(lines: Vec<String>) -> impl Iterator<Item = String> {
    lines.into_iter().map(|l| {
        if l.is_empty() {
            l
        } else {
            format!("{INDENT}{l}")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{check, parse_attributes};
    use proptest::prelude::*;

    fn lines_of(rule: &str, attrs: Option<&str>) -> Vec<String> {
        let attrs = attrs.map(|a| parse_attributes(a).unwrap());
        check_lines(&check(rule, attrs.as_ref()), rule, attrs.as_ref())
    }

    #[test]
    fn valid_rule_with_a_matching_message() {
        let lines = lines_of(
            r#"{"mention": ["Bob"]}"#,
            Some(r#"{"mention": ["Bob", "Alice"]}"#),
        );
        let text = lines.join("\n");
        assert_eq!(lines[0], "Valid: yes");
        assert!(lines[1].starts_with(r#"Description: Push only when attribute mention is "Bob"."#));
        assert_eq!(lines[2], "Size: 20 of 2048 bytes");
        assert_eq!(lines[3], "Complexity: 2 of 20");
        assert!(
            text.contains("Rule:\n  {\n    \"mention\": [\n      \"Bob\"\n    ]\n  }\n"),
            "{text}"
        );
        assert!(text.contains("\nFindings: none\n"), "{text}");
        assert!(text.contains("Message attributes:\n  \"mention\": [\"Bob\", \"Alice\"]\n"));
        assert!(
            text.ends_with("Verdict: would notify\n  - mention = \"Bob\" matched value \"Bob\""),
            "{text}"
        );
    }

    #[test]
    fn failing_clause_says_would_not_notify() {
        let lines = lines_of(
            r#"{"type": [{"anything-but": ["Room"]}]}"#,
            Some(r#"{"type": "Room"}"#),
        );
        let n = lines.len();
        assert_eq!(lines[n - 2], "Verdict: would NOT notify");
        assert_eq!(
            lines[n - 1],
            "  - type: anything-but [\"Room\"] failed: value \"Room\" is excluded"
        );
    }

    #[test]
    fn unparsable_rule_shows_the_text_as_given_and_the_error() {
        let rule = "{\n\t\"m\": [\"a\"\n";
        let lines = lines_of(rule, Some(r#"{"m": "a"}"#));
        let text = lines.join("\n");
        assert_eq!(lines[0], "Valid: no (1 error)");
        assert_eq!(lines[1], "Size: 13 of 2048 bytes");
        assert_eq!(lines[2], "");
        // Said once, by the finding.
        assert_eq!(text.matches("not valid JSON").count(), 1, "{text}");
        assert!(!text.contains("did not parse"), "{text}");
        assert!(
            text.contains("Rule (as given):\n  {\n      \"m\": [\"a\"\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "Findings (1 error):\n  error [invalid-json] at $: not valid JSON at line 3"
            ),
            "{text}"
        );
        assert!(text.ends_with("Verdict: not evaluated (fix the error above first)."));
    }

    #[test]
    fn over_limit_rule_is_still_evaluated_with_a_note() {
        let values: Vec<String> = (0..20).map(|i| format!("\"v{i}\"")).collect();
        let rule = format!(r#"{{"m": [{}]}}"#, values.join(","));
        let lines = lines_of(&rule, Some(r#"{"m": "v3"}"#));
        assert_eq!(lines[0], "Valid: no (1 error)");
        assert_eq!(lines[3], "Complexity: 21 of 20");
        assert!(lines.iter().any(|l| l == "Verdict: would notify"));
        assert!(
            lines
                .last()
                .unwrap()
                .starts_with("Note: Chime would reject")
        );
    }

    #[test]
    fn double_encoded_rule_is_shown_decoded() {
        let lines = lines_of(r#""{\"mention\":[\"Bob\"]}""#, None);
        assert!(lines[1].starts_with("Description (of the decoded rule): Push only when"));
        assert!(lines.iter().any(|l| l == "Rule (decoded):"));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("  error [double-encoded] at $: "))
        );
    }

    #[test]
    fn hostile_input_is_escaped_everywhere() {
        let rule = "{\"k\u{202e}\u{1b}\": [\"v\u{9b}\u{7}\"], \"x\": [1]}\n\u{1b}]0;t\u{7}";
        let attrs = Attributes::from_iter([("k\u{202e}\u{1b}", vec!["\u{9b}31m".to_string()])]);
        let checked = check(rule, Some(&attrs));
        let mut all = check_lines(&checked, rule, Some(&attrs));
        let ok = "{\"k\u{202e}\": [\"v\u{200f}\"]}";
        all.extend(check_lines(&check(ok, Some(&attrs)), ok, Some(&attrs)));
        all.extend(preference_notes(Some("FILTERED\u{1b}[2J"), Some(ok)));
        for line in &all {
            assert!(!line.chars().any(sanitize::is_unsafe), "{line:?}");
        }
        let text = all.join("\n");
        assert!(text.contains("\\u{202e}"), "{text}");
    }

    #[test]
    fn preference_notes_for_the_demo_cases() {
        let notes = preference_notes(Some("FILTERED"), Some(r#"{"mention":["carol"]}"#));
        assert!(notes[0].starts_with("Description: Push only when attribute mention is \"carol\""));
        assert_eq!(notes[1], "Size: 21 of 2048 bytes; Complexity: 2 of 20");
        assert_eq!(notes[2], "Findings: none");

        let notes = preference_notes(Some("FILTERED"), None);
        assert_eq!(notes[0], "Findings (1 warning):");
        assert!(notes[1].starts_with("  warning [filtered-without-rule] at $: "));

        let notes = preference_notes(Some("ALL"), None);
        assert!(notes.is_empty());

        let notes = preference_notes(Some("NONE"), Some(r#"{"m":["a"]}"#));
        assert!(notes.iter().any(|l| l.contains("info [rule-ignored]")));

        let notes = preference_notes(None, Some("{\"m\": ["));
        assert_eq!(notes[0], "Size: 7 of 2048 bytes");
        assert!(notes.iter().any(|l| l.contains("error [invalid-json]")));
        assert!(
            !notes.iter().any(|l| l.contains("did not parse")),
            "{notes:?}"
        );
    }

    fn no_raw_unsafe(lines: &[String]) -> Result<(), TestCaseError> {
        for line in lines {
            prop_assert!(!line.contains('\n'), "{:?}", line);
            prop_assert!(!line.chars().any(sanitize::is_unsafe), "{:?}", line);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn every_line_is_terminal_safe(
            rule in prop_oneof![
                any::<String>(),
                any::<(String, String)>()
                    .prop_map(|(k, v)| serde_json::json!({ k: [v] }).to_string()),
            ],
            name in any::<String>(),
            value in any::<String>(),
            allow in any::<String>(),
        ) {
            let attrs = Attributes::from_iter([(name, vec![value])]);
            let report = check(&rule, Some(&attrs));
            no_raw_unsafe(&check_lines(&report, &rule, Some(&attrs)))?;
            no_raw_unsafe(&preference_notes(Some(&allow), Some(&rule)))?;
        }
    }
}
