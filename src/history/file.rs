//! Reading, appending and compacting the history file, under its lock.
//!
//! - An append writes one whole line in one `write` to a file opened with
//!   O_APPEND, holding the lock: two chime-prefs running at once never
//!   interleave or lose a line.
//! - When the file grows past [`CAP`] lines (and a slack, so that not every
//!   append rewrites it), it is compacted under the same lock: the newest
//!   line of each target, the last [`CAP`] of them, written to a temporary
//!   file and renamed over (`crate::report::private_file::write`).
//! - Reading is bounded (the tail of a file too large to be ours) and never
//!   fails: a line that cannot be read is counted and skipped, a file that
//!   cannot be read is a warning and an empty history. Corrupt lines found
//!   when reading are dropped by compacting at once, so that the warning is
//!   given once.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::lock;
use super::record::{LineProblem, MAX_LINE_BYTES, Record};
use crate::report::private_file;

/// The most lookups kept.
pub const CAP: usize = 500;
/// Lines allowed past [`CAP`] before the file is compacted back to it.
const SLACK: usize = CAP / 10;
/// The most read from the end of the file: every line kept, at its longest.
const MAX_READ_BYTES: u64 = ((CAP + SLACK) * (MAX_LINE_BYTES + 1)) as u64;
/// A file smaller than this cannot hold more than [`CAP`] + [`SLACK`]
/// lines (each holds two ARNs, over 120 bytes), so an append to it does not
/// count them.
const COUNT_FROM_BYTES: u64 = ((CAP + SLACK) * 120) as u64;

/// The history file, `history.jsonl`, and its lock, `history.lock`, beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryFile {
    path: PathBuf,
}

/// What reading the file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The newest lookup of each target, newest first, at most [`CAP`].
    pub records: Vec<Record>,
    /// Lines that could not be read, skipped (and dropped from the file).
    pub corrupt: usize,
    /// Lines another version wrote: kept in the file, not read.
    pub other_format: usize,
    /// Why the file could not be read at all; the history starts empty.
    pub unreadable: Option<String>,
}

impl Loaded {
    /// What to tell the user, in the footer: `None` when all was read.
    pub fn warning(&self) -> Option<String> {
        if let Some(why) = &self.unreadable {
            return Some(format!(
                "history not loaded: {why}; this session's lookups are not kept"
            ));
        }
        let mut parts = Vec::new();
        if self.corrupt > 0 {
            parts.push(format!(
                "{} corrupt {} skipped",
                self.corrupt,
                lines(self.corrupt)
            ));
        }
        if self.other_format > 0 {
            parts.push(format!(
                "{} {} from another chime-prefs version kept unread",
                self.other_format,
                lines(self.other_format)
            ));
        }
        (!parts.is_empty()).then(|| format!("history: {}", parts.join(", ")))
    }
}

fn lines(n: usize) -> &'static str {
    if n == 1 { "line" } else { "lines" }
}

/// One line of the file, as read.
enum Line {
    Read(Record),
    /// Another version's line, kept verbatim.
    Other(String),
    Corrupt(&'static str),
}

/// Split `bytes` into lines and read each. `partial_first`: the bytes start
/// mid-file, so the first piece is the end of a line cut off, not a line.
fn read_lines(bytes: &[u8], partial_first: bool) -> Vec<Line> {
    let mut pieces = bytes.split(|&b| b == b'\n');
    if partial_first {
        pieces.next();
    }
    pieces
        .filter(|piece| !piece.iter().all(u8::is_ascii_whitespace))
        .map(|piece| match std::str::from_utf8(piece) {
            Err(_) => Line::Corrupt("not UTF-8"),
            Ok(text) => match Record::parse_line(text.trim_end_matches('\r')) {
                Ok(record) => Line::Read(record),
                Err(LineProblem::OtherFormat) => Line::Other(text.to_string()),
                Err(LineProblem::Corrupt(why)) => Line::Corrupt(why),
            },
        })
        .collect()
}

/// The newest record of each target with its position, in file order.
fn newest_per_target(records: Vec<(usize, Record)>) -> Vec<(usize, Record)> {
    let mut newest: HashMap<(String, String, String), (usize, Record)> = HashMap::new();
    for (position, record) in records {
        let (c, m, b) = record.target_key();
        let key = (c.to_string(), m.to_string(), b.to_string());
        let newer = newest
            .get(&key)
            .is_none_or(|(p, old)| (old.time, *p) <= (record.time, position));
        if newer {
            newest.insert(key, (position, record));
        }
    }
    let mut kept: Vec<(usize, Record)> = newest.into_values().collect();
    kept.sort_by_key(|(position, _)| *position);
    kept
}

impl HistoryFile {
    pub fn new(path: PathBuf) -> HistoryFile {
        HistoryFile { path }
    }

