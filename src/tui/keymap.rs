//! The types of the one keymap. Each screen declares its keys as a table of
//! [`Binding`]s in its own `keys.rs`; the global keys (help, quit, moving)
//! are one more table (`crate::tui::global_keys`). Key handling, the footer,
//! the help overlay and the README's keys table are all generated from
//! those tables, so the footer can never lie about the keys.
//!
//! This module knows no screen: screens import it, never the reverse.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Which set of keys applies: a screen, or the part of a screen that has
/// the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Moving around the lookup screen's lists and panes: letters are commands.
    Browsing,
    /// Typing in a form field: letters go into the field.
    Editing,
    /// Typing message attributes in the test panel.
    Testing,
    /// The channel screen's member table.
    Channel,
    /// The push-path screen's checklist and its detail pane.
    PushPath,
    /// The member screen's channel table.
    Member,
    /// Typing a list's `/` filter: letters go into the filter.
    Filtering,
    /// The changes since the last saved report (`d`), over the screen.
    Compare,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Browsing,
        Mode::Editing,
        Mode::Testing,
        Mode::Channel,
        Mode::PushPath,
        Mode::Member,
        Mode::Filtering,
        Mode::Compare,
        Mode::Help,
    ];

    /// The heading of this mode's keys in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Browsing => "Browsing (history, result, FilterRule panes)",
            Mode::Editing => "Editing a form field",
            Mode::Testing => "Test-a-message panel",
            Mode::Channel => "Channel view (every member of a channel)",
            Mode::PushPath => "Push path (would a push arrive, and which link breaks)",
            Mode::Member => "Member screen (every channel of one member, and its devices)",
            Mode::Filtering => "Typing a list's / filter",
            Mode::Compare => "Changes since the last saved report (d)",
            Mode::Help => "This help",
        }
    }

    /// The mode's name in the README's keys table ("where").
    pub fn name(self) -> &'static str {
        match self {
            Mode::Browsing => "browsing",
            Mode::Editing => "editing",
            Mode::Testing => "test panel",
            Mode::Channel => "channel view",
            Mode::PushPath => "push path",
            Mode::Member => "member screen",
            Mode::Filtering => "filter input",
            Mode::Compare => "comparison",
            Mode::Help => "help",
        }
    }

    /// Where the mode is, in words: "in the channel view".
    pub fn place(self) -> &'static str {
        match self {
            Mode::Browsing => "on the lookup screen",
            Mode::Editing => "in a form field",
            Mode::Testing => "in the test panel",
            Mode::Channel => "in the channel view",
            Mode::PushPath => "on the push-path screen",
            Mode::Member => "on the member screen",
            Mode::Filtering => "in a list's filter",
            Mode::Compare => "in the comparison",
            Mode::Help => "in this help",
        }
    }

    /// Letters type text here: a key no binding takes is input, not a
    /// mistake to explain.
    pub fn typing(self) -> bool {
        matches!(self, Mode::Editing | Mode::Testing | Mode::Filtering)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

pub const fn key(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

pub const fn ch(c: char) -> KeySpec {
    key(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl KeySpec {
    pub fn matches(&self, event: &KeyEvent) -> bool {
        // Terminals disagree on whether Shift is reported with 'Y' or '?':
        // the character itself already says it.
        let mut mods = event.modifiers - KeyModifiers::SHIFT;
        if matches!(event.code, KeyCode::BackTab) {
            mods = KeyModifiers::NONE;
        }
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        self.code == code && self.modifiers == mods
    }

    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_ascii_uppercase())
        } else {
            base
        }
    }

    /// The name of the key a terminal event stands for, for messages.
    pub fn name_of(event: &KeyEvent) -> String {
        KeySpec {
            code: event.code,
            modifiers: event.modifiers - KeyModifiers::SHIFT,
        }
        .name()
    }
}

/// How much a key deserves its place in the footer when space is short:
/// lower ranks are dropped first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Not in the footer (help lists it).
    Hidden,
    /// Shown when there is room.
    Low,
    /// The keys that move an investigation on (t, c, p, u, y, e): all of
    /// them fit in 80 columns.
    High,
    /// Always shown: help and quit.
    Top,
}

