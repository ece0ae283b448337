//! The real binary in a pseudo-terminal, read back through a vt100
//! emulator: it starts, fetches from the demo service, answers keys, and
//! leaves the terminal as it found it on `q`, SIGTERM and a panic.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, DemoOptions, DemoServer,
};
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_chime-prefs");
const WAIT: Duration = Duration::from_secs(30);
const ROWS: NonZeroU16 = NonZeroU16::new(30).expect("non-zero");
const COLS: NonZeroU16 = NonZeroU16::new(100).expect("non-zero");

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    // Keeps the pty open while the child runs.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chime-prefs-pty-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

impl Session {
    fn spawn(args: &[&str], home: &Path, extra_env: &[(&str, &str)]) -> Session {
        Session::spawn_sized(args, home, extra_env, (ROWS, COLS))
    }

    fn spawn_sized(
        args: &[&str],
        home: &Path,
        extra_env: &[(&str, &str)],
        (rows, cols): (NonZeroU16, NonZeroU16),
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: rows.get(),
                cols: cols.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env_clear();
        for (key, value) in [
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("HOME", home.display().to_string()),
            ("TERM", "xterm-256color".to_string()),
            ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
            ("XDG_STATE_HOME", home.join("state").display().to_string()),
            (
                "AWS_CONFIG_FILE",
                home.join("aws-config").display().to_string(),
            ),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                home.join("aws-credentials").display().to_string(),
            ),
            ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
            ("AWS_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID.to_string()),
            ("AWS_SECRET_ACCESS_KEY", DEMO_SECRET_ACCESS_KEY.to_string()),
        ] {
            cmd.env(key, value);
        }
        for (key, value) in extra_env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
                r.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            parser,
            raw,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn wait_for(&self, what: &str) {
        self.wait_for_within(what, WAIT);
    }

    /// For work whose length depends on the machine's load (a 10,000
    /// member scan takes 17 s on an idle 2-core machine, over 30 s on a
    /// busy one). Not a timing assertion: only a bound on waiting.
    fn wait_for_within(&self, what: &str, limit: Duration) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.screen().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{what:?} never appeared; screen:\n{}", self.screen());
    }

    fn wait_gone(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if !self.screen().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{what:?} never went away; screen:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader drain what the process wrote last.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the process did not exit; screen:\n{}", self.screen());
    }

