//! The two service clients, built on first use from one shared aws-config
//! load: `connect` reads only the profile files, so nothing about the
//! clients delays the TUI's first frame. Every client, aws-config's own STS
//! and SSO clients included, gets its HTTP client from
//! [`Shared::http_client`]: one pool, one trust store (read by the first
//! HTTPS connection, on the task that makes it; never for plain HTTP).

use std::sync::Arc;
use std::time::Duration;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use tokio::sync::OnceCell;

use crate::operation::Service;

use super::connector::Http;
use super::credentials::{CredentialSource, ProcessCredentials, ProfileFacts};
use super::info::{ClientInfo, ConfiguredRegion};
use super::retry::{CertificateClassifier, ChimeThrottlingClassifier};
use super::settings::{AwsSettings, RegionSource, ServiceEndpoints};
use super::trust::{ExtraBundle, Trust};

pub(super) const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The shared config's region when none is configured; never used to call
/// Chime (each call uses its ARN's region), only to keep aws-config from
/// asking instance metadata.
const FALLBACK_REGION: &str = "us-east-1";

/// Both services' clients. Cheap to clone: clones share the SDK clients,
/// their connection pools and credentials cache.
#[derive(Clone)]
pub struct Clients {
    pub(super) shared: Arc<Shared>,
    /// Attempts per call for calls made through this handle.
    pub(super) max_attempts: u32,
}

pub(super) struct Shared {
    pub settings: AwsSettings,
    pub info: ClientInfo,
    pub profile: ProfileFacts,
    /// The profile's credential_process, run by chime-prefs itself.
    pub process: Option<Arc<ProcessCredentials>>,
    /// The trust store of every HTTPS connection.
    pub trust: Arc<Trust>,
    /// The one HTTP client: one connection pool, one trust store.
    http: Http,
    sdk: OnceCell<SdkConfig>,
    messaging: OnceCell<aws_sdk_chimesdkmessaging::Client>,
    identity: OnceCell<aws_sdk_chimesdkidentity::Client>,
    pinpoint: OnceCell<aws_sdk_pinpoint::Client>,
    iam: OnceCell<aws_sdk_iam::Client>,
}

impl std::fmt::Debug for Clients {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clients")
            .field("info", &self.shared.info)
            .field("max_attempts", &self.max_attempts)
            .finish_non_exhaustive()
    }
}

/// What a call can be refused for before anything is sent, for commands to
/// report as invalid input (exit 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupProblem {
    ProfileNotFound {
        profile: String,
        config_file: String,
        existing: Vec<String>,
    },
}

impl std::fmt::Display for SetupProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupProblem::ProfileNotFound {
                profile,
                config_file,
                existing,
            } => {
                write!(
                    f,
                    "profile {profile} does not exist in {config_file} or the shared credentials file"
                )?;
                if existing.is_empty() {
                    write!(
                        f,
                        "; no profile exists there yet: create one with aws configure --profile {profile}"
                    )
                } else {
                    write!(f, "; the profiles there are: {}", existing.join(", "))
                }
            }
        }
    }
}

/// One service's client, built on its first call from the shared
/// aws-config load: the same retry classifiers, the one HTTP client, and
/// the endpoint URL given for that service. The SDK crates' config builders
/// share no trait, so this is a macro rather than a function.
macro_rules! sdk_client {
    ($clients:expr, $cell:ident, $krate:ident, $service:expr) => {{
        let sdk = $clients.sdk().await;
        $clients
            .shared
            .$cell
            .get_or_init(|| async {
                let mut builder = $krate::config::Builder::from(sdk)
                    .retry_classifier(ChimeThrottlingClassifier)
                    .retry_classifier(CertificateClassifier)
                    .http_client($clients.shared.http_client());
                if let Some(url) = $clients.shared.settings.endpoint_for($service) {
                    builder = builder.endpoint_url(url);
                }
                $krate::Client::from_conf(builder.build())
            })
            .await
    }};
}

