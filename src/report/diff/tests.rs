//! Unit tests of `compare` and its three renderings, on diagnoses judged
//! from the healthy fixtures and on member and scan pictures built from
//! their parts.

use std::time::{Duration, SystemTime};

use crate::diagnose::fixtures::{err, healthy, iphone, known};
use crate::diagnose::{Fact, Facts, evaluate};
use crate::error::ErrorKind;
use crate::member::{ChannelRow, MemberParts, MemberResults};
use crate::model::{
    AllowMessages, AllowNotifications, CallMeta, ChannelSummary, EndpointStatus,
    EndpointStatusReason, FilterRuleText, Lookup, Member, MembershipPreferences, Preferences,
    PushNotifications, UserChannelMembership,
};
use crate::operation::Operation;
use crate::report::{Body, Report, ReportKind, Subject};
use crate::scan::{Listing, Row, RowState, ScanResults};

use super::*;

const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";

fn subject(kind: ReportKind, day: u64) -> Subject {
    let mut s = Subject::new(
        kind,
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_000_000 + day * 86_400),
    );
    s.member_arn = Some(format!("{APP}/user/alice"));
    s.channel_arn = Some(format!("{APP}/channel/support"));
    s
}

fn diagnosis(day: u64, change: impl Fn(&mut Facts)) -> Report {
    let mut f = healthy();
    change(&mut f);
    Report {
        subject: subject(ReportKind::Diagnose, day),
        body: Body::Diagnosis(Box::new(evaluate(&f))),
    }
}

fn set_allow(f: &mut Facts, allow: AllowNotifications) {
    if let Fact::Known { value, .. } = &mut f.preferences {
        value.allow = Some(allow);
    }
}

fn summary(c: &Change) -> String {
    format!(
        "{} {} {}: {}",
        c.importance.as_str(),
        c.item.as_str(),
        c.key,
        c.what
    )
}

fn summaries(changes: &Changes) -> Vec<String> {
    changes.changes.iter().map(summary).collect()
}

#[test]
fn the_same_report_twice_is_no_change_with_both_times() {
    let changes = compare(&diagnosis(0, |_| {}), &diagnosis(7, |_| {})).expect("compares");
    assert!(changes.is_empty(), "{:?}", summaries(&changes));
    let text = changes.to_text();
    assert!(
        text.starts_with("No change between the two diagnose reports of member "),
        "{text}"
    );
    assert!(
        text.contains("old: captured 2026-11-30T00:53:20Z"),
        "{text}"
    );
    assert!(
        text.contains("new: captured 2026-12-07T00:53:20Z"),
        "{text}"
    );
    assert!(changes.to_markdown().contains("**No change.**"));
    let json: serde_json::Value = serde_json::from_str(&changes.to_json()).expect("JSON");
    assert_eq!(json["Changed"], false);
    assert_eq!(json["Old"]["CapturedAt"], "2026-11-30T00:53:20Z");
    assert_eq!(json["New"]["CapturedAt"], "2026-12-07T00:53:20Z");
}

#[test]
fn a_preference_muted_blocks_first_with_the_verdict_leading() {
    let old = diagnosis(0, |_| {});
    let new = diagnosis(7, |f| set_allow(f, AllowNotifications::None));
    let changes = compare(&old, &new).expect("compares");
    let list = summaries(&changes);
    assert_eq!(list[0], "blocks verdict verdict: yes → no", "{list:#?}");
    assert!(changes.to_text().contains("  [blocks] verdict: yes → no\n"));
    assert!(
        list.contains(&"blocks check preferences: pass → fail".to_string()),
        "{list:#?}"
    );
    let channel = format!("blocks channel {APP}/channel/support: ALL → NONE");
    assert!(list.contains(&channel), "{list:#?}");
    let check = changes
        .changes
        .iter()
        .find(|c| c.key == "preferences")
        .expect("check");
    let finding = |v: &Option<Values>| {
        v.as_ref()
            .and_then(|v| v.iter().find(|(k, _)| *k == "Finding"))
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    };
    assert!(
        finding(&check.old).starts_with("ALL"),
        "both findings: {check:?}"
    );
    assert!(
        finding(&check.new).starts_with("NONE"),
        "both findings: {check:?}"
    );
    // Muting the other way round is better.
    let back = compare(&new, &old).expect("compares");
    assert_eq!(back.changes[0].importance, Importance::Better);
}

