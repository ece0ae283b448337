//! The push-path diagnosis: "would this message reach this member's phone,
//! and if not, which link breaks?", answered from what the calls return.
//!
//! [`Facts`] hold each call's answer (pending while it runs); the pure
//! [`evaluate`] turns them into a checklist and a verdict. The runner that
//! fills the facts, the CLI command and the TUI screen sit on top.

mod calls;
mod check;
mod checks;
mod evaluate;
mod facts;
mod manual;
mod names;
mod run;
mod timestamp;

pub use check::{Check, CheckId, Status};
pub use evaluate::{
    Diagnosis, Push, Verdict, device_checks, device_finding, endpoints_check, evaluate,
};
pub use facts::{
    BanFact, EndpointFact, EndpointType, Fact, Facts, MembershipFact, MessageInput,
    PermissionAnswer, PreferencesFact, SEND_ACTION, SERVICE_ROLE_NAME, Scope, SetupWanted,
};
pub use manual::ManualCheck;
pub use run::{Event, PushPathCalls, run};

/// The healthy facts and set-up fixtures, for tests of what shows a
/// diagnosis.
#[cfg(test)]
pub(crate) use checks::tests as fixtures;

#[cfg(test)]
mod tests;
