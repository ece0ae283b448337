//! Diagnoses compared: the verdict, each check's status and finding, the
//! error behind a check, the devices of the endpoints check and the
//! channel's preference. The check comparison also serves the checks
//! behind a member's devices.

use crate::diagnose::{Check, CheckId, Diagnosis, Push, Status, Verdict};
use crate::error::CallError;

use super::devices::{self, DeviceView};
use super::rows::{RowView, row_change};
use super::{Change, Importance, Item, Values};

fn verdict_values(v: &Verdict) -> Values {
    let mut values = vec![
        ("Push", v.push.as_str().to_string()),
        ("Reason", v.reason.clone()),
    ];
    if let Some(b) = v.blocking {
        values.push(("BlockingCheck", b.id().to_string()));
    }
    values
}

fn verdict(old: &Verdict, new: &Verdict) -> Option<Change> {
    if old == new {
        return None;
    }
    let importance = match (old.push, new.push) {
        (_, Push::No) => Importance::Blocks,
        (_, Push::Yes) => Importance::Better,
        (Push::Yes, _) => Importance::Worse,
        _ => Importance::Changed,
    };
    let what = if old.push == new.push {
        match (old.blocking, new.blocking) {
            (Some(a), Some(b)) if a != b => format!(
                "still {}, now blocked by {} (was {})",
                new.push.as_str(),
                b.id(),
                a.id()
            ),
            _ => format!("still {}, for another reason", new.push.as_str()),
        }
    } else {
        format!("{} → {}", old.push.as_str(), new.push.as_str())
    };
    Some(Change {
        importance,
        item: Item::Verdict,
        key: "verdict".into(),
        name: None,
        what,
        old: Some(verdict_values(old)),
        new: Some(verdict_values(new)),
    })
}

fn check_values(c: &Check) -> Values {
    vec![
        ("Status", c.status.as_str().to_string()),
        ("Finding", c.finding.clone()),
    ]
}

fn status_importance(old: Status, new: Status) -> Importance {
    match (old, new) {
        (_, Status::Fail) => Importance::Blocks,
        (Status::Pass | Status::Skipped, Status::Warn | Status::Unknown) => Importance::Worse,
        (Status::Fail | Status::Warn | Status::Unknown, Status::Pass) => Importance::Better,
        (Status::Fail, _) => Importance::Better,
        _ => Importance::Changed,
    }
}

/// The error behind a call, as a change's values.
pub(super) fn error_values(err: &CallError) -> Values {
    let mut values = vec![
        ("Operation", err.operation.api_name().to_string()),
        ("Code", err.display_code()),
    ];
    if let Some(status) = err.http_status {
        values.push(("HttpStatus", status.to_string()));
    }
    if let Some(message) = err.message.as_ref().or(err.detail.as_ref()) {
        values.push(("Message", message.clone()));
    }
    values
}

/// An error that appeared, cleared or changed its code at `place`.
pub(super) fn error_change(
    place: &str,
    old: Option<&CallError>,
    new: Option<&CallError>,
) -> Option<Change> {
    let (importance, what) = match (old, new) {
        (None, None) => return None,
        (None, Some(_)) => (Importance::Worse, "error appeared".to_string()),
        (Some(_), None) => (Importance::Better, "error cleared".to_string()),
        (Some(a), Some(b))
            if a.display_code() == b.display_code() && a.operation == b.operation =>
        {
            return None;
        }
        (Some(a), Some(b)) => (
            Importance::Changed,
            format!("error {} → {}", a.display_code(), b.display_code()),
        ),
    };
    Some(Change {
        importance,
        item: Item::Error,
        key: place.to_string(),
        name: None,
        what,
        old: old.map(error_values),
        new: new.map(error_values),
    })
}