/// What the help overlay, the footer and the README see of a binding.
#[derive(Debug)]
pub struct KeyDoc {
    pub keys: &'static [KeySpec],
    pub modes: &'static [Mode],
    /// One word for the footer.
    pub label: &'static str,
    /// One sentence for the help overlay and the README.
    pub help: &'static str,
    pub rank: Rank,
}

impl KeyDoc {
    pub fn key_names(&self) -> String {
        self.keys
            .iter()
            .map(KeySpec::name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn matches(&self, mode: Mode, event: &KeyEvent) -> bool {
        self.modes.contains(&mode) && self.keys.iter().any(|k| k.matches(event))
    }
}

/// Whether a key can act now; `Err` says why not, in words for the footer.
pub type Check<S> = fn(&S) -> Result<(), String>;

/// One row of a screen's key table: the key's documentation, the action
/// it stands for on the screen of type `S`, and whether it can act now.
pub struct Binding<S, A> {
    pub doc: KeyDoc,
    pub action: A,
    pub check: Check<S>,
}

impl<S, A> Binding<S, A> {
    pub const fn new(
        keys: &'static [KeySpec],
        modes: &'static [Mode],
        label: &'static str,
        help: &'static str,
        rank: Rank,
        action: A,
        check: Check<S>,
    ) -> Self {
        Binding {
            doc: KeyDoc {
                keys,
                modes,
                label,
                help,
                rank,
            },
            action,
            check,
        }
    }
}

/// A key that can always act.
pub fn always<S>(_: &S) -> Result<(), String> {
    Ok(())
}

/// The binding of `event` in `mode`, if any.
pub fn find<'t, S, A>(
    table: &'t [Binding<S, A>],
    mode: Mode,
    event: &KeyEvent,
) -> Option<&'t Binding<S, A>> {
    table.iter().find(|b| b.doc.matches(mode, event))
}

/// A key of the footer: its name, its word, and its rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterKey {
    pub key: String,
    pub label: &'static str,
    pub rank: Rank,
}

/// The footer keys of `table` that can act now in `mode`.
pub fn footer_keys<S, A>(table: &[Binding<S, A>], mode: Mode, state: &S) -> Vec<FooterKey> {
    table
        .iter()
        .filter(|b| b.doc.rank > Rank::Hidden && b.doc.modes.contains(&mode))
        .filter(|b| (b.check)(state).is_ok())
        .map(|b| FooterKey {
            key: b.doc.keys.first().map(KeySpec::name).unwrap_or_default(),
            label: b.doc.label,
            rank: b.doc.rank,
        })
        .collect()
}

/// Editing keys of text inputs, listed in the help overlay.
pub const EDITING_KEYS: &[(&str, &str)] = &[
    ("←/→ Home/End", "Move the cursor"),
    ("Backspace/Del", "Delete a character"),
    ("Ctrl-W", "Delete the ARN part before the cursor"),
    ("Ctrl-U", "Delete everything before the cursor"),
    (
        "paste",
        "Paste an ARN (surrounding spaces and line breaks are dropped)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    #[test]
    fn shifted_characters_match_with_or_without_the_shift_flag() {
        let spec = ch('Y');
        assert!(spec.matches(&press(KeyCode::Char('Y'), KeyModifiers::SHIFT)));
        assert!(spec.matches(&press(KeyCode::Char('Y'), KeyModifiers::NONE)));
        assert!(!spec.matches(&press(KeyCode::Char('y'), KeyModifiers::NONE)));
        assert!(ctrl('c').matches(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert!(!ctrl('c').matches(&press(KeyCode::Char('c'), KeyModifiers::NONE)));
    }

    #[test]
    fn a_binding_applies_only_in_its_modes() {
        const TABLE: &[Binding<(), u8>] = &[Binding::new(
            &[ch('x')],
            &[Mode::Channel],
            "stop",
            "Stop",
            Rank::Low,
            1,
            always,
        )];
        let table = TABLE;
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert!(find(table, Mode::Channel, &x).is_some());
        assert!(find(table, Mode::Browsing, &x).is_none());
        assert_eq!(footer_keys(table, Mode::Channel, &()).len(), 1);
        assert_eq!(KeySpec::name_of(&x), "x");
    }
}
