//! What every screen shares: the [`Page`] trait each screen implements,
//! the [`Ctx`] an update gets, the [`Reply`] it gives, and the requests to
//! move between screens. Screens import this; it imports no screen.

use std::time::{Instant, SystemTime};

use crossterm::event::{KeyEvent, MouseEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::error::CallError;
use crate::model::{Lookup, Target};
use crate::tui::captured::Captured;
use crate::tui::job::{JobEvent, JobId, JobIds};
use crate::tui::keymap::{self, Binding, FooterKey, Mode};
use crate::tui::msg::Effect;
use crate::tui::note::Note;
use crate::tui::options::UiOptions;
use crate::tui::setup_cache::SetupCache;
use crate::tui::theme::Theme;
use crate::tui::widgets::filter_input::{self, FilterKey, FilteredList};

/// What an update may read and use besides the screen's own state.
pub struct Ctx<'a> {
    /// The time of this message: updates read no clock.
    pub now: Instant,
    /// The same time on the wall clock, for what reports say.
    pub wall: SystemTime,
    pub options: &'a UiOptions,
    pub ids: &'a mut JobIds,
    /// The set-up facts behind the devices, kept while the TUI runs.
    pub setup: &'a mut SetupCache,
    /// The screen's area at the current terminal size.
    pub body: Rect,
}

/// What a render may read besides the screen's own state.
pub struct ViewCtx<'a> {
    pub theme: &'a Theme,
    pub options: &'a UiOptions,
    /// The spinner frame, for anything still loading.
    pub spinner: &'static str,
    /// The help overlay covers the screen: no text cursor.
    pub overlay: bool,
}

/// A generic move, from the global keys (j/k, PgDn/PgUp, g/G) or the wheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// The mouse wheel: lines, under the pointer.
    Wheel {
        column: u16,
        row: u16,
        delta: isize,
    },
}

impl Motion {
    /// Lines to move by, for a list or pane whose page is `page` lines:
    /// the one mapping every screen scrolls with. Top and Bottom overshoot
    /// and are clamped by whoever moves.
    pub fn delta(self, page: isize) -> isize {
        match self {
            Motion::Up => -1,
            Motion::Down => 1,
            Motion::PageUp => -page,
            Motion::PageDown => page,
            Motion::Top => isize::MIN / 2,
            Motion::Bottom => isize::MAX / 2,
            Motion::Wheel { delta, .. } => delta,
        }
    }
}

/// A screen to open above the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// Every member of a channel, listed by the form's bearer, else by its
    /// member (`None` when not a valid ARN).
    Channel {
        channel_arn: String,
        /// The form's Bearer field: who must list. A parked view of the
        /// channel listed by someone else does not resume.
        bearer_arn: Option<String>,
        /// The form's member: lists when no bearer is given (a member of
        /// the channel may), or resumes the channel's parked view.
        member_arn: Option<String>,
    },
    /// The push-path diagnosis of the form's channel and member: the admin
    /// (for the ban check) and the test panel's attributes, when given.
    PushPath {
        channel_arn: String,
        member_arn: String,
        admin_arn: Option<String>,
        attributes: Option<crate::filter::Attributes>,
    },
    /// Every channel of the form's member, listed by the member itself or
    /// by the admin from the config or flag, when given.
    Member {
        member_arn: String,
        admin_arn: Option<String>,
    },
}

/// Something a closing screen hands to the lookup screen below it.
#[derive(Debug, Clone, PartialEq)]
pub enum Handoff {
    /// Show this target's lookup: the result in hand, or fetch it (`None`).
    ShowLookup {
        target: Target,
        result: Option<Result<Lookup, CallError>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Nav {
    Open(Open),
    /// Close this screen (it is parked while its work runs).
    Back,
    /// Close this screen and hand something to the lookup screen.
    Hand(Box<Handoff>),
}

/// A screen's answer to a message.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Reply {
    pub effects: Vec<Effect>,
    /// A message for the footer.
    pub toast: Option<Note>,
    pub nav: Option<Nav>,
}

impl Reply {
    pub fn effects(effects: Vec<Effect>) -> Reply {
        Reply {
            effects,
            ..Reply::default()
        }
    }

    pub fn toast(text: impl Into<Note>) -> Reply {
        Reply {
            toast: Some(text.into()),
            ..Reply::default()
        }
    }

    pub fn nav(nav: Nav) -> Reply {
        Reply {
            nav: Some(nav),
            ..Reply::default()
        }
    }

    pub fn with_toast(mut self, text: impl Into<Note>) -> Reply {
        self.toast = Some(text.into());
        self
    }
}

/// A screen: its state is plain data; every method is pure.
pub trait Page: Sized + 'static {
    type Action: Copy + 'static;

