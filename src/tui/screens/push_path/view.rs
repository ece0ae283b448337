//! Drawing the push-path screen: the verdict on top, then one row per
//! check (its status in colour and in words, so NO_COLOR loses nothing),
//! then the lower pane: the selected check's detail once `Enter` opened
//! it, else the manual checks no API can answer. Server text goes through
//! `crate::sanitize` (the `Doc` widget wraps and sanitises).
//!
//! The ten checks fit at 80x24 without scrolling. The detail shows a
//! pretty-printed policy or statement (the trust policy, the matched
//! statements) one line each under its name, as `diagnose` prints it in
//! text; while it is open only the selected check stays listed, so the
//! detail has the room even at 80x24. The age of the set-up facts (kept
//! across members) is on the checklist's lower border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::state::PushPathScreen;
use crate::diagnose::{Check, Push, Status};
use crate::explain::{self, Context};
use crate::output::diagnosis::status_label;
use crate::sanitize;
use crate::tui::options::UiOptions;
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::{Doc, wrap};
use crate::tui::widgets::fit::{pad, shorten_arn, truncate};
use crate::tui::widgets::list::row_style;
use crate::tui::widgets::{inner_height, inner_width};

/// Lines of the verdict at most.
const VERDICT_LINES: usize = 2;
const LABEL_COLUMN: usize = 8;
const TITLE_COLUMN: usize = 22;
/// An evidence name longer than this goes on its own line, its value under it.
const KEY_COLUMN_MAX: usize = 26;

/// Where the two panes go in `body`.
pub struct Layout {
    pub top: Rect,
    pub lower: Rect,
}

/// With the detail open, the checklist keeps only the selected check, so
/// the detail (evidence, policies, the explanation) gets the room even at
/// 80x24; closed, every check is listed without scrolling.
pub fn layout(body: Rect, detail_open: bool) -> Layout {
    let rows = if detail_open {
        1
    } else {
        crate::diagnose::CheckId::ALL.len() as u16
    };
    let top_height = (2 + VERDICT_LINES as u16 + rows).min(body.height);
    let top = Rect {
        height: top_height,
        ..body
    };
    let lower = Rect {
        y: body.y + top_height,
        height: body.height - top_height,
        ..body
    };
    Layout { top, lower }
}

pub fn status_style(status: Status, theme: &Theme) -> Style {
    match status {
        Status::Pass => theme.ok(),
        Status::Fail => theme.error(),
        Status::Warn | Status::Unknown => theme.warning(),
        Status::Skipped | Status::Pending => theme.dim(),
    }
}

fn verdict_style(push: Push, theme: &Theme) -> Style {
    match push {
        Push::Yes => theme.ok().patch(theme.bold()),
        Push::No => theme.error(),
        Push::Depends | Push::Unknown => theme.warning().patch(theme.bold()),
        Push::Pending => theme.dim(),
    }
}

/// "Would a push arrive? NO — reason (blocking check: ban)", wrapped; when
/// that is too long, the blocking check goes first so it is never cut:
/// "Would a push arrive? NO (blocking check: ban) — reason …".
pub fn verdict_lines(screen: &PushPathScreen, width: usize) -> Vec<String> {
    let verdict = &screen.diagnosis.verdict;
    let word = match verdict.push {
        Push::Pending => "…".to_string(),
        other => other.as_str().to_uppercase(),
    };
    let blocking = verdict
        .blocking
        .map(|b| format!(" (blocking check: {})", b.id()))
        .unwrap_or_default();
    let reason = sanitize::line(&verdict.reason);
    let mut lines = wrap(
        &format!("Would a push arrive? {word} — {reason}{blocking}"),
        width,
    );
    if lines.len() > VERDICT_LINES {
        lines = wrap(
            &format!("Would a push arrive? {word}{blocking} — {reason}"),
            width,
        );
        lines.truncate(VERDICT_LINES);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} …"), width);
        }
    }
    lines
}