impl Clients {
    /// Resolve what the clients will do. Reads the shared config files; no
    /// network, no client is built yet.
    pub async fn connect(settings: &AwsSettings) -> Clients {
        let profile = ProfileFacts::load(settings.profile.as_deref()).await;
        let env_keys = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
            .iter()
            .all(|v| std::env::var(v).is_ok_and(|s| !s.is_empty()));
        let process = match (&profile.source, &settings.static_credentials, env_keys) {
            (CredentialSource::Process(command), None, false) => {
                Some(Arc::new(ProcessCredentials::new(
                    profile.selected.clone(),
                    command.clone(),
                    settings.timeout,
                )))
            }
            _ => None,
        };
        let info = client_info(settings, &profile);
        let trust = Trust::new(ExtraBundle::from_settings(
            profile.ca_bundle.as_deref(),
            &profile.selected,
        ));
        Clients {
            shared: Arc::new(Shared {
                settings: settings.clone(),
                info,
                profile,
                process,
                http: Http::new(Arc::clone(&trust), CONNECT_TIMEOUT),
                trust,
                sdk: OnceCell::new(),
                messaging: OnceCell::new(),
                identity: OnceCell::new(),
                pinpoint: OnceCell::new(),
                iam: OnceCell::new(),
            }),
            max_attempts: settings.max_attempts.max(1),
        }
    }

    pub fn info(&self) -> &ClientInfo {
        &self.shared.info
    }

    /// The same clients, making at most `attempts` attempts per call (the
    /// scan retries by itself, so it makes one). A per-call override: no
    /// second client is built.
    pub fn with_max_attempts(&self, attempts: u32) -> Clients {
        Clients {
            shared: Arc::clone(&self.shared),
            max_attempts: attempts.max(1),
        }
    }

    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Open the connection to `region`'s messaging endpoint ahead of the
    /// first lookup there, and keep it for that lookup: TCP, the proxy's
    /// tunnel and the TLS handshake, nothing else. No credentials are read
    /// and nothing is built but the connection. A failure is only logged:
    /// the lookup that needs the connection will say what is wrong.
    pub async fn warm_up(&self, region: &str) {
        let endpoint = self.shared.info.endpoint_for(Service::Messaging, region);
        let result = match endpoint.parse::<http::Uri>() {
            Ok(uri) => self.shared.http.warm_up(&uri).await,
            Err(err) => Err(err.into()),
        };
        match result {
            Ok(()) => tracing::debug!(%endpoint, "connection opened ahead"),
            Err(err) => {
                tracing::debug!(%endpoint, error = %err, "could not open the connection ahead")
            }
        }
    }

    /// Problems that refuse every call before it is sent: check them first
    /// and report them as input errors.
    pub fn preflight(&self) -> Result<(), SetupProblem> {
        match self.shared.profile.not_found() {
            Some(crate::error::Evidence::ProfileNotFound {
                profile,
                config_file,
                existing,
            }) => Err(SetupProblem::ProfileNotFound {
                profile,
                config_file,
                existing,
            }),
            _ => Ok(()),
        }
    }

    async fn sdk(&self) -> &SdkConfig {
        self.shared
            .sdk
            .get_or_init(|| load_sdk_config(&self.shared))
            .await
    }

    pub(super) async fn messaging(&self) -> &aws_sdk_chimesdkmessaging::Client {
        sdk_client!(
            self,
            messaging,
            aws_sdk_chimesdkmessaging,
            Service::Messaging
        )
    }

    pub(super) async fn identity(&self) -> &aws_sdk_chimesdkidentity::Client {
        sdk_client!(self, identity, aws_sdk_chimesdkidentity, Service::Identity)
    }

    /// AWS End User Messaging push (the Pinpoint API).
    pub(super) async fn pinpoint(&self) -> &aws_sdk_pinpoint::Client {
        sdk_client!(self, pinpoint, aws_sdk_pinpoint, Service::Pinpoint)
    }

    /// IAM: one global endpoint; each call is signed for the region
    /// `call` picks for a global service.
    pub(super) async fn iam(&self) -> &aws_sdk_iam::Client {
        sdk_client!(self, iam, aws_sdk_iam, Service::Iam)
    }
}

impl Shared {
    /// The HTTP client of every SDK client, aws-config's own included: one
    /// pool for all of them. A plain-HTTP endpoint gets no TLS, so a run
    /// against one reads no trust store.
    pub(super) fn http_client(&self) -> SharedHttpClient {
        SharedHttpClient::new(self.http.clone())
    }
}

