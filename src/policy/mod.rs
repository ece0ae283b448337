//! IAM policy documents, read and judged locally: no SDK, no I/O.
//!
//! Behind the device, two questions need a policy read by this tool rather
//! than by IAM: whether the role Chime sends with trusts
//! `messaging.chime.amazonaws.com` (the simulator ignores trust policies),
//! and, when SimulatePrincipalPolicy is refused, whether the role's own
//! policies allow `mobiletargeting:SendMessages` on an app.
//!
//! [`decode_document`] undoes IAM's percent-encoding, [`PolicyDocument::parse`]
//! reads the JSON into the project's own types, [`may`] evaluates identity
//! policies for one action and resource, and [`trusts_service`] judges a
//! trust policy. The evaluation is the documented core of IAM's logic
//! (explicit Deny wins, then an Allow, else the implicit deny), without
//! what a document alone cannot show: a Condition is never guessed but
//! kept, so the answer says "allowed if ..." and shows it.

mod document;
mod evaluate;
mod pattern;

pub use document::{
    Effect, Names, PolicyDocument, PolicyError, Principal, Statement, decode_document,
};
pub use evaluate::{Decision, Matched, Outcome, may, trusts_service};
pub use pattern::wildcard_match;
