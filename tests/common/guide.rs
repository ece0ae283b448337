//! The Chime developer guide's filter-rule examples ("Using filter rules to
//! filter messages") with the outcome the guide states: one table, checked
//! against the engine and through `filter check`.

pub const MENTION_BOB: &str = r#"{"mention": ["Bob"]}"#;
pub const NOT_ROOM: &str = r#"{"type": [{"anything-but": ["Room"]}]}"#;
pub const AND_RULE: &str = r#"{"type": [{"anything-but": ["Room"]}], "mention": ["Bob"]}"#;
pub const OR_RULE: &str =
    r#"{"$or": [{"mention": ["Bob"]}, {"type": [{"anything-but": ["Room"]}]}]}"#;

/// (rule, message attributes, delivered?)
pub type Example = (
    &'static str,
    &'static [(&'static str, &'static [&'static str])],
    bool,
);

pub const EXAMPLES: &[Example] = &[
    // Inclusive: delivered for ["Bob", "Alice"], not for ["Tom"].
    (MENTION_BOB, &[("mention", &["Bob", "Alice"])], true),
    (MENTION_BOB, &[("mention", &["Bob"])], true),
    (MENTION_BOB, &[("mention", &["Tom"])], false),
    // Exclusive: delivered for "Conversation", not for "Room".
    (NOT_ROOM, &[("type", &["Conversation"])], true),
    (NOT_ROOM, &[("type", &["Room"])], false),
    // AND: both conditions must hold.
    (
        AND_RULE,
        &[("type", &["Conversation"]), ("mention", &["Bob"])],
        true,
    ),
    (
        AND_RULE,
        &[("type", &["Room"]), ("mention", &["Bob"])],
        false,
    ),
    (
        AND_RULE,
        &[("type", &["Conversation"]), ("mention", &["Tom"])],
        false,
    ),
    (
        AND_RULE,
        &[("type", &["Room"]), ("mention", &["Tom"])],
        false,
    ),
    // OR: mention Bob alone, or type Conversation alone, is delivered.
    (OR_RULE, &[("mention", &["Bob"])], true),
    (OR_RULE, &[("type", &["Conversation"])], true),
    (
        OR_RULE,
        &[("mention", &["Tom"]), ("type", &["Room"])],
        false,
    ),
    (OR_RULE, &[("mention", &["Bob"]), ("type", &["Room"])], true),
];
