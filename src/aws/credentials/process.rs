//! A profile's `credential_process`, run so that it cannot outlive the call.
//!
//! aws-config's own provider spawns the process without `kill_on_drop`:
//! when the SDK gives up on a hanging one (its timeout), the process keeps
//! running, and each retry spawns another. Here the process runs in its own
//! process group, is killed with everything it started when the call's
//! time is up or the call is dropped, and runs once for many concurrent
//! calls (a scan). Its output holds secrets: it is parsed and dropped,
//! never logged or shown; only the first line of stderr is kept, sanitised.

use std::fmt;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, future};
use serde::Deserialize;
use tokio::io::AsyncReadExt;

use crate::error::Evidence;

/// A failure is remembered this long, so that a scan's thousand calls do
/// not start a thousand failing processes.
const FAILURE_MEMORY: Duration = Duration::from_secs(5);
/// Credentials this close to expiry are fetched again.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);
const STDERR_LINE_MAX: usize = 200;

#[derive(Debug)]
pub(crate) struct ProcessCredentials {
    profile: String,
    /// The command line from the profile; may hold arguments that are
    /// secrets, so it is never logged.
    command: String,
    /// Used when the SDK itself asks (normally answered from the cache).
    default_budget: Duration,
    state: tokio::sync::Mutex<State>,
}

enum State {
    Empty,
    Ready(Credentials),
    Failed {
        at: Instant,
        failure: ProcessFailure,
    },
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            State::Empty => "Empty",
            State::Ready(_) => "Ready",
            State::Failed { .. } => "Failed",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ProcessFailure {
    /// Still running when its time was up; it was killed.
    TimedOut(Duration),
    Exited {
        status: String,
        stderr: Option<String>,
    },
    /// Could not be started, or printed no usable credentials.
    Output(String),
}

impl ProcessFailure {
    pub(crate) fn evidence(&self, profile: &str) -> Evidence {
        let profile = profile.to_string();
        match self {
            ProcessFailure::TimedOut(after) => Evidence::ProcessTimedOut {
                profile,
                after: *after,
            },
            ProcessFailure::Exited { status, stderr } => Evidence::ProcessFailed {
                profile,
                status: status.clone(),
                stderr: stderr.clone(),
            },
            ProcessFailure::Output(problem) => Evidence::ProcessOutput {
                profile,
                problem: problem.clone(),
            },
        }
    }
}

/// The failure as the SDK's credentials error carries it, so that
/// `classify` can find it again by type.
#[derive(Debug)]
pub(crate) struct ProcessError {
    pub profile: String,
    pub failure: ProcessFailure,
}

impl fmt::Display for ProcessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let profile = &self.profile;
        match &self.failure {
            ProcessFailure::TimedOut(after) => write!(
                f,
                "credential_process of profile {profile} was still running after {} s and was stopped",
                after.as_secs_f64()
            ),
            ProcessFailure::Exited { status, stderr } => {
                write!(
                    f,
                    "credential_process of profile {profile} exited with {status}"
                )?;
                if let Some(line) = stderr {
                    write!(f, ": {line}")?;
                }
                Ok(())
            }
            ProcessFailure::Output(problem) => {
                write!(f, "credential_process of profile {profile} {problem}")
            }
        }
    }
}

impl std::error::Error for ProcessError {}

impl ProcessCredentials {
    pub(crate) fn new(profile: String, command: String, default_budget: Duration) -> Self {
        Self {
            profile,
            command,
            default_budget,
            state: tokio::sync::Mutex::new(State::Empty),
        }
    }

    pub(crate) fn profile(&self) -> &str {
        &self.profile
    }

    /// Credentials, running the process when none are cached; it gets
    /// `budget` to finish. One run serves every caller waiting meanwhile.
    pub(crate) async fn credentials(
        &self,
        budget: Duration,
    ) -> Result<Credentials, ProcessFailure> {
        let mut state = self.state.lock().await;
        match &*state {
            State::Ready(creds) if fresh(creds) => return Ok(creds.clone()),
            State::Failed { at, failure } if at.elapsed() < FAILURE_MEMORY => {
                return Err(failure.clone());
            }
            _ => {}
        }
        tracing::debug!(profile = %self.profile, "running credential_process");
        match run(&self.command, budget).await {
            Ok(creds) => {
                *state = State::Ready(creds.clone());
                Ok(creds)
            }
            Err(failure) => {
                tracing::warn!(profile = %self.profile, "credential_process failed");
                *state = State::Failed {
                    at: Instant::now(),
                    failure: failure.clone(),
                };
                Err(failure)
            }
        }
    }
}

