//! Reports read back: every demo story's document, printed by the real
//! engine against the embedded demo service, reads back into a report that
//! prints the same bytes and renders the same text; broken, foreign and
//! hostile documents get a clear error and never a panic.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::aws::{AwsSettings, Clients};
use crate::demo_service::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ACCESS_KEY_ID, DEMO_ADMIN_ARN, DEMO_SECRET_ACCESS_KEY,
    DemoOptions, DemoServer, ROLE_STORIES, STORIES, Story,
};
use crate::diagnose::{self, Diagnosis, Facts, MessageInput, Scope, evaluate};
use crate::explain::Context;
use crate::member::{MemberRequest, MemberResults};
use crate::output::diagnosis::diagnosis_text;
use crate::output::json::to_aws_cli_text;
use crate::report::{Body, Report, ReportKind, Subject};
use crate::scan::{ScanRequest, ScanResults};

use super::ReadError;

const AT: u64 = 1_796_000_000;

fn subject(kind: ReportKind, endpoint: &str) -> Subject {
    let mut s = Subject::new(kind, SystemTime::UNIX_EPOCH + Duration::from_secs(AT));
    s.region = Some("us-east-1".into());
    s.endpoint_url = Some(endpoint.into());
    s
}

async fn clients(server: &DemoServer, key: &str) -> Clients {
    Clients::connect(&AwsSettings {
        region: Some("us-east-1".into()),
        endpoint_url: Some(server.endpoint_url()),
        static_credentials: Some((key.into(), DEMO_SECRET_ACCESS_KEY.into())),
        timeout: Duration::from_secs(20),
        max_attempts: 3,
        ..AwsSettings::default()
    })
    .await
}

async fn diagnosis_of(clients: &Clients, story: &Story) -> Diagnosis {
    let scope = Scope {
        region: "us-east-1".into(),
        account: "111122223333".into(),
        channel_arn: story.channel_arn(),
        member_arn: story.member_arn(),
        admin_arn: Some(DEMO_ADMIN_ARN.into()),
    };
    let message = match story.message_id {
        Some(id) => MessageInput::Message {
            id: id.into(),
            attributes: diagnose::Fact::Pending,
        },
        None => MessageInput::None,
    };
    let mut facts = Facts::pending(scope, message);
    facts.read_at = Some(SystemTime::UNIX_EPOCH + Duration::from_secs(AT));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    diagnose::run(clients, &facts, &tx).await;
    drop(tx);
    while let Some(event) = rx.recv().await {
        facts.apply(event);
    }
    diagnose::evaluate(&facts)
}

/// Printed, read back, printed again: the same bytes; and the text and
/// Markdown of what was read are those of what was printed.
fn round_trip(label: &str, original: &Report, ctx: &Context<'_>) -> Report {
    let printed = original.to_json(ctx);
    let back = Report::from_json(&printed).unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(back.subject, original.subject, "{label}");
    assert_eq!(back.to_json(ctx), printed, "{label}");
    assert_eq!(back.to_text(ctx), original.to_text(ctx), "{label}");
    assert_eq!(
        back.to_markdown(ctx),
        without_unprinted_request_ids(&original.to_markdown(ctx), &printed),
        "{label}"
    );
    back
}

/// `markdown` without the request ids the JSON does not hold: a `member`
/// document does not print the device list's request id (its `Endpoints`
/// is a list, with no place for one). Its line is gone in a report read
/// back; every row's id is kept (`RequestId`).
fn without_unprinted_request_ids(markdown: &str, json: &str) -> String {
    let is_id = |s: &str| s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let mut out = String::new();
    let mut skip_blank = false;
    for line in markdown.split_inclusive('\n') {
        if skip_blank && line == "\n" {
            skip_blank = false;
            continue;
        }
        skip_blank = false;
        let mut kept = line.to_string();
        for (i, piece) in line.split('`').enumerate() {
            if i % 2 == 1 && is_id(piece) && !json.contains(piece) {
                if line.starts_with('|') {
                    kept = kept.replace(&format!("`{piece}`"), " ");
                } else {
                    kept.clear();
                    skip_blank = true;
                }
            }
        }
        out.push_str(&kept);
    }
    out
}

