//! Devices compared: by endpoint id in a member picture, by the label the
//! endpoints check gives them in a diagnosis (which holds no ids). A
//! device that could receive and now cannot (INACTIVE, muted, gone) now
//! blocks a push to it.

use std::collections::HashMap;

use crate::diagnose::EndpointFact;

use super::{Change, Importance, Item, Values};

/// What the endpoints check said of a device, as a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Receives,
    Blocked,
    Unknown,
}

fn reach(finding: &str) -> Reach {
    if finding.starts_with("can receive") {
        Reach::Receives
    } else if finding.starts_with("would not receive") {
        Reach::Blocked
    } else {
        Reach::Unknown
    }
}

/// One device on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DeviceView {
    /// What it is matched by: the endpoint id, or the check's label.
    key: String,
    /// Its name (server text), when known.
    name: Option<String>,
    /// What the endpoints check says of it.
    finding: String,
    /// Its values as the service sent them (none in a diagnosis).
    values: Values,
    status: Option<String>,
    allow_messages: Option<String>,
}

impl DeviceView {
    /// A device as a diagnosis names it: its label and the check's words.
    pub fn judged(label: &str, finding: &str) -> DeviceView {
        DeviceView {
            key: label.to_string(),
            name: None,
            finding: finding.to_string(),
            values: vec![("Finding", finding.to_string())],
            status: None,
            allow_messages: None,
        }
    }

    /// A device of a member picture, with the check's words for it.
    pub fn endpoint(e: &EndpointFact, finding: String) -> DeviceView {
        let status = e.status.as_ref().map(|s| s.as_wire().to_string());
        let allow_messages = e.allow_messages.as_ref().map(|a| a.as_wire().to_string());
        let mut values: Values = Vec::new();
        let mut put = |key: &'static str, value: Option<&str>| {
            if let Some(value) = value {
                values.push((key, value.to_string()));
            }
        };
        put("Type", e.kind.as_ref().map(|k| k.as_wire()));
        put("AllowMessages", allow_messages.as_deref());
        put("Status", status.as_deref());
        put(
            "StatusReason",
            e.status_reason.as_ref().map(|r| r.as_wire()),
        );
        values.push(("Finding", finding.clone()));
        DeviceView {
            key: e.id.clone(),
            name: e.name.clone(),
            finding,
            values,
            status,
            allow_messages,
        }
    }

    fn inactive(&self) -> bool {
        match &self.status {
            Some(status) => status == "INACTIVE",
            None => self.finding.contains("INACTIVE"),
        }
    }

    fn muted(&self) -> bool {
        match &self.allow_messages {
            Some(allow) => allow == "NONE",
            None => self.finding.contains("muted (AllowMessages NONE)"),
        }
    }
}

fn changed(old: &DeviceView, new: &DeviceView) -> Option<Change> {
    if old.values == new.values {
        return None;
    }
    let (was, now) = (reach(&old.finding), reach(&new.finding));
    let what = if new.inactive() && !old.inactive() {
        "became INACTIVE".to_string()
    } else if new.muted() && !old.muted() {
        "disabled (AllowMessages NONE)".to_string()
    } else if now == Reach::Receives && was != Reach::Receives {
        "can receive again".to_string()
    } else {
        "changed".to_string()
    };
    let importance = match (was, now) {
        (Reach::Receives, Reach::Blocked) => Importance::Blocks,
        (Reach::Receives, Reach::Unknown) => Importance::Worse,
        (_, Reach::Receives) if was != Reach::Receives => Importance::Better,
        _ => Importance::Changed,
    };
    Some(Change {
        importance,
        item: Item::Device,
        key: new.key.clone(),
        name: new.name.clone().or_else(|| old.name.clone()),
        what,
        old: Some(old.values.clone()),
        new: Some(new.values.clone()),
    })
}

/// Devices that changed, appeared or are gone: the new list's order, then
/// the ones gone.
pub(super) fn changes(old: &[DeviceView], new: &[DeviceView]) -> Vec<Change> {
    let old_by_key: HashMap<&str, &DeviceView> = old.iter().map(|d| (d.key.as_str(), d)).collect();
    let new_keys: HashMap<&str, ()> = new.iter().map(|d| (d.key.as_str(), ())).collect();
    let mut out = Vec::new();
    for device in new {
        match old_by_key.get(device.key.as_str()) {
            Some(before) => out.extend(changed(before, device)),
            None => out.push(Change {
                importance: if reach(&device.finding) == Reach::Receives {
                    Importance::Better
                } else {
                    Importance::Changed
                },
                item: Item::Device,
                key: device.key.clone(),
                name: device.name.clone(),
                what: "appeared".into(),
                old: None,
                new: Some(device.values.clone()),
            }),
        }
    }
    for device in old
        .iter()
        .filter(|d| !new_keys.contains_key(d.key.as_str()))
    {
        out.push(Change {
            importance: if reach(&device.finding) == Reach::Receives {
                Importance::Blocks
            } else {
                Importance::Changed
            },
            item: Item::Device,
            key: device.key.clone(),
            name: device.name.clone(),
            what: "is gone".into(),
            old: Some(device.values.clone()),
            new: None,
        });
    }
    out
}
