//! `chime-prefs demo`: the embedded demo service on a loopback port, and
//! the TUI pointed at it with static demo credentials and the demo's
//! members in the history list. No AWS account, no network, and no history
//! file: the demo's ARNs name a service that is gone when it quits, so
//! they never enter the user's history, and the user's real lookups are
//! not offered against the demo.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::cli::{DemoArgs, GlobalArgs};
use crate::demo_service::{
    self, DEMO_ACCESS_KEY_ID, DEMO_REGION, DEMO_SECRET_ACCESS_KEY, Dataset, DemoOptions, DemoServer,
};
use crate::tui::app::App;
use crate::tui::screens::lookup::{HistoryEntry, Origin};
use crate::tui::update;

use super::EXIT_FAILED;
use super::tui::{clients, config_entries, prepare, run_app, ui_options};

/// The demo's members worth looking up, then the 10,000-member town-hall
/// channel (through its first member), for the channel view.
pub fn demo_entries(dataset: &Dataset) -> Vec<HistoryEntry> {
    let mut entries: Vec<HistoryEntry> = demo_service::demo_targets(dataset)
        .into_iter()
        .map(|t| HistoryEntry {
            label: t.name,
            note: Some(t.note),
            channel_arn: t.channel_arn,
            member_arn: t.member_arn,
            bearer_arn: t.bearer_arn,
            origin: Origin::Demo,
            last: None,
            read_at: None,
        })
        .collect();
    if let Some(town_hall) = dataset
        .channel_arns()
        .into_iter()
        .find(|a| a.ends_with("/channel/town-hall"))
    {
        entries.push(HistoryEntry {
            label: "town-hall".into(),
            note: Some("10,000 members: Enter, then c".into()),
            channel_arn: town_hall,
            member_arn: format!("{}/user/th-00001", dataset.app_instance_arn()),
            bearer_arn: None,
            origin: Origin::Demo,
            last: None,
            read_at: None,
        });
    }
    entries
}

pub async fn run(global: &GlobalArgs, args: &DemoArgs) -> ExitCode {
    let (mut setup, watch_interval) = match prepare(global) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
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
    let aws = &mut setup.aws;
    aws.use_endpoint(server.endpoint_url());
    aws.region = Some(DEMO_REGION.to_string());
    aws.profile = None;
    aws.static_credentials = Some((
        DEMO_ACCESS_KEY_ID.to_string(),
        DEMO_SECRET_ACCESS_KEY.to_string(),
    ));
    let clients = match clients(&setup.aws).await {
        Ok(clients) => clients,
        Err(code) => {
            server.shutdown().await;
            return code;
        }
    };
    let mut options = ui_options(
        &setup,
        &clients,
        watch_interval,
        true,
        crate::history::Mode::Off,
    );
    // The demo knows its own AppInstanceAdmin, so `p` checks bans too.
    if options.admin_arn.is_none() {
        options.admin_arn = Some(demo_service::DEMO_ADMIN_ARN.to_string());
    }
    // The server's own copy: parsing the dataset again would delay the
    // first frame.
    let mut saved = demo_entries(server.dataset());
    saved.extend(config_entries(std::mem::take(&mut setup.file.targets)));
    let mut app = App::new(options, saved, (80, 24));
    // Start with the first member looked up, so the first screen shows a result.
    let initial = update::run_entry(&mut app, 0, Instant::now());
    let log_rules = setup.file.ui.log_filter_rules.unwrap_or(false);
    let code = run_app(clients, app, initial, log_rules, None).await;
    server.shutdown().await;
    code
}
