//! Running a diagnosis: every independent call at once (membership,
//! preferences, the endpoint list, the ban, the message and GetRole), then
//! each endpoint's describe as soon as the list is in, then each app's
//! set-up (GetApp, the channel each device type needs, the role's
//! permission on the app) as soon as a describe names it. Each app,
//! channel and the role is read once per diagnosis, however many devices
//! share it. The whole takes about as long as its longest chain, not the
//! sum of its calls: four round trips (list, describe, app set-up, and the
//! policies read when the simulation is refused).
//!
//! The calls are behind [`PushPathCalls`] so the runner knows no SDK; each
//! answer is sent as an [`Event`] the moment it arrives, and
//! [`Facts::apply`] folds it in (a screen re-evaluates after each).

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::sync::mpsc::UnboundedSender;

use super::facts::{
    BanFact, EndpointFact, Fact, Facts, MembershipFact, MessageInput, PermissionAnswer,
    PreferencesFact,
};
use crate::error::{CallError, ErrorKind};
use crate::filter::Attributes;
use crate::model::{
    PinpointApp, PinpointAppRef, PushChannel, PushChannelKind, RolePolicy, ServiceRole,
    SimulatedDecision,
};

/// The calls a diagnosis makes, answered as facts.
pub trait PushPathCalls: Send + Sync {
    fn membership(
        &self,
        facts: &Facts,
    ) -> impl Future<Output = Fact<Option<MembershipFact>>> + Send;
    fn ban(&self, facts: &Facts) -> impl Future<Output = Fact<Option<BanFact>>> + Send;
    fn preferences(&self, facts: &Facts) -> impl Future<Output = Fact<PreferencesFact>> + Send;
    fn message(&self, facts: &Facts, id: &str) -> impl Future<Output = Fact<Attributes>> + Send;
    /// Every page of the list; each endpoint's `resource_arn` pending.
    fn endpoints(&self, facts: &Facts) -> impl Future<Output = Fact<Vec<EndpointFact>>> + Send;
    /// One endpoint's Pinpoint app ARN.
    fn endpoint_resource(
        &self,
        facts: &Facts,
        endpoint_id: &str,
    ) -> impl Future<Output = Fact<Option<String>>> + Send;
    /// GetRole [`SERVICE_ROLE_NAME`](super::facts::SERVICE_ROLE_NAME):
    /// `None` when IAM says NoSuchEntity.
    fn role(&self, facts: &Facts) -> impl Future<Output = Fact<Option<ServiceRole>>> + Send;
    /// GetApp: `None` when the app is gone.
    fn app(
        &self,
        facts: &Facts,
        app: &PinpointAppRef,
    ) -> impl Future<Output = Fact<Option<PinpointApp>>> + Send;
    /// The app's channel of `kind`: `None` when there is none.
    fn channel(
        &self,
        facts: &Facts,
        app: &PinpointAppRef,
        kind: PushChannelKind,
    ) -> impl Future<Output = Fact<Option<PushChannel>>> + Send;
    /// SimulatePrincipalPolicy for the role sending to `app`'s messages.
    /// The runner also asks once, at the start, about every app of the
    /// account (`apps/*`), only to learn early whether the simulator
    /// answers at all.
    fn simulate(
        &self,
        facts: &Facts,
        app: &PinpointAppRef,
    ) -> impl Future<Output = Fact<Vec<SimulatedDecision>>> + Send;
    /// Every permission policy of the role, read when the simulation is
    /// refused; shared by every app.
    fn read_policies(&self, facts: &Facts) -> impl Future<Output = Fact<Vec<RolePolicy>>> + Send;
}

/// One call's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Membership(Fact<Option<MembershipFact>>),
    Ban(Fact<Option<BanFact>>),
    Preferences(Fact<PreferencesFact>),
    Message(Fact<Attributes>),
    Endpoints(Fact<Vec<EndpointFact>>),
    EndpointResource {
        endpoint_id: String,
        resource_arn: Fact<Option<String>>,
    },
    Role(Fact<Option<ServiceRole>>),
    App {
        app: PinpointAppRef,
        fact: Fact<Option<PinpointApp>>,
    },
    Channel {
        app: PinpointAppRef,
        kind: PushChannelKind,
        fact: Fact<Option<PushChannel>>,
    },
    Permission {
        app: PinpointAppRef,
        fact: Fact<PermissionAnswer>,
    },
}

