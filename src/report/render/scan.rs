//! A channel scan in Markdown: the heading names the channel, then the
//! summary, a table of its members (rules too long for a cell and the
//! errors listed under it), what to do next, and the subject.

use std::fmt::Write as _;

use crate::aws_cli_command::get_command;
use crate::explain::Context;
use crate::report::Subject;
use crate::report::markdown::{code, text};
use crate::scan::table::{no_member_line, summary_line};
use crate::scan::{RowState, ScanResults};

use super::gfm::table;
use super::rows::{self, Below, partial};
use super::{channel_id, subject};

pub fn markdown(s: &Subject, results: &ScanResults, ctx: &Context<'_>) -> String {
    let channel = results.channel_arn();
    let mut out = format!("# Members of {}\n\n", code(channel_id(channel)));
    let _ = writeln!(
        out,
        "**Summary:** {}\n",
        text(&summary_line(results.summary()))
    );
    out.push_str(&partial(results.partial_reason()));

    let mut below = Below::default();
    let rows: Vec<[String; 5]> = results
        .finished_rows()
        .map(|row| {
            let name = row
                .member
                .name
                .as_deref()
                .map(text)
                .unwrap_or_else(|| "(no name)".into());
            let id = row
                .member
                .arn
                .as_deref()
                .map(|arn| code(crate::arn::member_in_channel(channel, arn)))
                .unwrap_or_else(|| "(no ARN)".into());
            let label = format!("{name} ({id})");
            let [state, detail, rid] = below.cells(&label, &row.state, ctx);
            [name, id, state, detail, rid]
        })
        .collect();
    if let Some(err) = results.listing_error() {
        let listing = Context {
            member: None,
            ..ctx.clone()
        };
        below.error("The member list", err, &listing);
    }
    out.push_str("## Members\n\n");
    out.push_str(if results.include_hidden() {
        "DEFAULT and HIDDEN members (`--include-hidden`).\n\n"
    } else {
        "DEFAULT members only: HIDDEN ones are listed with `--include-hidden`.\n\n"
    });
    if rows.is_empty() {
        let none = match results.partial_reason() {
            None => no_member_line(results.include_hidden()).trim_end(),
            Some(_) => "No member was read.",
        };
        let _ = writeln!(out, "{}\n", text(none));
    } else {
        out.push_str(&table(
            ["Member", "ID", "State", "Rule or error", "Request id"],
            &rows,
        ));
        out.push('\n');
    }
    out.push_str(&below.finish("###"));
    out.push_str(&next_steps(results, ctx));
    out.push_str(&subject::block(s));
    out
}

fn next_steps(results: &ScanResults, ctx: &Context<'_>) -> String {
    let info = ctx.run.cloned().unwrap_or_default();
    let failed = results
        .rows()
        .iter()
        .find(|row| matches!(row.state, RowState::Failed(_)))
        .and_then(|row| row.member.arn.as_deref());
    let get = failed.map(|member| get_command(&info, results.channel_arn(), member));
    rows::next_steps("member", get, results.listing(), Vec::new())
}
