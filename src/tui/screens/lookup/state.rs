//! The lookup screen's state: plain data, changed only by `update`.

use std::time::{Duration, Instant};

use super::form::{Form, FormField};
use super::history::{History, HistoryEntry};
use super::outcome::{InFlight, Loaded, Outcome};
use super::test_panel::TestPanel;
use crate::tui::options::UiOptions;

/// Where keys go on the lookup screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Field(FormField),
    History,
    /// The lower right pane: the FilterRule, or the error explanation.
    Details,
    /// The "test a message" input.
    TestPanel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Watch {
    pub enabled: bool,
    pub interval: Duration,
    /// When the next re-fetch is due (set after each result in watch mode).
    pub next_due: Option<Instant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LookupScreen {
    pub form: Form,
    pub focus: Focus,
    pub outcome: Outcome,
    pub in_flight: Option<InFlight>,
    pub history: History,
    /// First visible line of the details pane.
    pub details_scroll: usize,
    pub watch: Watch,
    pub test_panel: Option<TestPanel>,
}

impl LookupScreen {
    pub fn new(options: &UiOptions, saved: Vec<HistoryEntry>) -> Self {
        let focus = if saved.is_empty() {
            Focus::Field(FormField::Channel)
        } else {
            Focus::History
        };
        LookupScreen {
            form: Form::new(options.client.region.clone()),
            focus,
            outcome: Outcome::Empty,
            in_flight: None,
            history: History::new(saved),
            details_scroll: 0,
            watch: Watch {
                enabled: false,
                interval: options.watch_interval,
                next_due: None,
            },
            test_panel: None,
        }
    }

    pub fn loading(&self) -> bool {
        self.in_flight.is_some()
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.outcome {
            Outcome::Loaded(l) => Some(l),
            _ => None,
        }
    }

    /// The loaded FilterRule, when it parsed: what the test panel tests.
    pub fn testable_rule(&self) -> Option<&crate::filter::Rule> {
        self.loaded()?.rule.as_ref()?.report.rule.as_ref()
    }

    /// What is being looked at: the shown result's target, else the form's.
    pub fn current_target(&self) -> Option<&crate::model::Target> {
        self.outcome.target().or(self.form.target())
    }

    /// A click on the form (drawn above every screen): focus that field.
    pub fn click_form_row(&mut self, row: usize) {
        if let Some(which) = FormField::ALL.get(row) {
            self.focus = Focus::Field(*which);
        }
    }
}
