//! The screens, one module each, and what they share: the [`Page`] trait
//! every screen implements, the [`Ctx`] an update gets, the [`Reply`] it
//! gives, and the navigation between screens.
//!
//! The lookup screen is the root; every other screen is pushed above it
//! (`c` pushes the channel screen, `u` the member screen) and `Esc` pops it. A popped screen that
//! still has work running is parked, and opening it again resumes it.
//!
//! Adding a screen: a new module with its state, update, view and keys; a
//! variant in [`Screen`] with its line in `each_screen!` and
//! [`Screen::resumes`]; a variant in [`Open`] with its arm in
//! `crate::tui::update::open_screen`; its [`Mode`] in the keymap; its key
//! table in [`key_tables`]; its job, if it has one, in `crate::tui::job`
//! and the runtime's registry.

pub mod channel;
pub mod lookup;
pub mod lookup_table;
pub mod member;
pub mod page;
pub mod push_path;
pub mod report;

use std::time::Instant;

use crossterm::event::{KeyEvent, MouseEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::captured::Captured;
use super::job::{JobEvent, JobId};
use super::keymap::{Binding, FooterKey, KeyDoc, Mode};
use crate::aws::ClientInfo;
use crate::report::{Body, Report};

pub use crate::tui::note::Note;
pub use page::{
    Ctx, Handoff, Motion, Nav, Open, Page, Reply, ViewCtx, footer_for, key_for, mode_for, paste_for,
};

/// The screens above the lookup screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Channel(Box<channel::ChannelScreen>),
    PushPath(Box<push_path::PushPathScreen>),
    Member(Box<member::MemberScreen>),
}

/// Run `$body` with `$s` bound to the screen inside `$screen`, whatever
/// its type: the one place that lists every screen type.
macro_rules! each_screen {
    ($screen:expr, $s:ident => $body:expr) => {
        match $screen {
            Screen::Channel($s) => $body,
            Screen::PushPath($s) => $body,
            Screen::Member($s) => $body,
        }
    };
}

/// [`Page`]'s methods on whichever screen this is.
impl Screen {
    pub fn mode(&self) -> Mode {
        each_screen!(self, s => mode_for(s.as_ref()))
    }
    pub fn key(&mut self, event: &KeyEvent, ctx: &mut Ctx) -> Option<Reply> {
        each_screen!(self, s => key_for(s.as_mut(), event, ctx))
    }
    pub fn footer(&self) -> Vec<FooterKey> {
        each_screen!(self, s => footer_for(s.as_ref()))
    }
    pub fn on_text_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Reply {
        each_screen!(self, s => s.on_text_key(key, ctx))
    }
    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) -> Reply {
        each_screen!(self, s => paste_for(s.as_mut(), text, ctx))
    }
    pub fn on_mouse(&mut self, mouse: &MouseEvent, ctx: &mut Ctx) -> Reply {
        each_screen!(self, s => s.on_mouse(mouse, ctx))
    }
    pub fn on_move(&mut self, motion: Motion, ctx: &mut Ctx) -> Reply {
        each_screen!(self, s => s.on_move(motion, ctx))
    }
    pub fn can_move(&self) -> Result<(), String> {
        each_screen!(self, s => s.can_move())
    }
    pub fn on_job(&mut self, id: JobId, event: JobEvent, ctx: &mut Ctx) -> Reply {
        each_screen!(self, s => s.on_job(id, event, ctx))
    }
    pub fn reopen(&mut self, open: &Open) {
        each_screen!(self, s => s.reopen(open))
    }
    pub fn on_tick(&mut self, ctx: &mut Ctx) -> Reply {
        each_screen!(self, s => s.on_tick(ctx))
    }
    pub fn on_resize(&mut self, ctx: &mut Ctx) {
        each_screen!(self, s => s.on_resize(ctx))
    }
    pub fn wakeup(&self) -> Option<Instant> {
        each_screen!(self, s => s.wakeup())
    }
    pub fn busy(&self) -> bool {
        each_screen!(self, s => s.busy())
    }
    pub fn running_jobs(&self) -> Vec<JobId> {
        each_screen!(self, s => s.running_jobs())
    }
    pub fn captured(&self) -> Option<&Captured> {
        each_screen!(self, s => s.captured())
    }
    /// The screen's report as it stands (what `y` copies, `s` saves and
    /// `d` compares); `None` while nothing has been read.
    pub fn report(&self, client: &ClientInfo) -> Option<Report> {
        each_screen!(self, s => s.report(client))
    }
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &ViewCtx) {
        each_screen!(self, s => s.render(frame, area, view))
    }

    /// Whether opening `open` should resume this (parked) screen rather
    /// than start a new one.
    pub fn resumes(&self, open: &Open) -> bool {
        match (self, open) {
            // Keyed by who lists too: another bearer in the form may see
            // other members (HIDDEN ones, or none at all), so it scans
            // again. A form without a bearer (a member opened from the
            // view, say) comes back to the channel's view.
            (
                Screen::Channel(s),
                Open::Channel {
                    channel_arn,
                    bearer_arn,
                    ..
                },
            ) => {
                s.source.channel_arn == *channel_arn
                    && bearer_arn
                        .as_ref()
                        .is_none_or(|b| *b == s.source.bearer_arn)
            }
            (
                Screen::PushPath(s),
                Open::PushPath {
                    channel_arn,
                    member_arn,
                    admin_arn,
                    ..
                },
            ) => s.is_for(channel_arn, member_arn, admin_arn.as_deref()),
            (
                Screen::Member(s),
                Open::Member {
                    member_arn,
                    admin_arn,
                },
            ) => s.is_for(member_arn, admin_arn.as_deref()),
            _ => false,
        }
    }

    /// The screen a saved report came from, showing it offline. `Err`
    /// says what the report lacks to be shown.
    pub fn from_report(report: Report, captured: Captured) -> Result<Screen, String> {
        match report.body {
            Body::Diagnosis(diagnosis) => {
                push_path::PushPathScreen::from_report(*diagnosis, captured)
                    .map(|s| Screen::PushPath(Box::new(s)))
            }
            Body::Member(results) => member::MemberScreen::from_report(*results, captured)
                .map(|s| Screen::Member(Box::new(s))),
            Body::Scan(results) => channel::ChannelScreen::from_report(*results, captured)
                .map(|s| Screen::Channel(Box::new(s))),
        }
    }

    /// Same kind of screen: at most one of each kind is parked.
    pub fn same_kind(&self, other: &Screen) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

fn docs<S, A>(table: &'static [Binding<S, A>]) -> Vec<&'static KeyDoc> {
    table.iter().map(|b| &b.doc).collect()
}

/// Every screen's key table, in the order the help overlay lists them.
pub fn key_tables() -> Vec<Vec<&'static KeyDoc>> {
    vec![
        docs(lookup::LookupScreen::bindings()),
        docs(channel::ChannelScreen::bindings()),
        docs(push_path::PushPathScreen::bindings()),
        docs(member::MemberScreen::bindings()),
        docs(crate::tui::widgets::filter_input::BINDINGS),
    ]
}