    /// The terminal is back to normal: main screen, cursor shown, no mouse
    /// reporting.
    fn assert_restored(&self) {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn tui_fetches_a_prefilled_lookup_and_quits_cleanly() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let home = temp_dir("tui");
    let log = home.join("tui.log");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let member = format!("{APP_INSTANCE_ARN}/user/carol");
    let url = server.endpoint_url();
    let log_arg = log.display().to_string();
    let args = [
        "--endpoint-url",
        url.as_str(),
        "--region",
        "us-east-1",
        "--log-file",
        log_arg.as_str(),
        "tui",
        "--channel-arn",
        channel.as_str(),
        "--member-arn",
        member.as_str(),
    ];
    let mut session = Session::spawn(&args, &home, &[]);
    session.wait_for("Carol Chen");
    session.wait_for("FILTERED");
    session.wait_for("\"mention\"");
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    session.assert_restored();

    let text = std::fs::read_to_string(&log).expect("log written");
    assert!(text.contains("fetch done"), "{text}");
    for secret in [
        DEMO_SECRET_ACCESS_KEY,
        DEMO_ACCESS_KEY_ID,
        "Carol Chen",
        "mention",
    ] {
        assert!(!text.contains(secret), "the log holds {secret:?}:\n{text}");
    }
    rt.block_on(server.shutdown());
}

#[test]
fn demo_walkthrough_shows_an_explained_error_and_help() {
    let home = temp_dir("demo");
    let mut session = Session::spawn(&["demo"], &home, &[]);
    session.wait_for("Alice Anders");
    assert!(session.screen().contains("READ-ONLY"));
    // mallory, the banned member, is the seventh entry.
    session.send("jjjjjj\r");
    session.wait_for("Not allowed to read these preferences");
    session.wait_for("What it means");
    // Tab to the explanation and jump to its end.
    session.send("\tG");
    session.wait_for("Next steps");
    session.send("?");
    session.wait_for("Copy the equivalent AWS CLI command");
    session.send("\x1b");
    // A terminal reads ESC followed at once by q as Alt-q: wait for the
    // help to close, as a person would.
    session.wait_gone("Copy the equivalent AWS CLI command");
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    session.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let home = temp_dir(&format!("signal{signal}"));
        let mut session = Session::spawn(&["demo"], &home, &[]);
        session.wait_for("Alice Anders");
        let pid = session.child.process_id().expect("pid");
        let killed = std::process::Command::new("kill")
            .args([signal, &pid.to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = session.wait_exit();
        assert!(status.success(), "{signal} quits like q: {status:?}");
        session.assert_restored();
    }
}

#[test]
fn a_panic_restores_the_terminal_then_prints_its_message() {
    let home = temp_dir("panic");
    let mut session = Session::spawn(&["demo"], &home, &[("CHIME_PREFS_TEST_PANIC", "1")]);
    let status = session.wait_exit();
    assert!(!status.success());
    session.assert_restored();
    let raw = String::from_utf8_lossy(&session.raw.lock().expect("raw")).into_owned();
    let left = raw
        .rfind("\u{1b}[?1049l")
        .expect("left the alternate screen");
    let message = raw
        .find("test panic requested")
        .expect("panic message printed");
    assert!(
        message > left,
        "the message must come after the terminal is restored"
    );
    assert!(
        session.screen().contains("test panic requested"),
        "{}",
        session.screen()
    );
}

#[test]
fn without_a_terminal_the_tui_refuses_with_a_hint() {
    let out = std::process::Command::new(BIN)
        .arg("tui")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chime-prefs get"));
}

#[test]
fn the_channel_view_scans_the_demo_channel_live() {
    let home = temp_dir("channel");
    // A short timeout so the demo's deliberately silent member ends quickly.
    let mut session = Session::spawn(&["--timeout", "2", "demo"], &home, &[]);
    session.wait_for("Alice Anders");
    session.send("c");
    session.wait_for("Channel support");
    session.wait_for("members read in");
    let screen = session.screen();
    assert!(screen.contains("errors 7"), "{screen}");
    assert!(
        screen.contains("user/carol") && screen.contains("{\"mention\":[\"carol\"]}"),
        "{screen}"
    );
    // Only the errors, then open the first one.
    session.send("5");
    session.wait_for("ERROR");
    session.send("\r");
    session.wait_for("Why it failed");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
}

/// A terminal that goes away without a SIGHUP (it was not the controlling
/// terminal): the TUI must notice and exit instead of spinning forever.
#[test]
fn a_terminal_that_disappears_without_sighup_ends_the_tui() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::{Command, Stdio};

    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two fds into the locals; the name buffer and
    // termios are optional and null.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: the master fd was just opened; keep it out of the child, or
    // the child itself would hold the terminal open.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: both fds were just opened and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let home = temp_dir("hangup");
    let mut command = Command::new(BIN);
    // A session of its own, so the pty is not its controlling terminal and
    // no SIGHUP comes when it goes away.
    // SAFETY: setsid is async-signal-safe and touches nothing else.
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = command
        .arg("tui")
        .env_clear()
        .env("HOME", &home)
        .env("TERM", "xterm-256color")
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(Stdio::from(slave.try_clone().expect("dup")))
        .stdout(Stdio::from(slave.try_clone().expect("dup")))
        .stderr(Stdio::from(slave))
        .spawn()
        .expect("spawn");
    let mut reader = std::fs::File::from(master);
    let mut seen = Vec::new();
    let start = Instant::now();
    // The footer is the end of the first frame.
    while !String::from_utf8_lossy(&seen).contains("Tab") {
        assert!(start.elapsed() < WAIT, "no first frame");
        let mut buf = [0u8; 4096];
        let n = reader.read(&mut buf).expect("read");
        seen.extend_from_slice(&buf[..n]);
    }
    std::thread::sleep(Duration::from_millis(300));
    drop(reader); // the terminal goes away, with nothing being written
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            assert!(status.success(), "{status:?}");
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the TUI kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `get --output json` on a terminal: the hostile member's Name keeps its
/// meaning as JSON, but no C1 or bidi character reaches the terminal raw.
#[test]
fn get_json_on_a_terminal_escapes_what_could_act_on_it() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let home = temp_dir("json-tty");
    let url = server.endpoint_url();
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let member = format!("{APP_INSTANCE_ARN}/user/hostile");
    let args = [
        "--endpoint-url",
        url.as_str(),
        "--region",
        "us-east-1",
        "get",
        "--output",
        "json",
        "--channel-arn",
        channel.as_str(),
        "--member-arn",
        member.as_str(),
    ];
    let mut session = Session::spawn(&args, &home, &[]);
    assert!(session.wait_exit().success());
    let raw = String::from_utf8_lossy(&session.raw.lock().expect("raw")).into_owned();
    assert!(raw.contains(r"\u009b") && raw.contains(r"\u202e"), "{raw}");
    assert!(
        !raw.contains('\u{9b}') && !raw.contains('\u{202e}'),
        "{raw:?}"
    );
    rt.block_on(server.shutdown());
}

#[test]
fn the_channel_view_reads_all_10000_town_hall_members_live() {
    let home = temp_dir("town-hall");
    let mut session = Session::spawn(&["demo"], &home, &[]);
    session.wait_for("Alice Anders");
    // town-hall is the last demo entry.
    session.send("G\r");
    session.wait_for("Town Hall Member 00001");
    // Scan, and at once again with HIDDEN members.
    session.send("c");
    session.wait_for("Channel town-hall");
    session.send("h");
    session.wait_for("Channel town-hall (with HIDDEN)");
    session.wait_for_within("10000 members read in", Duration::from_secs(180));
    let screen = session.screen();
    assert!(
        screen.contains("1 ALL 6500") && screen.contains("2 NONE 1500"),
        "{screen}"
    );
    assert!(screen.contains("errors 0"), "{screen}");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
}

/// The default terminal, 80x24, as a new user has it: dave's FILTERED rule
/// is on screen beside the state without scrolling, the footer offers the
/// keys that matter, and the test panel's reasons scroll.
#[test]
fn at_80x24_a_filtered_rule_and_the_keys_that_matter_are_on_screen() {
    const SMALL: (NonZeroU16, NonZeroU16) = (
        NonZeroU16::new(24).expect("non-zero"),
        NonZeroU16::new(80).expect("non-zero"),
    );
    let home = temp_dir("80x24");
    let mut session = Session::spawn_sized(&["demo"], &home, &[], SMALL);
    session.wait_for("Alice Anders");
    // dave is the fourth entry.
    session.send("jjj\r");
    session.wait_for("Dave Diaz");
    session.wait_for(r#"{"$or":[{"mention":["dave"]},{"type":[{"#);
    // The footer is drawn after the panes: wait for it, not for a frame
    // caught half drawn.
    session.wait_for("t test · c channel · p push path · u member · y copy · e edit");
    let screen = session.screen();
    for key in [
        "t test",
        "c channel",
        "p push path",
        "u member",
        "y copy",
        "e edit",
    ] {
        assert!(screen.contains(key), "{key:?} not in the footer:\n{screen}");
    }
    assert!(screen.contains("…/user/dave"), "{screen}");
    // Tab to the rule, t, a message; the reasons scroll with the arrows.
    session.send("\tt");
    session.wait_for("Test a message");
    session.send(r#"{"type":"Room"}"#);
    session.wait_for("would NOT be pushed");
    session.send("\x1b[B\x1b[B\x1b[B\x1b[B");
    session.wait_for("no branch matched");
    // y answers with what it did and what the terminal must allow.
    session.send("\x1b");
    session.wait_gone("Test a message");
    session.send("y");
    session.wait_for("OSC 52");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
}

/// `chime-prefs --channel-arn A --member-arn M`, with no subcommand, opens
/// the TUI prefilled and fetches, as `chime-prefs tui ...` does.
#[test]
fn the_bare_command_with_arns_opens_the_tui_prefilled() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let home = temp_dir("bare");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let member = format!("{APP_INSTANCE_ARN}/user/dave");
    let url = server.endpoint_url();
    let args = [
        "--endpoint-url",
        url.as_str(),
        "--channel-arn",
        channel.as_str(),
        "--member-arn",
        member.as_str(),
    ];
    let mut session = Session::spawn(&args, &home, &[]);
    session.wait_for("Dave Diaz");
    session.wait_for("FILTERED");
    session.wait_for(r#"{"$or":[{"mention":["dave"]}"#);
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
    rt.block_on(server.shutdown());
}

/// `p` on a demo member opens the push-path screen, which fills in live
/// from the demo service and names the link that breaks.
#[test]
fn p_checks_the_whole_push_path_of_a_demo_member() {
    let home = temp_dir("push-path");
    let mut session = Session::spawn(&["demo"], &home, &[]);
    session.wait_for("Alice Anders");
    // bob, who turned pushes off, is the second entry.
    session.send("j\r");
    session.wait_for("Bob");
    session.send("p");
    session.wait_for("Would a push arrive? NO");
    session.wait_for("check: preferences)");
    session.wait_for("Device endpoints");
    // The demo passes its own AppInstanceAdmin, so the ban is checked.
    session.wait_for("not banned from the channel");
    // Enter shows the preferences check's evidence; Esc twice goes back.
    session.send("jjj\r");
    session.wait_for("Detail: preferences");
    session.send("\x1b");
    session.wait_gone("Detail: preferences");
    session.send("\x1b");
    session.wait_gone("Would a push arrive?");
    session.send("q");
    assert!(session.wait_exit().success());
}

/// `s` on the push-path screen saves the report as Markdown and JSON under
/// `$XDG_DATA_HOME/chime-prefs/reports/`, readable by the user alone, and
/// the footer says where.
#[test]
fn s_saves_the_push_path_report_under_the_data_directory() {
    let home = temp_dir("save");
    let data = home.join("data");
    let data_env = data.display().to_string();
    let mut session = Session::spawn(&["demo"], &home, &[("XDG_DATA_HOME", &data_env)]);
    session.wait_for("Alice Anders");
    session.send("j\r");
    session.wait_for("Bob");
    session.send("p");
    session.wait_for("not banned from the channel");
    session.send("s");
    session.wait_for("~/data/chime-prefs/reports");
    let dir = data.join("chime-prefs/reports");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the reports directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let with = |ext: &str| {
        files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} in {files:?}"))
    };
    let (markdown, json) = (with("md"), with("json"));
    let name = markdown
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    assert!(
        name.as_deref()
            .is_some_and(|n| n.ends_with("Z_diagnose_support_bob.md")),
        "{name:?}"
    );
    let text = std::fs::read_to_string(markdown).expect("markdown");
    assert!(text.contains("user/bob"), "{text}");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).expect("json")).expect("JSON");
    assert_eq!(value["Report"]["Kind"], "diagnose");
    assert_eq!(value["Report"]["Format"], "chime-prefs/1");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode(markdown).ok(), Some(0o600));
        assert_eq!(mode(json).ok(), Some(0o600));
        assert_eq!(mode(&dir).ok(), Some(0o700));
    }
    session.send("q");
    assert!(session.wait_exit().success());
    let _ = std::fs::remove_dir_all(&home);
}

