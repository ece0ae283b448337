//! Helpers shared by the tests that run the real binary: a hermetic AWS
//! environment, a scratch home, and running a command off the async runtime.

#![allow(dead_code)]

pub mod guide;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use chime_prefs::demo_service::{DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, DemoServer};

pub const BIN: &str = env!("CARGO_BIN_EXE_chime-prefs");

/// `program` with a clean, hermetic AWS environment: demo credentials, no
/// profile or config files, and instance metadata off, so nothing leaves
/// the machine.
pub fn hermetic(program: &str, home: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("aws-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", DEMO_SECRET_ACCESS_KEY);
    cmd
}

/// A fresh, empty directory for one test.
pub fn temp_home(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chime-prefs-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Run a command to completion without blocking the async runtime.
pub async fn run(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("binary runs"))
        .await
        .expect("join")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Start `cmd`, wait until the demo has seen `requests`, send `signal`
/// (`-INT`, `-TERM`); its output once it has exited.
pub async fn interrupt_after(
    server: &DemoServer,
    cmd: Command,
    requests: u64,
    signal: &str,
) -> Output {
    interrupt_when(|| server.request_count(), cmd, requests, signal).await
}

/// [`interrupt_after`] for any server: `count` says how many requests it
/// has seen.
pub async fn interrupt_when(
    count: impl Fn() -> u64,
    mut cmd: Command,
    requests: u64,
    signal: &str,
) -> Output {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child: Child = cmd.spawn().expect("binary starts");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while count() < requests {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the command made no progress"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    tokio::task::spawn_blocking(move || child.wait_with_output().expect("wait"))
        .await
        .expect("join")
}
