//! `member --output table`: one row per channel, the summary
//! line, then the devices. Every server-supplied string goes through
//! `crate::sanitize::line` before it is measured or printed.

use crate::diagnose::Fact;
use crate::sanitize;
use crate::scan::RowState;
use crate::scan::table::{columns, state_and_detail};
use crate::text_fit::truncate;

use super::results::{ChannelRow, MemberResults};
use super::summary::summary_line;

const NAME_WIDTH: usize = 32;
const DETAIL_WIDTH: usize = 60;
const HEADERS: [&str; 8] = [
    "CHANNEL", "ID", "PRIVACY", "MODE", "TYPE", "STATE", "RULE", "ERROR",
];

fn safe(text: &str, width: usize) -> String {
    truncate(&sanitize::line(text), width)
}

/// `support` for `…/channel/support`; the whole ARN if it is not one.
fn channel_id(arn: &str) -> &str {
    arn.rsplit_once("/channel/").map_or(arn, |(_, id)| id)
}

fn cells(row: &ChannelRow) -> [String; 8] {
    let summary = row.summary();
    let wire = |value: Option<&str>| value.map_or_else(String::new, |v| safe(v, NAME_WIDTH));
    let name = row
        .name()
        .map(|n| safe(n, NAME_WIDTH))
        .unwrap_or_else(|| "(no name)".into());
    let id = row
        .arn()
        .map(|arn| sanitize::line(channel_id(arn)).into_owned())
        .unwrap_or_else(|| "(no ARN)".into());
    let (state, detail) = state_and_detail(&row.state);
    let (rule, error) = match row.state {
        RowState::Failed(_) => (String::new(), detail),
        _ => (detail, String::new()),
    };
    [
        name,
        id,
        wire(summary.and_then(|s| s.privacy.as_ref().map(|p| p.as_wire()))),
        wire(summary.and_then(|s| s.mode.as_ref().map(|m| m.as_wire()))),
        wire(row.channel.kind.as_ref().map(|k| k.as_wire())),
        sanitize::line(&state).into_owned(),
        safe(&rule, DETAIL_WIDTH),
        safe(&error, DETAIL_WIDTH),
    ]
}

/// The devices: one row each with what the endpoints check says of it, or
/// one line when there is no list.
fn devices(results: &MemberResults) -> String {
    let scope = results.scope();
    match results.devices() {
        Fact::Known { value, .. } if !value.is_empty() => {
            let rows: Vec<[String; 2]> = value
                .iter()
                .map(|device| {
                    [
                        safe(&device.label(), NAME_WIDTH + 12),
                        sanitize::line(&crate::diagnose::device_finding(device, scope))
                            .into_owned(),
                    ]
                })
                .collect();
            columns(["DEVICE", "PUSH"], &rows)
        }
        _ => format!(
            "Devices: {}\n",
            sanitize::line(&results.devices_check().finding)
        ),
    }
}

/// The whole table below the subject (which names the member): channels
/// (read ones, listing order), summary line, devices, the checks behind
/// them, and the partial line if any.
pub fn member_table(results: &MemberResults) -> String {
    let mut out = String::new();
    let rows: Vec<[String; 8]> = results.finished_rows().map(cells).collect();
    if !rows.is_empty() {
        out.push_str(&columns(HEADERS, &rows));
        out.push('\n');
    }
    out.push_str(&sanitize::line(&summary_line(results)));
    out.push_str("\n\n");
    out.push_str(&devices(results));
    // The checks behind the devices, then (last, so it cannot be missed)
    // whether the list is partial.
    let setup = super::setup::setup_table(&results.setup_checks());
    if !setup.is_empty() {
        out.push('\n');
        out.push_str(&setup);
    }
    if let Some(reason) = results.partial_reason() {
        out.push('\n');
        out.push_str(&crate::scan::table::partial_line(&reason));
    }
    out
}
