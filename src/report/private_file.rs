//! Files only the user can read: saved reports and the TUI's history.
//! Directories are created 0700 and files 0600 from the start (never
//! widened, then narrowed), and a whole file is written to a temporary
//! name beside it and renamed, so that a reader never sees half of one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

/// Create `dir` and its missing parents, readable by the user alone.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir)
}

/// Options that create a file readable by the user alone.
pub fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    options.mode(0o600);
    options
}

/// Write `bytes` to `path` whole: to a temporary file beside it, then
/// renamed over it. The parent directory is created if missing.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir(parent)?;
    }
    let temp = temp_path(path);
    let result = (|| {
        let mut file: File = options().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// `name.tmp.<pid>` beside `path`: unique per process, so two writers never
/// share a temporary file.
fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp.{}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn files_and_directories_are_the_users_alone() {
        let base = std::env::temp_dir().join(format!("chime-prefs-private-{}", std::process::id()));
        let path = base.join("a/b/report.json");
        write(&path, b"{}").expect("write");
        let mode = |p: &Path| fs::metadata(p).map(|m| m.permissions().mode() & 0o777).ok();
        assert_eq!(mode(&path), Some(0o600));
        assert_eq!(mode(&base.join("a/b")), Some(0o700));
        write(&path, b"{\"x\":1}").expect("overwrite");
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("{\"x\":1}"));
        let leftovers = fs::read_dir(base.join("a/b"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        let _ = fs::remove_dir_all(&base);
    }
}
