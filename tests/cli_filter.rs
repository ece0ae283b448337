//! The real `chime-prefs filter check` binary: the developer guide's examples
//! in every attribute shape, exit codes, @FILE and stdin, the JSON shape,
//! escaping of hostile input, and that it stays offline.

mod common;

use common::guide::{AND_RULE, EXAMPLES, MENTION_BOB, OR_RULE};
use common::{BIN, stderr, stdout, temp_home as temp_dir};
use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

/// `chime-prefs filter check ARGS` with an empty environment (no AWS
/// settings at all) and `stdin` piped in, or /dev/null.
fn check_with(args: &[&str], stdin: Option<&[u8]>, cwd: Option<&Path>) -> Output {
    // HOME points nowhere: filter check needs no configuration.
    let home = std::env::temp_dir().join("chime-prefs-filter-no-home");
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .args(["filter", "check"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        // The binary may exit without reading (an argument error): ignore EPIPE.
        let _ = pipe.write_all(bytes);
    }
    child.wait_with_output().expect("binary finishes")
}

fn check(args: &[&str]) -> Output {
    check_with(args, None, None)
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(o), stderr(o)))
}

/// Attributes in the three accepted shapes. The one-string shape holds a
/// single value, so it is only offered when every attribute has one.
fn shapes(pairs: &[(&str, &[&str])]) -> Vec<(&'static str, String)> {
    let send_channel_message: serde_json::Map<String, Value> = pairs
        .iter()
        .map(|(k, vs)| (k.to_string(), json!({ "StringValues": vs })))
        .collect();
    let list: serde_json::Map<String, Value> = pairs
        .iter()
        .map(|(k, vs)| (k.to_string(), json!(vs)))
        .collect();
    let mut out = vec![
        (
            "SendChannelMessage",
            Value::Object(send_channel_message).to_string(),
        ),
        ("list", Value::Object(list).to_string()),
    ];
    if pairs.iter().all(|(_, vs)| vs.len() == 1) {
        let single: serde_json::Map<String, Value> = pairs
            .iter()
            .map(|(k, vs)| (k.to_string(), json!(vs[0])))
            .collect();
        out.push(("string", Value::Object(single).to_string()));
    }
    out
}

