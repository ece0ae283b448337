//! The lookup screen's keys. Each check says, in words, why a key cannot
//! act now; the footer shows only the keys whose check passes, and a key
//! that cannot act puts its reason in the footer instead of doing nothing.

use crossterm::event::KeyCode;

use super::outcome::Outcome;
use super::state::{Focus, LookupScreen};
use crate::arn::FieldStatus;
use crate::model::{AllowNotifications, PushState};
use crate::tui::keymap::{Binding, Mode, Rank, always, ch, key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Enter: fetch the form, or run the selected history entry.
    Submit,
    /// Esc: cancel a request, or step back out of a field or panel.
    Back,
    NextFocus,
    PrevFocus,
    FieldUp,
    FieldDown,
    Refresh,
    ToggleWatch,
    TestPanel,
    /// Open the channel screen for the form's channel, or go back to it.
    ChannelView,
    /// Open the push-path screen for the form's channel and member.
    PushPath,
    /// Open the member screen for the form's member, or go back to it.
    MemberView,
    CopyCommand,
    CopyJson,
    EditForm,
    /// Scroll the test panel's verdict and reasons.
    ReasonsUp,
    ReasonsDown,
}

pub(super) fn has_details(s: &LookupScreen) -> Result<(), String> {
    if !matches!(s.outcome, Outcome::Empty) || !s.history.entries.is_empty() {
        Ok(())
    } else {
        Err("Nothing to move through yet: fetch a lookup first".into())
    }
}

fn has_target(s: &LookupScreen) -> Result<(), String> {
    if s.current_target().is_some() {
        Ok(())
    } else {
        Err("Nothing to act on yet: fill in the form (e) and fetch with Enter".into())
    }
}

fn loaded(s: &LookupScreen) -> Result<(), String> {
    match &s.outcome {
        Outcome::Loaded(_) => Ok(()),
        Outcome::Failed(f) => Err(format!(
            "Y copies a response, and this lookup failed ({}): there is none. y copies the AWS CLI command",
            f.error.display_code()
        )),
        _ if s.loading() => Err("Y: the response has not arrived yet".into()),
        _ => Err("Y copies a response: fetch a lookup first".into()),
    }
}

fn testable(s: &LookupScreen) -> Result<(), String> {
    if s.testable_rule().is_some() {
        return Ok(());
    }
    let Some(loaded) = s.loaded() else {
        return Err("t tests a message against a loaded FilterRule: fetch a lookup first".into());
    };
    let state = PushState::of_allow(loaded.allow());
    Err(match (loaded.allow(), &loaded.rule) {
        (Some(AllowNotifications::All) | None, _) => format!(
            "t tests a FilterRule, and this member has none ({}): every message with a PushNotification is pushed",
            state.label()
        ),
        (Some(AllowNotifications::None), _) => {
            "t tests a FilterRule: with NONE no message is pushed, whatever it carries".into()
        }
        (_, Some(_)) => {
            "t: the FilterRule does not parse, so no message can be tested against it".into()
        }
        (_, None) => "t: FILTERED with no FilterRule: there is no rule to test".into(),
    })
}

fn can_submit(s: &LookupScreen) -> Result<(), String> {
    match s.focus {
        Focus::History if s.history.entries.is_empty() => Err("History is empty".into()),
        Focus::History => Ok(()),
        _ if s.form.is_empty() => {
            Err("The form is empty: paste a channel ARN and a member ARN first".into())
        }
        _ => Ok(()),
    }
}

fn can_go_back(s: &LookupScreen) -> Result<(), String> {
    if s.loading() || s.test_panel.is_some() || matches!(s.focus, Focus::Field(_)) {
        Ok(())
    } else {
        Err("Esc: nothing to cancel or close here".into())
    }
}

fn channel_valid(s: &LookupScreen) -> Result<(), String> {
    match &s.form.check.channel {
        FieldStatus::Valid => Ok(()),
        FieldStatus::Invalid(p) => Err(format!(
            "c lists the form's channel, and its ARN {} (e to edit)",
            p.message
        )),
        FieldStatus::Empty => Err("c lists the form's channel: fill in the Channel ARN (e)".into()),
    }
}

