//! The update function: `update(app, msg, now) -> effects`. Pure: it reads
//! no clock (time comes in as `now`), does no I/O, and everything it wants
//! done outside comes back as an [`Effect`].
//!
//! It owns what no screen does (the help overlay, the footer message,
//! quitting, the stack of screens) and passes everything else to the
//! screen on top, or to the screen that owns a job's id.

use std::time::{Duration, Instant};

use crate::arn::FieldStatus;
use crate::sanitize;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

use super::app::{App, help_area};
use super::captured::Captured;
use super::compare::{self, Compare};
use super::global_keys::{GLOBAL, Global};
use super::help;
use super::job::{Job, JobEvent, JobId};
use super::keymap::{self, KeySpec, Mode, ch, ctrl};
use super::msg::{Effect, Msg, SavedFiles};
use super::screens::channel::ChannelScreen;
use super::screens::lookup::Focus;
use super::screens::member::MemberScreen;
use super::screens::push_path::PushPathScreen;
use super::screens::push_path::state::PushPathRequest;
use super::screens::{Ctx, Handoff, Motion, Nav, Note, Open, Page, Reply, Screen};
use super::widgets::footer::Toast;
use super::widgets::inner_height;
use crate::report::{Report, ReportKind};

const TOAST_FOR: Duration = Duration::from_secs(3);
const WHEEL_LINES: isize = 3;

/// The context of a message at `$now` to a screen of `$app`.
macro_rules! ctx {
    ($app:expr, $now:expr) => {
        Ctx {
            body: $app.chrome().body,
            now: $now,
            wall: $app.clock.wall_at($now),
            options: &$app.options,
            ids: &mut $app.ids,
            setup: &mut $app.setup,
        }
    };
}

/// Run `$body` with `$s` bound to the screen on top (the lookup screen
/// when nothing is stacked) and `$ctx` to its context.
macro_rules! on_top {
    ($app:expr, $now:expr, |$s:ident, $ctx:ident| $body:expr) => {{
        let mut $ctx = ctx!($app, $now);
        match $app.stack.last_mut() {
            Some($s) => $body,
            None => {
                let $s = &mut $app.lookup;
                $body
            }
        }
    }};
}

pub fn update(app: &mut App, msg: Msg, now: Instant) -> Vec<Effect> {
    let mut out = Vec::new();
    match msg {
        Msg::Key(key) => on_key(app, &key, now, &mut out),
        Msg::Mouse(mouse) => on_mouse(app, &mouse, now, &mut out),
        Msg::Paste(text) => {
            if app.help.is_none() && !app.comparing() && !app.chrome().compact {
                let reply = on_top!(app, now, |s, ctx| s.paste(&text, &mut ctx));
                apply_reply(app, reply, now, &mut out);
            }
        }
        Msg::Resize(width, height) => {
            app.size = (width, height);
            on_resize(app, now);
        }
        Msg::Job { id, event } => on_job(app, id, event, now, &mut out),
        Msg::Tick => on_tick(app, now, &mut out),
        Msg::Terminate => quit(app, &mut out),
        Msg::Notice(text) => set_toast(app, Note::from(text), now),
        Msg::Saved(result) => set_toast(app, saved_note(result), now),
        Msg::LastSaved { id, result } => on_last_saved(app, id, result, now),
    }
    if !app.should_quit {
        warm_up(app, &mut out);
    }
    out
}

/// Once the form holds a valid channel ARN, open the connection to its
/// region's messaging endpoint in the background, so that the first lookup
/// costs one round trip like every later one. Once per region for as long
/// as the TUI runs, not per keystroke.
fn warm_up(app: &mut App, out: &mut Vec<Effect>) {
    // A saved report (`chime-prefs open`) is offline, and so is the TUI
    // around it: no connection is opened until something runs live.
    let saved = |s: &Screen| s.captured().is_some();
    if app.stack.iter().chain(&app.parked).any(saved) {
        return;
    }
    let check = &app.lookup.form.check;
    if check.channel != FieldStatus::Valid {
        return;
    }
    let Some(region) = check.arn_region.clone() else {
        return;
    };
    if app.warmed.contains(&region) {
        return;
    }
    app.warmed.push(region.clone());
    // A lookup started by this very message opens the connection itself.
    if out.iter().any(|e| matches!(e, Effect::Start { .. })) {
        return;
    }
    out.push(Effect::Start {
        id: app.ids.next_id(),
        job: Job::WarmUp { region },
    });
}

