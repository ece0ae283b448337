//! `scan --output table`: aligned columns for people. Every server-supplied
//! string goes through `crate::sanitize::line` before it is measured or
//! printed. Widths are display columns, so wide (CJK) characters align too.

use std::fmt::Write as _;

use crate::model::{AllowNotifications, FilterRuleText};
use crate::sanitize;

use super::results::{Row, RowState, ScanResults};
use super::summary::Summary;

const NAME_WIDTH: usize = 32;
const DETAIL_WIDTH: usize = 60;
const HEADERS: [&str; 4] = ["MEMBER", "ID", "STATE", "DETAIL"];

use crate::text_fit::{self, truncate};

/// A FilterRule in one line: compact JSON, or the raw text marked as not JSON.
pub fn rule_summary(rule: &FilterRuleText) -> String {
    match &rule.parsed {
        Ok(value) => serde_json::to_string(value).unwrap_or_else(|_| rule.raw.clone()),
        Err(_) => format!("{} (not valid JSON)", rule.raw),
    }
}

/// The STATE and DETAIL cells of one lookup, raw (not yet sanitised): the
/// state as the service sent it, and the rule, the error code or a note.
pub fn state_and_detail(state: &RowState) -> (String, String) {
    match state {
        RowState::Read(lookup) => {
            let prefs = &lookup.response;
            match (prefs.allow(), prefs.filter_rule()) {
                (None, _) => ("not set".into(), "channel default applies".into()),
                (Some(AllowNotifications::Filtered), None) => {
                    ("FILTERED".into(), "(no rule)".into())
                }
                (Some(AllowNotifications::Unknown(value)), _) => {
                    (value.clone(), "(a value this version does not know)".into())
                }
                (Some(allow), Some(rule)) => (allow.as_wire().to_string(), rule_summary(rule)),
                (Some(allow), None) => (allow.as_wire().to_string(), String::new()),
            }
        }
        RowState::Failed(err) => {
            let mut detail = err.display_code();
            if let Some(status) = err.http_status {
                let _ = write!(detail, " (HTTP {status})");
            }
            ("ERROR".into(), detail)
        }
        RowState::Pending => ("…".into(), String::new()),
    }
}

fn cells(channel_arn: &str, row: &Row) -> [String; 4] {
    let name = row
        .member
        .name
        .as_deref()
        .map(|n| truncate(&sanitize::line(n), NAME_WIDTH))
        .unwrap_or_else(|| "(no name)".into());
    let id = row
        .member
        .arn
        .as_deref()
        .map(|arn| sanitize::line(crate::arn::member_in_channel(channel_arn, arn)).into_owned())
        .unwrap_or_else(|| "(no ARN)".into());
    let (state, detail) = state_and_detail(&row.state);
    [
        name,
        id,
        sanitize::line(&state).into_owned(),
        truncate(&sanitize::line(&detail), DETAIL_WIDTH),
    ]
}

