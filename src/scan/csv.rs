//! `scan --output csv`: RFC 4180. One header line, then one record per read
//! member in listing order; CRLF line ends; a field containing a comma, a
//! double quote, CR or LF is quoted, with its double quotes doubled.
//!
//! Values are verbatim, for spreadsheets and scripts, with one exception:
//! a server-supplied cell starting with `=`, `+`, `-`, `@`, tab or CR would
//! run as a formula when the file is opened in a spreadsheet, so it gets a
//! leading `'`, as OWASP recommends against CSV injection ([`neutralise`]).
//! A list that is not whole (interrupted, or its listing failed) ends with
//! one more record: every cell empty but ErrorCode `Partial` and
//! ErrorMessage saying why ([`partial_record`]).
//!
//! Only when stdout is a terminal does the caller ask for values escaped
//! too (`crate::sanitize::line`), so a hostile member name cannot act on the
//! terminal it is printed to.

use std::borrow::Cow;

use crate::error::CallError;
use crate::sanitize;

use super::results::{RowState, ScanResults};

pub const HEADER: [&str; 6] = [
    "Arn",
    "Name",
    "AllowNotifications",
    "FilterRule",
    "ErrorCode",
    "ErrorMessage",
];

/// One field, quoted when RFC 4180 requires it.
pub fn field(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP,
/// "CSV Injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet would run as a formula, made inert with a leading
/// `'`; any other cell unchanged.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// The header line of `names` (fixed, safe text).
pub fn header(out: &mut String, names: &[&str]) {
    out.push_str(&names.join(","));
    out.push_str("\r\n");
}

/// One record of server-supplied values: each neutralised, escaped for a
/// terminal if asked, then quoted.
pub fn record(out: &mut String, values: &[&str], escape: bool) {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let value = neutralise(value);
        if escape {
            out.push_str(&field(&sanitize::line(&value)));
        } else {
            out.push_str(&field(&value));
        }
    }
    out.push_str("\r\n");
}

/// The last record of a list that is not whole: `columns` cells, all empty
/// but the last two (ErrorCode `Partial`, ErrorMessage the reason).
pub fn partial_record(out: &mut String, columns: usize, reason: &str, escape: bool) {
    let mut values = vec![""; columns.saturating_sub(2)];
    values.extend(["Partial", reason]);
    record(out, &values, escape);
}

/// The ErrorCode and ErrorMessage cells of a failed call.
pub fn error_fields(err: &CallError) -> (String, &str) {
    let message = err
        .message
        .as_deref()
        .or(err.detail.as_deref())
        .unwrap_or("");
    (err.display_code(), message)
}

