//! The three ARN inputs and what can be wrong with one of them.

use std::fmt;

pub(super) const CHANNEL_EXAMPLE: &str =
    "arn:aws:chime:us-east-1:111122223333:app-instance/<id>/channel/<id>";
pub(super) const MEMBER_EXAMPLE: &str =
    "arn:aws:chime:us-east-1:111122223333:app-instance/<id>/user/<id>";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Channel,
    Member,
    Bearer,
    /// An AppInstanceAdmin or moderator, for the calls the member may not
    /// make itself (`diagnose --admin-arn`).
    Admin,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Channel => "channel ARN",
            Field::Member => "member ARN",
            Field::Bearer => "bearer ARN",
            Field::Admin => "admin ARN",
        }
    }

    pub fn flag(self) -> &'static str {
        match self {
            Field::Channel => "--channel-arn",
            Field::Member => "--member-arn",
            Field::Bearer => "--bearer-arn",
            Field::Admin => "--admin-arn",
        }
    }

    /// An ARN of the right kind for this field.
    pub(super) fn example(self) -> &'static str {
        match self {
            Field::Channel => CHANNEL_EXAMPLE,
            Field::Member | Field::Bearer | Field::Admin => MEMBER_EXAMPLE,
        }
    }
}

/// What is wrong with one field, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnProblem {
    pub field: Field,
    pub message: String,
    /// The fix in the words of the TUI's form ("the member field").
    pub fix: String,
    /// The fix in the words of the command line ("--member-arn"), where
    /// they differ from [`ArnProblem::fix`].
    pub flag_fix: Option<String>,
}

impl ArnProblem {
    /// The fix as the command line says it.
    pub fn fix_for_flags(&self) -> &str {
        self.flag_fix.as_deref().unwrap_or(&self.fix)
    }
}

impl fmt::Display for ArnProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}. {}",
            self.field.label(),
            self.field.flag(),
            self.message,
            self.fix_for_flags()
        )
    }
}

pub(super) fn problem(
    field: Field,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> ArnProblem {
    ArnProblem {
        field,
        message: message.into(),
        fix: fix.into(),
        flag_fix: None,
    }
}
