//! The result of one successful call: the value, mapped into the model, and
//! the facts about the call.

use super::CallMeta;

#[derive(Debug, Clone, PartialEq)]
pub struct Called<T> {
    pub value: T,
    pub meta: CallMeta,
    /// The region the call went to: the ARN's.
    pub region: String,
}

/// One page of a listing, and the token for the next (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}
