//! The one writer of the history file: a thread of its own, so that a
//! slow disk or a lock held by another chime-prefs never stalls the event
//! loop. Lookups are appended in the order they finished. The first
//! failure is said in the footer (then only logged); on quitting, what is
//! queued is written before the TUI exits, for a bounded time.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::history::{HistoryFile, Record};
use crate::sanitize;
use crate::tui::msg::Msg;

/// How long quitting waits for queued lookups to be written.
const FINISH_WITHIN: Duration = Duration::from_secs(3);

pub struct HistoryWriter {
    records: Option<Sender<Record>>,
    done: Receiver<()>,
}

impl HistoryWriter {
    /// Start the writer; `None` (logged) when no thread can be started:
    /// the TUI then runs without keeping its lookups.
    pub fn start(file: HistoryFile, details: bool, notices: UnboundedSender<Msg>) -> Option<Self> {
        let (records, queue) = mpsc::channel::<Record>();
        let (finished, done) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("history".into())
            .spawn(move || {
                let mut said = false;
                for record in queue {
                    if let Err(e) = file.append(&record, details) {
                        tracing::warn!(path = %file.path().display(), error = %e, "lookup not kept in the history");
                        if !said {
                            said = true;
                            let text = format!(
                                "history not saved: {}",
                                sanitize::line(&format!("{}: {e}", file.path().display()))
                            );
                            let _ = notices.send(Msg::Notice(text));
                        }
                    }
                }
                let _ = finished.send(());
            });
        match spawned {
            Ok(_) => Some(HistoryWriter {
                records: Some(records),
                done,
            }),
            Err(e) => {
                tracing::warn!(error = %e, "no history writer; lookups are not kept");
                None
            }
        }
    }

    pub fn keep(&self, record: Record) {
        if let Some(records) = &self.records {
            let _ = records.send(record);
        }
    }

    /// Take no more, and wait a little for what is queued to be written.
    pub fn finish(mut self) {
        drop(self.records.take());
        if self.done.recv_timeout(FINISH_WITHIN).is_err() {
            tracing::warn!("the history writer did not finish; the last lookups may be lost");
        }
    }
}
