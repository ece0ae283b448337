//! Saving a report ([`Effect::Save`](crate::tui::msg::Effect)): its
//! Markdown and JSON side by side under `$XDG_DATA_HOME/chime-prefs/reports/`
//! (the platform's data directory), readable by the user alone, under
//! names no other report took. Done off the event loop, so that a slow
//! disk never freezes the screen; the answer comes back as
//! [`Msg::Saved`].

use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use tokio::sync::mpsc::UnboundedSender;

use crate::report::private_file;
use crate::tui::msg::{Msg, SaveReport, SavedFiles};

/// `$XDG_DATA_HOME/chime-prefs/reports` (`~/.local/share/…` without it;
/// the platform's data directory elsewhere).
pub fn reports_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("chime-prefs").join("reports"))
}

/// Save `report` in the background and answer on `tx`.
pub(super) fn spawn(report: SaveReport, tx: UnboundedSender<Msg>) {
    tokio::task::spawn_blocking(move || {
        let result = match reports_dir() {
            Some(dir) => write(&dir, &report),
            None => Err(
                "could not save the report: there is no data directory (set XDG_DATA_HOME or HOME)"
                    .to_string(),
            ),
        };
        match &result {
            Ok(saved) => tracing::info!(path = %saved.markdown.display(), "report saved"),
            Err(why) => tracing::warn!(%why, "report not saved"),
        }
        // The receiver is gone only when the TUI is closing.
        let _ = tx.send(Msg::Saved(result));
    });
}

/// Names tried after the first: `-2` to `-999`.
const TRIES: u32 = 999;

/// Write both files of `report` in `dir`, under the first name neither of
/// them has yet; `Err` says why not, for the footer.
pub fn write(dir: &Path, report: &SaveReport) -> Result<SavedFiles, String> {
    private_file::create_dir(dir).map_err(|e| why(dir, &e))?;
    for n in 1..=TRIES {
        let stem = match n {
            1 => report.stem.clone(),
            n => format!("{}-{n}", report.stem),
        };
        let markdown = dir.join(format!("{stem}.md"));
        let json = dir.join(format!("{stem}.json"));
        // Claim both names first: another TUI saving in the same second
        // takes the next.
        match claim(&markdown) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(why(dir, &e)),
        }
        match claim(&json) {
            Ok(()) => {}
            Err(e) => {
                let _ = fs::remove_file(&markdown);
                if e.kind() == ErrorKind::AlreadyExists {
                    continue;
                }
                return Err(why(dir, &e));
            }
        }
        let written = private_file::write(&markdown, report.markdown.as_bytes())
            .and_then(|()| private_file::write(&json, report.json.as_bytes()));
        if let Err(e) = written {
            let _ = fs::remove_file(&markdown);
            let _ = fs::remove_file(&json);
            return Err(why(dir, &e));
        }
        return Ok(SavedFiles {
            markdown,
            json,
            dir_shown: shown(dir, dirs::home_dir().as_deref()),
        });
    }
    Err(format!(
        "could not save the report: {} and {TRIES} more names like it are taken in {}",
        report.stem,
        dir.display()
    ))
}

/// Create `path`, readable by the user alone, only if nothing is there.
fn claim(path: &Path) -> io::Result<()> {
    private_file::options()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
}

/// Why writing into `dir` failed, in words.
fn why(dir: &Path, e: &io::Error) -> String {
    let dir = dir.display();
    let what = match e.kind() {
        ErrorKind::PermissionDenied => format!("{dir} is not writable by you"),
        ErrorKind::ReadOnlyFilesystem => format!("{dir} is on a read-only file system"),
        ErrorKind::StorageFull => format!("the disk holding {dir} is full"),
        ErrorKind::QuotaExceeded => format!("your disk quota for {dir} is used up"),
        ErrorKind::NotADirectory => format!("a part of {dir} is a file, not a directory"),
        _ => format!("writing in {dir} failed"),
    };
    format!("could not save the report: {what} ({e})")
}

