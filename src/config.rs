//! Settings: the config file, and the precedence that merges it with flags
//! and the environment (flags, then environment, then file, then defaults).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::aws::region::is_region_name;
use crate::aws::{
    AwsSettings, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT, RegionSource, ServiceEndpoints,
};
use crate::operation::Service;

mod numbers;

pub use numbers::{MAX_ATTEMPTS_RANGE, MAX_SECONDS};

pub const DEFAULT_WATCH_INTERVAL: Duration = Duration::from_secs(5);

/// The file, exactly as documented in config.example.toml. Unknown keys are
/// errors: a typo should not be silently ignored.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(default)]
    pub aws: AwsSection,
    /// `[ui]`, also read as `[tui]`: the settings of the TUI.
    #[serde(default, alias = "tui")]
    pub ui: UiSection,
    #[serde(default)]
    pub scan: ScanSection,
    #[serde(default)]
    pub targets: Vec<TargetEntry>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AwsSection {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    /// Checked as it is read, so an error names the file and line.
    #[serde(default, deserialize_with = "numbers::timeout_secs")]
    pub timeout_secs: Option<f64>,
    #[serde(default, deserialize_with = "numbers::max_attempts")]
    pub max_attempts: Option<u32>,
    /// An AppInstanceAdmin or moderator ARN, for the calls a member's own
    /// bearer cannot make (the ban check of `diagnose`); `--admin-arn`.
    pub admin_arn: Option<String>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UiSection {
    /// Seconds between fetches in watch mode.
    #[serde(default, deserialize_with = "numbers::watch_interval_secs")]
    pub watch_interval_secs: Option<f64>,
    /// Write FilterRules into the log file (off: rules can hold user data).
    pub log_filter_rules: Option<bool>,
    /// Keep the TUI's lookups across runs (default on); `--no-history`.
    pub history: Option<bool>,
    /// Keep the member's name and the rule text in the history too
    /// (default off: they can hold user data).
    pub history_details: Option<bool>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScanSection {
    pub concurrency: Option<usize>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TargetEntry {
    pub name: String,
    pub channel_arn: String,
    pub member_arn: String,
    pub bearer_arn: Option<String>,
}

/// Global flags as given on the command line.
#[derive(Debug, Default, Clone)]
pub struct FlagValues {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub timeout_secs: Option<f64>,
    pub max_attempts: Option<u32>,
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// `$XDG_CONFIG_HOME/chime-prefs/config.toml` (or the platform's config dir).
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::config_dir)?;
    Some(base.join("chime-prefs").join("config.toml"))
}

pub fn parse(text: &str, origin: &Path) -> Result<FileConfig, ConfigError> {
    // toml's message names the key, the line and the column.
    toml::from_str(text).map_err(|e| {
        ConfigError(format!(
            "{}: {}",
            origin.display(),
            e.to_string().trim_end()
        ))
    })
}

/// Load the file named by `--config` (must exist) or the default path (may
/// be absent).
pub fn load(explicit: Option<&Path>) -> Result<FileConfig, ConfigError> {
    let (path, required) = match explicit {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(FileConfig::default()),
        },
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path),
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            Ok(FileConfig::default())
        }
        Err(e) => Err(ConfigError(format!(
            "cannot read config file {}: {e}",
            path.display()
        ))),
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// A duration from `what` (a flag or variable name): more than zero, at
/// most an hour.
fn seconds(value: f64, what: &str) -> Result<Duration, ConfigError> {
    numbers::check_seconds(value)
        .map(Duration::from_secs_f64)
        .map_err(|problem| ConfigError(format!("{what} {problem}")))
}

/// Merge flags, environment and file into client settings.
/// `env` is injected so tests need not touch the process environment.
pub fn resolve_aws(
    flags: &FlagValues,
    env: &dyn Fn(&str) -> Option<String>,
    file: &AwsSection,
) -> Result<AwsSettings, ConfigError> {
    let pick = |flag: &Option<String>, vars: &[&str], from_file: &Option<String>| {
        non_empty(flag.clone())
            .or_else(|| vars.iter().find_map(|v| non_empty(env(v))))
            .or_else(|| non_empty(from_file.clone()))
    };
    let timeout = match (flags.timeout_secs, non_empty(env("CHIME_PREFS_TIMEOUT"))) {
        (Some(secs), _) => seconds(secs, "--timeout")?,
        (None, Some(text)) => {
            let secs = text.trim().parse::<f64>().map_err(|_| {
                ConfigError(format!(
                    "CHIME_PREFS_TIMEOUT must be a number of seconds, got {text:?}"
                ))
            })?;
            seconds(secs, "CHIME_PREFS_TIMEOUT")?
        }
        (None, None) => match file.timeout_secs {
            // Checked with its line when the file was read.
            Some(secs) => seconds(secs, "timeout_secs in the config file")?,
            None => DEFAULT_TIMEOUT,
        },
    };
    let max_attempts = match (flags.max_attempts, non_empty(env("AWS_MAX_ATTEMPTS"))) {
        (Some(n), _) => attempts(n, "--max-attempts")?,
        (None, Some(text)) => {
            let n = text.trim().parse::<u32>().map_err(|_| {
                ConfigError(format!(
                    "AWS_MAX_ATTEMPTS must be a whole number from {} to {}, got {text:?}",
                    MAX_ATTEMPTS_RANGE.start(),
                    MAX_ATTEMPTS_RANGE.end()
                ))
            })?;
            attempts(n, "AWS_MAX_ATTEMPTS")?
        }
        (None, None) => file.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS),
    };
    let (region, region_source) = region(flags, env, file)?;
    let ignore_env_endpoints = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let endpoint_vars: &[&str] = if ignore_env_endpoints {
        &[]
    } else {
        &["AWS_ENDPOINT_URL"]
    };
    let endpoint_url = pick(&flags.endpoint_url, endpoint_vars, &file.endpoint_url);
    if let Some(url) = &endpoint_url {
        let origin = if non_empty(flags.endpoint_url.clone()).is_some() {
            "--endpoint-url"
        } else if endpoint_vars.iter().any(|v| non_empty(env(v)).is_some()) {
            "AWS_ENDPOINT_URL"
        } else {
            "endpoint_url in the config file"
        };
        check_url(url, origin)?;
    }
    // Per service, as aws-config reads them: they beat AWS_ENDPOINT_URL and
    // the file, never --endpoint-url.
    let mut service_endpoints = ServiceEndpoints::default();
    if non_empty(flags.endpoint_url.clone()).is_none() && !ignore_env_endpoints {
        for service in Service::ALL {
            let var = format!("AWS_ENDPOINT_URL_{}", service.endpoint_env_suffix());
            if let Some(url) = non_empty(env(&var)) {
                check_url(&url, &var)?;
                service_endpoints.set(service, Some(url));
            }
        }
    }
    Ok(AwsSettings {
        // As the AWS CLI reads them: AWS_PROFILE, then AWS_DEFAULT_PROFILE.
        // aws-config reads only the first, so the profile is always passed
        // to it by name.
        profile: pick(
            &flags.profile,
            &["AWS_PROFILE", "AWS_DEFAULT_PROFILE"],
            &file.profile,
        ),
        region,
        region_source,
        endpoint_url,
        service_endpoints,
        timeout,
        max_attempts,
        static_credentials: None,
    })
}

