//! The TUI's whole state: the lookup screen at the root, the screens
//! stacked above it, the parked ones whose work still runs, and what all
//! screens share (options, job ids, the help overlay, the footer message,
//! the terminal size). Plain data, changed only by `crate::tui::update`.

use std::time::{Duration, Instant, SystemTime};

use ratatui::layout::{Constraint, Layout, Rect};

use super::compare::Compare;
use super::job::JobIds;
use super::keymap::Mode;
use super::screens::channel::ChannelScreen;
use super::screens::lookup::{HistoryEntry, Loaded, LookupScreen};
use super::screens::member::MemberScreen;
use super::screens::push_path::PushPathScreen;
use super::screens::{Page, Screen};
use super::setup_cache::SetupCache;
use super::widgets::compact;
use super::widgets::footer::Toast;

pub use super::options::UiOptions;

/// One spinner frame while something loads.
pub const SPINNER_FRAME: Duration = Duration::from_millis(100);
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

const FORM_HEIGHT: u16 = 5;

/// The frame around every screen: the header, the form, the screen's own
/// area, and the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chrome {
    pub header: Rect,
    pub form: Rect,
    pub body: Rect,
    pub footer: Rect,
    /// The terminal is too small for any of it.
    pub compact: bool,
}

pub fn chrome(size: (u16, u16)) -> Chrome {
    let (width, height) = size;
    let full = Rect::new(0, 0, width, height);
    if compact::too_small(width, height) {
        let zero = Rect::default();
        return Chrome {
            header: zero,
            form: zero,
            body: full,
            footer: zero,
            compact: true,
        };
    }
    let [header, form, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(FORM_HEIGHT),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(full);
    Chrome {
        header,
        form,
        body,
        footer,
        compact: false,
    }
}

/// The help overlay's box, centred.
pub fn help_area(size: (u16, u16)) -> Rect {
    let full = Rect::new(0, 0, size.0, size.1);
    let width = full.width.saturating_sub(4).min(84);
    let height = full.height.saturating_sub(2).min(40);
    Rect::new(
        full.x + (full.width - width) / 2,
        full.y + (full.height - height) / 2,
        width,
        height,
    )
}

/// The wall-clock time at one instant: the update reads no clock, and
/// tells the time of a message (`now`) by its distance from this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallClock {
    pub at: Instant,
    pub wall: SystemTime,
}

impl WallClock {
    /// Both clocks read now (when the TUI starts).
    pub fn read() -> WallClock {
        WallClock {
            at: Instant::now(),
            wall: SystemTime::now(),
        }
    }

    /// The wall-clock time at `now`.
    pub fn wall_at(&self, now: Instant) -> SystemTime {
        match now.checked_duration_since(self.at) {
            Some(later) => self.wall + later,
            None => self.wall - self.at.saturating_duration_since(now),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    pub options: UiOptions,
    /// The root screen; never popped.
    pub lookup: LookupScreen,
    /// Screens above the lookup screen; the last is on top.
    pub stack: Vec<Screen>,
    /// Screens closed with work still running, at most one of each kind;
    /// opening the same again resumes it.
    pub parked: Vec<Screen>,
    pub ids: JobIds,
    /// The set-up facts behind the devices (apps, channels, the role and
    /// its permission), kept across members: see `setup_cache`.
    pub setup: SetupCache,
    /// The help overlay, with its scroll offset, when open.
    pub help: Option<usize>,
    /// `d`'s comparison with the last saved report: looked for, or shown.
    pub compare: Option<Compare>,
    pub toast: Option<Toast>,
    /// Spinner frame while loading.
    pub spinner: usize,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub should_quit: bool,
    /// Regions whose messaging endpoint a connection was opened to ahead
    /// of the first lookup (`crate::tui::update`'s warm-up), once each.
    pub warmed: Vec<String>,
    /// What the wall-clock time of a message is (reports say when they
    /// were taken).
    pub clock: WallClock,
}

impl App {
    pub fn new(options: UiOptions, saved: Vec<HistoryEntry>, size: (u16, u16)) -> Self {
        App {
            lookup: LookupScreen::new(&options, saved),
            options,
            stack: Vec::new(),
            parked: Vec::new(),
            ids: JobIds::default(),
            setup: SetupCache::default(),
            help: None,
            compare: None,
            toast: None,
            spinner: 0,
            size,
            should_quit: false,
            warmed: Vec::new(),
            clock: WallClock::read(),
        }
    }

    /// Which key set applies now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            return Mode::Help;
        }
        if self.comparing() {
            return Mode::Compare;
        }
        match self.stack.last() {
            Some(top) => top.mode(),
            None => super::screens::mode_for(&self.lookup),
        }
    }

    /// The comparison pane is shown.
    pub fn comparing(&self) -> bool {
        matches!(self.compare, Some(Compare::Shown(_)))
    }

    pub fn chrome(&self) -> Chrome {
        chrome(self.size)
    }

    pub fn loading(&self) -> bool {
        self.lookup.loading()
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        self.lookup.loaded()
    }

    /// The channel screen, when it is on top.
    pub fn channel_view(&self) -> Option<&ChannelScreen> {
        match self.stack.last() {
            Some(Screen::Channel(c)) => Some(c),
            _ => None,
        }
    }

    pub fn member_screen(&self) -> Option<&MemberScreen> {
        match self.stack.last() {
            Some(Screen::Member(m)) => Some(m),
            _ => None,
        }
    }

    pub fn push_path(&self) -> Option<&PushPathScreen> {
        match self.stack.last() {
            Some(Screen::PushPath(p)) => Some(p),
            _ => None,
        }
    }

    /// Something animates the spinner.
    pub fn busy(&self) -> bool {
        self.lookup.busy() || self.stack.iter().any(Screen::busy)
    }

    pub fn spinner_frame(&self) -> &'static str {
        SPINNER[self.spinner % SPINNER.len()]
    }

    /// When the event loop must wake up without an event: the spinner while
    /// loading, the next watch fetch, a toast to clear. `None` when idle.
    pub fn next_wakeup(&self, now: Instant) -> Option<Instant> {
        let spinner = self.busy().then(|| now + SPINNER_FRAME);
        let screens = self
            .stack
            .iter()
            .chain(&self.parked)
            .filter_map(Screen::wakeup);
        // A warning kept until the first key wakes nothing up.
        let toast = self
            .toast
            .as_ref()
            .filter(|t| !t.until_key)
            .map(|t| t.until);
        [spinner, self.lookup.wakeup(), toast]
            .into_iter()
            .flatten()
            .chain(screens)
            .min()
    }
}