    /// Which key set applies now.
    fn mode(&self) -> Mode;
    /// The screen's keys.
    fn bindings() -> &'static [Binding<Self, Self::Action>];
    /// Carry out a key's action (its check passed).
    fn apply(&mut self, action: Self::Action, ctx: &mut Ctx) -> Reply;
    /// A key no binding took, in a mode where keys type text.
    fn on_text_key(&mut self, _key: &KeyEvent, _ctx: &mut Ctx) -> Reply {
        Reply::default()
    }
    fn on_paste(&mut self, _text: &str, _ctx: &mut Ctx) -> Reply {
        Reply::default()
    }
    /// The list a `/` filter narrows now, when one has the keys. A screen
    /// that returns it gets `/`, typing, `Enter` and `Esc` of
    /// [`filter_input`] before its own keys.
    fn list(&self) -> Option<&dyn FilteredList> {
        None
    }
    fn list_mut(&mut self) -> Option<&mut dyn FilteredList> {
        None
    }
    fn on_mouse(&mut self, _mouse: &MouseEvent, _ctx: &mut Ctx) -> Reply {
        Reply::default()
    }
    /// j/k, pages, top/bottom and the wheel.
    fn on_move(&mut self, motion: Motion, ctx: &mut Ctx) -> Reply;
    /// Whether j/k have anything to move; `Err` says why not.
    fn can_move(&self) -> Result<(), String> {
        Ok(())
    }
    /// Opened again while parked (see `Screen::resumes`): take what the
    /// request brings that changes without new calls.
    fn reopen(&mut self, _open: &Open) {}
    /// A job reported; the screen drops ids it does not wait for.
    fn on_job(&mut self, id: JobId, event: JobEvent, ctx: &mut Ctx) -> Reply;
    fn on_tick(&mut self, _ctx: &mut Ctx) -> Reply {
        Reply::default()
    }
    /// The terminal changed size.
    fn on_resize(&mut self, _ctx: &mut Ctx) {}
    /// When the event loop must wake for this screen without an event.
    fn wakeup(&self) -> Option<Instant> {
        None
    }
    /// Something is loading that animates the spinner.
    fn busy(&self) -> bool {
        false
    }
    /// Jobs still running, to cancel when the screen goes or the TUI quits.
    fn running_jobs(&self) -> Vec<JobId>;
    /// The saved report this screen shows, while it is offline (see
    /// `crate::tui::captured`); `None` for a live screen.
    fn captured(&self) -> Option<&Captured> {
        None
    }
    fn render(&self, frame: &mut Frame, area: Rect, view: &ViewCtx);

    /// A key: `None` when no binding takes it.
    fn key(&mut self, event: &KeyEvent, ctx: &mut Ctx) -> Option<Reply> {
        key_for(self, event, ctx)
    }
    fn footer(&self) -> Vec<FooterKey> {
        footer_for(self)
    }
    fn paste(&mut self, text: &str, ctx: &mut Ctx) -> Reply {
        paste_for(self, text, ctx)
    }
}

/// The mode of a screen of type `S`: [`Mode::Filtering`] while its list's
/// filter takes the keys.
pub fn mode_for<S: Page>(screen: &S) -> Mode {
    match screen.list() {
        Some(list) if list.cursor().filter.typing => Mode::Filtering,
        _ => screen.mode(),
    }
}

/// What a filter key did, as a reply: the window is fitted to the rows.
fn filtered<S: Page>(screen: &mut S, done: FilterKey, ctx: &mut Ctx) -> Option<Reply> {
    match done {
        FilterKey::NotTaken => None,
        FilterKey::Taken => Some(Reply::default()),
        FilterKey::Changed => {
            screen.on_resize(ctx);
            Some(Reply::default())
        }
    }
}

/// Pasted text: into the list's filter while typing, else the screen's.
pub fn paste_for<S: Page>(screen: &mut S, text: &str, ctx: &mut Ctx) -> Reply {
    let done = screen
        .list_mut()
        .map_or(FilterKey::NotTaken, |list| filter_input::paste(list, text));
    match filtered(screen, done, ctx) {
        Some(reply) => reply,
        None => screen.on_paste(text, ctx),
    }
}

/// A key for a screen of type `S`: `None` when no binding takes it;
/// otherwise the action's reply, or why the key cannot act now.
pub fn key_for<S: Page>(screen: &mut S, event: &KeyEvent, ctx: &mut Ctx) -> Option<Reply> {
    let mode = mode_for(screen);
    let done = match screen.list_mut() {
        Some(list) => filter_input::on_key(list, mode, event),
        None if keymap::find(filter_input::BINDINGS, mode, event)
            .is_some_and(|b| b.action == filter_input::FilterAction::Start) =>
        {
            return Some(Reply::toast(
                "/ filters a list, and none has the keys here: Tab to History first",
            ));
        }
        None => FilterKey::NotTaken,
    };
    if let Some(reply) = filtered(screen, done, ctx) {
        return Some(reply);
    }
    let binding = keymap::find(S::bindings(), mode, event)?;
    Some(match (binding.check)(screen) {
        Ok(()) => screen.apply(binding.action, ctx),
        Err(why) => Reply::toast(why),
    })
}

/// The footer keys of a screen of type `S` in its current mode.
pub fn footer_for<S: Page>(screen: &S) -> Vec<FooterKey> {
    let mode = mode_for(screen);
    let mut keys = keymap::footer_keys(S::bindings(), mode, screen);
    if let Some(list) = screen.list() {
        keys.extend(keymap::footer_keys(
            filter_input::BINDINGS,
            mode,
            &list.cursor().filter,
        ));
    }
    keys
}
