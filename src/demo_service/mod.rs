//! The embedded demo service: a small, fake Chime SDK (messaging and
//! identity) HTTP/1.1 server that runs in-process on loopback, so
//! chime-prefs can be tried without an AWS account and tests can drive the
//! real AWS SDK and the AWS CLI over real HTTP.
//!
//! It serves, read-only, every operation of [`Operation`](crate::operation::Operation)
//! (the route table is route_table.rs):
//! - GetChannelMembershipPreferences, only to the member's own bearer;
//! - ListChannelMemberships, to channel members, moderators and
//!   AppInstanceAdmins (HIDDEN members to moderators and admins only);
//! - DescribeChannelMembership (404 NotFoundException: not a member),
//!   DescribeChannelBan (moderators and admins; 404: not banned) and
//!   GetChannelMessage;
//! - ListChannelMembershipsForAppInstanceUser (a user's own, or any user's
//!   for an AppInstanceAdmin);
//! - ListAppInstanceUserEndpoints and DescribeAppInstanceUserEndpoint
//!   (chime-sdk-identity: no bearer; IAM decides).
//!
//! Every request needs an `Authorization` header shaped like SigV4 with the
//! signing name `chime`, but **the signature is not verified**: any secret key
//! works (see auth.rs for the access-key-ID faults). Messaging calls also
//! need `x-amz-chime-bearer`. Every response carries `x-amzn-RequestId`;
//! errors carry `x-amzn-ErrorType` and a `{"Code", "Message"}` body. The
//! data come from `assets/demo-data.json` (format in dataset.rs), whose
//! members include deliberate faults (faults.rs) and tell the push-path
//! stories listed in stories.rs.

mod auth;
mod bodies;
mod channel;
mod dataset;
mod dataset_checks;
mod error;
mod faults;
mod generate;
mod handlers;
mod model;
mod paging;
mod push_setup;
mod request_id;
mod route_match;
mod route_table;
mod routes;
mod series;
mod state;
mod stories;
mod targets;
mod throttle;
mod wire;

#[cfg(test)]
mod tests;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use dataset::Dataset;
pub use error::DemoError;
pub use targets::{DemoTarget, demo_targets};

pub use model::TOKEN_MARKER;
pub use stories::{
    BUSY_MEMBER_ARN, DEMO_ADMIN_ARN, ExpectedPush, ROLE_STORIES, RoleStory, STORIES, Story,
};

pub use state::LoggedRequest;
use state::{Limits, ServerState};

/// The region the demo pretends to be in.
pub const DEMO_REGION: &str = "us-east-1";
/// An access key ID for the demo; any well-formed key is accepted.
pub const DEMO_ACCESS_KEY_ID: &str = "AKIDEMOCHIMEPREFS00";
/// A secret key for the demo; signatures are not verified.
pub const DEMO_SECRET_ACCESS_KEY: &str = "demo-secret-not-a-real-key";
/// The app instance of the embedded dataset.
pub const APP_INSTANCE_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";

/// How long [`DemoServer::shutdown`] waits for in-flight requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// How to run the demo service.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Where to listen; port 0 picks a free port.
    pub listen: SocketAddr,
    /// The JSON text of a dataset file replacing the embedded one.
    pub data: Option<String>,
    /// Added to every response.
    pub latency: Duration,
    /// A rate limit on every request (requests per second, bursts of the
    /// same size).
    pub tps: Option<u32>,
    /// A rate limit per `x-amz-chime-bearer`, as Chime limits each
    /// AppInstanceUser (10 per second in us-east-1); calls without a bearer
    /// (identity calls) are not counted.
    pub bearer_tps: Option<u32>,
}

impl Default for DemoOptions {
    /// 127.0.0.1 on a free port, the embedded data, no latency, no rate limit.
    fn default() -> Self {
        Self {
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            data: None,
            latency: Duration::ZERO,
            tps: None,
            bearer_tps: None,
        }
    }
}

/// A running demo service. Dropping it also stops it (without waiting).
#[derive(Debug)]
pub struct DemoServer {
    addr: SocketAddr,
    state: Arc<ServerState>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl DemoServer {
    /// Binds `opts.listen`, spawns the server on the current tokio runtime and
    /// returns once it is listening.
    pub async fn start(opts: DemoOptions) -> Result<DemoServer, DemoError> {
        if opts.tps == Some(0) || opts.bearer_tps == Some(0) {
            return Err(DemoError::options(
                "the rate limit must be at least 1 request per second",
            ));
        }
        let dataset = match &opts.data {
            Some(text) => Dataset::from_json(text)?,
            None => Dataset::embedded(),
        };
        let listener = TcpListener::bind(opts.listen)
            .await
            .map_err(|err| DemoError::bind(opts.listen, err))?;
        let addr = listener
            .local_addr()
            .map_err(|err| DemoError::bind(opts.listen, err))?;
        let (stop, stopped) = watch::channel(false);
        let limits = Limits {
            tps: opts.tps,
            bearer_tps: opts.bearer_tps,
        };
        let state = Arc::new(ServerState::new(dataset, opts.latency, limits, stopped));
        let app = routes::router(Arc::clone(&state));
        let listener = listener.tap_io(|tcp| {
            // Small answers go out at once; failing to set it only costs latency.
            let _ = tcp.set_nodelay(true);
        });
        let signal_state = Arc::clone(&state);
        let server = axum::serve(listener, app)
            .with_graceful_shutdown(async move { signal_state.stopped().await });
        let task = tokio::spawn(async move {
            if let Err(err) = server.await {
                tracing::debug!(error = %err, "demo service stopped with an error");
            }
        });
        tracing::debug!(%addr, "demo service listening");
        Ok(DemoServer {
            addr,
            state,
            stop,
            task,
        })
    }

    /// The data it serves (parsed once, at start).
    pub fn dataset(&self) -> &Dataset {
        &self.state.dataset
    }

    /// The address actually listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT`, for the SDK's `endpoint_url` (an unspecified listen
    /// address such as 0.0.0.0 is given as loopback).
    pub fn endpoint_url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// Every request received so far, as routed (method, operation, IAM
    /// action): no ARN, body or header.
    pub fn request_log(&self) -> Vec<LoggedRequest> {
        self.state.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Requests received so far (every request, answered with success or error).
    pub fn request_count(&self) -> u64 {
        self.state.requests.load(Ordering::Relaxed)
    }

    /// Stops accepting, cuts short waiting requests (`slow`, latency), waits up
    /// to a few seconds for in-flight answers, then stops the server task.
    pub async fn shutdown(self) {
        let DemoServer { stop, mut task, .. } = self;
        let _ = stop.send(true);
        if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}