impl Facts {
    /// Fold one answer in.
    pub fn apply(&mut self, event: Event) {
        match event {
            Event::Membership(f) => self.membership = f,
            Event::Ban(f) => self.ban = f,
            Event::Preferences(f) => self.preferences = f,
            Event::Message(f) => {
                if let MessageInput::Message { attributes, .. } = &mut self.message {
                    *attributes = f;
                }
            }
            Event::Endpoints(f) => self.endpoints = f,
            Event::EndpointResource {
                endpoint_id,
                resource_arn,
            } => {
                if let Fact::Known { value, .. } = &mut self.endpoints {
                    for e in value.iter_mut().filter(|e| e.id == endpoint_id) {
                        e.resource_arn = resource_arn.clone();
                    }
                }
                // The runner asks for a newly named app's set-up at once:
                // pending until it answers.
                if asks_setup(self) {
                    let wanted = self.setup_wanted();
                    self.mark_setup_pending(&wanted);
                }
            }
            Event::Role(f) => self.role = f,
            Event::App { app, fact } => {
                self.apps.insert(app, fact);
            }
            Event::Channel { app, kind, fact } => {
                self.channels.insert((app, kind), fact);
            }
            Event::Permission { app, fact } => {
                self.permission.insert(app, fact);
            }
        }
    }
}

/// Whether a diagnosis reads the set-up behind the devices: not when the
/// role was deliberately left out (the member picture's devices-only run).
fn asks_setup(facts: &Facts) -> bool {
    !matches!(facts.role, Fact::NotAsked(_))
}

/// What the runner has launched behind the device, so each app, channel
/// and permission is asked once.
#[derive(Default)]
struct Asked {
    apps: HashSet<PinpointAppRef>,
    channels: HashSet<(PinpointAppRef, PushChannelKind)>,
    permissions: HashSet<PinpointAppRef>,
}

impl Asked {
    /// Everything the starting facts already hold (known, failed or
    /// pending elsewhere) counts as asked.
    fn from(facts: &Facts) -> Asked {
        Asked {
            apps: facts.apps.keys().cloned().collect(),
            channels: facts.channels.keys().cloned().collect(),
            permissions: facts.permission.keys().cloned().collect(),
        }
    }
}

/// What a call in flight answers: an event for the facts, or one of the
/// runner's own steps towards a permission answer.
enum Step {
    Event(Event),
    /// The start-up simulation about every app: does the simulator answer?
    Probe(Fact<Vec<SimulatedDecision>>),
    /// The role's policies, read because the simulation was refused.
    Policies(Fact<Vec<RolePolicy>>),
}

type Pending<'a> = Pin<Box<dyn Future<Output = Step> + Send + 'a>>;

/// How the permission question is answered for the apps in use: by the
/// simulator, or (when the caller may not simulate) from the role's
/// policies, read once.
enum Permissions {
    /// The start-up probe is out: apps wait here.
    Probing(Vec<PinpointAppRef>),
    /// The simulator answers (or failed otherwise): simulate each app.
    Simulate,
    /// Refused: the policies are being read; apps wait here.
    Reading {
        refused: CallError,
        waiting: Vec<PinpointAppRef>,
    },
    /// Refused, and the policies are in.
    Read {
        refused: CallError,
        policies: Fact<Vec<RolePolicy>>,
    },
}

