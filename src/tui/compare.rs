//! `d` on the push-path, member and channel screens: what changed between
//! the screen's report and the last saved report of the same subject (the
//! same kind, channel and member), in a scrollable pane over the screen
//! with both capture times. "It worked last week", answered where the
//! investigation happens.
//!
//! Finding and reading the saved report is I/O: `d` asks the runtime for
//! it ([`Effect::FindSaved`](crate::tui::msg::Effect)), which answers with
//! [`Msg::LastSaved`](crate::tui::msg::Msg); the comparison itself is
//! `crate::report::diff::compare`, pure, done by the update function.
//! This module holds the pane's state and draws it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::job::{JobId, JobIds};
use super::msg::{Effect, Found};
use super::theme::Theme;
use super::widgets::doc::Doc;
use super::widgets::fit::truncate;
use super::widgets::{inner_height, inner_width};
use crate::report::diff::Changes;
use crate::report::{Report, ReportKind, Subject};
use crate::sanitize;

/// The comparison, from `d` until it is closed.
#[derive(Debug, Clone, PartialEq)]
pub enum Compare {
    /// The runtime looks for the last saved report; `current` is the
    /// screen's report when `d` was pressed. An answer of another id is
    /// stale.
    Finding { id: JobId, current: Box<Report> },
    /// The changes, shown over the screen.
    Shown(ComparePane),
}

/// The pane: the changes and how far it is scrolled.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparePane {
    pub changes: Box<Changes>,
    /// First visible line.
    pub scroll: usize,
}

impl ComparePane {
    pub fn new(changes: Changes) -> ComparePane {
        ComparePane {
            changes: Box::new(changes),
            scroll: 0,
        }
    }

    /// Scroll by `delta` lines within what the pane holds in `area`.
    pub fn scroll_by(&mut self, delta: isize, area: Rect) {
        let lines = lines(&self.changes, inner_width(area), &Theme::new(false)).len();
        let max = lines.saturating_sub(inner_height(area));
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }
}

/// `d`: look for the last saved report of the screen's `current` one.
/// `Err` says why there is nothing to compare (nothing read yet).
pub fn start(current: Option<Report>, ids: &mut JobIds) -> Result<(Compare, Effect), String> {
    let Some(current) = current else {
        return Err("d compares the screen's report, and nothing has been read yet".to_string());
    };
    let id = ids.next_id();
    let effect = Effect::FindSaved {
        id,
        subject: Box::new(current.subject.clone()),
    };
    let finding = Compare::Finding {
        id,
        current: Box::new(current),
    };
    Ok((finding, effect))
}

/// The runtime's answer to `d` about `current`: the pane of changes, or
/// what to say instead.
/// `rerun` is the key that runs the screen again (`r` on the push path and
/// on a saved report, `R` on a live list).
pub fn answer(
    current: Report,
    result: Result<Found, String>,
    rerun: char,
) -> Result<ComparePane, String> {
    let found = result?;
    let Found::Report(saved) = found else {
        return Err(nothing_to_compare(&found, &current.subject, rerun));
    };
    let (old, new) = in_time_order(*saved, current);
    crate::report::diff::compare(&old, &new)
        .map(ComparePane::new)
        .map_err(|e| e.to_string())
}

/// The two reports in time order: the older is "old", whichever of them
/// is on screen.
pub fn in_time_order(saved: Report, current: Report) -> (Report, Report) {
    let at = |r: &Report| crate::report::subject::parse_time(&r.subject.captured_at);
    if at(&saved) <= at(&current) {
        (saved, current)
    } else {
        (current, saved)
    }
}

/// "this member on this channel", "this member", "this channel".
fn subject_words(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Diagnose => "this member on this channel",
        ReportKind::Member => "this member",
        ReportKind::Scan => "this channel",
    }
}

/// What `d` says when there is nothing to compare with.
pub fn nothing_to_compare(found: &Found, current: &Subject, rerun: char) -> String {
    let words = subject_words(current.kind);
    match found {
        Found::OnlyThisOne => format!(
            "the only saved report of {words} is this one (captured {}): {rerun} runs it again, then d compares",
            sanitize::line(&current.captured_at)
        ),
        _ => format!("no saved report of {words} yet: s saves one"),
    }
}

/// The pane's lines at `width`: the changes as text (server text
/// sanitised by `Changes::to_text`), each change's line coloured by how
/// much it matters.
pub fn lines(changes: &Changes, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width);
    for line in changes.to_text().lines() {
        let style = match line.trim_start().split(']').next() {
            Some("[blocks") => theme.error().patch(theme.bold()),
            Some("[worse") => theme.warning(),
            Some("[better") => theme.ok(),
            _ if !line.starts_with(' ') => theme.bold(),
            _ => Style::new(),
        };
        doc.block(line, 0, style);
    }
    doc.lines
}

/// The pane's title: both times.
fn title(changes: &Changes) -> String {
    format!(
        " Changes from {} to {} ",
        sanitize::line(changes.old.captured_at()),
        sanitize::line(changes.new.captured_at())
    )
}

/// Draw the pane in `area`, over the screen.
pub fn render(frame: &mut Frame, area: Rect, pane: &ComparePane, theme: &Theme) {
    let all = lines(&pane.changes, inner_width(area), theme);
    let visible = inner_height(area);
    let max = all.len().saturating_sub(visible);
    let offset = pane.scroll.min(max);
    let more = if max > offset { "PgDn more · " } else { "" };
    let columns = usize::from(area.width.saturating_sub(2));
    let block = Block::bordered()
        .title(truncate(&title(&pane.changes), columns))
        .title_bottom(
            Line::styled(
                truncate(&format!(" {more}Esc closes "), columns),
                theme.dim(),
            )
            .right_aligned(),
        )
        .border_style(theme.border(true));
    let shown: Vec<Line<'static>> = all.into_iter().skip(offset).take(visible).collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn nothing_to_compare_names_the_screens_own_rerun_key() {
        let mut subject = Subject::new(ReportKind::Member, SystemTime::UNIX_EPOCH);
        let only = nothing_to_compare(&Found::OnlyThisOne, &subject, 'R');
        assert_eq!(
            only,
            "the only saved report of this member is this one (captured 1970-01-01T00:00:00Z): R runs it again, then d compares"
        );
        subject.kind = ReportKind::Scan;
        assert_eq!(
            nothing_to_compare(&Found::Nothing, &subject, 'R'),
            "no saved report of this channel yet: s saves one"
        );
    }
}
