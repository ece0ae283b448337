//! What the shared config files say about the profile in use, read once
//! with aws-config's own parser: whether it exists, its region, and where
//! its credentials come from. No network.

use std::borrow::Cow;

use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};

use crate::error::Evidence;

/// Where the profile's credentials come from, as far as the explanation
/// and the choice of provider care.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CredentialSource {
    /// `credential_process` in the profile itself (no role to assume).
    Process(String),
    /// IAM Identity Center, with `sso_start_url` in the profile (legacy).
    LegacySso,
    /// IAM Identity Center through an `sso_session` section.
    SsoSession,
    Other,
}

#[derive(Clone, Debug)]
pub(crate) struct ProfileFacts {
    /// The profile named by `--profile` or `AWS_PROFILE`.
    pub named: Option<String>,
    /// The profile aws-config will use (`default` unless one is named).
    pub selected: String,
    /// `None` when the files could not be read.
    pub exists: Option<bool>,
    /// Every profile in the config and credentials files.
    pub existing: Vec<String>,
    /// The config file, as the user would name it.
    pub config_file: String,
    pub region: Option<String>,
    pub source: CredentialSource,
    /// The profile's `ca_bundle`: certificate authorities to trust.
    pub ca_bundle: Option<String>,
}

impl ProfileFacts {
    pub(crate) async fn load(named: Option<&str>) -> ProfileFacts {
        let config_file = std::env::var("AWS_CONFIG_FILE")
            .ok()
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| "~/.aws/config".to_string());
        let selected_override = named.map(|n| Cow::Owned(n.to_string()));
        let loaded = aws_config::profile::load(
            &Fs::real(),
            &Env::real(),
            &EnvConfigFiles::default(),
            selected_override,
        )
        .await;
        let mut facts = ProfileFacts {
            named: named.map(str::to_string),
            selected: named.unwrap_or("default").to_string(),
            exists: None,
            existing: Vec::new(),
            config_file,
            region: None,
            source: CredentialSource::Other,
            ca_bundle: None,
        };
        let Ok(set) = loaded else {
            return facts;
        };
        facts.selected = set.selected_profile().to_string();
        let mut existing: Vec<String> = set.profiles().map(str::to_string).collect();
        existing.sort();
        facts.existing = existing;
        let profile = set.get_profile(&facts.selected);
        facts.exists = Some(profile.is_some());
        if let Some(profile) = profile {
            facts.region = profile.get("region").map(str::to_string);
            facts.ca_bundle = profile.get("ca_bundle").map(str::to_string);
            facts.source = source_of(&|key| profile.get(key).map(str::to_string));
        }
        facts
    }

    /// The named profile is in neither file: nothing can be signed with it.
    pub(crate) fn not_found(&self) -> Option<Evidence> {
        let named = self.named.as_ref()?;
        (self.exists == Some(false)).then(|| Evidence::ProfileNotFound {
            profile: named.clone(),
            config_file: self.config_file.clone(),
            existing: self.existing.clone(),
        })
    }

    /// Evidence for a credentials failure of this profile, if its source
    /// explains it.
    pub(crate) fn sso_evidence(&self) -> Option<Evidence> {
        let legacy = match self.source {
            CredentialSource::LegacySso => true,
            CredentialSource::SsoSession => false,
            _ => return None,
        };
        Some(Evidence::SsoProfile {
            profile: self.selected.clone(),
            legacy,
        })
    }
}

/// Decide the source from the profile's keys, in the order aws-config
/// gives them precedence: a role to assume, web identity and static keys
/// come before SSO and credential_process.
fn source_of(get: &dyn Fn(&str) -> Option<String>) -> CredentialSource {
    let has = |key: &str| get(key).is_some_and(|v| !v.trim().is_empty());
    if has("role_arn") || has("web_identity_token_file") || has("aws_access_key_id") {
        CredentialSource::Other
    } else if has("sso_session") {
        CredentialSource::SsoSession
    } else if has("sso_start_url") {
        CredentialSource::LegacySso
    } else if let Some(command) = get("credential_process").filter(|c| !c.trim().is_empty()) {
        CredentialSource::Process(command)
    } else {
        CredentialSource::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn source(pairs: &[(&str, &str)]) -> CredentialSource {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        source_of(&|key| map.get(key).map(|v| v.to_string()))
    }

    #[test]
    fn the_source_follows_aws_config_precedence() {
        assert_eq!(
            source(&[("credential_process", "/bin/creds --x")]),
            CredentialSource::Process("/bin/creds --x".into())
        );
        assert_eq!(
            source(&[("sso_start_url", "https://x.awsapps.com/start")]),
            CredentialSource::LegacySso
        );
        assert_eq!(
            source(&[("sso_session", "corp"), ("sso_start_url", "https://x")]),
            CredentialSource::SsoSession
        );
        assert_eq!(
            source(&[
                ("role_arn", "arn:aws:iam::1:role/r"),
                ("credential_process", "x")
            ]),
            CredentialSource::Other
        );
        assert_eq!(source(&[]), CredentialSource::Other);
    }
}