fn attempts(n: u32, what: &str) -> Result<u32, ConfigError> {
    if MAX_ATTEMPTS_RANGE.contains(&n) {
        Ok(n)
    } else {
        Err(ConfigError(format!(
            "{what} must be a whole number from {} to {}, got {n}",
            MAX_ATTEMPTS_RANGE.start(),
            MAX_ATTEMPTS_RANGE.end()
        )))
    }
}

/// The configured region and where it came from. `--region` must be a
/// region name: it is compared with the ARN's.
fn region(
    flags: &FlagValues,
    env: &dyn Fn(&str) -> Option<String>,
    file: &AwsSection,
) -> Result<(Option<String>, Option<RegionSource>), ConfigError> {
    if let Some(flag) = non_empty(flags.region.clone()) {
        let flag = flag.trim().to_string();
        if !is_region_name(&flag) {
            return Err(ConfigError(format!(
                "--region {flag:?} is not a region name: regions are written in lowercase, like us-east-1 or eu-central-1"
            )));
        }
        return Ok((Some(flag), Some(RegionSource::Flag)));
    }
    for var in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(value) = non_empty(env(var)) {
            return Ok((
                Some(value.trim().to_string()),
                Some(RegionSource::Environment(var)),
            ));
        }
    }
    Ok(match non_empty(file.region.clone()) {
        Some(value) => (Some(value), Some(RegionSource::ConfigFile)),
        None => (None, None),
    })
}

