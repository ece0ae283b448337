//! Drawing the channel screen: per-state counts, then one row per member,
//! filled in live as the scan reports. Only the visible rows become
//! widgets. When the listing fails before any member is listed, the table
//! gives way to what failed and what to do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::counts::{self, CountKind};
use super::state::ChannelScreen;
use crate::error::CallError;
use crate::explain::{self, Context};
use crate::model::{AllowNotifications, PushState};
use crate::output::text::plural;
use crate::sanitize;
use crate::scan::{Listing, Row};
use crate::tui::region;
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::Doc;
use crate::tui::widgets::filter_input;
use crate::tui::widgets::fit::{pad as fit_pad, shorten_arn, truncate};
use crate::tui::widgets::list::row_style;
use crate::tui::widgets::push_state::row_cells;

const MEMBER_COLUMN: usize = 20;
const NAME_COLUMN: usize = 22;
const STATE_COLUMN: usize = 10;

/// A column: `text` fitted to `width`, then the gap to the next.
fn pad(text: &str, width: usize) -> String {
    format!("{} ", fit_pad(text, width))
}

fn channel_name(screen: &ChannelScreen) -> &str {
    screen
        .channel_arn
        .rsplit('/')
        .next()
        .unwrap_or(&screen.channel_arn)
}

/// The title in at most `columns`: the rate goes first, then the words.
pub fn title(screen: &ChannelScreen, columns: usize) -> String {
    let full = title_parts(screen, true);
    if crate::tui::widgets::fit::width(&full) <= columns {
        return full;
    }
    let no_rate = title_parts(screen, false);
    if crate::tui::widgets::fit::width(&no_rate) <= columns {
        return no_rate;
    }
    let summary = screen.results.summary();
    truncate(
        &format!(
            " {} · {} of {} read ",
            sanitize::line(channel_name(screen)),
            summary.finished(),
            summary.listed()
        ),
        columns,
    )
}

fn title_parts(screen: &ChannelScreen, with_rate: bool) -> String {
    let summary = screen.results.summary();
    let listed = summary.listed();
    let progress = match (screen.running, screen.results.listing()) {
        (_, Listing::Failed(err)) if listed == 0 => format!("listing failed {}", short_status(err)),
        (true, Listing::InProgress) => format!(
            "scanning: {} read, {listed} listed so far",
            summary.finished()
        ),
        (true, _) => format!("scanning: {} of {listed} read", summary.finished()),
        (false, _) if screen.results.is_complete() => {
            let secs = screen
                .last_event
                .saturating_duration_since(screen.started)
                .as_secs_f64();
            format!("{} read in {secs:.1} s", plural(listed as u64, "member"))
        }
        // The listing failed part way: nothing was stopped.
        (false, Listing::Failed(err)) => format!(
            "listing failed {}: {} of {listed} listed read (partial)",
            short_status(err),
            summary.finished()
        ),
        (false, _) if listed == 0 => "stopped before any member was listed".to_string(),
        (false, _) => format!(
            "stopped: {} of {listed} listed members read (partial)",
            summary.finished()
        ),
    };
    let rate = screen
        .rate()
        .filter(|_| with_rate)
        .map(|r| format!(" · {r:.0}/s"))
        .unwrap_or_default();
    let hidden = if screen.include_hidden {
        " (with HIDDEN)"
    } else {
        ""
    };
    format!(
        " Channel {}{hidden} · {progress}{rate} ",
        sanitize::line(channel_name(screen))
    )
}

fn short_status(err: &CallError) -> String {
    let code = sanitize::line(&err.display_code()).into_owned();
    match err.http_status {
        Some(status) => format!("({status} {code})"),
        None => format!("({code})"),
    }
}

/// The counts, wrapped to as many rows as they need.
pub fn counts_lines(screen: &ChannelScreen, columns: usize, theme: &Theme) -> Vec<Line<'static>> {
    let items = counts::items(screen);
    counts::rows(&items, columns)
        .into_iter()
        .map(|row| {
            let mut spans = Vec::new();
            for item in row {
                if let Some(key) = item.key {
                    spans.push(Span::styled(key.to_string(), theme.key()));
                }
                let style = match item.kind {
                    CountKind::Filter(filter) => {
                        let base = match filter.state() {
                            Some(PushState::All) => theme.badge(Some(&AllowNotifications::All)),
                            Some(PushState::None) => theme.badge(Some(&AllowNotifications::None)),
                            Some(PushState::Filtered) => {
                                theme.badge(Some(&AllowNotifications::Filtered))
                            }
                            Some(_) => theme.badge(None),
                            None if filter == super::filter::StateFilter::Errors => {
                                theme.error_badge()
                            }
                            None => Style::new(),
                        };
                        if filter == screen.filter {
                            // The chosen filter wears its state's colour.
                            if base == Style::new() {
                                theme.selected()
                            } else {
                                base
                            }
                        } else {
                            theme.label()
                        }
                    }
                    CountKind::Unknown => theme.warning(),
                    CountKind::Pending | CountKind::Sort => theme.dim(),
                };
                spans.push(Span::styled(item.text.clone(), style));
                spans.push(Span::raw(" "));
            }
            Line::from(spans)
        })
        .collect()
}

