//! The three renderings of each kind of report: JSON leads with the
//! subject and streams the same bytes as the whole value; text names the
//! subject; Markdown keeps hostile server text inert (tables keep their
//! columns, no HTML, no link, no control character).

use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::arn::{Field, parse_member};
use crate::diagnose::{EndpointFact, Event, Fact, evaluate};
use crate::error::{CallError, ErrorKind};
use crate::explain::Context;
use crate::member::{MemberEvent, MemberRequest, MemberResults};
use crate::model::{ChannelSummary, Member, MembershipType, UserChannelMembership};
use crate::operation::Operation;
use crate::output::json::to_aws_cli_text;
use crate::report::{Body, Report, ReportKind, Subject};
use crate::scan::fixtures::read;
use crate::scan::{MemberOutcome, ScanEvent, ScanResults};

const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";

/// Everything a name could use to break out of a Markdown table cell or
/// a terminal line.
const HOSTILE: &str =
    "Eve | `tick` <script>alert(1)</script> [x](http://evil) ](\nrow2 \u{1b}[2J <img src=x>";

fn member_arn() -> String {
    format!("{APP}/user/eve")
}

fn channel_arn(id: &str) -> String {
    format!("{APP}/channel/{id}")
}

fn subject(kind: ReportKind) -> Subject {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_000_000);
    let mut s = Subject::new(kind, at);
    s.region = Some("us-east-1".into());
    s.endpoint_url = Some("http://127.0.0.1:4566".into());
    s.profile = Some("support".into());
    match kind {
        ReportKind::Diagnose => {
            s.channel_arn = Some(channel_arn("support"));
            s.member_arn = Some(member_arn());
            s.admin_arn = Some(format!("{APP}/user/admin"));
        }
        ReportKind::Member => s.member_arn = Some(member_arn()),
        ReportKind::Scan => {
            s.channel_arn = Some(channel_arn("support"));
            s.bearer_arn = Some(format!("{APP}/user/admin"));
        }
    }
    s.member_name = Some(HOSTILE.into());
    s
}

fn hostile_error(operation: Operation) -> CallError {
    let mut err = CallError::new(operation, ErrorKind::Forbidden);
    err.http_status = Some(403);
    err.message = Some(HOSTILE.into());
    err.request_id = Some("rid|`<x>`".into());
    err
}

/// A read with a hostile member name, a request id, and a rule.
fn read_with(allow: &str, rule: Option<&str>) -> MemberOutcome {
    let MemberOutcome::Read(mut lookup) = read(Some(allow), rule) else {
        return read(Some(allow), rule);
    };
    lookup.response.member = Some(Member {
        arn: Some(member_arn()),
        name: Some(HOSTILE.into()),
    });
    lookup.meta.request_id = Some("req-1".into());
    MemberOutcome::Read(lookup)
}

const LONG_RULE: &str =
    r#"{"mention": ["</script><script>alert(1)</script>", "[x](http://evil)", "a|b", "`x`"]}"#;

fn member_report() -> Report {
    let member = parse_member(&member_arn(), Field::Member).expect("ARN");
    let request = MemberRequest::new(&member, member_arn());
    let mut results = MemberResults::new(&request);
    let channel = |id: &str| UserChannelMembership {
        channel: Some(ChannelSummary {
            channel_arn: Some(channel_arn(id)),
            name: Some(HOSTILE.into()),
            mode: None,
            privacy: None,
            last_message: None,
        }),
        kind: Some(MembershipType::Unknown(HOSTILE.into())),
        read_marker: None,
        sub_channel_id: None,
    };
    results.apply(MemberEvent::Listed {
        channels: vec![channel("a"), channel("b"), channel("c"), channel("d")],
    });
    results.apply(MemberEvent::Finished {
        index: 0,
        outcome: read_with("FILTERED", Some(LONG_RULE)),
    });
    results.apply(MemberEvent::Finished {
        index: 1,
        outcome: read_with("FILTERED", Some("{\"a\": [\"|<`\"]}")),
    });
    results.apply(MemberEvent::Finished {
        index: 2,
        outcome: MemberOutcome::Failed(hostile_error(Operation::GetChannelMembershipPreferences)),
    });
    results.apply(MemberEvent::Finished {
        index: 3,
        outcome: read_with(HOSTILE, None),
    });
    results.apply(MemberEvent::ListingComplete { total: 4 });
    results.apply(MemberEvent::Devices(Event::Endpoints(Fact::known(
        vec![EndpointFact {
            name: Some(HOSTILE.into()),
            ..crate::diagnose::fixtures::iphone()
        }],
        Some("req-devices".into()),
    ))));
    results.apply(MemberEvent::Done);
    Report {
        subject: subject(ReportKind::Member),
        body: Body::Member(Box::new(results)),
    }
}