/// `p` on gina, whose only device's app still sends through the legacy FCM
/// server key: the push-path screen reads the set-up behind the device
/// from the demo and names the channel as the link that breaks.
#[test]
fn p_names_a_channel_on_the_legacy_fcm_key() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let home = temp_dir("legacy-fcm");
    let channel = format!("{APP_INSTANCE_ARN}/channel/mobile");
    let member = format!("{APP_INSTANCE_ARN}/user/gina");
    let url = server.endpoint_url();
    let args = [
        "--endpoint-url",
        url.as_str(),
        "--channel-arn",
        channel.as_str(),
        "--member-arn",
        member.as_str(),
    ];
    let mut session = Session::spawn(&args, &home, &[]);
    session.wait_for("Request ");
    session.send("p");
    session.wait_for("Would a push arrive? NO");
    session.wait_for("(blocking check: push-channels)");
    session.wait_for("legacy FCM");
    session.wait_for("set-up read just now");
    let screen = session.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("Push channels"))
        .unwrap_or_default();
    assert!(row.contains("FAIL"), "{screen}");
    // Enter on it: the fix.
    session.send("jjjjjjj\r");
    session.wait_for("Detail: push-channels");
    session.wait_for("service-account JSON key");
    session.send("\x1b");
    session.wait_gone("Detail: push-channels");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
    rt.block_on(server.shutdown());
}

