//! The set-up facts behind the devices (the Pinpoint apps, their push
//! channels, Chime's role and its permission on each app), kept while the
//! TUI runs. They belong to the account and the app, not to a member: the
//! next member of the same app starts its diagnosis with them filled in,
//! so the runner asks none of them again. Each is kept with when it was
//! read, for the age the push-path screen shows; `r` there reads them
//! again and the new answers replace these.
//!
//! Keyed as in [`Facts`]: an app by its ref, a channel by (app, kind). The
//! role and its permission also by the app instance's account, since one
//! diagnosis's role is the one of its own account. Only answers the
//! service gave are kept (found or not found); a failed call is asked
//! again next time.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::diagnose::{Event, Fact, Facts, PermissionAnswer};
use crate::model::{PinpointApp, PinpointAppRef, PushChannel, PushChannelKind, ServiceRole};

/// One kept answer and when it arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept<T> {
    pub fact: Fact<T>,
    pub read: Instant,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SetupCache {
    /// GetRole, by the app instance's account.
    roles: BTreeMap<String, Kept<Option<ServiceRole>>>,
    apps: BTreeMap<PinpointAppRef, Kept<Option<PinpointApp>>>,
    channels: BTreeMap<(PinpointAppRef, PushChannelKind), Kept<Option<PushChannel>>>,
    /// By (the role's account, the app).
    permission: BTreeMap<(String, PinpointAppRef), Kept<PermissionAnswer>>,
}

/// A fact worth keeping: what the service answered.
fn keep<T: Clone>(fact: &Fact<T>, now: Instant) -> Option<Kept<T>> {
    matches!(fact, Fact::Known { .. }).then(|| Kept {
        fact: fact.clone(),
        read: now,
    })
}

impl SetupCache {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
            && self.apps.is_empty()
            && self.channels.is_empty()
            && self.permission.is_empty()
    }

    /// How many facts are kept.
    pub fn len(&self) -> usize {
        self.roles.len() + self.apps.len() + self.channels.len() + self.permission.len()
    }

    /// Keep what a diagnosis in `account` (its app instance's) just read.
    /// Any other event is not a set-up fact and is ignored.
    pub fn record(&mut self, account: &str, event: &Event, now: Instant) {
        match event {
            Event::Role(fact) => {
                if let Some(kept) = keep(fact, now) {
                    self.roles.insert(account.to_string(), kept);
                }
            }
            Event::App { app, fact } => {
                if let Some(kept) = keep(fact, now) {
                    self.apps.insert(app.clone(), kept);
                }
            }
            Event::Channel { app, kind, fact } => {
                if let Some(kept) = keep(fact, now) {
                    self.channels.insert((app.clone(), *kind), kept);
                }
            }
            Event::Permission { app, fact } => {
                if let Some(kept) = keep(fact, now) {
                    self.permission
                        .insert((account.to_string(), app.clone()), kept);
                }
            }
            _ => {}
        }
    }

    /// Fill `facts` with every kept answer for its account: the runner
    /// counts them as asked and makes none of those calls. Only when the
    /// diagnosis reads the set-up at all (the role is pending).
    pub fn prefill(&self, facts: &mut Facts) {
        if !facts.role.is_pending() {
            return;
        }
        let account = &facts.scope.account;
        if let Some(kept) = self.roles.get(account) {
            facts.role = kept.fact.clone();
        }
        for (app, kept) in &self.apps {
            facts.apps.insert(app.clone(), kept.fact.clone());
        }
        for (key, kept) in &self.channels {
            facts.channels.insert(key.clone(), kept.fact.clone());
        }
        for ((owner, app), kept) in &self.permission {
            if owner == account {
                facts.permission.insert(app.clone(), kept.fact.clone());
            }
        }
    }

    /// When the oldest set-up fact that `facts` holds as an answer was
    /// read: the role and, for the devices known so far, their apps,
    /// channels and permission. A fact `facts` holds otherwise (pending,
    /// failed) has no age. `None` when no answer is in.
    pub fn oldest_for(&self, facts: &Facts) -> Option<Instant> {
        fn answered<T>(fact: Option<&Fact<T>>) -> bool {
            matches!(fact, Some(Fact::Known { .. }))
        }
        let account = &facts.scope.account;
        let mut reads: Vec<Instant> = Vec::new();
        if answered(Some(&facts.role))
            && let Some(kept) = self.roles.get(account)
        {
            reads.push(kept.read);
        }
        for (app, kind) in facts.apps_in_use() {
            if answered(facts.apps.get(&app))
                && let Some(kept) = self.apps.get(&app)
            {
                reads.push(kept.read);
            }
            if let Some(kind) = kind {
                let key = (app.clone(), kind);
                if answered(facts.channels.get(&key))
                    && let Some(kept) = self.channels.get(&key)
                {
                    reads.push(kept.read);
                }
            }
            if answered(facts.permission.get(&app))
                && let Some(kept) = self.permission.get(&(account.clone(), app))
            {
                reads.push(kept.read);
            }
        }
        reads.into_iter().min()
    }
}

