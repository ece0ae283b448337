//! Checks compared: each check's status and finding, and the error
//! behind it; for a diagnosis's checks and the checks behind a member's
//! devices alike.

use crate::diagnose::{Check, CheckId, Status};

use super::errors;
use super::{Change, Importance, Item, Values};

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
        out.extend(errors::change(
            &place,
            a.as_ref().and_then(|c| c.error.as_ref()),
            b.as_ref().and_then(|c| c.error.as_ref()),
        ));
    }
    out
}
