//! Fuzzes the FilterRule engine: parse, lint, check and evaluate must never
//! panic, and a parsed rule must survive a pretty-print round trip.
//!
//! Run by hand: `cargo +nightly fuzz run --fuzz-dir tests/fuzz parse_evaluate`.
//! The input is `rule text`, optionally followed by a NUL byte and message
//! attributes text, so one corpus explores both parsers.

#![no_main]

use chime_prefs::filter::{
    Attributes, check, describe, evaluate, lint, lint_preferences, parse, parse_attributes, pretty,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (rule_text, attrs_text) = match text.split_once('\0') {
        Some((rule, attrs)) => (rule, Some(attrs)),
        None => (text.as_ref(), None),
    };
    let attrs = attrs_text
        .and_then(|t| parse_attributes(t).ok())
        .unwrap_or_else(|| Attributes::from_iter([("mention", vec!["Bob".to_string()])]));

    if let Ok(rule) = parse(rule_text) {
        assert_eq!(parse(&pretty(&rule)), Ok(rule.clone()), "round trip");
        let verdict = evaluate(&rule, &attrs);
        let last = if verdict.notify {
            "→ notify"
        } else {
            "→ no push"
        };
        assert_eq!(verdict.reasons.last().map(String::as_str), Some(last));
        let _ = describe(&rule);
    }
    let report = lint(rule_text);
    assert_eq!(report.size_bytes, rule_text.len());
    let full = check(rule_text, Some(&attrs));
    assert_eq!(full.valid, report.valid());
    let _ = lint_preferences("FILTERED", Some(rule_text));
});