#[test]
fn a_device_gone_inactive_is_named_and_blocks() {
    let old = diagnosis(0, |_| {});
    let new = diagnosis(7, |f| {
        if let Fact::Known { value, .. } = &mut f.endpoints {
            value[0].status = Some(EndpointStatus::Inactive);
            value[0].status_reason = Some(EndpointStatusReason::InvalidDeviceToken);
        }
    });
    let changes = compare(&old, &new).expect("compares");
    let device = changes
        .changes
        .iter()
        .find(|c| c.item == Item::Device)
        .expect("a device change");
    assert_eq!(device.what, "became INACTIVE");
    assert_eq!(device.importance, Importance::Blocks);
    assert!(device.key.contains("iphone"), "{device:?}");
    // The other device still receives: the endpoints check warns.
    let list = summaries(&changes);
    assert!(
        list.contains(&"worse check endpoints: pass → warn".to_string()),
        "{list:#?}"
    );
    // Blocks before worse.
    let first_worse = list
        .iter()
        .position(|l| l.starts_with("worse"))
        .expect("worse");
    let last_blocks = list
        .iter()
        .rposition(|l| l.starts_with("blocks"))
        .expect("blocks");
    assert!(last_blocks < first_worse, "{list:#?}");
}

#[test]
fn an_error_that_appears_and_clears() {
    let old = diagnosis(0, |_| {});
    let new = diagnosis(7, |f| {
        f.membership = Fact::Failed(err(
            Operation::DescribeChannelMembership,
            ErrorKind::Throttled,
        ));
    });
    let changes = compare(&old, &new).expect("compares");
    let list = summaries(&changes);
    assert_eq!(list[0], "worse verdict verdict: yes → unknown", "{list:#?}");
    assert!(
        list.contains(&"worse check membership: pass → unknown".to_string()),
        "{list:#?}"
    );
    assert!(
        list.contains(&"worse error membership check: error appeared".to_string()),
        "{list:#?}"
    );
    let error = changes
        .changes
        .iter()
        .find(|c| c.item == Item::Error)
        .expect("error");
    assert!(
        error
            .new
            .as_ref()
            .is_some_and(|v| v.contains(&("Code", "ThrottledClientException".to_string()))),
        "{error:?}"
    );
    let cleared = compare(&new, &old).expect("compares");
    assert!(
        summaries(&cleared).contains(&"better error membership check: error cleared".to_string())
    );
}

#[test]
fn different_kinds_are_refused_and_different_subjects_are_said() {
    let scan = Report {
        subject: subject(ReportKind::Scan, 0),
        body: Body::Scan(Box::new(ScanResults::new("arn:c"))),
    };
    let err = compare(&diagnosis(0, |_| {}), &scan).expect_err("kinds");
    assert_eq!(
        err,
        DiffError::DifferentKinds {
            old: ReportKind::Diagnose,
            new: ReportKind::Scan
        }
    );
    assert!(
        err.to_string()
            .contains("a diagnose report and the new one a scan report")
    );
    let mut bob = diagnosis(7, |_| {});
    bob.subject.member_arn = Some(format!("{APP}/user/bob"));
    let changes = compare(&diagnosis(0, |_| {}), &bob).expect("compares all the same");
    let warning = changes.subjects_differ.clone().expect("warned");
    assert!(
        warning.contains("user/alice") && warning.contains("user/bob"),
        "{warning}"
    );
    assert!(
        changes
            .to_text()
            .contains("warning: the reports are about different subjects")
    );
}

