//! ARN checks made before any request is sent.
//!
//! A wrong ARN is the most common reason a lookup fails, and the service's
//! answer to one ("BadRequest", "Unauthorized") rarely says which part is
//! wrong. Every problem found here names the field, what is wrong and how to
//! fix it.
//!
//! - [`input`]: the characters of one field, the same check for the TUI's
//!   form and the command line (trimming, invisible characters, lookalikes,
//!   a paste cut at the field's limit);
//! - [`grammar`]: one ARN parsed into a channel or a member;
//! - `limits`: how long an ARN, and the text typed for one, may be (read
//!   by both of the above);
//! - [`form`]: the fields together (one app instance, warnings, the target).

mod form;
mod grammar;
pub mod input;
mod limits;
mod lookalike;
mod problem;

pub use form::{
    FieldStatus, FormCheck, MESSAGING_REGIONS, check_admin, check_form, check_lister,
    check_member_admin, region_warnings,
};
pub use grammar::{
    AppInstanceScope, ChannelArn, MemberArn, MemberKind, member_in_channel, parse_channel,
    parse_member, valid_region,
};
pub use limits::MAX_ARN_LEN;
pub use problem::{ArnProblem, Field};