/// `dir` as the footer says it: `~` for the home directory.
fn shown(dir: &Path, home: Option<&Path>) -> String {
    match home.and_then(|home| dir.strip_prefix(home).ok()) {
        Some(rest) => Path::new("~").join(rest).display().to_string(),
        None => dir.display().to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("chime-prefs-save-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn report() -> SaveReport {
        SaveReport {
            stem: "20261202T134832Z_diagnose_support_bob".into(),
            markdown: "# Push path\n".into(),
            json: "{\"Report\":{}}\n".into(),
        }
    }

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).map_or(0, |m| m.permissions().mode() & 0o777)
    }

    #[test]
    fn both_files_are_saved_readable_by_the_user_alone() {
        let dir = temp("modes").join("chime-prefs/reports");
        let saved = write(&dir, &report()).expect("saved");
        assert_eq!(
            saved.markdown,
            dir.join("20261202T134832Z_diagnose_support_bob.md")
        );
        assert_eq!(
            saved.json,
            dir.join("20261202T134832Z_diagnose_support_bob.json")
        );
        assert_eq!(
            fs::read_to_string(&saved.markdown).ok().as_deref(),
            Some("# Push path\n")
        );
        assert_eq!(
            fs::read_to_string(&saved.json).ok().as_deref(),
            Some("{\"Report\":{}}\n")
        );
        assert_eq!(mode(&saved.markdown), 0o600);
        assert_eq!(mode(&saved.json), 0o600);
        assert_eq!(mode(&dir), 0o700);
        let _ = fs::remove_dir_all(temp("modes"));
    }

    #[test]
    fn a_second_report_of_the_same_second_gets_its_own_name() {
        let dir = temp("names");
        let first = write(&dir, &report()).expect("first");
        let second = write(&dir, &report()).expect("second");
        assert_ne!(first.markdown, second.markdown);
        assert!(
            second
                .markdown
                .ends_with("20261202T134832Z_diagnose_support_bob-2.md")
        );
        assert!(
            second
                .json
                .ends_with("20261202T134832Z_diagnose_support_bob-2.json")
        );
        // A JSON left alone by something else is not overwritten either.
        fs::write(
            dir.join("20261202T134832Z_diagnose_support_bob-3.json"),
            "x",
        )
        .expect("x");
        let third = write(&dir, &report()).expect("third");
        assert!(
            third
                .markdown
                .ends_with("20261202T134832Z_diagnose_support_bob-4.md"),
            "{third:?}"
        );
        assert!(
            !dir.join("20261202T134832Z_diagnose_support_bob-3.md")
                .exists()
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_that_cannot_be_written_is_said_plainly() {
        let base = temp("readonly");
        fs::create_dir_all(&base).expect("base");
        fs::set_permissions(&base, fs::Permissions::from_mode(0o500)).expect("chmod");
        let result = write(&base.join("reports"), &report());
        fs::set_permissions(&base, fs::Permissions::from_mode(0o700)).expect("chmod back");
        // Root may write anyway; everyone else is told why not.
        if let Err(why) = result {
            assert!(why.starts_with("could not save the report: "), "{why}");
            assert!(why.contains("not writable"), "{why}");
        }
        let file = base.join("file");
        fs::write(&file, "x").expect("file");
        let why = write(&file.join("reports"), &report()).expect_err("a file in the way");
        assert!(why.contains("not a directory"), "{why}");
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn the_home_directory_is_shown_as_a_tilde() {
        let home = Path::new("/home/alice");
        assert_eq!(
            shown(
                Path::new("/home/alice/.local/share/chime-prefs/reports"),
                Some(home)
            ),
            "~/.local/share/chime-prefs/reports"
        );
        assert_eq!(
            shown(Path::new("/data/reports"), Some(home)),
            "/data/reports"
        );
    }
}