/// Aligned columns, widths in display columns; the last column is not
/// padded and each line is trimmed at its end. Cells must be sanitised.
pub fn columns<const N: usize>(headers: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = headers.map(text_fit::width);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(text_fit::width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cols: [&str; N]| {
        let mut text = String::new();
        for (i, (col, width)) in cols.iter().zip(widths).enumerate() {
            if i + 1 == N {
                text.push_str(col);
            } else {
                let _ = write!(text, "{}  ", text_fit::pad(col, width));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(headers);
    for row in rows {
        line(row.each_ref().map(String::as_str));
    }
    out
}

/// "21 members: 6 ALL, 1 NONE, 5 FILTERED, 1 not set, 1 unknown, 7 errors"
pub fn summary_line(summary: &Summary) -> String {
    let finished = summary.finished();
    format!(
        "{finished} member{}: {} ALL, {} NONE, {} FILTERED, {} not set, {} unknown, {} error{}",
        if finished == 1 { "" } else { "s" },
        summary.all,
        summary.none,
        summary.filtered,
        summary.not_set,
        summary.unknown,
        summary.errors,
        if summary.errors == 1 { "" } else { "s" },
    )
}

/// The last line of a table whose list is not whole: "Partial output:
/// interrupted (Ctrl-C or SIGTERM): read 3 of at least 50 members."
pub fn partial_line(reason: &str) -> String {
    format!("Partial output: {reason}.\n")
}

/// An empty channel's line: none listed, and why HIDDEN members may be
/// missing.
pub fn no_member_line(include_hidden: bool) -> &'static str {
    if include_hidden {
        "0 members: the channel lists no member, DEFAULT or HIDDEN.\n"
    } else {
        "0 members: the channel lists no DEFAULT member. HIDDEN members are listed only when asked: \
         run again with --include-hidden (the bearer must be a moderator or AppInstanceAdmin).\n"
    }
}

/// What `scan --output table` prints below the subject: the table, or
/// when nothing was read, what happened instead of an empty table (nothing
/// when the listing failed at once: stderr explains it).
pub fn scan_text(results: &ScanResults) -> String {
    if results.summary().finished() > 0 {
        return scan_table(results);
    }
    match results.partial_reason() {
        None => no_member_line(results.include_hidden()).to_string(),
        Some(_) if results.listing_error().is_some() => String::new(),
        Some(reason) => partial_line(&reason),
    }
}

/// The table of read members (listing order), the summary line, and, when
/// the list is not whole, why (the last line).
pub fn scan_table(results: &ScanResults) -> String {
    let rows: Vec<[String; 4]> = results
        .finished_rows()
        .map(|row| cells(results.channel_arn(), row))
        .collect();
    let mut out = columns(HEADERS, &rows);
    out.push('\n');
    out.push_str(&summary_line(results.summary()));
    out.push('\n');
    if let Some(reason) = results.partial_reason() {
        out.push_str(&partial_line(&reason));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{CallError, ErrorKind};
    use crate::model::Member;
    use crate::scan::fixtures::read;
    use crate::scan::{MemberOutcome, ScanEvent};

    const CH: &str = "arn:aws:chime:us-east-1:1:app-instance/demo/channel/support";

    fn member(id: &str, name: &str) -> Member {
        Member {
            arn: Some(format!("arn:aws:chime:us-east-1:1:app-instance/demo/{id}")),
            name: Some(name.into()),
        }
    }

    #[test]
    fn wide_names_stay_aligned() {
        let mut results = ScanResults::new(CH);
        results.apply(ScanEvent::Listed {
            members: vec![member("user/a", "東京太郎"), member("user/b", "Bob")],
        });
        for index in 0..2 {
            results.apply(ScanEvent::Finished {
                index,
                outcome: read(Some("ALL"), None),
            });
        }
        let text = scan_table(&results);
        let columns: Vec<usize> = text
            .lines()
            .take(3)
            .map(|l| {
                let at = l.find("user/").or_else(|| l.find("ID")).expect("id column");
                crate::text_fit::width(&l[..at])
            })
            .collect();
        assert_eq!(columns.len(), 3);
        assert!(columns.iter().all(|c| *c == columns[0]), "{text}");
    }

    #[test]
    fn aligned_escaped_and_summarised() {
        let mut results = ScanResults::new(CH);
        results.apply(ScanEvent::Listed {
            members: vec![
                member("user/alice", "Alice"),
                member("user/hostile", "Holly\u{1b}]0;pwned\u{7}\u{202e}"),
                member("user/mallory", "Mallory"),
                member("user/erin", "Erin"),
                member("user/frank", "Frank"),
                member("user/pending", "Pending"),
            ],
        });
        results.apply(ScanEvent::Finished {
            index: 0,
            outcome: read(Some("ALL"), None),
        });
        results.apply(ScanEvent::Finished {
            index: 1,
            outcome: read(Some("FILTERED"), Some("{\"mention\": [\"\\u001b[31mx\"]}")),
        });
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
        err.http_status = Some(403);
        results.apply(ScanEvent::Finished {
            index: 2,
            outcome: MemberOutcome::Failed(err),
        });
        results.apply(ScanEvent::Finished {
            index: 3,
            outcome: read(None, None),
        });
        results.apply(ScanEvent::Finished {
            index: 4,
            outcome: read(Some("FILTERED"), Some("{\"mention\": [\"frank\"")),
        });
        let text = scan_table(&results);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "MEMBER                     ID            STATE     DETAIL"
        );
        assert_eq!(lines[1], "Alice                      user/alice    ALL");
        assert_eq!(
            lines[2],
            "Holly\\e]0;pwned\\a\\u{202e}  user/hostile  FILTERED  {\"mention\":[\"\\u001b[31mx\"]}"
        );
        assert_eq!(
            lines[3],
            "Mallory                    user/mallory  ERROR     ForbiddenException (HTTP 403)"
        );
        assert!(
            lines[4].ends_with("not set   channel default applies"),
            "{}",
            lines[4]
        );
        assert!(
            lines[5].ends_with("{\"mention\": [\"frank\" (not valid JSON)"),
            "{}",
            lines[5]
        );
        assert!(!text.contains("Pending"), "unfinished members are left out");
        assert_eq!(
            lines[lines.len() - 2],
            "5 members: 1 ALL, 0 NONE, 2 FILTERED, 1 not set, 0 unknown, 1 error"
        );
        // Not done, one member still pending: the last line says so.
        assert_eq!(
            lines.last().copied(),
            Some("Partial output: interrupted (Ctrl-C or SIGTERM): read 5 of at least 6 members.")
        );
        assert!(!text.chars().any(|c| sanitize::is_unsafe(c) && c != '\n'));
    }

    #[test]
    fn long_names_and_details_are_cut_and_foreign_arns_shown_whole() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcd", 4), "abcd");
        assert_eq!(
            crate::arn::member_in_channel(
                CH,
                "arn:aws:chime:us-east-1:1:app-instance/other/user/x"
            ),
            "arn:aws:chime:us-east-1:1:app-instance/other/user/x"
        );
        assert_eq!(
            crate::arn::member_in_channel(CH, "arn:aws:chime:us-east-1:1:app-instance/demo/bot/b"),
            "bot/b"
        );
    }
}
