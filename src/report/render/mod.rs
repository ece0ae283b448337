//! One report, three renderings: text for people, Markdown for a ticket,
//! JSON for scripts and for reopening. The commands print through these
//! functions, and the TUI copies (`y`) and saves (`s`) through them, so a
//! report reads the same wherever it is shown.
//!
//! - `text`: what `--output text` (`table` for `member` and `scan`) prints;
//! - `json`: what `--output json` prints, the `"Report"` object first,
//!   written row by row for `member` and `scan`;
//! - `diagnosis`, `member`, `scan`: the Markdown of each kind, with
//!   `subject` the block every kind ends with.
//!
//! `ctx` fills explanations and printed commands: the live run's
//! [`Context`] when printing, or one built on [`Subject::client_info`] for
//! a report read back.
//!
//! [`Subject::client_info`]: crate::report::Subject::client_info

mod diagnosis;
mod gfm;
mod json;
mod member;
mod rows;
mod scan;
mod subject;
mod text;

use crate::explain::Context;

use super::{Body, Report};

impl Report {
    /// The report as Markdown for a ticket (GitHub, Jira, Zendesk): a
    /// heading naming the subject, the verdict or summary, the checklist
    /// or table, the evidence and request ids, what to do next, and the
    /// subject block. Server text is escaped (`crate::report::markdown`).
    pub fn to_markdown(&self, ctx: &Context<'_>) -> String {
        match &self.body {
            Body::Diagnosis(d) => diagnosis::markdown(&self.subject, d, ctx),
            Body::Member(m) => member::markdown(&self.subject, m, ctx),
            Body::Scan(s) => scan::markdown(&self.subject, s, ctx),
        }
    }

    /// Exactly what the command prints with `--output json` (to a pipe):
    /// the `"Report"` object first, then the command's own keys.
    pub fn to_json(&self, ctx: &Context<'_>) -> String {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = self.write_json(&mut out, ctx);
        String::from_utf8(out).unwrap_or_default()
    }

    /// What the command prints with `--output text` (`table` for `member`
    /// and `scan`), the subject included.
    pub fn to_text(&self, ctx: &Context<'_>) -> String {
        text::text(self, ctx)
    }
}

/// The end of an ARN after its app instance (`user/bob`,
/// `channel/support`), or the whole text when it is not one.
fn short_arn(arn: &str) -> &str {
    arn.split_once(":app-instance/")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or(arn, |(_, tail)| tail)
}

/// A channel's id (`support`), or the whole text.
fn channel_id(arn: &str) -> &str {
    arn.rsplit_once("/channel/").map_or(arn, |(_, id)| id)
}
#[cfg(test)]
mod tests;
