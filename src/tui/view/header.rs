//! The top line: where requests go, and the READ-ONLY badge.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::SPINNER;
use super::doc::truncate;
use crate::sanitize;
use crate::tui::state::App;
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let client = &app.options.client;
    let mut right: Vec<Span> = Vec::new();
    if app.loading() {
        right.push(Span::styled(
            format!(" {} fetching ", SPINNER[app.spinner % SPINNER.len()]),
            theme.accent(),
        ));
    }
    if app.watch.enabled {
        right.push(Span::styled(
            format!(" ◉ WATCH {}s ", app.watch.interval.as_secs()),
            theme.warning(),
        ));
    }
    right.push(Span::styled(" READ-ONLY ", theme.read_only_badge()));
    let right_width: u16 = right.iter().map(|s| s.width() as u16).sum();

    let mut left = vec![Span::styled(" chime-prefs ", theme.bold())];
    if app.options.demo {
        left.push(Span::styled("DEMO ", theme.warning()));
    }
    let profile = client.profile.as_deref().unwrap_or("default chain");
    let region = client.region.as_deref().unwrap_or("from ARN");
    left.push(Span::styled("│ profile ", theme.dim()));
    left.push(Span::raw(sanitize::line(profile).into_owned()));
    left.push(Span::styled(" │ region ", theme.dim()));
    left.push(Span::raw(sanitize::line(region).into_owned()));
    left.push(Span::styled(" │ ", theme.dim()));
    let used: usize = left.iter().map(Span::width).sum();
    let room = usize::from(area.width.saturating_sub(right_width)).saturating_sub(used + 1);
    left.push(Span::raw(truncate(&sanitize::line(&client.endpoint), room)));

    let [l, r] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.header()), l);
    frame.render_widget(Paragraph::new(Line::from(right)).style(theme.header()), r);
}