/// "just now", "1 min ago", "2 h ago": how long ago something was read.
pub fn age_words(read: Instant, now: Instant) -> String {
    let secs = now.saturating_duration_since(read).as_secs();
    match secs {
        0..60 => "just now".to_string(),
        60..3600 => format!("{} min ago", secs / 60),
        _ => format!("{} h ago", secs / 3600),
    }
}

/// When `age_words` next changes for something read at `read`.
pub fn next_age_change(read: Instant, now: Instant) -> Instant {
    let secs = now.saturating_duration_since(read).as_secs();
    let step = if secs < 3600 { 60 } else { 3600 };
    read + std::time::Duration::from_secs((secs / step + 1) * step)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::diagnose::fixtures::{
        PINPOINT, app, app_ref, channel, endpoint, known, role, scope, simulated,
    };
    use crate::diagnose::{EndpointType, MessageInput};
    use crate::error::{CallError, ErrorKind};
    use crate::model::EvalDecision;
    use crate::operation::Operation;

    fn events() -> Vec<Event> {
        let app_ref = app_ref(PINPOINT);
        vec![
            Event::Role(known(Some(role()))),
            Event::App {
                app: app_ref.clone(),
                fact: known(Some(app(PINPOINT))),
            },
            Event::Channel {
                app: app_ref.clone(),
                kind: PushChannelKind::Gcm,
                fact: known(Some(channel(PushChannelKind::Gcm))),
            },
            Event::Permission {
                app: app_ref,
                fact: simulated(PINPOINT, EvalDecision::Allowed),
            },
        ]
    }

    fn facts_with_pixel() -> Facts {
        let mut f = Facts::pending(scope(false), MessageInput::None);
        f.endpoints = known(vec![endpoint("pixel", EndpointType::Gcm, PINPOINT)]);
        f
    }

    #[test]
    fn kept_answers_fill_the_next_diagnosis_of_the_same_account() {
        let t0 = Instant::now();
        let mut cache = SetupCache::default();
        for e in events() {
            cache.record("111122223333", &e, t0);
        }
        assert_eq!(cache.len(), 4);
        let mut next = facts_with_pixel();
        cache.prefill(&mut next);
        assert!(matches!(next.role, Fact::Known { .. }));
        assert_eq!(next.apps.len(), 1);
        assert_eq!(next.channels.len(), 1);
        assert_eq!(next.permission.len(), 1);
        assert!(
            next.setup_wanted().is_empty(),
            "nothing left to ask: {:?}",
            next.setup_wanted()
        );
        assert_eq!(cache.oldest_for(&next), Some(t0));
        // Another account's diagnosis keeps its own role and permission.
        let mut other = facts_with_pixel();
        other.scope.account = "444455556666".into();
        cache.prefill(&mut other);
        assert!(other.role.is_pending());
        assert!(other.permission.is_empty());
        assert_eq!(other.apps.len(), 1, "an app is the app, whoever asks");
    }

    #[test]
    fn failures_are_not_kept_and_a_devices_only_run_is_not_filled() {
        let t0 = Instant::now();
        let mut cache = SetupCache::default();
        let denied = CallError::new(Operation::GetRole, ErrorKind::AccessDenied);
        cache.record("111122223333", &Event::Role(Fact::Failed(denied)), t0);
        cache.record(
            "111122223333",
            &Event::Role(Fact::NotAsked("no".into())),
            t0,
        );
        assert!(cache.is_empty());
        // A role that does not exist is an answer: kept.
        cache.record("111122223333", &Event::Role(known(None)), t0);
        assert_eq!(cache.len(), 1);
        let mut devices = Facts::devices_only(scope(false));
        cache.prefill(&mut devices);
        assert!(matches!(devices.role, Fact::NotAsked(_)));
    }

    #[test]
    fn the_age_is_in_words_and_changes_on_the_minute() {
        let t0 = Instant::now();
        let at = |s: u64| t0 + Duration::from_secs(s);
        assert_eq!(age_words(t0, at(59)), "just now");
        assert_eq!(age_words(t0, at(60)), "1 min ago");
        assert_eq!(age_words(t0, at(150)), "2 min ago");
        assert_eq!(age_words(t0, at(7300)), "2 h ago");
        assert_eq!(next_age_change(t0, at(0)), at(60));
        assert_eq!(next_age_change(t0, at(150)), at(180));
        assert_eq!(next_age_change(t0, at(3700)), at(7200));
    }
}
