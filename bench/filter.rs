//! Timing loop for the FilterRule engine on inputs at Chime's limits: a rule
//! of about 2 KB (an `$or` of 5 branches, complexity 20) and about 1 KB of
//! message attributes. Prints median and p90 per operation over 31 batches.
//!
//! Run: `cargo bench --bench filter`.

use chime_prefs::filter::{Attributes, check, describe, evaluate, lint, parse, parse_attributes};
use std::hint::black_box;
use std::time::{Duration, Instant};

const BATCHES: usize = 31;
/// Each batch runs for about this long, so timer resolution does not matter.
const BATCH_TARGET: Duration = Duration::from_millis(10);

fn filler(tag: &str, len: usize) -> String {
    let mut s = format!("{tag}-");
    while s.len() < len {
        s.push_str("arn:aws:chime:us-east-1:111122223333:app-instance/");
    }
    s.truncate(len);
    s
}

/// `$or` of 5 branches, each `{"attr_i": ["..."], "kind_i": [{"anything-but": ["..."]}]}`:
/// 2 keys + 2 values per branch, so complexity 20, with values as long as
/// 2048 bytes allow.
fn rule_text(value_len: usize) -> String {
    let branches: Vec<String> = (0..5)
        .map(|i| {
            format!(
                r#"{{"attr_{i}":["{}"],"kind_{i}":[{{"anything-but":["{}"]}}]}}"#,
                filler(&format!("want{i}"), value_len),
                filler(&format!("skip{i}"), value_len),
            )
        })
        .collect();
    format!(r#"{{"$or":[{}]}}"#, branches.join(","))
}

fn largest_rule() -> String {
    (1..512)
        .rev()
        .map(rule_text)
        .find(|t| t.len() <= 2048)
        .unwrap_or_else(|| rule_text(1))
}

/// Attributes that fail branches 1-4 (a different value for `attr_i`, no
/// `kind_i`) and match branch 5, padded to just under 1 KB. Evaluation does
/// not short-circuit, so every clause is still visited.
fn attributes() -> Attributes {
    let pad_len = (1..512)
        .rev()
        .find(|&len| build_attributes(len).size_bytes() <= 1024)
        .unwrap_or(1);
    build_attributes(pad_len)
}

fn build_attributes(pad_len: usize) -> Attributes {
    let mut attrs = Attributes::new();
    for i in 0..4 {
        attrs.insert(
            format!("attr_{i}"),
            vec![filler(&format!("other{i}"), pad_len)],
        );
    }
    attrs.insert("attr_4", vec![filler("want4", rule_value_len())]);
    attrs.insert("kind_4", vec!["Conversation".to_string()]);
    attrs
}

fn rule_value_len() -> usize {
    (1..512)
        .rev()
        .find(|&len| rule_text(len).len() <= 2048)
        .unwrap_or(1)
}

struct Stats {
    median_ns: f64,
    p90_ns: f64,
}

fn time<R>(mut op: impl FnMut() -> R) -> Stats {
    // Warm-up, and calibrate how many iterations fill a batch.
    let mut n: u64 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            black_box(op());
        }
        if start.elapsed() >= BATCH_TARGET {
            break;
        }
        n *= 2;
    }
    let mut per_op: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..n {
                black_box(op());
            }
            start.elapsed().as_nanos() as f64 / n as f64
        })
        .collect();
    per_op.sort_by(f64::total_cmp);
    Stats {
        median_ns: per_op[BATCHES / 2],
        p90_ns: per_op[(BATCHES * 9).div_ceil(10) - 1],
    }
}

fn main() {
    let text = largest_rule();
    let attrs = attributes();
    let attrs_text = attrs.to_json().to_string();
    let report = lint(&text);
    let Some(rule) = report.rule.clone() else {
        eprintln!("benchmark rule did not parse: {:?}", report.findings);
        std::process::exit(1);
    };
    if !report.valid() || attrs.size_bytes() > 1024 || !evaluate(&rule, &attrs).notify {
        eprintln!("benchmark inputs are not what they should be");
        std::process::exit(1);
    }
    println!(
        "rule: {} bytes, complexity {}, {} $or branches; attributes: {} bytes",
        report.size_bytes,
        report.complexity.unwrap_or(0),
        rule.or.len(),
        attrs.size_bytes()
    );
    println!(
        "{BATCHES} batches of ~{} ms each\n",
        BATCH_TARGET.as_millis()
    );

    let rows: Vec<(&str, Stats)> = vec![
        ("parse", time(|| parse(black_box(&text)))),
        ("lint", time(|| lint(black_box(&text)))),
        (
            "evaluate",
            time(|| evaluate(black_box(&rule), black_box(&attrs))),
        ),
        (
            "lint + evaluate",
            time(|| {
                let report = lint(black_box(&text));
                report.rule.map(|r| evaluate(&r, black_box(&attrs)))
            }),
        ),
        (
            "check (with attributes)",
            time(|| check(black_box(&text), Some(black_box(&attrs)))),
        ),
        ("describe", time(|| describe(black_box(&rule)))),
        (
            "parse_attributes",
            time(|| parse_attributes(black_box(&attrs_text))),
        ),
    ];
    println!("{:<26} {:>12} {:>12}", "operation", "median µs", "p90 µs");
    for (name, stats) in rows {
        println!(
            "{:<26} {:>12.2} {:>12.2}",
            name,
            stats.median_ns / 1000.0,
            stats.p90_ns / 1000.0
        );
    }
}
