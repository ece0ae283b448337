//! Where credentials come from, as far as chime-prefs looks: the profile's
//! facts for explanations, and its own `credential_process` runner.

mod process;
mod profile;
mod role;

pub(crate) use process::{ProcessCredentials, ProcessError};
pub(crate) use profile::{CredentialSource, ProfileFacts, boolean};
pub(crate) use role::assume_role_failure;
