//! The pure verdict: facts in, checks and the verdict out. No I/O, no clock.

use super::check::{Check, CheckId, Status};
use super::checks;
use super::facts::{
    BanFact, EndpointFact, EndpointType, Fact, Facts, MembershipFact, MessageInput,
    PreferencesFact, Scope,
};
use super::manual::{ManualCheck, manual_checks};
use super::timestamp::timestamp;
use crate::error::ErrorKind;
use crate::filter::{self, Attributes};
use crate::model::{
    AllowMessages, AllowNotifications, EndpointStatus, EndpointStatusReason, MembershipType,
};
use crate::operation::Operation;

/// Would a push arrive?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Push {
    Yes,
    No,
    /// Only the filter rule decides, and no message was given.
    Depends,
    /// A check could not run, and none failed.
    Unknown,
    /// Calls are still running (only while a screen fills in live).
    Pending,
}

impl Push {
    pub fn as_str(self) -> &'static str {
        match self {
            Push::Yes => "yes",
            Push::No => "no",
            Push::Depends => "depends",
            Push::Unknown => "unknown",
            Push::Pending => "pending",
        }
    }

    pub const ALL: [Push; 5] = [
        Push::Yes,
        Push::No,
        Push::Depends,
        Push::Unknown,
        Push::Pending,
    ];

    /// The verdict [`as_str`](Self::as_str) names, as reports write it.
    pub fn parse(text: &str) -> Option<Push> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub push: Push,
    pub reason: String,
    pub blocking: Option<CheckId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    pub verdict: Verdict,
    pub checks: Vec<Check>,
    pub manual: Vec<ManualCheck>,
    /// Stopped (Ctrl-C or SIGTERM) before every call answered: what is
    /// shown is what had arrived. Evaluation never sets it.
    pub interrupted: bool,
}

impl Diagnosis {
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}

/// Judges every link and names the one that breaks.
pub fn evaluate(facts: &Facts) -> Diagnosis {
    let (filter_check, depends) = filter_rule(&facts.preferences, &facts.message);
    let (device_checks, surviving) = device_links(facts);
    let mut checks = vec![
        arns(&facts.arn_warnings),
        membership(&facts.membership),
        ban(&facts.ban, &facts.scope),
        preferences(&facts.preferences),
        filter_check,
    ];
    checks.extend(device_checks);
    let verdict = verdict(&checks, depends, surviving);
    let manual = manual_checks(facts);
    Diagnosis {
        verdict,
        checks,
        manual,
        interrupted: false,
    }
}

fn verdict(checks: &[Check], depends: bool, reaching: usize) -> Verdict {
    let status = |id: CheckId| {
        checks
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.status)
            .unwrap_or(Status::Skipped)
    };
    // A ban removes the membership, so both fail; the ban is the more
    // specific cause.
    let blocking = if status(CheckId::Ban) == Status::Fail {
        checks.iter().find(|c| c.id == CheckId::Ban)
    } else {
        checks.iter().find(|c| c.status == Status::Fail)
    };
    if let Some(check) = blocking {
        return Verdict {
            push: Push::No,
            reason: check.finding.clone(),
            blocking: Some(check.id),
        };
    }
    if let Some(check) = checks.iter().find(|c| c.status == Status::Pending) {
        return Verdict {
            push: Push::Pending,
            reason: format!("waiting for the {} check", check.id.id()),
            blocking: None,
        };
    }
    let unknown: Vec<&Check> = checks
        .iter()
        .filter(|c| c.status == Status::Unknown)
        .collect();
    if !unknown.is_empty() {
        return Verdict {
            push: Push::Unknown,
            reason: not_checked(&unknown),
            blocking: None,
        };
    }
    if depends {
        return Verdict {
            push: Push::Depends,
            reason: "only the filter rule decides, and it depends on the message: pass \
                     --message-id or --attributes to judge one"
                .to_string(),
            blocking: None,
        };
    }
    if reaching == 0 {
        return Verdict {
            push: Push::Unknown,
            reason: "no check failed, but no device is known to pass every link".to_string(),
            blocking: None,
        };
    }
    Verdict {
        push: Push::Yes,
        reason: format!(
            "every check passes{}: a message sent with a PushNotification would reach {}",
            if checks.iter().any(|c| c.status == Status::Warn) {
                " or warns"
            } else {
                ""
            },
            devices(reaching)
        ),
        blocking: None,
    }
}

