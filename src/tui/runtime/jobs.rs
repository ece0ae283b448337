//! The one job registry: every background job, whatever its kind, is a
//! task under its id. Starting one spawns it; cancelling aborts it (a
//! scan's handle lives in its task, so the scan stops with it). Results go
//! back to the event loop as `Msg::Job` with the job's id.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::clients::Clients;
use crate::tui::job::{Job, JobEvent, JobId};
use crate::tui::msg::Msg;

pub(super) struct Registry {
    clients: Clients,
    tx: UnboundedSender<Msg>,
    running: HashMap<JobId, JoinHandle<()>>,
    log_filter_rules: bool,
}

impl Registry {
    pub(super) fn new(clients: Clients, tx: UnboundedSender<Msg>, log_filter_rules: bool) -> Self {
        Registry {
            clients,
            tx,
            running: HashMap::new(),
            log_filter_rules,
        }
    }

    /// Where answers to the event loop go.
    pub(super) fn sender(&self) -> UnboundedSender<Msg> {
        self.tx.clone()
    }

    pub(super) fn start(&mut self, id: JobId, job: Job) {
        // Forget the tasks that ended by themselves.
        self.running.retain(|_, task| !task.is_finished());
        tracing::info!(id = id.0, kind = job.kind(), "job started");
        let clients = self.clients.clone();
        let tx = self.tx.clone();
        let log_rules = self.log_filter_rules;
        let task = match job {
            Job::Lookup { target } => tokio::spawn(async move {
                let result = clients.lookup(&target).await;
                log_lookup(id, &result, log_rules);
                // The receiver is gone only when the TUI is closing.
                let _ = tx.send(Msg::Job {
                    id,
                    event: JobEvent::Lookup(Box::new(result)),
                });
            }),
            Job::ChannelScan { request } => {
                tracing::info!(id = id.0, concurrency = request.concurrency, "scan started");
                let (handle, mut events) = clients.scan(request);
                tokio::spawn(async move {
                    // Owned here: aborting this task drops it, which stops
                    // the scan.
                    let _handle = handle;
                    while let Some(event) = events.recv().await {
                        let msg = Msg::Job {
                            id,
                            event: JobEvent::Scan(Box::new(event)),
                        };
                        if tx.send(msg).is_err() {
                            break;
                        }
                    }
                })
            }
            Job::MemberChannels { request } => {
                tracing::info!(
                    id = id.0,
                    concurrency = request.concurrency,
                    quota = request.bearer_quota,
                    "member channels started"
                );
                let (handle, mut events) = clients.member(request);
                tokio::spawn(async move {
                    // Owned here: aborting this task drops it, which stops
                    // the run.
                    let _handle = handle;
                    while let Some(event) = events.recv().await {
                        let msg = Msg::Job {
                            id,
                            event: JobEvent::Member(Box::new(event)),
                        };
                        if tx.send(msg).is_err() {
                            break;
                        }
                    }
                })
            }
            // Answers nothing: the lookup it speeds up reports for it.
            Job::WarmUp { region } => tokio::spawn(async move {
                clients.warm_up(&region).await;
            }),
            Job::Diagnose { facts } => tokio::spawn(async move {
                let (events_tx, mut events) = tokio::sync::mpsc::unbounded_channel();
                // The sender moves in and drops when every call has
                // answered, which ends the forwarding below.
                let calls = async move { clients.diagnose(&facts, &events_tx).await };
                let forward = async {
                    while let Some(event) = events.recv().await {
                        let msg = Msg::Job {
                            id,
                            event: JobEvent::Diagnose(Box::new(event)),
                        };
                        if tx.send(msg).is_err() {
                            break;
                        }
                    }
                };
                tokio::join!(calls, forward);
            }),
        };
        self.running.insert(id, task);
    }

    pub(super) fn cancel(&mut self, id: JobId) {
        if let Some(task) = self.running.remove(&id) {
            task.abort();
            tracing::info!(id = id.0, "job cancelled");
        }
    }

    pub(super) fn abort_all(&mut self) {
        for (_, task) in self.running.drain() {
            task.abort();
        }
    }
}

fn log_lookup(
    id: JobId,
    result: &Result<crate::model::Lookup, crate::error::CallError>,
    log_rules: bool,
) {
    match result {
        Ok(lookup) => {
            tracing::info!(id = id.0, request_id = ?lookup.meta.request_id, attempts = lookup.meta.attempts, latency_ms = lookup.meta.latency.as_millis() as u64, "fetch done");
            if log_rules && let Some(rule) = lookup.response.filter_rule() {
                tracing::info!(id = id.0, filter_rule = %rule.raw, "filter rule");
            }
        }
        Err(e) => {
            tracing::warn!(id = id.0, kind = ?e.kind, status = ?e.http_status, request_id = ?e.request_id, attempts = e.attempts, "fetch failed");
        }
    }
}