/// The set-up behind the devices belongs to the account and the app: once
/// alice's push path is checked on one channel, checking it on another
/// sends none of those calls again (counted at the demo service).
#[test]
fn the_next_push_path_of_the_same_app_sends_no_setup_calls() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let home = temp_dir("setup-kept");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let member = format!("{APP_INSTANCE_ARN}/user/alice");
    let url = server.endpoint_url();
    let args = [
        "--endpoint-url",
        url.as_str(),
        "--channel-arn",
        channel.as_str(),
        "--member-arn",
        member.as_str(),
    ];
    let mut session = Session::spawn(&args, &home, &[]);
    session.wait_for("Request ");
    // The calls one push-path check sends, from `p` to the last answer.
    let check = |session: &mut Session| {
        let before = server.request_count();
        session.send("p");
        session.wait_for("Would a push arrive? YES");
        session.wait_for(" · checked ");
        server.request_count() - before
    };
    let first = check(&mut session);
    session.send("\x1b");
    session.wait_gone("Would a push arrive?");
    // Her member screen, the muted channel (2), its lookup (Enter).
    session.send("u");
    session.wait_for("5 channels read in");
    session.send("2");
    session.wait_gone("Announcements");
    session.send("\r");
    session.wait_gone("channels read in");
    session.wait_for("channel/random");
    session.wait_for("Request ");
    let before = server.request_count();
    session.send("p");
    session.wait_for("Would a push arrive? NO");
    session.wait_for(" · checked ");
    session.wait_for("set-up read");
    let second = server.request_count() - before;
    // alice has an iPhone and an Android on one app: GetRole, GetApp, the
    // APNs and the GCM channel, and the role's permission on the app.
    assert_eq!(
        first - second,
        5,
        "the second check sent {second} requests, the first {first}"
    );
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
    rt.block_on(server.shutdown());
}

