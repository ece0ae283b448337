//! The top line: where requests go (profile, region, endpoint), what is
//! running, and the READ-ONLY badge. A screen shown from a saved report
//! says instead when it was captured, and OFFLINE.

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
    /// "captured at T · age" when the screen on top is a saved report:
    /// shown instead of where calls go, since it makes none.
    pub captured: Option<&'a str>,
    pub theme: &'a Theme,
}

impl Header<'_> {
    /// The right side: what is running, and the badge. `short` drops words.
    fn right(&self, short: bool) -> Vec<Span<'static>> {
        let theme = self.theme;
        let mut right: Vec<Span> = Vec::new();
        if let Some(frame) = self.fetching {
            let text = if short {
                format!(" {frame} ")
            } else {
                format!(" {frame} fetching ")
            };
            right.push(Span::styled(text, theme.accent()));
        }
        if let Some(secs) = self.watch {
            let text = if short {
                format!(" ◉ {secs}s ")
            } else {
                format!(" ◉ WATCH {secs}s ")
            };
            right.push(Span::styled(text, theme.warning()));
        }
        if self.captured.is_some() {
            right.push(Span::styled(
                " OFFLINE ",
                theme.warning().patch(theme.bold()),
            ));
        }
        right.push(Span::styled(" READ-ONLY ", theme.read_only_badge()));
        right
    }

    /// The left side without the endpoint: labels (`profile`, `region`)
    /// and the profile go when there is no room; the region stays.
    fn left(&self, labels: bool, profile: bool) -> Vec<Span<'static>> {
        let theme = self.theme;
        let mut left = vec![Span::styled(" chime-prefs ", theme.bold())];
        if self.demo {
            left.push(Span::styled("DEMO ", theme.warning()));
        }
        if let Some(captured) = self.captured {
            left.push(Span::styled("│ ", theme.dim()));
            left.push(Span::styled(
                sanitize::line(captured).into_owned(),
                theme.accent(),
            ));
            return left;
        }
        let label = |word: &'static str| if labels { word } else { "" };
        if profile {
            let name = self.profile.unwrap_or("default chain");
            left.push(Span::styled(
                format!("│ {}", label("profile ")),
                theme.dim(),
            ));
            left.push(Span::raw(sanitize::line(name).into_owned()));
            left.push(Span::raw(" "));
        }
        left.push(Span::styled(format!("│ {}", label("region ")), theme.dim()));
        left.push(Span::raw(
            sanitize::line(self.region.unwrap_or("from ARN")).into_owned(),
        ));
        left.push(Span::styled(" │ ", theme.dim()));
        left
    }
}

fn width_of(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let columns = usize::from(area.width);
        // The fullest form that fits; the last one is used regardless.
        let forms = [
            (true, false, true),
            (true, true, true),
            (false, true, true),
            (false, true, false),
        ];
        let (mut left, right) = forms
            .iter()
            .map(|&(labels, short, profile)| (self.left(labels, profile), self.right(short)))
            .find(|(l, r)| width_of(l) + width_of(r) <= columns)
            .unwrap_or_else(|| (self.left(false, false), self.right(true)));
        let right_width = width_of(&right) as u16;
        let room = columns
            .saturating_sub(usize::from(right_width))
            .saturating_sub(width_of(&left) + 1);
        if self.captured.is_none() {
            left.push(Span::raw(truncate(&sanitize::line(self.endpoint), room)));
        }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(header: Header, width: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        header.render(buf.area, &mut buf);
        (0..width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    #[test]
    fn the_header_names_where_calls_go_and_the_badge_stays() {
        let theme = Theme::new(false);
        let header = |fetching| Header {
            demo: true,
            profile: None,
            region: Some("eu-central-1"),
            endpoint: "https://messaging-chime.eu-central-1.amazonaws.com",
            fetching,
            watch: Some(5),
            captured: None,
            theme: &theme,
        };
        let wide = line(header(None), 150);
        assert!(
            wide.starts_with(
                " chime-prefs DEMO │ profile default chain │ region eu-central-1 │ https://messaging-chime.eu-central-1.amazonaws.com "
            ),
            "{wide}"
        );
        assert!(wide.ends_with(" ◉ WATCH 5s  READ-ONLY "), "{wide}");
        // At 80 columns while fetching and watching, the region stays.
        let narrow = line(header(Some("⠋")), 80);
        assert!(narrow.ends_with(" ⠋  ◉ 5s  READ-ONLY "), "{narrow}");
        assert!(narrow.contains("eu-central-1"), "{narrow}");
        assert!(line(header(None), 60).contains("eu-central-1"));
    }

    #[test]
    fn a_saved_report_says_when_it_was_captured_instead_of_where_calls_go() {
        let theme = Theme::new(false);
        let header = Header {
            demo: false,
            profile: Some("support"),
            region: Some("us-east-1"),
            endpoint: "http://127.0.0.1:4566",
            fetching: None,
            watch: None,
            captured: Some("captured at 2026-11-30T00:53:20Z · 3 d ago"),
            theme: &theme,
        };
        let text = line(header, 80);
        assert!(
            text.starts_with(" chime-prefs │ captured at 2026-11-30T00:53:20Z · 3 d ago "),
            "{text}"
        );
        assert!(text.ends_with(" OFFLINE  READ-ONLY "), "{text}");
        assert!(
            !text.contains("127.0.0.1") && !text.contains("support"),
            "{text}"
        );
    }
}
