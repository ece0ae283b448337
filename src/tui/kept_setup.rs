//! The set-up behind the devices, kept while the TUI runs: the Pinpoint
//! apps, their channels, the role Chime sends with and its permission
//! belong to the account, not to a member, so the next member of the same
//! app costs no set-up call. Plain data: the push-path screen seeds its
//! facts from here, keeps what it read when its run completes, and `r`
//! forgets the account's set-up so everything is read again. Only answers
//! are kept, never failures (a refusal may be lifted a minute later).

use std::collections::BTreeMap;
use std::time::Instant;

use crate::diagnose::{Fact, Facts, PermissionAnswer};
use crate::model::{PinpointApp, PinpointAppRef, PushChannel, PushChannelKind, ServiceRole};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeptSetup {
    by_account: BTreeMap<String, Kept>,
}

/// One account's set-up, as last read.
#[derive(Debug, Clone, PartialEq)]
struct Kept {
    /// When the oldest fact kept here was read.
    read_at: Instant,
    role: Option<Fact<Option<ServiceRole>>>,
    apps: BTreeMap<PinpointAppRef, Fact<Option<PinpointApp>>>,
    channels: BTreeMap<(PinpointAppRef, PushChannelKind), Fact<Option<PushChannel>>>,
    permission: BTreeMap<PinpointAppRef, Fact<PermissionAnswer>>,
}

fn answered<T>(fact: &Fact<T>) -> bool {
    matches!(fact, Fact::Known { .. })
}

impl KeptSetup {
    /// Put the kept set-up of `facts`' account into `facts` (as answered,
    /// so the runner does not ask again). Returns when it was read, if
    /// anything was kept.
    pub fn seed(&self, facts: &mut Facts) -> Option<Instant> {
        let kept = self.by_account.get(&facts.scope.account)?;
        if let Some(role) = &kept.role
            && facts.role.is_pending()
        {
            facts.role = role.clone();
        }
        for (app, fact) in &kept.apps {
            facts
                .apps
                .entry(app.clone())
                .or_insert_with(|| fact.clone());
        }
        for (key, fact) in &kept.channels {
            facts
                .channels
                .entry(key.clone())
                .or_insert_with(|| fact.clone());
        }
        for (app, fact) in &kept.permission {
            facts
                .permission
                .entry(app.clone())
                .or_insert_with(|| fact.clone());
        }
        Some(kept.read_at)
    }

    /// Keep the answered set-up facts of a completed run, read at `now`
    /// (what was seeded keeps its older time).
    pub fn keep(&mut self, facts: &Facts, now: Instant) {
        let kept = self
            .by_account
            .entry(facts.scope.account.clone())
            .or_insert_with(|| Kept {
                read_at: now,
                role: None,
                apps: BTreeMap::new(),
                channels: BTreeMap::new(),
                permission: BTreeMap::new(),
            });
        if answered(&facts.role) {
            kept.role = Some(facts.role.clone());
        }
        for (app, fact) in facts.apps.iter().filter(|(_, f)| answered(*f)) {
            kept.apps.insert(app.clone(), fact.clone());
        }
        for (key, fact) in facts.channels.iter().filter(|(_, f)| answered(*f)) {
            kept.channels.insert(key.clone(), fact.clone());
        }
        for (app, fact) in facts.permission.iter().filter(|(_, f)| answered(*f)) {
            kept.permission.insert(app.clone(), fact.clone());
        }
    }

    /// Forget `account`'s set-up: the next run reads it all again.
    pub fn forget(&mut self, account: &str) {
        self.by_account.remove(account);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::diagnose::{MessageInput, Scope};

    fn facts(account: &str) -> Facts {
        Facts::pending(
            Scope {
                region: "us-east-1".into(),
                account: account.into(),
                channel_arn: "c".into(),
                member_arn: "m".into(),
                admin_arn: None,
            },
            MessageInput::None,
        )
    }

    fn app() -> PinpointAppRef {
        PinpointAppRef {
            region: "us-east-1".into(),
            account: "111122223333".into(),
            app_id: "x".into(),
        }
    }

    #[test]
    fn answers_are_kept_per_account_failures_are_not_and_r_forgets() {
        let t0 = Instant::now();
        let mut kept = KeptSetup::default();
        let mut read = facts("111122223333");
        read.role = Fact::known(None, Some("rid".into()));
        read.apps.insert(app(), Fact::known(None, None));
        read.permission.insert(
            app(),
            Fact::Failed(crate::error::CallError::new(
                crate::operation::Operation::SimulatePrincipalPolicy,
                crate::error::ErrorKind::Throttled,
            )),
        );
        kept.keep(&read, t0);
        let mut next = facts("111122223333");
        assert_eq!(kept.seed(&mut next), Some(t0));
        assert_eq!(next.role, Fact::known(None, Some("rid".into())));
        assert!(next.apps.contains_key(&app()));
        assert!(next.permission.is_empty(), "a failure is asked again");
        // Another account sees nothing; a later keep keeps the first time.
        let mut other = facts("444455556666");
        assert_eq!(kept.seed(&mut other), None);
        assert!(other.role.is_pending());
        kept.keep(&read, t0 + Duration::from_secs(60));
        assert_eq!(kept.seed(&mut facts("111122223333")), Some(t0));
        kept.forget("111122223333");
        let mut again = facts("111122223333");
        assert_eq!(kept.seed(&mut again), None);
        assert!(again.role.is_pending());
    }
}
