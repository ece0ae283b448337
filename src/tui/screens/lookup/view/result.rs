//! The result pane: the push state large and coloured, beside it what it
//! means (for FILTERED: the FilterRule itself, so the rule is on screen
//! without scrolling whatever the terminal's size), then who, where, and
//! the call's facts. ARNs too long for a row are shortened in the middle.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthChar;

use crate::explain;
use crate::output::text::plural;
use crate::sanitize;
use crate::tui::highlight::TokenLine;
use crate::tui::screens::lookup::outcome::{Loaded, Outcome};
use crate::tui::screens::lookup::state::LookupScreen;
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::wrap;
use crate::tui::widgets::fit::{fit_line, shorten_arn, truncate, width};
use crate::tui::widgets::push_state::state_text;

const BADGE_WIDTH: u16 = 14;
/// Rows beside the badge.
const MEANING_ROWS: usize = 3;
const LABEL: &str = "Member   ";

/// `18:54:02 UTC` from a wall-clock time.
pub fn clock(time: SystemTime) -> String {
    let text = humantime::format_rfc3339_seconds(time).to_string();
    text.get(11..19)
        .map_or(text.clone(), |t| format!("{t} UTC"))
}

/// `tokens` broken into lines of `columns`, at most `max_lines`; the last
/// ends in "…" when the text goes on.
pub fn wrap_tokens(
    tokens: &TokenLine,
    columns: usize,
    max_lines: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let columns = columns.max(2);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    let mut cut = false;
    'tokens: for token in tokens {
        let style = theme.token(token.kind);
        let mut piece = String::new();
        for c in token.text.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > columns {
                if let Some(line) = lines.last_mut()
                    && !piece.is_empty()
                {
                    line.push(Span::styled(std::mem::take(&mut piece), style));
                }
                if lines.len() == max_lines {
                    cut = true;
                    break 'tokens;
                }
                lines.push(Vec::new());
                used = 0;
            }
            piece.push(c);
            used += w;
        }
        if let Some(line) = lines.last_mut()
            && !piece.is_empty()
        {
            line.push(Span::styled(piece, style));
        }
    }
    let mut out: Vec<Line<'static>> = lines.into_iter().map(Line::from).collect();
    if cut && let Some(last) = out.pop() {
        out.push(end_with_ellipsis(last, columns));
    }
    out
}