impl ProvideCredentials for ProcessCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.credentials(self.default_budget)
                .await
                .map_err(|failure| {
                    CredentialsError::provider_error(ProcessError {
                        profile: self.profile.clone(),
                        failure,
                    })
                })
        })
    }
}

fn fresh(creds: &Credentials) -> bool {
    creds
        .expiry()
        .is_none_or(|at| at > SystemTime::now() + EXPIRY_MARGIN)
}

/// Kills the whole process group when dropped before `disarm`: the shell,
/// the program it runs, and whatever that started.
struct GroupGuard {
    pgid: Option<u32>,
}

impl GroupGuard {
    fn disarm(mut self) {
        self.pgid = None;
    }
}

impl Drop for GroupGuard {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(pgid) = self.pgid.and_then(|p| i32::try_from(p).ok())
            && pgid > 0
        {
            // SAFETY: kill(2) with a negative pid signals that process group;
            // the group is the one this program created for the child.
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
        }
    }
}

async fn run(command_line: &str, budget: Duration) -> Result<Credentials, ProcessFailure> {
    let mut command = shell(command_line);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    #[cfg(unix)]
    command.process_group(0);
    let mut child = command
        .spawn()
        .map_err(|e| ProcessFailure::Output(format!("could not be started: {e}")))?;
    let guard = GroupGuard { pgid: child.id() };
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let finished = tokio::time::timeout(budget, async {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let (read_out, read_err, status) = tokio::join!(
            read_all(&mut stdout, &mut out),
            read_all(&mut stderr, &mut err),
            child.wait()
        );
        read_out.and(read_err)?;
        Ok::<_, std::io::Error>((status?, out, err))
    })
    .await;
    let (status, out, err) = match finished {
        Err(_elapsed) => {
            drop(guard);
            // Reap the shell at once; the group is already signalled.
            let _ = child.kill().await;
            return Err(ProcessFailure::TimedOut(budget));
        }
        Ok(Err(e)) => {
            drop(guard);
            let _ = child.kill().await;
            return Err(ProcessFailure::Output(format!("could not be read: {e}")));
        }
        Ok(Ok(done)) => {
            guard.disarm();
            done
        }
    };
    if !status.success() {
        return Err(ProcessFailure::Exited {
            status: describe(status),
            stderr: first_line(&err),
        });
    }
    parse(&out)
}

fn shell(command_line: &str) -> tokio::process::Command {
    #[cfg(windows)]
    {
        let mut command = tokio::process::Command::new("cmd.exe");
        command.arg("/C").arg(command_line);
        command
    }
    #[cfg(not(windows))]
    {
        let mut command = tokio::process::Command::new("sh");
        command.arg("-c").arg(command_line);
        command
    }
}

async fn read_all<R: tokio::io::AsyncRead + Unpin>(
    reader: &mut Option<R>,
    into: &mut Vec<u8>,
) -> std::io::Result<()> {
    match reader {
        Some(r) => r.read_to_end(into).await.map(|_| ()),
        None => Ok(()),
    }
}

fn describe(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit status {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("signal {signal}");
        }
    }
    "an unknown exit status".into()
}

fn first_line(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line: String = line.chars().take(STDERR_LINE_MAX).collect();
    Some(crate::sanitize::line(&line).into_owned())
}

/// The documented output: `{"Version": 1, "AccessKeyId", "SecretAccessKey",
/// "SessionToken"?, "Expiration"?}`. No Debug: it holds secrets.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Output {
    version: i64,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiration: Option<String>,
}

/// What is wrong with credential_process's output, said without serde's
/// jargon and without any value it printed.
fn output_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    const SHAPE: &str = "the documented object is {\"Version\": 1, \"AccessKeyId\": \"...\", \"SecretAccessKey\": \"...\"}, with \"SessionToken\" and \"Expiration\" when the keys are temporary";
    match e.classify() {
        Category::Eof if e.line() <= 1 && e.column() == 0 => {
            format!("printed nothing on stdout: {SHAPE}")
        }
        Category::Syntax | Category::Eof => format!(
            "printed output that is not JSON (line {}, column {}): {SHAPE}",
            e.line(),
            e.column()
        ),
        Category::Data => {
            let message = e.to_string();
            match message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split_once('`'))
            {
                Some((field, _)) => {
                    format!("printed a JSON object without \"{field}\": {SHAPE}")
                }
                None => format!(
                    "printed a JSON credentials object with a field of the wrong type (a string or number where the other is due): {SHAPE}"
                ),
            }
        }
        Category::Io => format!("printed output that could not be read: {SHAPE}"),
    }
}