fn scan_report(done: bool) -> Report {
    let mut results = ScanResults::new(channel_arn("support"));
    let member = |id: &str| Member {
        arn: Some(format!("{APP}/user/{id}")),
        name: Some(HOSTILE.into()),
    };
    results.apply(ScanEvent::Listed {
        members: vec![member("a"), member("b"), member("c"), member("d")],
    });
    results.apply(ScanEvent::Finished {
        index: 0,
        outcome: read_with("FILTERED", Some(LONG_RULE)),
    });
    results.apply(ScanEvent::Finished {
        index: 1,
        outcome: MemberOutcome::Failed(hostile_error(Operation::GetChannelMembershipPreferences)),
    });
    results.apply(ScanEvent::Finished {
        index: 2,
        outcome: read_with("ALL", None),
    });
    if done {
        results.apply(ScanEvent::Finished {
            index: 3,
            outcome: read_with("NONE", None),
        });
        results.apply(ScanEvent::ListingComplete { total: 4 });
        results.apply(ScanEvent::Done);
    }
    Report {
        subject: subject(ReportKind::Scan),
        body: Body::Scan(Box::new(results)),
    }
}

fn diagnosis_report(interrupted: bool) -> Report {
    use crate::diagnose::fixtures::*;
    let mut facts = healthy();
    facts.scope.member_arn = member_arn();
    facts.endpoints = known(vec![EndpointFact {
        name: Some(HOSTILE.into()),
        ..iphone()
    }]);
    facts.membership = Fact::Failed(hostile_error(Operation::DescribeChannelMembership));
    let mut r = role();
    r.trust_policy = Some(format!(
        "{{\"Statement\": [{{\"Sid\": {}, \"Effect\": \"Allow\"}}]}}",
        serde_json::to_string(&format!("```\n{HOSTILE}")).unwrap_or_default()
    ));
    facts.role = known(Some(r));
    let mut d = evaluate(&facts);
    d.interrupted = interrupted;
    Report {
        subject: subject(ReportKind::Diagnose),
        body: Body::Diagnosis(Box::new(d)),
    }
}

fn reports() -> Vec<(&'static str, Report)> {
    vec![
        ("diagnose", diagnosis_report(false)),
        ("diagnose interrupted", diagnosis_report(true)),
        ("member", member_report()),
        ("scan", scan_report(true)),
        ("scan partial", scan_report(false)),
    ]
}

/// Whether the character at `i` of `chars` is backslash-escaped (an odd
/// run of backslashes before it).
fn escaped(chars: &[char], i: usize) -> bool {
    chars[..i].iter().rev().take_while(|c| **c == '\\').count() % 2 == 1
}

/// The unescaped `|` of a table row (GFM counts `\|` inside a code span as
/// part of the cell too).
fn pipes(line: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len())
        .filter(|&i| chars[i] == '|' && !escaped(&chars, i))
        .count()
}