pub fn scan_csv(results: &ScanResults, escape_for_terminal: bool) -> String {
    let mut out = String::new();
    header(&mut out, &HEADER);
    for row in results.finished_rows() {
        let arn = row.member.arn.as_deref().unwrap_or("");
        let name = row.member.name.as_deref().unwrap_or("");
        match &row.state {
            RowState::Read(lookup) => {
                let allow = lookup.response.allow().map(|a| a.as_wire()).unwrap_or("");
                let rule = lookup
                    .response
                    .filter_rule()
                    .map(|r| r.raw.as_str())
                    .unwrap_or("");
                record(
                    &mut out,
                    &[arn, name, allow, rule, "", ""],
                    escape_for_terminal,
                );
            }
            RowState::Failed(err) => {
                let (code, message) = error_fields(err);
                record(
                    &mut out,
                    &[arn, name, "", "", &code, message],
                    escape_for_terminal,
                );
            }
            RowState::Pending => {}
        }
    }
    if let Some(reason) = results.partial_reason() {
        partial_record(&mut out, HEADER.len(), &reason, escape_for_terminal);
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

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(field("lf\nonly"), "\"lf\nonly\"");
        assert_eq!(field(""), "");
        // Other control characters need no quoting in RFC 4180.
        assert_eq!(field("esc\u{1b}[2J"), "esc\u{1b}[2J");
    }

    fn results() -> ScanResults {
        let mut results = ScanResults::new("arn:c");
        results.apply(ScanEvent::Listed {
            members: vec![
                Member {
                    arn: Some("arn:a".into()),
                    name: Some("Doe, \"J\"\u{1b}]0;x\u{7}".into()),
                },
                Member {
                    arn: Some("arn:b".into()),
                    name: None,
                },
            ],
        });
        results.apply(ScanEvent::Finished {
            index: 0,
            outcome: read(Some("FILTERED"), Some("{\"a\":[\"x\",\"y\"]}")),
        });
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::ServiceUnavailable,
        );
        err.message = Some("down, for now".into());
        results.apply(ScanEvent::Finished {
            index: 1,
            outcome: MemberOutcome::Failed(err),
        });
        results.apply(ScanEvent::ListingComplete { total: 2 });
        results.apply(ScanEvent::Done);
        results
    }

    #[test]
    fn a_list_that_is_not_whole_ends_with_a_partial_record() {
        let mut results = ScanResults::new("arn:c");
        results.apply(ScanEvent::Listed {
            members: vec![Member {
                arn: Some("arn:a".into()),
                name: None,
            }],
        });
        // No Done: stopped by a signal.
        let text = scan_csv(&results, false);
        assert_eq!(
            text,
            "Arn,Name,AllowNotifications,FilterRule,ErrorCode,ErrorMessage\r\n\
             ,,,,Partial,interrupted (Ctrl-C or SIGTERM): read 0 of at least 1 member\r\n"
        );
    }

    #[test]
    fn records_are_verbatim_with_crlf() {
        let text = scan_csv(&results(), false);
        let expected = "Arn,Name,AllowNotifications,FilterRule,ErrorCode,ErrorMessage\r\n\
            arn:a,\"Doe, \"\"J\"\"\u{1b}]0;x\u{7}\",FILTERED,\"{\"\"a\"\":[\"\"x\"\",\"\"y\"\"]}\",,\r\n\
            arn:b,,,,ServiceUnavailableException,\"down, for now\"\r\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_leading_quote() {
        for (value, expected) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Bob = boss", "Bob = boss"),
            ("arn:aws:chime", "arn:aws:chime"),
            ("", ""),
        ] {
            assert_eq!(neutralise(value), expected, "{value:?}");
        }
    }

    #[test]
    fn every_server_cell_is_neutralised_and_still_quoted() {
        let mut results = ScanResults::new("arn:c");
        results.apply(ScanEvent::Listed {
            members: vec![
                Member {
                    arn: Some("=arn".into()),
                    name: Some("=cmd|' /C calc'!A0".into()),
                },
                Member {
                    arn: Some("@b".into()),
                    name: Some("-x, \"y\"".into()),
                },
            ],
        });
        results.apply(ScanEvent::Finished {
            index: 0,
            outcome: read(Some("+ALL"), Some("-{}")),
        });
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::UnknownCode,
        );
        err.message = Some("\tdown".into());
        err.code = Some("=Code".into());
        results.apply(ScanEvent::Finished {
            index: 1,
            outcome: MemberOutcome::Failed(err),
        });
        let text = scan_csv(&results, false);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert_eq!(lines[1], "'=arn,'=cmd|' /C calc'!A0,'+ALL,'-{},,");
        assert_eq!(lines[2], "'@b,\"'-x, \"\"y\"\"\",,,'=Code,'\tdown");
        // On a terminal too, escaped after the quote is added.
        let text = scan_csv(&results, true);
        assert!(text.contains(",'\\tdown\r\n"), "{text:?}");
    }

    #[test]
    fn escaped_for_a_terminal_nothing_acts() {
        let text = scan_csv(&results(), true);
        assert!(text.contains("\"Doe, \"\"J\"\"\\e]0;x\\a\""), "{text}");
        assert!(!text.contains('\u{1b}'));
    }
}
