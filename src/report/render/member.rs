//! A member picture in Markdown: the heading names the member, then the
//! summary, a table of its channels (rules too long for a cell and the
//! errors listed under it), its devices, the set-up behind them as
//! `diagnose` checks it, what to do next, and the subject.

use std::fmt::Write as _;

use crate::aws_cli_command::{diagnose_command, get_command};
use crate::diagnose::Fact;
use crate::explain::Context;
use crate::member::{MemberResults, summary_line};
use crate::report::Subject;
use crate::report::markdown::{code, text};
use crate::scan::{PushState, RowState};

use super::diagnosis::{checks_table, evidence};
use super::gfm::table;
use super::rows::{self, Below, partial};
use super::{channel_id, subject};

pub fn markdown(s: &Subject, results: &MemberResults, ctx: &Context<'_>) -> String {
    let mut out = format!("# Channels of {}\n\n", subject::who(s));
    let _ = writeln!(out, "**Summary:** {}\n", text(&summary_line(results)));
    out.push_str(&partial(results.partial_reason()));

    let mut below = Below::default();
    let rows: Vec<[String; 8]> = results
        .finished_rows()
        .map(|row| {
            let summary = row.summary();
            let id = row.arn().map(channel_id).unwrap_or("(no ARN)");
            let name = row.name().map(text).unwrap_or_else(|| "(no name)".into());
            let label = format!("{name} ({})", code(id));
            let wire = |v: Option<&str>| v.map(text).unwrap_or_default();
            let [state, detail, rid] = below.cells(&label, &row.state, ctx);
            [
                name,
                code(id),
                wire(
                    summary
                        .and_then(|s| s.privacy.as_ref())
                        .map(|p| p.as_wire()),
                ),
                wire(summary.and_then(|s| s.mode.as_ref()).map(|m| m.as_wire())),
                wire(row.channel.kind.as_ref().map(|k| k.as_wire())),
                state,
                detail,
                rid,
            ]
        })
        .collect();
    if let Some(err) = results.listing_error() {
        below.error("The channel list", err, ctx);
    }
    if let Fact::Failed(err) = results.devices() {
        let identity = Context {
            bearer: None,
            ..ctx.clone()
        };
        below.error("The devices", err, &identity);
    }
    out.push_str("## Channels\n\n");
    if rows.is_empty() {
        out.push_str("No channel was read.\n\n");
    } else {
        out.push_str(&table(
            [
                "Channel",
                "ID",
                "Privacy",
                "Mode",
                "Type",
                "State",
                "Rule or error",
                "Request id",
            ],
            &rows,
        ));
        out.push('\n');
    }
    out.push_str(&below.finish("###"));

    out.push_str("## Devices\n\n");
    match results.devices() {
        Fact::Known { value, request_id } if !value.is_empty() => {
            let rows: Vec<[String; 2]> = value
                .iter()
                .map(|d| {
                    [
                        text(&d.label()),
                        text(&crate::diagnose::device_finding(d, results.scope())),
                    ]
                })
                .collect();
            out.push_str(&table(["Device", "Push"], &rows));
            if let Some(rid) = request_id {
                let _ = writeln!(
                    out,
                    "\nListAppInstanceUserEndpoints request id: {}",
                    code(rid)
                );
            }
            out.push('\n');
        }
        _ => {
            let _ = writeln!(out, "{}\n", text(&results.devices_check().finding));
        }
    }
    let setup = results.setup_checks();
    if !setup.is_empty() {
        out.push_str("## Behind the devices\n\n");
        out.push_str(&checks_table(&setup));
        out.push('\n');
        out.push_str(&evidence(&setup, ctx, "###"));
    }
    out.push_str(&next_steps(results, ctx));
    out.push_str(&subject::block(s));
    out
}

fn next_steps(results: &MemberResults, ctx: &Context<'_>) -> String {
    let info = ctx.run.cloned().unwrap_or_default();
    let member = results.member_arn();
    let failed = results
        .rows()
        .iter()
        .find(|row| matches!(row.state, RowState::Failed(_)))
        .and_then(|row| row.arn());
    let get = failed.map(|channel| get_command(&info, channel, member));
    let muted = results
        .rows()
        .iter()
        .find(|row| {
            matches!(
                row.push_state(),
                Some(PushState::None | PushState::Filtered)
            )
        })
        .and_then(|row| row.arn());
    let diagnose = muted.map(|channel| {
        format!(
            "The whole push path on a muted or filtered channel: {}",
            code(&diagnose_command(&info, channel, member))
        )
    });
    rows::next_steps(
        "channel",
        get,
        results.listing(),
        diagnose.into_iter().collect(),
    )
}
