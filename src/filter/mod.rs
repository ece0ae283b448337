//! FilterRule engine: parse, lint, describe and evaluate Amazon Chime SDK
//! Messaging push-notification filter rules against message attributes.
//!
//! # Semantics (Chime SDK developer guide, "Using filter rules to filter messages")
//!
//! A FilterRule applies only when a channel membership's `AllowNotifications`
//! is `FILTERED`. It is a JSON object serialized into a string. Each key names
//! a message attribute and maps to a non-empty list of conditions:
//!
//! - an exact string (inclusive): `{"mention": ["Bob"]}`;
//! - `{"anything-but": ["Room"]}` (exclusive).
//!
//! The conditions in one list are ORed; the keys of one object are ANDed;
//! `{"$or": [obj, obj, ...]}` ORs whole objects. Message attributes map names
//! to lists of strings, as in SendChannelMessage's
//! `{"name": {"StringValues": ["v1", ...]}}`.
//!
//! Documented limits, checked by [`lint`]: exact string matching only; the rule
//! at most 2048 bytes (UTF-8 bytes of the rule text as given); message
//! attributes at most 1024 bytes; at most 5 branches in an `$or`; complexity
//! (keys + values) at most 20.
//!
//! # Assumptions (undocumented by Chime; decided as SNS filter policies do)
//!
//! - A key missing from the message's attributes matches no condition, neither
//!   an exact string nor `anything-but`.
//! - `anything-but` on an attribute with several values matches when at least
//!   one of the values is not excluded (SNS matches a policy against a string
//!   array when any element matches).
//! - An object holding `$or` next to other keys: the other keys are ANDed with
//!   the OR.
//! - Complexity: the `$or` key itself does not count; an `$or` adds the
//!   complexity of each branch (so complexity is additive over branches);
//!   `anything-but` is not a key, its strings are values.
//! - "At most 5 constraints inside an `$or`" means at most 5 branch objects.
//! - `FILTERED` with no rule: assumed to push every message, as an SNS
//!   subscription without a filter policy receives everything.
//! - An empty rule `{}` (or empty `$or` branch) matches every message.
//! - A key repeated in one JSON object: the last occurrence wins (as in most
//!   JSON parsers), with a `duplicate-key` warning.
//! - Message-attribute size is measured as the compact JSON of the
//!   SendChannelMessage shape `{"name":{"StringValues":["v"]}}`.
//!
//! # Entry points
//!
//! [`parse`] (structure only, strict), [`lint`] (every finding, never fails),
//! [`lint_preferences`], [`evaluate`], [`describe`], [`pretty`],
//! [`parse_attributes`] and [`check`] (all of it, serializable for `--json`).

mod attributes;
mod describe;
mod evaluate;
mod json_tree;
mod lint;
mod parse;
mod path;
mod report;
mod rule;
mod structure;

pub use attributes::{Attributes, AttributesError, parse_attributes};
pub use describe::describe;
pub use evaluate::{Verdict, evaluate};
pub use lint::{LintReport, lint, lint_preferences};
pub use parse::{ParseError, parse};
pub use report::{CheckReport, check};
pub use rule::{Clause, Condition, Expr, Rule, pretty};

use serde::Serialize;

/// Largest rule text Chime accepts, in UTF-8 bytes.
pub const MAX_RULE_BYTES: usize = 2048;
/// Largest message-attribute map, in bytes of its compact JSON.
pub const MAX_ATTRIBUTES_BYTES: usize = 1024;
/// Most branches allowed in an `$or`.
pub const MAX_OR_BRANCHES: usize = 5;
/// Highest complexity (keys + values) allowed.
pub const MAX_COMPLEXITY: usize = 20;
/// Attribute names are 1 to 64 characters.
pub const MAX_ATTRIBUTE_NAME_CHARS: usize = 64;
/// Attribute values are 1 to 512 characters.
pub const MAX_ATTRIBUTE_VALUE_CHARS: usize = 512;

/// How serious a [`Finding`] is. Ordered most serious first, so sorting puts
/// errors on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Chime would reject the rule, or it cannot be evaluated.
    Error,
    /// Accepted, but probably not what was meant.
    Warning,
    /// Worth knowing; harmless.
    Info,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// One lint result. `code` is a stable kebab-case identifier; `path` is a JSON
/// path into the rule such as `$.mention[0]` or `$["$or"][2]` (`$` for the
/// whole rule, `attributes...` for the message attributes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub path: String,
}

impl Finding {
    pub(crate) fn new(
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            severity,
            code,
            message: message.into(),
            path: path.into(),
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} [{}] at {}: {}",
            self.severity, self.code, self.path, self.message
        )
    }
}
