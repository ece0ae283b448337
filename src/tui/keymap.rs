//! The one keymap. Key handling, the footer and the help overlay are all
//! generated from [`BINDINGS`], so the footer can never lie about the keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::state::{App, Focus, Outcome, StateFilter};

/// What a key means in the current mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextFocus,
    PrevFocus,
    FieldUp,
    FieldDown,
    /// Enter: fetch the form, or run the selected history entry.
    Submit,
    /// Esc: cancel a request, or step back out of a field, panel or overlay.
    Back,
    Refresh,
    ToggleWatch,
    CopyCommand,
    CopyJson,
    TestPanel,
    EditForm,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open the channel view (scan the form's channel), or return to it.
    ChannelView,
    Filter(StateFilter),
    CycleSort,
    Rescan,
    ToggleHidden,
    StopScan,
}

/// Which set of keys applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Typing in a form field: letters go into the field.
    Editing,
    /// Moving around the lists and panes: letters are commands.
    Browsing,
    /// Typing message attributes in the test panel.
    Testing,
    /// The channel view's member table.
    Channel,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Browsing,
        Mode::Editing,
        Mode::Testing,
        Mode::Channel,
        Mode::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Browsing => "Browsing (history, result, FilterRule panes)",
            Mode::Editing => "Editing a form field",
            Mode::Testing => "Test-a-message panel",
            Mode::Channel => "Channel view (every member of a channel)",
            Mode::Help => "This help",
        }
    }
}