impl Permissions {
    /// Ask about `app`: now, or once the way to answer is known.
    fn ask<'a, C: PushPathCalls>(
        &mut self,
        calls: &'a C,
        start: &'a Facts,
        app: PinpointAppRef,
        inflight: &mut FuturesUnordered<Pending<'a>>,
    ) {
        match self {
            Permissions::Probing(waiting) | Permissions::Reading { waiting, .. } => {
                waiting.push(app)
            }
            Permissions::Simulate => inflight.push(simulation(calls, start, app)),
            Permissions::Read { refused, policies } => {
                let fact = read_answer(refused, policies);
                inflight.push(Box::pin(async move {
                    Step::Event(Event::Permission { app, fact })
                }));
            }
        }
    }
}

fn simulation<'a, C: PushPathCalls>(
    calls: &'a C,
    start: &'a Facts,
    app: PinpointAppRef,
) -> Pending<'a> {
    Box::pin(async move {
        let fact = match calls.simulate(start, &app).await {
            Fact::Known { value, request_id } => Fact::Known {
                value: PermissionAnswer::Simulated(value),
                request_id,
            },
            Fact::Failed(e) => Fact::Failed(e),
            Fact::NotAsked(why) => Fact::NotAsked(why),
            Fact::Pending => Fact::Pending,
        };
        Step::Event(Event::Permission { app, fact })
    })
}

/// The answer from the policies read after a refusal.
fn read_answer(refused: &CallError, policies: &Fact<Vec<RolePolicy>>) -> Fact<PermissionAnswer> {
    match policies {
        Fact::Known { value, request_id } => Fact::Known {
            value: PermissionAnswer::ReadPolicies {
                refused: refused.clone(),
                policies: value.clone(),
            },
            request_id: request_id.clone(),
        },
        Fact::Failed(e) => Fact::Failed(e.clone()),
        Fact::NotAsked(why) => Fact::NotAsked(why.clone()),
        Fact::Pending => Fact::Pending,
    }
}

/// The app the start-up probe asks about: every app of the app instance's
/// account and region.
fn every_app(facts: &Facts) -> PinpointAppRef {
    PinpointAppRef {
        region: facts.scope.region.clone(),
        account: facts.scope.account.clone(),
        app_id: "*".to_string(),
    }
}

/// Launch the set-up calls for one device's app and channel type that are
/// not asked yet.
fn launch_setup<'a, C: PushPathCalls>(
    calls: &'a C,
    start: &'a Facts,
    asked: &mut Asked,
    permissions: &mut Permissions,
    (app, kind): (PinpointAppRef, Option<PushChannelKind>),
    inflight: &mut FuturesUnordered<Pending<'a>>,
) {
    if asked.apps.insert(app.clone()) {
        let app = app.clone();
        inflight.push(Box::pin(async move {
            let fact = calls.app(start, &app).await;
            Step::Event(Event::App { app, fact })
        }));
    }
    if asked.permissions.insert(app.clone()) {
        permissions.ask(calls, start, app.clone(), inflight);
    }
    if let Some(kind) = kind
        && asked.channels.insert((app.clone(), kind))
    {
        inflight.push(Box::pin(async move {
            let fact = calls.channel(start, &app, kind).await;
            Step::Event(Event::Channel { app, kind, fact })
        }));
    }
}