fn set_toast(app: &mut App, note: Note, now: Instant) {
    app.toast = Some(Toast {
        until_key: false,
        text: note.text,
        short: note.short,
        until: now + TOAST_FOR,
    });
}

/// Where a report was saved, or why it was not.
fn saved_note(result: Result<SavedFiles, String>) -> Note {
    match result {
        Ok(saved) => {
            let name = |p: &std::path::Path| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            Note {
                text: format!(
                    "saved {}/{} and .json",
                    sanitize::line(&saved.dir_shown),
                    name(&saved.markdown)
                ),
                short: Some(format!(
                    "saved .md and .json in {}",
                    sanitize::line(&saved.dir_shown)
                )),
            }
        }
        Err(why) => Note::from(sanitize::line(&why).into_owned()),
    }
}

fn quit(app: &mut App, out: &mut Vec<Effect>) {
    app.should_quit = true;
    let running = app
        .lookup
        .running_jobs()
        .into_iter()
        .chain(app.stack.iter().flat_map(Screen::running_jobs))
        .chain(app.parked.iter().flat_map(Screen::running_jobs));
    out.extend(running.map(|id| Effect::Cancel { id }));
}

/// Carry out what a screen answered: effects, a message, and a move
/// between screens.
fn apply_reply(app: &mut App, reply: Reply, now: Instant, out: &mut Vec<Effect>) {
    out.extend(reply.effects);
    if let Some(note) = reply.toast {
        set_toast(app, note, now);
    }
    // A comparison still looked for belongs to the screen that asked: it
    // is not shown over another.
    if reply.nav.is_some() && matches!(app.compare, Some(Compare::Finding { .. })) {
        app.compare = None;
    }
    match reply.nav {
        None => {}
        Some(Nav::Open(open)) => open_screen(app, open, now, out),
        Some(Nav::Back) => close_top(app, out),
        Some(Nav::Hand(handoff)) => {
            close_top(app, out);
            hand_to_lookup(app, *handoff, now, out);
        }
    }
}

fn hand_to_lookup(app: &mut App, handoff: Handoff, now: Instant, out: &mut Vec<Effect>) {
    let mut ctx = ctx!(app, now);
    let reply = app.lookup.receive(handoff, &mut ctx);
    apply_reply(app, reply, now, out);
}

/// Park `screen`: it replaces a parked screen of its kind, whose work stops.
fn park(app: &mut App, screen: Screen, out: &mut Vec<Effect>) {
    if let Some(i) = app.parked.iter().position(|p| p.same_kind(&screen)) {
        let old = app.parked.remove(i);
        out.extend(
            old.running_jobs()
                .into_iter()
                .map(|id| Effect::Cancel { id }),
        );
    }
    app.parked.push(screen);
}

fn close_top(app: &mut App, out: &mut Vec<Effect>) {
    if let Some(top) = app.stack.pop() {
        park(app, top, out);
    }
}

