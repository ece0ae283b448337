//! Unit tests of the member picture's data and printers (no network).

use crate::arn::{Field, parse_member};
use crate::diagnose::{EndpointFact, EndpointType, Event, Fact};
use crate::error::{CallError, ErrorKind};
use crate::explain::Context;
use crate::model::{
    AllowMessages, ChannelMode, ChannelPrivacy, ChannelSummary, EndpointStatus,
    EndpointStatusReason, Member, MembershipType, UserChannelMembership,
};
use crate::operation::Operation;
use crate::scan::MemberOutcome;
use crate::scan::fixtures::read;

use super::*;

const ALICE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice";
const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";

fn request() -> MemberRequest {
    let member = parse_member(ALICE, Field::Member).expect("ARN");
    MemberRequest::new(&member, ALICE)
}

fn channel(id: &str, name: &str, hidden: bool) -> UserChannelMembership {
    UserChannelMembership {
        channel: Some(ChannelSummary {
            channel_arn: Some(format!("{APP}/channel/{id}")),
            name: Some(name.into()),
            mode: Some(ChannelMode::Unrestricted),
            privacy: Some(ChannelPrivacy::Private),
            last_message: None,
        }),
        kind: Some(if hidden {
            MembershipType::Hidden
        } else {
            MembershipType::Default
        }),
        read_marker: None,
        sub_channel_id: None,
    }
}

/// A read with the member's name in the response, as the service gives it.
fn read_named(allow: &str, name: &str) -> MemberOutcome {
    let MemberOutcome::Read(mut lookup) = read(Some(allow), None) else {
        unreachable!("the fixture reads");
    };
    lookup.response.member = Some(Member {
        arn: Some(ALICE.into()),
        name: Some(name.into()),
    });
    MemberOutcome::Read(lookup)
}

fn forbidden(operation: Operation) -> CallError {
    let mut err = CallError::new(operation, ErrorKind::Forbidden);
    err.http_status = Some(403);
    err.message = Some("=Forbidden, go away".into());
    err
}

fn device(id: &str, name: &str, active: bool, reason: Option<&str>) -> EndpointFact {
    EndpointFact {
        id: id.into(),
        name: Some(name.into()),
        kind: Some(EndpointType::Apns),
        allow_messages: Some(AllowMessages::All),
        status: Some(if active {
            EndpointStatus::Active
        } else {
            EndpointStatus::Inactive
        }),
        status_reason: reason.map(EndpointStatusReason::from_wire),
        resource_arn: Fact::known(
            Some("arn:aws:mobiletargeting:us-east-1:111122223333:apps/app1".to_string()),
            None,
        ),
    }
}

/// Five channels (two pages), one failed, devices: an active iPhone and
/// an inactive one with a hostile name.
fn picture(done: bool) -> MemberResults {
    let mut results = MemberResults::new(&request());
    results.apply(MemberEvent::Listed {
        channels: vec![
            channel("support", "Support", false),
            channel("random", "Random \u{1b}[2J", false),
            channel("design", "Design", false),
        ],
    });
    results.apply(MemberEvent::Finished {
        index: 1,
        outcome: read_named("NONE", "Alice Appleseed"),
    });
    results.apply(MemberEvent::Listed {
        channels: vec![
            channel("announcements", "Announcements", true),
            channel("mobile", "=cmd|calc", false),
        ],
    });
    results.apply(MemberEvent::Finished {
        index: 0,
        outcome: read_named("ALL", "Someone Else"),
    });
    results.apply(MemberEvent::Finished {
        index: 2,
        outcome: read(Some("FILTERED"), Some("{\"mention\": [\"alice\"]}")),
    });
    results.apply(MemberEvent::Finished {
        index: 3,
        outcome: read(None, None),
    });
    results.apply(MemberEvent::Devices(Event::Endpoints(Fact::known(
        vec![
            device("e1", "iPhone", true, None),
            device(
                "e2",
                "Old\u{1b}]0;x\u{7} iPad",
                false,
                Some("INVALID_DEVICE_TOKEN"),
            ),
        ],
        Some("rid".into()),
    ))));
    if done {
        results.apply(MemberEvent::Finished {
            index: 4,
            outcome: MemberOutcome::Failed(forbidden(Operation::GetChannelMembershipPreferences)),
        });
        results.apply(MemberEvent::ListingComplete { total: 5 });
        results.apply(MemberEvent::Done);
    }
    results
}

