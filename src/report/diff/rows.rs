//! Lists of lookups compared: a member picture's channels and a scan's
//! members, by ARN, each read (its AllowNotifications and FilterRule) or
//! failed (its error); and for a member, its devices and the checks
//! behind them.

use std::collections::{HashMap, HashSet};

use crate::diagnose::{Fact, device_finding};
use crate::error::CallError;
use crate::member::MemberResults;
use crate::model::MembershipPreferences;
use crate::scan::{RowState, ScanResults};

use super::checks::{checks, error_change, error_values};
use super::devices::{self, DeviceView};
use super::{Change, Importance, Item, Values};

/// A row on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RowView {
    Read {
        /// `None`: never set.
        allow: Option<String>,
        rule: Option<String>,
    },
    Failed(Box<CallError>),
}

impl RowView {
    fn of(state: &RowState) -> Option<RowView> {
        match state {
            RowState::Pending => None,
            RowState::Read(lookup) => Some(RowView::read(&lookup.response)),
            RowState::Failed(err) => Some(RowView::Failed(Box::new(err.clone()))),
        }
    }

    fn read(response: &MembershipPreferences) -> RowView {
        RowView::Read {
            allow: response.allow().map(|a| a.as_wire().to_string()),
            rule: response.filter_rule().map(|r| r.raw.clone()),
        }
    }

    fn values(&self) -> Values {
        match self {
            RowView::Read { allow, rule } => {
                let mut values = vec![(
                    "AllowNotifications",
                    allow.clone().unwrap_or_else(|| "(not set)".into()),
                )];
                if let Some(rule) = rule {
                    values.push(("FilterRule", rule.clone()));
                }
                values
            }
            RowView::Failed(err) => error_values(err),
        }
    }

    fn is_none(&self) -> bool {
        matches!(self, RowView::Read { allow: Some(a), .. } if a == "NONE")
    }
}

fn allow_words(allow: &Option<String>) -> &str {
    allow.as_deref().unwrap_or("not set")
}

/// How a row changed, if it did.
pub(super) fn row_change(
    item: Item,
    key: &str,
    name: Option<&str>,
    old: Option<&RowView>,
    new: Option<&RowView>,
) -> Option<Change> {
    let (importance, what) = match (old, new) {
        (None, None) => return None,
        (Some(a), Some(b)) if a == b => return None,
        (None, Some(_)) => (Importance::Changed, "added".to_string()),
        (Some(_), None) => (Importance::Blocks, "removed".to_string()),
        (
            Some(RowView::Read { allow: a, rule: ra }),
            Some(RowView::Read { allow: b, rule: rb }),
        ) => {
            let what = if a == b {
                "filter rule changed".to_string()
            } else {
                let mut what = format!("{} → {}", allow_words(a), allow_words(b));
                if ra != rb && ra.is_some() && rb.is_some() {
                    what.push_str(", another filter rule");
                }
                what
            };
            let importance = if new.is_some_and(RowView::is_none) {
                Importance::Blocks
            } else if old.is_some_and(RowView::is_none) {
                Importance::Better
            } else {
                Importance::Changed
            };
            (importance, what)
        }
        (Some(RowView::Read { .. }), Some(RowView::Failed(_))) => {
            (Importance::Worse, "error appeared".to_string())
        }
        (Some(RowView::Failed(_)), Some(RowView::Read { .. })) => {
            (Importance::Better, "error cleared".to_string())
        }
        (Some(RowView::Failed(a)), Some(RowView::Failed(b))) => {
            if a.display_code() == b.display_code() {
                return None;
            }
            (
                Importance::Changed,
                format!("error {} → {}", a.display_code(), b.display_code()),
            )
        }
    };
    Some(Change {
        importance,
        item,
        key: key.to_string(),
        name: name.map(str::to_string),
        what,
        old: old.map(RowView::values),
        new: new.map(RowView::values),
    })
}

/// One keyed row: its key, name and view.
type Keyed = (String, Option<String>, Option<RowView>);

/// Rows compared by key: the new list's order, then the rows removed.
fn rows(item: Item, old: Vec<Keyed>, new: Vec<Keyed>) -> Vec<Change> {
    let old_by_key: HashMap<&str, &Keyed> = old.iter().map(|r| (r.0.as_str(), r)).collect();
    let new_keys: HashSet<&str> = new.iter().map(|r| r.0.as_str()).collect();
    let mut out = Vec::new();
    for (key, name, view) in &new {
        let before = old_by_key.get(key.as_str());
        let name = name.as_deref().or(before.and_then(|b| b.1.as_deref()));
        // A row listed but not read on either side says nothing.
        match (before, view) {
            (Some((_, _, None)), _) | (_, None) => continue,
            (Some((_, _, Some(a))), Some(b)) => {
                out.extend(row_change(item, key, name, Some(a), Some(b)))
            }
            (None, Some(b)) => out.extend(row_change(item, key, name, None, Some(b))),
        }
    }
    for (key, name, view) in old.iter().filter(|r| !new_keys.contains(r.0.as_str())) {
        if let Some(view) = view {
            out.extend(row_change(item, key, name.as_deref(), Some(view), None));
        }
    }
    out
}

fn member_rows(m: &MemberResults) -> Vec<Keyed> {
    m.rows()
        .iter()
        .map(|row| {
            let key = row.arn().or(row.name()).unwrap_or("(no ARN)").to_string();
            (key, row.name().map(str::to_string), RowView::of(&row.state))
        })
        .collect()
}

fn devices_of(m: &MemberResults) -> Vec<DeviceView> {
    match m.devices() {
        Fact::Known { value, .. } => value
            .iter()
            .map(|e| DeviceView::endpoint(e, device_finding(e, m.scope())))
            .collect(),
        _ => Vec::new(),
    }
}

/// Everything that changed between two pictures of a member.
pub(super) fn member(old: &MemberResults, new: &MemberResults) -> Vec<Change> {
    let mut out = rows(Item::Channel, member_rows(old), member_rows(new));
    out.extend(devices::changes(&devices_of(old), &devices_of(new)));
    // The endpoints check carries the device list's error, if any.
    let judged = |m: &MemberResults| {
        let mut list = vec![m.devices_check()];
        list.extend(m.setup_checks());
        list
    };
    out.extend(checks(&judged(old), &judged(new)));
    out.extend(error_change(
        "the channel listing",
        old.listing_error(),
        new.listing_error(),
    ));
    out
}

fn scan_rows(s: &ScanResults) -> Vec<Keyed> {
    s.rows()
        .iter()
        .map(|row| {
            let key = row
                .member
                .arn
                .clone()
                .or_else(|| row.member.name.clone())
                .unwrap_or_else(|| "(no ARN)".into());
            (key, row.member.name.clone(), RowView::of(&row.state))
        })
        .collect()
}

/// Everything that changed between two scans of a channel.
pub(super) fn scan(old: &ScanResults, new: &ScanResults) -> Vec<Change> {
    let mut out = rows(Item::Member, scan_rows(old), scan_rows(new));
    out.extend(error_change(
        "the member listing",
        old.listing_error(),
        new.listing_error(),
    ));
    out
}
