//! Table and property tests for `chime_prefs::filter`: the documented
//! examples of the Chime SDK developer guide, one row per lint code, the
//! limits at their boundaries, and properties over generated input.

mod common;

use chime_prefs::filter::{
    Attributes, AttributesError, CheckReport, Clause, Condition, Expr, Finding, LintReport,
    ParseError, Rule, Severity, Verdict, check, describe, evaluate, lint, lint_preferences, parse,
    parse_attributes, pretty,
};
use common::guide::{AND_RULE, EXAMPLES, MENTION_BOB, NOT_ROOM, OR_RULE};
use proptest::prelude::*;
use serde_json::{Value, json};

fn attrs(pairs: &[(&str, &[&str])]) -> Attributes {
    pairs
        .iter()
        .map(|(k, vs)| (*k, vs.iter().map(|v| v.to_string()).collect()))
        .collect()
}

fn verdict(rule: &str, pairs: &[(&str, &[&str])]) -> Verdict {
    let rule = parse(rule).unwrap_or_else(|e| panic!("{rule}: {e}"));
    evaluate(&rule, &attrs(pairs))
}

fn finding<'a>(report: &'a LintReport, code: &str) -> &'a Finding {
    report
        .findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:#?}", report.findings))
}

// ---------------------------------------------------------------- examples

#[test]
fn documented_examples_deliver_as_the_guide_says() {
    let rows = EXAMPLES;
    for (rule, pairs, expected) in rows {
        let v = verdict(rule, pairs);
        assert_eq!(
            v.notify, *expected,
            "{rule} with {pairs:?}: {:#?}",
            v.reasons
        );
        let last = v.reasons.last().map(String::as_str);
        assert_eq!(
            last,
            Some(if *expected {
                "→ notify"
            } else {
                "→ no push"
            })
        );
    }
}

#[test]
fn assumed_semantics_follow_sns() {
    type Row<'a> = (&'a str, &'a [(&'a str, &'a [&'a str])], bool);
    let rows: &[Row] = &[
        // A missing attribute matches no condition, inclusive or exclusive.
        (MENTION_BOB, &[], false),
        (NOT_ROOM, &[], false),
        (NOT_ROOM, &[("mention", &["Bob"])], false),
        // Multi-valued anything-but: any value not excluded is enough.
        (NOT_ROOM, &[("type", &["Room", "Conversation"])], true),
        (NOT_ROOM, &[("type", &["Room", "Room"])], false),
        // Conditions in one list are ORed, even mixed.
        (
            r#"{"k": ["a", {"anything-but": ["b"]}]}"#,
            &[("k", &["b"])],
            false,
        ),
        (
            r#"{"k": ["b", {"anything-but": ["b"]}]}"#,
            &[("k", &["b"])],
            true,
        ),
        // Siblings of $or are ANDed with it.
        (
            r#"{"a": ["1"], "$or": [{"b": ["2"]}]}"#,
            &[("b", &["2"])],
            false,
        ),
        (
            r#"{"a": ["1"], "$or": [{"b": ["2"]}]}"#,
            &[("a", &["1"]), ("b", &["2"])],
            true,
        ),
        // An empty rule matches everything.
        ("{}", &[], true),
    ];
    for (rule, pairs, expected) in rows {
        let v = verdict(rule, pairs);
        assert_eq!(
            v.notify, *expected,
            "{rule} with {pairs:?}: {:#?}",
            v.reasons
        );
    }
}

#[test]
fn sender_example_and_its_doc_slip() {
    // The guide's rule keys on "type" but its message carries the sender in
    // "senderId": under SNS semantics nobody gets that message pushed.
    let guide = r#"{"type":[{"anything-but": ["USER_ARN"]}]}"#;
    let message = attrs(&[("senderId", &["USER_ARN"])]);
    let report = check(guide, Some(&message));
    let v = report.verdict.as_ref().expect("verdict");
    assert!(!v.notify);
    assert!(
        v.reasons[0].contains("attribute missing from the message"),
        "{v:?}"
    );
    let hint = report
        .findings
        .iter()
        .find(|f| f.code == "attribute-name-mismatch")
        .expect("hint");
    assert_eq!(hint.path, "$.type");
    assert!(hint.message.contains("\"senderId\""), "{}", hint.message);

    let fixed = r#"{"senderId":[{"anything-but": ["USER_ARN"]}]}"#;
    assert!(!verdict(fixed, &[("senderId", &["USER_ARN"])]).notify);
    assert!(verdict(fixed, &[("senderId", &["OTHER_ARN"])]).notify);
}

