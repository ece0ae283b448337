//! What the `member` and `scan` tables share in Markdown: a row's state,
//! rule and error cells, the long rules and the errors listed under the
//! table (a cell holds only what keeps the table readable), and the
//! partial line.

use std::fmt::Write as _;

use crate::error::CallError;
use crate::explain::{Context, explain_error};
use crate::model::FilterRuleText;
use crate::output::text::server_message;
use crate::report::markdown::{code, fenced, text};
use crate::scan::table::{rule_summary, state_and_detail};
use crate::scan::{Listing, RowState};

use super::gfm::in_item;

/// A rule longer than this (compact) goes under the table.
const RULE_IN_CELL: usize = 60;

/// What goes under a table: the rules too long for a cell and the errors,
/// each named by its row.
#[derive(Default)]
pub struct Below {
    rules: String,
    errors: String,
}

impl Below {
    /// The STATE, RULE-or-ERROR and request id cells of a row (`label`
    /// names it under the table). A long rule and every error are listed
    /// under the table.
    pub fn cells(&mut self, label: &str, state: &RowState, ctx: &Context<'_>) -> [String; 3] {
        let (word, detail) = state_and_detail(state);
        match state {
            RowState::Read(lookup) => {
                let rid = lookup.meta.request_id.as_deref().map(code);
                let rule = match lookup.response.filter_rule() {
                    Some(rule) => self.rule_cell(label, rule),
                    None => text(&detail),
                };
                [text(&word), rule, rid.unwrap_or_default()]
            }
            RowState::Failed(err) => {
                self.error(label, err, ctx);
                let rid = err.request_id.as_deref().map(code);
                [text(&word), code(&detail), rid.unwrap_or_default()]
            }
            RowState::Pending => [text(&word), String::new(), String::new()],
        }
    }

    fn rule_cell(&mut self, label: &str, rule: &FilterRuleText) -> String {
        let compact = rule_summary(rule);
        if compact.chars().count() <= RULE_IN_CELL && !rule.raw.contains('\n') {
            return code(&compact);
        }
        let shown = match &rule.parsed {
            Ok(value) => serde_json::to_string_pretty(value).unwrap_or_else(|_| rule.raw.clone()),
            Err(_) => rule.raw.clone(),
        };
        let lang = if rule.parsed.is_ok() { "json" } else { "" };
        let _ = writeln!(self.rules, "- {label}:\n");
        self.rules.push_str(&in_item(&fenced(&shown, lang)));
        if rule.parsed.is_err() {
            "(below, not valid JSON)".to_string()
        } else {
            "(below)".to_string()
        }
    }

    /// An error under the table: what failed, its code, request id, the
    /// explanation's title and the server's message.
    pub fn error(&mut self, label: &str, err: &CallError, ctx: &Context<'_>) {
        let _ = writeln!(self.errors, "{}", error_item(label, err, ctx));
    }

    /// The lists, each under its heading (`level` `###` or `##`).
    pub fn finish(self, level: &str) -> String {
        let mut out = String::new();
        if !self.rules.is_empty() {
            let _ = writeln!(out, "{level} Filter rules\n\n{}", self.rules);
        }
        if !self.errors.is_empty() {
            let _ = writeln!(out, "{level} Errors\n\n{}", self.errors);
        }
        out
    }
}

/// `- label: ListChannelMemberships failed: `Code` (HTTP 403), request id
/// `r`. **Title:** summary. Message: ...`
pub fn error_item(label: &str, err: &CallError, ctx: &Context<'_>) -> String {
    let rendered = explain_error(err, ctx);
    let mut item = format!(
        "- {label}: {} failed: {}",
        err.operation,
        code(&err.display_code())
    );
    if let Some(status) = err.http_status {
        let _ = write!(item, " (HTTP {status})");
    }
    if let Some(rid) = &err.request_id {
        let _ = write!(item, ", request id {}", code(rid));
    }
    let _ = write!(
        item,
        ". **{}:** {}",
        text(&rendered.title),
        text(&rendered.summary)
    );
    if let Some(message) = &err.message {
        let _ = write!(item, " Message: {}", text(&server_message(message)));
    }
    item
}

/// The partial line, in bold so it cannot be missed.
pub fn partial(reason: Option<String>) -> String {
    match reason {
        Some(reason) => format!("**Partial output:** {}.\n\n", text(&reason)),
        None => String::new(),
    }
}

/// The next steps of a table: the `get` that explains a row that failed
/// (`noun` names what a row is), raising `--max-items` when the listing
/// stopped there, then `more`. Empty when there is nothing to do.
pub fn next_steps(noun: &str, get: Option<String>, listing: &Listing, more: Vec<String>) -> String {
    let mut steps = Vec::new();
    if let Some(command) = get {
        steps.push(format!(
            "The full explanation of a {noun} that could not be read: {}",
            code(&command)
        ));
    }
    if let Listing::Capped(limit) = listing {
        steps.push(format!(
            "The listing stopped at {}: raise it to list the rest.",
            code(&format!("--max-items {limit}"))
        ));
    }
    steps.extend(more);
    if steps.is_empty() {
        return String::new();
    }
    let mut out = String::from("## Next steps\n\n");
    for step in steps {
        let _ = writeln!(out, "- {step}");
    }
    out.push('\n');
    out
}