#[test]
fn slash_filters_the_demo_history_as_you_type() {
    let home = temp_dir("filter");
    let mut session = Session::spawn(&["demo"], &home, &[]);
    session.wait_for("Alice Anders");
    // The demo fetches alice first; wait for it so the Enter below is ours.
    session.wait_for("Request ");
    // q is text while the filter takes the keys: the TUI must not quit.
    session.send("/malq");
    session.wait_for("/malq_ —");
    session.wait_for("no entry matches /malq");
    session.send("\x7f");
    session.wait_for("/mal_ — 1 of ");
    // Enter keeps the filter; Enter again runs the one entry left, which
    // unfiltered is the seventh.
    session.send("\r");
    session.wait_gone("/mal_");
    session.send("\r");
    session.wait_for("Not allowed to read these preferences");
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    session.assert_restored();
}

/// `u` on alice's lookup opens the member screen, which lists and reads
/// her channels live from the demo; `2` keeps the muted one, `Enter` opens
/// its lookup, and `p` there checks that channel's push path.
#[test]
fn u_shows_every_channel_of_a_demo_member() {
    let home = temp_dir("member");
    let mut session = Session::spawn(&["demo"], &home, &[]);
    session.wait_for("Alice Anders");
    // The demo fetches alice first; wait for it so the keys below are ours.
    session.wait_for("Request ");
    session.send("u");
    session.wait_for("Member Alice");
    session.wait_for("5 channels read in");
    let screen = session.screen();
    assert!(screen.contains("0 channels 5"), "{screen}");
    assert!(screen.contains("Devices"), "{screen}");
    session.send("2");
    session.wait_for("Random ");
    session.wait_gone("Announcements");
    session.send("\r");
    session.wait_gone("channels read in");
    session.wait_for("channel/random");
    session.send("p");
    session.wait_for("Would a push arrive? NO");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
}

