//! The only module that knows the AWS SDK.
//!
//! It builds the client from the standard aws-config chain (flags,
//! environment, profiles, SSO), adds what the SDK lacks for Chime (timeouts,
//! a 429 retry classifier, attempt counting), and maps every SDK type into
//! `crate::model` and `crate::error` at once.

mod attempts;
mod classify;
mod convert;
mod retry;

use std::time::{Duration, Instant, SystemTime};

use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use aws_sdk_chimesdkmessaging::Client as AwsClient;
use aws_sdk_chimesdkmessaging::config::Builder as AwsConfigBuilder;
use aws_sdk_chimesdkmessaging::operation::RequestId;
use aws_sdk_chimesdkmessaging::types::ChannelMembershipType as AwsMembershipType;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;

use crate::error::CallError;
use crate::model::{CallMeta, Lookup, MembershipPage, Target};
use crate::operation::Operation;

use attempts::AttemptCounter;
use retry::ChimeThrottlingClassifier;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const MIN_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(1);
/// The SDK config's region when none is configured; never used to call
/// Chime (the channel ARN's region is), only to keep aws-config from asking
/// instance metadata.
const FALLBACK_REGION: &str = "us-east-1";

/// Everything needed to build a client, already resolved by precedence
/// (flags, environment, config file, defaults) in `crate::config`.
#[derive(Clone, Debug)]
pub struct AwsSettings {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    /// The whole operation, retries included.
    pub timeout: Duration,
    pub max_attempts: u32,
    /// Fixed credentials (the demo); `None` uses the standard chain.
    pub static_credentials: Option<(String, String)>,
}

impl Default for AwsSettings {
    fn default() -> Self {
        Self {
            profile: None,
            region: None,
            endpoint_url: None,
            timeout: DEFAULT_TIMEOUT,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            static_credentials: None,
        }
    }
}

/// What the header shows: never credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientInfo {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint: String,
}

#[derive(Clone, Debug)]
pub struct PrefsClient {
    inner: AwsClient,
    info: ClientInfo,
}

/// For a plain-HTTP endpoint (the demo service, a local stack): a client
/// that does not load the system's CA certificates. The default client
/// loads them before its first request, whatever the scheme, and that costs
/// more than a whole loopback lookup. No TLS is spoken, so no root is needed.
fn plain_http_client() -> Option<aws_smithy_runtime_api::client::http::SharedHttpClient> {
    use aws_smithy_http_client::tls::{self, TlsContext, TrustStore, rustls_provider::CryptoMode};
    let context = TlsContext::builder()
        .with_trust_store(TrustStore::empty())
        .build()
        .ok()?;
    Some(
        aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
            .tls_context(context)
            .build_https(),
    )
}

/// Flag, environment, then the profile: never instance metadata, so that
/// building a client makes no network call. The channel ARN supplies the
/// region when none of these does.
fn region_chain(settings: &AwsSettings) -> RegionProviderChain {
    let chain = match &settings.region {
        Some(region) => RegionProviderChain::first_try(Region::new(region.clone())),
        None => RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new()),
    };
    let mut profile_region = ProfileFileRegionProvider::builder();
    if let Some(profile) = &settings.profile {
        profile_region = profile_region.profile_name(profile.clone());
    }
    chain.or_else(profile_region.build())
}

/// Per-attempt timeout: a share of the whole budget so a silent server
/// still leaves time for a retry, but never under a second.
fn attempt_timeout(total: Duration, max_attempts: u32) -> Duration {
    let share = total / max_attempts.clamp(1, 3);
    share.max(MIN_ATTEMPT_TIMEOUT).min(total)
}

impl PrefsClient {
    /// Build a client. No network I/O happens here: credentials are resolved
    /// on the first call, and the region chain skips instance metadata (the
    /// channel ARN names the region when nothing else does).
    pub async fn connect(settings: &AwsSettings) -> PrefsClient {
        // Resolved here, without the network. With no region configured the
        // SDK config still gets one: left without, aws-config's credential
        // and token chains probe instance metadata for a region at start-up,
        // even with keys in the environment. Calls then use the channel
        // ARN's region (see `region_override`).
        let configured = region_chain(settings).region().await;
        let sdk_region = configured
            .clone()
            .unwrap_or_else(|| Region::from_static(FALLBACK_REGION));

        let timeout = TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .operation_timeout(settings.timeout)
            .operation_attempt_timeout(attempt_timeout(settings.timeout, settings.max_attempts))
            .build();
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(sdk_region)
            .timeout_config(timeout)
            .retry_config(RetryConfig::standard().with_max_attempts(settings.max_attempts.max(1)));
        if let Some(profile) = &settings.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(endpoint) = &settings.endpoint_url {
            loader = loader.endpoint_url(endpoint);
            if endpoint.starts_with("http://")
                && let Some(client) = plain_http_client()
            {
                loader = loader.http_client(client);
            }
        }
        if let Some((key, secret)) = &settings.static_credentials {
            loader = loader.credentials_provider(Credentials::new(
                key,
                secret,
                None,
                None,
                "chime-prefs-static",
            ));
        }
        let shared = loader.load().await;
        let config = AwsConfigBuilder::from(&shared)
            .retry_classifier(ChimeThrottlingClassifier)
            .build();
        let region = configured.map(|r| r.to_string());
        let endpoint = settings
            .endpoint_url
            .clone()
            .unwrap_or_else(|| match &region {
                Some(r) => format!("https://messaging-chime.{r}.amazonaws.com"),
                None => "https://messaging-chime.<region from ARN>.amazonaws.com".to_string(),
            });
        PrefsClient {
            inner: AwsClient::from_conf(config),
            info: ClientInfo {
                profile: settings.profile.clone(),
                region,
                endpoint,
            },
        }
    }