fn check_url(url: &str, origin: &str) -> Result<(), ConfigError> {
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(())
    } else {
        Err(ConfigError(format!(
            "{origin} {url:?} must start with http:// or https:// (serve-demo prints the URL to use for the demo)"
        )))
    }
}

impl UiSection {
    /// Whether the TUI keeps its history, and with what: off with
    /// `--no-history` (`no_history`) or `history = false`.
    pub fn history_mode(&self, no_history: bool) -> crate::history::Mode {
        if no_history || self.history == Some(false) {
            crate::history::Mode::Off
        } else {
            crate::history::Mode::On {
                details: self.history_details.unwrap_or(false),
            }
        }
    }

    pub fn watch_interval(&self) -> Result<Duration, ConfigError> {
        match self.watch_interval_secs {
            Some(secs) => seconds(secs, "watch_interval_secs in the config file"),
            None => Ok(DEFAULT_WATCH_INTERVAL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| map.get(key).cloned()
    }

    fn file_with_region(region: &str) -> AwsSection {
        AwsSection {
            region: Some(region.into()),
            timeout_secs: Some(4.0),
            ..AwsSection::default()
        }
    }

    #[test]
    fn flags_beat_environment_beats_file_beats_defaults() {
        let file = file_with_region("eu-central-1");
        let env = env_of(&[("AWS_REGION", "us-west-2")]);
        let flags = FlagValues {
            region: Some("us-east-1".into()),
            ..FlagValues::default()
        };
        assert_eq!(
            resolve_aws(&flags, &env, &file).unwrap().region.as_deref(),
            Some("us-east-1")
        );
        let no_flags = FlagValues::default();
        let resolved = resolve_aws(&no_flags, &env, &file).unwrap();
        assert_eq!(resolved.region.as_deref(), Some("us-west-2"));
        assert_eq!(resolved.timeout, Duration::from_secs(4));
        let resolved = resolve_aws(&no_flags, &env_of(&[]), &file).unwrap();
        assert_eq!(resolved.region.as_deref(), Some("eu-central-1"));
        let resolved = resolve_aws(&no_flags, &env_of(&[]), &AwsSection::default()).unwrap();
        assert_eq!(resolved.region, None);
        assert_eq!(resolved.timeout, DEFAULT_TIMEOUT);
        assert_eq!(resolved.max_attempts, DEFAULT_MAX_ATTEMPTS);
    }

    #[test]
    fn aws_default_profile_comes_after_aws_profile_as_in_the_aws_cli() {
        let file = AwsSection {
            profile: Some("from-file".into()),
            ..AwsSection::default()
        };
        let profile = |flags: &FlagValues, env: &[(&str, &str)]| {
            resolve_aws(flags, &env_of(env), &file).unwrap().profile
        };
        let none = FlagValues::default();
        assert_eq!(
            profile(&none, &[("AWS_DEFAULT_PROFILE", "support")]).as_deref(),
            Some("support")
        );
        assert_eq!(
            profile(
                &none,
                &[("AWS_DEFAULT_PROFILE", "support"), ("AWS_PROFILE", "ops")]
            )
            .as_deref(),
            Some("ops")
        );
        let flag = FlagValues {
            profile: Some("flag".into()),
            ..FlagValues::default()
        };
        assert_eq!(
            profile(&flag, &[("AWS_DEFAULT_PROFILE", "support")]).as_deref(),
            Some("flag")
        );
        assert_eq!(profile(&none, &[]).as_deref(), Some("from-file"));
    }

    #[test]
    fn aws_default_region_is_a_fallback_for_aws_region() {
        let env = env_of(&[("AWS_DEFAULT_REGION", "eu-central-1")]);
        let resolved = resolve_aws(&FlagValues::default(), &env, &AwsSection::default()).unwrap();
        assert_eq!(resolved.region.as_deref(), Some("eu-central-1"));
    }

    #[test]
    fn endpoint_comes_from_aws_endpoint_url_and_must_be_http() {
        let env = env_of(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")]);
        let resolved = resolve_aws(&FlagValues::default(), &env, &AwsSection::default()).unwrap();
        assert_eq!(resolved.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
        let bad = FlagValues {
            endpoint_url: Some("127.0.0.1:9".into()),
            ..FlagValues::default()
        };
        let err = resolve_aws(&bad, &env_of(&[]), &AwsSection::default()).unwrap_err();
        assert!(err.0.contains("http://"), "{err}");
    }

    #[test]
    fn bad_numbers_are_named() {
        let env = env_of(&[("AWS_MAX_ATTEMPTS", "many")]);
        let err = resolve_aws(&FlagValues::default(), &env, &AwsSection::default()).unwrap_err();
        assert!(err.0.contains("AWS_MAX_ATTEMPTS"));
        let flags = FlagValues {
            timeout_secs: Some(0.0),
            ..FlagValues::default()
        };
        assert!(resolve_aws(&flags, &env_of(&[]), &AwsSection::default()).is_err());
        let flags = FlagValues {
            max_attempts: Some(0),
            ..FlagValues::default()
        };
        assert!(resolve_aws(&flags, &env_of(&[]), &AwsSection::default()).is_err());
    }

    #[test]
    fn number_errors_say_what_is_valid_in_words_and_name_their_source() {
        let zero = FlagValues {
            timeout_secs: Some(0.0),
            ..FlagValues::default()
        };
        let err = resolve_aws(&zero, &env_of(&[]), &AwsSection::default()).unwrap_err();
        assert_eq!(
            err.0,
            "--timeout must be a number of seconds more than 0 and at most 3600 (one hour), got 0"
        );
        let env = env_of(&[("AWS_MAX_ATTEMPTS", "99")]);
        let err = resolve_aws(&FlagValues::default(), &env, &AwsSection::default()).unwrap_err();
        assert_eq!(
            err.0,
            "AWS_MAX_ATTEMPTS must be a whole number from 1 to 10, got 99"
        );
        let flag = FlagValues {
            max_attempts: Some(11),
            ..FlagValues::default()
        };
        let err = resolve_aws(&flag, &env_of(&[]), &AwsSection::default()).unwrap_err();
        assert!(err.0.starts_with("--max-attempts must be"), "{err}");
        let env = env_of(&[("CHIME_PREFS_TIMEOUT", "-3")]);
        let err = resolve_aws(&FlagValues::default(), &env, &AwsSection::default()).unwrap_err();
        assert!(err.0.starts_with("CHIME_PREFS_TIMEOUT must be"), "{err}");
    }

    #[test]
    fn file_number_errors_name_the_file_and_line_and_never_say_f64() {
        for (text, line, says) in [
            (
                "[aws]\nmax_attempts = 0\n",
                "line 2",
                "max_attempts must be a whole number from 1 to 10, got 0",
            ),
            (
                "[aws]\nregion = \"us-east-1\"\ntimeout_secs = 0\n",
                "line 3",
                "timeout_secs must be a number of seconds more than 0 and at most 3600 (one hour), got 0",
            ),
            (
                "[aws]\ntimeout_secs = \"ten\"\n",
                "line 2",
                "expected a number of seconds for timeout_secs",
            ),
            (
                "[ui]\nwatch_interval_secs = 7200\n",
                "line 2",
                "watch_interval_secs must be a number of seconds",
            ),
            (
                "[aws]\nmax_attempts = 2.5\n",
                "line 2",
                "expected a whole number from 1 to 10 for max_attempts",
            ),
        ] {
            let err = parse(text, Path::new("/home/u/chime.toml")).unwrap_err();
            assert!(err.0.contains("/home/u/chime.toml"), "{err}");
            assert!(err.0.contains(line), "{text:?}: {err}");
            assert!(err.0.contains(says), "{text:?}: {err}");
            assert!(!err.0.contains("f64") && !err.0.contains("u32"), "{err}");
        }
        let ok = parse(
            "[aws]\ntimeout_secs = 4\nmax_attempts = 5\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(ok.aws.timeout_secs, Some(4.0));
        assert_eq!(ok.aws.max_attempts, Some(5));
    }

    #[test]
    fn region_flags_must_be_region_names_and_keep_their_source() {
        let flags = FlagValues {
            region: Some("US-EAST-1".into()),
            ..FlagValues::default()
        };
        let err = resolve_aws(&flags, &env_of(&[]), &AwsSection::default()).unwrap_err();
        assert!(
            err.0.contains("\"US-EAST-1\" is not a region name"),
            "{err}"
        );
        let env = env_of(&[("AWS_DEFAULT_REGION", "eu-central-1")]);
        let resolved = resolve_aws(&FlagValues::default(), &env, &AwsSection::default()).unwrap();
        assert_eq!(
            resolved.region_source,
            Some(RegionSource::Environment("AWS_DEFAULT_REGION"))
        );
        assert_eq!(resolved.explicit_region(), None, "only --region must agree");
        let flags = FlagValues {
            region: Some("eu-central-1".into()),
            ..FlagValues::default()
        };
        let resolved = resolve_aws(&flags, &env, &AwsSection::default()).unwrap();
        assert_eq!(resolved.explicit_region(), Some("eu-central-1"));
    }

    #[test]
    fn per_service_endpoints_beat_the_general_one_but_not_the_flag() {
        let env = env_of(&[
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
            ("AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY", "http://127.0.0.1:2"),
        ]);
        let resolved = resolve_aws(&FlagValues::default(), &env, &AwsSection::default()).unwrap();
        assert_eq!(
            resolved.endpoint_for(Service::Messaging),
            Some("http://127.0.0.1:1")
        );
        assert_eq!(
            resolved.endpoint_for(Service::Identity),
            Some("http://127.0.0.1:2")
        );
        let flags = FlagValues {
            endpoint_url: Some("http://127.0.0.1:3".into()),
            ..FlagValues::default()
        };
        let resolved = resolve_aws(&flags, &env, &AwsSection::default()).unwrap();
        assert_eq!(
            resolved.endpoint_for(Service::Identity),
            Some("http://127.0.0.1:3")
        );
        let bad = env_of(&[("AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING", "localhost:4")]);
        let err = resolve_aws(&FlagValues::default(), &bad, &AwsSection::default()).unwrap_err();
        assert!(
            err.0.starts_with("AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING"),
            "{err}"
        );
        let ignored = env_of(&[
            ("AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY", "http://127.0.0.1:2"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ]);
        let resolved =
            resolve_aws(&FlagValues::default(), &ignored, &AwsSection::default()).unwrap();
        assert_eq!(resolved.endpoint_for(Service::Identity), None);
    }

    #[test]
    fn the_example_file_parses_and_documents_every_key() {
        let text = include_str!("../config.example.toml");
        let parsed = parse(text, Path::new("config.example.toml")).unwrap();
        assert!(!parsed.targets.is_empty());
        for key in [
            "profile",
            "region",
            "endpoint_url",
            "timeout_secs",
            "max_attempts",
            "watch_interval_secs",
            "log_filter_rules",
            "history",
            "history_details",
            "concurrency",
            "name",
            "channel_arn",
            "member_arn",
            "bearer_arn",
        ] {
            assert!(
                text.contains(&format!("{key} =")) || text.contains(&format!("# {key} =")),
                "config.example.toml lacks {key}"
            );
        }
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_the_key_and_line() {
        let err = parse(
            "[aws]\nregion = \"us-east-1\"\nregoin = \"x\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert!(err.0.contains("regoin"), "{err}");
        assert!(err.0.contains("line 3"), "{err}");
        let err = parse("[aws]\nmax_attempts = \"three\"\n", Path::new("c.toml")).unwrap_err();
        assert!(err.0.contains("line 2"), "{err}");
        assert!(err.0.contains("c.toml"), "{err}");
    }

    #[test]
    fn the_history_is_on_by_default_and_tui_names_the_same_section() {
        use crate::history::Mode;
        let ui = |text: &str| parse(text, Path::new("c.toml")).unwrap().ui;
        assert_eq!(ui("").history_mode(false), Mode::On { details: false });
        assert_eq!(ui("").history_mode(true), Mode::Off);
        let details = "[ui]\nhistory_details = true\n";
        assert_eq!(ui(details).history_mode(false), Mode::On { details: true });
        assert_eq!(ui(details).history_mode(true), Mode::Off);
        for off in [
            "[ui]\nhistory = false\n",
            "[tui]\nhistory = false\nhistory_details = true\n",
        ] {
            assert_eq!(ui(off).history_mode(false), Mode::Off, "{off}");
        }
        assert_eq!(
            ui("[tui]\nhistory_details = true\n").history_mode(false),
            Mode::On { details: true }
        );
        let err = parse(
            "[ui]\nhistory = true\n[tui]\nhistory = false\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert!(err.0.contains("duplicate"), "{err}");
        let err = parse("[tui]\nhistory = \"no\"\n", Path::new("c.toml")).unwrap_err();
        assert!(err.0.contains("line 2"), "{err}");
    }

    #[test]
    fn a_missing_explicit_file_is_an_error() {
        let err = load(Some(Path::new("/nonexistent/chime-prefs.toml"))).unwrap_err();
        assert!(err.0.contains("/nonexistent/chime-prefs.toml"));
    }
}