/// `p` on a member of the demo's `mobile` channel whose only device goes
/// through a disabled APNs channel: the push path, read live from the demo
/// through every link, names push-channels; Enter shows its evidence.
#[test]
fn p_names_a_failing_push_channel_behind_the_device() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let home = temp_dir("push-channel");
    let channel = format!("{APP_INSTANCE_ARN}/channel/mobile");
    let member = format!("{APP_INSTANCE_ARN}/user/dora");
    let url = server.endpoint_url();
    let args = [
        "--endpoint-url",
        url.as_str(),
        "--channel-arn",
        channel.as_str(),
        "--member-arn",
        member.as_str(),
    ];
    let mut session = Session::spawn(&args, &home, &[]);
    session.wait_for("Dora Disabled");
    session.wait_for("Request ");
    session.send("p");
    session.wait_for("Would a push arrive? NO");
    session.wait_for("check: push-channels)");
    session.wait_for("the APNS channel is disabled");
    session.wait_for("Role may send");
    // Down to push-channels (the eighth check) and Enter: its evidence.
    session.send("jjjjjjj\r");
    session.wait_for("Detail: push-channels");
    session.wait_for("Enabled false");
    session.send("\x1b");
    session.wait_gone("Detail: push-channels");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
    rt.block_on(server.shutdown());
}

// ---- the history kept across runs ------------------------------------------

fn history_file(home: &Path) -> PathBuf {
    home.join("state/chime-prefs/history.jsonl")
}

