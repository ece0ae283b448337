//! The seam between the TUI and `crate::aws`: the only file of the TUI that
//! names the client. The job registry asks it for a lookup or a scan; a
//! new kind of job (the push path, the member's channels) adds its call
//! here and nothing else of the TUI learns about `crate::aws`.

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::aws::{self, ClientInfo};
use crate::diagnose::{self, Facts};
use crate::error::CallError;
use crate::member::{self, MemberEvent, MemberRequest};
use crate::model::{Lookup, Target};
use crate::scan::{self, ScanEvent, ScanHandle, ScanRequest};

/// The clients the TUI calls with.
#[derive(Clone, Debug)]
pub struct Clients {
    /// Single lookups: the SDK retries throttling and 5xx itself.
    lookup: aws::Clients,
    /// The channel view's scan: the same clients with one attempt per
    /// call, because the scan paces and retries itself (see `crate::scan`).
    scan: aws::Clients,
}

impl Clients {
    /// The TUI's clients from the lookup client (checked by the caller).
    pub fn new(lookup: aws::Clients) -> Clients {
        Clients {
            scan: lookup.with_max_attempts(1),
            lookup,
        }
    }

    /// What the header shows about the client: never credentials.
    pub fn info(&self) -> &ClientInfo {
        self.lookup.info()
    }

    /// Open the connection to `region`'s messaging endpoint ahead of the
    /// first lookup there (see `aws::Clients::warm_up`).
    pub(super) async fn warm_up(&self, region: &str) {
        self.lookup.warm_up(region).await;
    }

    /// GetChannelMembershipPreferences.
    pub(super) async fn lookup(&self, target: &Target) -> Result<Lookup, CallError> {
        self.lookup.get_preferences(target).await
    }

    /// A channel scan on its own task; dropping the handle stops it.
    pub(super) fn scan(&self, request: ScanRequest) -> (ScanHandle, UnboundedReceiver<ScanEvent>) {
        scan::spawn(self.scan.clone(), request)
    }

    /// A member picture on its own task, with one attempt per call as the
    /// scan (it paces and retries itself); dropping the handle stops it.
    pub(super) fn member(
        &self,
        request: MemberRequest,
    ) -> (ScanHandle, UnboundedReceiver<MemberEvent>) {
        member::spawn(self.scan.clone(), request)
    }

    /// Every call of a push-path diagnosis the facts wait for, each answer
    /// sent on `events` as it arrives.
    pub(super) async fn diagnose(&self, facts: &Facts, events: &UnboundedSender<diagnose::Event>) {
        diagnose::run(&self.lookup, facts, events).await;
    }
}
