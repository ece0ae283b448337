//! Shared fixtures for the TUI tests: fixed clock-free lookups, errors and
//! an app with a deterministic header, so renders are reproducible.

#![allow(dead_code)]

use std::time::{Duration, Instant, UNIX_EPOCH};

use chime_prefs::aws::ClientInfo;
use chime_prefs::error::{CallError, ErrorKind};
use chime_prefs::model::{
    AllowNotifications, CallMeta, FilterRuleText, Lookup, Member, MembershipPreferences,
    Preferences, PushNotifications, Target,
};
use chime_prefs::tui::app::{App, UiOptions};
use chime_prefs::tui::job::{Job, JobEvent, JobId};
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::{Focus, FormField, HistoryEntry, Origin};
use chime_prefs::tui::update::update;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";

pub fn channel() -> String {
    format!("{APP}/channel/support")
}

pub fn member(id: &str) -> String {
    format!("{APP}/user/{id}")
}

pub fn target(id: &str) -> Target {
    Target {
        channel_arn: channel(),
        member_arn: member(id),
        bearer_arn: member(id),
    }
}

pub fn options(color: bool) -> UiOptions {
    UiOptions {
        client: ClientInfo {
            profile: Some("support".into()),
            region: Some("us-east-1".into()),
            endpoint: "http://127.0.0.1:4566".into(),
            endpoint_urls: chime_prefs::aws::ServiceEndpoints {
                messaging: Some("http://127.0.0.1:4566".into()),
                identity: Some("http://127.0.0.1:4566".into()),
                ..Default::default()
            },
            ..ClientInfo::default()
        },
        watch_interval: Duration::from_secs(5),
        color,
        demo: false,
        scan_concurrency: 8,
        max_attempts: 3,
        admin_arn: None,
        history: chime_prefs::history::Mode::Off,
    }
}

pub fn saved(ids: &[&str]) -> Vec<HistoryEntry> {
    ids.iter()
        .map(|id| HistoryEntry {
            label: (*id).to_string(),
            note: Some(format!("note for {id}")),
            channel_arn: channel(),
            member_arn: member(id),
            bearer_arn: None,
            origin: Origin::Demo,
            last: None,
            read_at: None,
        })
        .collect()
}

pub fn app(width: u16, height: u16) -> App {
    App::new(options(true), Vec::new(), (width, height))
}

pub fn app_with_history(width: u16, height: u16, ids: &[&str]) -> App {
    App::new(options(true), saved(ids), (width, height))
}

/// A lookup as the SDK layer returns it, with fixed facts.
pub fn lookup(id: &str, name: &str, allow: Option<&str>, rule: Option<&str>) -> Lookup {
    Lookup {
        response: MembershipPreferences {
            channel_arn: Some(channel()),
            member: Some(Member {
                arn: Some(member(id)),
                name: Some(name.into()),
            }),
            preferences: Some(Preferences {
                push_notifications: allow.map(|a| PushNotifications {
                    allow: Some(AllowNotifications::from_wire(a)),
                    filter_rule: rule.map(FilterRuleText::new),
                }),
            }),
        },
        meta: CallMeta {
            request_id: Some("11111111-2222-4333-8444-555555555555".into()),
            latency: Duration::from_millis(12),
            attempts: 1,
            fetched_at: UNIX_EPOCH + Duration::from_secs(1_764_097_200),
        },
    }
}

pub fn error(kind: ErrorKind) -> CallError {
    let mut e = CallError::new(
        chime_prefs::operation::Operation::GetChannelMembershipPreferences,
        kind,
    );
    let (status, code, message) = match kind {
        ErrorKind::BadRequest => (
            Some(400),
            Some("BadRequestException"),
            Some("Member is not a member of channel."),
        ),
        ErrorKind::Unauthorized => (
            Some(401),
            Some("UnauthorizedClientException"),
            Some(
                "Unauthorized: An invalid app instance user ARN was supplied for the x-amz-chime-bearer HTTP header.",
            ),
        ),
        ErrorKind::Forbidden => (
            Some(403),
            Some("ForbiddenException"),
            Some("Forbidden: the member is banned from this channel."),
        ),
        ErrorKind::Throttled => (
            Some(429),
            Some("ThrottledClientException"),
            Some("Rate exceeded"),
        ),
        ErrorKind::ServiceFailure => (
            Some(500),
            Some("ServiceFailureException"),
            Some("Service Failure"),
        ),
        ErrorKind::ServiceUnavailable => (
            Some(503),
            Some("ServiceUnavailableException"),
            Some("Service Unavailable"),
        ),
        ErrorKind::CredentialsExpired => (
            Some(403),
            Some("ExpiredTokenException"),
            Some("The security token included in the request is expired"),
        ),
        ErrorKind::CredentialsInvalid => (
            Some(403),
            Some("UnrecognizedClientException"),
            Some("The security token included in the request is invalid."),
        ),
        ErrorKind::AccessDenied => (
            Some(403),
            Some("AccessDeniedException"),
            Some(
                "User: arn:aws:sts::111122223333:assumed-role/Support/alice is not authorized to perform: chime:GetChannelMembershipPreferences on resource: arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support because no identity-based policy allows the chime:GetChannelMembershipPreferences action",
            ),
        ),
        ErrorKind::NotFound => (
            Some(404),
            Some("NotFoundException"),
            Some("The membership was not found."),
        ),
        ErrorKind::MalformedResponse => (Some(200), None, None),
        ErrorKind::UnknownCode => (Some(418), Some("TeapotException"), Some("I'm a teapot")),
        _ => (None, None, None),
    };
    e.http_status = status;
    e.code = code.map(str::to_string);
    e.message = message.map(str::to_string);
    if status.is_some() {
        e.request_id = Some("99999999-8888-4777-8666-555555555555".into());
    }
    e.attempts = if e.retryable() { 3 } else { 1 };
    if status.is_none() {
        e.detail = Some(match kind {
            ErrorKind::EndpointUnreachable => "connection refused".into(),
            ErrorKind::Timeout => "no complete response within the timeout".into(),
            ErrorKind::NoRegion => {
                "no region configured and none readable from the channel ARN".into()
            }
            ErrorKind::RegionMismatch => {
                "--region eu-central-1 contradicts the ARN, which is in us-east-1".into()
            }
            ErrorKind::CredentialProcess => {
                "credential_process of profile support exited with exit status 1: token expired"
                    .into()
            }
            _ => "the default credential chain found no credentials".into(),
        });
    }
    e
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new_with_kind(
        code,
        KeyModifiers::NONE,
        KeyEventKind::Press,
    ))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new_with_kind(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
        KeyEventKind::Press,
    ))
}

