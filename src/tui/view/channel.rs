//! The channel view: per-state counts, then one row per member, filled in
//! live as the scan reports. Only the visible rows become widgets.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::doc::truncate;
use crate::explain;
use crate::model::AllowNotifications;
use crate::sanitize;
use crate::scan::{Listing, Row, RowState};
use crate::tui::state::{App, ChannelView, StateFilter};
use crate::tui::theme::Theme;

const MEMBER_COLUMN: usize = 20;
const NAME_COLUMN: usize = 22;
const STATE_COLUMN: usize = 10;

/// A column: `text` fitted to `width`, then the gap to the next.
fn pad(text: &str, width: usize) -> String {
    format!("{} ", crate::text_fit::pad(text, width))
}

fn title(view: &ChannelView) -> String {
    let channel = view
        .channel_arn
        .rsplit('/')
        .next()
        .unwrap_or(&view.channel_arn);
    let summary = view.results.summary();
    let listed = summary.listed();
    let progress = match (view.running, view.results.listing()) {
        (true, Listing::InProgress) => format!(
            "scanning: {} read, {listed} listed so far",
            summary.finished()
        ),
        (true, _) => format!("scanning: {} of {listed} read", summary.finished()),
        (false, _) if view.results.is_complete() => {
            let secs = view
                .last_event
                .saturating_duration_since(view.started)
                .as_secs_f64();
            format!("{listed} members read in {secs:.1} s")
        }
        (false, _) => format!(
            "stopped: {} of {listed} listed members read (partial)",
            summary.finished()
        ),
    };
    let rate = view
        .rate()
        .map(|r| format!(" · {r:.0}/s"))
        .unwrap_or_default();
    let hidden = if view.include_hidden {
        " (with HIDDEN)"
    } else {
        ""
    };
    format!(
        " Channel {}{hidden} · {progress}{rate} ",
        sanitize::line(channel)
    )
}

fn counts_line(view: &ChannelView, theme: &Theme) -> Line<'static> {
    let s = view.results.summary();
    let counts = [
        (StateFilter::Everyone, s.listed(), Style::new()),
        (
            StateFilter::All,
            s.all,
            theme.badge(Some(&AllowNotifications::All)),
        ),
        (
            StateFilter::None,
            s.none,
            theme.badge(Some(&AllowNotifications::None)),
        ),
        (
            StateFilter::Filtered,
            s.filtered,
            theme.badge(Some(&AllowNotifications::Filtered)),
        ),
        (StateFilter::NotSet, s.not_set, theme.badge(None)),
        (StateFilter::Errors, s.errors, theme.error_badge()),
    ];
    let mut spans = Vec::new();
    for (n, (filter, count, style)) in counts.into_iter().enumerate() {
        let chosen = view.filter == filter;
        spans.push(Span::styled(format!("{n}"), theme.key()));
        let text = format!(" {} {count} ", filter.label());
        spans.push(Span::styled(
            text,
            if chosen {
                style.patch(theme.selected())
            } else {
                theme.label()
            },
        ));
        spans.push(Span::raw(" "));
    }
    if s.unknown > 0 {
        spans.push(Span::styled(
            format!("unknown {} ", s.unknown),
            theme.warning(),
        ));
    }
    if s.pending > 0 {
        spans.push(Span::styled(format!("pending {} ", s.pending), theme.dim()));
    }
    spans.push(Span::styled(
        format!("· sort: {}", view.sort.label()),
        theme.dim(),
    ));
    Line::from(spans)
}

fn row_line(channel_arn: &str, row: &Row, width: usize, theme: &Theme) -> Line<'static> {
    let member = row
        .member
        .arn
        .as_deref()
        .map(|arn| crate::arn::member_in_channel(channel_arn, arn))
        .unwrap_or("(no ARN)");
    let name = row.member.name.as_deref().unwrap_or("");
    let (state, state_style, detail) = match &row.state {
        RowState::Pending => ("…".to_string(), theme.dim(), String::new()),
        RowState::Read(lookup) => {
            let allow = lookup.response.allow();
            let state = allow.map_or("NOT SET".to_string(), |a| {
                sanitize::line(a.as_wire()).into_owned()
            });
            let rule = lookup
                .response
                .filter_rule()
                .map(|r| sanitize::line(&r.raw).into_owned())
                .unwrap_or_default();
            (state, theme.badge(allow), rule)
        }
        RowState::Failed(err) => {
            let status = err.http_status.map(|s| format!("{s} ")).unwrap_or_default();
            let title = explain::explain(err.operation, err.kind).title;
            (
                "ERROR".to_string(),
                theme.error_badge(),
                format!("{status}{} · {title}", sanitize::line(&err.display_code())),
            )
        }
    };
    let rest = width.saturating_sub(MEMBER_COLUMN + NAME_COLUMN + STATE_COLUMN + 3);
    Line::from(vec![
        Span::raw(pad(&sanitize::line(member), MEMBER_COLUMN)),
        Span::raw(pad(&sanitize::line(name), NAME_COLUMN)),
        Span::styled(pad(&state, STATE_COLUMN), state_style),
        Span::styled(truncate(&detail, rest), theme.dim()),
    ])
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(view) = app.channel_view() else {
        return;
    };
    let mut block = Block::bordered()
        .title(title(view))
        .border_style(theme.border(true));
    let mut bottom = Vec::new();
    if let Some(err) = view.results.listing_error() {
        let entry = explain::explain(err.operation, err.kind);
        bottom.push(Span::styled(
            format!(
                " listing stopped: {} ({}); members listed before are still read ",
                entry.title,
                sanitize::line(&err.display_code())
            ),
            theme.error(),
        ));
    }
    if view.results.throttled() > 0 {
        let pace = view
            .results
            .pace()
            .map(|p| format!(", pace {p:.0}/s"))
            .unwrap_or_default();
        bottom.push(Span::styled(
            format!(" throttled {}×{pace} ", view.results.throttled()),
            theme.warning(),
        ));
    }
    if !bottom.is_empty() {
        block = block.title_bottom(Line::from(bottom));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let mut lines = vec![
        counts_line(view, theme),
        Line::styled(
            format!(
                "{}{}{}{}",
                pad("Member", MEMBER_COLUMN),
                pad("Name", NAME_COLUMN),
                pad("State", STATE_COLUMN),
                "FilterRule / error"
            ),
            theme.bold(),
        ),
    ];
    let shown = view.visible_rows();
    if shown.is_empty() {
        let text = if view.results.rows().is_empty() && view.running {
            "Listing members…".to_string()
        } else {
            view.filter.empty_note().to_string()
        };
        lines.push(Line::styled(text, theme.dim()));
    }
    let rows = height.saturating_sub(2);
    let all = view.results.rows();
    for (position, &index) in shown.iter().enumerate().skip(view.offset).take(rows) {
        let mut line = row_line(&view.channel_arn, &all[index], width, theme);
        if position == view.selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