fn diagnosis_round_trip(label: &str, d: &Diagnosis, subject: &Subject, ctx: &Context<'_>) {
    let original = Report {
        subject: subject.clone(),
        body: Body::Diagnosis(Box::new(d.clone())),
    };
    let back = round_trip(label, &original, ctx);
    let Body::Diagnosis(back) = &back.body else {
        panic!("{label}: not a diagnosis");
    };
    assert_eq!(diagnosis_text(back, ctx), diagnosis_text(d, ctx), "{label}");
    assert_eq!(back.verdict, d.verdict, "{label}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_demo_story_reads_back_to_the_same_document() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let url = demo.endpoint_url();
    let clients = clients(&demo, DEMO_ACCESS_KEY_ID).await;
    let mut errors = 0;
    for story in STORIES {
        let d = diagnosis_of(&clients, story).await;
        let member = story.member_arn();
        let channel = story.channel_arn();
        let mut s = subject(ReportKind::Diagnose, &url);
        s.member_arn = Some(member.clone());
        s.channel_arn = Some(channel.clone());
        s.admin_arn = Some(DEMO_ADMIN_ARN.into());
        let ctx = Context {
            run: Some(clients.info()),
            region: Some("us-east-1"),
            member: Some(&member),
            bearer: Some(&member),
            channel: Some(&channel),
            ..Context::default()
        };
        let label = format!(
            "{} on {} ({:?})",
            story.member, story.channel, story.message_id
        );
        diagnosis_round_trip(&label, &d, &s, &ctx);
        errors += d.checks.iter().filter(|c| c.error.is_some()).count();
    }
    assert!(
        errors >= 8,
        "the stories' failed calls read back too: {errors}"
    );
    for role in ROLE_STORIES {
        let clients = self::clients(&demo, role.access_key_id).await;
        let d = diagnosis_of(&clients, &role.story).await;
        let s = subject(ReportKind::Diagnose, &url);
        diagnosis_round_trip(role.access_key_id, &d, &s, &Context::default());
    }
}

async fn picture(clients: &Clients, member_arn: &str) -> MemberResults {
    let member = crate::arn::parse_member(member_arn, crate::arn::Field::Member).expect("ARN");
    let request = MemberRequest {
        concurrency: 16,
        bearer_quota: 1000.0,
        ..MemberRequest::new(&member, DEMO_ADMIN_ARN)
    };
    let mut results = MemberResults::new(&request);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(crate::member::run(clients.clone(), request, tx));
    while let Some(event) = rx.recv().await {
        results.apply(event);
    }
    task.await.expect("member task");
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_pictures_read_back_to_the_same_document() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let url = demo.endpoint_url();
    let clients = clients(&demo, DEMO_ACCESS_KEY_ID).await;
    let mut members: Vec<String> = STORIES.iter().map(Story::member_arn).collect();
    members.dedup();
    members.push(BUSY_MEMBER_ARN.into());
    members.push(format!("{APP_INSTANCE_ARN}/user/nobody-at-all"));
    let mut seen = String::new();
    for member_arn in &members {
        let results = picture(&clients, member_arn).await;
        let s = subject(ReportKind::Member, &url);
        let ctx = Context {
            member: Some(member_arn),
            ..Context::default()
        };
        let original = Report {
            subject: s.clone(),
            body: Body::Member(Box::new(results.clone())),
        };
        seen.push_str(&original.to_json(&ctx));
        let report = round_trip(member_arn, &original, &ctx);
        let Body::Member(back) = &report.body else {
            panic!("{member_arn}: not a member picture");
        };
        assert_eq!(
            crate::member::csv::member_csv(back, false),
            crate::member::csv::member_csv(&results, false),
            "{member_arn}"
        );
    }
    // The pictures above hold every part a document can have.
    for part in [
        "\"EndpointsError\"",
        "\"ResourceArn\"",
        "\"INACTIVE\"",
        "\"SetupChecks\": [\n        {",
        "\"FilterRule\"",
        "\"Explanation\"",
        "\"Partial\": false",
    ] {
        assert!(seen.contains(part), "no member picture has {part}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channel_scans_read_back_to_the_same_document() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let url = demo.endpoint_url();
    let clients = clients(&demo, DEMO_ACCESS_KEY_ID).await;
    let mut seen = String::new();
    for (channel, hidden, max) in [
        ("support", false, 1000),
        ("mobile", true, 1000),
        ("support", true, 5),
        ("nowhere", false, 1000),
    ] {
        let channel_arn = format!("{APP_INSTANCE_ARN}/channel/{channel}");
        let request = ScanRequest {
            include_hidden: hidden,
            concurrency: 8,
            max_items: max,
            ..ScanRequest::new(&channel_arn, DEMO_ADMIN_ARN)
        };
        let mut results = ScanResults::new(&channel_arn);
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let task = tokio::spawn(crate::scan::run(clients.clone(), request, tx));
        while let Some(event) = rx.recv().await {
            results.apply(event);
        }
        task.await.expect("scan task");
        let s = subject(ReportKind::Scan, &url);
        let ctx = Context::default();
        let original = Report {
            subject: s.clone(),
            body: Body::Scan(Box::new(results.clone())),
        };
        seen.push_str(&original.to_json(&ctx));
        let report = round_trip(channel, &original, &ctx);
        let Body::Scan(back) = &report.body else {
            panic!("{channel}: not a scan");
        };
        assert_eq!(
            crate::scan::csv::scan_csv(back, false),
            crate::scan::csv::scan_csv(&results, false),
            "{channel}"
        );
    }
    for part in [
        "--max-items 5",
        "\"ListingError\"",
        "\"Error\"",
        "\"FILTERED\"",
    ] {
        assert!(seen.contains(part), "no scan has {part}");
    }
}

/// A small, valid diagnosis document (no network).
fn small() -> Value {
    let s = subject(ReportKind::Diagnose, "http://127.0.0.1:1");
    s.wrap(json!({
        "Verdict": {"Push": "no", "Reason": "NONE", "BlockingCheck": "preferences"},
        "Checks": [
            {"Id": "preferences", "Status": "fail", "Finding": "NONE", "Operation": "GetChannelMembershipPreferences",
             "RequestId": "r-1", "Evidence": {"AllowNotifications": "NONE"}, "Advice": ["unmute"]},
            {"Id": "endpoints", "Status": "unknown", "Finding": "failed", "Operation": "ListAppInstanceUserEndpoints",
             "RequestId": null, "Evidence": {}, "IamActionsToRun": ["chime:ListAppInstanceUserEndpoints"],
             "Error": {"Operation": "ListAppInstanceUserEndpoints", "Code": "TeapotException", "Message": "m",
                       "HttpStatus": 418, "RequestId": "r-2", "Region": "us-east-1", "Retryable": false, "Attempts": 1}}
        ],
        "ManualChecks": [{"What": "ask the sender", "Command": null}]
    }))
}

fn error_of(doc: &str) -> String {
    match Report::from_json(doc) {
        Ok(_) => panic!("read: {doc}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_small_document_reads_with_its_unknown_code_kept() {
    let report = Report::from_json(&small().to_string()).expect("reads");
    let Body::Diagnosis(d) = report.body else {
        panic!("diagnosis");
    };
    assert_eq!(d.checks.len(), 2);
    let err = d.checks[1].error.as_ref().expect("error");
    assert_eq!(err.kind, crate::error::ErrorKind::UnknownCode);
    assert_eq!(err.display_code(), "TeapotException");
    assert_eq!(
        d.checks[1].needs,
        [crate::operation::Operation::ListAppInstanceUserEndpoints]
    );
}

#[test]
fn broken_and_foreign_documents_are_refused_clearly() {
    let text = to_aws_cli_text(&small());
    // Cut short.
    let cut = &text[..text.len() / 2];
    let err = error_of(cut);
    assert!(err.starts_with("the file ends early (line "), "{err}");
    // Not JSON at all.
    let err = error_of("Would a push arrive? NO");
    assert!(err.starts_with("it is not JSON: line 1, column 1"), "{err}");
    assert_eq!(
        error_of(""),
        "the file ends early (line 1, column 0): it was cut short while being written or copied"
    );
    // Another tool's JSON.
    let err = error_of(r#"{"ChannelArn": "x", "Member": {}}"#);
    assert!(err.contains("no \"Report\" object"), "{err}");
    assert!(error_of("[1, 2]").contains("an array, not a JSON object"));
    // Another format version, another kind.
    let mut v = small();
    v["Report"]["Format"] = json!("chime-prefs/2");
    let err = error_of(&v.to_string());
    assert!(
        err.contains("chime-prefs/2") && err.contains("reads chime-prefs/1"),
        "{err}"
    );
    let mut v = small();
    v["Report"]["Kind"] = json!("history");
    let err = error_of(&v.to_string());
    assert!(err.contains("Kind") && err.contains("history"), "{err}");
    // A field of the wrong type, named by its path.
    let mut v = small();
    v["Checks"][1]["Error"]["Attempts"] = json!("three");
    assert_eq!(
        error_of(&v.to_string()),
        "its Checks[1].Error.Attempts is a string, not a whole number"
    );
    let mut v = small();
    v["Verdict"] = json!([]);
    assert_eq!(
        error_of(&v.to_string()),
        "its Verdict is an array, not an object"
    );
    // Unknown values where the model keeps none.
    let mut v = small();
    v["Checks"][0]["Status"] = json!("meh");
    let err = error_of(&v.to_string());
    assert!(
        err.contains("Checks[0].Status") && err.contains("pass, fail, warn"),
        "{err}"
    );
    let mut v = small();
    v["Checks"][0]["Id"] = json!("carrier-pigeon");
    assert!(error_of(&v.to_string()).contains("Checks[0].Id"));
    // Missing.
    let mut v = small();
    if let Some(m) = v.as_object_mut() {
        m.shift_remove("Checks");
    }
    assert_eq!(error_of(&v.to_string()), "its Checks is missing");
}

#[test]
fn a_file_over_the_cap_is_refused_without_reading_it_all() {
    let big = vec![b' '; super::MAX_REPORT_BYTES + 10];
    let err = Report::read_from(&big[..]).expect_err("too large");
    assert_eq!(
        err,
        ReadError::TooLarge {
            cap: super::MAX_REPORT_BYTES
        }
    );
    assert!(err.to_string().contains("64 MiB"), "{err}");
}

#[test]
fn unknown_wire_values_are_kept_verbatim() {
    let s = subject(ReportKind::Scan, "http://127.0.0.1:1");
    let doc = s.wrap(json!({
        "ChannelArn": "arn:c",
        "Members": [{"Arn": "arn:m", "Name": "M", "AllowNotifications": "SOMETIMES"}],
        "Summary": {},
        "Partial": false
    }));
    let report = Report::from_json(&doc.to_string()).expect("reads");
    let Body::Scan(scan) = report.body else {
        panic!("scan");
    };
    let crate::scan::RowState::Read(lookup) = &scan.rows()[0].state else {
        panic!("read");
    };
    assert_eq!(
        lookup.response.allow(),
        Some(&crate::model::AllowNotifications::Unknown(
            "SOMETIMES".into()
        ))
    );
    assert_eq!(scan.summary().unknown, 1);
}

#[test]
fn hostile_strings_are_kept_as_data_and_errors_about_them_are_clean() {
    let hostile = "eve\u{1b}]0;pwned\u{7}\u{202e}\u{0}|`<x>".to_string() + &"A".repeat(100_000);
    let mut v = small();
    v["Checks"][0]["Finding"] = json!(hostile);
    v["Checks"][0]["Evidence"]["AllowNotifications"] = json!(hostile);
    let report = Report::from_json(&v.to_string()).expect("reads");
    let Body::Diagnosis(d) = report.body else {
        panic!("diagnosis");
    };
    assert_eq!(d.checks[0].finding, hostile, "kept as data");
    let text = diagnosis_text(&d, &Context::default());
    assert!(!text.contains('\u{1b}') && !text.contains('\u{0}') && !text.contains('\u{202e}'));
    let mut v = small();
    v["Checks"][0]["Id"] = json!(hostile);
    let err = error_of(&v.to_string());
    assert!(!err.chars().any(crate::sanitize::is_unsafe), "{err:?}");
    assert!(err.len() < 400, "cut short: {}", err.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the bytes, reading returns; it never panics.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Report::from_slice(&bytes);
    }

    /// A real document of each kind cut anywhere, or with one byte
    /// changed, reads or is refused; it never panics.
    #[test]
    fn cut_and_mutated_documents_never_panic(which in 0usize..3, at in 0usize..100_000, byte in any::<u8>(), cut in any::<bool>()) {
        let text = real_documents()[which].clone().into_bytes();
        let at = at % text.len();
        if cut {
            let _ = Report::from_slice(&text[..at]);
        } else {
            let mut changed = text.clone();
            changed[at] = byte;
            let _ = Report::from_slice(&changed);
        }
    }

    /// Any JSON value in any field of a real document: read or refused.
    #[test]
    fn any_value_in_any_field_never_panics(which in 0usize..3, path in 0usize..10_000, value in json_value()) {
        let mut doc: Value = serde_json::from_str(&real_documents()[which]).expect("JSON");
        let nodes = count(&doc);
        replace_nth(&mut doc, path % nodes, value, &mut 0);
        let _ = Report::from_value(&doc);
    }
}

/// A diagnosis, a member picture and a scan as the printers write them,
/// each with failed calls in it (made once, without network).
fn real_documents() -> &'static [String; 3] {
    static DOCUMENTS: std::sync::OnceLock<[String; 3]> = std::sync::OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        use crate::diagnose::fixtures::{err, healthy, iphone, known, pixel};
        use crate::error::ErrorKind;
        use crate::member::{ChannelRow, MemberParts};
        use crate::model::{ChannelSummary, Member, UserChannelMembership};
        use crate::operation::Operation;
        use crate::scan::{Listing, Row, RowState};
        let ctx = Context::default();
        let mut f = healthy();
        let mut refused = err(Operation::DescribeChannelMembership, ErrorKind::AccessDenied);
        refused.http_status = Some(403);
        refused.message = Some("User: arn:aws:iam::111122223333:user/x is not authorized to perform: chime:DescribeChannelMembership on resource: arn:c".into());
        f.membership = diagnose::Fact::Failed(refused.clone());
        let d = Report {
            subject: subject(ReportKind::Diagnose, "http://127.0.0.1:1"),
            body: Body::Diagnosis(Box::new(evaluate(&f))),
        };
        let read = |allow: &str| {
            RowState::Read(Box::new(super::preferences::lookup(
                None,
                Member::default(),
                Some(crate::model::Preferences {
                    push_notifications: Some(crate::model::PushNotifications {
                        allow: Some(crate::model::AllowNotifications::from_wire(allow)),
                        filter_rule: Some(crate::model::FilterRuleText::new("{\"a\":[\"b\"]}")),
                    }),
                }),
                Some("rid".into()),
                SystemTime::UNIX_EPOCH,
            )))
        };
        let channel = |id: &str, state: RowState| ChannelRow {
            channel: UserChannelMembership {
                channel: Some(ChannelSummary {
                    channel_arn: Some(format!("{APP_INSTANCE_ARN}/channel/{id}")),
                    name: Some(id.into()),
                    ..ChannelSummary::default()
                }),
                ..UserChannelMembership::default()
            },
            state,
        };
        let m = Report {
            subject: subject(ReportKind::Member, "http://127.0.0.1:1"),
            body: Body::Member(Box::new(MemberResults::from_parts(MemberParts {
                member_arn: format!("{APP_INSTANCE_ARN}/user/alice"),
                name: Some("Alice".into()),
                rows: vec![
                    channel("a", read("FILTERED")),
                    channel("b", RowState::Failed(refused.clone())),
                ],
                not_read: 1,
                listing: Listing::Failed(err(Operation::ListChannelMembershipsForAppInstanceUser, ErrorKind::Throttled)),
                done: true,
                throttled: 2,
                devices: known(vec![iphone(), pixel()]),
                setup_checks: evaluate(&healthy()).checks.split_off(6),
            }))),
        };
        let rows = vec![
            Row { member: Member { arn: Some("arn:m1".into()), name: Some("M1".into()) }, state: read("SOMETIMES") },
            Row { member: Member { arn: Some("arn:m2".into()), name: None }, state: RowState::Failed(refused) },
        ];
        let s = Report {
            subject: subject(ReportKind::Scan, "http://127.0.0.1:1"),
            body: Body::Scan(Box::new(ScanResults::from_parts("arn:c", rows, 3, Listing::Capped(5), true))),
        };
        [d.to_json(&ctx), m.to_json(&ctx), s.to_json(&ctx)]
    })
}

#[test]
fn the_real_documents_read_back() {
    for text in real_documents() {
        let report = Report::from_json(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(report.to_json(&Context::default()), *text);
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        "\\PC{0,12}".prop_map(Value::String),
        Just(json!("pass")),
        Just(json!("GetApp")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(("[A-Z][a-z]{0,6}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// How many values a document holds, itself included.
fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// Replace the `n`th value in document order (`count`'s order).
fn replace_nth(v: &mut Value, n: usize, with: Value, seen: &mut usize) -> Option<Value> {
    if *seen == n {
        *seen += 1;
        *v = with;
        return None;
    }
    *seen += 1;
    let mut with = Some(with);
    match v {
        Value::Array(items) => {
            for i in items {
                with = replace_nth(i, n, with?, seen);
            }
        }
        Value::Object(map) => {
            for i in map.values_mut() {
                with = replace_nth(i, n, with?, seen);
            }
        }
        _ => {}
    }
    with
}
