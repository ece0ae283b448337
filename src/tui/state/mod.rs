//! The TUI's state: plain data, changed only by `crate::tui::update`, read
//! by `crate::tui::view`. Nothing here does I/O or knows the terminal.

mod channel;
mod form;
mod history;
mod outcome;
mod test_panel;
mod text_field;

use std::time::{Duration, Instant};

pub use channel::{ChannelView, SortKey, StateFilter};
pub use form::{Form, FormField};
pub use history::{History, HistoryEntry, LastResult, Origin};
pub use outcome::{Changes, Failed, InFlight, Loaded, Outcome, RuleView};
pub use test_panel::TestPanel;
pub use text_field::TextField;

use crate::aws::ClientInfo;

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Field(FormField),
    History,
    /// The lower right pane: the FilterRule, or the error explanation.
    Details,
    /// The "test a message" input.
    TestPanel,
}

/// Settings the TUI starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct UiOptions {
    pub client: ClientInfo,
    pub watch_interval: Duration,
    /// False when NO_COLOR is set.
    pub color: bool,
    /// The embedded demo service is behind the endpoint.
    pub demo: bool,
    /// The endpoint URL, when not real AWS (for the copied AWS CLI command).
    pub endpoint_url: Option<String>,
    /// Lookups in flight at once in the channel view's scan.
    pub scan_concurrency: usize,
    /// Attempts per call (`--max-attempts`); the scan retries 5xx itself.
    pub max_attempts: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Watch {
    pub enabled: bool,
    pub interval: Duration,
    /// When the next re-fetch is due (set after each result in watch mode).
    pub next_due: Option<Instant>,
}

/// A short confirmation in the footer, such as "copied".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub until: Instant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    pub options: UiOptions,
    pub form: Form,
    pub focus: Focus,
    pub outcome: Outcome,
    pub in_flight: Option<InFlight>,
    /// The id the next request gets; results for any other id are stale.
    pub next_request: u64,
    pub history: History,
    /// First visible line of the details pane.
    pub details_scroll: usize,
    pub watch: Watch,
    /// The help overlay, with its scroll offset, when open.
    pub help: Option<usize>,
    pub test_panel: Option<TestPanel>,
    /// The channel view and its scan, once `c` was pressed.
    pub channel: Option<ChannelView>,
    pub toast: Option<Toast>,
    /// Spinner frame while loading.
    pub spinner: usize,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub should_quit: bool,
}

impl App {
    pub fn new(options: UiOptions, saved: Vec<HistoryEntry>, size: (u16, u16)) -> Self {
        let form = Form::new(options.client.region.clone());
        let watch = Watch {
            enabled: false,
            interval: options.watch_interval,
            next_due: None,
        };
        let focus = if saved.is_empty() {
            Focus::Field(FormField::Channel)
        } else {
            Focus::History
        };
        App {
            options,
            form,
            focus,
            outcome: Outcome::Empty,
            in_flight: None,
            next_request: 1,
            history: History::new(saved),
            details_scroll: 0,
            watch,
            help: None,
            test_panel: None,
            channel: None,
            toast: None,
            spinner: 0,
            size,
            should_quit: false,
        }
    }

    pub fn loading(&self) -> bool {
        self.in_flight.is_some()
    }

    /// The channel view, when it is on screen.
    pub fn channel_view(&self) -> Option<&ChannelView> {
        self.channel.as_ref().filter(|c| c.visible)
    }

    /// The loaded FilterRule, when it parsed: what the test panel tests.
    pub fn testable_rule(&self) -> Option<&crate::filter::Rule> {
        self.loaded()?.rule.as_ref()?.report.rule.as_ref()
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.outcome {
            Outcome::Loaded(l) => Some(l),
            _ => None,
        }
    }

    /// When the event loop must wake up without an event: the spinner while
    /// loading, the next watch fetch, a toast to clear. `None` when idle.
    pub fn next_wakeup(&self, now: Instant) -> Option<Instant> {
        let spinner = self
            .loading()
            .then(|| now + crate::tui::update::SPINNER_FRAME);
        let watch = if self.watch.enabled && !self.loading() {
            self.watch.next_due
        } else {
            None
        };
        let toast = self.toast.as_ref().map(|t| t.until);
        [spinner, watch, toast].into_iter().flatten().min()
    }
}
