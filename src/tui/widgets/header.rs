//! The top line: where requests go (profile, region, endpoint), what is
//! running, and the READ-ONLY badge.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::fit::truncate;
use crate::sanitize;
use crate::tui::theme::Theme;

pub struct Header<'a> {
    pub demo: bool,
    pub profile: Option<&'a str>,
    /// The region calls go to; `None` when no channel ARN says it yet.
    pub region: Option<&'a str>,
    pub endpoint: &'a str,
    /// The spinner frame, while a lookup runs.
    pub fetching: Option<&'a str>,
    /// The watch interval in seconds, while watching.
    pub watch: Option<u64>,
    pub theme: &'a Theme,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut right: Vec<Span> = Vec::new();
        if let Some(frame) = self.fetching {
            right.push(Span::styled(format!(" {frame} fetching "), theme.accent()));
        }
        if let Some(secs) = self.watch {
            right.push(Span::styled(format!(" ◉ WATCH {secs}s "), theme.warning()));
        }
        right.push(Span::styled(" READ-ONLY ", theme.read_only_badge()));
        let right_width: u16 = right.iter().map(|s| s.width() as u16).sum();

        let mut left = vec![Span::styled(" chime-prefs ", theme.bold())];
        if self.demo {
            left.push(Span::styled("DEMO ", theme.warning()));
        }
        let profile = self.profile.unwrap_or("default chain");
        let region = self.region.unwrap_or("from ARN");
        left.push(Span::styled("│ profile ", theme.dim()));
        left.push(Span::raw(sanitize::line(profile).into_owned()));
        left.push(Span::styled(" │ region ", theme.dim()));
        left.push(Span::raw(sanitize::line(region).into_owned()));
        left.push(Span::styled(" │ ", theme.dim()));
        let used: usize = left.iter().map(Span::width).sum();
        let room = usize::from(area.width.saturating_sub(right_width)).saturating_sub(used + 1);
        left.push(Span::raw(truncate(&sanitize::line(self.endpoint), room)));

        let [l, r] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
        Paragraph::new(Line::from(left))
            .style(theme.header())
            .render(l, buf);
        Paragraph::new(Line::from(right))
            .style(theme.header())
            .render(r, buf);
    }
}