    /// `$XDG_STATE_HOME/chime-prefs/history.jsonl`, beside the log (the
    /// cache directory where the platform has no state directory).
    pub fn default_location() -> Option<HistoryFile> {
        dirs::state_dir()
            .or_else(dirs::cache_dir)
            .map(|d| HistoryFile::new(d.join("chime-prefs").join("history.jsonl")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    /// The file's lines (of a file larger than ours can be, those of its
    /// tail). `None` when there is no file.
    fn read(&self) -> io::Result<Option<Vec<Line>>> {
        let mut file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let len = file.metadata()?.len();
        let cut = len > MAX_READ_BYTES;
        file.seek(SeekFrom::Start(len.saturating_sub(MAX_READ_BYTES)))?;
        let mut bytes = Vec::new();
        file.take(MAX_READ_BYTES).read_to_end(&mut bytes)?;
        Ok(Some(read_lines(&bytes, cut)))
    }

    /// Read the history: the newest lookup of each target, newest first.
    /// Without `details`, names and rules in the file are not read.
    /// Never fails: what went wrong is in [`Loaded`].
    pub fn load(&self, details: bool) -> Loaded {
        match self.load_locked(details) {
            Ok(loaded) => loaded,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "history not loaded");
                Loaded {
                    unreadable: Some(format!("{}: {e}", self.path.display())),
                    ..Loaded::default()
                }
            }
        }
    }

    fn load_locked(&self, details: bool) -> io::Result<Loaded> {
        // Nothing is created for a history that does not exist yet.
        if !self.path.try_exists()? {
            return Ok(Loaded::default());
        }
        let _lock = lock::take(&self.lock_path(), lock::WAIT)?;
        let Some(lines) = self.read()? else {
            return Ok(Loaded::default());
        };
        let mut loaded = Loaded::default();
        let mut records = Vec::new();
        for (position, line) in lines.into_iter().enumerate() {
            match line {
                Line::Read(record) if details => records.push((position, record)),
                Line::Read(record) => records.push((position, record.without_details())),
                Line::Other(_) => loaded.other_format += 1,
                Line::Corrupt(why) => {
                    loaded.corrupt += 1;
                    tracing::warn!(path = %self.path.display(), line = position + 1, why, "history line skipped");
                }
            }
        }
        let mut kept = newest_per_target(records);
        kept.sort_by(|(pa, a), (pb, b)| (b.time, pb).cmp(&(a.time, pa)));
        loaded.records = kept.into_iter().take(CAP).map(|(_, r)| r).collect();
        if loaded.corrupt > 0
            && let Err(e) = self.compact(details)
        {
            tracing::warn!(path = %self.path.display(), error = %e, "history not compacted");
        }
        Ok(loaded)
    }

    /// Append one finished lookup (stamped now if it has no time), then
    /// compact when the file has grown past the cap. Without `details` the
    /// member's name and the rule are not written.
    pub fn append(&self, record: &Record, details: bool) -> io::Result<()> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_file::create_dir(dir)?;
        }
        let _lock = lock::take(&self.lock_path(), lock::WAIT)?;
        let mut line = record.to_line(details, SystemTime::now());
        line.push('\n');
        let mut file = private_file::options()
            .append(true)
            .create(true)
            .open(&self.path)?;
        // One write of the whole line: with O_APPEND it lands whole at the end.
        file.write_all(line.as_bytes())?;
        let len = file.metadata()?.len();
        drop(file);
        if len >= COUNT_FROM_BYTES && self.count_lines()? > CAP + SLACK {
            self.compact(details)?;
        }
        Ok(())
    }