/// `line` cut to leave room for a final "…", which gets the style of the
/// character before it.
fn end_with_ellipsis(line: Line<'static>, columns: usize) -> Line<'static> {
    let mut cells: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    let used = |cells: &[(char, Style)]| -> usize {
        cells.iter().map(|(c, _)| c.width().unwrap_or(0)).sum()
    };
    while !cells.is_empty() && used(&cells) + 1 > columns {
        cells.pop();
    }
    let style = cells.last().map(|(_, s)| *s).unwrap_or_default();
    cells.push(('…', style));
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (c, style) in cells {
        match spans.last_mut() {
            Some(span) if span.style == style => span.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    Line::from(spans)
}

fn arn_line(
    label: &'static str,
    name: Option<Span<'static>>,
    arn: &str,
    columns: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = vec![Span::styled(label, theme.label())];
    let mut used = width(label);
    if let Some(name) = name {
        used += name.width() + 3;
        spans.push(name);
        spans.push(Span::styled(" · ", theme.dim()));
    }
    let arn = sanitize::line(arn);
    spans.push(Span::raw(shorten_arn(&arn, columns.saturating_sub(used))));
    Line::from(spans)
}

/// What the badge says, what it means, and the facts below.
struct Shown {
    badge: String,
    badge_style: Style,
    meaning: Vec<Line<'static>>,
    facts: Vec<Line<'static>>,
}

fn meaning_lines(text: &str, columns: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, columns)
        .into_iter()
        .take(MEANING_ROWS)
        .map(|l| Line::styled(l, style))
        .collect()
}

fn loaded_shown(loaded: &Loaded, columns: usize, meaning_columns: usize, theme: &Theme) -> Shown {
    let response = &loaded.lookup.response;
    let allow = response.allow();
    let badge_style = if loaded.changes.allow {
        theme.changed()
    } else {
        theme.badge(allow)
    };
    let meaning = match &loaded.rule {
        // The rule beside the state: the first thing an engineer wants to
        // see after FILTERED, and the details pane may be scrolled away.
        Some(rule) => {
            let mut lines = vec![Line::styled(
                truncate("Pushed only for messages matching:", meaning_columns),
                Style::new(),
            )];
            lines.extend(wrap_tokens(
                &rule.compact,
                meaning_columns,
                MEANING_ROWS - 1,
                theme,
            ));
            lines
        }
        None => meaning_lines(response.push_meaning(), meaning_columns, Style::new()),
    };
    let name = response
        .member_name()
        .map(sanitize::line)
        .unwrap_or("(no name)".into())
        .into_owned();
    let name_style = if loaded.changes.name {
        theme.changed()
    } else {
        theme.bold()
    };
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
        arn_line(
            LABEL,
            Some(Span::styled(name, name_style)),
            response.member_arn().unwrap_or("(not returned)"),
            columns,
            theme,
        ),
        arn_line(
            "Channel  ",
            None,
            response.channel_arn.as_deref().unwrap_or("(not returned)"),
            columns,
            theme,
        ),
        Line::from(vec![
            Span::styled("Request  ", theme.label()),
            Span::raw(request),
        ]),
    ];
    Shown {
        badge: state_text(allow),
        badge_style,
        meaning,
        facts,
    }
}

pub fn render(frame: &mut Frame, area: Rect, screen: &LookupScreen, view: &ViewCtx) {
    let theme = view.theme;
    let mut title = vec![Span::raw(" Result ")];
    if screen.loading() {
        title.push(Span::styled(
            format!("{} fetching… (Esc cancels) ", view.spinner),
            theme.accent(),
        ));
    }
    if let Some(l) = screen.loaded()
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
    let [top, bottom] =
        Layout::vertical([Constraint::Length(MEANING_ROWS as u16), Constraint::Min(0)])
            .areas(inner);
    let [badge_area, meaning_area] =
        Layout::horizontal([Constraint::Length(BADGE_WIDTH), Constraint::Min(0)]).areas(top);
    let meaning_columns = usize::from(meaning_area.width.saturating_sub(1)).max(1);
    let columns = usize::from(inner.width);

    let simple = |badge: &str, badge_style: Style, meaning: &str, style: Style| Shown {
        badge: badge.to_string(),
        badge_style,
        meaning: meaning_lines(meaning, meaning_columns, style),
        facts: Vec::new(),
    };
    let shown = match &screen.outcome {
        Outcome::Empty if screen.loading() => simple(
            "…",
            theme.badge(None),
            "Fetching preferences…",
            theme.accent(),
        ),
        Outcome::Empty => simple(
            "—",
            theme.dim(),
            if view.options.demo {
                "Pick a demo member in History (j/k, Enter), or type ARNs in the form."
            } else {
                "Paste a channel ARN and a member ARN above, then press Enter."
            },
            theme.dim(),
        ),
        Outcome::Invalid(problems) => simple(
            "INVALID",
            theme.error_badge(),
            &format!(
                "{} in the form: nothing was sent. See below for the fix.",
                plural(problems.len() as u64, "problem")
            ),
            theme.error(),
        ),
        Outcome::Loaded(loaded) => loaded_shown(loaded, columns, meaning_columns, theme),
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
                arn_line(LABEL, None, &failed.target.member_arn, columns, theme),
                Line::from(vec![
                    Span::styled("Request  ", theme.label()),
                    Span::raw(format!(
                        "{} · {}",
                        sanitize::line(err.request_id_or_why()),
                        plural(err.attempts, "attempt")
                    )),
                ]),
            ];
            let badge_style = if failed.was_ok {
                theme.changed()
            } else {
                theme.error_badge()
            };
            Shown {
                badge: err
                    .http_status
                    .map_or("ERROR".to_string(), |s| s.to_string()),
                badge_style,
                meaning: meaning_lines(entry.title, meaning_columns, theme.error()),
                facts,
            }
        }
    };

    let pad = Line::styled(
        " ".repeat(usize::from(badge_area.width.saturating_sub(1))),
        shown.badge_style,
    );
    let label = truncate(&shown.badge, usize::from(BADGE_WIDTH.saturating_sub(3)));
    let centered = format!(
        "{label:^w$}",
        w = usize::from(BADGE_WIDTH.saturating_sub(1))
    );
    let badge = vec![pad.clone(), Line::styled(centered, shown.badge_style), pad];
    frame.render_widget(Paragraph::new(badge), badge_area);
    frame.render_widget(Paragraph::new(shown.meaning), meaning_area);
    let facts: Vec<Line> = shown
        .facts
        .into_iter()
        .map(|l| fit_line(l, columns))
        .collect();
    frame.render_widget(Paragraph::new(facts), bottom);
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

    #[test]
    fn a_rule_wraps_beside_the_badge_and_says_when_it_goes_on() {
        let theme = Theme::new(false);
        let tokens = crate::tui::highlight::highlight_json(r#"{"mention":["carol"]}"#).remove(0);
        let lines = wrap_tokens(&tokens, 10, 2, &theme);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, [r#"{"mention""#, r#":["carol"…"#]);
        let lines = wrap_tokens(&tokens, 40, 2, &theme);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].to_string(), r#"{"mention":["carol"]}"#);
    }
}
