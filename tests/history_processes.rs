//! Two processes appending to one history file at once, as two TUIs
//! would: every line stays whole, every lookup is there once, and a
//! compaction by one never loses or tears the other's lines. The test runs
//! its own binary twice as the appenders (the child branch below), so no
//! helper binary is needed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use chime_prefs::history::{CAP, HistoryFile, Outcome, Record};

const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";
/// Set in a child: `TAG COUNT PATH`.
const CHILD: &str = "CHIME_PREFS_TEST_HISTORY_APPENDER";

fn record(tag: &str, i: usize) -> Record {
    Record {
        time: Some(SystemTime::now()),
        channel_arn: format!("{APP}/channel/support"),
        member_arn: format!("{APP}/user/{tag}{i}"),
        bearer_arn: None,
        outcome: Outcome::State("ALL".into()),
        request_id: Some(format!("{tag}-{i}")),
        member_name: Some(format!("Member {tag} {i}")),
        // Long lines: a torn or interleaved write would show.
        filter_rule: Some(format!(
            "{{\"tag\":[\"{tag}{i}\"],\"pad\":\"{}\"}}",
            "x".repeat(1500)
        )),
    }
}

/// The child: wait for the go file, then append `count` lookups.
fn append_as_child(spec: &str) {
    let mut parts = spec.splitn(3, ' ');
    let (tag, count, path) = (
        parts.next().expect("tag"),
        parts
            .next()
            .and_then(|n| n.parse::<usize>().ok())
            .expect("count"),
        PathBuf::from(parts.next().expect("path")),
    );
    let go = path.with_file_name("go");
    let start = Instant::now();
    while !go.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "never told to go"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let file = HistoryFile::new(path);
    for i in 0..count {
        file.append(&record(tag, i), true).expect("append");
    }
}

fn run_two(test: &str, dir: &Path, count: usize) -> String {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("dir");
    let path = dir.join("history.jsonl");
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<Child> = ["a", "b"]
        .iter()
        .map(|tag| {
            Command::new(&exe)
                .args(["--exact", test, "--test-threads=1"])
                .stdout(Stdio::null())
                .env(CHILD, format!("{tag} {count} {}", path.display()))
                .spawn()
                .expect("spawn")
        })
        .collect();
    std::fs::write(dir.join("go"), b"").expect("go");
    for mut child in children {
        assert!(child.wait().expect("wait").success(), "an appender failed");
    }
    std::fs::read_to_string(&path).expect("read")
}

/// The member ids of the lines, each line read whole.
fn ids(text: &str) -> Vec<String> {
    assert!(text.ends_with('\n'));
    text.lines()
        .map(|line| {
            let record = Record::parse_line(line).unwrap_or_else(|e| panic!("{e:?}: {line:.120}"));
            let id = record
                .member_arn
                .rsplit('/')
                .next()
                .expect("id")
                .to_string();
            assert_eq!(
                record
                    .filter_rule
                    .as_deref()
                    .map(|r| r.contains(&format!("[\"{id}\"]"))),
                Some(true)
            );
            id
        })
        .collect()
}

#[test]
fn two_processes_appending_at_once_keep_every_line_whole_and_there() {
    if let Ok(spec) = std::env::var(CHILD) {
        return append_as_child(&spec);
    }
    let dir = std::env::temp_dir().join(format!("chime-prefs-two-{}", std::process::id()));
    let count = 200; // 400 in all: under the cap, so nothing is compacted
    let text = run_two(
        "two_processes_appending_at_once_keep_every_line_whole_and_there",
        &dir,
        count,
    );
    let seen = ids(&text);
    assert_eq!(seen.len(), 2 * count, "one line per lookup");
    let unique: BTreeSet<&String> = seen.iter().collect();
    let expected: Vec<String> = ["a", "b"]
        .iter()
        .flat_map(|tag| (0..count).map(move |i| format!("{tag}{i}")))
        .collect();
    assert_eq!(unique, expected.iter().collect::<BTreeSet<_>>());
    // Each process's lines are in its own order.
    for tag in ["a", "b"] {
        let mine: Vec<&String> = seen.iter().filter(|id| id.starts_with(tag)).collect();
        let ordered: Vec<String> = (0..count).map(|i| format!("{tag}{i}")).collect();
        assert_eq!(mine, ordered.iter().collect::<Vec<_>>());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_processes_compacting_at_once_lose_no_recent_line() {
    if let Ok(spec) = std::env::var(CHILD) {
        return append_as_child(&spec);
    }
    let dir = std::env::temp_dir().join(format!("chime-prefs-two-compact-{}", std::process::id()));
    let count = 400; // 800 in all: each compacts the other's lines too
    let text = run_two(
        "two_processes_compacting_at_once_lose_no_recent_line",
        &dir,
        count,
    );
    let seen = ids(&text);
    assert!(
        (CAP..=CAP + CAP / 10).contains(&seen.len()),
        "{} lines",
        seen.len()
    );
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no line twice");
    for last in ["a399", "b399"] {
        assert!(seen.iter().any(|id| id == last), "{last} was lost");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
