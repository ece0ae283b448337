//! The text of the lookup screen's scrolling panes, built from the state at
//! a given width: the details pane (getting started, what to fix, the
//! FilterRule, or why a call failed) and the test panel's verdict. The
//! view draws these lines; the update counts them to know how far a pane
//! scrolls. Neither imports the other.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::outcome::{Failed, Loaded, Outcome};
use super::state::LookupScreen;
use super::test_panel::TestPanel;
use crate::explain::{self, Context};
use crate::filter::{Finding, MAX_COMPLEXITY, MAX_RULE_BYTES, Severity};
use crate::model::AllowNotifications;
use crate::output::filter_text;
use crate::tui::highlight::TokenLine;
use crate::tui::options::UiOptions;
use crate::tui::region;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::Doc;

/// The details pane's title, its wrapped head lines, and the rule's lines
/// (if any) that follow them. Only the visible rule lines become widgets.
pub struct Details<'a> {
    pub title: String,
    pub head: Vec<Line<'static>>,
    pub rule: &'a [TokenLine],
}

impl Details<'_> {
    pub fn len(&self) -> usize {
        self.head.len() + self.rule.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub fn details<'a>(
    screen: &'a LookupScreen,
    options: &UiOptions,
    width: usize,
    theme: &Theme,
) -> Details<'a> {
    let mut doc = Doc::new(width);
    let (title, rule): (String, &[TokenLine]) = match &screen.outcome {
        Outcome::Empty => {
            getting_started(options.demo, &mut doc, theme);
            (" Getting started ".into(), &[])
        }
        Outcome::Invalid(problems) => {
            for p in problems {
                doc.bullet(
                    "✗",
                    theme.error(),
                    &format!("{} ({}): {}", p.field.label(), p.field.flag(), p.message),
                    theme.bold(),
                );
                doc.bullet(" ", Style::new(), &format!("Fix: {}", p.fix), Style::new());
            }
            doc.blank();
            doc.para(
                "Nothing was sent. Fix the form (e or Tab to edit), then press Enter.",
                theme.dim(),
            );
            (" Fix before sending ".into(), &[])
        }
        Outcome::Loaded(loaded) => {
            let rule = loaded_doc(loaded, &mut doc, theme);
            let changed = if loaded.changes.rule {
                " (changed)"
            } else {
                ""
            };
            let none = if loaded.rule.is_none() { ": none" } else { "" };
            (format!(" FilterRule{none}{changed} "), rule)
        }
        Outcome::Failed(failed) => {
            failed_doc(options, failed, &mut doc, theme);
            (" Why it failed ".into(), &[])
        }
    };
    Details {
        title,
        head: doc.lines,
        rule,
    }
}

/// Lines in the details pane at this width: its scroll range.
pub fn details_line_count(screen: &LookupScreen, options: &UiOptions, width: usize) -> usize {
    details(screen, options, width, &Theme::new(false)).len()
}

fn getting_started(demo: bool, doc: &mut Doc, theme: &Theme) {
    doc.para(
        "chime-prefs reads one member's push-notification preferences on a channel (GetChannelMembershipPreferences) and explains them. It never changes anything.",
        Style::new(),
    );
    doc.blank();
    if demo {
        doc.para(
            "This is the demo: a local service with the members listed in History. Each shows one case: ALL, NONE, FILTERED rules, a banned member, throttling, an outage, hostile text.",
            Style::new(),
        );
        doc.blank();
    }
    for (n, step) in [
        "Paste the channel ARN and the member ARN (Tab moves between fields), or pick an entry in History.",
        "Press Enter. The bearer defaults to the member: only the member may read its own preferences.",
        "Press ? for every key.",
    ]
    .iter()
    .enumerate()
    {
        doc.bullet(&format!("{}.", n + 1), theme.key(), step, Style::new());
    }
}

fn finding_line(doc: &mut Doc, finding: &Finding, theme: &Theme) {
    let (glyph, style) = match finding.severity {
        Severity::Error => ("✗", theme.error()),
        Severity::Warning => ("⚠", theme.warning()),
        Severity::Info => ("ℹ", theme.accent()),
    };
    doc.bullet(
        glyph,
        style,
        &filter_text::finding_line(finding),
        Style::new(),
    );
}

/// A description of a rule with thousands of values is no help, and
/// wrapping it every frame would cost more than the frame budget.
fn capped(text: &str) -> String {
    const MAX_CHARS: usize = 400;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!(
            "{}… ({} more characters)",
            &text[..cut],
            text[cut..].chars().count()
        ),
        None => text.to_string(),
    }
}

