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
    /// The profile named by `--profile`, `AWS_PROFILE`,
    /// `AWS_DEFAULT_PROFILE` or the config file.
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
    /// The role the profile assumes, if it names one (`role_arn`).
    pub role: Option<RoleFacts>,
    /// The role of `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`, which
    /// the default chain tries after the profile.
    pub env_web_identity: Option<String>,
    /// `use_fips_endpoint` / `use_dualstack_endpoint` in the profile.
    pub use_fips: Option<bool>,
    pub use_dual_stack: Option<bool>,
}

/// A role the profile's credentials come from, through STS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RoleFacts {
    pub role_arn: String,
    /// Assumed with `AssumeRoleWithWebIdentity` (`web_identity_token_file`)
    /// rather than `AssumeRole` (`source_profile`, `credential_source`).
    pub web_identity: bool,
    /// The profile whose credentials ask for the role.
    pub source_profile: Option<String>,
    /// The roles of the `source_profile` chain, which are assumed first:
    /// any of them may be the one STS refused.
    pub through: Vec<String>,
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
            role: None,
            env_web_identity: env_web_identity(),
            use_fips: None,
            use_dual_stack: None,
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
            facts.role = role_of(&|key| profile.get(key).map(str::to_string));
            if let Some(role) = &mut facts.role {
                // Follow source_profile while it names another role.
                let mut next = role.source_profile.clone();
                while let Some(name) = next.take() {
                    let Some(source) = set.get_profile(&name) else {
                        break;
                    };
                    let Some(arn) = source.get("role_arn").map(|a| a.trim().to_string()) else {
                        break;
                    };
                    if arn.is_empty() || role.through.contains(&arn) || role.through.len() >= 8 {
                        break;
                    }
                    role.through.push(arn);
                    next = source.get("source_profile").map(|p| p.trim().to_string());
                }
            }
            facts.use_fips = profile.get("use_fips_endpoint").and_then(boolean);
            facts.use_dual_stack = profile.get("use_dualstack_endpoint").and_then(boolean);
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

/// `true`/`false` as aws-config reads them (case-insensitive).
pub(crate) fn boolean(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn env_web_identity() -> Option<String> {
    let set = |v: &str| std::env::var(v).ok().filter(|s| !s.trim().is_empty());
    set("AWS_WEB_IDENTITY_TOKEN_FILE")?;
    set("AWS_ROLE_ARN")
}

/// The role a profile assumes: `role_arn` with `web_identity_token_file`,
/// `source_profile` or `credential_source`.
fn role_of(get: &dyn Fn(&str) -> Option<String>) -> Option<RoleFacts> {
    let value = |key: &str| get(key).filter(|v| !v.trim().is_empty());
    let role_arn = value("role_arn")?.trim().to_string();
    let web_identity = value("web_identity_token_file").is_some();
    (web_identity || value("source_profile").is_some() || value("credential_source").is_some())
        .then(|| RoleFacts {
            role_arn,
            web_identity,
            source_profile: value("source_profile").map(|p| p.trim().to_string()),
            through: Vec::new(),
        })
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

    fn role(pairs: &[(&str, &str)]) -> Option<RoleFacts> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        role_of(&|key| map.get(key).map(|v| v.to_string()))
    }

    #[test]
    fn a_role_needs_its_arn_and_a_way_to_assume_it() {
        let arn = "arn:aws:iam::1:role/Support";
        assert_eq!(
            role(&[("role_arn", arn), ("source_profile", "base")]),
            Some(RoleFacts {
                role_arn: arn.into(),
                web_identity: false,
                source_profile: Some("base".into()),
                through: Vec::new(),
            })
        );
        assert_eq!(
            role(&[("role_arn", arn), ("credential_source", "Environment")])
                .map(|r| r.web_identity),
            Some(false)
        );
        assert_eq!(
            role(&[("role_arn", arn), ("web_identity_token_file", "/t")]).map(|r| r.web_identity),
            Some(true)
        );
        assert_eq!(role(&[("role_arn", arn)]), None);
        assert_eq!(role(&[("source_profile", "base")]), None);
    }
}
