//! What the lookup screen shows: nothing yet, ARN problems, a
//! lookup, or a failure. Derived data (highlighted rule, lint report) is
//! computed once here when a result arrives, never per frame.

use std::time::Instant;

use crate::arn::ArnProblem;
use crate::error::CallError;
use crate::filter::{self, CheckReport, Finding};
use crate::model::{AllowNotifications, Lookup, Target};
use crate::tui::highlight::{self, TokenLine};

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing fetched yet.
    Empty,
    /// Enter was pressed with ARN problems: nothing was sent.
    Invalid(Vec<ArnProblem>),
    Loaded(Box<Loaded>),
    Failed(Box<Failed>),
}

impl Outcome {
    pub fn target(&self) -> Option<&Target> {
        match self {
            Outcome::Loaded(l) => Some(&l.target),
            Outcome::Failed(f) => Some(&f.target),
            _ => None,
        }
    }
}

/// The FilterRule prepared for display.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleView {
    /// Pretty-printed and highlighted, or the raw text when it is not JSON.
    pub lines: Vec<TokenLine>,
    /// The rule on one line (compact JSON, or the raw text made safe), for
    /// the result pane beside the state.
    pub compact: TokenLine,
    /// The JSON syntax error ("line L, column C: ...") when it is not JSON.
    pub syntax_error: Option<String>,
    /// Lint, description, size and complexity.
    pub report: CheckReport,
}

impl RuleView {
    pub fn new(
        raw: &str,
        parsed: Option<&serde_json::Value>,
        syntax_error: Option<String>,
    ) -> Self {
        let pretty = parsed.and_then(|v| serde_json::to_string_pretty(v).ok());
        let lines = match &pretty {
            Some(p) => highlight::highlight_json(p),
            None => highlight::plain_lines(raw),
        };
        let compact = match parsed.and_then(|v| serde_json::to_string(v).ok()) {
            Some(json) => highlight::highlight_json(&json)
                .into_iter()
                .next()
                .unwrap_or_default(),
            None => highlight::plain_lines(&crate::sanitize::line(raw))
                .into_iter()
                .next()
                .unwrap_or_default(),
        };
        RuleView {
            lines,
            compact,
            syntax_error,
            report: filter::check(raw, None),
        }
    }

    /// True when the test panel can evaluate messages against it.
    pub fn testable(&self) -> bool {
        self.report.rule.is_some()
    }
}

/// Which fields differ from the previous fetch of the same target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub allow: bool,
    pub rule: bool,
    pub name: bool,
    /// The previous fetch of this target failed, or this one is the first
    /// success after failures.
    pub recovered: bool,
}

impl Changes {
    pub fn any(&self) -> bool {
        self.allow || self.rule || self.name || self.recovered
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub target: Target,
    pub lookup: Lookup,
    pub rule: Option<RuleView>,
    /// Findings about the state as a whole (FILTERED with no rule, a rule
    /// that ALL makes moot, an unknown state).
    pub preference_findings: Vec<Finding>,
    pub changes: Changes,
}

impl Loaded {
    pub fn new(target: Target, lookup: Lookup, previous: Option<&Outcome>) -> Self {
        let rule = lookup.response.filter_rule().map(|r| {
            let error = r.parsed.as_ref().err().map(|e| e.to_string());
            RuleView::new(&r.raw, r.parsed.as_ref().ok(), error)
        });
        let mut preference_findings = match lookup.response.allow() {
            Some(allow) => filter::lint_preferences(
                allow.as_wire(),
                lookup.response.filter_rule().map(|r| r.raw.as_str()),
            ),
            None => Vec::new(),
        };
        // The rule's own findings are shown with the rule, once.
        if let Some(rule) = &rule {
            preference_findings.retain(|f| !rule.report.findings.contains(f));
        }
        let changes = match previous {
            Some(Outcome::Loaded(prev)) if prev.target == target => Changes {
                allow: prev.lookup.response.allow() != lookup.response.allow(),
                rule: prev.lookup.response.filter_rule().map(|r| &r.raw)
                    != lookup.response.filter_rule().map(|r| &r.raw),
                name: prev.lookup.response.member_name() != lookup.response.member_name(),
                recovered: false,
            },
            Some(Outcome::Failed(prev)) if prev.target == target => Changes {
                recovered: true,
                ..Changes::default()
            },
            _ => Changes::default(),
        };
        Loaded {
            target,
            lookup,
            rule,
            preference_findings,
            changes,
        }
    }

    pub fn allow(&self) -> Option<&AllowNotifications> {
        self.lookup.response.allow()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub target: Target,
    pub error: CallError,
    /// The previous fetch of this target succeeded: the state changed.
    pub was_ok: bool,
}

/// A request on its way.
#[derive(Debug, Clone, PartialEq)]
pub struct InFlight {
    pub id: crate::tui::job::JobId,
    pub target: Target,
    pub started: Instant,
}