pub fn mode(app: &App) -> Mode {
    if app.help.is_some() {
        return Mode::Help;
    }
    if app.channel_view().is_some() {
        return Mode::Channel;
    }
    match app.focus {
        Focus::Field(_) => Mode::Editing,
        Focus::TestPanel => Mode::Testing,
        Focus::History | Focus::Details => Mode::Browsing,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> KeySpec {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl KeySpec {
    fn matches(&self, event: &KeyEvent) -> bool {
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
}

pub struct Binding {
    pub keys: &'static [KeySpec],
    pub action: Action,
    pub modes: &'static [Mode],
    /// One word for the footer.
    pub label: &'static str,
    /// One sentence for the help overlay.
    pub help: &'static str,
    /// Shown in the footer (when enabled).
    pub footer: bool,
    /// Whether the key does something in this state.
    pub enabled: fn(&App) -> bool,
}

impl Binding {
    pub fn key_names(&self) -> String {
        self.keys
            .iter()
            .map(KeySpec::name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn always(_: &App) -> bool {
    true
}

fn has_target(app: &App) -> bool {
    app.form.target().is_some() || app.outcome.target().is_some()
}

fn loaded(app: &App) -> bool {
    app.loaded().is_some()
}

fn testable(app: &App) -> bool {
    app.testable_rule().is_some()
}

fn can_submit(app: &App) -> bool {
    match app.focus {
        Focus::History => !app.history.entries.is_empty(),
        _ => !app.form.is_empty(),
    }
}

fn can_go_back(app: &App) -> bool {
    app.loading() || app.test_panel.is_some() || matches!(app.focus, Focus::Field(_))
}

fn channel_valid(app: &App) -> bool {
    matches!(app.form.check.channel, crate::arn::FieldStatus::Valid)
}

fn scan_running(app: &App) -> bool {
    app.channel.as_ref().is_some_and(|c| c.running)
}

fn has_details(app: &App) -> bool {
    !matches!(app.outcome, Outcome::Empty) || !app.history.entries.is_empty()
}

use Mode::{Browsing, Channel, Editing, Help as HelpMode, Testing};

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[ch('?'), key(KeyCode::F(1))], action: Action::Help, modes: &[Browsing, Editing, Channel], label: "help", help: "Open this help", footer: true, enabled: always },
    Binding { keys: &[ch('q')], action: Action::Quit, modes: &[Browsing, Channel], label: "quit", help: "Quit", footer: true, enabled: always },
    Binding { keys: &[key(KeyCode::F(1))], action: Action::Help, modes: &[Testing], label: "help", help: "Open this help (? is text here)", footer: true, enabled: always },
    Binding { keys: &[key(KeyCode::Enter)], action: Action::Submit, modes: &[Editing, Browsing], label: "fetch", help: "Fetch the form's lookup; in the history list, run the selected entry", footer: true, enabled: can_submit },
    Binding { keys: &[key(KeyCode::Esc)], action: Action::Back, modes: &[Editing, Browsing, Testing], label: "back", help: "Cancel the request in flight; otherwise leave the field or close the test panel", footer: true, enabled: can_go_back },
    Binding { keys: &[key(KeyCode::Tab)], action: Action::NextFocus, modes: &[Editing, Browsing, Testing], label: "next", help: "Move focus to the next field or pane", footer: true, enabled: always },
    Binding { keys: &[key(KeyCode::BackTab)], action: Action::PrevFocus, modes: &[Editing, Browsing, Testing], label: "prev", help: "Move focus to the previous field or pane", footer: false, enabled: always },
    Binding { keys: &[key(KeyCode::Up)], action: Action::FieldUp, modes: &[Editing], label: "field", help: "Previous form field", footer: false, enabled: always },
    Binding { keys: &[key(KeyCode::Down)], action: Action::FieldDown, modes: &[Editing], label: "field", help: "Next form field", footer: false, enabled: always },
    Binding { keys: &[ch('j'), key(KeyCode::Down)], action: Action::Down, modes: &[Browsing, Channel, HelpMode], label: "down", help: "Select the next entry, or scroll down", footer: true, enabled: has_details },
    Binding { keys: &[ch('k'), key(KeyCode::Up)], action: Action::Up, modes: &[Browsing, Channel, HelpMode], label: "up", help: "Select the previous entry, or scroll up", footer: false, enabled: has_details },
    Binding { keys: &[key(KeyCode::PageDown), ctrl('d')], action: Action::PageDown, modes: &[Browsing, Channel, HelpMode], label: "page", help: "Scroll down a page", footer: false, enabled: always },
    Binding { keys: &[key(KeyCode::PageUp), ctrl('u')], action: Action::PageUp, modes: &[Browsing, Channel, HelpMode], label: "page up", help: "Scroll up a page", footer: false, enabled: always },
    Binding { keys: &[ch('g'), key(KeyCode::Home)], action: Action::Top, modes: &[Browsing, Channel, HelpMode], label: "top", help: "Go to the top", footer: false, enabled: always },
    Binding { keys: &[ch('G'), key(KeyCode::End)], action: Action::Bottom, modes: &[Browsing, Channel, HelpMode], label: "bottom", help: "Go to the bottom", footer: false, enabled: always },
    Binding { keys: &[ch('r')], action: Action::Refresh, modes: &[Browsing], label: "refresh", help: "Fetch the current lookup again", footer: true, enabled: has_target },
    Binding { keys: &[ch('w')], action: Action::ToggleWatch, modes: &[Browsing], label: "watch", help: "Watch mode: re-fetch every few seconds and highlight what changed", footer: true, enabled: has_target },
    Binding { keys: &[ch('t')], action: Action::TestPanel, modes: &[Browsing], label: "test msg", help: "Test a message's attributes against the FilterRule", footer: true, enabled: testable },
    Binding { keys: &[ch('c')], action: Action::ChannelView, modes: &[Browsing], label: "channel", help: "Channel view: every member of the form's channel (listed as the bearer, else the member)", footer: true, enabled: channel_valid },
    Binding { keys: &[ch('y')], action: Action::CopyCommand, modes: &[Browsing], label: "copy cmd", help: "Copy the equivalent AWS CLI command (OSC 52 clipboard)", footer: true, enabled: has_target },
    Binding { keys: &[ch('Y')], action: Action::CopyJson, modes: &[Browsing], label: "copy JSON", help: "Copy the response JSON, as the AWS CLI prints it", footer: false, enabled: loaded },
    Binding { keys: &[ch('e'), ch('/')], action: Action::EditForm, modes: &[Browsing], label: "edit", help: "Edit the form (channel ARN field)", footer: true, enabled: always },
    Binding { keys: &[key(KeyCode::Enter)], action: Action::Submit, modes: &[Channel], label: "open", help: "Open the selected member's full lookup", footer: true, enabled: always },
    Binding { keys: &[key(KeyCode::Esc)], action: Action::Back, modes: &[Channel], label: "back", help: "Back to the lookup panes (the scan goes on; c returns here)", footer: true, enabled: always },
    Binding { keys: &[ch('0')], action: Action::Filter(StateFilter::Everyone), modes: &[Channel], label: "everyone", help: "Show every member", footer: false, enabled: always },
    Binding { keys: &[ch('1')], action: Action::Filter(StateFilter::All), modes: &[Channel], label: "ALL", help: "Show only members with ALL", footer: false, enabled: always },
    Binding { keys: &[ch('2')], action: Action::Filter(StateFilter::None), modes: &[Channel], label: "NONE", help: "Show only members with NONE", footer: false, enabled: always },
    Binding { keys: &[ch('3')], action: Action::Filter(StateFilter::Filtered), modes: &[Channel], label: "FILTERED", help: "Show only members with FILTERED", footer: false, enabled: always },
    Binding { keys: &[ch('4')], action: Action::Filter(StateFilter::NotSet), modes: &[Channel], label: "NOT SET", help: "Show only members who never set preferences", footer: false, enabled: always },
    Binding { keys: &[ch('5')], action: Action::Filter(StateFilter::Errors), modes: &[Channel], label: "errors", help: "Show only members whose lookup failed", footer: true, enabled: always },
    Binding { keys: &[ch('s')], action: Action::CycleSort, modes: &[Channel], label: "sort", help: "Sort by listing order, state (errors and NONE first) or name", footer: true, enabled: always },
    Binding { keys: &[ch('x')], action: Action::StopScan, modes: &[Channel], label: "stop", help: "Stop the scan; what was read stays", footer: true, enabled: scan_running },
    Binding { keys: &[ch('R')], action: Action::Rescan, modes: &[Channel], label: "rescan", help: "Scan the channel again", footer: true, enabled: always },
    Binding { keys: &[ch('h')], action: Action::ToggleHidden, modes: &[Channel], label: "hidden", help: "Scan again with or without HIDDEN members (listing them needs a moderator or admin bearer)", footer: false, enabled: always },
    Binding { keys: &[ch('q'), ch('?'), key(KeyCode::Esc), key(KeyCode::F(1))], action: Action::Back, modes: &[HelpMode], label: "close", help: "Close this help", footer: true, enabled: always },
    Binding { keys: &[ctrl('c')], action: Action::Quit, modes: &[Editing, Browsing, Testing, Channel, HelpMode], label: "quit", help: "Quit from anywhere", footer: false, enabled: always },
];

/// Editing keys of text inputs, listed in the help overlay.
pub const EDITING_KEYS: &[(&str, &str)] = &[
    ("←/→ Home/End", "Move the cursor"),
    ("Backspace/Del", "Delete a character"),
    ("Ctrl-W", "Delete the ARN part before the cursor"),
    ("Ctrl-U", "Delete everything before the cursor"),
    ("paste", "Paste an ARN (line breaks become spaces)"),
];

/// The action `event` triggers in the app's current mode, if any.
pub fn action_for(app: &App, event: &KeyEvent) -> Option<Action> {
    let mode = mode(app);
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action)
}

/// The footer's (keys, label) pairs for what works right now.
pub fn footer(app: &App) -> Vec<(String, &'static str)> {
    let mode = mode(app);
    BINDINGS
        .iter()
        .filter(|b| b.footer && b.modes.contains(&mode) && (b.enabled)(app))
        .map(|b| (b.keys[0].name(), b.label))
        .collect()
}

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
    fn no_key_means_two_things_in_one_mode() {
        for mode in Mode::ALL {
            let mut seen: Vec<KeySpec> = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
                for key in binding.keys {
                    assert!(
                        !seen.contains(key),
                        "{} bound twice in {mode:?}",
                        key.name()
                    );
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn every_binding_is_documented() {
        for b in BINDINGS {
            assert!(!b.label.is_empty() && !b.help.is_empty(), "{:?}", b.action);
            assert!(!b.keys.is_empty());
        }
    }
}
