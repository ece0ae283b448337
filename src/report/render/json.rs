//! `--output json`: the `"Report"` object first, then the command's own
//! document, every key of which keeps its meaning and order. `member` and
//! `scan` are written row by row, so a 20,000-row document is never one
//! value in memory; [`Report::to_json`] is the same bytes in a string.

use std::io::Write;

use serde_json::Map;

use crate::explain::Context;
use crate::output::diagnosis::diagnosis_value;
use crate::output::json::to_aws_cli_text;
use crate::report::subject::KEY;
use crate::report::{Body, Report};

impl Report {
    /// [`Report::to_json`], written to `out` as it is made.
    pub fn write_json(&self, out: &mut impl Write, ctx: &Context<'_>) -> std::io::Result<()> {
        let mut head = Map::new();
        head.insert(KEY.into(), self.subject.value());
        match &self.body {
            Body::Diagnosis(d) => {
                let mut text = to_aws_cli_text(&self.subject.wrap(diagnosis_value(d, ctx)));
                text.push('\n');
                out.write_all(text.as_bytes())
            }
            Body::Member(results) => {
                crate::member::json::write_member_json(out, &head, results, ctx)
            }
            Body::Scan(results) => crate::scan::json::write_scan_json(out, &head, results, ctx),
        }
    }
}
