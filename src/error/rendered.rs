//! An explanation with its values filled in: what `crate::explain` makes
//! of a failed call, and what a report read back carries for an error
//! whose evidence it does not hold ([`Evidence::Reported`](super::Evidence::Reported)).
//! It lives here, beside the error, so that the error can carry one
//! without `crate::error` depending on the catalog.

/// The catalog text with its values filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub title: String,
    pub summary: String,
    pub causes: Vec<String>,
    pub next_steps: Vec<String>,
    pub retryable: bool,
    /// For an IAM denial: the policy statement that would allow the call,
    /// as JSON, to be shown verbatim.
    pub policy: Option<String>,
}