fn loaded_doc<'a>(loaded: &'a Loaded, doc: &mut Doc, theme: &Theme) -> &'a [TokenLine] {
    for finding in &loaded.preference_findings {
        finding_line(doc, finding, theme);
    }
    let Some(rule) = &loaded.rule else {
        match loaded.allow() {
            Some(AllowNotifications::None) => doc.para(
                "No FilterRule, and none would matter: with NONE this member gets no pushes on this channel, whatever the message. Only the member can change it (PutChannelMembershipPreferences).",
                Style::new(),
            ),
            Some(AllowNotifications::Filtered) | Some(AllowNotifications::Unknown(_)) => {}
            Some(AllowNotifications::All) | None => {
                doc.para("No FilterRule: every message sent with a PushNotification is pushed.", Style::new());
                doc.blank();
                doc.para(
                    "Preferences allow pushes. If none arrive, press p to check the whole push path: membership, ban, filter rule, devices, their Pinpoint app and push channels, and the role Chime sends with.",
                    theme.bold(),
                );
            }
        }
        return &[];
    };
    let report = &rule.report;
    doc.para(
        &capped(&filter_text::description_line(report)),
        theme.bold(),
    );
    let size_style = if report.size_bytes > MAX_RULE_BYTES {
        theme.error()
    } else {
        theme.dim()
    };
    let complexity_style = if report.complexity.is_some_and(|c| c > MAX_COMPLEXITY) {
        theme.error()
    } else {
        theme.dim()
    };
    let verdict = if report.valid {
        Span::styled("✓ Chime accepts it", theme.ok())
    } else {
        Span::styled("✗ Chime would reject it", theme.error())
    };
    let limits = vec![
        Span::styled(filter_text::size_line(report), size_style),
        Span::styled(" · ", theme.dim()),
        Span::styled(filter_text::complexity_line(report), complexity_style),
    ];
    let limits_width: usize = limits.iter().map(Span::width).sum();
    if verdict.width() + 3 + limits_width <= doc.width() {
        let mut spans = vec![verdict, Span::styled(" · ", theme.dim())];
        spans.extend(limits);
        doc.line(Line::from(spans));
    } else {
        doc.line(Line::from(verdict));
        doc.line(Line::from(limits));
    }
    // The parse error is the invalid-json finding: said once, there.
    for finding in &report.findings {
        finding_line(doc, finding, theme);
    }
    if rule.syntax_error.is_some() {
        doc.para("The raw text follows.", theme.dim());
    }
    if rule.testable() {
        doc.para(
            "Press t to test a message's attributes against this rule.",
            theme.dim(),
        );
    }
    doc.blank();
    &rule.lines
}

fn failed_doc(options: &UiOptions, failed: &Failed, doc: &mut Doc, theme: &Theme) {
    let err = &failed.error;
    let client = &options.client;
    let region = region::region_used(client, Some(&failed.target.channel_arn));
    let ctx = Context {
        profile: client.profile.as_deref(),
        run: Some(client),
        region: err.region.as_deref().or(region.as_deref()),
        member: Some(&failed.target.member_arn),
        bearer: Some(&failed.target.bearer_arn),
        channel: Some(&failed.target.channel_arn),
    };
    let rendered = explain::explain_error(err, &ctx);
    let status = err
        .http_status
        .map(|s| format!(" (HTTP {s})"))
        .unwrap_or_default();
    doc.para(&format!("{}{status}", rendered.title), theme.error());
    doc.field("Code", theme.label(), &err.display_code(), Style::new());
    if let Some(message) = &err.message {
        doc.field("Message", theme.label(), message, Style::new());
    }
    if let Some(detail) = &err.detail {
        doc.field("Detail", theme.label(), detail, Style::new());
    }
    let request = err.request_id_or_why();
    doc.field("Request id", theme.label(), request, theme.bold());
    doc.field(
        "Attempts",
        theme.label(),
        &err.attempts.to_string(),
        Style::new(),
    );
    doc.field(
        "Retry helps",
        theme.label(),
        if rendered.retryable { "yes" } else { "no" },
        Style::new(),
    );
    doc.blank();
    doc.para("What it means", theme.bold());
    doc.para(&rendered.summary, Style::new());
    doc.blank();
    doc.para("Likely causes", theme.bold());
    for cause in &rendered.causes {
        doc.bullet("-", theme.dim(), cause, Style::new());
    }
    doc.blank();
    doc.para("Next steps", theme.bold());
    for (i, step) in rendered.next_steps.iter().enumerate() {
        doc.bullet(&format!("{}.", i + 1), theme.key(), step, Style::new());
    }
    // An IAM denial: the statement the steps refer to.
    if let Some(policy) = &rendered.policy {
        doc.blank();
        doc.para("A policy statement that allows it", theme.bold());
        for line in policy.lines() {
            // Indented as JSON where it fits; wrapped where it does not.
            if crate::text_fit::width(line) <= doc.width() {
                doc.line(Line::raw(line.to_string()));
            } else {
                doc.para(line, Style::new());
            }
        }
    }
}

/// The test panel's lines under its input: the verdict and one reason per
/// clause, or what the input still lacks.
pub fn test_panel(panel: &TestPanel, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width);
    match &panel.result {
        None => {
            // The example is an attribute of the rule under test, never
            // another member's.
            let (key, value) = &panel.example;
            let quote = |s: &String| serde_json::Value::String(s.clone()).to_string();
            let (key, value) = (quote(key), quote(value));
            doc.para(
                &crate::sanitize::line(&format!(
                    "Type the message's attributes as JSON: {{{key}:[{value}]}}, {{{key}:{value}}} or SendChannelMessage's {{{key}:{{\"StringValues\":[{value}]}}}}."
                )),
                theme.dim(),
            );
        }
        Some(Err(problem)) => {
            doc.bullet(
                "…",
                theme.warning(),
                &format!("not an attribute map yet: {problem}"),
                theme.warning(),
            );
        }
        Some(Ok(verdict)) => {
            if verdict.notify {
                doc.para(
                    "✓ This message WOULD be pushed to the member.",
                    theme.ok().patch(theme.bold()),
                );
            } else {
                doc.para(
                    "✗ This message would NOT be pushed to the member.",
                    theme.error(),
                );
            }
            // The verdict line above already says what the final "→" says.
            for reason in verdict.reasons.iter().filter(|r| !r.starts_with('→')) {
                doc.bullet("·", theme.dim(), reason, Style::new());
            }
        }
    }
    doc.lines
}
