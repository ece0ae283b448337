//! The seam between the TUI and `crate::aws`: the only file of the TUI that
//! names the SDK client. The job registry asks it for a lookup or a scan;
//! when `crate::aws` gains `Clients { messaging, identity }` and one call
//! path with a per-call retry override, only this file changes.

use tokio::sync::mpsc::UnboundedReceiver;

use crate::aws::{AwsSettings, ClientInfo, PrefsClient};
use crate::error::CallError;
use crate::model::{Lookup, Target};
use crate::scan::{self, ScanEvent, ScanHandle, ScanRequest};

/// The clients the TUI calls with.
#[derive(Clone, Debug)]
pub struct Clients {
    /// Single lookups: the SDK retries throttling and 5xx itself.
    lookup: PrefsClient,
    /// The channel view's scan: one attempt per call, because the scan
    /// paces and retries itself (see `crate::scan`).
    scan: PrefsClient,
}

impl Clients {
    /// Build both clients. No network call happens here.
    pub async fn connect(settings: &AwsSettings) -> Clients {
        let mut scan = settings.clone();
        scan.max_attempts = 1;
        Clients {
            lookup: PrefsClient::connect(settings).await,
            scan: PrefsClient::connect(&scan).await,
        }
    }

    /// What the header shows about the client: never credentials.
    pub fn info(&self) -> &ClientInfo {
        self.lookup.info()
    }

    /// GetChannelMembershipPreferences.
    pub(super) async fn lookup(&self, target: &Target) -> Result<Lookup, CallError> {
        self.lookup.get_preferences(target).await
    }

    /// A channel scan on its own task; dropping the handle stops it.
    pub(super) fn scan(&self, request: ScanRequest) -> (ScanHandle, UnboundedReceiver<ScanEvent>) {
        scan::spawn(self.scan.clone(), request)
    }
}
