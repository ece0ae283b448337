//! Styles. With NO_COLOR set, every colour is dropped and only bold,
//! reverse and underline remain, so states stay distinguishable.

use ratatui::style::{Color, Modifier, Style};

use super::highlight::TokenKind;
use crate::model::AllowNotifications;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

/// `NO_COLOR` present and not empty disables colour (https://no-color.org).
pub fn color_from_env(no_color: Option<&str>) -> bool {
    no_color.is_none_or(str::is_empty)
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Something that changed since the previous fetch (watch mode).
    pub fn changed(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }

    /// The selected row of a focused list: light text on blue, never the
    /// dim grey of secondary text.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn read_only_badge(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn header(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(30, 30, 46))
        } else {
            Style::new()
        }
    }

    fn badge_color(allow: Option<&AllowNotifications>) -> Color {
        match allow {
            Some(AllowNotifications::All) => Color::Green,
            Some(AllowNotifications::None) => Color::Red,
            Some(AllowNotifications::Filtered) => Color::Yellow,
            Some(AllowNotifications::Unknown(_)) => Color::Magenta,
            None => Color::Blue,
        }
    }

    /// The big AllowNotifications block.
    pub fn badge(&self, allow: Option<&AllowNotifications>) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Self::badge_color(allow))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn error_badge(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn token(&self, kind: TokenKind) -> Style {
        match kind {
            TokenKind::Key => self.fg(Color::Cyan),
            TokenKind::Str => self.fg(Color::Green),
            TokenKind::Number => self.fg(Color::Magenta),
            TokenKind::Literal => self.fg(Color::Yellow),
            TokenKind::Punct => self.dim(),
            TokenKind::Plain => Style::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_any_non_empty_value() {
        assert!(color_from_env(None));
        assert!(color_from_env(Some("")));
        assert!(!color_from_env(Some("1")));
    }

    #[test]
    fn without_colour_no_style_carries_a_colour() {
        let t = Theme::new(false);
        for style in [
            t.key(),
            t.error(),
            t.badge(Some(&AllowNotifications::All)),
            t.changed(),
            t.selected(),
            t.token(TokenKind::Key),
            t.header(),
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }
}