/// `tui` against `url`, with `extra` flags and `lookup` prefilled (none:
/// an empty form).
fn tui_against(url: &str, extra: &[&str], lookup: Option<&str>) -> Vec<String> {
    let mut args: Vec<String> = ["--endpoint-url", url, "--region", "us-east-1", "tui"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    if let Some(id) = lookup {
        args.extend([
            "--channel-arn".to_string(),
            format!("{APP_INSTANCE_ARN}/channel/support"),
            "--member-arn".to_string(),
            format!("{APP_INSTANCE_ARN}/user/{id}"),
        ]);
    }
    args
}

fn run_and_quit(args: &[String], home: &Path, wait: &[&str]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut session = Session::spawn(&args, home, &[]);
    for what in wait {
        session.wait_for(what);
    }
    let screen = session.screen();
    // Ctrl-C quits wherever the focus is (q would type into an empty form).
    session.send("\x03");
    assert!(session.wait_exit().success());
    session.assert_restored();
    screen
}

#[test]
fn a_lookup_stays_in_the_history_for_the_next_run() {
    use std::os::unix::fs::PermissionsExt;
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let url = server.endpoint_url();
    let home = temp_dir("history");
    run_and_quit(
        &tui_against(&url, &[], Some("carol")),
        &home,
        &["Carol Chen", "FILTERED"],
    );
    let path = history_file(&home);
    let text = std::fs::read_to_string(&path).expect("history written");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("user/carol\"") && text.contains("\"State\":\"FILTERED\""));
    assert!(text.contains("\"RequestId\":"), "{text}");
    for private in [
        "Carol Chen",
        "mention",
        DEMO_SECRET_ACCESS_KEY,
        DEMO_ACCESS_KEY_ID,
    ] {
        assert!(
            !text.contains(private),
            "the history holds {private:?}: {text}"
        );
    }
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o777)
            .ok()
    };
    assert_eq!(mode(&path), Some(0o600));
    assert_eq!(mode(&home.join("state/chime-prefs")), Some(0o700));

    // The next run lists it, and Enter runs it again.
    let mut session = Session::spawn(
        &tui_against(&url, &[], None)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &home,
        &[],
    );
    session.wait_for("History 1");
    session.wait_for("carol@support");
    assert!(
        session.screen().contains("FILTERED · "),
        "{}",
        session.screen()
    );
    session.send("\r");
    session.wait_for("Carol Chen");
    session.send("q");
    assert!(session.wait_exit().success());
    let text = std::fs::read_to_string(&path).expect("history");
    assert_eq!(text.lines().count(), 2, "one line per lookup: {text}");

    // --no-history: not listed, not written.
    let screen = run_and_quit(
        &tui_against(&url, &["--no-history"], None),
        &home,
        &["History 0"],
    );
    assert!(!screen.contains("carol@support"), "{screen}");
    run_and_quit(
        &tui_against(&url, &["--no-history"], Some("alice")),
        &home,
        &["Alice Anders"],
    );
    assert_eq!(std::fs::read_to_string(&path).expect("history"), text);
    rt.block_on(server.shutdown());
}

#[test]
fn no_history_and_the_demo_write_no_file() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let url = server.endpoint_url();
    let home = temp_dir("no-history");
    run_and_quit(
        &tui_against(&url, &["--no-history"], Some("carol")),
        &home,
        &["Carol Chen"],
    );
    std::fs::create_dir_all(home.join("config/chime-prefs")).expect("config dir");
    std::fs::write(
        home.join("config/chime-prefs/config.toml"),
        "[tui]\nhistory = false\n",
    )
    .expect("config");
    run_and_quit(
        &tui_against(&url, &[], Some("carol")),
        &home,
        &["Carol Chen"],
    );
    // The demo looks up its first member at once.
    let args = ["demo".to_string()];
    run_and_quit(&args, &home, &["Alice Anders"]);
    let state = home.join("state/chime-prefs");
    assert!(!history_file(&home).exists());
    assert!(!state.join("history.lock").exists());
    rt.block_on(server.shutdown());
}

