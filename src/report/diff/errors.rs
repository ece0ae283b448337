//! The error behind a call compared: one that appeared, cleared or
//! changed its code, wherever it was (a check, a listing, a row).

use crate::error::CallError;

use super::{Change, Importance, Item, Values};

/// The error behind a call, as a change's values.
pub(super) fn values(err: &CallError) -> Values {
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
pub(super) fn change(
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
        old: old.map(values),
        new: new.map(values),
    })
}