fn form_valid(s: &LookupScreen) -> Result<(), String> {
    if s.form.target().is_some() {
        return Ok(());
    }
    match s.form.check.problems().first() {
        Some(p) => Err(format!(
            "p checks the form's channel and member, and the form is not valid: {} (e to edit)",
            p.message
        )),
        None => Err("p checks the form's channel and member: fill in both (e)".into()),
    }
}

fn member_valid(s: &LookupScreen) -> Result<(), String> {
    match &s.form.check.member {
        FieldStatus::Valid => Ok(()),
        FieldStatus::Invalid(p) => Err(format!(
            "u lists the form's member's channels, and its ARN {} (e to edit)",
            p.message
        )),
        FieldStatus::Empty => {
            Err("u lists the form's member's channels: fill in the Member ARN (e)".into())
        }
    }
}

use Mode::{Browsing, Editing, Testing};

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding<LookupScreen, Action>] = &[
    Binding::new(&[key(KeyCode::Enter)], &[Editing, Browsing], "fetch", "Fetch the form's lookup; in the history list, run the selected entry", Rank::Low, Action::Submit, can_submit),
    Binding::new(&[key(KeyCode::Esc)], &[Editing, Browsing, Testing], "back", "Clear History's / filter; otherwise cancel the request in flight, leave the field or close the test panel", Rank::High, Action::Back, can_go_back),
    Binding::new(&[key(KeyCode::Tab)], &[Editing, Browsing, Testing], "next", "Move focus to the next field or pane", Rank::Low, Action::NextFocus, always),
    Binding::new(&[key(KeyCode::BackTab)], &[Editing, Browsing, Testing], "prev", "Move focus to the previous field or pane", Rank::Hidden, Action::PrevFocus, always),
    Binding::new(&[key(KeyCode::Up)], &[Editing], "field", "Previous form field", Rank::Hidden, Action::FieldUp, always),
    Binding::new(&[key(KeyCode::Down)], &[Editing], "field", "Next form field", Rank::Hidden, Action::FieldDown, always),
    Binding::new(&[key(KeyCode::Down)], &[Testing], "reasons", "Scroll the verdict's reasons down", Rank::Hidden, Action::ReasonsDown, always),
    Binding::new(&[key(KeyCode::Up)], &[Testing], "reasons up", "Scroll the verdict's reasons up", Rank::Hidden, Action::ReasonsUp, always),
    Binding::new(&[ch('r')], &[Browsing], "refresh", "Fetch the current lookup again", Rank::Low, Action::Refresh, has_target),
    Binding::new(&[ch('w')], &[Browsing], "watch", "Watch mode: re-fetch every few seconds and highlight what changed", Rank::Low, Action::ToggleWatch, has_target),
    Binding::new(&[ch('t')], &[Browsing], "test", "Test a message's attributes against the FilterRule (an open panel keeps what was typed)", Rank::High, Action::TestPanel, testable),
    Binding::new(&[ch('c')], &[Browsing], "channel", "Channel view: every member of the form's channel (listed as the bearer, else the member; another bearer scans again)", Rank::High, Action::ChannelView, channel_valid),
    Binding::new(&[ch('p')], &[Browsing], "push path", "Check the whole push path of the form's member (membership, ban, preferences, filter, devices); an open test panel's attributes (Tab out of it) feed the verdict", Rank::High, Action::PushPath, form_valid),
    Binding::new(&[ch('u')], &[Browsing], "member", "Member screen: every channel of the form's member with its state, and its devices (listed as the member, or as [aws] admin_arn / --admin-arn)", Rank::High, Action::MemberView, member_valid),
    Binding::new(&[ch('y')], &[Browsing], "copy", "Copy the equivalent AWS CLI command (OSC 52 clipboard)", Rank::High, Action::CopyCommand, has_target),
    Binding::new(&[ch('Y')], &[Browsing], "copy JSON", "Copy the response JSON, as the AWS CLI prints it", Rank::Hidden, Action::CopyJson, loaded),
    Binding::new(&[ch('e')], &[Browsing], "edit", "Edit the form (channel ARN field)", Rank::High, Action::EditForm, always),
];
