//! Running a diagnosis: every independent call at once (membership,
//! preferences, the endpoint list, the ban and the message), then each
//! endpoint's describe as soon as the list is in. The whole takes about as
//! long as its longest chain, not the sum of its calls.
//!
//! The calls are behind [`PushPathCalls`] so the runner knows no SDK; each
//! answer is sent as an [`Event`] the moment it arrives, and
//! [`Facts::apply`] folds it in (a screen re-evaluates after each).

use std::future::Future;
use std::pin::Pin;

use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::sync::mpsc::UnboundedSender;

use super::facts::{
    BanFact, EndpointFact, Fact, Facts, MembershipFact, MessageInput, PreferencesFact,
};
use crate::filter::Attributes;

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
            }
        }
    }
}

type Pending<'a> = Pin<Box<dyn Future<Output = Event> + Send + 'a>>;

/// Make every call the facts still wait for, sending each answer on
/// `events` as it arrives. Returns when all have answered, or early when
/// the receiver is dropped.
pub async fn run<C: PushPathCalls>(calls: &C, start: &Facts, events: &UnboundedSender<Event>) {
    let mut inflight: FuturesUnordered<Pending<'_>> = FuturesUnordered::new();
    if start.membership.is_pending() {
        inflight.push(Box::pin(async {
            Event::Membership(calls.membership(start).await)
        }));
    }
    if start.ban.is_pending() {
        inflight.push(Box::pin(async { Event::Ban(calls.ban(start).await) }));
    }
    if start.preferences.is_pending() {
        inflight.push(Box::pin(async {
            Event::Preferences(calls.preferences(start).await)
        }));
    }
    if let MessageInput::Message { id, attributes } = &start.message
        && attributes.is_pending()
    {
        inflight.push(Box::pin(async move {
            Event::Message(calls.message(start, id).await)
        }));
    }
    if start.endpoints.is_pending() {
        inflight.push(Box::pin(async {
            Event::Endpoints(calls.endpoints(start).await)
        }));
    }
    while let Some(event) = inflight.next().await {
        if let Event::Endpoints(Fact::Known { value, .. }) = &event {
            for e in value.iter().filter(|e| e.resource_arn.is_pending()) {
                let id = e.id.clone();
                inflight.push(Box::pin(async move {
                    let resource_arn = calls.endpoint_resource(start, &id).await;
                    Event::EndpointResource {
                        endpoint_id: id,
                        resource_arn,
                    }
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
    use crate::model::{AllowMessages, AllowNotifications, EndpointStatus};

    /// Answers after a fixed delay each, and records when each call started
    /// (in the paused test clock).
    struct Fake {
        started: Mutex<Vec<(String, Duration)>>,
        t0: tokio::time::Instant,
    }

    impl Fake {
        fn new() -> Self {
            Fake {
                started: Mutex::new(Vec::new()),
                t0: tokio::time::Instant::now(),
            }
        }

        async fn call<T>(&self, name: &str, value: T) -> Fact<T> {
            self.started
                .lock()
                .map(|mut s| s.push((name.to_string(), self.t0.elapsed())))
                .ok();
            tokio::time::sleep(Duration::from_millis(50)).await;
            Fact::known(value, Some(format!("rid-{name}")))
        }
    }

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
            self.call(
                &format!("describe-{id}"),
                Some("arn:aws:mobiletargeting:us-east-1:111122223333:apps/x".to_string()),
            )
            .await
        }
    }

    #[tokio::test(start_paused = true)]
    async fn independent_calls_start_together_and_describes_follow_the_list() {
        let scope = Scope {
            region: "us-east-1".into(),
            account: "111122223333".into(),
            channel_arn: "c".into(),
            member_arn: "m".into(),
            admin_arn: Some("a".into()),
        };
        let mut facts = Facts::pending(
            scope,
            MessageInput::Message {
                id: "m1".into(),
                attributes: Fact::Pending,
            },
        );
        let fake = Fake::new();
        let seen = run_all(&fake, &mut facts).await;
        assert_eq!(seen, 8, "five first calls and three describes");
        assert!(facts.complete());
        let started = fake.started.lock().map(|s| s.clone()).unwrap_or_default();
        for (name, at) in &started {
            let expected = if name.starts_with("describe-") {
                Duration::from_millis(50)
            } else {
                Duration::ZERO
            };
            assert_eq!(*at, expected, "{name} started at {at:?}");
        }
        assert_eq!(started.len(), 8);
        // Two round trips in all, with the paused clock: the longest chain.
        assert_eq!(fake.t0.elapsed(), Duration::from_millis(100));
        assert_eq!(evaluate(&facts).verdict.push, Push::Yes);
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
