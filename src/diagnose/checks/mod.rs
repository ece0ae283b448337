//! The links behind the device, one file each, and the rule that joins
//! them: a device can receive only if every link for it holds.
//!
//! Each link judges every device still in the chain ([`Link`] per device)
//! and fills its own evidence; [`settle`] then words the status the same
//! way for all: it fails when no device is left that can receive after it,
//! warns when it cuts some devices but not all (naming them) or holds only
//! under a condition, and is unknown when no device is known to pass and
//! one could not be judged. Adding a link is one file and one line in
//! [`LINKS`].

pub(super) mod pinpoint_app;
pub(super) mod push_channels;
pub(super) mod role_permission;
pub(super) mod service_role;

use super::check::{Check, CheckId, Status};
use super::facts::{EndpointFact, Fact, Facts};
use crate::error::{CallError, ErrorKind};
use crate::model::{PinpointAppRef, PushChannelKind};
use crate::operation::{Operation, Service};

/// A device that reached the links behind it (the endpoints check let it
/// through).
#[derive(Debug, Clone)]
pub(super) struct Device<'a> {
    pub endpoint: &'a EndpointFact,
    /// The app its `ResourceArn` names, when that is a Pinpoint app ARN.
    pub app: Option<PinpointAppRef>,
    /// The channel its type needs; `None` for a type this version does
    /// not know.
    pub channel: Option<PushChannelKind>,
}

impl<'a> Device<'a> {
    pub fn new(endpoint: &'a EndpointFact) -> Self {
        let app = match &endpoint.resource_arn {
            Fact::Known {
                value: Some(arn), ..
            } => PinpointAppRef::parse(arn),
            _ => None,
        };
        Device {
            endpoint,
            app,
            channel: endpoint
                .kind
                .as_ref()
                .and_then(PushChannelKind::for_endpoint),
        }
    }

    pub fn label(&self) -> String {
        self.endpoint.label()
    }
}

/// How one device fares at one link.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Link {
    Holds,
    /// Holds, with a caveat the check shows (a condition, an inference).
    HoldsIf(String),
    /// This link stops pushes to the device: why.
    Cut(String),
    /// Could not be judged: why.
    Unknown(String),
    Pending,
}

impl Link {
    fn passes(&self) -> bool {
        matches!(self, Link::Holds | Link::HoldsIf(_))
    }
}

/// One link's work: its check (pass finding, evidence, advice, the call it
/// rests on, any error) and each device's outcome, in the order given.
pub(super) struct Judged {
    pub check: Check,
    pub outcomes: Vec<Link>,
}

type Judge = for<'a> fn(&Facts, &[Device<'a>]) -> Judged;

/// The links, in the verdict's order, with the call each waits on first.
const LINKS: [(CheckId, Judge, Operation); 4] = [
    (CheckId::PinpointApp, pinpoint_app::judge, Operation::GetApp),
    (
        CheckId::PushChannels,
        push_channels::judge,
        Operation::GetApnsChannel,
    ),
    (
        CheckId::ServiceRole,
        service_role::judge,
        Operation::GetRole,
    ),
    (
        CheckId::RolePermission,
        role_permission::judge,
        Operation::SimulatePrincipalPolicy,
    ),
];

/// Judges every link behind the devices the endpoints check let through
/// (`None` while it is still pending), and counts the devices that pass
/// every one.
pub(super) fn setup_checks(
    facts: &Facts,
    reaching: Option<&[&EndpointFact]>,
) -> (Vec<Check>, usize) {
    let Some(reaching) = reaching else {
        let checks = LINKS
            .iter()
            .map(|(id, _, _)| Check::new(*id, Status::Pending, "waiting for the device endpoints…"))
            .collect();
        return (checks, 0);
    };
    let mut devices: Vec<Device<'_>> = reaching.iter().map(|e| Device::new(e)).collect();
    // Whether each device has passed every link so far (not merely not
    // been cut: an unknown is carried on, but does not count).
    let mut clear: Vec<bool> = vec![true; devices.len()];
    let mut checks = Vec::new();
    for (id, judge, waits_on) in LINKS {
        if devices.is_empty() {
            checks.push(Check::new(
                id,
                Status::Skipped,
                "no device reaches this link (see the checks above)",
            ));
            continue;
        }
        let judged = judge(facts, &devices);
        let check = settle(judged.check, &devices, &judged.outcomes, waits_on);
        let mut kept = Vec::new();
        let mut kept_clear = Vec::new();
        for ((device, outcome), was_clear) in devices
            .into_iter()
            .zip(
                judged
                    .outcomes
                    .iter()
                    .chain(std::iter::repeat(&Link::Pending)),
            )
            .zip(clear)
        {
            if !matches!(outcome, Link::Cut(_)) {
                kept_clear.push(was_clear && outcome.passes());
                kept.push(device);
            }
        }
        devices = kept;
        clear = kept_clear;
        checks.push(check);
    }
    let surviving = clear.iter().filter(|c| **c).count();
    (checks, surviving)
}

