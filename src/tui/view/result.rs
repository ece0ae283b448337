//! The result pane: AllowNotifications large and coloured with what it
//! means, then who, where, and the call's facts.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::SPINNER;
use super::doc::{truncate, wrap};
use crate::explain;
use crate::output::text::plural;
use crate::sanitize;
use crate::tui::state::{App, Outcome};
use crate::tui::theme::Theme;

const BADGE_WIDTH: u16 = 14;

/// `18:54:02 UTC` from a wall-clock time.
pub fn clock(time: SystemTime) -> String {
    let text = humantime::format_rfc3339_seconds(time).to_string();
    text.get(11..19)
        .map_or(text.clone(), |t| format!("{t} UTC"))
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut title = vec![Span::raw(" Result ")];
    if app.loading() {
        title.push(Span::styled(
            format!(
                "{} fetching… (Esc cancels) ",
                SPINNER[app.spinner % SPINNER.len()]
            ),
            theme.accent(),
        ));
    }
    if let Some(l) = app.loaded()
        && l.changes.any()
    {
        title.push(Span::styled(" changed since last fetch ", theme.changed()));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.border(false));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let [top, bottom] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(inner);
    let [badge_area, meaning_area] =
        Layout::horizontal([Constraint::Length(BADGE_WIDTH), Constraint::Min(0)]).areas(top);
    let meaning_width = usize::from(meaning_area.width.saturating_sub(1)).max(1);
    let width = usize::from(inner.width);

    let (badge_text, badge_style, meaning, meaning_style, facts): (
        String,
        Style,
        String,
        Style,
        Vec<Line>,
    ) = match &app.outcome {
        Outcome::Empty if app.loading() => (
            "…".into(),
            theme.badge(None),
            "Fetching preferences…".into(),
            theme.accent(),
            Vec::new(),
        ),
        Outcome::Empty => (
            "—".into(),
            theme.dim(),
            if app.options.demo {
                "Pick a demo member in History (j/k, Enter), or type ARNs in the form.".into()
            } else {
                "Paste a channel ARN and a member ARN above, then press Enter.".into()
            },
            theme.dim(),
            Vec::new(),
        ),
        Outcome::Invalid(problems) => (
            "INVALID".into(),
            theme.error_badge(),
            format!(
                "{} in the form: nothing was sent. See below for the fix.",
                plural(problems.len() as u64, "problem")
            ),
            theme.error(),
            Vec::new(),
        ),
        Outcome::Loaded(loaded) => {
            let response = &loaded.lookup.response;
            let allow = response.allow();
            let badge = allow.map_or("NOT SET".to_string(), |a| {
                sanitize::line(a.as_wire()).into_owned()
            });
            let meaning = response.push_meaning().to_string();
            let badge_style = if loaded.changes.allow {
                theme.changed()
            } else {
                theme.badge(allow)
            };
            let name = response
                .member_name()
                .map(sanitize::line)
                .unwrap_or("(no name)".into());
            let name_style = if loaded.changes.name {
                theme.changed()
            } else {
                theme.bold()
            };
            let member_arn = response
                .member_arn()
                .map(sanitize::line)
                .unwrap_or("(not returned)".into());
            let channel = response
                .channel_arn
                .as_deref()
                .map(sanitize::line)
                .unwrap_or("(not returned)".into());
            let meta = &loaded.lookup.meta;
            let request = format!(
                "{} · {} ms · {} · {}",
                meta.request_id
                    .as_deref()
                    .map(sanitize::line)
                    .unwrap_or("(no request id)".into()),
                meta.latency.as_millis(),
                plural(meta.attempts, "attempt"),
                clock(meta.fetched_at)
            );
            let facts = vec![
                Line::from(vec![
                    Span::styled("Member   ", theme.label()),
                    Span::styled(name.into_owned(), name_style),
                    Span::styled(" · ", theme.dim()),
                    Span::raw(member_arn.into_owned()),
                ]),
                Line::from(vec![
                    Span::styled("Channel  ", theme.label()),
                    Span::raw(channel.into_owned()),
                ]),
                Line::from(vec![
                    Span::styled("Request  ", theme.label()),
                    Span::raw(request),
                ]),
            ];
            (badge, badge_style, meaning, Style::new(), facts)
        }
        Outcome::Failed(failed) => {
            let err = &failed.error;
            let entry = explain::explain(err.operation, err.kind);
            let status = err
                .http_status
                .map_or("no HTTP response".to_string(), |s| format!("HTTP {s}"));
            let facts = vec![
                Line::from(vec![
                    Span::styled("Error    ", theme.label()),
                    Span::styled(
                        format!("{status} · {}", sanitize::line(&err.display_code())),
                        theme.error(),
                    ),
                    Span::styled(
                        format!(
                            " · retry {}",
                            if err.retryable() {
                                "may help"
                            } else {
                                "won't help"
                            }
                        ),
                        theme.dim(),
                    ),
                ]),
                Line::from(vec![
                    Span::styled("Member   ", theme.label()),
                    Span::raw(sanitize::line(&failed.target.member_arn).into_owned()),
                ]),
                Line::from(vec![
                    Span::styled("Request  ", theme.label()),
                    Span::raw(format!(
                        "{} · {}",
                        err.request_id
                            .as_deref()
                            .map(sanitize::line)
                            .unwrap_or("(none: no response reached the service)".into()),
                        plural(err.attempts, "attempt")
                    )),
                ]),
            ];
            let badge_style = if failed.was_ok {
                theme.changed()
            } else {
                theme.error_badge()
            };
            (
                err.http_status
                    .map_or("ERROR".to_string(), |s| s.to_string()),
                badge_style,
                entry.title.to_string(),
                theme.error(),
                facts,
            )
        }
    };

    let pad = Line::styled(
        " ".repeat(usize::from(badge_area.width.saturating_sub(1))),
        badge_style,
    );
    let label = truncate(&badge_text, usize::from(BADGE_WIDTH.saturating_sub(3)));
    let centered = format!(
        "{label:^w$}",
        w = usize::from(BADGE_WIDTH.saturating_sub(1))
    );
    let badge = vec![pad.clone(), Line::styled(centered, badge_style), pad];
    frame.render_widget(Paragraph::new(badge), badge_area);

    let meaning_lines: Vec<Line> = wrap(&meaning, meaning_width)
        .into_iter()
        .take(3)
        .map(|l| Line::styled(l, meaning_style))
        .collect();
    frame.render_widget(Paragraph::new(meaning_lines), meaning_area);

    let facts: Vec<Line> = facts.into_iter().map(|l| fit(l, width)).collect();
    frame.render_widget(Paragraph::new(facts), bottom);
}

/// Cut a line's spans to `width` columns, with "…" where cut.
fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            spans.push(span);
        } else {
            let cut = truncate(&span.content, width.saturating_sub(used));
            spans.push(Span::styled(cut, span.style));
            break;
        }
    }
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn clock_is_utc_time_of_day() {
        assert_eq!(
            clock(UNIX_EPOCH + Duration::from_secs(3600 + 62)),
            "01:01:02 UTC"
        );
    }
}