    /// How many lines the file holds (as far as it is read), unparsed.
    fn count_lines(&self) -> io::Result<usize> {
        let mut file = File::open(&self.path)?;
        let len = file.metadata()?.len();
        file.seek(SeekFrom::Start(len.saturating_sub(MAX_READ_BYTES)))?;
        let mut bytes = Vec::new();
        file.take(MAX_READ_BYTES).read_to_end(&mut bytes)?;
        Ok(bytes.iter().filter(|&&b| b == b'\n').count())
    }

    /// Rewrite the file (the lock is held): corrupt lines dropped, the
    /// newest line of each target kept, then the last [`CAP`]; another
    /// version's lines kept as they are. Without `details`, names and
    /// rules written earlier are dropped too.
    fn compact(&self, details: bool) -> io::Result<()> {
        let Some(lines) = self.read()? else {
            return Ok(());
        };
        let mut records = Vec::new();
        let mut others = Vec::new();
        for (position, line) in lines.into_iter().enumerate() {
            match line {
                Line::Read(record) => records.push((position, record)),
                Line::Other(text) => others.push((position, text)),
                Line::Corrupt(_) => {}
            }
        }
        let now = SystemTime::now();
        let mut kept: Vec<(usize, String)> = newest_per_target(records)
            .into_iter()
            .map(|(position, record)| (position, record.to_line(details, now)))
            .chain(others)
            .collect();
        kept.sort_by_key(|(position, _)| *position);
        let skip = kept.len().saturating_sub(CAP);
        let mut bytes = Vec::new();
        for (_, line) in kept.into_iter().skip(skip) {
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
        }
        private_file::write(&self.path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::Outcome;
    use std::time::Duration;

    const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";

    fn dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("chime-prefs-history-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn record(member: &str, secs: u64, state: &str) -> Record {
        Record {
            time: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
            channel_arn: format!("{APP}/channel/support"),
            member_arn: format!("{APP}/user/{member}"),
            bearer_arn: None,
            outcome: Outcome::State(state.into()),
            request_id: Some(format!("req-{secs}")),
            member_name: Some(format!("Name of {member}")),
            filter_rule: None,
        }
    }

    fn members(loaded: &Loaded) -> Vec<String> {
        loaded
            .records
            .iter()
            .map(|r| r.member_arn.rsplit('/').next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn no_file_is_an_empty_history_and_creates_nothing() {
        let base = dir("none");
        let file = HistoryFile::new(base.join("chime-prefs/history.jsonl"));
        assert_eq!(file.load(true), Loaded::default());
        assert!(!base.exists());
    }

    #[test]
    fn appended_lookups_load_newest_first_one_per_target() {
        let base = dir("order");
        let file = HistoryFile::new(base.join("history.jsonl"));
        file.append(&record("alice", 10, "ALL"), false)
            .expect("append");
        file.append(&record("bob", 20, "NONE"), false)
            .expect("append");
        file.append(&record("alice", 30, "FILTERED"), false)
            .expect("append");
        let mut as_admin = record("bob", 25, "ALL");
        as_admin.bearer_arn = Some(format!("{APP}/user/admin"));
        file.append(&as_admin, false).expect("append");
        let loaded = file.load(false);
        assert_eq!(loaded.warning(), None);
        assert_eq!(members(&loaded), ["alice", "bob", "bob"]);
        assert_eq!(loaded.records[0].outcome, Outcome::State("FILTERED".into()));
        assert_eq!(
            loaded.records[1].bearer_arn.as_deref(),
            Some(&*format!("{APP}/user/admin"))
        );
        assert_eq!(loaded.records[2].outcome, Outcome::State("NONE".into()));
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn names_are_written_and_read_only_with_details() {
        let base = dir("details");
        let file = HistoryFile::new(base.join("history.jsonl"));
        file.append(&record("alice", 10, "ALL"), false)
            .expect("append");
        let text = std::fs::read_to_string(file.path()).expect("read");
        assert!(!text.contains("Name of"), "{text}");
        file.append(&record("bob", 20, "ALL"), true)
            .expect("append");
        let text = std::fs::read_to_string(file.path()).expect("read");
        assert!(text.contains("Name of bob"), "{text}");
        assert_eq!(
            file.load(true).records[0].member_name.as_deref(),
            Some("Name of bob")
        );
        assert_eq!(file.load(false).records[0].member_name, None);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn the_file_is_capped_at_the_newest_lookups_and_compacted_whole() {
        let base = dir("cap");
        let file = HistoryFile::new(base.join("history.jsonl"));
        for i in 0..(CAP + SLACK + 1) {
            file.append(&record(&format!("m{i}"), i as u64, "ALL"), false)
                .expect("append");
        }
        let text = std::fs::read_to_string(file.path()).expect("read");
        assert_eq!(text.lines().count(), CAP, "compacted to the cap");
        assert!(text.ends_with('\n'));
        let loaded = file.load(false);
        assert_eq!(loaded.records.len(), CAP);
        let newest = format!("m{}", CAP + SLACK);
        assert_eq!(members(&loaded)[0], newest);
        // The oldest went first.
        assert!(!text.contains("/user/m0\""), "the oldest is gone");
        let leftovers: Vec<_> = std::fs::read_dir(&base)
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let mut leftovers = leftovers;
        leftovers.sort();
        assert_eq!(
            leftovers,
            ["history.jsonl", "history.lock"],
            "no temporary file left"
        );
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn compaction_keeps_one_line_per_target_and_another_versions_lines() {
        let base = dir("dedupe");
        let file = HistoryFile::new(base.join("history.jsonl"));
        private_file::create_dir(&base).expect("dir");
        let future = "{\"Format\":\"chime-prefs-history/2\",\"Anything\":1}";
        let mut text = format!("{future}\n");
        for i in 0..(CAP + SLACK) {
            let member = if i % 2 == 0 { "alice" } else { "bob" };
            text.push_str(&record(member, i as u64, "ALL").to_line(false, SystemTime::now()));
            text.push('\n');
        }
        std::fs::write(file.path(), text).expect("seed");
        file.append(&record("carol", 10_000, "NONE"), false)
            .expect("append");
        let text = std::fs::read_to_string(file.path()).expect("read");
        let kept: Vec<&str> = text.lines().collect();
        assert_eq!(kept.len(), 4, "{text}");
        assert_eq!(kept[0], future);
        assert!(kept[3].contains("user/carol"));
        let loaded = file.load(false);
        assert_eq!(members(&loaded), ["carol", "bob", "alice"]);
        assert_eq!(loaded.other_format, 1);
        assert_eq!(
            loaded.warning().as_deref(),
            Some("history: 1 line from another chime-prefs version kept unread")
        );
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn corrupt_lines_are_counted_skipped_and_then_dropped() {
        let base = dir("corrupt");
        let file = HistoryFile::new(base.join("history.jsonl"));
        file.append(&record("alice", 10, "ALL"), false)
            .expect("append");
        let good = std::fs::read(file.path()).expect("read");
        let mut bytes = b"garbage\n{\"Format\":\"chime-prefs-history/1\"}\n\xff\xfe\n".to_vec();
        bytes.extend_from_slice(&good);
        bytes.extend_from_slice(b"{\"Format\":\"chime-prefs-hist");
        std::fs::write(file.path(), &bytes).expect("corrupt");
        let loaded = file.load(false);
        assert_eq!(members(&loaded), ["alice"]);
        assert_eq!(loaded.corrupt, 4);
        assert_eq!(
            loaded.warning().as_deref(),
            Some("history: 4 corrupt lines skipped")
        );
        // Dropped at once: the next start says nothing.
        assert_eq!(std::fs::read(file.path()).expect("read"), good);
        assert_eq!(file.load(false).warning(), None);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn an_unreadable_file_is_a_warning_and_an_empty_history() {
        let base = dir("unreadable");
        // A directory where the file should be.
        let path = base.join("history.jsonl");
        private_file::create_dir(&path).expect("dir");
        let file = HistoryFile::new(path);
        let loaded = file.load(true);
        assert!(loaded.records.is_empty());
        let warning = loaded.warning().expect("warned");
        assert!(warning.starts_with("history not loaded: "), "{warning}");
        assert!(file.append(&record("alice", 1, "ALL"), false).is_err());
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_huge_file_is_read_from_its_tail_only() {
        let base = dir("huge");
        let file = HistoryFile::new(base.join("history.jsonl"));
        private_file::create_dir(&base).expect("dir");
        let mut bytes = vec![b'x'; (MAX_READ_BYTES + 10) as usize];
        bytes.push(b'\n');
        bytes.extend_from_slice(
            record("alice", 1, "ALL")
                .to_line(false, SystemTime::now())
                .as_bytes(),
        );
        bytes.push(b'\n');
        std::fs::write(file.path(), &bytes).expect("seed");
        let loaded = file.load(false);
        assert_eq!(members(&loaded), ["alice"]);
        // The cut first line is not counted: it was not read whole.
        assert_eq!(loaded.corrupt, 0);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_and_its_directory_are_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let base = dir("modes");
        let file = HistoryFile::new(base.join("chime-prefs/history.jsonl"));
        file.append(&record("alice", 1, "ALL"), false)
            .expect("append");
        let mode = |p: &Path| {
            std::fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o777)
                .ok()
        };
        assert_eq!(mode(file.path()), Some(0o600));
        assert_eq!(mode(&file.lock_path()), Some(0o600));
        assert_eq!(mode(&base.join("chime-prefs")), Some(0o700));
        let _ = std::fs::remove_dir_all(&base);
    }

    /// Threads, each with its own handles (so their locks exclude each
    /// other as two processes' would), appending at once.
    fn append_from_threads(path: &Path, threads: usize, each: usize) {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let file = HistoryFile::new(path.to_path_buf());
                std::thread::spawn(move || {
                    for i in 0..each {
                        let mut r = record(&format!("t{t}-{i}"), i as u64, "ALL");
                        // Long lines, so that a torn write would show.
                        r.filter_rule = Some(format!("{t}-{i}:{}", "x".repeat(1000)));
                        file.append(&r, true).expect("append");
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().expect("thread");
        }
    }

    #[test]
    fn threads_appending_at_once_lose_and_tear_no_line() {
        let base = dir("threads");
        let path = base.join("history.jsonl");
        append_from_threads(&path, 4, 120);
        let text = std::fs::read_to_string(&path).expect("read");
        let mut seen: Vec<String> = text
            .lines()
            .map(|line| {
                let record = Record::parse_line(line).expect("a whole line");
                record
                    .member_arn
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        seen.sort();
        let mut expected: Vec<String> = (0..4)
            .flat_map(|t| (0..120).map(move |i| format!("t{t}-{i}")))
            .collect();
        expected.sort();
        assert_eq!(seen, expected, "every lookup once");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn threads_compacting_at_once_leave_whole_lines() {
        let base = dir("threads-compact");
        let path = base.join("history.jsonl");
        append_from_threads(&path, 4, 150);
        let text = std::fs::read_to_string(&path).expect("read");
        let count = text.lines().count();
        assert!((CAP..=CAP + SLACK).contains(&count), "{count}");
        for line in text.lines() {
            assert!(Record::parse_line(line).is_ok(), "{line:.100}");
        }
        let loaded = HistoryFile::new(path).load(true);
        assert_eq!((loaded.corrupt, loaded.records.len()), (0, CAP));
        let _ = std::fs::remove_dir_all(&base);
    }
}