/// The status and finding of a link from its devices' outcomes.
fn settle(
    mut check: Check,
    devices: &[Device<'_>],
    outcomes: &[Link],
    waits_on: Operation,
) -> Check {
    let at = |i: usize| outcomes.get(i).unwrap_or(&Link::Pending);
    if (0..devices.len()).any(|i| *at(i) == Link::Pending) {
        check.status = Status::Pending;
        let op = *check.operation.get_or_insert(waits_on);
        check.finding = format!("asking {op}…");
        return check;
    }
    let named = |pick: fn(&Link) -> Option<&String>| -> Vec<(String, String)> {
        (0..devices.len())
            .filter_map(|i| pick(at(i)).map(|why| (devices[i].label(), why.clone())))
            .collect()
    };
    let cut = named(|l| match l {
        Link::Cut(why) => Some(why),
        _ => None,
    });
    let unknown = named(|l| match l {
        Link::Unknown(why) => Some(why),
        _ => None,
    });
    let caveats = named(|l| match l {
        Link::HoldsIf(why) => Some(why),
        _ => None,
    });
    let passing = (0..devices.len()).filter(|i| at(*i).passes()).count();
    let total = devices.len();
    if passing == 0 {
        if unknown.is_empty() {
            check.status = Status::Fail;
            check.finding = per_device(&cut, total);
        } else {
            check.status = Status::Unknown;
            let judged = match one_reason(&unknown) {
                Some(reason) if unknown.len() == total => reason,
                _ => format!("not judged: {}", listed(&unknown)),
            };
            let mut parts = vec![judged];
            if !cut.is_empty() {
                parts.push(format!("cut: {}", listed(&cut)));
            }
            check.finding = parts.join("; ");
        }
        return check;
    }
    if cut.is_empty() && unknown.is_empty() && caveats.is_empty() {
        check.status = Status::Pass;
        return check;
    }
    check.status = Status::Warn;
    let mut parts = Vec::new();
    if !cut.is_empty() || !unknown.is_empty() {
        parts.push(format!("{passing} of {} pass", devices_word(total)));
    }
    if !cut.is_empty() {
        parts.push(format!("would not reach {}", listed(&cut)));
    }
    if !unknown.is_empty() {
        parts.push(format!("not judged: {}", listed(&unknown)));
    }
    if !caveats.is_empty() {
        parts.push(one_reason(&caveats).unwrap_or_else(|| listed(&caveats)));
    }
    check.finding = parts.join("; ");
    check
}

/// The same reason for every device, said once; else each device's.
fn per_device(named: &[(String, String)], total: usize) -> String {
    match one_reason(named) {
        Some(reason) if named.len() == total => reason,
        _ => format!(
            "none of the {} can receive: {}",
            devices_word(total),
            listed(named)
        ),
    }
}

fn one_reason(named: &[(String, String)]) -> Option<String> {
    let first = &named.first()?.1;
    named
        .iter()
        .all(|(_, why)| why == first)
        .then(|| first.clone())
}

fn listed(named: &[(String, String)]) -> String {
    named
        .iter()
        .map(|(label, why)| format!("{label}: {why}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn devices_word(n: usize) -> String {
    if n == 1 {
        "1 device".to_string()
    } else {
        format!("{n} devices")
    }
}

/// Whether a failed call is the support engineer's own IAM saying no (a
/// 403 on a Pinpoint or IAM call, or any AccessDenied): never evidence
/// about the customer's set-up.
pub(super) fn denied_to_us(e: &CallError) -> bool {
    e.kind == ErrorKind::AccessDenied
        || (e.kind == ErrorKind::Forbidden
            && matches!(e.operation.service(), Service::Pinpoint | Service::Iam))
}

/// A failed call: the device's outcome is unknown, and the check keeps the
/// first error (its explanation) and the call that would let it run.
pub(super) fn failed(check: &mut Check, e: &CallError) -> Link {
    if check.error.is_none() {
        check.error = Some(e.clone());
        check.operation = Some(e.operation);
        check.request_id = e.request_id.clone();
    }
    if denied_to_us(e) && !check.needs.contains(&e.operation) {
        check.needs.push(e.operation);
    }
    let status = e
        .http_status
        .map(|s| format!(" (HTTP {s})"))
        .unwrap_or_default();
    Link::Unknown(format!(
        "{} failed: {}{status}",
        e.operation,
        e.display_code()
    ))
}

/// A fact nobody asked for (the runner made no such call): unknown, and
/// the call that would answer it is named.
pub(super) fn not_asked(check: &mut Check, operation: Operation, why: Option<&str>) -> Link {
    if !check.needs.contains(&operation) {
        check.needs.push(operation);
    }
    Link::Unknown(match why {
        Some(why) => format!("{operation} not called: {why}"),
        None => format!("{operation} not called"),
    })
}

/// The call a known answer rests on, for the check's request id.
pub(super) fn answered(check: &mut Check, operation: Operation, request_id: Option<&String>) {
    if check.operation.is_none() {
        check.operation = Some(operation);
        check.request_id = request_id.cloned();
    }
}

#[cfg(test)]
pub(crate) mod tests;