fn check_row(check: &Check, spinner: &str, width: usize, theme: &Theme) -> Line<'static> {
    let label = match check.status {
        Status::Pending => format!("{spinner} …"),
        other => status_label(other).to_string(),
    };
    let used = LABEL_COLUMN + 1 + TITLE_COLUMN + 1;
    let finding = truncate(&sanitize::line(&check.finding), width.saturating_sub(used));
    Line::from(vec![
        Span::styled(
            format!("{} ", pad(&label, LABEL_COLUMN)),
            status_style(check.status, theme).patch(theme.bold()),
        ),
        Span::styled(
            format!("{} ", pad(check.id.title(), TITLE_COLUMN)),
            theme.label(),
        ),
        Span::raw(finding),
    ])
}

fn context<'a>(screen: &'a PushPathScreen, options: &'a UiOptions) -> Context<'a> {
    let scope = &screen.facts.scope;
    Context {
        profile: options.client.profile.as_deref(),
        run: Some(&options.client),
        region: Some(&scope.region),
        member: Some(&scope.member_arn),
        bearer: Some(&scope.member_arn),
        channel: Some(&scope.channel_arn),
    }
}

fn detail(doc: &mut Doc, check: &Check, theme: &Theme, ctx: &Context) {
    doc.line(Line::from(vec![
        Span::styled(
            format!("{} ", status_label(check.status)),
            status_style(check.status, theme).patch(theme.bold()),
        ),
        Span::styled(
            format!("{} · {}", check.id.id(), check.id.title()),
            theme.bold(),
        ),
    ]));
    doc.para(&check.finding, Style::new());
    if !check.evidence.is_empty() || check.request_id.is_some() {
        doc.blank();
        let key_width = check
            .evidence
            .iter()
            .filter(|(_, v)| !v.contains('\n'))
            .map(|(k, _)| k.chars().count() + 2)
            .filter(|w| *w <= KEY_COLUMN_MAX)
            .max()
            .unwrap_or(0)
            .clamp(12, KEY_COLUMN_MAX);
        for (key, value) in &check.evidence {
            // A policy or statement, pretty-printed, goes under its name,
            // one line each, as `diagnose` prints it; so does a value
            // whose name (an app id in it) is too long for the column.
            if value.contains('\n') || key.chars().count() + 1 > key_width {
                doc.para(&format!("{key}:"), theme.label());
                doc.block(value, 2, Style::new());
                continue;
            }
            doc.field_with_width(
                &truncate(&sanitize::line(key), key_width - 1),
                theme.label(),
                value,
                Style::new(),
                key_width,
            );
        }
        if let (Some(op), Some(rid)) = (check.operation, &check.request_id) {
            doc.field_with_width(
                "Request id",
                theme.label(),
                &format!("{rid} ({op})"),
                theme.dim(),
                key_width,
            );
        }
    }
    if check.status != Status::Pass && !check.advice.is_empty() {
        doc.blank();
        for line in &check.advice {
            doc.bullet("→", theme.accent(), line, Style::new());
        }
    }
    if check.status != Status::Pass && !check.needs.is_empty() {
        let actions: Vec<String> = check.needs.iter().map(|op| op.iam_action()).collect();
        doc.bullet(
            "→",
            theme.accent(),
            &format!("To run this check, allow {}.", actions.join(", ")),
            Style::new(),
        );
    }
    if let Some(err) = &check.error {
        let rendered = explain::explain_error(err, ctx);
        doc.blank();
        doc.para(&rendered.title, theme.error());
        doc.para(&rendered.summary, Style::new());
        if let Some(message) = &err.message {
            doc.field("Message", theme.label(), message, Style::new());
        }
        for cause in &rendered.causes {
            doc.bullet("•", theme.dim(), cause, Style::new());
        }
        for step in &rendered.next_steps {
            doc.bullet("→", theme.accent(), step, Style::new());
        }
    }
}

