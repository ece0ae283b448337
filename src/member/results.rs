//! The member picture so far, as plain data: one row per channel in
//! listing order, per-state counts and the devices, built by applying
//! [`MemberEvent`]s. The CLI printers read it; a screen can fold events
//! into it as they arrive and render it at any moment.

use crate::diagnose::{self, Check, EndpointFact, Fact, Facts};
use crate::error::CallError;
use crate::model::{AllowMessages, ChannelSummary, EndpointStatus, UserChannelMembership};
use crate::scan::results::settle;
use crate::scan::{Listing, MemberOutcome, PushState, RowState, Summary};

use super::event::{MemberEvent, MemberRequest};

/// One of the member's channels.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelRow {
    /// As ListChannelMembershipsForAppInstanceUser gave it.
    pub channel: UserChannelMembership,
    pub state: RowState,
}

impl ChannelRow {
    pub fn summary(&self) -> Option<&ChannelSummary> {
        self.channel.channel.as_ref()
    }

    pub fn arn(&self) -> Option<&str> {
        self.summary()?.channel_arn.as_deref()
    }

    /// Server text: sanitise before display.
    pub fn name(&self) -> Option<&str> {
        self.summary()?.name.as_deref()
    }

    pub fn is_finished(&self) -> bool {
        !matches!(self.state, RowState::Pending)
    }

    /// The state of a read channel, for counting and filtering.
    pub fn push_state(&self) -> Option<PushState> {
        match &self.state {
            RowState::Read(lookup) => Some(PushState::of(&lookup.response)),
            _ => None,
        }
    }
}

/// How many of the member's devices are in which state (facts, not the
/// judgement: that is the endpoints check).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceCounts {
    pub total: usize,
    /// `EndpointState.Status` INACTIVE.
    pub inactive: usize,
    /// `AllowMessages` NONE.
    pub muted: usize,
    /// Neither muted nor inactive, with a value this version does not know
    /// (or none given): whether they receive is unknown.
    pub unknown: usize,
    /// The inactive devices' StatusReasons, verbatim, each once, in list
    /// order.
    pub reasons: Vec<String>,
    /// What makes the unknown ones unknown, each once, in list order.
    pub unknown_values: Vec<String>,
}

impl DeviceCounts {
    pub fn of(devices: &[EndpointFact]) -> Self {
        let mut counts = DeviceCounts {
            total: devices.len(),
            ..DeviceCounts::default()
        };
        fn once(list: &mut Vec<String>, item: String) {
            if !list.contains(&item) {
                list.push(item);
            }
        }
        for device in devices {
            let muted = device.allow_messages == Some(AllowMessages::None);
            let inactive = device.status == Some(EndpointStatus::Inactive);
            if muted {
                counts.muted += 1;
            }
            if inactive {
                counts.inactive += 1;
                let reason = device
                    .status_reason
                    .as_ref()
                    .map_or("no reason given", |r| r.as_wire());
                once(&mut counts.reasons, reason.to_string());
            }
            let unknown = device.unknown_values();
            if !muted && !inactive && !unknown.is_empty() {
                counts.unknown += 1;
                for value in unknown {
                    once(&mut counts.unknown_values, value);
                }
            }
        }
        counts
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberResults {
    member_arn: String,
    /// Member.Name from the first preferences read.
    name: Option<String>,
    rows: Vec<ChannelRow>,
    summary: Summary,
    listing: Listing,
    devices: Facts,
    quota: f64,
    done: bool,
    throttled: u64,
    pace: Option<f64>,
    /// The checks behind the devices as a report read back judged them
    /// ([`MemberResults::from_parts`]); `None` while they are judged from
    /// `devices`.
    judged_setup: Option<Vec<Check>>,
}

/// What a member report holds, to rebuild the picture without the events
/// that built it ([`MemberResults::from_parts`]: `chime-prefs open`,
/// `diff`).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberParts {
    pub member_arn: String,
    pub name: Option<String>,
    /// The channels whose lookup ended, in listing order.
    pub rows: Vec<ChannelRow>,
    /// Channels listed but not read (a partial picture); a report does not
    /// say which.
    pub not_read: usize,
    pub listing: Listing,
    /// The run said it would report nothing more (false: interrupted).
    pub done: bool,
    pub throttled: u64,
    /// The member's devices (each endpoint's Pinpoint app as its describe
    /// answered).
    pub devices: Fact<Vec<EndpointFact>>,
    /// The checks behind the devices, as judged when the report was made:
    /// the facts they were judged from (apps, channels, role, policies)
    /// are not in a report.
    pub setup_checks: Vec<Check>,
}

/// The app instance's scope a member's devices are judged against, and
/// the bearer's quota in its region, from the member's ARN alone (a
/// report read back); an ARN that does not parse gets an empty scope.
pub fn scope_of(member_arn: &str) -> (diagnose::Scope, f64) {
    match crate::arn::parse_member(member_arn, crate::arn::Field::Member) {
        Ok(member) => {
            let request = MemberRequest::new(&member, member_arn);
            (request.scope(), request.bearer_quota)
        }
        Err(_) => (
            diagnose::Scope {
                region: String::new(),
                account: String::new(),
                channel_arn: String::new(),
                member_arn: member_arn.to_string(),
                admin_arn: None,
            },
            super::event::bearer_quota(""),
        ),
    }
}

/// The facts the member picture asks: the member's devices and the set-up
/// behind them (its apps, their channels, the role and its permission),
/// none of one channel's links.
pub fn devices_facts(scope: diagnose::Scope) -> Facts {
    let mut facts = Facts::devices_only(scope);
    facts.role = Fact::Pending;
    facts
}

impl MemberResults {
    pub fn new(request: &MemberRequest) -> Self {
        Self {
            member_arn: request.member_arn.clone(),
            name: None,
            rows: Vec::new(),
            summary: Summary::default(),
            listing: Listing::InProgress,
            devices: devices_facts(request.scope()),
            quota: request.bearer_quota,
            done: false,
            throttled: 0,
            pace: None,
            judged_setup: None,
        }
    }

