//! A diagnosis in Markdown: the heading names the member and channel and
//! gives the verdict, then the checklist table, the evidence of each check
//! (with request ids, advice and explained errors) as lists under it, what
//! to check by hand, and the subject. The checklist and evidence are also
//! what `member` shows of the set-up behind the devices.

use std::fmt::Write as _;

use crate::diagnose::{Check, Diagnosis, Status};
use crate::explain::{self, Context};
use crate::output::diagnosis::{command, needed_actions, status_label};
use crate::output::text::server_message;
use crate::report::Subject;
use crate::report::markdown::{code, fenced, text};

use super::gfm::{in_item, language, table};
use super::{channel_id, subject};

pub fn markdown(s: &Subject, d: &Diagnosis, ctx: &Context<'_>) -> String {
    let push = d.verdict.push.as_str().to_uppercase();
    let channel = s.channel_arn.as_deref().map(channel_id).unwrap_or("?");
    let mut out = format!(
        "# Would a push reach {} on {}? {push}\n\n",
        subject::who(s),
        code(channel)
    );
    let _ = writeln!(
        out,
        "**Would a push arrive? {push}:** {}\n",
        text(&d.verdict.reason)
    );
    if let Some(b) = d.verdict.blocking {
        let _ = writeln!(out, "**Blocking check:** {}\n", code(b.id()));
    }
    if d.interrupted {
        out.push_str(
            "**Interrupted** (Ctrl\\-C or SIGTERM): the checks are what had been answered.\n\n",
        );
    }
    out.push_str("## Checks\n\n");
    out.push_str(&checks_table(&d.checks));
    out.push('\n');
    let evidence = evidence(&d.checks, ctx, "###");
    if !evidence.is_empty() {
        out.push_str("## Evidence\n\n");
        out.push_str(&evidence);
    }
    if !d.manual.is_empty() {
        out.push_str("## Check by hand\n\nBeyond these APIs:\n\n");
        for m in &d.manual {
            let _ = writeln!(out, "- {}", text(&m.what));
            if let Some(cmd) = &m.command {
                out.push('\n');
                out.push_str(&in_item(&fenced(&command(cmd, ctx), "sh")));
            }
        }
        out.push('\n');
    }
    out.push_str(&subject::block(s));
    out
}

/// The checklist: status, check, what it asks, the finding, and the
/// request id of the call it rests on.
pub fn checks_table(checks: &[Check]) -> String {
    let rows: Vec<[String; 5]> = checks
        .iter()
        .map(|c| {
            [
                format!("**{}**", status_label(c.status)),
                code(c.id.id()),
                text(c.id.title()),
                text(&c.finding),
                c.request_id.as_deref().map(code).unwrap_or_default(),
            ]
        })
        .collect();
    table(["Status", "Check", "Asks", "Finding", "Request id"], &rows)
}

/// For each check with something to show: its evidence (a policy or
/// statement in a fenced block), the call and request id, and when it does
/// not pass, the advice, the IAM actions that would let it run, and its
/// error explained. A server message said once is referred to after.
/// Each check's heading is at `level` (`###`).
pub fn evidence(checks: &[Check], ctx: &Context<'_>, level: &str) -> String {
    let mut out = String::new();
    let mut shown: Vec<(&str, &str)> = Vec::new();
    for c in checks {
        let mut items = String::new();
        for (key, value) in &c.evidence {
            items.push_str(&evidence_item(key, value));
        }
        if let (Some(op), Some(rid)) = (c.operation, &c.request_id) {
            let _ = writeln!(items, "- {op} request id: {}", code(rid));
        }
        if c.status != Status::Pass {
            for line in &c.advice {
                let _ = writeln!(items, "- → {}", text(line));
            }
            if !c.needs.is_empty() {
                let actions: Vec<String> = needed_actions(c).iter().map(|a| code(a)).collect();
                let _ = writeln!(
                    items,
                    "- → To run this check, allow {}.",
                    actions.join(", ")
                );
            }
            if let Some(err) = &c.error {
                let rendered = explain::explain(err.operation, err.kind).render(ctx);
                let _ = writeln!(
                    items,
                    "- **{}:** {}",
                    text(&rendered.title),
                    text(&rendered.summary)
                );
                let mut call = format!("{} failed: {}", err.operation, code(&err.display_code()));
                if let Some(status) = err.http_status {
                    let _ = write!(call, " (HTTP {status})");
                }
                if let Some(rid) = &err.request_id {
                    let _ = write!(call, ", request id {}", code(rid));
                }
                let _ = writeln!(items, "- {call}");
                if let Some(message) = &err.message {
                    let line = match shown.iter().find(|(m, _)| *m == message.as_str()) {
                        Some((_, first)) => {
                            format!("the same as for the {} check above", code(first))
                        }
                        None => {
                            shown.push((message.as_str(), c.id.id()));
                            text(&server_message(message))
                        }
                    };
                    let _ = writeln!(items, "- Message: {line}");
                }
                for step in &rendered.next_steps {
                    let _ = writeln!(items, "- → {}", text(step));
                }
            }
        }
        if !items.is_empty() {
            let _ = writeln!(
                out,
                "{level} {}: {}\n\n{items}",
                code(c.id.id()),
                status_label(c.status)
            );
        }
    }
    out
}

/// JSON longer than this (attributes, a statement) goes in a fenced block.
const JSON_IN_LINE: usize = 60;

/// One piece of evidence as a list item: a policy, a filter rule or long
/// JSON in a fenced block under its name, short JSON as code, words as
/// text.
fn evidence_item(key: &str, value: &str) -> String {
    let json = value.starts_with('{') || value.starts_with('[');
    if value.contains('\n') || key == "FilterRule" || (json && value.chars().count() > JSON_IN_LINE)
    {
        format!(
            "- {}:\n\n{}",
            text(key),
            in_item(&fenced(value, language(value)))
        )
    } else if json {
        format!("- {}: {}\n", text(key), code(value))
    } else {
        format!("- {}: {}\n", text(key), text(value))
    }
}
