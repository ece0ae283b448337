//! The member screen's state: the member picture as it arrives, and the
//! choices of rows and order. Plain data, changed only by `update`.

use std::time::Instant;

use crate::arn::{self, ArnProblem, Field, MemberArn};
use crate::aws::RegionProblem;
use crate::member::{ChannelRow, MemberRequest, MemberResults};
use crate::scan::CONCURRENCY_RANGE;
use crate::tui::job::{Job, JobId};
use crate::tui::msg::Effect;
use crate::tui::screens::channel::filter::{self, SortKey, StateFilter};
use crate::tui::screens::page::Ctx;
use crate::tui::widgets::filter_input::FilteredList;
use crate::tui::widgets::list::ListCursor;

#[derive(Debug, Clone, PartialEq)]
pub struct MemberScreen {
    /// The run's job; events of any other id are stale.
    pub id: JobId,
    pub request: MemberRequest,
    /// The admin who lists the channels, when one was given; otherwise the
    /// member lists its own.
    pub admin_arn: Option<String>,
    pub results: MemberResults,
    pub filter: StateFilter,
    pub sort: SortKey,
    /// Position in the filtered, sorted rows.
    pub cursor: ListCursor,
    pub running: bool,
    pub started: Instant,
    /// When the last event arrived (for the time a finished run took).
    pub last_event: Instant,
}

/// An admin lists another user's channels only for its own app instance
/// (as `chime-prefs member --admin-arn` checks it).
fn check_admin(member: &MemberArn, admin: &str) -> Result<MemberArn, ArnProblem> {
    let admin = arn::parse_member(admin, Field::Admin)?;
    if admin.scope != member.scope {
        return Err(ArnProblem {
            field: Field::Admin,
            message: format!(
                "belongs to app instance {} but the member belongs to {}",
                admin.scope.app_instance_arn(),
                member.scope.app_instance_arn()
            ),
            fix: "Check [aws] admin_arn or --admin-arn, or leave it out to list as the member"
                .to_string(),
            flag_fix: None,
        });
    }
    Ok(admin)
}

impl MemberScreen {
    /// A screen for `member_arn`'s channels, listed by `admin_arn` when
    /// given (else by the member), and the effect that starts the run.
    /// `Err` says why nothing can be sent.
    pub fn open(
        member_arn: &str,
        admin_arn: Option<&str>,
        ctx: &mut Ctx,
    ) -> Result<(MemberScreen, Vec<Effect>), String> {
        let member = arn::parse_member(member_arn.trim(), Field::Member).map_err(|p| {
            format!(
                "u lists the form's member's channels, and its ARN {}",
                p.message
            )
        })?;
        let admin = match admin_arn.map(str::trim) {
            None | Some("") => None,
            Some(a) => Some(
                check_admin(&member, a)
                    .map_err(|p| format!("u: the admin ARN {}", p.message))?
                    .raw,
            ),
        };
        if let Err(problem @ RegionProblem::Conflict { .. }) =
            ctx.options.client.region_for(&member.raw)
        {
            return Err(format!("{problem} Nothing was sent."));
        }
        let lister = admin.clone().unwrap_or_else(|| member.raw.clone());
        let mut request = MemberRequest::new(&member, lister);
        request.max_attempts = ctx.options.max_attempts;
        request.concurrency = ctx
            .options
            .scan_concurrency
            .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
        let mut screen = MemberScreen {
            id: JobId(0),
            results: MemberResults::new(&request),
            request,
            admin_arn: admin,
            filter: StateFilter::Everyone,
            sort: SortKey::Listing,
            cursor: ListCursor::default(),
            running: false,
            started: ctx.now,
            last_event: ctx.now,
        };
        let effects = screen.start(ctx);
        Ok((screen, effects))
    }

    /// (Re)start the run, stopping the one in flight; the table is
    /// replaced by the new run's rows.
    pub(super) fn start(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let mut effects = self.stop();
        self.id = ctx.ids.next_id();
        self.results = MemberResults::new(&self.request);
        self.cursor = ListCursor::default();
        self.running = true;
        self.started = ctx.now;
        self.last_event = ctx.now;
        effects.push(Effect::Start {
            id: self.id,
            job: Job::MemberChannels {
                request: self.request.clone(),
            },
        });
        effects
    }

    /// Stop a running run, keeping what it read.
    pub(super) fn stop(&mut self) -> Vec<Effect> {
        if self.running {
            self.running = false;
            vec![Effect::Cancel { id: self.id }]
        } else {
            Vec::new()
        }
    }

    pub fn member_arn(&self) -> &str {
        &self.request.member_arn
    }

    /// Who lists the channels: the admin, or the member itself.
    pub fn lister_arn(&self) -> &str {
        &self.request.lister_arn
    }

    pub fn is_for(&self, member_arn: &str, admin_arn: Option<&str>) -> bool {
        let admin = admin_arn.map(str::trim).filter(|a| !a.is_empty());
        self.request.member_arn == member_arn.trim() && self.admin_arn.as_deref() == admin
    }

    /// Indices into `results.rows()` of the rows shown, in display order.
    pub fn visible_rows(&self) -> Vec<usize> {
        let rows = self.results.rows();
        let query = &self.cursor.filter;
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| self.filter.keeps_state(&rows[i].state))
            .filter(|&i| query.matches([rows[i].name().unwrap_or(""), rows[i].arn().unwrap_or("")]))
            .collect();
        match self.sort {
            SortKey::Listing => {}
            SortKey::State => shown.sort_by_key(|&i| filter::rank_of(&rows[i].state)),
            SortKey::Name => {
                shown.sort_by_cached_key(|&i| rows[i].name().unwrap_or("").to_lowercase())
            }
        }
        shown
    }

    /// The selected row, if any is shown.
    pub fn selected_row(&self) -> Option<&ChannelRow> {
        let index = *self.visible_rows().get(self.cursor.selected())?;
        self.results.rows().get(index)
    }
}

impl FilteredList for MemberScreen {
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
        "channel"
    }
}