    /// The picture a report holds. The counts are the rows'; the pace is
    /// the member's region's quota (a report does not keep the pace).
    pub fn from_parts(parts: MemberParts) -> Self {
        let (scope, quota) = scope_of(&parts.member_arn);
        let mut summary = Summary {
            pending: parts.not_read,
            ..Summary::default()
        };
        for row in &parts.rows {
            match &row.state {
                RowState::Read(lookup) => summary.add(PushState::of(&lookup.response)),
                RowState::Failed(_) => summary.errors += 1,
                RowState::Pending => summary.pending += 1,
            }
        }
        let mut devices = devices_facts(scope);
        devices.endpoints = parts.devices;
        Self {
            member_arn: parts.member_arn,
            name: parts.name,
            rows: parts.rows,
            summary,
            listing: parts.listing,
            devices,
            quota,
            done: parts.done,
            throttled: parts.throttled,
            pace: None,
            judged_setup: Some(parts.setup_checks),
        }
    }

    pub fn apply(&mut self, event: MemberEvent) {
        match event {
            MemberEvent::Listed { channels } => {
                self.summary.pending += channels.len();
                self.rows
                    .extend(channels.into_iter().map(|channel| ChannelRow {
                        channel,
                        state: RowState::Pending,
                    }));
            }
            MemberEvent::ListingComplete { .. } => self.listing = Listing::Complete,
            MemberEvent::ListingFailed(err) => self.listing = Listing::Failed(err),
            MemberEvent::ListingCapped { limit } => self.listing = Listing::Capped(limit),
            MemberEvent::Throttled { pace, .. } => {
                self.throttled += 1;
                self.pace = pace;
            }
            MemberEvent::Finished { index, outcome } => {
                // An index never listed, or a second outcome, would be an
                // engine bug: keep the counts consistent anyway.
                let Some(row) = self.rows.get_mut(index) else {
                    return;
                };
                let name = match &outcome {
                    MemberOutcome::Read(lookup) => {
                        lookup.response.member_name().map(str::to_string)
                    }
                    MemberOutcome::Failed(_) => None,
                };
                if settle(&mut row.state, &mut self.summary, outcome) && self.name.is_none() {
                    self.name = name;
                }
            }
            MemberEvent::Devices(event) => self.devices.apply(event),
            MemberEvent::Done => self.done = true,
        }
    }

    pub fn member_arn(&self) -> &str {
        &self.member_arn
    }

    /// The member's name, once a preferences read has given it (server
    /// text: sanitise before display).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Every listed channel, in listing order.
    pub fn rows(&self) -> &[ChannelRow] {
        &self.rows
    }

    /// Channels whose lookup ended, in listing order.
    pub fn finished_rows(&self) -> impl Iterator<Item = &ChannelRow> {
        self.rows.iter().filter(|r| r.is_finished())
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    pub fn listing_error(&self) -> Option<&CallError> {
        match &self.listing {
            Listing::Failed(err) => Some(err),
            _ => None,
        }
    }

    /// The endpoint list (each endpoint's Pinpoint app filled in as its
    /// describe answers).
    pub fn devices(&self) -> &Fact<Vec<EndpointFact>> {
        &self.devices.endpoints
    }

    /// The app instance's scope the devices are judged against.
    pub fn scope(&self) -> &diagnose::Scope {
        &self.devices.scope
    }

    /// The diagnosis's endpoints check of the member's devices.
    pub fn devices_check(&self) -> Check {
        diagnose::endpoints_check(&self.devices.endpoints, &self.devices.scope)
    }

    /// The checks behind the member's devices (pinpoint-app, push-channels,
    /// service-role, role-permission), judged as `diagnose` judges them.
    pub fn setup_checks(&self) -> Vec<Check> {
        if let Some(judged) = &self.judged_setup {
            return judged.clone();
        }
        diagnose::evaluate(&self.devices)
            .checks
            .into_iter()
            .filter(|c| super::setup::SETUP_CHECKS.contains(&c.id))
            .collect()
    }

    /// Counts of the listed devices; `None` until the list is in, or when
    /// it failed.
    pub fn device_counts(&self) -> Option<DeviceCounts> {
        match &self.devices.endpoints {
            Fact::Known { value, .. } => Some(DeviceCounts::of(value)),
            _ => None,
        }
    }

    /// The engine said it will report nothing more.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Every channel was listed and has an outcome.
    pub fn is_complete(&self) -> bool {
        self.partial_reason().is_none()
    }

    /// Why the output is not every channel of the member; `None` when it is.
    pub fn partial_reason(&self) -> Option<String> {
        crate::scan::results::partial_reason(self.done, &self.listing, &self.summary, "channel")
    }

    /// How many calls were throttled and retried.
    pub fn throttled(&self) -> u64 {
        self.throttled
    }

    /// The pace the run keeps to (requests per second): the bearer's
    /// quota, or lower after throttling.
    pub fn pace(&self) -> f64 {
        self.pace.unwrap_or(self.quota)
    }

    /// The bearer's quota the run started at.
    pub fn quota(&self) -> f64 {
        self.quota
    }
}