#[test]
fn rows_keep_listing_order_and_the_name_comes_from_the_first_read() {
    let results = picture(true);
    let ids: Vec<&str> = results
        .rows()
        .iter()
        .filter_map(|r| r.arn())
        .map(|a| a.rsplit('/').next().unwrap_or(a))
        .collect();
    assert_eq!(
        ids,
        ["support", "random", "design", "announcements", "mobile"]
    );
    assert_eq!(results.name(), Some("Alice Appleseed"));
    assert!(results.is_complete());
    let s = results.summary();
    assert_eq!(
        (s.all, s.none, s.filtered, s.not_set, s.errors, s.pending),
        (1, 1, 1, 1, 1, 0)
    );
    assert_eq!(
        summary_line(&results),
        "muted on 1 of 5 channels, filtered on 1, never set on 1, ALL on 1, 1 could not be read; \
         1 of 2 devices inactive (INVALID_DEVICE_TOKEN)"
    );
    let check = results.devices_check();
    assert_eq!(check.status, crate::diagnose::Status::Warn, "{check:?}");
    assert_eq!(
        results.device_counts().map(|c| (c.total, c.inactive)),
        Some((2, 1))
    );
}

#[test]
fn a_run_stopped_early_is_partial_and_says_what_was_not_read() {
    let results = picture(false);
    assert!(!results.is_done() && !results.is_complete());
    assert_eq!(results.summary().pending, 1);
    assert_eq!(results.finished_rows().count(), 4);
    assert!(summary_line(&results).contains(", 1 not read;"));
    let doc = json::member_value(&results, &Context::default());
    assert_eq!(doc["Partial"], true);
    assert_eq!(doc["Summary"]["NotRead"], 1);
}

#[test]
fn duplicate_or_unknown_indexes_do_not_corrupt_the_counts() {
    let mut results = picture(true);
    let before = *results.summary();
    results.apply(MemberEvent::Finished {
        index: 0,
        outcome: read(Some("NONE"), None),
    });
    results.apply(MemberEvent::Finished {
        index: 99,
        outcome: read(Some("NONE"), None),
    });
    assert_eq!(*results.summary(), before);
}

#[test]
fn a_failed_listing_and_failed_devices_are_kept() {
    let mut results = MemberResults::new(&request());
    results.apply(MemberEvent::ListingFailed(forbidden(
        Operation::ListChannelMembershipsForAppInstanceUser,
    )));
    results.apply(MemberEvent::Devices(Event::Endpoints(Fact::Failed(
        forbidden(Operation::ListAppInstanceUserEndpoints),
    ))));
    results.apply(MemberEvent::Done);
    assert!(results.listing_error().is_some());
    assert!(!results.is_complete());
    assert_eq!(
        summary_line(&results),
        "no channel listed; devices unknown (ListAppInstanceUserEndpoints failed: ForbiddenException)"
    );
    let doc = json::member_value(&results, &Context::default());
    assert_eq!(
        doc["ListingError"]["Operation"],
        "ListChannelMembershipsForAppInstanceUser"
    );
    assert_eq!(
        doc["EndpointsError"]["Operation"],
        "ListAppInstanceUserEndpoints"
    );
    assert_eq!(doc["Channels"], serde_json::json!([]));
    assert_eq!(doc["Summary"]["Devices"]["Check"], "unknown");
    let text = table::member_table(&results);
    assert!(!text.contains("CHANNEL"), "no empty table: {text}");
    assert!(
        text.contains(
            "Devices: ListAppInstanceUserEndpoints failed: ForbiddenException (HTTP 403)"
        ),
        "{text}"
    );
}