fn parse(stdout: &[u8]) -> Result<Credentials, ProcessFailure> {
    let output: Output = serde_json::from_slice(stdout).map_err(|e| {
        // In the user's words, not serde's ("expected ident"); never a
        // value, which may be a secret.
        ProcessFailure::Output(output_problem(&e))
    })?;
    if output.version != 1 {
        return Err(ProcessFailure::Output(format!(
            "printed Version {}, where only Version 1 is defined",
            output.version
        )));
    }
    let expiry = match output.expiration.as_deref() {
        None => None,
        Some(text) => Some(
            aws_smithy_types::DateTime::from_str(
                text,
                aws_smithy_types::date_time::Format::DateTime,
            )
            .ok()
            .and_then(|t| SystemTime::try_from(t).ok())
            .ok_or_else(|| {
                ProcessFailure::Output("printed an Expiration that is not an RFC 3339 time".into())
            })?,
        ),
    };
    Ok(Credentials::new(
        output.access_key_id,
        output.secret_access_key,
        output.session_token,
        expiry,
        "credential_process",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_output_parses_and_other_output_is_named() {
        let creds = parse(
            br#"{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}"#,
        )
        .expect("credentials");
        assert_eq!(creds.access_key_id(), "AKID");
        assert!(creds.expiry().is_some());
        let not_json = parse(b"hello").unwrap_err();
        assert!(
            matches!(&not_json, ProcessFailure::Output(p) if p.starts_with("printed output that is not JSON")),
            "{not_json:?}"
        );
        let version =
            parse(br#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"}"#).unwrap_err();
        assert!(matches!(version, ProcessFailure::Output(p) if p.contains("Version 2")));
    }

    #[test]
    fn stderr_keeps_its_first_line_sanitised() {
        assert_eq!(
            first_line(b"\n  token \x1b[31mexpired\nsecond line\n").as_deref(),
            Some("token \\e[31mexpired")
        );
        assert_eq!(first_line(b""), None);
    }

    #[tokio::test]
    async fn a_failing_process_is_named_with_its_status_and_stderr() {
        let provider = ProcessCredentials::new(
            "corp".into(),
            "echo 'sso: token expired' >&2; exit 3".into(),
            Duration::from_secs(5),
        );
        let failure = provider
            .credentials(Duration::from_secs(5))
            .await
            .unwrap_err();
        assert_eq!(
            failure,
            ProcessFailure::Exited {
                status: "exit status 3".into(),
                stderr: Some("sso: token expired".into())
            }
        );
    }

    #[tokio::test]
    async fn one_run_serves_concurrent_callers() {
        let dir = std::env::temp_dir().join(format!("chime-prefs-cp-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let count = dir.join("runs");
        let _ = std::fs::remove_file(&count);
        let provider = std::sync::Arc::new(ProcessCredentials::new(
            "corp".into(),
            format!(
                "echo run >> '{}'; echo '{{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\"}}'",
                count.display()
            ),
            Duration::from_secs(5),
        ));
        let mut calls = Vec::new();
        for _ in 0..8 {
            let p = std::sync::Arc::clone(&provider);
            calls.push(tokio::spawn(async move {
                p.credentials(Duration::from_secs(5))
                    .await
                    .map(|c| c.access_key_id().to_string())
            }));
        }
        for call in calls {
            assert_eq!(call.await.expect("join").as_deref(), Ok("A"));
        }
        let runs = std::fs::read_to_string(&count).unwrap_or_default();
        assert_eq!(runs.lines().count(), 1, "{runs}");
    }

    /// Issue 14 §7: the error speaks the user's words, not serde's.
    #[test]
    fn output_problems_are_said_without_serde_jargon_or_values() {
        for (stdout, says) in [
            (
                &b"hello"[..],
                "printed output that is not JSON (line 1, column 1)",
            ),
            (&b""[..], "printed nothing on stdout"),
            (
                &br#"{"Version": 1, "AccessKeyId": "AKIDSECRET"}"#[..],
                "without \"SecretAccessKey\"",
            ),
            (
                &br#"{"Version": "1", "AccessKeyId": "AKIDSECRET", "SecretAccessKey": "x"}"#[..],
                "a field of the wrong type",
            ),
        ] {
            let Err(ProcessFailure::Output(problem)) = parse(stdout) else {
                panic!("{stdout:?} parsed");
            };
            assert!(problem.contains(says), "{problem}");
            for jargon in [
                "expected ident",
                "expected value",
                "invalid type",
                "`",
                "AKIDSECRET",
            ] {
                assert!(!problem.contains(jargon), "{jargon}: {problem}");
            }
        }
    }
}
