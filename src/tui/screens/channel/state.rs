//! The channel screen's state: the scan's results as they arrive, and the
//! choices of rows and order. Plain data, changed only by `update`.

use std::time::Instant;

use super::filter::{self, SortKey, StateFilter};
use crate::scan::{CONCURRENCY_RANGE, ScanRequest, ScanResults};
use crate::tui::job::{Job, JobId};
use crate::tui::msg::Effect;
use crate::tui::screens::page::Ctx;
use crate::tui::widgets::filter_input::FilteredList;
use crate::tui::widgets::list::ListCursor;

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelScreen {
    /// The scan's job; results of any other id are stale.
    pub id: JobId,
    pub channel_arn: String,
    /// Who lists the members.
    pub bearer_arn: String,
    /// HIDDEN members are listed too (a second listing pass).
    pub include_hidden: bool,
    pub results: ScanResults,
    pub filter: StateFilter,
    pub sort: SortKey,
    /// Position in the filtered, sorted rows.
    pub cursor: ListCursor,
    pub running: bool,
    pub started: Instant,
    /// When the last event arrived (for the rate).
    pub last_event: Instant,
}

impl ChannelScreen {
    /// A screen scanning `channel_arn` as `bearer_arn`, and the effect that
    /// starts the scan. `Err` says why it cannot start: no one to list as.
    pub fn open(
        channel_arn: String,
        bearer_arn: Option<String>,
        ctx: &mut Ctx,
    ) -> Result<(ChannelScreen, Vec<Effect>), String> {
        let Some(bearer_arn) = bearer_arn else {
            return Err(
                "c needs a member or bearer ARN: who lists the channel's members".to_string(),
            );
        };
        let mut screen = ChannelScreen {
            id: JobId(0),
            results: ScanResults::new(channel_arn.clone()),
            channel_arn,
            bearer_arn,
            include_hidden: false,
            filter: StateFilter::Everyone,
            sort: SortKey::Listing,
            cursor: ListCursor::default(),
            running: false,
            started: ctx.now,
            last_event: ctx.now,
        };
        let effects = screen.start(false, ctx);
        Ok((screen, effects))
    }

    /// (Re)start the scan, stopping the one running; what the table held
    /// is replaced by the new scan's rows.
    pub(super) fn start(&mut self, include_hidden: bool, ctx: &mut Ctx) -> Vec<Effect> {
        let mut effects = self.stop();
        self.id = ctx.ids.next_id();
        let mut request = ScanRequest::new(self.channel_arn.clone(), self.bearer_arn.clone());
        request.max_attempts = ctx.options.max_attempts;
        request.include_hidden = include_hidden;
        request.concurrency = ctx
            .options
            .scan_concurrency
            .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
        self.include_hidden = include_hidden;
        self.results = ScanResults::new(self.channel_arn.clone());
        self.cursor = ListCursor::default();
        self.filter = StateFilter::Everyone;
        self.sort = SortKey::Listing;
        self.running = true;
        self.started = ctx.now;
        self.last_event = ctx.now;
        effects.push(Effect::Start {
            id: self.id,
            job: Job::ChannelScan { request },
        });
        effects
    }

    /// Stop a running scan, keeping what it read.
    pub(super) fn stop(&mut self) -> Vec<Effect> {
        if self.running {
            self.running = false;
            vec![Effect::Cancel { id: self.id }]
        } else {
            Vec::new()
        }
    }

    /// Indices into `results.rows()` of the rows shown, in display order.
    pub fn visible_rows(&self) -> Vec<usize> {
        let rows = self.results.rows();
        let filter = &self.cursor.filter;
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| self.filter.keeps(&rows[i]))
            .filter(|&i| {
                let m = &rows[i].member;
                filter.matches([
                    m.name.as_deref().unwrap_or(""),
                    m.arn.as_deref().unwrap_or(""),
                ])
            })
            .collect();
        match self.sort {
            SortKey::Listing => {}
            SortKey::State => shown.sort_by_key(|&i| filter::state_rank(&rows[i])),
            SortKey::Name => shown.sort_by_cached_key(|&i| {
                rows[i].member.name.as_deref().unwrap_or("").to_lowercase()
            }),
        }
        shown
    }

    /// Members per second since the scan started.
    pub fn rate(&self) -> Option<f64> {
        let secs = self
            .last_event
            .saturating_duration_since(self.started)
            .as_secs_f64();
        let done = self.results.summary().finished();
        (secs > 0.2 && done > 0).then(|| done as f64 / secs)
    }
}

impl FilteredList for ChannelScreen {
    fn cursor(&self) -> &ListCursor {
        &self.cursor
    }
    fn cursor_mut(&mut self) -> &mut ListCursor {
        &mut self.cursor
    }
    fn shown(&self) -> Vec<usize> {
        self.visible_rows()
    }
    fn total(&self) -> usize {
        self.results.rows().len()
    }
    fn noun(&self) -> &'static str {
        "member"
    }
}
