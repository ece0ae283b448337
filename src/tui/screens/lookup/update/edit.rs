//! Typing and pasting into the form's fields and the test panel.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::outcome::Outcome;
use super::super::state::{Focus, LookupScreen};
use super::super::test_panel::TestPanel;
use crate::tui::widgets::text_field::TextField;

/// The open test panel and the rule it tests, borrowed side by side (no
/// copy of the rule on every keystroke).
pub(super) fn panel_and_rule(
    s: &mut LookupScreen,
) -> Option<(&mut TestPanel, &crate::filter::Rule)> {
    let Outcome::Loaded(loaded) = &s.outcome else {
        return None;
    };
    let rule = loaded.rule.as_ref()?.report.rule.as_ref()?;
    Some((s.test_panel.as_mut()?, rule))
}

/// Text editing keys; true when the text changed.
fn edit(field: &mut TextField, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let before = field.text().len();
    match key.code {
        KeyCode::Char('u') if ctrl => field.clear_to_start(),
        KeyCode::Char('w') if ctrl => field.delete_word(),
        KeyCode::Char(c) if !ctrl && !alt => field.insert_char(c),
        KeyCode::Backspace => field.backspace(),
        KeyCode::Delete => field.delete(),
        KeyCode::Left => field.left(),
        KeyCode::Right => field.right(),
        KeyCode::Home => field.home(),
        KeyCode::End => field.end(),
        _ => {}
    }
    field.text().len() != before
}

pub(in crate::tui::screens::lookup) fn type_key(s: &mut LookupScreen, key: &KeyEvent) {
    match s.focus {
        Focus::Field(which) => {
            if edit(s.form.field_mut(which), key) {
                s.form.revalidate();
            }
        }
        Focus::TestPanel => {
            if let Some((panel, rule)) = panel_and_rule(s)
                && edit(&mut panel.input, key)
            {
                panel.evaluate(rule);
                panel.scroll = 0;
            }
        }
        Focus::History | Focus::Details => {}
    }
}

pub(in crate::tui::screens::lookup) fn paste(s: &mut LookupScreen, text: &str) {
    match s.focus {
        Focus::Field(which) => {
            // Surrounding whitespace and line breaks are dropped, as the
            // ARN check drops them; anything inside stays for it to judge.
            s.form.field_mut(which).insert_str(text.trim());
            s.form.revalidate();
        }
        Focus::TestPanel => {
            if let Some((panel, rule)) = panel_and_rule(s) {
                // Attributes are JSON, where a line break is a space.
                let one_line: String = text
                    .trim()
                    .chars()
                    .map(|c| {
                        if matches!(c, '\n' | '\r' | '\t') {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect();
                panel.input.insert_str(&one_line);
                panel.evaluate(rule);
                panel.scroll = 0;
            }
        }
        Focus::History | Focus::Details => {}
    }
}
