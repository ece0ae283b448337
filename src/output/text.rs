//! `--output text`: for people. Every server-supplied string goes through
//! `crate::sanitize` first.

use std::fmt::Write as _;

use crate::error::CallError;
use crate::explain::{self, Context};
use crate::model::{AllowNotifications, Lookup};
use crate::sanitize;

/// Characters of a server's message shown in text output; the rest is
/// said by its length (JSON output keeps it whole).
pub const MESSAGE_CHARS: usize = 300;

/// A server's message on one line: escaped, and a long one cut with its
/// length said, so a 10 KB message cannot flood the screen.
pub fn server_message(text: &str) -> String {
    let total = text.chars().count();
    if total <= MESSAGE_CHARS {
        return sanitize::line(text).into_owned();
    }
    let cut: String = text.chars().take(MESSAGE_CHARS).collect();
    format!(
        "{}… (cut: {total} characters in all; --output json has it whole)",
        sanitize::line(&cut)
    )
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

/// `1 attempt`, `3 attempts`.
pub fn plural(n: impl Into<u64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Where the call went, shown under the request id.
#[derive(Debug, Clone, Default)]
pub struct CallFacts {
    /// The region used and why (`ClientInfo::region_note`).
    pub region: String,
    pub endpoint: String,
    /// `chime-prefs diagnose` for the same channel and member, with the
    /// flags of this run: the command to run next.
    pub diagnose_command: String,
}

/// A successful lookup. `rule_notes` are extra lines shown under the rule
/// (the filter engine's description and findings).
pub fn lookup_text(
    lookup: &Lookup,
    warnings: &[String],
    rule_notes: &[String],
    call: &CallFacts,
) -> String {
    let prefs = &lookup.response;
    let mut out = String::new();
    let state = prefs
        .allow()
        .map_or("(not set)".into(), |a| sanitize::line(a.as_wire()));
    let _ = writeln!(out, "AllowNotifications: {state}");
    let _ = writeln!(out, "  {}", prefs.push_meaning());
    out.push('\n');
    let _ = writeln!(
        out,
        "Member:      {}",
        prefs
            .member_name()
            .map(sanitize::line)
            .unwrap_or("(no name)".into())
    );
    let _ = writeln!(
        out,
        "Member ARN:  {}",
        prefs
            .member_arn()
            .map(sanitize::line)
            .unwrap_or("(not returned)".into())
    );
    let _ = writeln!(
        out,
        "Channel ARN: {}",
        prefs
            .channel_arn
            .as_deref()
            .map(sanitize::line)
            .unwrap_or("(not returned)".into())
    );
    out.push('\n');
    match prefs.filter_rule() {
        Some(rule) => {
            let _ = writeln!(out, "FilterRule:");
            match (&rule.parsed, rule.pretty()) {
                (Ok(_), Some(pretty)) => out.push_str(&indent(&sanitize::block(&pretty), "  ")),
                (Err(syntax), _) => {
                    out.push_str(&indent(&sanitize::block(&rule.raw), "  "));
                    // The filter engine's notes carry the same finding.
                    if rule_notes.is_empty() {
                        let _ = writeln!(out, "  ! not valid JSON: {syntax}");
                    }
                }
                (Ok(_), None) => out.push_str(&indent(&sanitize::block(&rule.raw), "  ")),
            }
        }
        // The filter engine's notes carry the filtered-without-rule finding.
        None if prefs.allow() == Some(&AllowNotifications::Filtered) && rule_notes.is_empty() => {
            let _ = writeln!(out, "FilterRule: (none) — FILTERED without a rule");
        }
        None => {
            let _ = writeln!(out, "FilterRule: (none)");
        }
    }
    for note in rule_notes {
        out.push_str(&indent(&sanitize::block(note), "  "));
    }
    out.push('\n');
    let meta = &lookup.meta;
    let _ = writeln!(
        out,
        "Request id:  {} ({} ms, {})",
        meta.request_id
            .as_deref()
            .map(sanitize::line)
            .unwrap_or("(none)".into()),
        meta.latency.as_millis(),
        plural(meta.attempts, "attempt")
    );
    if !call.region.is_empty() {
        let _ = writeln!(out, "Region:      {}", sanitize::line(&call.region));
    }
    if !call.endpoint.is_empty() {
        let _ = writeln!(out, "Endpoint:    {}", sanitize::line(&call.endpoint));
    }
    if !warnings.is_empty() {
        out.push('\n');
        for warning in warnings {
            let _ = writeln!(out, "warning: {}", sanitize::line(warning));
        }
    }
    if matches!(prefs.allow(), Some(AllowNotifications::All) | None) {
        out.push_str(
            "\nPreferences allow pushes. If none arrive, check the rest of the push path \
             (membership, ban, devices):\n",
        );
        if !call.diagnose_command.is_empty() {
            let _ = writeln!(out, "  {}", sanitize::line(&call.diagnose_command));
        }
    }
    out
}

/// A failed call with its full explanation, about the operation that
/// failed.
pub fn error_text(err: &CallError, ctx: &Context<'_>) -> String {
    let rendered = explain::explain_error(err, ctx);
    let mut out = String::new();
    let _ = write!(out, "error: {}", rendered.title);
    if let Some(status) = err.http_status {
        let _ = write!(out, " (HTTP {status})");
    }
    out.push('\n');
    let _ = writeln!(out, "  Operation:     {}", err.operation);
    let _ = writeln!(
        out,
        "  Code:          {}",
        sanitize::line(&err.display_code())
    );
    if let Some(message) = &err.message {
        let _ = writeln!(out, "  Message:       {}", server_message(message));
    }
    if let Some(detail) = &err.detail {
        let _ = writeln!(out, "  Detail:        {}", sanitize::line(detail));
    }
    let _ = writeln!(
        out,
        "  Request id:    {}",
        sanitize::line(err.request_id_or_why())
    );
    if let Some(region) = &err.region {
        let _ = writeln!(out, "  Region:        {}", sanitize::line(region));
    }
    let _ = writeln!(out, "  Attempts:      {}", err.attempts);
    let _ = writeln!(
        out,
        "  Retry helps:   {}",
        if rendered.retryable { "yes" } else { "no" }
    );
    let _ = writeln!(
        out,
        "\nWhat it means:\n  {}",
        sanitize::line(&rendered.summary)
    );
    out.push_str("\nLikely causes:\n");
    for cause in &rendered.causes {
        let _ = writeln!(out, "  - {}", sanitize::line(cause));
    }
    out.push_str("\nNext steps:\n");
    for (i, step) in rendered.next_steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, sanitize::line(step));
    }
    if let Some(policy) = &rendered.policy {
        out.push_str("\nA policy statement that allows it:\n");
        out.push_str(&indent(&sanitize::block(policy), "  "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_server_message_is_cut_with_its_length() {
        assert_eq!(server_message("short \u{1b}[2J"), "short \\e[2J");
        let long = "y".repeat(10_000);
        let cut = server_message(&long);
        assert!(cut.starts_with(&"y".repeat(MESSAGE_CHARS)), "{cut}");
        assert!(!cut.starts_with(&"y".repeat(MESSAGE_CHARS + 1)), "{cut}");
        assert!(cut.ends_with("… (cut: 10000 characters in all; --output json has it whole)"));
    }
    use crate::error::ErrorKind;
    use crate::model::{
        CallMeta, FilterRuleText, Member, MembershipPreferences, Preferences, PushNotifications,
    };
    use std::time::{Duration, SystemTime};

    fn lookup(allow: Option<AllowNotifications>, rule: Option<&str>, name: &str) -> Lookup {
        Lookup {
            response: MembershipPreferences {
                channel_arn: Some("arn:c".into()),
                member: Some(Member {
                    arn: Some("arn:m".into()),
                    name: Some(name.into()),
                }),
                preferences: Some(Preferences {
                    push_notifications: Some(PushNotifications {
                        allow,
                        filter_rule: rule.map(FilterRuleText::new),
                    }),
                }),
            },
            meta: CallMeta {
                request_id: Some("rid".into()),
                latency: Duration::from_millis(7),
                attempts: 2,
                fetched_at: SystemTime::UNIX_EPOCH,
            },
        }
    }

    #[test]
    fn shows_state_meaning_pretty_rule_and_request_id() {
        let text = lookup_text(
            &lookup(
                Some(AllowNotifications::Filtered),
                Some("{\"mention\":[\"carol\"]}"),
                "Carol",
            ),
            &[],
            &[],
            &CallFacts::default(),
        );
        assert!(text.contains("AllowNotifications: FILTERED\n  Only messages"));
        assert!(
            text.contains("  {\n    \"mention\": [\n      \"carol\"\n    ]\n  }\n"),
            "{text}"
        );
        assert!(text.contains("Request id:  rid (7 ms, 2 attempts)"));
    }

    #[test]
    fn invalid_rule_shows_raw_text_and_position() {
        let text = lookup_text(
            &lookup(
                Some(AllowNotifications::Filtered),
                Some("{\"mention\": [\"frank\""),
                "F",
            ),
            &[],
            &[],
            &CallFacts::default(),
        );
        assert!(text.contains("{\"mention\": [\"frank\""));
        assert!(
            text.contains("not valid JSON: line 1, column 20: EOF while parsing a list"),
            "{text}"
        );
    }

    #[test]
    fn hostile_strings_never_reach_the_terminal_raw() {
        let text = lookup_text(
            &lookup(
                Some(AllowNotifications::Unknown("X\u{1b}[2J".into())),
                Some("{\"a\":[\"\u{1b}[31m\"]}"),
                "E\u{1b}]0;pwned\u{7}\u{202e}",
            ),
            &["w\u{9b}".into()],
            &[],
            &CallFacts::default(),
        );
        assert!(
            !text
                .chars()
                .any(|c| crate::sanitize::is_unsafe(c) && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("E\\e]0;pwned\\a\\u{202e}"));
    }

    #[test]
    fn errors_come_with_the_full_explanation() {
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
        err.http_status = Some(403);
        err.request_id = Some("r-1".into());
        err.message = Some("banned\u{1b}[2J".into());
        let text = error_text(&err, &Context::default());
        assert!(text.starts_with("error: Not allowed to read these preferences (HTTP 403)"));
        assert!(text.contains("Request id:    r-1"));
        assert!(text.contains("banned\\e[2J"));
        assert!(text.contains("Likely causes:\n  - "));
        assert!(text.contains("Next steps:\n  1. "));
    }
}
