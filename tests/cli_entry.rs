//! How the TUI is entered: `chime-prefs --channel-arn A --member-arn M`
//! with no sub-command opens it prefilled and fetches, exactly as
//! `chime-prefs tui ...` does; a `TERM=dumb` terminal is refused with the
//! way out. Runs the real binary in a pseudo-terminal (the helper is the
//! minimal part of tests/tui_pty.rs's).

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
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chime-prefs-entry-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

impl Session {
    fn spawn(args: &[&str], home: &Path, term: &str) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
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
            ("TERM", term.to_string()),
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
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            parser,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.screen().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{what:?} never appeared; screen:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the process did not exit; screen:\n{}", self.screen());
    }
}

#[test]
fn arns_without_a_sub_command_open_the_tui_prefilled_and_fetch() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt
        .block_on(DemoServer::start(DemoOptions::default()))
        .expect("demo");
    let url = server.endpoint_url();
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let member = format!("{APP_INSTANCE_ARN}/user/dave");
    let home = temp_dir("bare");
    let args = [
        "--endpoint-url",
        url.as_str(),
        "--region",
        "us-east-1",
        "--channel-arn",
        channel.as_str(),
        "--member-arn",
        member.as_str(),
    ];
    let mut session = Session::spawn(&args, &home, "xterm-256color");
    // Fetched without a key press: the member's name and rule come back.
    session.wait_for("Dave Diaz");
    session.wait_for("FILTERED");
    session.wait_for("anything-but");
    session.send("q");
    assert!(session.wait_exit().success());
    assert_eq!(server.request_count(), 1, "one lookup, as `tui` makes");
    rt.block_on(server.shutdown());
}

#[test]
fn a_dumb_terminal_is_refused_with_a_pointer_to_get() {
    for args in [&["tui"][..], &["demo"], &[]] {
        let home = temp_dir("dumb");
        let mut session = Session::spawn(args, &home, "dumb");
        let status = session.wait_exit();
        assert_eq!(status.exit_code(), 2, "{args:?}: {}", session.screen());
        let screen = session.screen();
        assert!(
            screen.contains("TERM=dumb: this terminal cannot show the TUI"),
            "{args:?}: {screen}"
        );
        assert!(screen.contains("chime-prefs get"), "{screen}");
    }
}