#[test]
fn a_valid_rule_exits_0_with_the_full_text_report() {
    let out = check(&["--rule", AND_RULE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Valid: yes");
    assert!(
        lines[1].starts_with(
            r#"Description: Push only when attribute type is anything but "Room" AND mention is "Bob"."#
        ),
        "{text}"
    );
    assert_eq!(lines[2], format!("Size: {} of 2048 bytes", AND_RULE.len()));
    assert_eq!(lines[3], "Complexity: 4 of 20");
    assert!(
        text.contains("Rule:\n  {\n    \"type\": [\n      {\n        \"anything-but\": ["),
        "{text}"
    );
    assert!(text.contains("\nFindings: none\n"), "{text}");
    assert!(!text.contains("Verdict"), "no verdict without attributes");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn the_guide_examples_deliver_as_documented_in_every_attribute_shape() {
    let rows = EXAMPLES;
    let mut runs = 0;
    for (rule, pairs, expected) in rows {
        for (shape, attributes) in shapes(pairs) {
            let context = format!("{rule} with {shape} attributes {attributes}");
            let out = check(&[
                "--rule",
                rule,
                "--attributes",
                &attributes,
                "--output",
                "json",
            ]);
            // 0 when it would notify, 1 when not.
            let code = if *expected { 0 } else { 1 };
            assert_eq!(out.status.code(), Some(code), "{context}: {}", stderr(&out));
            let value = json_of(&out);
            assert_eq!(value["Valid"], json!(true), "{context}");
            assert_eq!(value["Verdict"]["Notify"], json!(expected), "{context}");
            let reasons = value["Verdict"]["Reasons"].as_array().expect("reasons");
            assert!(reasons.len() >= 2, "{context}: {reasons:?}");

            let out = check(&["--rule", rule, "--attributes", &attributes]);
            assert_eq!(out.status.code(), Some(code), "{context}: {}", stderr(&out));
            let text = stdout(&out);
            let heading = if *expected {
                "\nVerdict: would notify\n  - "
            } else {
                "\nVerdict: would NOT notify\n  - "
            };
            assert!(text.contains(heading), "{context}:\n{text}");
            runs += 1;
        }
    }
    // Every row in the list and SendChannelMessage shapes, and all but the
    // two-valued one in the one-string shape.
    assert_eq!(runs, rows.len() * 3 - 1);
}

#[test]
fn each_clause_gets_a_reason_in_the_text_verdict() {
    let out = check(&[
        "--rule",
        OR_RULE,
        "--attributes",
        r#"{"mention": "Tom", "type": "Room"}"#,
    ]);
    assert_eq!(out.status.code(), Some(1), "would not notify");
    let text = stdout(&out);
    let verdict = text
        .split("Verdict: would NOT notify\n")
        .nth(1)
        .expect("verdict");
    let reasons: Vec<&str> = verdict.lines().collect();
    assert_eq!(
        reasons,
        [
            r#"  - $or branch 1: mention = "Bob" failed: no value matched (the message has ["Tom"])"#,
            "  - $or branch 1 failed",
            r#"  - $or branch 2: type: anything-but ["Room"] failed: value "Room" is excluded"#,
            "  - $or branch 2 failed",
            "  - $or failed: no branch matched",
        ]
    );
    assert!(
        text.contains("Message attributes:\n  \"mention\": [\"Tom\"]\n  \"type\": [\"Room\"]\n")
    );
}

#[test]
fn invalid_json_exits_2_with_line_and_column() {
    let rule = "{\"mention\": [\"Bob\"]\n  \"type\": [\"x\"]}";
    let out = check(&["--rule", rule]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Valid: no (1 error)\n"), "{text}");
    assert!(
        text.contains("error [invalid-json] at $: not valid JSON at line 2, column 3: "),
        "{text}"
    );
    assert!(
        text.contains("Rule (as given):\n  {\"mention\": [\"Bob\"]\n    \"type\": [\"x\"]}\n"),
        "{text}"
    );

    let out = check(&["--rule", rule, "--attributes", "{}", "--output", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let value = json_of(&out);
    assert_eq!(value["Valid"], json!(false));
    assert_eq!(value["Complexity"], Value::Null);
    assert_eq!(value["Description"], Value::Null);
    assert_eq!(value["Findings"][0]["Code"], json!("invalid-json"));
    assert_eq!(value["Findings"][0]["Severity"], json!("error"));
    let message = value["Findings"][0]["Message"].as_str().expect("message");
    assert!(message.contains("line 2, column 3"), "{message}");
    assert!(
        value.get("Verdict").is_none(),
        "an unparsed rule has no verdict"
    );
}

#[test]
fn rules_over_a_limit_exit_2() {
    let padded = |total: usize| format!("{MENTION_BOB}{}", " ".repeat(total - MENTION_BOB.len()));
    let values = |n: usize| -> String {
        let list: Vec<String> = (0..n).map(|i| format!("\"v{i}\"")).collect();
        format!(r#"{{"m": [{}]}}"#, list.join(","))
    };
    let branches = |n: usize| -> String {
        let list: Vec<String> = (0..n).map(|i| format!(r#"{{"k{i}": ["v"]}}"#)).collect();
        format!(r#"{{"$or": [{}]}}"#, list.join(","))
    };
    let at_limit = [padded(2048), values(19), branches(5)];
    for rule in &at_limit {
        let out = check(&["--rule", rule, "--output", "json"]);
        assert_eq!(out.status.code(), Some(0), "{rule}: {}", stdout(&out));
    }
    let over = [
        (padded(2049), "too-large", "the rule is 2049 bytes"),
        (values(20), "too-complex", "complexity is 21"),
        (branches(6), "too-many-or", "$or has 6 branches"),
    ];
    for (rule, code, words) in &over {
        let out = check(&["--rule", rule, "--output", "json"]);
        assert_eq!(out.status.code(), Some(2), "{code}");
        let value = json_of(&out);
        assert_eq!(value["Valid"], json!(false), "{code}");
        let finding = value["Findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["Code"] == json!(code))
            .unwrap_or_else(|| panic!("no {code}: {value:#}"));
        assert_eq!(finding["Severity"], json!("error"));
        assert!(
            finding["Message"].as_str().unwrap_or("").contains(words),
            "{finding}"
        );

        // Over a limit, the rule is still described and can be tested.
        let out = check(&["--rule", rule, "--attributes", r#"{"m": "v3"}"#]);
        assert_eq!(out.status.code(), Some(2));
        let text = stdout(&out);
        assert!(text.contains("\nDescription: Push "), "{text}");
        assert!(
            text.contains("\nNote: Chime would reject this rule"),
            "{text}"
        );
    }
    let text = stdout(&check(&["--rule", &values(20)]));
    assert!(text.contains("\nComplexity: 21 of 20\n"), "{text}");
    let text = stdout(&check(&["--rule", &padded(2049)]));
    assert!(text.contains("\nSize: 2049 of 2048 bytes\n"), "{text}");
}

#[test]
fn a_double_encoded_rule_exits_2_and_is_described_decoded() {
    let out = check(&[
        "--rule",
        r#""{\"mention\":[\"Bob\"]}""#,
        "--attributes",
        r#"{"mention": "Bob"}"#,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.contains(
            "Description (of the decoded rule): Push only when attribute mention is \"Bob\"."
        ),
        "{text}"
    );
    assert!(text.contains("error [double-encoded] at $: "), "{text}");
    assert!(text.contains("Verdict: would notify"), "{text}");
}

#[test]
fn rule_and_attributes_from_files_and_stdin() {
    let dir = temp_dir("files");
    // An editor's BOM and trailing newline are not part of the rule.
    std::fs::write(dir.join("rule.json"), format!("\u{feff}{OR_RULE}\r\n")).expect("write");
    std::fs::write(dir.join("attrs.json"), "{\"type\": \"Room\"}\n").expect("write");

    let out = check_with(
        &[
            "--rule",
            "@rule.json",
            "--attributes",
            "@attrs.json",
            "--output",
            "json",
        ],
        None,
        Some(&dir),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "would not notify: {}",
        stderr(&out)
    );
    let value = json_of(&out);
    assert_eq!(value["SizeBytes"], json!(OR_RULE.len()));
    assert_eq!(value["Verdict"]["Notify"], json!(false));

    let rule_path = dir.join("rule.json");
    let rule_arg = format!("@{}", rule_path.display());
    let out = check_with(
        &[
            "--rule",
            &rule_arg,
            "--attributes",
            "@-",
            "--output",
            "json",
        ],
        Some(br#"{"mention": {"StringValues": ["Bob"]}}"#),
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["Verdict"]["Notify"], json!(true));

    let out = check_with(
        &["--rule", "@-", "--output", "json"],
        Some(format!("{MENTION_BOB}\n").as_bytes()),
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value = json_of(&out);
    assert_eq!(value["SizeBytes"], json!(MENTION_BOB.len()));
    assert!(value.get("Verdict").is_none());

    // An invalid rule read from stdin is still a finding, not an argument error.
    let out = check_with(&["--rule", "@-"], Some(b"{\"m\": [\n  \"a\",\n"), None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("error [invalid-json] at $: not valid JSON at line 2"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unusable_arguments_exit_2_with_a_clear_message() {
    let dir = temp_dir("unusable");
    std::fs::write(dir.join("empty.json"), "\n").expect("write");
    std::fs::write(dir.join("latin1.json"), b"{\"m\": [\"caf\xe9\"]}").expect("write");
    std::fs::create_dir_all(dir.join("a-dir")).expect("mkdir");
    let mut big = vec![b' '; 1024 * 1024];
    big.extend_from_slice(MENTION_BOB.as_bytes());
    std::fs::write(dir.join("huge.json"), big).expect("write");

    type Case<'a> = (&'a [&'a str], Option<&'a [u8]>, &'a str);
    let cases: &[Case] = &[
        (
            &["--rule", "@missing.json"],
            None,
            "error: --rule @missing.json: cannot open the file: ",
        ),
        (
            &["--rule", "@~/rule.json"],
            None,
            "the shell does not expand ~ after @",
        ),
        (&["--rule", ""], None, "error: --rule is empty"),
        (&["--rule", "  \n "], None, "error: --rule is empty"),
        (
            &["--rule", "@empty.json"],
            None,
            "error: --rule (file empty.json) is empty",
        ),
        (
            &["--rule", "@-"],
            Some(b""),
            "error: --rule (stdin) is empty",
        ),
        (&["--rule", "@"], None, "error: --rule @ needs a file name"),
        (
            &["--rule", "@a-dir"],
            None,
            "error: --rule (file a-dir): cannot read: ",
        ),
        (
            &["--rule", "@latin1.json"],
            None,
            "error: --rule (file latin1.json): not UTF-8 text (invalid byte at offset 11)",
        ),
        (
            &["--rule", "@huge.json"],
            None,
            "error: --rule (file huge.json): more than 1024 KiB",
        ),
        (
            &["--rule", MENTION_BOB, "--attributes", r#"{"mention": 5}"#],
            None,
            "error: --attributes: message attributes at $.mention: an attribute's value must be \
             a string, a list of strings or {\"StringValues\": [...]}, got a number",
        ),
        (
            &["--rule", MENTION_BOB, "--attributes", "{\"mention\": "],
            None,
            "error: --attributes: message attributes are not valid JSON at line 1, column 12",
        ),
        (
            &["--rule", MENTION_BOB, "--attributes", r#"["Bob"]"#],
            None,
            "must be a JSON object",
        ),
        (
            &["--rule", MENTION_BOB, "--attributes", r#"{"mention": []}"#],
            None,
            "at least one value",
        ),
        (
            &["--rule", MENTION_BOB, "--attributes", ""],
            None,
            "error: --attributes is empty",
        ),
        (
            &["--rule", MENTION_BOB, "--attributes", "@-"],
            Some(b"{\"k\": {\"Values\": [\"a\"]}}"),
            "error: --attributes (stdin): message attributes at $.k.Values: unknown field",
        ),
        (
            &["--rule", "@-", "--attributes", "@-"],
            Some(MENTION_BOB.as_bytes()),
            "--rule and --attributes cannot both read stdin",
        ),
        (&[], None, "--rule <RULE|@FILE>"),
        (
            &["--rule", MENTION_BOB, "--output", "yaml"],
            None,
            "invalid value 'yaml'",
        ),
    ];
    for (args, stdin, words) in cases {
        let out = check_with(args, *stdin, Some(&dir));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
        assert!(stderr(&out).contains(words), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn json_output_has_the_documented_shape() {
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    let out = check(&["--rule", r#"{"m": ["a"], "m": ["b"]}"#, "--output", "json"]);
    assert_eq!(out.status.code(), Some(0), "a warning keeps the rule valid");
    let value = json_of(&out);
    assert_eq!(
        keys(&value),
        [
            "Valid",
            "SizeBytes",
            "Complexity",
            "Description",
            "Findings"
        ]
    );
    assert_eq!(value["Valid"], json!(true));
    assert_eq!(value["SizeBytes"], json!(24));
    assert_eq!(value["Complexity"], json!(2));
    assert!(
        value["Description"]
            .as_str()
            .is_some_and(|d| d.starts_with("Push only"))
    );
    let finding = &value["Findings"][0];
    assert_eq!(keys(finding), ["Severity", "Code", "Message", "Path"]);
    assert_eq!(finding["Severity"], json!("warning"));
    assert_eq!(finding["Code"], json!("duplicate-key"));
    assert_eq!(finding["Path"], json!("$.m"));

    let out = check(&[
        "--rule",
        MENTION_BOB,
        "--attributes",
        r#"{"mention": "Bob"}"#,
        "--output",
        "json",
    ]);
    let value = json_of(&out);
    assert_eq!(
        keys(&value),
        [
            "Valid",
            "SizeBytes",
            "Complexity",
            "Description",
            "Findings",
            "Verdict"
        ]
    );
    assert_eq!(value["Findings"], json!([]));
    assert_eq!(keys(&value["Verdict"]), ["Notify", "Reasons"]);
    assert_eq!(
        value["Verdict"],
        json!({"Notify": true, "Reasons": ["mention = \"Bob\" matched value \"Bob\"", "→ notify"]})
    );
    assert!(stdout(&out).ends_with("}\n"));
}

#[test]
fn hostile_characters_are_escaped_in_text_and_never_raw_in_json() {
    let dir = temp_dir("hostile");
    // A valid rule may carry bidi overrides and C1 controls raw, and ESC
    // escaped; an invalid one can carry anything raw.
    let valid = "{\"k\u{202e}\u{9b}\": [\"\\u001b]0;pwned\\u0007\", \"x\u{200f}\u{7f}\"]}";
    let broken = "{\"k\": [\"\u{1b}[2J\u{7}\u{202e}\"\n\u{1b}]0;t\u{7}";
    let attributes = "{\"k\u{202e}\u{9b}\": \"\\u001b[31m\", \"n\u{2066}\": [\"\u{9b}\"]}";
    std::fs::write(dir.join("valid.json"), valid).expect("write");
    std::fs::write(dir.join("broken.json"), broken).expect("write");
    std::fs::write(dir.join("attrs.json"), attributes).expect("write");
    let unsafe_char = |c: char| {
        c.is_control() && c != '\n'
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}'
                | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    };
    for rule in ["@valid.json", "@broken.json"] {
        let args = ["--rule", rule, "--attributes", "@attrs.json"];
        let out = check_with(&args, None, Some(&dir));
        // Invalid: 2; valid, and the hostile attributes do not match: 1.
        let code = if rule == "@broken.json" { 2 } else { 1 };
        assert_eq!(out.status.code(), Some(code));
        let text = stdout(&out);
        assert!(!text.chars().any(unsafe_char), "{rule}: {text:?}");
        assert!(text.contains("\\u{202e}"), "{rule}: {text}");

        let out = check_with(
            &[&args[..], &["--output", "json"]].concat(),
            None,
            Some(&dir),
        );
        let json = stdout(&out);
        assert!(!json.chars().any(unsafe_char), "{rule}: {json:?}");
        let value: Value = serde_json::from_str(&json).expect("still JSON");
        if rule == "@valid.json" {
            // The escapes are JSON's: the strings themselves are unchanged.
            let description = value["Description"].as_str().expect("description");
            assert!(description.contains("k\u{202e}\u{9b}"), "{description:?}");
        }
    }
    let text = stdout(&check_with(
        &["--rule", "@valid.json", "--attributes", "@attrs.json"],
        None,
        Some(&dir),
    ));
    assert!(
        text.contains("\"k\\u{202e}\\x9b\": [\"\\u001b[31m\"]"),
        "{text}"
    );
}

#[test]
fn it_never_calls_aws() {
    // A listener where an AWS call would go; filter check must not even
    // build a client, so nothing connects, whatever the AWS settings say.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let home = temp_dir("offline");
    std::fs::write(home.join("aws-config"), "[profile broken\nnot ini at all").expect("write");
    let out = Command::new(BIN)
        .env_clear()
        .env("HOME", &home)
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_ENDPOINT_URL", &url)
        .env("AWS_PROFILE", "nope")
        .env("AWS_REGION", "us-east-1")
        .args(["filter", "check", "--rule", MENTION_BOB])
        .args(["--attributes", r#"{"mention": "Bob"}"#])
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Verdict: would notify"));
    // AWS flags would be ignored here, so they are refused, before or
    // after the sub-command, and nothing runs.
    for args in [
        &[
            "--endpoint-url",
            url.as_str(),
            "filter",
            "check",
            "--rule",
            MENTION_BOB,
        ][..],
        &[
            "--profile",
            "nope",
            "filter",
            "check",
            "--rule",
            MENTION_BOB,
        ],
        &["--timeout", "1", "filter", "check", "--rule", MENTION_BOB],
        &[
            "filter",
            "check",
            "--rule",
            MENTION_BOB,
            "--region",
            "us-east-1",
        ],
    ] {
        let out = Command::new(BIN)
            .env_clear()
            .env("HOME", &home)
            .args(args)
            .output()
            .expect("binary runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
        let flag = args.iter().find(|a| a.starts_with("--") && **a != "--rule");
        assert!(
            flag.is_some_and(|f| stderr(&out).contains(f)),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("something connected: {other:?}"),
    }
}

#[test]
fn a_rule_file_named_without_its_at_gets_a_hint() {
    let dir = temp_dir("no-at");
    std::fs::write(dir.join("rule.json"), MENTION_BOB).expect("write");
    let out = check_with(&["--rule", "rule.json"], None, Some(&dir));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "hint: --rule takes JSON text; to read the file rule.json, write --rule @rule.json"
        ),
        "{}",
        stderr(&out)
    );
    // With the @, the file is read and no hint is given.
    let out = check_with(&["--rule", "@rule.json"], None, Some(&dir));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    // The same for --attributes.
    std::fs::write(dir.join("attrs.json"), r#"{"mention": "Bob"}"#).expect("write");
    let out = check_with(
        &["--rule", MENTION_BOB, "--attributes", "attrs.json"],
        None,
        Some(&dir),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("write --attributes @attrs.json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unparsable_rule_is_said_to_be_so_once() {
    let out = check(&[
        "--rule",
        r#"{"mention": ["frank""#,
        "--attributes",
        r#"{"mention": "frank"}"#,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert_eq!(text.matches("not valid JSON").count(), 1, "{text}");
    assert!(!text.contains("did not parse"), "{text}");
    assert!(
        text.contains("Verdict: not evaluated (fix the error above first)."),
        "{text}"
    );
}
