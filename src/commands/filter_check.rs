//! `chime-prefs filter check`: lint and evaluate a FilterRule offline.
//!
//! Everything here is local: no configuration is loaded and no AWS client is
//! built, so it works without credentials or a network.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::FilterCheckArgs;
use crate::filter::{self, Attributes, CheckReport};
use crate::output::{OutputFormat, filter_text};

use super::json_arg::{Source, file_hint, read_attributes};
use super::{EXIT_FAILED, EXIT_INVALID, EXIT_OK};

pub fn run(args: &FilterCheckArgs) -> ExitCode {
    let inputs = match read_inputs(args) {
        Ok(inputs) => inputs,
        Err(message) => return super::invalid(&message),
    };
    let report = filter::check(&inputs.rule, inputs.attributes.as_ref());
    if report.rule.is_none()
        && let Some(hint) = file_hint("--rule", &args.rule)
    {
        super::print_stderr(&format!("hint: {hint}\n"));
    }
    let rendered = match args.output {
        OutputFormat::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => crate::output::json::terminal_safe(&json) + "\n",
            Err(e) => {
                eprintln!("error: cannot serialize the report: {e}");
                return ExitCode::from(EXIT_FAILED);
            }
        },
        OutputFormat::Text => text(&report, &inputs),
    };
    if let Err(e) = io::stdout().lock().write_all(rendered.as_bytes())
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the report: {e}");
        return ExitCode::from(EXIT_FAILED);
    }
    ExitCode::from(exit_code(&report))
}

/// 0: the message would notify (or, without attributes, the rule is
/// valid); 1: it would not; 2: the rule is invalid (as for unusable
/// arguments: Chime would reject it, so no message is judged by it).
fn exit_code(report: &CheckReport) -> u8 {
    match (&report.verdict, report.valid) {
        (_, false) => EXIT_INVALID,
        (Some(verdict), true) if !verdict.notify => EXIT_FAILED,
        _ => EXIT_OK,
    }
}

struct Inputs {
    rule: String,
    attributes: Option<Attributes>,
}

fn text(report: &CheckReport, inputs: &Inputs) -> String {
    let mut out = String::new();
    for line in filter_text::check_lines(report, &inputs.rule, inputs.attributes.as_ref()) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// Reads and checks both arguments; an `Err` is a message for stderr and
/// exit code 2.
fn read_inputs(args: &FilterCheckArgs) -> Result<Inputs, String> {
    let rule_source = Source::of(&args.rule);
    let attributes_source = args.attributes.as_deref().map(Source::of);
    if matches!(rule_source, Source::Stdin) && matches!(attributes_source, Some(Source::Stdin)) {
        return Err(
            "--rule and --attributes cannot both read stdin (@-): put one in a file".into(),
        );
    }
    let rule = rule_source.read("--rule", "rule")?;
    let attributes = match &args.attributes {
        Some(value) => Some(read_attributes("--attributes", value)?),
        None => None,
    };
    Ok(Inputs { rule, attributes })
}
