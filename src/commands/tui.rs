//! `chime-prefs` / `chime-prefs tui`: the interactive inspector.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::aws::{AwsSettings, PrefsClient};
use crate::cli::{GlobalArgs, TargetArgs};
use crate::config::TargetEntry;
use crate::history::{self, HistoryFile, Record};
use crate::tui::app::{App, UiOptions};
use crate::tui::msg::Effect;
use crate::tui::screens::lookup::{Focus, HistoryEntry, Origin, with_earlier_runs};
use crate::tui::{self, Clients, theme, update};

use super::{EXIT_FAILED, EXIT_OK, Setup, invalid};

/// Saved `[[targets]]` from the config file, for the history list. Taken
/// by value: a config can hold thousands, and one copy is enough.
pub fn config_entries(targets: Vec<TargetEntry>) -> Vec<HistoryEntry> {
    targets
        .into_iter()
        .map(|t| HistoryEntry {
            label: t.name,
            note: None,
            channel_arn: t.channel_arn,
            member_arn: t.member_arn,
            bearer_arn: t.bearer_arn,
            origin: Origin::Config,
            last: None,
            read_at: None,
        })
        .collect()
}

/// Refuse to start without a terminal: the TUI would draw into a pipe.
pub fn require_terminal() -> Result<(), ExitCode> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        Err(invalid(
            "the TUI needs a terminal; for scripts use `chime-prefs get` (see --help)",
        ))
    }
}

/// Logs go to a file: `--log-file`, else the state directory. A log that
/// cannot be opened is not a reason to refuse to start.
pub fn start_logging(global: &GlobalArgs) {
    if global.log_file.is_none()
        && let Some(path) = crate::logging::default_log_path()
    {
        let _ = crate::logging::init(&path);
    }
}

/// The clients the TUI calls with: the lookup client, and the scan's
/// handle on the same client (one attempt a call: the scan paces and
/// retries itself). Building them makes no network call. A profile that
/// does not exist is refused here, before the TUI starts.
pub async fn clients(aws: &AwsSettings) -> Result<Clients, ExitCode> {
    let lookup = PrefsClient::connect(aws).await;
    if let Err(problem) = lookup.preflight() {
        return Err(invalid(&format!("{problem}; nothing was sent")));
    }
    Ok(Clients::new(lookup))
}

/// The history file's lookups to start with, and the file to keep this
/// run's in: nothing when the history is off (neither read nor written).
/// A file that cannot be read whole is a warning for the footer, never a
/// reason not to start.
pub struct StartHistory {
    pub file: Option<HistoryFile>,
    pub records: Vec<Record>,
    pub warning: Option<String>,
}

pub fn load_history(mode: history::Mode) -> StartHistory {
    let file = HistoryFile::default_location().filter(|_| mode.is_on());
    let loaded = file
        .as_ref()
        .map(|f| f.load(mode.details()))
        .unwrap_or_default();
    if mode.is_on() && file.is_none() {
        tracing::warn!("no state directory: lookups are not kept");
    }
    // A file that could not be read is never written (a compaction would
    // replace what it holds), and the one warning says so: no second
    // "not saved" at every lookup hides it.
    let file = file.filter(|_| loaded.unreadable.is_none());
    StartHistory {
        warning: loaded.warning(),
        records: loaded.records,
        file,
    }
}

/// Run the event loop and turn its outcome into an exit code.
pub async fn run_app(
    clients: Clients,
    app: App,
    initial: Vec<Effect>,
    log_filter_rules: bool,
    history: Option<HistoryFile>,
) -> ExitCode {
    match tui::run(clients, app, initial, log_filter_rules, history).await {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => {
            super::print_stderr(&format!("error: terminal: {e}\n"));
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// What both TUI entry points do first: make sure there is a terminal,
/// resolve the settings, start logging.
pub fn prepare(global: &GlobalArgs) -> Result<(Setup, Duration), ExitCode> {
    require_terminal()?;
    let setup = Setup::load(global)?;
    let watch_interval = setup
        .file
        .ui
        .watch_interval()
        .map_err(|e| invalid(&e.to_string()))?;
    start_logging(global);
    Ok((setup, watch_interval))
}

/// The TUI's options from the settings and the client built from them.
pub fn ui_options(
    setup: &Setup,
    clients: &Clients,
    watch_interval: Duration,
    demo: bool,
    history: history::Mode,
) -> UiOptions {
    UiOptions {
        client: clients.info().clone(),
        watch_interval,
        color: theme::color_from_env(std::env::var("NO_COLOR").ok().as_deref()),
        demo,
        scan_concurrency: setup
            .file
            .scan
            .concurrency
            .unwrap_or(crate::scan::DEFAULT_CONCURRENCY),
        max_attempts: setup.aws.max_attempts,
        admin_arn: setup.file.aws.admin_arn.clone(),
        history,
    }
}

/// `--channel-arn`, `--member-arn` and `--bearer-arn`, given to `tui` or
/// to `chime-prefs` alone: fill the form and fetch at once, as Enter would.
/// Returns the effects that start the fetch (none without ARNs).
pub fn prefill(app: &mut App, args: &TargetArgs, now: Instant) -> Vec<Effect> {
    if args.channel_arn.is_none() && args.member_arn.is_none() {
        return Vec::new();
    }
    app.lookup.form.fill(
        args.channel_arn.as_deref().unwrap_or(""),
        args.member_arn.as_deref().unwrap_or(""),
        args.bearer_arn.as_deref(),
    );
    app.lookup.focus = Focus::Details;
    update::fetch_now(app, now)
}

/// The TUI, prefilled from `args` when they name ARNs. Both
/// `chime-prefs tui --channel-arn A --member-arn M` and
/// `chime-prefs --channel-arn A --member-arn M` come here. `no_history`:
/// `--no-history`.
pub async fn run(global: &GlobalArgs, args: &TargetArgs, no_history: bool) -> ExitCode {
    let (mut setup, watch_interval) = match prepare(global) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let clients = match clients(&setup.aws).await {
        Ok(clients) => clients,
        Err(code) => return code,
    };
    let mode = setup.file.ui.history_mode(no_history);
    let mut options = ui_options(&setup, &clients, watch_interval, false, mode);
    if args.admin_arn.is_some() {
        options.admin_arn = args.admin_arn.clone();
    }
    let history = load_history(mode);
    let entries = with_earlier_runs(
        config_entries(std::mem::take(&mut setup.file.targets)),
        history.records,
    );
    let mut app = App::new(options, entries, (80, 24));
    let now = Instant::now();
    if let Some(warning) = history.warning {
        update::notice_at_start(&mut app, warning, now);
    }
    let initial = prefill(&mut app, args, now);
    let log_rules = setup.file.ui.log_filter_rules.unwrap_or(false);
    run_app(clients, app, initial, log_rules, history.file).await
}
