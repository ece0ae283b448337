//! A run (a channel scan, a member picture) on a task of its own, stopped
//! when its handle is dropped or cancelled.

use std::future::Future;

use tokio::task::JoinHandle;

/// A run on its own task. Dropping the handle (or [`RunHandle::cancel`])
/// stops it.
#[derive(Debug)]
pub struct RunHandle {
    task: JoinHandle<()>,
}

impl RunHandle {
    /// Spawn `run` on the current runtime.
    pub fn spawn(run: impl Future<Output = ()> + Send + 'static) -> RunHandle {
        RunHandle {
            task: tokio::spawn(run),
        }
    }

    /// Stop issuing requests, drop those in flight, and wait until the run
    /// has stopped. Events sent before that stay in the receiver; after it
    /// the receiver yields `None` once drained.
    pub async fn cancel(mut self) {
        self.task.abort();
        let _ = (&mut self.task).await;
    }

    /// Whether the run has ended (finished or cancelled).
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}
