//! The settings the TUI starts with, resolved by `crate::commands`.

use std::time::Duration;

use crate::aws::ClientInfo;

/// Settings the TUI starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct UiOptions {
    pub client: ClientInfo,
    pub watch_interval: Duration,
    /// False when NO_COLOR is set.
    pub color: bool,
    /// The embedded demo service is behind the endpoint.
    pub demo: bool,
    /// Lookups in flight at once in the channel view's scan.
    pub scan_concurrency: usize,
    /// Attempts per call (`--max-attempts`); the scan retries 5xx itself.
    pub max_attempts: u32,
    /// `--admin-arn` or `[aws] admin_arn`: the AppInstanceAdmin or
    /// moderator the push-path screen's ban check calls as.
    pub admin_arn: Option<String>,
    /// Whether finished lookups are kept in the history file (`--no-history`,
    /// `[ui] history`, `history_details`); always off for the demo.
    pub history: crate::history::Mode,
}
