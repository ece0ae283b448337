//! `chime-prefs serve-demo` as a process: the first line names the address,
//! `get` works against it, SIGTERM stops it, and bad options say what is
//! wrong.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

mod common;

use chime_prefs::demo_service::APP_INSTANCE_ARN;
use common::{BIN, hermetic, stderr, stdout, temp_home};

#[test]
fn prints_its_address_first_serves_get_and_stops_on_sigterm() {
    let home = temp_home("serve-demo");
    let mut server = Command::new(BIN)
        .args(["serve-demo", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve-demo starts");
    let mut first = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .expect("listening on ...")
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{first}");

    let out = hermetic(BIN, &home)
        .args([
            "--endpoint-url",
            &url,
            "--region",
            "us-east-1",
            "get",
            "--output",
            "json",
        ])
        .args([
            "--channel-arn",
            &format!("{APP_INSTANCE_ARN}/channel/support"),
        ])
        .args(["--member-arn", &format!("{APP_INSTANCE_ARN}/user/bob")])
        .output()
        .expect("get runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"AllowNotifications\": \"NONE\""));

    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    assert_eq!(
        server.wait().expect("wait").code(),
        Some(0),
        "SIGTERM stops it cleanly"
    );
}

#[test]
fn bad_options_exit_2_and_say_what_is_wrong() {
    let home = temp_home("serve-demo-bad");
    let broken = home.join("data.json");
    std::fs::write(&broken, r#"{"app_instance_arn": "nope", "channels": []}"#).expect("write");
    let broken = broken.display().to_string();
    let cases: [(&[&str], &str); 4] = [
        (&["--listen", "localhost"], "is not an address"),
        (&["--tps", "0"], "--tps"),
        (&["--data", "/nonexistent/data.json"], "cannot read --data"),
        (&["--data", &broken], "app_instance_arn"),
    ];
    for (args, words) in cases {
        let out = Command::new(BIN)
            .arg("serve-demo")
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(words), "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).is_empty(),
            "{args:?}: nothing may claim to listen"
        );
    }
}

#[test]
fn an_address_in_use_exits_1() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let out = Command::new(BIN)
        .args(["serve-demo", "--listen", &addr])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot listen on"),
        "{}",
        stderr(&out)
    );
}

/// Starts `serve-demo` with `args`; returns the process and its first two
/// stdout lines.
fn serve(args: &[&str]) -> (std::process::Child, String, String) {
    let mut server = Command::new(BIN)
        .arg("serve-demo")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve-demo starts");
    let mut out = BufReader::new(server.stdout.take().expect("stdout"));
    let (mut first, mut second) = (String::new(), String::new());
    out.read_line(&mut first).expect("first line");
    out.read_line(&mut second).expect("second line");
    (server, first.trim().to_string(), second.trim().to_string())
}

fn stop(mut server: std::process::Child) {
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    assert_eq!(server.wait().expect("wait").code(), Some(0));
}

#[test]
fn an_unspecified_address_is_printed_as_bound_with_its_real_port() {
    let (server, first, second) = serve(&["--listen", "0.0.0.0:0"]);
    let url = first
        .strip_prefix("listening on ")
        .expect("listening on ...");
    let port: u16 = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("a loopback URL to use from here: {first}"));
    assert_ne!(port, 0, "port 0 is resolved to the port really bound");
    assert_eq!(
        second,
        format!("bound to 0.0.0.0:{port} (every IPv4 interface: reachable from other machines)")
    );
    // It really listens on every interface: loopback reaches it.
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
    stop(server);
}

#[test]
fn a_fixed_port_is_printed_as_bound() {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        probe.local_addr().expect("addr").port()
    };
    let listen = format!("127.0.0.1:{port}");
    let (server, first, second) = serve(&["--listen", &listen]);
    assert_eq!(first, format!("listening on http://{listen}"));
    assert_eq!(
        second,
        format!("bound to {listen} (loopback: this machine only)")
    );
    stop(server);
}

#[test]
fn a_zero_bearer_rate_exits_2() {
    let out = Command::new(BIN)
        .args(["serve-demo", "--bearer-tps", "0"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--bearer-tps"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}
