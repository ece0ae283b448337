//! Help text shared by several commands: the environment they read and
//! the exit codes.

/// The text of [`ENVIRONMENT`], as a macro so that `concat!` can join it.
macro_rules! environment {
    () => {
        "\
Environment:
  AWS_PROFILE, AWS_DEFAULT_PROFILE --profile
  AWS_REGION, AWS_DEFAULT_REGION   not used: every call goes to its ARN's region
  AWS_ENDPOINT_URL                 --endpoint-url
  AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING, AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY
                                   one service's endpoint (beats AWS_ENDPOINT_URL)
  AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
                                   true: ignore endpoint URLs from the environment
  CHIME_PREFS_TIMEOUT              --timeout
  AWS_MAX_ATTEMPTS                 --max-attempts
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
                                   credentials, read as the AWS CLI reads them
  AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE
                                   where profiles are read (default ~/.aws/)
  AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT
                                   real AWS's FIPS or dual-stack endpoints
  AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN
                                   a web identity role, after the profile
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY
                                   the proxy for AWS calls
  AWS_CA_BUNDLE                    a PEM file of certificate authorities to trust
                                   besides the system's (beats the profile's ca_bundle)
  SSL_CERT_FILE, SSL_CERT_DIR      the system's trust store: a PEM file, else a directory
  XDG_CONFIG_HOME                  where config.toml is looked for (--config)
  XDG_STATE_HOME                   where the TUI writes its log by default and keeps
                                   its history (chime-prefs/history.jsonl)
  XDG_DATA_HOME                    where the TUI's s saves reports and d finds them (chime-prefs/reports/)
  CHIME_PREFS_LOG                  log level: error, warn, info (default), debug, trace
  NO_COLOR                         set to anything: the TUI uses no colour
  TERM                             TERM=dumb: the TUI refuses to start (use get)"
    };
}

macro_rules! exit_codes {
    () => {
        "\
Exit codes: 0 success, 1 the request failed, 2 invalid input (nothing was sent).
  scan, member   1 also when a member (a channel) could not be read, the listing
                 failed or stopped at --max-items, or the run was interrupted
                 (the output says it is partial)
  diagnose       0 a push would arrive, 1 it would not, 3 it depends on the
                 message, a check could not run, or it was interrupted
  filter check   0 the message would notify (without --attributes: the rule is
                 valid), 1 it would not, 2 an invalid rule (breaks a limit, or
                 not JSON)
  diff           0 no change, 1 changes found, 2 a report that cannot be read
                 or used (not JSON, cut short, another format), or two kinds"
    };
}

/// Every environment variable chime-prefs (or the AWS SDK under it) reads.
/// A test checks that each variable the source reads is named here.
pub const ENVIRONMENT: &str = environment!();

/// The top level's after-help: exit codes, environment, the demo.
pub const TOP_AFTER_HELP: &str = concat!(
    exit_codes!(),
    "\n\n",
    environment!(),
    "\n\nTry it without an AWS account:\n  chime-prefs demo"
);