/// Open a screen above the current one, or resume the parked one that
/// shows the same thing.
fn open_screen(app: &mut App, open: Open, now: Instant, out: &mut Vec<Effect>) {
    if let Some(i) = app.parked.iter().position(|p| p.resumes(&open)) {
        let mut screen = app.parked.remove(i);
        screen.reopen(&open);
        app.stack.push(screen);
        on_resize(app, now);
        return;
    }
    let mut ctx = ctx!(app, now);
    let opened = match open {
        Open::Channel {
            channel_arn,
            bearer_arn,
            member_arn,
        } => ChannelScreen::open(channel_arn, bearer_arn.or(member_arn), &mut ctx)
            .map(|(s, effects)| (Screen::Channel(Box::new(s)), effects)),
        Open::PushPath {
            channel_arn,
            member_arn,
            admin_arn,
            attributes,
        } => PushPathScreen::open(
            PushPathRequest {
                channel_arn,
                member_arn,
                admin_arn,
                attributes,
            },
            &mut ctx,
        )
        .map(|(s, effects)| (Screen::PushPath(Box::new(s)), effects)),
        Open::Member {
            member_arn,
            admin_arn,
        } => MemberScreen::open(&member_arn, admin_arn.as_deref(), &mut ctx)
            .map(|(s, effects)| (Screen::Member(Box::new(s)), effects)),
    };
    match opened {
        Ok((screen, effects)) => {
            // A new screen of a kind replaces the parked one of that kind.
            if let Some(i) = app.parked.iter().position(|p| p.same_kind(&screen)) {
                let old = app.parked.remove(i);
                out.extend(
                    old.running_jobs()
                        .into_iter()
                        .map(|id| Effect::Cancel { id }),
                );
            }
            out.extend(effects);
            app.stack.push(screen);
        }
        Err(why) => set_toast(app, Note::from(why), now),
    }
}

fn on_job(app: &mut App, id: JobId, event: JobEvent, now: Instant, out: &mut Vec<Effect>) {
    let mut ctx = ctx!(app, now);
    // The one screen waiting for this id gets the event; nobody waits for
    // a stale one.
    let reply = if app.lookup.running_jobs().contains(&id) {
        app.lookup.on_job(id, event, &mut ctx)
    } else if let Some(screen) = app
        .stack
        .iter_mut()
        .chain(app.parked.iter_mut())
        .find(|s| s.running_jobs().contains(&id))
    {
        screen.on_job(id, event, &mut ctx)
    } else {
        return;
    };
    apply_reply(app, reply, now, out);
}

fn on_tick(app: &mut App, now: Instant, out: &mut Vec<Effect>) {
    if app.busy() {
        app.spinner = app.spinner.wrapping_add(1);
    }
    if app
        .toast
        .as_ref()
        .is_some_and(|t| t.until <= now && !t.until_key)
    {
        app.toast = None;
    }
    let mut ctx = ctx!(app, now);
    let mut replies = vec![app.lookup.on_tick(&mut ctx)];
    for screen in app.stack.iter_mut().chain(app.parked.iter_mut()) {
        replies.push(screen.on_tick(&mut ctx));
    }
    for reply in replies {
        apply_reply(app, reply, now, out);
    }
}

fn on_resize(app: &mut App, now: Instant) {
    let mut ctx = ctx!(app, now);
    app.lookup.on_resize(&mut ctx);
    for screen in app.stack.iter_mut().chain(app.parked.iter_mut()) {
        screen.on_resize(&mut ctx);
    }
    scroll_help(app, 0);
    scroll_compare(app, 0);
}

// ---- keys -----------------------------------------------------------------

fn scroll_help(app: &mut App, delta: isize) {
    let area = help_area(app.size);
    let max = help::line_count(area).saturating_sub(inner_height(area));
    if let Some(offset) = app.help.as_mut() {
        *offset = offset.saturating_add_signed(delta).min(max);
    }
}

/// Scroll the comparison pane (it has the help overlay's box).
fn scroll_compare(app: &mut App, delta: isize) {
    let area = help_area(app.size);
    if let Some(Compare::Shown(pane)) = app.compare.as_mut() {
        pane.scroll_by(delta, area);
    }
}

/// `d`'s answer: the pane of changes, or what to say. An answer nobody
/// waits for (another `d` since, the pane closed) is dropped.
fn on_last_saved(
    app: &mut App,
    id: JobId,
    result: Result<super::msg::Found, String>,
    now: Instant,
) {
    let current = match app.compare.take() {
        Some(Compare::Finding {
            id: waiting,
            current,
        }) if waiting == id => current,
        other => {
            app.compare = other;
            return;
        }
    };
    // The key that runs the screen again: `R` on a live list, `r` on the
    // push path and on any saved report.
    let rerun = match app.stack.last() {
        Some(screen @ (Screen::Channel(_) | Screen::Member(_))) if screen.captured().is_none() => {
            'R'
        }
        _ => 'r',
    };
    match compare::answer(*current, result, rerun) {
        Ok(pane) => app.compare = Some(Compare::Shown(pane)),
        Err(why) => set_toast(app, Note::from(why), now),
    }
}