#[test]
fn the_table_is_aligned_escaped_and_ends_with_the_summary_and_devices() {
    let text = table::member_table(&picture(true));
    let lines: Vec<&str> = text.lines().collect();
    // The member is named by the report's subject, above the table.
    assert!(!text.contains(ALICE), "{text}");
    assert_eq!(
        lines[0],
        "CHANNEL        ID             PRIVACY  MODE          TYPE     STATE     RULE                     ERROR"
    );
    assert_eq!(
        lines[1],
        "Support        support        PRIVATE  UNRESTRICTED  DEFAULT  ALL"
    );
    assert_eq!(
        lines[2],
        "Random \\e[2J   random         PRIVATE  UNRESTRICTED  DEFAULT  NONE"
    );
    assert_eq!(
        lines[3],
        "Design         design         PRIVATE  UNRESTRICTED  DEFAULT  FILTERED  {\"mention\":[\"alice\"]}"
    );
    assert!(
        lines[4].starts_with("Announcements  announcements  PRIVATE  UNRESTRICTED  HIDDEN   not set   channel default applies"),
        "{}",
        lines[4]
    );
    assert!(
        lines[5].ends_with("ERROR                              ForbiddenException (HTTP 403)"),
        "{}",
        lines[5]
    );
    assert_eq!(lines[7], summary_line(&picture(true)));
    assert_eq!(lines[9], "DEVICE                   PUSH");
    assert_eq!(lines[10], "iPhone (APNS)            can receive");
    assert!(
        lines[11].starts_with(
            "Old\\e]0;x\\a iPad (APNS)  would not receive: INACTIVE, INVALID_DEVICE_TOKEN"
        ),
        "{}",
        lines[11]
    );
    assert!(
        !text
            .chars()
            .any(|c| crate::sanitize::is_unsafe(c) && c != '\n')
    );
}

#[test]
fn the_json_document_streams_the_same_bytes_as_the_value() {
    let results = picture(true);
    let ctx = Context::default();
    let streamed = json::member_json(&serde_json::Map::new(), &results, &ctx);
    let mut whole = crate::output::json::to_aws_cli_text(&json::member_value(&results, &ctx));
    whole.push('\n');
    assert_eq!(streamed, whole);
    let doc: serde_json::Value = serde_json::from_str(&streamed).expect("JSON");
    let keys: Vec<&str> = doc
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "Member",
            "Channels",
            "Endpoints",
            "SetupChecks",
            "Summary",
            "Partial"
        ]
    );
    assert_eq!(
        doc["Member"],
        serde_json::json!({"Arn": ALICE, "Name": "Alice Appleseed"})
    );
    assert_eq!(doc["Partial"], false);
    let channels = doc["Channels"].as_array().expect("channels");
    assert_eq!(channels.len(), 5);
    assert_eq!(
        channels[2],
        serde_json::json!({
            "ChannelArn": format!("{APP}/channel/design"),
            "Name": "Design",
            "Privacy": "PRIVATE",
            "Mode": "UNRESTRICTED",
            "MembershipType": "DEFAULT",
            "Preferences": {"PushNotifications": {
                "AllowNotifications": "FILTERED",
                "FilterRule": "{\"mention\": [\"alice\"]}"
            }}
        })
    );
    assert_eq!(channels[4]["Error"]["Code"], "ForbiddenException");
    assert!(channels[4].get("Preferences").is_none());
    assert_eq!(
        doc["Endpoints"][1]["EndpointState"]["StatusReason"],
        "INVALID_DEVICE_TOKEN"
    );
    assert_eq!(doc["Endpoints"][0]["Finding"], "can receive");
    assert_eq!(
        doc["Summary"]["Devices"],
        serde_json::json!({
            "Total": 2, "Inactive": 1, "Muted": 0, "Check": "warn",
            "Finding": results.devices_check().finding,
            // The links behind the devices, as diagnose judges them (this
            // fixture answers none of their calls).
            "Setup": results.setup_checks().iter().map(|c| serde_json::json!({
                "Id": c.id.id(), "Status": c.status.as_str(), "Finding": c.finding
            })).collect::<Vec<_>>()
        })
    );
    assert_eq!(
        doc["Summary"]["Devices"]["Setup"][1]["Id"], "push-channels",
        "the four links behind the devices, in order"
    );
    assert_eq!(doc["Summary"]["Text"], summary_line(&results));
}

#[test]
fn csv_records_follow_scan_and_neutralise_formulas() {
    let text = csv::member_csv(&picture(true), false);
    let records: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(records[0], csv::HEADER.join(","));
    assert_eq!(
        records[3],
        format!(
            "{APP}/channel/design,Design,PRIVATE,UNRESTRICTED,DEFAULT,FILTERED,\"{{\"\"mention\"\": [\"\"alice\"\"]}}\",,"
        )
    );
    assert_eq!(
        records[5],
        format!(
            "{APP}/channel/mobile,'=cmd|calc,PRIVATE,UNRESTRICTED,DEFAULT,,,ForbiddenException,\"'=Forbidden, go away\""
        )
    );
    assert_eq!(records.len(), 7, "header, five records, and the end");
    assert!(csv::member_csv(&picture(true), true).contains("Random \\e[2J"));
}