#[test]
fn name_differing_only_in_case_or_separators_is_hinted() {
    let report = check(
        r#"{"sender_id": ["x"], "$or": [{"Mention": ["Bob"]}]}"#,
        Some(&attrs(&[("senderId", &["y"]), ("mention", &["Bob"])])),
    );
    let paths: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "attribute-name-mismatch")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(paths, ["$.sender_id", "$[\"$or\"][0].Mention"]);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.code != "attribute-name-mismatch" || f.severity == Severity::Warning)
    );
    // Without attributes there is nothing to compare against.
    assert!(!lint(r#"{"sender_id": ["x"]}"#).has("attribute-name-mismatch"));
}

// ------------------------------------------------------- describe, reasons

#[test]
fn describe_documented_examples() {
    let rows = [
        (MENTION_BOB, r#"Push only when attribute mention is "Bob"."#),
        (
            AND_RULE,
            r#"Push only when attribute type is anything but "Room" AND mention is "Bob"."#,
        ),
        (
            OR_RULE,
            r#"Push when any of: (1) mention is "Bob"; (2) type is anything but "Room"."#,
        ),
        (
            r#"{"mention": ["Bob", "Alice"]}"#,
            r#"Push only when attribute mention is one of "Bob", "Alice"."#,
        ),
    ];
    for (rule, first_sentence) in rows {
        let text = describe(&parse(rule).unwrap());
        assert!(text.starts_with(first_sentence), "{text}");
        assert!(text.contains("a message without one of these attributes gets no push"));
    }
    let text = describe(&parse(NOT_ROOM).unwrap());
    assert!(
        text.contains("anything-but passes when any one value is not excluded"),
        "{text}"
    );
    assert!(!describe(&parse(MENTION_BOB).unwrap()).contains("anything-but"));
    assert!(describe(&parse("{}").unwrap()).starts_with("Push every message"));
}

#[test]
fn evaluate_reasons_for_documented_examples() {
    let v = verdict(MENTION_BOB, &[("mention", &["Bob", "Alice"])]);
    assert_eq!(
        v.reasons,
        [r#"mention = "Bob" matched value "Bob""#, "→ notify"]
    );

    let v = verdict(MENTION_BOB, &[("mention", &["Tom"])]);
    assert_eq!(
        v.reasons,
        [
            r#"mention = "Bob" failed: no value matched (the message has ["Tom"])"#,
            "→ no push"
        ]
    );

    let v = verdict(NOT_ROOM, &[("type", &["Room"])]);
    assert_eq!(
        v.reasons,
        [
            r#"type: anything-but ["Room"] failed: value "Room" is excluded"#,
            "→ no push"
        ]
    );

    let v = verdict(NOT_ROOM, &[("type", &["Conversation"])]);
    assert_eq!(
        v.reasons[0],
        r#"type: anything-but ["Room"] matched: value "Conversation" is not excluded"#
    );

    let v = verdict(NOT_ROOM, &[("type", &["Room", "Chat"])]);
    assert!(
        v.reasons[0].contains("multi-valued anything-but: assumed"),
        "{v:?}"
    );

    let v = verdict(AND_RULE, &[("type", &["Conversation"])]);
    assert_eq!(
        v.reasons[1],
        "mention: attribute missing from the message (assumed, as in SNS filter policies: a \
         missing attribute matches no condition)"
    );

    let v = verdict(OR_RULE, &[("type", &["Conversation"])]);
    assert!(
        v.reasons.contains(&"$or branch 1 failed".to_string()),
        "{v:?}"
    );
    assert!(
        v.reasons.contains(&"$or branch 2 matched".to_string()),
        "{v:?}"
    );
    assert!(
        v.reasons
            .iter()
            .any(|r| r.starts_with("$or branch 2: type: anything-but"))
    );
    assert_eq!(v.reasons.last().unwrap(), "→ notify");

    let v = verdict(OR_RULE, &[("mention", &["Tom"]), ("type", &["Room"])]);
    assert!(
        v.reasons
            .contains(&"$or failed: no branch matched".to_string())
    );
    // One line per clause, per branch outcome, the $or outcome and the end.
    assert_eq!(v.reasons.len(), 2 + 2 + 1 + 1);
}

// --------------------------------------------------------------- lint codes

fn big_or(branches: usize) -> String {
    let items: Vec<String> = (0..branches)
        .map(|i| format!(r#"{{"k{i}": ["v"]}}"#))
        .collect();
    format!(r#"{{"$or": [{}]}}"#, items.join(", "))
}

fn one_key_with_values(values: usize) -> String {
    let items: Vec<String> = (0..values).map(|i| format!("\"v{i}\"")).collect();
    format!(r#"{{"k": [{}]}}"#, items.join(","))
}

#[test]
fn every_lint_code_has_its_severity_and_path() {
    use Severity::{Error, Info, Warning};
    let too_large = format!("{MENTION_BOB}{}", " ".repeat(2048));
    let long_key = "k".repeat(65);
    let long_key_path = format!("$.{long_key}");
    let rows: Vec<(&str, String, Severity, &str)> = vec![
        (
            "invalid-json",
            r#"{"mention": ["Bob",]}"#.into(),
            Error,
            "$",
        ),
        ("not-an-object", r#"["Bob"]"#.into(), Error, "$"),
        ("too-large", too_large, Error, "$"),
        ("too-complex", one_key_with_values(20), Error, "$"),
        ("too-many-or", big_or(6), Error, "$[\"$or\"]"),
        (
            "unsupported-operator",
            r#"{"m": [{"prefix": "Bo"}]}"#.into(),
            Error,
            "$.m[0].prefix",
        ),
        ("non-string-value", r#"{"m": [5]}"#.into(), Error, "$.m[0]"),
        ("empty-condition-list", r#"{"m": []}"#.into(), Error, "$.m"),
        (
            "nested-or",
            r#"{"$or": [{"$or": [{"a": ["1"]}]}]}"#.into(),
            Error,
            "$[\"$or\"][0][\"$or\"]",
        ),
        (
            "double-encoded",
            r#""{\"mention\":[\"Bob\"]}""#.into(),
            Error,
            "$",
        ),
        ("empty-rule", "{}".into(), Warning, "$"),
        (
            "empty-rule",
            r#"{"$or": [{}]}"#.into(),
            Warning,
            "$[\"$or\"][0]",
        ),
        ("empty-or", r#"{"$or": []}"#.into(), Error, "$[\"$or\"]"),
        (
            "or-not-a-list",
            r#"{"$or": {"a": ["1"]}}"#.into(),
            Error,
            "$[\"$or\"]",
        ),
        (
            "not-an-object",
            r#"{"$or": [["a"]]}"#.into(),
            Error,
            "$[\"$or\"][0]",
        ),
        (
            "condition-not-a-list",
            r#"{"m": "Bob"}"#.into(),
            Error,
            "$.m",
        ),
        (
            "condition-not-a-list",
            r#"{"t": [{"anything-but": "Room"}]}"#.into(),
            Error,
            "$.t[0][\"anything-but\"]",
        ),
        (
            "duplicate-value",
            r#"{"m": ["Bob", "Bob"]}"#.into(),
            Info,
            "$.m[1]",
        ),
        (
            "duplicate-key",
            r#"{"m": ["a"], "m": ["b"]}"#.into(),
            Warning,
            "$.m",
        ),
        (
            "invalid-key-length",
            format!(r#"{{"{long_key}": ["x"]}}"#),
            Warning,
            &long_key_path,
        ),
        (
            "invalid-value-length",
            r#"{"m": [""]}"#.into(),
            Warning,
            "$.m[0]",
        ),
        (
            "unknown-operator-key",
            r#"{"$and": ["x"]}"#.into(),
            Warning,
            "$[\"$and\"]",
        ),
    ];
    for (code, text, severity, path) in rows {
        let report = lint(&text);
        let f = finding(&report, code);
        assert_eq!(
            (f.severity, f.path.as_str()),
            (severity, path),
            "{code}: {text}"
        );
        assert_eq!(
            report.valid(),
            !report.findings.iter().any(|f| f.severity == Error)
        );
    }
}

#[test]
fn lint_messages_carry_the_details() {
    let report = lint("{\n  \"mention\": [\"Bob\",]\n}");
    let msg = &finding(&report, "invalid-json").message;
    assert!(msg.contains("line 2, column"), "{msg}");

    for op in [
        "prefix",
        "numeric",
        "exists",
        "suffix",
        "equals-ignore-case",
        "cidr",
        "bogus",
    ] {
        let report = lint(&format!(r#"{{"m": [{{"{op}": ["x"]}}]}}"#));
        let f = finding(&report, "unsupported-operator");
        assert!(f.message.contains(op), "{}", f.message);
        assert!(
            f.message.contains("only exact strings and anything-but"),
            "{}",
            f.message
        );
    }

    for (text, path) in [
        (r#"{"m": [true]}"#, "$.m[0]"),
        (r#"{"m": [null]}"#, "$.m[0]"),
        (r#"{"m": ["a", 1.5]}"#, "$.m[1]"),
        (
            r#"{"t": [{"anything-but": ["Room", 7]}]}"#,
            "$.t[0][\"anything-but\"][1]",
        ),
    ] {
        assert_eq!(
            finding(&lint(text), "non-string-value").path,
            path,
            "{text}"
        );
    }

    let report = lint(r#""{\"mention\":[\"Bob\"]}""#);
    let msg = &finding(&report, "double-encoded").message;
    assert!(msg.contains("serialized twice"), "{msg}");
    assert!(msg.contains(r#"{"mention":["Bob"]}"#), "{msg}");
    // The inner rule is still linted and available.
    assert_eq!(report.complexity, Some(2));
    assert_eq!(report.rule, Some(parse(MENTION_BOB).unwrap()));
    assert!(lint(r#""{\"mention\":[]}""#).has("empty-condition-list"));

    let report = lint(&one_key_with_values(20));
    let msg = &finding(&report, "too-complex").message;
    assert!(msg.contains("complexity is 21"), "{msg}");
    assert!(msg.contains("$or key itself is not counted"), "{msg}");
}

#[test]
fn lint_never_floods() {
    let items = vec!["1"; 500].join(",");
    let report = lint(&format!(r#"{{"m": [{items}]}}"#));
    assert_eq!(report.findings.len(), 100);
    assert_eq!(
        report.findings.last().map(|f| f.code),
        Some("more-findings")
    );
}

#[test]
fn preference_findings() {
    let codes = |allow: &str, rule: Option<&str>| -> Vec<(&'static str, Severity)> {
        lint_preferences(allow, rule)
            .iter()
            .map(|f| (f.code, f.severity))
            .collect()
    };
    assert_eq!(
        codes("FILTERED", None),
        [("filtered-without-rule", Severity::Warning)]
    );
    assert_eq!(
        codes("FILTERED", Some("  ")),
        [("filtered-without-rule", Severity::Warning)]
    );
    assert_eq!(codes("FILTERED", Some(MENTION_BOB)), []);
    assert_eq!(
        codes("ALL", Some(MENTION_BOB)),
        [("rule-ignored", Severity::Info)]
    );
    assert_eq!(
        codes("NONE", Some(MENTION_BOB)),
        [("rule-ignored", Severity::Info)]
    );
    assert_eq!(codes("ALL", None), []);
    assert_eq!(
        codes("SOME", None),
        [("unknown-allow-notifications", Severity::Warning)]
    );
    assert_eq!(
        codes("FILTERED", Some(r#"{"m": []}"#)),
        [("empty-condition-list", Severity::Error)]
    );
    let msg = &lint_preferences("FILTERED", None)[0].message;
    assert!(msg.contains("ASSUMPTION: undocumented"), "{msg}");
}

// ------------------------------------------------------------------ limits

#[test]
fn complexity_examples() {
    let rows = [
        (AND_RULE, 4),
        (MENTION_BOB, 2),
        (NOT_ROOM, 2),
        (OR_RULE, 4),
        (
            r#"{"a": ["1"], "$or": [{"b": ["2", "3"]}, {"c": [{"anything-but": ["4", "5"]}]}]}"#,
            8,
        ),
        ("{}", 0),
    ];
    for (text, complexity) in rows {
        assert_eq!(lint(text).complexity, Some(complexity), "{text}");
        assert_eq!(parse(text).unwrap().complexity(), complexity, "{text}");
    }
    assert_eq!(lint("[").complexity, None);
}

#[test]
fn size_boundary_is_2048_bytes() {
    let padded = |total: usize| format!("{MENTION_BOB}{}", " ".repeat(total - MENTION_BOB.len()));
    let at = lint(&padded(2048));
    assert_eq!(at.size_bytes, 2048);
    assert!(at.valid() && !at.has("too-large"));
    let over = lint(&padded(2049));
    assert_eq!(over.size_bytes, 2049);
    assert!(!over.valid() && over.has("too-large"));
    // Bytes, not characters: 1000 two-byte characters are 2000 bytes.
    let wide = format!(r#"{{"m": ["{}"]}}"#, "é".repeat(1030));
    assert!(lint(&wide).has("too-large"));
}

#[test]
fn or_branch_boundary_is_5() {
    let five = lint(&big_or(5));
    assert!(five.valid(), "{:#?}", five.findings);
    let six = lint(&big_or(6));
    assert!(!six.valid());
    assert!(finding(&six, "too-many-or").message.contains("6 branches"));
    // Over a limit, the rule still parses and can be evaluated.
    assert!(six.rule.is_some());
}

#[test]
fn complexity_boundary_is_20() {
    let twenty = lint(&one_key_with_values(19));
    assert_eq!(twenty.complexity, Some(20));
    assert!(twenty.valid());
    let twenty_one = lint(&one_key_with_values(20));
    assert_eq!(twenty_one.complexity, Some(21));
    assert!(!twenty_one.valid() && twenty_one.has("too-complex"));
}

// ----------------------------------------------------------- parse errors

#[test]
fn parse_errors_carry_position_or_path() {
    match parse("{\"m\": [\"a\"]\n  \"n\": 1}") {
        Err(ParseError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 3)),
        other => panic!("{other:?}"),
    }
    match parse(r#"{"m": [{"prefix": "a"}]}"#) {
        Err(e @ ParseError::Structure { .. }) => {
            assert!(e.to_string().starts_with("at $.m[0].prefix: "), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let e = parse(r#""{\"m\":[\"a\"]}""#).unwrap_err();
    assert!(e.to_string().contains("serialized twice"), "{e}");
    assert!(
        parse("[")
            .unwrap_err()
            .to_string()
            .contains("line 1, column 1")
    );
    // Limits are lint's business, not parse's.
    assert!(parse(&big_or(6)).is_ok());
}

#[test]
fn duplicate_key_last_wins() {
    let rule = parse(r#"{"m": ["a"], "n": ["x"], "m": ["b"]}"#).unwrap();
    assert_eq!(
        pretty(&rule),
        "{\n  \"m\": [\n    \"b\"\n  ],\n  \"n\": [\n    \"x\"\n  ]\n}"
    );
}

// -------------------------------------------------------------- attributes

#[test]
fn attributes_accept_three_shapes_mixed() {
    let a = parse_attributes(
        r#"{"mention": {"StringValues": ["Bob", "Alice"]}, "type": ["Room"], "senderId": "U1"}"#,
    )
    .unwrap();
    let got: Vec<(&str, &[String])> = a.iter().collect();
    assert_eq!(got.len(), 3);
    assert_eq!(a.get("mention").unwrap(), ["Bob", "Alice"]);
    assert_eq!(a.get("type").unwrap(), ["Room"]);
    assert_eq!(a.get("senderId").unwrap(), ["U1"]);
    assert_eq!(
        a.names().collect::<Vec<_>>(),
        ["mention", "type", "senderId"]
    );
    let compact = r#"{"mention":{"StringValues":["Bob","Alice"]},"type":{"StringValues":["Room"]},"senderId":{"StringValues":["U1"]}}"#;
    assert_eq!(a.to_json().to_string(), compact);
    assert_eq!(a.size_bytes(), compact.len());
}

#[test]
fn attribute_errors() {
    match parse_attributes("{\n \"a\": [\"x\" \"y\"]}") {
        Err(AttributesError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 12)),
        other => panic!("{other:?}"),
    }
    let name = |n: usize| format!(r#"{{"{}": "v"}}"#, "n".repeat(n));
    let value = |n: usize| format!(r#"{{"k": ["{}"]}}"#, "v".repeat(n));
    assert!(parse_attributes(&name(64)).is_ok());
    assert!(parse_attributes(&value(512)).is_ok());
    assert!(
        parse_attributes(&value(256).replace('v', "é")).is_ok(),
        "characters, not bytes"
    );
    let rows: Vec<(String, &str, &str)> = vec![
        (
            name(65),
            "$.nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
            "1 to 64",
        ),
        (name(0), "$[\"\"]", "1 to 64"),
        (value(513), "$.k[0]", "1 to 512"),
        (value(0), "$.k[0]", "1 to 512"),
        (
            r#"{"k": {"StringValues": ["a", 3]}}"#.into(),
            "$.k.StringValues[1]",
            "must be strings",
        ),
        (
            r#"{"k": {"Values": ["a"]}}"#.into(),
            "$.k.Values",
            "unknown field",
        ),
        (r#"{"k": []}"#.into(), "$.k", "at least one value"),
        (r#"{"k": "a", "k": "b"}"#.into(), "$.k", "more than once"),
        (r#"{"k": 5}"#.into(), "$.k", "got a number"),
        (r#"["k"]"#.into(), "$", "JSON object"),
    ];
    for (text, path, words) in rows {
        match parse_attributes(&text) {
            Err(e @ AttributesError::Structure { .. }) => {
                let AttributesError::Structure { path: p, message } = &e else {
                    unreachable!()
                };
                assert_eq!(p, path, "{text}");
                assert!(message.contains(words), "{text}: {message}");
                assert!(e.to_string().contains(path));
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

// -------------------------------------------------------------------- check

#[test]
fn check_report_json_shape() {
    let a = attrs(&[("mention", &["Bob"])]);
    let report = check(MENTION_BOB, Some(&a));
    let value = serde_json::to_value(&report).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "Valid",
            "SizeBytes",
            "Complexity",
            "Description",
            "Findings",
            "Verdict"
        ]
    );
    assert_eq!(value["Valid"], json!(true));
    assert_eq!(value["SizeBytes"], json!(MENTION_BOB.len()));
    assert_eq!(value["Complexity"], json!(2));
    assert_eq!(value["Verdict"]["Notify"], json!(true));
    assert_eq!(value["Verdict"]["Reasons"][1], json!("→ notify"));

    let bad = serde_json::to_value(check(r#"{"m": [1]}"#, Some(&a))).unwrap();
    assert_eq!(bad["Valid"], json!(false));
    assert_eq!(bad["Complexity"], Value::Null);
    assert_eq!(bad["Description"], Value::Null);
    assert!(bad.get("Verdict").is_none());
    assert_eq!(
        bad["Findings"][0],
        json!({"Severity": "error", "Code": "non-string-value",
               "Message": bad["Findings"][0]["Message"], "Path": "$.m[0]"})
    );

    let no_attrs = serde_json::to_value(check(MENTION_BOB, None)).unwrap();
    assert!(no_attrs.get("Verdict").is_none());
    assert!(
        no_attrs["Description"]
            .as_str()
            .unwrap()
            .contains("mention is \"Bob\"")
    );
}

#[test]
fn check_decodes_double_encoded_rules_and_flags_big_attributes() {
    let a = attrs(&[("mention", &["Bob"])]);
    let report: CheckReport = check(r#""{\"mention\":[\"Bob\"]}""#, Some(&a));
    assert!(!report.valid);
    assert!(report.findings.iter().any(|f| f.code == "double-encoded"));
    assert_eq!(report.verdict.as_ref().map(|v| v.notify), Some(true));
    assert_eq!(report.complexity, Some(2));

    let big = attrs(&[("mention", &["Bob"]), ("pad", &[&"x".repeat(1000)])]);
    assert!(big.size_bytes() > 1024);
    let report = check(MENTION_BOB, Some(&big));
    assert!(report.valid, "a warning does not invalidate the rule");
    let f = report
        .findings
        .iter()
        .find(|f| f.code == "attributes-too-large")
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("compact JSON"));
}

// --------------------------------------------------------------- proptest

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("$or".to_string()),
        Just("anything-but".to_string()),
        Just("mention".to_string()),
        Just("type".to_string()),
        Just("prefix".to_string()),
        Just("Bob".to_string()),
        Just(String::new()),
        "[a-zA-Z$_ -]{0,8}",
        ".{0,70}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 7, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..7).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..7)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

fn any_attributes() -> impl Strategy<Value = Attributes> {
    prop::collection::vec((word(), prop::collection::vec(word(), 0..4)), 0..5)
        .prop_map(|pairs| pairs.into_iter().collect())
}

/// Runs every entry point on `text` and checks the invariants that tie them
/// together.
fn exercise(text: &str, attributes: &Attributes) -> Result<(), TestCaseError> {
    let parsed = parse(text);
    let report = lint(text);
    prop_assert_eq!(report.size_bytes, text.len());
    if let Ok(rule) = &parsed {
        prop_assert_eq!(report.rule.as_ref(), Some(rule));
        prop_assert_eq!(&parse(&pretty(rule)), &Ok(rule.clone()));
    }
    if let Some(rule) = &report.rule {
        prop_assert_eq!(report.complexity, Some(rule.complexity()));
        let v = evaluate(rule, attributes);
        let last = if v.notify {
            "→ notify"
        } else {
            "→ no push"
        };
        prop_assert_eq!(v.reasons.last().map(String::as_str), Some(last));
        prop_assert!(describe(rule).starts_with("Push"));
    }
    let full = check(text, Some(attributes));
    prop_assert_eq!(full.valid, report.valid());
    prop_assert_eq!(full.verdict.is_some(), report.rule.is_some());
    prop_assert!(serde_json::to_string(&full).is_ok());
    let _ = lint_preferences("FILTERED", Some(text));
    let _ = parse_attributes(text);
    Ok(())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just("Bob".to_string()), ".{0,12}", "\\PC{0,6}"]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("mention".to_string()),
        Just("type".to_string()),
        ".{0,10}"
    ]
    .prop_filter("$or is not an attribute key", |k| k != "$or")
}

fn condition() -> impl Strategy<Value = Condition> {
    prop_oneof![
        text().prop_map(Condition::Equals),
        prop::collection::vec(text(), 1..4).prop_map(Condition::AnythingBut),
    ]
}

fn expr() -> impl Strategy<Value = Expr> {
    prop::collection::vec((key(), prop::collection::vec(condition(), 1..4)), 0..4).prop_map(
        |pairs| {
            let mut clauses: Vec<Clause> = Vec::new();
            for (key, conditions) in pairs {
                if clauses.iter().all(|c| c.key != key) {
                    clauses.push(Clause::new(key, conditions));
                }
            }
            Expr::new(clauses)
        },
    )
}

fn rule() -> impl Strategy<Value = Rule> {
    (expr(), prop::collection::vec(expr(), 0..4)).prop_map(|(expr, or)| Rule { expr, or })
}

proptest! {
    #[test]
    fn no_string_makes_anything_panic(text in any::<String>(), a in any_attributes()) {
        exercise(&text, &a)?;
    }

    #[test]
    fn no_json_value_makes_anything_panic(value in json_value(), a in any_attributes()) {
        let compact = value.to_string();
        exercise(&compact, &a)?;
        exercise(&format!("{value:#}"), &a)?;
        exercise(&Value::String(compact).to_string(), &a)?;
    }

    #[test]
    fn pretty_then_parse_is_identity(r in rule()) {
        prop_assert_eq!(parse(&pretty(&r)), Ok(r.clone()));
        prop_assert_eq!(parse(&r.to_json().to_string()), Ok(r.clone()));
        prop_assert!(lint(&pretty(&r)).findings.iter().all(|f| f.severity != Severity::Error
            || matches!(f.code, "too-large" | "too-complex" | "too-many-or")));
    }

    #[test]
    fn or_complexity_is_the_sum_of_its_branches(branches in prop::collection::vec(expr(), 1..7)) {
        let whole = Rule { expr: Expr::default(), or: branches.clone() };
        let sum: usize = branches
            .iter()
            .map(|b| lint(&pretty(&Rule { expr: b.clone(), or: vec![] })).complexity.unwrap())
            .sum();
        prop_assert_eq!(lint(&pretty(&whole)).complexity, Some(sum));
    }
}
