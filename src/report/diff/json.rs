//! The changes as JSON for scripts. The shape (README.md, "diff"):
//!
//! `{"Kind", "Old": {Report object}, "New": {Report object},
//! "SubjectsDiffer"?, "Changed": bool, "Changes": [{"Importance",
//! "Item", "Key", "Name"?, "Change", "Old": {..} | null, "New": {..} |
//! null}]}`: the two reports' `"Report"` objects as they wrote them
//! (capture times included), and each change's values verbatim.

use serde_json::{Map, Value};

use crate::output::json::to_aws_cli_text;

use super::{Change, Changes, Values};

fn values(v: Option<&Values>) -> Value {
    match v {
        None => Value::Null,
        Some(values) => Value::Object(
            values
                .iter()
                .map(|(k, v)| ((*k).to_string(), Value::String(v.clone())))
                .collect(),
        ),
    }
}

fn change(c: &Change) -> Value {
    let mut map = Map::new();
    map.insert("Importance".into(), c.importance.as_str().into());
    map.insert("Item".into(), c.item.as_str().into());
    map.insert("Key".into(), c.key.clone().into());
    if let Some(name) = &c.name {
        map.insert("Name".into(), name.clone().into());
    }
    map.insert("Change".into(), c.what.clone().into());
    map.insert("Old".into(), values(c.old.as_ref()));
    map.insert("New".into(), values(c.new.as_ref()));
    Value::Object(map)
}

/// The document as a value.
pub(super) fn value(c: &Changes) -> Value {
    let mut map = Map::new();
    map.insert("Kind".into(), c.kind.as_str().into());
    map.insert("Old".into(), c.old.subject.value());
    map.insert("New".into(), c.new.subject.value());
    if let Some(warning) = &c.subjects_differ {
        map.insert("SubjectsDiffer".into(), warning.clone().into());
    }
    map.insert("Changed".into(), (!c.is_empty()).into());
    map.insert(
        "Changes".into(),
        Value::Array(c.changes.iter().map(change).collect()),
    );
    Value::Object(map)
}

pub(super) fn render(c: &Changes) -> String {
    to_aws_cli_text(&value(c)) + "\n"
}
