//! The bottom line: the keys that work right now, and a short message
//! (a confirmation, or why a key cannot act). When the keys do not all
//! fit, the lowest-ranked go first, so `t`, `c`, `p`, `u`, `y` and `e`
//! outlive `Enter`, `Tab` and `j`; the keys keep their order.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::fit::{truncate, width};
use crate::tui::keymap::{FooterKey, Rank};
use crate::tui::theme::Theme;

/// A message in the footer for a few seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    /// Said in fewer words, for when `text` does not fit.
    pub short: Option<String>,
    pub until: Instant,
    /// A warning given at start, which nobody pressed a key to expect: it
    /// stays, whatever the time, until the first key.
    pub until_key: bool,
}

const SEPARATOR: &str = " · ";

fn item_width(k: &FooterKey) -> usize {
    width(&k.key) + 1 + width(k.label)
}

fn line_width(keys: &[&FooterKey]) -> usize {
    if keys.is_empty() {
        return 0;
    }
    1 + keys.iter().map(|k| item_width(k)).sum::<usize>() + width(SEPARATOR) * (keys.len() - 1)
}

/// The keys that fit in `columns`, in their order: while too wide, the
/// last key of the lowest rank present is dropped.
pub fn fit_keys(keys: &[FooterKey], columns: usize) -> Vec<&FooterKey> {
    let mut kept: Vec<&FooterKey> = keys.iter().collect();
    while line_width(&kept) > columns {
        let lowest = kept.iter().map(|k| k.rank).min().unwrap_or(Rank::Top);
        match kept.iter().rposition(|k| k.rank == lowest) {
            Some(i) => {
                kept.remove(i);
            }
            None => break,
        }
    }
    kept
}

pub struct Footer<'a> {
    pub keys: &'a [FooterKey],
    pub toast: Option<&'a Toast>,
    pub theme: &'a Theme,
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let columns = usize::from(area.width);
        let toast = self.toast.map(|t| {
            let long = format!(" {} ", t.text);
            match &t.short {
                Some(short) if width(&long) > columns => format!(" {short} "),
                _ => long,
            }
        });
        let toast_width = toast.as_deref().map_or(0, width);
        // A message takes what it needs; the keys get the rest.
        let toast_width = if toast_width <= columns / 2 {
            toast_width
        } else {
            toast_width.min(columns)
        } as u16;
        let [keys_area, toast_area] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(toast_width)]).areas(area);
        let mut spans = vec![Span::raw(" ")];
        for (i, key) in fit_keys(self.keys, usize::from(keys_area.width))
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                spans.push(Span::styled(SEPARATOR, self.theme.dim()));
            }
            spans.push(Span::styled(key.key.clone(), self.theme.key()));
            spans.push(Span::raw(format!(" {}", key.label)));
        }
        if spans.len() > 1 {
            Paragraph::new(Line::from(spans)).render(keys_area, buf);
        }
        if let Some(text) = toast
            && toast_width > 0
        {
            let text = truncate(&text, usize::from(toast_width));
            Paragraph::new(Line::styled(text, self.theme.read_only_badge()))
                .render(toast_area, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(key: &str, label: &'static str, rank: Rank) -> FooterKey {
        FooterKey {
            key: key.into(),
            label,
            rank,
        }
    }

    fn browsing() -> Vec<FooterKey> {
        vec![
            k("?", "help", Rank::Top),
            k("q", "quit", Rank::Top),
            k("Enter", "fetch", Rank::Low),
            k("Tab", "next", Rank::Low),
            k("j", "down", Rank::Low),
            k("r", "refresh", Rank::Low),
            k("w", "watch", Rank::Low),
            k("t", "test", Rank::High),
            k("c", "channel", Rank::High),
            k("p", "push path", Rank::High),
            k("u", "member", Rank::High),
            k("y", "copy", Rank::High),
            k("e", "edit", Rank::High),
        ]
    }

    fn text(buf: &Buffer) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    #[test]
    fn at_80_columns_the_low_keys_go_first_and_the_order_stays() {
        let keys = browsing();
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 1));
        let theme = Theme::new(false);
        Footer {
            keys: &keys,
            toast: None,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        let line = text(&buf);
        assert_eq!(
            line.trim_end(),
            " ? help · q quit · t test · c channel · p push path · u member · y copy · e edit"
        );
        for must in [
            "t test",
            "c channel",
            "p push path",
            "u member",
            "y copy",
            "e edit",
            "? help",
            "q quit",
        ] {
            assert!(line.contains(must), "{must} missing: {line}");
        }
    }

    #[test]
    fn when_nothing_but_the_top_keys_fit_the_rest_goes() {
        let keys = browsing();
        let kept = fit_keys(&keys, 20);
        let names: Vec<&str> = kept.iter().map(|k| k.label).collect();
        assert_eq!(names, ["help", "quit"]);
        assert!(fit_keys(&keys, 200).len() == keys.len());
    }

    #[test]
    fn a_long_message_takes_the_line_and_a_short_form_is_used_when_it_does_not_fit() {
        let keys = browsing();
        let toast = Toast {
            until_key: false,
            text: "x".repeat(100),
            short: Some("short form".into()),
            until: Instant::now(),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 1));
        let theme = Theme::new(false);
        Footer {
            keys: &keys,
            toast: Some(&toast),
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        let line = text(&buf);
        assert!(line.contains("short form"), "{line}");
        assert!(line.contains("? help"), "{line}");
    }
}
