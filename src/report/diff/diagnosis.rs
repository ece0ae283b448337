//! Diagnoses compared: the verdict, the checks, the devices of the
//! endpoints check and the channel's preference.

use crate::diagnose::{CheckId, Diagnosis, Push, Verdict};

use super::checks::checks;
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
pub(super) fn changes(old: &Diagnosis, new: &Diagnosis, channel: &str) -> Vec<Change> {
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