fn lookup(allow: Option<&str>, rule: Option<&str>) -> RowState {
    RowState::Read(Box::new(Lookup {
        response: MembershipPreferences {
            preferences: Some(Preferences {
                push_notifications: Some(PushNotifications {
                    allow: allow.map(AllowNotifications::from_wire),
                    filter_rule: rule.map(FilterRuleText::new),
                }),
            }),
            ..MembershipPreferences::default()
        },
        meta: CallMeta {
            request_id: None,
            latency: Duration::ZERO,
            attempts: 1,
            fetched_at: SystemTime::UNIX_EPOCH,
        },
    }))
}

fn scan(day: u64, rows: Vec<(&str, &str, RowState)>) -> Report {
    let rows = rows
        .into_iter()
        .map(|(id, name, state)| Row {
            member: Member {
                arn: Some(format!("{APP}/user/{id}")),
                name: Some(name.into()),
            },
            state,
        })
        .collect();
    Report {
        subject: subject(ReportKind::Scan, day),
        body: Body::Scan(Box::new(ScanResults::from_parts(
            format!("{APP}/channel/support"),
            rows,
            0,
            Listing::Complete,
            true,
        ))),
    }
}

#[test]
fn scans_compare_member_by_member() {
    let forbidden = || {
        let mut e = err(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
        e.http_status = Some(403);
        RowState::Failed(e)
    };
    let old = scan(
        0,
        vec![
            ("alice", "Alice", lookup(Some("ALL"), None)),
            ("bob", "Bob", lookup(Some("ALL"), None)),
            (
                "carol",
                "Carol",
                lookup(Some("FILTERED"), Some("{\"mention\":[\"carol\"]}")),
            ),
            ("dave", "Dave", forbidden()),
            ("erin", "Erin", lookup(None, None)),
        ],
    );
    let new = scan(
        7,
        vec![
            ("alice", "Alice", lookup(Some("ALL"), None)),
            ("bob", "Bob", lookup(Some("NONE"), None)),
            (
                "carol",
                "Carol",
                lookup(Some("FILTERED"), Some("{\"mention\":[\"c\"]}")),
            ),
            ("dave", "Dave", lookup(Some("ALL"), None)),
            ("frank", "Frank", forbidden()),
        ],
    );
    let changes = compare(&old, &new).expect("compares");
    let list: Vec<String> = summaries(&changes)
        .into_iter()
        .map(|l| l.replace(&format!("{APP}/user/"), ""))
        .collect();
    assert_eq!(
        list,
        [
            "blocks member bob: ALL → NONE",
            "blocks member erin: removed",
            "changed member carol: filter rule changed",
            "changed member frank: added",
            "better member dave: error cleared",
        ]
    );
    assert_eq!(changes.changes[0].name.as_deref(), Some("Bob"));
}

fn channel_row(id: &str, state: RowState) -> ChannelRow {
    ChannelRow {
        channel: UserChannelMembership {
            channel: Some(ChannelSummary {
                channel_arn: Some(format!("{APP}/channel/{id}")),
                name: Some(id.to_uppercase()),
                ..ChannelSummary::default()
            }),
            ..UserChannelMembership::default()
        },
        state,
    }
}

fn member(day: u64, rows: Vec<ChannelRow>, devices: Vec<crate::diagnose::EndpointFact>) -> Report {
    Report {
        subject: subject(ReportKind::Member, day),
        body: Body::Member(Box::new(MemberResults::from_parts(MemberParts {
            member_arn: format!("{APP}/user/alice"),
            name: Some("Alice".into()),
            rows,
            not_read: 0,
            listing: Listing::Complete,
            done: true,
            throttled: 0,
            devices: known(devices),
            setup_checks: Vec::new(),
        }))),
    }
}

#[test]
fn member_pictures_compare_channels_and_devices() {
    let mut muted = iphone();
    muted.allow_messages = Some(AllowMessages::None);
    let old = member(
        0,
        vec![
            channel_row("support", lookup(Some("ALL"), None)),
            channel_row("random", lookup(Some("ALL"), None)),
        ],
        vec![iphone()],
    );
    let new = member(
        7,
        vec![
            channel_row("support", lookup(Some("NONE"), None)),
            channel_row("design", lookup(Some("FILTERED"), Some("{}"))),
        ],
        vec![muted],
    );
    let changes = compare(&old, &new).expect("compares");
    let list: Vec<String> = summaries(&changes)
        .into_iter()
        .map(|l| l.replace(&format!("{APP}/channel/"), ""))
        .collect();
    assert_eq!(
        list,
        [
            "blocks channel support: ALL → NONE",
            "blocks channel random: removed",
            "blocks device iphone: disabled (AllowMessages NONE)",
            "blocks check endpoints: pass → fail",
            "changed channel design: added",
        ],
    );
    let device = changes
        .changes
        .iter()
        .find(|c| c.item == Item::Device)
        .expect("device");
    assert_eq!(device.name.as_deref(), Some("iphone-phone"));
    assert!(
        device
            .new
            .as_ref()
            .is_some_and(|v| v.contains(&("AllowMessages", "NONE".to_string())))
    );
}

#[test]
fn hostile_names_are_inert_in_text_and_markdown_and_verbatim_in_json() {
    let hostile = "Eve\u{1b}]0;pwned\u{7} | [x](http://e) <b>\n`row`";
    let old = scan(0, vec![("eve", hostile, lookup(Some("ALL"), None))]);
    let new = scan(
        7,
        vec![("eve", hostile, lookup(Some("NONE"), Some(hostile)))],
    );
    let changes = compare(&old, &new).expect("compares");
    let text = changes.to_text();
    assert!(
        !text
            .chars()
            .any(|c| crate::sanitize::is_unsafe(c) && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("Eve\\e]0;pwned\\a"), "{text}");
    let md = changes.to_markdown();
    assert!(
        !md.chars()
            .any(|c| crate::sanitize::is_unsafe(c) && c != '\n'),
        "{md:?}"
    );
    let row = md.lines().find(|l| l.starts_with("| blocks")).expect("row");
    // Five cells: every `|` of the name is escaped.
    let bars = row
        .char_indices()
        .filter(|(i, c)| *c == '|' && (*i == 0 || row.as_bytes()[i - 1] != b'\\'))
        .count();
    assert_eq!(bars, 6, "{row}");
    // No link: escaped in text, literal inside a code span.
    assert!(
        row.contains("(Eve\\\\e\\]0;pwned\\\\a \\| \\[x\\](http://e)"),
        "{row}"
    );
    let json: serde_json::Value = serde_json::from_str(&changes.to_json()).expect("JSON");
    assert_eq!(json["Changes"][0]["Name"], hostile);
    assert_eq!(json["Changes"][0]["New"]["FilterRule"], hostile);
    assert_eq!(json["Changes"][0]["Importance"], "blocks");
    assert_eq!(json["Changes"][0]["Item"], "member");
    assert_eq!(json["Kind"], "scan");
}

#[test]
fn the_json_shape_is_stable() {
    let changes = compare(
        &diagnosis(0, |_| {}),
        &diagnosis(7, |f| set_allow(f, AllowNotifications::None)),
    )
    .expect("compares");
    let json: serde_json::Value = serde_json::from_str(&changes.to_json()).expect("JSON");
    let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["Kind", "Old", "New", "Changed", "Changes"]);
    let first = json["Changes"][0].as_object().expect("change");
    let keys: Vec<&String> = first.keys().collect();
    assert_eq!(keys, ["Importance", "Item", "Key", "Change", "Old", "New"]);
    assert_eq!(json["Changes"][0]["Old"]["Push"], "yes");
    assert_eq!(json["Changes"][0]["New"]["BlockingCheck"], "preferences");
}