/// Checks whose status changed (or that appeared or went), a finding
/// that changed under the same status (but for the endpoints and
/// preferences checks, whose devices and preference say it), and the
/// errors behind them.
pub(super) fn checks(old: &[Check], new: &[Check]) -> Vec<Change> {
    let mut out = Vec::new();
    let find = |list: &[Check], id: CheckId| list.iter().find(|c| c.id == id).cloned();
    let mut ids: Vec<CheckId> = new.iter().map(|c| c.id).collect();
    ids.extend(
        old.iter()
            .map(|c| c.id)
            .filter(|id| !new.iter().any(|c| c.id == *id)),
    );
    for id in ids {
        let (a, b) = (find(old, id), find(new, id));
        let change = match (&a, &b) {
            (Some(a), Some(b)) if a.status != b.status => Some(Change {
                importance: status_importance(a.status, b.status),
                item: Item::Check,
                key: id.id().to_string(),
                name: None,
                what: format!("{} → {}", a.status.as_str(), b.status.as_str()),
                old: Some(check_values(a)),
                new: Some(check_values(b)),
            }),
            // The devices and the preference say what changed in these.
            (Some(a), Some(b))
                if a.finding != b.finding
                    && !matches!(id, CheckId::Endpoints | CheckId::Preferences) =>
            {
                Some(Change {
                    importance: Importance::Changed,
                    item: Item::Check,
                    key: id.id().to_string(),
                    name: None,
                    what: format!("still {}, another finding", b.status.as_str()),
                    old: Some(check_values(a)),
                    new: Some(check_values(b)),
                })
            }
            (Some(_), Some(_)) | (None, None) => None,
            (None, Some(b)) => Some(Change {
                importance: Importance::Changed,
                item: Item::Check,
                key: id.id().to_string(),
                name: None,
                what: "new check".into(),
                old: None,
                new: Some(check_values(b)),
            }),
            (Some(a), None) => Some(Change {
                importance: Importance::Changed,
                item: Item::Check,
                key: id.id().to_string(),
                name: None,
                what: "no longer checked".into(),
                old: Some(check_values(a)),
                new: None,
            }),
        };
        out.extend(change);
        let place = format!("{} check", id.id());
        out.extend(error_change(
            &place,
            a.as_ref().and_then(|c| c.error.as_ref()),
            b.as_ref().and_then(|c| c.error.as_ref()),
        ));
    }
    out
}

/// The devices a diagnosis's endpoints check names, with what it says of
/// each.
fn devices_of(d: &Diagnosis) -> Vec<DeviceView> {
    d.check(CheckId::Endpoints)
        .map(|c| {
            c.evidence
                .iter()
                .map(|(label, finding)| DeviceView::judged(label, finding))
                .collect()
        })
        .unwrap_or_default()
}

/// The channel's preference as the preferences check read it; `None`
/// when it was not read.
fn preference_of(d: &Diagnosis) -> Option<RowView> {
    let prefs = d.check(CheckId::Preferences)?;
    let allow = prefs
        .evidence
        .iter()
        .find(|(k, _)| k == "AllowNotifications")
        .map(|(_, v)| v.clone());
    if let Some(err) = &prefs.error {
        return Some(RowView::Failed(Box::new(err.clone())));
    }
    let allow = allow?;
    // The rule verbatim is evidence only when Chime would reject it; a
    // rule that reads is described, and its change is the filter-rule
    // check's finding.
    let rule = d.check(CheckId::FilterRule).and_then(|c| {
        c.evidence
            .iter()
            .find(|(k, _)| k == "FilterRule")
            .map(|(_, v)| v.clone())
    });
    Some(RowView::Read {
        allow: (allow != "(not set)").then_some(allow),
        rule,
    })
}

/// Everything that changed between two diagnoses of `channel`.
pub(super) fn diagnosis(old: &Diagnosis, new: &Diagnosis, channel: &str) -> Vec<Change> {
    let mut out: Vec<Change> = verdict(&old.verdict, &new.verdict).into_iter().collect();
    out.extend(checks(&old.checks, &new.checks));
    out.extend(devices::changes(&devices_of(old), &devices_of(new)));
    // The preference's own change, unless its error already said it.
    if let (Some(a), Some(b)) = (preference_of(old), preference_of(new))
        && !matches!((&a, &b), (RowView::Failed(_), _) | (_, RowView::Failed(_)))
    {
        out.extend(row_change(Item::Channel, channel, None, Some(&a), Some(&b)));
    }
    out
}