fn help_page(app: &App) -> isize {
    inner_height(help_area(app.size)).saturating_sub(1).max(1) as isize
}

fn apply_global(app: &mut App, action: Global, now: Instant, out: &mut Vec<Effect>) {
    match action {
        Global::Help => app.help = Some(0),
        Global::CloseHelp => app.help = None,
        Global::Quit => quit(app, out),
        Global::Move(motion) if app.help.is_some() => {
            let delta = motion.delta(help_page(app));
            scroll_help(app, delta);
        }
        Global::Move(motion) if app.comparing() => {
            let delta = motion.delta(help_page(app));
            scroll_compare(app, delta);
        }
        Global::Compare => {
            let current = app.stack.last().and_then(|s| s.report(&app.options.client));
            match compare::start(current, &mut app.ids) {
                Ok((finding, effect)) => {
                    app.compare = Some(finding);
                    out.push(effect);
                }
                Err(why) => set_toast(app, Note::from(why), now),
            }
        }
        Global::CloseCompare => app.compare = None,
        Global::Move(motion) => {
            let reply = on_top!(app, now, |s, ctx| s.on_move(motion, &mut ctx));
            apply_reply(app, reply, now, out);
        }
    }
}

/// Why a key did nothing: where it does work, if anywhere.
fn unbound(mode: Mode, key: &KeyEvent) -> String {
    let name = KeySpec::name_of(key);
    if mode == Mode::Help {
        return format!("{name}: Esc, q or ? closes this help");
    }
    if mode == Mode::Compare {
        return format!("{name}: Esc, q or d closes the comparison");
    }
    let elsewhere = help::key_docs()
        .into_iter()
        .find(|d| d.keys.iter().any(|k| k.matches(key)) && !d.modes.contains(&mode))
        .and_then(|d| d.modes.first().map(|m| (m.place(), d.label)));
    match elsewhere {
        Some((place, label)) => {
            format!("{name} does nothing here ({place} it means {label}); ? lists the keys here")
        }
        None => format!("{name} does nothing here; ? lists the keys"),
    }
}

fn on_key(app: &mut App, key: &KeyEvent, now: Instant, out: &mut Vec<Effect>) {
    // Some terminals report releases too; acting on them doubles every key.
    if key.kind == KeyEventKind::Release {
        return;
    }
    // The first key was seen: a warning given at start now goes as any
    // answer does (unless this key's own answer replaces it).
    if let Some(toast) = app.toast.as_mut().filter(|t| t.until_key) {
        toast.until_key = false;
        toast.until = now + TOAST_FOR;
    }
    // Too small to show anything but the state: only quitting works.
    if app.chrome().compact {
        if ch('q').matches(key) || ctrl('c').matches(key) {
            quit(app, out);
        }
        return;
    }
    let mode = app.mode();
    if let Some(binding) = keymap::find(GLOBAL, mode, key) {
        match (binding.check)(app) {
            Ok(()) => apply_global(app, binding.action, now, out),
            Err(why) => set_toast(app, Note::from(why), now),
        }
        return;
    }
    // An overlay has the keys: none reaches the screen under it.
    if matches!(mode, Mode::Help | Mode::Compare) {
        set_toast(app, Note::from(unbound(mode, key)), now);
        return;
    }
    let reply = on_top!(app, now, |s, ctx| match s.key(key, &mut ctx) {
        Some(reply) => Some(reply),
        None if mode.typing() => Some(s.on_text_key(key, &mut ctx)),
        None => None,
    });
    match reply {
        Some(reply) => apply_reply(app, reply, now, out),
        // Modifier keys alone and the like are not worth a word.
        None if matches!(key.code, KeyCode::Modifier(_) | KeyCode::Null) => {}
        None => set_toast(app, Note::from(unbound(mode, key)), now),
    }
}