/// Why `md` is not inert: a table row with another number of cells than
/// its header, an unescaped `<`, `[`, `]` outside code, or a control
/// character. `Ok` when it is.
fn inert(md: &str) -> Result<(), String> {
    if let Some(c) = md.chars().find(|c| c.is_control() && *c != '\n') {
        return Err(format!("control character {c:?}"));
    }
    let mut fence: Option<String> = None;
    let mut header_pipes: Option<usize> = None;
    for line in md.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) && trimmed.trim_end().chars().all(|c| c == '`') {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some(trimmed.chars().take_while(|c| *c == '`').collect());
            continue;
        }
        if line.starts_with('|') {
            let n = pipes(line);
            match header_pipes {
                None => header_pipes = Some(n),
                Some(h) if h != n => return Err(format!("{n} pipes, header {h}: {line}")),
                Some(_) => {}
            }
        } else {
            header_pipes = None;
        }
        // Outside code spans, every character that could open HTML or a
        // link is escaped.
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '`' && !escaped(&chars, i) {
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|c| **c == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                match close {
                    Some(j) => i = j + run,
                    None => return Err(format!("an unclosed code span: {line}")),
                }
                continue;
            }
            if matches!(chars[i], '<' | '[' | ']') && !escaped(&chars, i) {
                return Err(format!("raw {:?} at {i}: {line}", chars[i]));
            }
            i += 1;
        }
    }
    if fence.is_some() {
        return Err("an unclosed fence".into());
    }
    Ok(())
}

#[test]
fn hostile_server_text_cannot_break_the_markdown() {
    for (label, report) in reports() {
        let md = report.to_markdown(&Context::default());
        if let Err(why) = inert(&md) {
            panic!("{label}: {why}\n{md}");
        }
        // The newline in the name did not start a line of its own.
        assert!(!md.lines().any(|l| l.starts_with("row2")), "{label}: {md}");
        assert!(!md.contains("<script>") || md.contains('`'), "{label}");
        assert!(
            md.contains("\\<script\\>"),
            "{label}: the name is shown: {md}"
        );
    }
}

#[test]
fn the_inert_check_catches_what_it_must() {
    assert!(inert("| a | b |\n| --- | --- |\n| x | y | z |\n").is_err());
    assert!(inert("a <b> c").is_err());
    assert!(inert("[x](http://evil)").is_err());
    assert!(inert("`<b>` \\[x\\]").is_ok());
    assert!(inert("a\u{1b}b").is_err());
    assert!(inert("```\n<b>\n```\n").is_ok());
}

#[test]
fn each_markdown_has_its_heading_summary_and_subject() {
    let md = diagnosis_report(false).to_markdown(&Context::default());
    assert!(
        md.starts_with("# Would a push reach Eve \\| \\`tick\\` \\<script\\>"),
        "{md}"
    );
    assert!(md.contains("(`user/eve`) on `support`? UNKNOWN"), "{md}");
    assert!(md.contains("## Checks\n\n| Status | Check |"), "{md}");
    assert!(md.contains("**Would a push arrive? UNKNOWN:**"), "{md}");
    assert!(
        md.contains("- **Member:** Eve \\|") && md.contains(&format!("`{}`", member_arn())),
        "{md}"
    );
    assert!(md.contains("- **Ban checked by:** `"), "{md}");
    assert!(
        md.contains("- **Captured:** `2026-11-30T00:53:20Z`"),
        "{md}"
    );
    assert!(md.contains("- **Profile:** `support`"), "{md}");
    assert!(md.contains("## Check by hand"), "{md}");
    // The trust policy is a fenced block whose fence outgrows the
    // backticks inside.
    assert!(md.contains("  ````json\n"), "{md}");
    let interrupted = diagnosis_report(true).to_markdown(&Context::default());
    assert!(interrupted.contains("**Interrupted**"), "{interrupted}");

    let md = member_report().to_markdown(&Context::default());
    assert!(md.starts_with("# Channels of Eve \\|"), "{md}");
    assert!(md.contains("**Summary:** "), "{md}");
    // The long rule is under the table, the short one in its cell.
    assert!(md.contains("### Filter rules\n\n- "), "{md}");
    assert!(md.contains("| (below) |"), "{md}");
    assert!(md.contains("``{\"a\":[\"\\|<`\"]}``"), "{md}");
    assert!(md.contains("### Errors\n\n- "), "{md}");
    assert!(md.contains("request id `` rid\\|`<x>` ``"), "{md}");
    assert!(md.contains("## Devices"), "{md}");
    assert!(
        md.contains("## Next steps\n\n- The full explanation"),
        "{md}"
    );

    let md = scan_report(false).to_markdown(&Context::default());
    assert!(md.starts_with("# Members of `support`"), "{md}");
    assert!(
        md.contains(
            "**Partial output:** interrupted (Ctrl\\-C or SIGTERM): read 3 of at least 4 members."
        ),
        "{md}"
    );
    assert!(md.contains("- **Listed by:** `"), "{md}");
}