/// Make every call the facts still wait for, sending each answer on
/// `events` as it arrives. Returns when all have answered, or early when
/// the receiver is dropped.
pub async fn run<C: PushPathCalls>(calls: &C, start: &Facts, events: &UnboundedSender<Event>) {
    let mut inflight: FuturesUnordered<Pending<'_>> = FuturesUnordered::new();
    if start.membership.is_pending() {
        inflight.push(Box::pin(async {
            Step::Event(Event::Membership(calls.membership(start).await))
        }));
    }
    if start.ban.is_pending() {
        inflight.push(Box::pin(async {
            Step::Event(Event::Ban(calls.ban(start).await))
        }));
    }
    if start.preferences.is_pending() {
        inflight.push(Box::pin(async {
            Step::Event(Event::Preferences(calls.preferences(start).await))
        }));
    }
    if let MessageInput::Message { id, attributes } = &start.message
        && attributes.is_pending()
    {
        inflight.push(Box::pin(async move {
            Step::Event(Event::Message(calls.message(start, id).await))
        }));
    }
    if start.endpoints.is_pending() {
        inflight.push(Box::pin(async {
            Step::Event(Event::Endpoints(calls.endpoints(start).await))
        }));
    }
    // The role belongs to the account, not to a device: asked at once.
    if start.role.is_pending() {
        inflight.push(Box::pin(async {
            Step::Event(Event::Role(calls.role(start).await))
        }));
    }
    let setup = asks_setup(start);
    let mut asked = Asked::from(start);
    // Whether the simulator answers is learnt at the start, so that a
    // refusal has the role's policies read while the devices are still
    // being described.
    let mut permissions = if setup {
        let probe = every_app(start);
        inflight.push(Box::pin(async move {
            Step::Probe(calls.simulate(start, &probe).await)
        }));
        Permissions::Probing(Vec::new())
    } else {
        Permissions::Simulate
    };
    // Devices already described (facts kept from an earlier run).
    if setup {
        for pair in start.apps_in_use() {
            launch_setup(
                calls,
                start,
                &mut asked,
                &mut permissions,
                pair,
                &mut inflight,
            );
        }
    }
    // The facts as the answers come in, to know which devices may receive
    // (the evaluation's own rule: only their set-up is read).
    let mut seen = start.clone();
    while let Some(step) = inflight.next().await {
        let event = match step {
            Step::Event(event) => event,
            Step::Probe(fact) => {
                let waiting = match &mut permissions {
                    Permissions::Probing(waiting) => std::mem::take(waiting),
                    _ => Vec::new(),
                };
                match fact {
                    Fact::Failed(refused) if refused.kind == ErrorKind::AccessDenied => {
                        inflight.push(Box::pin(async {
                            Step::Policies(calls.read_policies(start).await)
                        }));
                        permissions = Permissions::Reading { refused, waiting };
                    }
                    _ => {
                        permissions = Permissions::Simulate;
                        for app in waiting {
                            inflight.push(simulation(calls, start, app));
                        }
                    }
                }
                continue;
            }
            Step::Policies(policies) => {
                let (refused, waiting) = match &mut permissions {
                    Permissions::Reading { refused, waiting } => {
                        (refused.clone(), std::mem::take(waiting))
                    }
                    _ => continue,
                };
                for app in waiting {
                    let fact = read_answer(&refused, &policies);
                    inflight.push(Box::pin(async move {
                        Step::Event(Event::Permission { app, fact })
                    }));
                }
                permissions = Permissions::Read { refused, policies };
                continue;
            }
        };
        if setup && matches!(event, Event::Endpoints(_) | Event::EndpointResource { .. }) {
            seen.apply(event.clone());
            for pair in seen.apps_in_use() {
                launch_setup(
                    calls,
                    start,
                    &mut asked,
                    &mut permissions,
                    pair,
                    &mut inflight,
                );
            }
        }
        if let Event::Endpoints(Fact::Known { value, .. }) = &event {
            for e in value.iter().filter(|e| e.resource_arn.is_pending()) {
                let id = e.id.clone();
                inflight.push(Box::pin(async move {
                    let resource_arn = calls.endpoint_resource(start, &id).await;
                    Step::Event(Event::EndpointResource {
                        endpoint_id: id,
                        resource_arn,
                    })
                }));
            }
        }
        if events.send(event).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;
    use crate::diagnose::{EndpointType, Push, Scope, evaluate};
    use crate::model::{
        AllowMessages, AllowNotifications, EndpointStatus, PinpointApp, PushChannel, ServiceRole,
    };

    /// Answers after a fixed delay each, and records when each call started
    /// (in the paused test clock).
    struct Fake {
        started: Mutex<Vec<(String, Duration)>>,
        t0: tokio::time::Instant,
        /// The caller may not simulate (AccessDenied).
        refuse_simulation: bool,
        /// Each endpoint's app id.
        apps: Vec<(&'static str, &'static str)>,
    }

    const ROUND_TRIP: Duration = Duration::from_millis(50);

    impl Fake {
        fn new() -> Self {
            Fake {
                started: Mutex::new(Vec::new()),
                t0: tokio::time::Instant::now(),
                refuse_simulation: false,
                apps: vec![("a", "x"), ("b", "x"), ("c", "x")],
            }
        }

        fn record(&self, name: &str) {
            self.started
                .lock()
                .map(|mut s| s.push((name.to_string(), self.t0.elapsed())))
                .ok();
        }

        async fn call<T>(&self, name: &str, value: T) -> Fact<T> {
            self.calls(name, value, 1).await
        }

        /// A fact that takes `trips` round trips (the policies' three).
        async fn calls<T>(&self, name: &str, value: T, trips: u32) -> Fact<T> {
            self.record(name);
            tokio::time::sleep(ROUND_TRIP * trips).await;
            Fact::known(value, Some(format!("rid-{name}")))
        }

        fn started(&self) -> Vec<(String, Duration)> {
            self.started.lock().map(|s| s.clone()).unwrap_or_default()
        }
    }

    fn app_arn(id: &str) -> String {
        format!("arn:aws:mobiletargeting:us-east-1:111122223333:apps/{id}")
    }

    const SEND: &str = r#"{"Statement":{"Effect":"Allow","Action":"mobiletargeting:SendMessages","Resource":"arn:aws:mobiletargeting:*:111122223333:apps/*/messages"}}"#;
    const TRUST: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}}"#;

    /// Run every call the facts wait for, folding each answer in; how many
    /// answers came.
    async fn run_all(fake: &Fake, facts: &mut Facts) -> usize {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        run(fake, facts, &tx).await;
        drop(tx);
        let mut seen = 0;
        while let Some(event) = rx.recv().await {
            facts.apply(event);
            seen += 1;
        }
        seen
    }

    fn endpoint(id: &str) -> EndpointFact {
        EndpointFact {
            id: id.into(),
            name: None,
            kind: Some(EndpointType::Gcm),
            allow_messages: Some(AllowMessages::All),
            status: Some(EndpointStatus::Active),
            status_reason: None,
            resource_arn: Fact::Pending,
        }
    }

    impl PushPathCalls for Fake {
        async fn membership(&self, _: &Facts) -> Fact<Option<MembershipFact>> {
            self.call(
                "membership",
                Some(MembershipFact {
                    kind: None,
                    invited_by: None,
                    created: None,
                    member_name: None,
                }),
            )
            .await
        }
        async fn ban(&self, _: &Facts) -> Fact<Option<BanFact>> {
            self.call("ban", None).await
        }
        async fn preferences(&self, _: &Facts) -> Fact<PreferencesFact> {
            self.call(
                "preferences",
                PreferencesFact {
                    allow: Some(AllowNotifications::All),
                    filter_rule: None,
                    member_name: None,
                },
            )
            .await
        }
        async fn message(&self, _: &Facts, _: &str) -> Fact<Attributes> {
            self.call("message", Attributes::new()).await
        }
        async fn endpoints(&self, _: &Facts) -> Fact<Vec<EndpointFact>> {
            self.call(
                "endpoints",
                vec![endpoint("a"), endpoint("b"), endpoint("c")],
            )
            .await
        }
        async fn endpoint_resource(&self, _: &Facts, id: &str) -> Fact<Option<String>> {
            let app = self
                .apps
                .iter()
                .find(|(e, _)| *e == id)
                .map_or("x", |(_, a)| *a);
            self.call(&format!("describe-{id}"), Some(app_arn(app)))
                .await
        }
        async fn role(&self, facts: &Facts) -> Fact<Option<ServiceRole>> {
            self.call(
                "role",
                Some(ServiceRole {
                    name: super::super::facts::SERVICE_ROLE_NAME.into(),
                    arn: crate::aws::role_arn(&facts.scope.account),
                    path: "/".into(),
                    trust_policy: Some(TRUST.into()),
                    last_used: None,
                    last_used_region: None,
                    permissions_boundary_arn: None,
                }),
            )
            .await
        }
        async fn app(&self, _: &Facts, app: &PinpointAppRef) -> Fact<Option<PinpointApp>> {
            self.call(
                &format!("app-{}", app.app_id),
                Some(PinpointApp {
                    id: app.app_id.clone(),
                    arn: Some(app.arn()),
                    name: Some("Demo".into()),
                    created: None,
                }),
            )
            .await
        }
        async fn channel(
            &self,
            _: &Facts,
            app: &PinpointAppRef,
            kind: PushChannelKind,
        ) -> Fact<Option<PushChannel>> {
            self.call(
                &format!("channel-{}-{}", app.app_id, kind.path_segment()),
                Some(PushChannel {
                    kind,
                    application_id: Some(app.app_id.clone()),
                    platform: Some(kind.platform().into()),
                    enabled: Some(true),
                    is_archived: Some(false),
                    default_authentication_method: Some(crate::model::AuthenticationMethod::Token),
                    has_token_key: None,
                    has_credential: Some(true),
                    has_fcm_service_credentials: Some(true),
                    last_modified: None,
                    version: Some(1),
                }),
            )
            .await
        }
        async fn simulate(&self, _: &Facts, app: &PinpointAppRef) -> Fact<Vec<SimulatedDecision>> {
            let name = format!("simulate-{}", app.app_id);
            if self.refuse_simulation {
                self.record(&name);
                tokio::time::sleep(ROUND_TRIP).await;
                return Fact::Failed(CallError::new(
                    crate::operation::Operation::SimulatePrincipalPolicy,
                    ErrorKind::AccessDenied,
                ));
            }
            self.call(
                &name,
                vec![SimulatedDecision {
                    action: super::super::facts::SEND_ACTION.into(),
                    resource: app.messages_arn(),
                    decision: crate::model::EvalDecision::Allowed,
                    matched_statements: Vec::new(),
                    missing_context_values: Vec::new(),
                }],
            )
            .await
        }
        async fn read_policies(&self, _: &Facts) -> Fact<Vec<RolePolicy>> {
            // List, then get, then (attached) the version: three round trips.
            self.calls(
                "policies",
                vec![RolePolicy {
                    source: crate::model::PolicySource::Inline {
                        name: "send".into(),
                    },
                    document: SEND.into(),
                }],
                3,
            )
            .await
        }
    }

    fn scope() -> Scope {
        Scope {
            region: "us-east-1".into(),
            account: "111122223333".into(),
            channel_arn: "c".into(),
            member_arn: "m".into(),
            admin_arn: Some("a".into()),
        }
    }

    /// When each call started, in round trips, by its name.
    fn starts(fake: &Fake) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = fake
            .started()
            .into_iter()
            .map(|(name, at)| (name, (at.as_millis() / ROUND_TRIP.as_millis()) as u32))
            .collect();
        out.sort();
        out
    }

    #[tokio::test(start_paused = true)]
    async fn independent_calls_start_together_and_each_app_follows_its_describe() {
        let mut facts = Facts::pending(
            scope(),
            MessageInput::Message {
                id: "m1".into(),
                attributes: Fact::Pending,
            },
        );
        let fake = Fake::new();
        let seen = run_all(&fake, &mut facts).await;
        assert_eq!(
            seen, 12,
            "five first calls, the role, three describes, and the app, its channel and the permission once"
        );
        assert!(facts.complete());
        let owned = |v: &[(&str, u32)]| -> Vec<(String, u32)> {
            v.iter().map(|(n, t)| (n.to_string(), *t)).collect()
        };
        assert_eq!(
            starts(&fake),
            owned(&[
                ("app-x", 2),
                ("ban", 0),
                ("channel-x-gcm", 2),
                ("describe-a", 1),
                ("describe-b", 1),
                ("describe-c", 1),
                ("endpoints", 0),
                ("membership", 0),
                ("message", 0),
                ("preferences", 0),
                ("role", 0),
                ("simulate-*", 0),
                ("simulate-x", 2),
            ])
        );
        // Three round trips in all: list, describe, the app's set-up.
        assert_eq!(fake.t0.elapsed(), ROUND_TRIP * 3);
        assert!(matches!(
            facts.permission.values().next(),
            Some(Fact::Known {
                value: PermissionAnswer::Simulated(_),
                ..
            })
        ));
        let evaluation = evaluate(&facts);
        assert_eq!(evaluation.verdict.push, Push::Yes, "{evaluation:#?}");
    }

    /// Refused simulation: the start-up probe learns it in the first round
    /// trip, so the role's policies (three round trips) are read while the
    /// devices are described, and read once for every app.
    #[tokio::test(start_paused = true)]
    async fn a_refused_simulation_reads_the_policies_once_and_early() {
        let mut facts = Facts::pending(scope(), MessageInput::None);
        let mut fake = Fake::new();
        fake.refuse_simulation = true;
        fake.apps = vec![("a", "x"), ("b", "y"), ("c", "x")];
        run_all(&fake, &mut facts).await;
        assert!(facts.complete());
        let starts = starts(&fake);
        let count = |prefix: &str| starts.iter().filter(|(n, _)| n.starts_with(prefix)).count();
        assert_eq!(count("policies"), 1, "{starts:?}");
        assert_eq!(count("simulate-"), 1, "only the probe: {starts:?}");
        assert_eq!(count("app-"), 2, "{starts:?}");
        assert_eq!(count("role"), 1);
        assert!(starts.contains(&("policies".to_string(), 1)), "{starts:?}");
        // Four round trips: the probe, then the policies' three.
        assert_eq!(fake.t0.elapsed(), ROUND_TRIP * 4);
        assert_eq!(facts.permission.len(), 2);
        for answer in facts.permission.values() {
            assert!(
                matches!(
                    answer,
                    Fact::Known {
                        value: PermissionAnswer::ReadPolicies { .. },
                        ..
                    }
                ),
                "{answer:?}"
            );
        }
        let evaluation = evaluate(&facts);
        assert_eq!(evaluation.verdict.push, Push::Yes, "{evaluation:#?}");
    }

    /// Facts kept from an earlier run (the TUI's next member of the same
    /// app) cost no set-up call.
    #[tokio::test(start_paused = true)]
    async fn kept_setup_facts_are_not_asked_again() {
        let mut facts = Facts::pending(scope(), MessageInput::None);
        let fake = Fake::new();
        run_all(&fake, &mut facts).await;
        let mut next = Facts::pending(scope(), MessageInput::None);
        next.role = facts.role.clone();
        next.apps = facts.apps.clone();
        next.channels = facts.channels.clone();
        next.permission = facts.permission.clone();
        let again = Fake::new();
        run_all(&again, &mut next).await;
        assert!(next.complete());
        let names: Vec<String> = starts(&again)
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| !n.starts_with("describe-"))
            .collect();
        assert_eq!(
            names,
            [
                "ban",
                "endpoints",
                "membership",
                "preferences",
                "simulate-*"
            ],
            "only the member's own calls (and the cheap probe)"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn devices_only_asks_for_the_endpoints_and_nothing_else() {
        let scope = Scope {
            region: "us-east-1".into(),
            account: "111122223333".into(),
            channel_arn: String::new(),
            member_arn: "m".into(),
            admin_arn: None,
        };
        let mut facts = Facts::devices_only(scope);
        let fake = Fake::new();
        assert_eq!(run_all(&fake, &mut facts).await, 4);
        assert!(facts.complete());
        let mut started: Vec<String> = fake
            .started
            .lock()
            .map(|s| s.iter().map(|(name, _)| name.clone()).collect())
            .unwrap_or_default();
        started.sort();
        assert_eq!(
            started,
            ["describe-a", "describe-b", "describe-c", "endpoints"]
        );
        let check = crate::diagnose::endpoints_check(&facts.endpoints, &facts.scope);
        assert_eq!(check.status, crate::diagnose::Status::Pass);
        assert_eq!(check.finding, "3 of 3 devices can receive");
    }
}
