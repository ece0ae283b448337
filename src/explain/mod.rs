//! The explanation catalog: for every failed call, what happened, what it
//! means for that operation, the likely causes and what to do next. This is
//! data, and it lives here and nowhere else.
//!
//! An explanation is looked up by ([`Operation`], [`ErrorKind`]): an entry
//! written for the operation, else one for its service, else the kind's
//! default. Evidence on the error (an IAM denial in the message, a proxy in
//! the way, what the profile's credential source did) picks a more specific
//! entry. Text is filled by [`template`]: a value that is not known is never
//! replaced by a stand-in such as `<profile>`; the text says it without.

mod by_evidence;
mod by_kind;
mod by_operation;
mod by_service;
mod template;
mod values;

use crate::aws::ClientInfo;
use crate::error::{CallError, ErrorKind, Evidence};
use crate::operation::Operation;

use values::Values;

/// The catalog's text for one situation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub title: &'static str,
    pub summary: &'static str,
    /// Said instead of `summary` when a response arrived (only where that
    /// changes what happened, e.g. expired credentials).
    pub summary_when_sent: Option<&'static str>,
    pub causes: &'static [&'static str],
    /// Causes that only apply when the bearer is not the member; left out
    /// when the context shows they are the same.
    pub bearer_causes: &'static [&'static str],
    pub next_steps: &'static [&'static str],
    /// Steps that only make sense when the bearer is not the member (such
    /// as "leave --bearer-arn out").
    pub bearer_steps: &'static [&'static str],
}

impl Entry {
    pub(crate) const BLANK: Entry = Entry {
        title: "",
        summary: "",
        summary_when_sent: None,
        causes: &[],
        bearer_causes: &[],
        next_steps: &[],
        bearer_steps: &[],
    };
}

/// The explanation of one kind of failure of one operation.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    pub operation: Operation,
    pub kind: ErrorKind,
    /// Plain text, no values: safe to show as is.
    pub title: &'static str,
    entry: Entry,
}

/// Values for the catalog's text. Unknown ones stay `None`: the text is
/// then said without them.
#[derive(Debug, Default, Clone)]
pub struct Context<'a> {
    pub profile: Option<&'a str>,
    /// The region the call went to (the ARN's).
    pub region: Option<&'a str>,
    pub member: Option<&'a str>,
    pub bearer: Option<&'a str>,
    pub channel: Option<&'a str>,
    /// The run's client settings: the endpoint actually called, and the
    /// flags every printed command carries. `None` says commands without
    /// them (but for the profile).
    pub run: Option<&'a ClientInfo>,
}

pub use crate::error::Rendered;

/// The explanation of `kind` for `operation`, from the catalog alone.
pub fn explain(operation: Operation, kind: ErrorKind) -> Explanation {
    let entry = by_operation::entry(operation, kind)
        .or_else(|| by_service::entry(operation.service(), kind))
        .unwrap_or_else(|| by_kind::entry(kind));
    Explanation {
        operation,
        kind,
        title: entry.title,
        entry,
    }
}

/// The explanation of a failed call, from the catalog and the evidence on
/// the error: what the output shows.
pub fn explain_error(err: &CallError, ctx: &Context<'_>) -> Rendered {
    // An error read back from a report: its explanation as the report
    // wrote it (the evidence behind it is not in the report).
    if let Some(Evidence::Reported(kept)) = err.evidence.as_deref() {
        return (**kept).clone();
    }
    let denial = err.iam_denial();
    let evidence_entry = by_evidence::entry(err, denial.as_ref());
    let base = explain(err.operation, err.kind);
    let entry = evidence_entry.unwrap_or(base.entry);
    let values = Values::new(err.operation, ctx, err.evidence.as_deref(), denial.as_ref());
    let mut rendered = render(&entry, err.kind, &values, ctx, err.was_sent());
    rendered.retryable = err.retryable();
    if let Some(denial) = denial.filter(|d| !d.explicit_deny)
        && err.kind == ErrorKind::AccessDenied
    {
        rendered.policy = Some(denial.allow_statement());
    }
    rendered
}

impl Explanation {
    /// The catalog text filled from `ctx`, without evidence from an error
    /// (see [`explain_error`]).
    pub fn render(&self, ctx: &Context<'_>) -> Rendered {
        let values = Values::new(self.operation, ctx, None, None);
        render(&self.entry, self.kind, &values, ctx, false)
    }
}

fn render(
    entry: &Entry,
    kind: ErrorKind,
    values: &Values<'_>,
    ctx: &Context<'_>,
    sent: bool,
) -> Rendered {
    let value = |name: &str| values.get(name);
    let fill = |text: &str| template::fill(text, &value);
    let fill_all = |lines: &[&str]| lines.iter().filter_map(|l| fill(l)).collect::<Vec<_>>();
    // The bearer-only lines are left out when the bearer is the member.
    let same_bearer = ctx.bearer.is_some() && ctx.bearer == ctx.member;
    let summary = match entry.summary_when_sent {
        Some(sent_summary) if sent => sent_summary,
        _ => entry.summary,
    };
    let mut causes = if same_bearer {
        Vec::new()
    } else {
        fill_all(entry.bearer_causes)
    };
    causes.extend(fill_all(entry.causes));
    let mut next_steps = if same_bearer {
        Vec::new()
    } else {
        fill_all(entry.bearer_steps)
    };
    next_steps.extend(fill_all(entry.next_steps));
    Rendered {
        title: entry.title.to_string(),
        summary: fill(summary).unwrap_or_default(),
        causes,
        next_steps,
        retryable: kind.retryable(),
        policy: None,
    }
}

#[cfg(test)]
mod tests;