#[test]
fn json_leads_with_the_report_object_and_keeps_every_key() {
    let ctx = Context::default();
    for (label, report) in reports() {
        let text = report.to_json(&ctx);
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{label}: {e}"));
        let keys: Vec<&str> = doc
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys.first().copied(), Some("Report"), "{label}");
        assert_eq!(doc["Report"]["Format"], "chime-prefs/1", "{label}");
        assert_eq!(
            Subject::from_document(&doc).as_ref(),
            Ok(&report.subject),
            "{label}"
        );
        // The command's own document follows, keys in their order, and
        // the stream is the whole value's bytes.
        let body = match &report.body {
            Body::Diagnosis(d) => crate::output::diagnosis::diagnosis_value(d, &ctx),
            Body::Member(m) => crate::member::json::member_value(m, &ctx),
            Body::Scan(s) => crate::scan::json::scan_value(s, &ctx),
        };
        let body_keys: Vec<String> = body
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        assert_eq!(keys[1..], body_keys, "{label}");
        let mut whole = to_aws_cli_text(&report.subject.wrap(body));
        whole.push('\n');
        assert_eq!(text, whole, "{label}");
    }
    let doc: Value =
        serde_json::from_str(&diagnosis_report(true).to_json(&ctx)).unwrap_or_default();
    assert_eq!(doc["Interrupted"], true);
    let doc: Value =
        serde_json::from_str(&diagnosis_report(false).to_json(&ctx)).unwrap_or_default();
    assert!(doc.get("Interrupted").is_none());
}

#[test]
fn text_names_the_subject_and_keeps_the_verdict_first() {
    let ctx = Context::default();
    let text = diagnosis_report(false).to_text(&ctx);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("Would a push arrive? UNKNOWN"),
        "{text}"
    );
    assert!(lines[1].starts_with("Member:"), "{text}");
    assert!(lines[1].ends_with(&format!("  {}", member_arn())), "{text}");
    assert!(lines[1].contains("Eve | `tick` <script>"), "{text}");
    assert!(lines[1].contains("\\nrow2 \\e[2J"), "one line: {text}");
    for label in [
        "Channel:",
        "Ban checked by:",
        "Region:",
        "Endpoint:",
        "Profile:",
    ] {
        assert!(text.contains(&format!("\n{label} ")), "{label}: {text}");
    }
    assert!(
        text.contains("Captured:        2026-11-30T00:53:20Z, chime-prefs "),
        "{text}"
    );
    for (label, report) in reports() {
        let text = report.to_text(&ctx);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{label}: {text:?}"
        );
    }
    let text = member_report().to_text(&ctx);
    assert!(text.starts_with("Member:    Eve |"), "{text}");
    assert!(text.contains("\n\nCHANNEL "), "{text}");
    let text = scan_report(true).to_text(&ctx);
    assert!(text.starts_with(&format!("Channel:    {}\n", channel_arn("support"))));
    assert!(
        text.contains(&format!("\nListed by:  {APP}/user/admin\n")),
        "{text}"
    );
    assert!(text.contains("\n\nMEMBER "), "{text}");
}

#[test]
fn a_reopened_report_prints_its_commands_with_the_runs_flags() {
    let report = member_report();
    let info = report.subject.client_info();
    let ctx = report.subject.context(&info);
    let md = report.to_markdown(&ctx);
    assert!(
        md.contains("`chime-prefs --profile support --endpoint-url http://127.0.0.1:4566 get "),
        "{md}"
    );
}
