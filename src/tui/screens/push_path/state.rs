//! The push-path screen's state: the diagnosis's facts as they arrive and
//! their evaluation, redone after every change (it is pure and cheap).
//! Plain data, changed only by `update`.
//!
//! The set-up facts behind the devices come from the TUI's
//! [`SetupCache`](crate::tui::setup_cache::SetupCache) when another member
//! already read them: the diagnosis starts with them known, so the runner
//! asks none of them again, and the screen shows how old they are. `r`
//! reads everything again.

use std::time::{Instant, SystemTime};

use crate::arn;
use crate::aws::RegionProblem;
use crate::diagnose::{self, Diagnosis, Event, Facts, MessageInput, Scope};
use crate::filter::Attributes;
use crate::tui::captured::Captured;
use crate::tui::job::{Job, JobId};
use crate::tui::msg::Effect;
use crate::tui::screens::page::Ctx;

/// Where a run's set-up facts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setup {
    /// Those kept from earlier members, filled in; the rest asked.
    Kept,
    /// All asked again (`r`).
    Reread,
}

/// What the push-path screen is opened for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushPathRequest {
    pub channel_arn: String,
    pub member_arn: String,
    /// An AppInstanceAdmin or moderator, for the ban check only.
    pub admin_arn: Option<String>,
    /// The test panel's attributes, when it holds a valid map.
    pub attributes: Option<Attributes>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PushPathScreen {
    /// The diagnosis's job; events of any other id are stale.
    pub id: JobId,
    pub facts: Facts,
    /// `evaluate(&facts)`, redone whenever the facts change.
    pub diagnosis: Diagnosis,
    pub running: bool,
    /// The selected check, an index into `diagnosis.checks`.
    pub selected: usize,
    /// The detail pane has the keys (Enter opened it): j/k scroll it.
    pub detail_open: bool,
    /// First visible line of the lower pane (detail or manual checks).
    pub scroll: usize,
    /// When the oldest set-up fact this diagnosis uses was read (kept from
    /// an earlier member, or read by this run); `None` before any is known.
    pub setup_read: Option<Instant>,
    /// The time of the last message the screen saw: what the set-up's age
    /// is shown against (the view reads no clock).
    pub now: Instant,
    /// When the run started, or finished once it did: what the report
    /// says it was captured at.
    pub captured: SystemTime,
    /// The saved report shown, while offline (`chime-prefs open`): the
    /// diagnosis is the captured one and no fact is asked until `r`.
    pub offline: Option<Captured>,
}

fn message_input(attributes: Option<Attributes>) -> MessageInput {
    attributes.map_or(MessageInput::None, MessageInput::Attributes)
}

impl PushPathScreen {
    /// A screen diagnosing `request`, and the effect that starts the
    /// calls. `Err` says why nothing can be sent.
    pub fn open(
        request: PushPathRequest,
        ctx: &mut Ctx,
    ) -> Result<(PushPathScreen, Vec<Effect>), String> {
        let client_region = ctx.options.client.region.as_deref();
        let check = arn::check_form(
            &request.channel_arn,
            &request.member_arn,
            None,
            client_region,
        );
        let Some(target) = check.target.clone() else {
            let why = check
                .problems()
                .first()
                .map(|p| p.message.clone())
                .unwrap_or_else(|| "the form is incomplete".to_string());
            return Err(format!("p checks the form's channel and member: {why}"));
        };
        let channel = arn::parse_channel(&target.channel_arn)
            .map_err(|p| format!("p: the channel ARN {}", p.message))?;
        let admin = match request.admin_arn.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(a) => Some(
                arn::check_admin(&channel, a)
                    .map_err(|p| format!("p: the admin ARN {}", p.message))?
                    .raw,
            ),
        };
        let region = match ctx.options.client.region_for(&target.channel_arn) {
            Ok(region) => region,
            Err(problem @ RegionProblem::Conflict { .. }) => {
                return Err(format!("{problem} Nothing was sent."));
            }
            Err(RegionProblem::Unreadable) => channel.scope.region.clone(),
        };
        let scope = Scope {
            region,
            account: channel.scope.account.clone(),
            channel_arn: target.channel_arn.clone(),
            member_arn: target.member_arn.clone(),
            admin_arn: admin,
        };
        let mut facts = Facts::pending(scope, message_input(request.attributes));
        facts.arn_warnings = check.warnings.clone();
        let mut screen = PushPathScreen {
            id: JobId(0),
            diagnosis: diagnose::evaluate(&facts),
            facts,
            running: false,
            selected: 0,
            detail_open: false,
            scroll: 0,
            setup_read: None,
            now: ctx.now,
            captured: ctx.wall,
            offline: None,
        };
        let effects = screen.start(ctx, Setup::Kept);
        Ok((screen, effects))
    }

    /// (Re)run the calls, stopping the run in flight: what the checklist
    /// held is replaced as the new answers arrive. With [`Setup::Kept`] the
    /// set-up facts kept from earlier members are filled in first, and the
    /// runner does not ask them again.
    pub(super) fn start(&mut self, ctx: &mut Ctx, setup: Setup) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.running {
            effects.push(Effect::Cancel { id: self.id });
        }
        let mut facts = Facts::pending(self.facts.scope.clone(), self.facts.message.clone());
        facts.arn_warnings = self.facts.arn_warnings.clone();
        if setup == Setup::Kept {
            ctx.setup.prefill(&mut facts);
        }
        self.facts = facts;
        self.now = ctx.now;
        self.captured = ctx.wall;
        self.note_setup_age(ctx);
        self.diagnosis = diagnose::evaluate(&self.facts);
        self.id = ctx.ids.next_id();
        self.running = true;
        effects.push(Effect::Start {
            id: self.id,
            job: Job::Diagnose {
                facts: Box::new(self.facts.clone()),
            },
        });
        effects
    }

    /// One call answered: keep it if it is a set-up fact, fold it in and
    /// judge again.
    pub fn apply_event(&mut self, event: Event, ctx: &mut Ctx) {
        ctx.setup.record(&self.facts.scope.account, &event, ctx.now);
        self.facts.apply(event);
        self.now = ctx.now;
        self.note_setup_age(ctx);
        self.diagnosis = diagnose::evaluate(&self.facts);
        if self.facts.complete() {
            self.running = false;
            self.captured = ctx.wall;
        }
    }

    fn note_setup_age(&mut self, ctx: &Ctx) {
        self.setup_read = ctx.setup.oldest_for(&self.facts);
    }

    /// The test panel's attributes changed: the verdict is judged again
    /// from the facts in hand, with no new call. A saved report keeps the
    /// verdict it was captured with: it has no facts to judge again.
    pub fn set_attributes(&mut self, attributes: Option<Attributes>) {
        if self.offline.is_some() {
            return;
        }
        self.facts.message = message_input(attributes);
        self.diagnosis = diagnose::evaluate(&self.facts);
    }

    pub fn is_for(&self, channel_arn: &str, member_arn: &str, admin_arn: Option<&str>) -> bool {
        let admin = admin_arn.map(str::trim).filter(|a| !a.is_empty());
        self.facts.scope.channel_arn == channel_arn.trim()
            && self.facts.scope.member_arn == member_arn.trim()
            && self.facts.scope.admin_arn.as_deref() == admin
    }
}