fn row_line(channel_arn: &str, row: &Row, width: usize, theme: &Theme) -> Line<'static> {
    let member = row
        .member
        .arn
        .as_deref()
        .map(|arn| crate::arn::member_in_channel(channel_arn, arn))
        .unwrap_or("(no ARN)");
    let name = row.member.name.as_deref().unwrap_or("");
    let (state, state_style, detail) = row_cells(&row.state, theme);
    let rest = width.saturating_sub(MEMBER_COLUMN + NAME_COLUMN + STATE_COLUMN + 3);
    let member = shorten_arn(&sanitize::line(member), MEMBER_COLUMN);
    Line::from(vec![
        Span::raw(pad(&member, MEMBER_COLUMN)),
        Span::raw(pad(&sanitize::line(name), NAME_COLUMN)),
        Span::styled(pad(&state, STATE_COLUMN), state_style),
        Span::styled(truncate(&detail, rest), theme.dim()),
    ])
}

/// The listing failed before any member was listed: say which call
/// failed, what it needs, who may make it, and what to do.
pub fn listing_failure(
    screen: &ChannelScreen,
    err: &CallError,
    view: &ViewCtx,
    columns: usize,
) -> Vec<Line<'static>> {
    let theme = view.theme;
    let op = err.operation;
    let mut doc = Doc::new(columns);
    let status = err
        .http_status
        .map(|s| format!("HTTP {s} "))
        .unwrap_or_default();
    doc.para(
        &format!(
            "{op} failed ({status}{}): no member could be listed, so no preferences were read.",
            err.display_code()
        ),
        theme.error(),
    );
    if let Some(message) = &err.message {
        doc.field("Message", theme.label(), message, Style::new());
    }
    if let Some(detail) = &err.detail {
        doc.field("Detail", theme.label(), detail, Style::new());
    }
    doc.field(
        "Request id",
        theme.label(),
        err.request_id_or_why(),
        Style::new(),
    );
    doc.field("IAM action", theme.label(), &op.iam_action(), Style::new());
    doc.field(
        "Who may list",
        theme.label(),
        op.who_may_call(),
        Style::new(),
    );
    doc.field(
        "Listed as",
        theme.label(),
        crate::arn::member_in_channel(&screen.channel_arn, &screen.bearer_arn),
        Style::new(),
    );
    doc.blank();
    let client = &view.options.client;
    let region = region::region_used(client, Some(&screen.channel_arn));
    let ctx = Context {
        profile: client.profile.as_deref(),
        run: Some(client),
        region: err.region.as_deref().or(region.as_deref()),
        member: Some(&screen.bearer_arn),
        bearer: Some(&screen.bearer_arn),
        channel: Some(&screen.channel_arn),
    };
    let rendered = explain::explain_error(err, &ctx);
    doc.para("What to do", theme.bold());
    doc.bullet(
        "-",
        theme.dim(),
        &format!(
            "List as someone who may: put their ARN in the form's Bearer field (Esc, then e) and press c, or press R to scan again as {}. Your IAM principal needs {}.",
            crate::arn::member_in_channel(&screen.channel_arn, &screen.bearer_arn),
            op.iam_action()
        ),
        Style::new(),
    );
    for step in &rendered.next_steps {
        doc.bullet("-", theme.dim(), step, Style::new());
    }
    doc.lines
}

pub fn render(frame: &mut Frame, area: Rect, screen: &ChannelScreen, view: &ViewCtx) {
    let theme = view.theme;
    let mut block = Block::bordered()
        .title(title(screen, usize::from(area.width.saturating_sub(2))))
        .border_style(theme.border(true));
    let listed = screen.results.summary().listed();
    let mut bottom = Vec::new();
    let shown = screen.visible_rows();
    let columns = usize::from(area.width.saturating_sub(2));
    bottom.extend(filter_input::status_span(
        screen,
        shown.len(),
        columns,
        theme,
    ));
    if let Some(err) = screen.results.listing_error()
        && listed > 0
    {
        bottom.push(Span::styled(
            format!(
                " listing stopped: {} failed {}; the {} listed before are read ",
                err.operation,
                short_status(err),
                plural(listed as u64, "member")
            ),
            theme.error(),
        ));
    }
    if screen.results.throttled() > 0 {
        let pace = screen
            .results
            .pace()
            .map(|p| format!(", pace {p:.0}/s"))
            .unwrap_or_default();
        bottom.push(Span::styled(
            format!(" throttled {}×{pace} ", screen.results.throttled()),
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
    if let Some(err) = screen.results.listing_error()
        && listed == 0
    {
        let lines = listing_failure(screen, err, view, width);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let mut lines = counts_lines(screen, width, theme);
    lines.push(Line::styled(
        format!(
            "{}{}{}{}",
            pad("Member", MEMBER_COLUMN),
            pad("Name", NAME_COLUMN),
            pad("State", STATE_COLUMN),
            "FilterRule / error"
        ),
        theme.bold(),
    ));
    if shown.is_empty() {
        let text = if let Some(note) = filter_input::empty_note(screen) {
            note
        } else if listed == 0 && screen.running {
            "Listing members…".to_string()
        } else if listed == 0 {
            "No member was listed.".to_string()
        } else {
            screen.filter.empty_note()
        };
        lines.push(Line::styled(text, theme.dim()));
    }
    let rows = height.saturating_sub(lines.len());
    let all = screen.results.rows();
    for position in screen.cursor.window(shown.len(), rows) {
        let mut line = row_line(&screen.channel_arn, &all[shown[position]], width, theme);
        if position == screen.cursor.selected() {
            line = row_style(line, true, theme);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