// ---- mouse ----------------------------------------------------------------

fn on_mouse(app: &mut App, mouse: &MouseEvent, now: Instant, out: &mut Vec<Effect>) {
    let chrome = app.chrome();
    if chrome.compact {
        return;
    }
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(WHEEL_LINES),
        MouseEventKind::ScrollUp => Some(-WHEEL_LINES),
        _ => None,
    };
    if app.help.is_some() {
        if let Some(delta) = wheel {
            scroll_help(app, delta);
        }
        return;
    }
    if app.comparing() {
        if let Some(delta) = wheel {
            scroll_compare(app, delta);
        }
        return;
    }
    let on_form = chrome
        .form
        .contains(ratatui::layout::Position::new(mouse.column, mouse.row));
    let reply = match wheel {
        Some(delta) => {
            let motion = Motion::Wheel {
                column: mouse.column,
                row: mouse.row,
                delta,
            };
            on_top!(app, now, |s, ctx| s.on_move(motion, &mut ctx))
        }
        // The form belongs to the lookup screen; a click there focuses a
        // field when that screen is on top.
        None if on_form => {
            if app.stack.is_empty() && matches!(mouse.kind, MouseEventKind::Down(_)) {
                let row = mouse.row.saturating_sub(chrome.form.y + 1);
                app.lookup.click_form_row(usize::from(row));
            }
            Reply::default()
        }
        None => on_top!(app, now, |s, ctx| s.on_mouse(mouse, &mut ctx)),
    };
    apply_reply(app, reply, now, out);
}

// ---- start-up -------------------------------------------------------------

/// Fetch what the form holds, as Enter would (a prefilled `--channel-arn`).
pub fn fetch_now(app: &mut App, now: Instant) -> Vec<Effect> {
    let mut ctx = ctx!(app, now);
    let reply = app.lookup.fetch_now(&mut ctx);
    let mut out = Vec::new();
    apply_reply(app, reply, now, &mut out);
    out
}

/// Show a saved report (`chime-prefs open`) on the screen it came from,
/// offline: it asks nothing until `r` runs it live. `age` is how old it is
/// at `now`. `Err` says what the report lacks to be shown.
pub fn open_report(
    app: &mut App,
    report: Report,
    age: Option<Duration>,
    now: Instant,
) -> Result<(), String> {
    let captured = Captured::new(report.subject.clone(), age, now);
    let screen = Screen::from_report(report, captured)?;
    show_saved(app, screen, now);
    Ok(())
}

/// Put `screen`, built from a saved report, on top; the lookup screen
/// underneath holds the report's ARNs.
pub fn show_saved(app: &mut App, screen: Screen, now: Instant) {
    if let Some(subject) = screen.captured().map(|c| &c.subject) {
        let text = |arn: &Option<String>| arn.clone().unwrap_or_default();
        // The lookup is the member's own (only the member may read its
        // preferences); a scan's lister is a member of the channel, so
        // `c` there lists as it did.
        let member = match subject.kind {
            ReportKind::Scan => text(&subject.bearer_arn),
            ReportKind::Diagnose | ReportKind::Member => text(&subject.member_arn),
        };
        app.lookup
            .form
            .fill(&text(&subject.channel_arn), &member, None);
        app.lookup.focus = Focus::Details;
    }
    app.stack.push(screen);
    on_resize(app, now);
}

/// A warning to show from the first frame (the history file could not be
/// read whole). Nobody pressed anything to expect it, so it stays until
/// the first key, however long the start took, then as long as any
/// answer.
pub fn notice_at_start(app: &mut App, text: String, now: Instant) {
    app.toast = Some(Toast {
        text,
        short: None,
        until: now + TOAST_FOR,
        until_key: true,
    });
}

/// Run the history entry at `index`, as selecting it and pressing Enter would.
pub fn run_entry(app: &mut App, index: usize, now: Instant) -> Vec<Effect> {
    let mut ctx = ctx!(app, now);
    let reply = app.lookup.run_entry(index, &mut ctx);
    let mut out = Vec::new();
    apply_reply(app, reply, now, &mut out);
    out
}