    pub fn info(&self) -> &ClientInfo {
        &self.info
    }

    /// Region override for one call: the channel ARN's region when the
    /// client has none configured. With neither there is nothing to sign
    /// for, so the call fails here, before anything is sent.
    fn region_override(
        &self,
        operation: Operation,
        arn: &str,
    ) -> Result<AwsConfigBuilder, CallError> {
        let builder = AwsConfigBuilder::default();
        if self.info.region.is_some() {
            return Ok(builder);
        }
        match crate::arn::parse_channel(arn) {
            Ok(channel) => Ok(builder.region(Region::new(channel.scope.region))),
            Err(_) => Err(CallError::new(operation, crate::error::ErrorKind::NoRegion)
                .with_detail("no region configured and none readable from the channel ARN")),
        }
    }

    /// GetChannelMembershipPreferences. Read-only.
    pub async fn get_preferences(&self, target: &Target) -> Result<Lookup, CallError> {
        let counter = AttemptCounter::default();
        let started = Instant::now();
        let result = self
            .inner
            .get_channel_membership_preferences()
            .channel_arn(&target.channel_arn)
            .member_arn(&target.member_arn)
            .chime_bearer(&target.bearer_arn)
            .customize()
            .config_override(self.region_override(
                Operation::GetChannelMembershipPreferences,
                &target.channel_arn,
            )?)
            .interceptor(counter.clone())
            .send()
            .await;
        let latency = started.elapsed();
        match result {
            Ok(output) => Ok(Lookup {
                response: convert::preferences(&output),
                meta: CallMeta {
                    request_id: output.request_id().map(str::to_string),
                    latency,
                    attempts: counter.get(),
                    fetched_at: SystemTime::now(),
                },
            }),
            Err(err) => Err(classify::classify(
                Operation::GetChannelMembershipPreferences,
                &err,
                counter.get(),
            )),
        }
    }

    /// One page of ListChannelMemberships (DEFAULT or HIDDEN members).
    pub async fn list_memberships(
        &self,
        channel_arn: &str,
        bearer_arn: &str,
        hidden: bool,
        next_token: Option<String>,
    ) -> Result<MembershipPage, CallError> {
        let counter = AttemptCounter::default();
        let started = Instant::now();
        let kind = if hidden {
            AwsMembershipType::Hidden
        } else {
            AwsMembershipType::Default
        };
        let result = self
            .inner
            .list_channel_memberships()
            .channel_arn(channel_arn)
            .chime_bearer(bearer_arn)
            .max_results(50)
            .r#type(kind)
            .set_next_token(next_token)
            .customize()
            .config_override(self.region_override(Operation::ListChannelMemberships, channel_arn)?)
            .interceptor(counter.clone())
            .send()
            .await;
        let latency = started.elapsed();
        match result {
            Ok(output) => Ok(MembershipPage {
                members: output
                    .channel_memberships()
                    .iter()
                    .filter_map(|m| m.member())
                    .map(convert::member)
                    .collect(),
                next_token: output.next_token().map(str::to_string),
                meta: Some(CallMeta {
                    request_id: output.request_id().map(str::to_string),
                    latency,
                    attempts: counter.get(),
                    fetched_at: SystemTime::now(),
                }),
            }),
            Err(err) => Err(classify::classify(
                Operation::ListChannelMemberships,
                &err,
                counter.get(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_timeout_shares_the_budget_but_never_drops_below_a_second() {
        assert_eq!(
            attempt_timeout(Duration::from_secs(9), 3),
            Duration::from_secs(3)
        );
        assert_eq!(
            attempt_timeout(Duration::from_secs(10), 1),
            Duration::from_secs(10)
        );
        assert_eq!(
            attempt_timeout(Duration::from_secs(2), 3),
            Duration::from_secs(1)
        );
        assert_eq!(
            attempt_timeout(Duration::from_millis(500), 3),
            Duration::from_millis(500)
        );
    }
}