/// The shared aws-config load: profile, credentials chain, defaults for
/// timeouts and retries (each call overrides them with its own budget).
async fn load_sdk_config(shared: &Shared) -> SdkConfig {
    let settings = &shared.settings;
    // Left without a region, aws-config's credential and token chains probe
    // instance metadata for one, even with keys in the environment.
    let region = settings
        .region
        .clone()
        .or_else(|| shared.profile.region.clone())
        .unwrap_or_else(|| FALLBACK_REGION.to_string());
    let timeout = TimeoutConfig::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .operation_timeout(settings.timeout)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region))
        .timeout_config(timeout)
        .retry_config(RetryConfig::standard().with_max_attempts(settings.max_attempts.max(1)))
        .http_client(shared.http_client());
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    if let Some((key, secret)) = &settings.static_credentials {
        loader = loader.credentials_provider(Credentials::new(
            key,
            secret,
            None,
            None,
            "chime-prefs-static",
        ));
    } else if let Some(process) = &shared.process {
        loader = loader.credentials_provider(ProcessProvider(Arc::clone(process)));
    }
    loader.load().await
}

/// The shared runner, as the SDK's credentials provider.
#[derive(Debug)]
struct ProcessProvider(Arc<ProcessCredentials>);

impl aws_credential_types::provider::ProvideCredentials for ProcessProvider {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        self.0.provide_credentials()
    }
}

fn client_info(settings: &AwsSettings, profile: &ProfileFacts) -> ClientInfo {
    let mut endpoint_urls = ServiceEndpoints::default();
    for service in Service::ALL {
        endpoint_urls.set(service, settings.endpoint_for(service).map(str::to_string));
    }
    // As aws-config reads them: the environment, then the profile.
    let flag = |var: &str, profile: Option<bool>| {
        std::env::var(var)
            .ok()
            .and_then(|v| super::credentials::boolean(&v))
            .or(profile)
            .unwrap_or(false)
    };
    let use_fips = flag("AWS_USE_FIPS_ENDPOINT", profile.use_fips);
    let use_dual_stack = flag("AWS_USE_DUALSTACK_ENDPOINT", profile.use_dual_stack);
    let aws = ClientInfo {
        use_fips,
        use_dual_stack,
        ..ClientInfo::default()
    }
    .aws_variant();
    let endpoint = match (&endpoint_urls.messaging, &endpoint_urls.identity) {
        (Some(m), Some(i)) if m == i => m.clone(),
        (Some(m), Some(i)) => format!("{m} (identity: {i})"),
        (Some(m), None) => format!("{m} (identity: {aws})"),
        (None, Some(i)) => format!("{aws} (identity: {i})"),
        (None, None) => format!("{aws}, in the ARN's region"),
    };
    let configured_region = match (&settings.region, &settings.region_source) {
        (Some(name), Some(source)) if *source != RegionSource::Flag => Some(ConfiguredRegion {
            name: name.clone(),
            source: source.clone(),
        }),
        _ => profile.region.clone().map(|name| ConfiguredRegion {
            name,
            source: RegionSource::Profile(profile.selected.clone()),
        }),
    };
    // What the AWS CLI reads by itself: the environment, then the profile.
    let aws_cli_region = ["AWS_REGION", "AWS_DEFAULT_REGION"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(|| profile.region.clone());
    ClientInfo {
        profile: settings.profile.clone(),
        region: settings.explicit_region().map(str::to_string),
        endpoint,
        configured_region,
        aws_cli_region,
        endpoint_urls,
        endpoint_url: settings.endpoint_url.clone(),
        use_fips,
        use_dual_stack,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Target;

    /// Building the clients loads nothing: no aws-config load, no SDK
    /// client, so no CA store, until the first call (which the TUI makes on
    /// a task of its own, after its first frame).
    #[tokio::test]
    async fn nothing_is_built_until_the_first_call() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(9);
        let settings = AwsSettings {
            endpoint_url: Some(format!("http://127.0.0.1:{port}")),
            static_credentials: Some(("AKID".into(), "secret".into())),
            max_attempts: 1,
            ..AwsSettings::default()
        };
        let clients = Clients::connect(&settings).await;
        let scan = clients.with_max_attempts(1);
        assert!(!clients.shared.sdk.initialized());
        assert!(!clients.shared.messaging.initialized());
        let target = Target {
            channel_arn: "arn:aws:chime:us-east-1:1:app-instance/a/channel/c".into(),
            member_arn: "arn:aws:chime:us-east-1:1:app-instance/a/user/u".into(),
            bearer_arn: "arn:aws:chime:us-east-1:1:app-instance/a/user/u".into(),
        };
        let _ = scan.get_preferences(&target).await;
        // The handle with fewer attempts shares the same clients.
        assert!(clients.shared.sdk.initialized());
        assert!(clients.shared.messaging.initialized());
        assert!(
            !clients.shared.identity.initialized(),
            "identity is not used yet"
        );
        assert!(
            !clients.shared.trust.is_loaded(),
            "a plain-HTTP call reads no trust store"
        );
    }
}
