//! A member picture read back from `member --output json`: the member, its
//! channels (each with its preferences or its error), its devices, the
//! checks behind them, and how the run ended.
//!
//! What the document does not carry, and how it reads back:
//! - channels listed but not read: only their number (`Summary.NotRead`);
//! - each device's Pinpoint app when its describe gave none, failed or was
//!   not asked: only the device's `Finding` says which. It reads back as
//!   "gave none" when that gives the same finding, else as not asked, with
//!   the finding's own words (so it renders as it was printed);
//! - a channel's request id is read when the document has one
//!   (`RequestId`); the device list's request id, latencies and the pace
//!   of the run are not in the document.

use std::time::SystemTime;

use crate::diagnose::{EndpointFact, Fact, device_finding};
use crate::member::{ChannelRow, MemberParts, MemberResults, scope_of};
use crate::model::{
    AllowMessages, ChannelMode, ChannelPrivacy, ChannelSummary, EndpointStatus,
    EndpointStatusReason, EndpointType, Member, MembershipType, UserChannelMembership,
};
use crate::scan::RowState;
use crate::scan::results::ending_from_reason;

use super::call_error::{call_error, opt_call_error};
use super::diagnosis::checks;
use super::error::ReadError;
use super::fields::Fields;
use super::preferences::{lookup, preferences};

fn channel(f: &Fields<'_>, member: &Member, at: SystemTime) -> Result<ChannelRow, ReadError> {
    let arn = f.opt_string("ChannelArn")?;
    let name = f.opt_string("Name")?;
    let privacy = f.opt_str("Privacy")?.map(ChannelPrivacy::from_wire);
    let mode = f.opt_str("Mode")?.map(ChannelMode::from_wire);
    let summary =
        (arn.is_some() || name.is_some() || privacy.is_some() || mode.is_some()).then(|| {
            ChannelSummary {
                channel_arn: arn.clone(),
                name,
                mode,
                privacy,
                last_message: None,
            }
        });
    let state = match f.opt_object("Error")? {
        Some(e) => RowState::Failed(call_error(&e)?),
        None => {
            let prefs = match f.opt_object("Preferences")? {
                Some(p) => Some(preferences(&p)?),
                None => None,
            };
            let request_id = f.opt_string("RequestId")?;
            RowState::Read(Box::new(lookup(arn, member.clone(), prefs, request_id, at)))
        }
    };
    Ok(ChannelRow {
        channel: UserChannelMembership {
            channel: summary,
            kind: f.opt_str("MembershipType")?.map(MembershipType::from_wire),
            read_marker: None,
            sub_channel_id: None,
        },
        state,
    })
}

fn endpoint(f: &Fields<'_>, scope: &crate::diagnose::Scope) -> Result<EndpointFact, ReadError> {
    let state = f.opt_object("EndpointState")?;
    let (status, reason) = match &state {
        Some(s) => (
            s.opt_str("Status")?.map(EndpointStatus::from_wire),
            s.opt_str("StatusReason")?
                .map(EndpointStatusReason::from_wire),
        ),
        None => (None, None),
    };
    let mut device = EndpointFact {
        id: f.str("EndpointId")?.to_string(),
        name: f.opt_string("Name")?,
        kind: f.opt_str("Type")?.map(EndpointType::from_wire),
        allow_messages: f.opt_str("AllowMessages")?.map(AllowMessages::from_wire),
        status,
        status_reason: reason,
        resource_arn: Fact::known(None, None),
    };
    if let Some(arn) = f.opt_string("ResourceArn")? {
        device.resource_arn = Fact::known(Some(arn), None);
        return Ok(device);
    }
    let printed = f.opt_str("Finding")?;
    if let Some(printed) = printed
        && device_finding(&device, scope) != printed
    {
        device.resource_arn = match printed {
            "checking…" => Fact::Pending,
            other => Fact::NotAsked(other.strip_prefix("unknown: ").unwrap_or(other).to_string()),
        };
    }
    Ok(device)
}

/// The device list as the document has it: failed (`EndpointsError`),
/// known (a `Summary.Devices.Total`, or devices listed), or, from the
/// endpoints check's status, still asking or not asked.
fn devices(
    root: &Fields<'_>,
    summary: Option<&Fields<'_>>,
    scope: &crate::diagnose::Scope,
) -> Result<Fact<Vec<EndpointFact>>, ReadError> {
    if let Some(err) = opt_call_error(root, "EndpointsError")? {
        return Ok(Fact::Failed(err));
    }
    let list = root
        .array("Endpoints")?
        .into_iter()
        .map(|(path, v)| endpoint(&Fields::of(v, path)?, scope))
        .collect::<Result<Vec<_>, _>>()?;
    let devices = match summary {
        Some(s) => s.opt_object("Devices")?,
        None => None,
    };
    let total = match &devices {
        Some(d) => d.opt_u64("Total")?,
        None => None,
    };
    if total.is_some() || !list.is_empty() || devices.is_none() {
        return Ok(Fact::known(list, None));
    }
    let (check, finding) = match &devices {
        Some(d) => (d.opt_str("Check")?, d.opt_str("Finding")?),
        None => (None, None),
    };
    Ok(match check {
        Some("pending") => Fact::Pending,
        _ => Fact::NotAsked(finding.unwrap_or_default().to_string()),
    })
}

/// The body of a `member` document.
pub(crate) fn member(root: &Fields<'_>, at: SystemTime) -> Result<MemberResults, ReadError> {
    let m = root.object("Member")?;
    let member = Member {
        arn: Some(m.str("Arn")?.to_string()),
        name: m.opt_string("Name")?,
    };
    let member_arn = member.arn.clone().unwrap_or_default();
    let rows = root
        .array("Channels")?
        .into_iter()
        .map(|(path, v)| channel(&Fields::of(v, path)?, &member, at))
        .collect::<Result<Vec<_>, _>>()?;
    let summary = root.opt_object("Summary")?;
    let (not_read, throttled) = match &summary {
        Some(s) => (s.opt_u64("NotRead")?, s.opt_u64("Throttled")?),
        None => (None, None),
    };
    let listing_error = opt_call_error(root, "ListingError")?;
    let (done, listing) = ending_from_reason(root.opt_str("PartialReason")?, listing_error);
    let (scope, _) = scope_of(&member_arn);
    Ok(MemberResults::from_parts(MemberParts {
        member_arn,
        name: member.name.clone(),
        rows,
        not_read: usize::try_from(not_read.unwrap_or(0)).unwrap_or(usize::MAX),
        listing,
        done,
        throttled: throttled.unwrap_or(0),
        devices: devices(root, summary.as_ref(), &scope)?,
        setup_checks: checks(root, "SetupChecks")?,
    }))
}
