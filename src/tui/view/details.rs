//! The lower right pane: the FilterRule (described, linted, highlighted),
//! the explanation of a failure, or what to fix in the form. Scrollable;
//! only the visible lines of a long rule are turned into widgets.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::doc::{Doc, truncate};
use crate::explain::{self, Context, OTHER_REASONS_NO_PUSH};
use crate::filter::{Finding, MAX_COMPLEXITY, MAX_RULE_BYTES, Severity};
use crate::model::AllowNotifications;
use crate::output::filter_text;
use crate::tui::highlight::TokenLine;
use crate::tui::layout::{inner_height, inner_width};
use crate::tui::state::{App, Failed, Focus, Loaded, Outcome};
use crate::tui::theme::Theme;

/// The pane's title, its wrapped head lines, and the rule's lines (if any)
/// that follow them.
struct Content<'a> {
    title: String,
    head: Vec<Line<'static>>,
    rule: &'a [TokenLine],
}

fn content<'a>(app: &'a App, width: usize, theme: &Theme) -> Content<'a> {
    let mut doc = Doc::new(width);
    let (title, rule): (String, &[TokenLine]) = match &app.outcome {
        Outcome::Empty => {
            getting_started(app, &mut doc, theme);
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
            failed_doc(app, failed, &mut doc, theme);
            (" Why it failed ".into(), &[])
        }
    };
    Content {
        title,
        head: doc.lines,
        rule,
    }
}

fn getting_started(app: &App, doc: &mut Doc, theme: &Theme) {
    doc.para(
        "chime-prefs reads one member's push-notification preferences on a channel (GetChannelMembershipPreferences) and explains them. It never changes anything.",
        Style::new(),
    );
    doc.blank();
    if app.options.demo {
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
                doc.para("Preferences allow pushes. If none arrive, check:", theme.bold());
                for reason in OTHER_REASONS_NO_PUSH {
                    doc.bullet("-", theme.dim(), reason, Style::new());
                }
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
    if let Some(error) = &rule.syntax_error {
        doc.bullet(
            "✗",
            theme.error(),
            &format!("Not valid JSON: {error}. The raw text follows."),
            theme.error(),
        );
    }
    for finding in &report.findings {
        finding_line(doc, finding, theme);
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

fn failed_doc(app: &App, failed: &Failed, doc: &mut Doc, theme: &Theme) {
    let err = &failed.error;
    let client = &app.options.client;
    let ctx = Context {
        profile: client.profile.as_deref(),
        region: err.region.as_deref().or(client.region.as_deref()),
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
    let request = err
        .request_id
        .as_deref()
        .unwrap_or("(none: no response reached the service)");
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

/// Lines in the pane at this width: the scroll range.
pub fn details_line_count(app: &App, area: Rect) -> usize {
    let c = content(app, inner_width(area), &Theme::new(false));
    c.head.len() + c.rule.len()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = inner_width(area);
    let height = inner_height(area);
    let c = content(app, width, theme);
    let total = c.head.len() + c.rule.len();
    let scroll = app.details_scroll.min(total.saturating_sub(height));
    let mut title = vec![Span::raw(c.title)];
    if total > height {
        title.push(Span::styled(
            format!(
                "{}-{} of {} ",
                scroll + 1,
                (scroll + height).min(total),
                total
            ),
            theme.dim(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.border(app.focus == Focus::Details));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for i in scroll..(scroll + height).min(total) {
        if let Some(line) = c.head.get(i) {
            lines.push(line.clone());
        } else if let Some(tokens) = c.rule.get(i - c.head.len()) {
            lines.push(rule_line(tokens, width, theme));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One highlighted rule line, cut to the pane's width.
fn rule_line(tokens: &TokenLine, width: usize, theme: &Theme) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::with_capacity(tokens.len());
    for token in tokens {
        let w = unicode_width::UnicodeWidthStr::width(token.text.as_str());
        if used + w > width {
            spans.push(Span::styled(
                truncate(&token.text, width - used),
                theme.token(token.kind),
            ));
            break;
        }
        used += w;
        spans.push(Span::styled(token.text.clone(), theme.token(token.kind)));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_rule_lines_are_cut_to_the_width() {
        let tokens = crate::tui::highlight::highlight_json("\"aaaaaaaaaaaaaaaa\"");
        let line = rule_line(&tokens[0], 8, &Theme::new(false));
        assert_eq!(line.width(), 8);
    }
}
