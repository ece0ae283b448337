//! The history's lock: `flock` on a file of its own beside the history
//! (std's `File::lock`, on Unix `flock(2)`), never renamed, so that a
//! writer holding it and a compaction renaming the history over can never
//! hold locks on two different files.
//!
//! Waiting is bounded: another chime-prefs holds the lock for the time of
//! one append or one compaction, milliseconds; a lock held longer (a
//! process stopped with it) is an error, not a hang.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::report::private_file;

/// How long to wait for the lock before giving up.
pub const WAIT: Duration = Duration::from_secs(5);
const RETRY: Duration = Duration::from_millis(5);

/// A held lock; released when dropped (closing the file releases it).
#[derive(Debug)]
pub struct Held {
    _file: File,
}

/// Take the lock of `path` (created 0600 if missing), waiting at most
/// `wait`: one reader, appender or compaction at a time. A file system without locks is not an error: appends are still
/// whole lines (O_APPEND), only compaction could then race.
pub fn take(path: &Path, wait: Duration) -> io::Result<Held> {
    let file = private_file::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Held { _file: file }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(RETRY);
            }
            Err(TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "another chime-prefs has held {} for over {} s",
                        path.display(),
                        wait.as_secs()
                    ),
                ));
            }
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                tracing::warn!(path = %path.display(), "file locks unsupported here; history written without one");
                return Ok(Held { _file: file });
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_keeps_out_every_other_handle_until_dropped() {
        let dir = std::env::temp_dir().join(format!("chime-prefs-lock-{}", std::process::id()));
        private_file::create_dir(&dir).expect("dir");
        let path = dir.join("history.lock");
        let held = take(&path, WAIT).expect("first");
        let short = Duration::from_millis(20);
        let err = take(&path, short).expect_err("held");
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        assert!(err.to_string().contains("another chime-prefs"), "{err}");
        drop(held);
        let again = take(&path, short).expect("free once dropped");
        drop(again);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