/// The unknown verdict's reason: what was not checked, and the IAM actions
/// that would let it run (from a denied call, or a call never made).
fn not_checked(unknown: &[&Check]) -> String {
    let mut reason = match unknown {
        [one] => format!(
            "the {} check could not run ({}); no check failed",
            one.id.id(),
            one.finding
        ),
        many => format!(
            "{} checks could not run: {}; no check failed",
            many.len(),
            many.iter()
                .map(|c| format!("{} ({})", c.id.id(), c.finding))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let mut actions: Vec<String> = Vec::new();
    for c in unknown {
        let denied = c.error.as_ref().filter(|e| checks::denied_to_us(e));
        for op in denied
            .map(|e| e.operation)
            .into_iter()
            .chain(c.needs.iter().copied())
        {
            let action = op.iam_action();
            if !actions.contains(&action) {
                actions.push(action);
            }
        }
    }
    if !actions.is_empty() {
        reason.push_str(&format!(
            ". Allowing {} would let {} run",
            actions.join(", "),
            if unknown.len() == 1 { "it" } else { "them" }
        ));
    }
    reason
}

fn devices(n: usize) -> String {
    if n == 1 {
        "1 device".to_string()
    } else {
        format!("{n} devices")
    }
}

fn arns(warnings: &[String]) -> Check {
    if warnings.is_empty() {
        Check::new(
            CheckId::Arns,
            Status::Pass,
            "channel and member ARNs are well-formed and in one app instance",
        )
    } else {
        let mut check = Check::new(CheckId::Arns, Status::Warn, warnings.join("; "));
        for w in warnings {
            check = check.advice(w.clone());
        }
        check
    }
}

fn pending(id: CheckId, operation: Operation) -> Check {
    let mut c = Check::new(id, Status::Pending, format!("asking {operation}…"));
    c.operation = Some(operation);
    c
}

fn membership(fact: &Fact<Option<MembershipFact>>) -> Check {
    const OP: Operation = Operation::DescribeChannelMembership;
    let not_member = |request_id: Option<&String>| {
        Check::new(
            CheckId::Membership,
            Status::Fail,
            "not a member of the channel: no push can reach them",
        )
        .on(OP, request_id)
        .advice("Chime pushes only to channel members. Add the member to the channel (CreateChannelMembership), or check that the customer gave the right channel.")
    };
    match fact {
        Fact::Pending => pending(CheckId::Membership, OP),
        Fact::NotAsked(why) => Check::new(CheckId::Membership, Status::Skipped, why.clone()),
        Fact::Known {
            value: Some(m),
            request_id,
        } => {
            let finding = if m.kind == Some(MembershipType::Hidden) {
                "a member of the channel (HIDDEN membership: not listed to other members)"
            } else {
                "a member of the channel"
            };
            // The Type as the service sent it; none given is said so.
            let kind = m.kind.as_ref().map_or("(not given)", |k| k.as_wire());
            let mut c = Check::new(CheckId::Membership, Status::Pass, finding)
                .on(OP, request_id.as_ref())
                .evidence("Type", kind);
            if let Some(by) = &m.invited_by {
                c = c.evidence("InvitedBy", by.clone());
            }
            if let Some(t) = m.created {
                c = c.evidence("CreatedTimestamp", timestamp(t));
            }
            c
        }
        Fact::Known {
            value: None,
            request_id,
        } => not_member(request_id.as_ref()),
        Fact::Failed(e) if e.kind == ErrorKind::NotFound => not_member(e.request_id.as_ref()),
        Fact::Failed(e) => Check::failed_call(CheckId::Membership, e),
    }
}

fn ban(fact: &Fact<Option<BanFact>>, scope: &Scope) -> Check {
    const OP: Operation = Operation::DescribeChannelBan;
    let not_banned = |request_id: Option<&String>| {
        Check::new(CheckId::Ban, Status::Pass, "not banned from the channel").on(OP, request_id)
    };
    match fact {
        Fact::Pending => pending(CheckId::Ban, OP),
        Fact::NotAsked(why) => Check::new(CheckId::Ban, Status::Skipped, why.clone()),
        Fact::Known {
            value: Some(b),
            request_id,
        } => {
            // Named within the channel's app instance (`user/admin`), so the
            // finding keeps its date on a narrow screen; the evidence keeps
            // the whole ARN.
            // Who banned is said only when the service said it.
            let by = b
                .created_by
                .as_deref()
                .map(|arn| {
                    format!(
                        " by {}",
                        crate::arn::member_in_channel(&scope.channel_arn, arn)
                    )
                })
                .unwrap_or_default();
            let finding = match b.created {
                Some(t) => format!("banned from the channel{by} on {}", timestamp(t)),
                None => format!("banned from the channel{by}"),
            };
            let mut c = Check::new(CheckId::Ban, Status::Fail, finding)
                .on(OP, request_id.as_ref())
                .advice("A ban removes the membership and stops every push. A moderator or AppInstanceAdmin can lift it (DeleteChannelBan), then the member must rejoin.");
            if let Some(by) = &b.created_by {
                c = c.evidence("CreatedBy", by.clone());
            }
            if let Some(t) = b.created {
                c = c.evidence("CreatedTimestamp", timestamp(t));
            }
            c
        }
        Fact::Known {
            value: None,
            request_id,
        } => not_banned(request_id.as_ref()),
        Fact::Failed(e) if e.kind == ErrorKind::NotFound => not_banned(e.request_id.as_ref()),
        Fact::Failed(e) => Check::failed_call(CheckId::Ban, e),
    }
}

fn preferences(fact: &Fact<PreferencesFact>) -> Check {
    const OP: Operation = Operation::GetChannelMembershipPreferences;
    match fact {
        Fact::Pending => pending(CheckId::Preferences, OP),
        Fact::NotAsked(why) => Check::new(CheckId::Preferences, Status::Skipped, why.clone()),
        Fact::Failed(e) => Check::failed_call(CheckId::Preferences, e),
        Fact::Known { value, request_id } => {
            let rid = request_id.as_ref();
            let c = match &value.allow {
                None => Check::new(
                    CheckId::Preferences,
                    Status::Pass,
                    "never set: the channel default applies (documented; the sample apps treat it as ALL)",
                ),
                Some(AllowNotifications::All) => Check::new(
                    CheckId::Preferences,
                    Status::Pass,
                    "ALL: every message with a PushNotification is pushed",
                ),
                Some(AllowNotifications::None) => Check::new(
                    CheckId::Preferences,
                    Status::Fail,
                    "NONE: the member muted push notifications on this channel",
                )
                .advice("Only the member can unmute (PutChannelMembershipPreferences with their own bearer): ask them to turn notifications for this channel back on in the app."),
                Some(AllowNotifications::Filtered) => Check::new(
                    CheckId::Preferences,
                    Status::Pass,
                    "FILTERED: the filter-rule check decides",
                ),
                Some(AllowNotifications::Unknown(v)) => Check::new(
                    CheckId::Preferences,
                    Status::Unknown,
                    format!("AllowNotifications is {v:?}, a value this version of chime-prefs does not know"),
                ),
            };
            let allow = value.allow.as_ref().map_or("(not set)", |a| a.as_wire());
            c.on(OP, rid).evidence("AllowNotifications", allow)
        }
    }
}

/// The filter-rule check, and whether only the message decides.
fn filter_rule(prefs: &Fact<PreferencesFact>, message: &MessageInput) -> (Check, bool) {
    let skipped = |why: &str| (Check::new(CheckId::FilterRule, Status::Skipped, why), false);
    let value = match prefs {
        Fact::Pending => {
            return (
                pending(
                    CheckId::FilterRule,
                    Operation::GetChannelMembershipPreferences,
                ),
                false,
            );
        }
        Fact::Known { value, .. } => value,
        _ => return skipped("the preferences could not be read"),
    };
    match &value.allow {
        Some(AllowNotifications::Filtered) => {}
        Some(other) => {
            return skipped(&format!(
                "AllowNotifications is {}: no filter rule applies",
                other.as_wire()
            ));
        }
        None => return skipped("preferences never set: no filter rule applies"),
    }
    let Some(text) = &value.filter_rule else {
        return (
            Check::new(
                CheckId::FilterRule,
                Status::Warn,
                "FILTERED with no rule: assumed to push every message (undocumented, as SNS does without a filter policy)",
            )
            .advice("Ask the member's app to set a rule or choose ALL; the service's behaviour here is not documented."),
            false,
        );
    };
    let report = filter::lint(text);
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == filter::Severity::Error)
        .map(|f| f.message.clone())
        .collect();
    let Some(rule) = report.rule.as_ref().filter(|_| errors.is_empty()) else {
        let first = errors
            .first()
            .cloned()
            .unwrap_or_else(|| "the rule could not be read".to_string());
        let mut c = Check::new(
            CheckId::FilterRule,
            Status::Fail,
            format!("Chime would reject this rule: {first}"),
        )
        .evidence("FilterRule", text.clone());
        // The first error is the finding already: said once.
        for e in errors.iter().skip(1) {
            c = c.advice(e.clone());
        }
        return (
            c.advice(crate::aws_cli_command::filter_check_command(text)),
            false,
        );
    };
    let description = filter::describe(rule);
    let judge = |attrs: &Attributes, source: String| {
        let result = filter::evaluate(rule, attrs);
        let (status, finding) = if result.notify {
            (
                Status::Pass,
                format!("{source} matches the rule: it would notify"),
            )
        } else {
            (
                Status::Fail,
                format!("{source} does not match the rule: no push"),
            )
        };
        let mut c = Check::new(CheckId::FilterRule, status, finding)
            .evidence("Rule", description.clone())
            .evidence("Attributes", attrs.to_json().to_string());
        for (i, reason) in result.reasons.iter().enumerate() {
            c = c.evidence(&format!("Reason {}", i + 1), reason.clone());
        }
        if !result.notify {
            c = c.advice("The member asked for pushes only for messages that match this rule. Send the message with matching MessageAttributes, or ask the member to widen the rule.");
        }
        c
    };
    match message {
        MessageInput::None => (
            Check::new(
                CheckId::FilterRule,
                Status::Warn,
                format!("depends on the message: {description}"),
            )
            .evidence("Rule", description.clone())
            .advice("Pass --message-id (or --attributes) to judge one message."),
            true,
        ),
        MessageInput::Attributes(attrs) => (
            judge(attrs, "a message with the given attributes".to_string()),
            false,
        ),
        MessageInput::Message { id, attributes } => match attributes {
            Fact::Pending => (
                pending(CheckId::FilterRule, Operation::GetChannelMessage),
                false,
            ),
            Fact::Known { value, request_id } => {
                let c = judge(value, format!("message {id}"))
                    .on(Operation::GetChannelMessage, request_id.as_ref());
                (c, false)
            }
            Fact::Failed(e) => (Check::failed_call(CheckId::FilterRule, e), false),
            Fact::NotAsked(why) => skipped(why),
        },
    }
}

/// How one device fares.
#[derive(Debug, Clone, PartialEq)]
enum Device {
    Reaches { sandbox: bool },
    Blocked(String),
    Unknown(String),
    Pending,
}

fn device(e: &EndpointFact) -> Device {
    // What the service said for certain decides first (NONE, INACTIVE);
    // then a value this version does not know, or one not given, makes the
    // device unknown: never muted, inactive or fine by guess.
    if e.allow_messages == Some(AllowMessages::None) {
        return Device::Blocked("muted (AllowMessages NONE)".to_string());
    }
    if e.status == Some(EndpointStatus::Inactive) {
        let reason = match &e.status_reason {
            Some(EndpointStatusReason::InvalidDeviceToken) => {
                "INVALID_DEVICE_TOKEN: the app must register a fresh device token".to_string()
            }
            Some(EndpointStatusReason::InvalidPinpointArn) => {
                "INVALID_PINPOINT_ARN: its Pinpoint app is gone".to_string()
            }
            Some(EndpointStatusReason::Unknown(v)) => {
                format!("{v} (a reason this version does not know)")
            }
            None => "no reason given".to_string(),
        };
        return Device::Blocked(format!("INACTIVE, {reason}"));
    }
    let unknown = e.unknown_values();
    if !unknown.is_empty() {
        return Device::Unknown(unknown.join("; "));
    }
    match &e.resource_arn {
        Fact::Pending => return Device::Pending,
        Fact::Failed(err) => {
            return Device::Unknown(format!("{} failed: {}", err.operation, err.display_code()));
        }
        Fact::NotAsked(why) => return Device::Unknown(why.clone()),
        Fact::Known { value: None, .. } => {
            return Device::Unknown("no Pinpoint app (ResourceArn) returned".to_string());
        }
        // Its app's account and region are the pinpoint-app check's.
        Fact::Known { value: Some(_), .. } => {}
    }
    Device::Reaches {
        sandbox: e.kind == Some(EndpointType::ApnsSandbox),
    }
}

fn device_text(d: &Device) -> String {
    match d {
        Device::Reaches { sandbox: false } => "can receive".to_string(),
        Device::Reaches { sandbox: true } => {
            "can receive, development builds only (APNS_SANDBOX)".to_string()
        }
        Device::Blocked(why) => format!("would not receive: {why}"),
        Device::Unknown(why) => format!("unknown: {why}"),
        Device::Pending => "checking…".to_string(),
    }
}

/// What the endpoints check says of one device: "can receive", "would not
/// receive: muted (AllowMessages NONE)", ... The Pinpoint app's account
/// and region are judged by the pinpoint-app check, not here (`_scope` is
/// kept for callers).
pub fn device_finding(e: &EndpointFact, _scope: &Scope) -> String {
    device_text(&device(e))
}

/// The endpoints check alone, for a member's devices judged once (the
/// member picture); [`evaluate`] makes the same check.
pub fn endpoints_check(fact: &Fact<Vec<EndpointFact>>, _scope: &Scope) -> Check {
    endpoints(fact).0
}

/// The device checks alone (endpoints, then the links behind the devices),
/// for a member's devices judged once for all of its channels (the member
/// picture); [`evaluate`] makes the same checks.
pub fn device_checks(facts: &Facts) -> Vec<Check> {
    device_links(facts).0
}

/// The endpoints check and the links behind the devices it lets through,
/// and how many devices pass every one.
fn device_links(facts: &Facts) -> (Vec<Check>, usize) {
    let (endpoints_check, reaching) = endpoints(&facts.endpoints);
    let endpoints_known = endpoints_check.status != Status::Pending;
    let (setup, surviving) =
        checks::setup_checks(facts, endpoints_known.then_some(reaching.as_slice()));
    (
        std::iter::once(endpoints_check).chain(setup).collect(),
        surviving,
    )
}

/// The endpoints check, and the devices it lets through to the links
/// behind them.
fn endpoints(fact: &Fact<Vec<EndpointFact>>) -> (Check, Vec<&EndpointFact>) {
    const OP: Operation = Operation::ListAppInstanceUserEndpoints;
    let (list, request_id) = match fact {
        Fact::Pending => return (pending(CheckId::Endpoints, OP), Vec::new()),
        Fact::NotAsked(why) => {
            return (
                Check::new(CheckId::Endpoints, Status::Skipped, why.clone()),
                Vec::new(),
            );
        }
        Fact::Failed(e) => return (Check::failed_call(CheckId::Endpoints, e), Vec::new()),
        Fact::Known { value, request_id } => (value, request_id),
    };
    if list.is_empty() {
        let c = Check::new(
            CheckId::Endpoints,
            Status::Fail,
            "no device endpoint registered: there is nowhere to push",
        )
        .on(OP, request_id.as_ref())
        .advice("The member's app must register the device (CreateAppInstanceUserEndpoint) after the user signs in and allows notifications.");
        return (c, Vec::new());
    }
    let judged: Vec<(String, Device)> = list.iter().map(|e| (e.label(), device(e))).collect();
    let mut c =
        Check::new(CheckId::Endpoints, Status::Pass, String::new()).on(OP, request_id.as_ref());
    for (label, d) in &judged {
        c = c.evidence(label, device_text(d));
    }
    if judged.iter().any(|(_, d)| *d == Device::Pending) {
        c.status = Status::Pending;
        c.finding = "asking DescribeAppInstanceUserEndpoint for each device…".to_string();
        return (c, Vec::new());
    }
    let total = judged.len();
    let through: Vec<&EndpointFact> = list
        .iter()
        .zip(&judged)
        .filter(|(_, (_, d))| matches!(d, Device::Reaches { .. }))
        .map(|(e, _)| e)
        .collect();
    let reaching = judged
        .iter()
        .filter(|(_, d)| matches!(d, Device::Reaches { .. }))
        .count();
    let sandbox_only: Vec<&str> = judged
        .iter()
        .filter(|(_, d)| *d == Device::Reaches { sandbox: true })
        .map(|(l, _)| l.as_str())
        .collect();
    let not_reaching: Vec<String> = judged
        .iter()
        .filter_map(|(l, d)| match d {
            Device::Blocked(why) | Device::Unknown(why) => Some(format!("{l}: {why}")),
            _ => None,
        })
        .collect();
    if reaching == 0 {
        let any_unknown = judged.iter().any(|(_, d)| matches!(d, Device::Unknown(_)));
        c.status = if any_unknown {
            Status::Unknown
        } else {
            Status::Fail
        };
        c.finding = format!(
            "none of the {} can receive: {}",
            devices(total),
            not_reaching.join("; ")
        );
        for (_, d) in &judged {
            if let Device::Blocked(why) = d {
                c = c.advice(device_advice(why));
            }
        }
        return (c, Vec::new());
    }
    if not_reaching.is_empty() && sandbox_only.is_empty() {
        c.finding = format!("{reaching} of {} can receive", devices(total));
        return (c, through);
    }
    c.status = Status::Warn;
    let mut parts = Vec::new();
    if !not_reaching.is_empty() {
        parts.push(format!("would not reach {}", not_reaching.join("; ")));
    }
    if !sandbox_only.is_empty() {
        parts.push(format!(
            "development builds only: {}",
            sandbox_only.join(", ")
        ));
    }
    c.finding = format!(
        "{reaching} of {} can receive; {}",
        devices(total),
        parts.join("; ")
    );
    for (_, d) in &judged {
        if let Device::Blocked(why) = d {
            c = c.advice(device_advice(why));
        }
    }
    (c, through)
}

fn device_advice(why: &str) -> String {
    if why.starts_with("muted") {
        "A muted endpoint (AllowMessages NONE) gets nothing: the app turns it back on with UpdateAppInstanceUserEndpoint --allow-messages ALL.".to_string()
    } else if why.contains("INVALID_DEVICE_TOKEN") {
        "INVALID_DEVICE_TOKEN: the push service rejected the token; the app must register a fresh one (reinstall or sign in again).".to_string()
    } else if why.contains("INVALID_PINPOINT_ARN") {
        "INVALID_PINPOINT_ARN: the endpoint's Pinpoint app no longer exists; re-register the endpoint with a live app.".to_string()
    } else if why.contains("Pinpoint app is in") {
        "The Pinpoint app must be in the same account and region as the app instance; register the endpoint with an app there.".to_string()
    } else {
        why.to_string()
    }
}