pub fn type_text(app: &mut App, text: &str, now: Instant) {
    for c in text.chars() {
        update(app, key(KeyCode::Char(c)), now);
    }
}

/// Fill the form, focus it and press Enter; returns the effects.
pub fn submit(app: &mut App, id: &str, now: Instant) -> Vec<Effect> {
    app.lookup.form.fill(&channel(), &member(id), None);
    app.lookup.focus = Focus::Field(FormField::Member);
    update(app, key(KeyCode::Enter), now)
}

pub fn fetch_id(effects: &[Effect]) -> JobId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                id,
                job: Job::Lookup { .. },
            } => Some(*id),
            _ => None,
        })
        .expect("a lookup job")
}

pub fn done(id: JobId, result: Result<Lookup, CallError>) -> Msg {
    Msg::Job {
        id,
        event: JobEvent::Lookup(Box::new(result)),
    }
}

/// Scan events for members `ids`, each read with `allow` (or failing 403
/// when `allow` is "403").
pub fn scan_events(ids: &[(&str, &str)]) -> Vec<chime_prefs::scan::ScanEvent> {
    use chime_prefs::model::Member as M;
    use chime_prefs::scan::{MemberOutcome, ScanEvent};
    let members = ids
        .iter()
        .map(|(id, _)| M {
            arn: Some(member(id)),
            name: Some(format!("Name {id}")),
        })
        .collect();
    let mut events = vec![
        ScanEvent::Listed { members },
        ScanEvent::ListingComplete { total: ids.len() },
    ];
    for (index, (id, allow)) in ids.iter().enumerate() {
        let outcome = match *allow {
            "403" => MemberOutcome::Failed(error(ErrorKind::Forbidden)),
            "-" => MemberOutcome::Read(Box::new(lookup(id, &format!("Name {id}"), None, None))),
            a => MemberOutcome::Read(Box::new(lookup(id, &format!("Name {id}"), Some(a), None))),
        };
        events.push(ScanEvent::Finished { index, outcome });
    }
    events.push(ScanEvent::Done);
    events
}

pub fn scan_msg(id: JobId, event: chime_prefs::scan::ScanEvent) -> Msg {
    Msg::Job {
        id,
        event: JobEvent::Scan(Box::new(event)),
    }
}

pub fn scan_id(effects: &[Effect]) -> JobId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                id,
                job: Job::ChannelScan { .. },
            } => Some(*id),
            _ => None,
        })
        .expect("a channel scan job")
}

/// Look member `id` up through the form and deliver this result for it.
pub fn load(
    app: &mut App,
    id: &str,
    name: &str,
    allow: Option<&str>,
    rule: Option<&str>,
    now: Instant,
) {
    let request = fetch_id(&submit(app, id, now));
    update(app, done(request, Ok(lookup(id, name, allow, rule))), now);
}

/// Whether the open test panel's verdict is "push"; panics when there is
/// no verdict.
pub fn panel_notifies(app: &App) -> bool {
    match app.lookup.test_panel.as_ref().map(|p| &p.result) {
        Some(Some(Ok(verdict))) => verdict.notify,
        other => panic!("no verdict: {other:?}"),
    }
}

/// The app drawn into a test terminal of its own size.
pub fn draw(app: &App) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let (w, h) = app.size;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| chime_prefs::tui::view::render(f, app))
        .expect("draw");
    terminal
}

/// Each row of a buffer as text.
pub fn buffer_rows(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Each row of the drawn app as text.
pub fn rows(app: &App) -> Vec<String> {
    buffer_rows(draw(app).backend().buffer())
}

/// Press `code` and return the effects.
pub fn press(app: &mut App, code: KeyCode, now: Instant) -> Vec<Effect> {
    update(app, key(code), now)
}

/// Start the channel view from the form (member `lister` lists) and feed
/// it `events`; returns the scan's id.
pub fn channel_view(
    app: &mut App,
    lister: &str,
    events: Vec<chime_prefs::scan::ScanEvent>,
    now: Instant,
) -> JobId {
    app.lookup.form.fill(&channel(), &member(lister), None);
    app.lookup.focus = Focus::Details;
    let id = scan_id(&update(app, key(KeyCode::Char('c')), now));
    for event in events {
        update(app, scan_msg(id, event), now);
    }
    id
}
