//! `member --output csv`: RFC 4180, one record per read channel in listing
//! order, as `scan --output csv` writes them: values verbatim, a cell a
//! spreadsheet would run as a formula made inert with a leading `'`, and
//! escaped for a terminal only when stdout is one.

use crate::scan::RowState;
use crate::scan::csv::{error_fields, header, partial_record, record};

use super::results::MemberResults;

pub const HEADER: [&str; 9] = [
    "ChannelArn",
    "Name",
    "Privacy",
    "Mode",
    "MembershipType",
    "AllowNotifications",
    "FilterRule",
    "ErrorCode",
    "ErrorMessage",
];

pub fn member_csv(results: &MemberResults, escape_for_terminal: bool) -> String {
    let mut out = String::new();
    header(&mut out, &HEADER);
    for row in results.finished_rows() {
        let summary = row.summary();
        let arn = row.arn().unwrap_or("");
        let name = row.name().unwrap_or("");
        let privacy = summary
            .and_then(|s| s.privacy.as_ref())
            .map_or("", |p| p.as_wire());
        let mode = summary
            .and_then(|s| s.mode.as_ref())
            .map_or("", |m| m.as_wire());
        let kind = row.channel.kind.as_ref().map_or("", |k| k.as_wire());
        let channel = [arn, name, privacy, mode, kind];
        match &row.state {
            RowState::Read(lookup) => {
                let prefs = &lookup.response;
                let allow = prefs.allow().map_or("", |a| a.as_wire());
                let rule = prefs.filter_rule().map_or("", |r| r.raw.as_str());
                record(
                    &mut out,
                    &[&channel[..], &[allow, rule, "", ""]].concat(),
                    escape_for_terminal,
                );
            }
            RowState::Failed(err) => {
                let (code, message) = error_fields(err);
                record(
                    &mut out,
                    &[&channel[..], &["", "", &code, message]].concat(),
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
