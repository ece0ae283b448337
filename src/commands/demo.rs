//! `chime-prefs demo`: the embedded demo service on a loopback port, and
//! the TUI pointed at it with static demo credentials and the demo's
//! members in the history list. No AWS account, no network.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::aws::PrefsClient;
use crate::cli::{DemoArgs, GlobalArgs};
use crate::demo_service::{
    self, DEMO_ACCESS_KEY_ID, DEMO_REGION, DEMO_SECRET_ACCESS_KEY, Dataset, DemoOptions, DemoServer,
};
use crate::tui::state::{App, HistoryEntry, Origin, UiOptions};
use crate::tui::{theme, update};

use super::tui::{config_entries, require_terminal, run_app, start_logging};
use super::{EXIT_FAILED, Setup, invalid};

pub fn demo_entries(dataset: &Dataset) -> Vec<HistoryEntry> {
    demo_service::demo_targets(dataset)
        .into_iter()
        .map(|t| HistoryEntry {
            label: t.name,
            note: Some(t.note),
            channel_arn: t.channel_arn,
            member_arn: t.member_arn,
            bearer_arn: t.bearer_arn,
            origin: Origin::Demo,
            last: None,
        })
        .collect()
}

pub async fn run(global: &GlobalArgs, args: &DemoArgs) -> ExitCode {
    if let Err(code) = require_terminal() {
        return code;
    }
    let mut setup = match Setup::load(global) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let watch_interval = match setup.file.ui.watch_interval() {
        Ok(w) => w,
        Err(e) => return invalid(&e.to_string()),
    };
    start_logging(global);
    let opts = DemoOptions {
        latency: Duration::from_millis(args.latency_ms),
        ..DemoOptions::default()
    };
    let server = match DemoServer::start(opts).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    // The demo is always local: its endpoint, its region, its credentials.
    // --timeout and --max-attempts still apply.
    let mut aws = setup.aws.clone();
    aws.endpoint_url = Some(server.endpoint_url());
    aws.region = Some(DEMO_REGION.to_string());
    aws.profile = None;
    aws.static_credentials = Some((
        DEMO_ACCESS_KEY_ID.to_string(),
        DEMO_SECRET_ACCESS_KEY.to_string(),
    ));
    let client = PrefsClient::connect(&aws).await;
    let options = UiOptions {
        client: client.info().clone(),
        watch_interval,
        color: theme::color_from_env(std::env::var("NO_COLOR").ok().as_deref()),
        demo: true,
        scan_concurrency: setup
            .file
            .scan
            .concurrency
            .unwrap_or(crate::scan::DEFAULT_CONCURRENCY),
        endpoint_url: aws.endpoint_url.clone(),
    };
    let mut saved = demo_entries(&Dataset::embedded());
    saved.extend(config_entries(std::mem::take(&mut setup.file.targets)));
    let mut app = App::new(options, saved, (80, 24));
    // Start with the first member looked up, so the first screen shows a result.
    let initial = update::run_entry(&mut app, 0, Instant::now());
    let log_rules = setup.file.ui.log_filter_rules.unwrap_or(false);
    let code = run_app(client, app, initial, log_rules).await;
    server.shutdown().await;
    code
}