/// What no API answers, one bullet each: the pane's title says what they
/// are, so at 80x24 its one line is the first of them.
fn manual(doc: &mut Doc, screen: &PushPathScreen, theme: &Theme, options: &UiOptions) {
    for m in &screen.diagnosis.manual {
        doc.bullet("•", theme.dim(), &m.what, Style::new());
        if let Some(command) = &m.command {
            let command = command.render(&options.client);
            doc.bullet(" ", Style::new(), &command, theme.accent());
        }
    }
}

/// The lower pane's lines at `width`: the open detail, or the manual checks.
pub fn lower_doc(screen: &PushPathScreen, width: usize, theme: &Theme, options: &UiOptions) -> Doc {
    let mut doc = Doc::new(width);
    match screen.diagnosis.checks.get(screen.selected) {
        Some(check) if screen.detail_open => {
            detail(&mut doc, check, theme, &context(screen, options));
        }
        _ => manual(&mut doc, screen, theme, options),
    }
    doc
}

fn title(screen: &PushPathScreen, columns: usize) -> String {
    let scope = &screen.facts.scope;
    let channel = scope.channel_arn.rsplit('/').next().unwrap_or("");
    // "user/mallory": the ARN's last two parts, as the channel view shows.
    let mut parts = scope.member_arn.rsplitn(3, '/');
    let member = match (parts.next(), parts.next()) {
        (Some(id), Some(kind)) => format!("{kind}/{id}"),
        _ => shorten_arn(&scope.member_arn, 24),
    };
    let state = if screen.running {
        "checking"
    } else {
        "checked"
    };
    truncate(
        &format!(
            " Push path · {} in {} · {state} ",
            sanitize::line(&member),
            sanitize::line(channel)
        ),
        columns,
    )
}

/// "set-up read 2 min ago · r re-reads", once a set-up fact is in.
pub fn setup_age(screen: &PushPathScreen) -> Option<String> {
    let read = screen.setup_read?;
    Some(format!(
        " set-up read {} · r re-reads ",
        crate::tui::setup_cache::age_words(read, screen.now)
    ))
}

pub fn render(frame: &mut Frame, area: Rect, screen: &PushPathScreen, view: &ViewCtx) {
    let theme = view.theme;
    let Layout { top, lower } = layout(area, screen.detail_open);
    let width = inner_width(top);

    let mut lines: Vec<Line<'static>> = verdict_lines(screen, width)
        .into_iter()
        .map(|l| Line::styled(l, verdict_style(screen.diagnosis.verdict.push, theme)))
        .collect();
    while lines.len() < VERDICT_LINES {
        lines.push(Line::default());
    }
    for (i, check) in screen.diagnosis.checks.iter().enumerate() {
        if screen.detail_open && i != screen.selected {
            continue;
        }
        let row = check_row(check, view.spinner, width, theme);
        lines.push(if i == screen.selected {
            row_style(row, !screen.detail_open, theme)
        } else {
            row
        });
    }
    let mut block = Block::bordered()
        .title(title(screen, usize::from(top.width.saturating_sub(2))))
        .border_style(theme.border(!screen.detail_open));
    if let Some(age) = setup_age(screen) {
        let age = truncate(&age, usize::from(top.width.saturating_sub(2)));
        block = block.title_bottom(Line::styled(age, theme.dim()).right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), top);

    if lower.height == 0 {
        return;
    }
    let doc = lower_doc(screen, inner_width(lower), theme, view.options);
    let visible = inner_height(lower);
    let max = doc.lines.len().saturating_sub(visible);
    let offset = screen.scroll.min(max);
    let more = if max > offset { " · PgDn more" } else { "" };
    let lower_title = match screen.diagnosis.checks.get(screen.selected) {
        Some(check) if screen.detail_open => format!(" Detail: {}{more} ", check.id.id()),
        _ => format!(" Beyond these APIs, check by hand{more} "),
    };
    let shown: Vec<Line<'static>> = doc.lines.into_iter().skip(offset).take(visible).collect();
    let block = Block::bordered()
        .title(truncate(
            &lower_title,
            usize::from(lower.width.saturating_sub(2)),
        ))
        .border_style(theme.border(screen.detail_open));
    frame.render_widget(Paragraph::new(shown).block(block), lower);
}
