//! Where credentials come from, as far as chime-prefs looks: the profile's
//! facts for explanations, and its own `credential_process` runner.

mod process;
mod profile;

pub(crate) use process::{ProcessCredentials, ProcessError};
pub(crate) use profile::{CredentialSource, ProfileFacts, boolean};