#[test]
fn a_corrupt_history_is_a_warning_and_the_tui_starts() {
    let rt = runtime();
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let url = server.endpoint_url();
    let home = temp_dir("corrupt-history");
    let path = history_file(&home);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    let good = format!(
        "{{\"Format\":\"chime-prefs-history/1\",\"Time\":\"2025-05-01T14:03:09Z\",\
         \"ChannelArn\":\"{APP_INSTANCE_ARN}/channel/support\",\
         \"MemberArn\":\"{APP_INSTANCE_ARN}/user/bob\",\"State\":\"NONE\"}}\n"
    );
    std::fs::write(&path, format!("\u{1b}]0;pwned\u{7}\n{good}{{\"Format\":")).expect("seed");
    let screen = run_and_quit(
        &tui_against(&url, &[], None),
        &home,
        &["history: 2 corrupt lines skipped", "bob@support"],
    );
    assert!(screen.contains("● bob@support NONE · 05-01"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("history"),
        good,
        "dropped once read"
    );

    // A file that cannot be read at all: a warning, and the TUI works. It
    // is not written either, so the warning is not replaced by a "not
    // saved" after the lookup: it is still there once carol is shown.
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("a directory in its place");
    let screen = run_and_quit(
        &tui_against(&url, &[], Some("carol")),
        &home,
        &["Carol Chen"],
    );
    assert!(screen.contains("history not loaded"), "{screen}");
    assert!(path.is_dir(), "nothing was written in its place");
    rt.block_on(server.shutdown());
}

/// `diagnose --output json` of bob on support, run by the binary against a
/// demo service started for it (and stopped after), with `home` as HOME.
fn diagnose_bob_json(rt: &tokio::runtime::Runtime, home: &Path) -> std::process::Output {
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let member = format!("{APP_INSTANCE_ARN}/user/bob");
    let out = std::process::Command::new(BIN)
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("aws-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", DEMO_SECRET_ACCESS_KEY)
        .args(["diagnose", "--endpoint-url", &server.endpoint_url()])
        .args(["--channel-arn", &channel, "--member-arn", &member])
        .args(["--output", "json"])
        .output()
        .expect("diagnose runs");
    rt.block_on(server.shutdown());
    out
}

/// `chime-prefs open saved.json` at 80x24, on the JSON `diagnose` printed:
/// the push-path screen as it was captured, "captured at" in the header,
/// and not one connection to the endpoint (a listener that counts them)
/// until `r` runs it live; `q` leaves the terminal restored.
#[test]
fn open_shows_a_saved_report_offline_and_r_runs_it_live() {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let rt = runtime();
    let home = temp_dir("open");
    let out = diagnose_bob_json(&rt, &home);
    let saved = home.join("saved.json");
    std::fs::write(&saved, &out.stdout).expect("saved");

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listener");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let connections = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&connections);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });

    let saved_arg = saved.display().to_string();
    let args = ["open", saved_arg.as_str(), "--endpoint-url", url.as_str()];
    let size = (
        NonZeroU16::new(24).expect("rows"),
        NonZeroU16::new(80).expect("cols"),
    );
    let mut session = Session::spawn_sized(&args, &home, &[], size);
    session.wait_for("captured at ");
    session.wait_for("Would a push arrive? NO");
    session.wait_for("Push path · user/bob in support");
    assert!(session.screen().contains("OFFLINE"), "{}", session.screen());
    // Keys that only move about ask nothing either.
    session.send("j\r");
    session.wait_for("Detail: membership");
    session.send("\x1b");
    session.wait_gone("Detail: membership");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "nothing is asked offline"
    );
    // r runs it live, against this run's endpoint: the listener hears it.
    session.send("r");
    session.wait_gone("captured at ");
    let start = Instant::now();
    while connections.load(Ordering::SeqCst) == 0 && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(connections.load(Ordering::SeqCst) > 0, "r calls live");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
}

/// `d` on the demo's push path for bob, with a report of bob saved weeks
/// ago (by `diagnose`, without the admin, so its ban check was skipped):
/// the pane over the screen says what changed since, with both times, and
/// Esc closes it.
#[test]
fn d_compares_the_push_path_with_the_last_saved_report() {
    let rt = runtime();
    let home = temp_dir("compare");
    let out = diagnose_bob_json(&rt, &home);
    let mut saved: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    saved["Report"]["CapturedAt"] = "2026-01-01T00:00:00Z".into();
    let data = home.join("data");
    let reports = data.join("chime-prefs/reports");
    std::fs::create_dir_all(&reports).expect("reports directory");
    std::fs::write(
        reports.join("20260101T000000Z_diagnose_support_bob.json"),
        saved.to_string(),
    )
    .expect("saved");

    let data_env = data.display().to_string();
    let mut session = Session::spawn(&["demo"], &home, &[("XDG_DATA_HOME", &data_env)]);
    session.wait_for("Alice Anders");
    session.send("j\r");
    session.wait_for("Bob");
    session.send("p");
    session.wait_for("not banned from the channel");
    session.send("d");
    session.wait_for("Changes from 2026-01-01T00:00:00Z to ");
    session.wait_for("check ban");
    session.wait_for("Esc closes");
    session.send("\x1b");
    session.wait_gone("Changes from");
    session.wait_for("Would a push arrive? NO");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_restored();
    let _ = std::fs::remove_dir_all(&home);
}
