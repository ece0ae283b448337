//! Everything needed to build the clients, already resolved by precedence
//! (flags, environment, config file, defaults) in `crate::config`.

use std::time::Duration;

use crate::operation::Service;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

#[derive(Clone, Debug)]
pub struct AwsSettings {
    pub profile: Option<String>,
    /// The region the configuration names. Calls never use it: each goes
    /// to the region of the ARN it is about. `--region` (see
    /// [`AwsSettings::explicit_region`]) must agree with that ARN.
    pub region: Option<String>,
    pub region_source: Option<RegionSource>,
    /// For both services: `--endpoint-url`, `AWS_ENDPOINT_URL` or the
    /// config file.
    pub endpoint_url: Option<String>,
    /// Per service, as aws-config defines them
    /// (`AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY`, ...): these beat
    /// `AWS_ENDPOINT_URL` and the file, not `--endpoint-url`.
    pub service_endpoints: ServiceEndpoints,
    /// The whole call, retries included.
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
            region_source: None,
            endpoint_url: None,
            service_endpoints: ServiceEndpoints::default(),
            timeout: DEFAULT_TIMEOUT,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            static_credentials: None,
        }
    }
}

impl AwsSettings {
    /// The endpoint URL for `service`, when not real AWS.
    pub fn endpoint_for(&self, service: Service) -> Option<&str> {
        self.service_endpoints
            .get(service)
            .or(self.endpoint_url.as_deref())
    }

    /// Send both services to `url` (the demo service), whatever else was
    /// configured.
    pub fn use_endpoint(&mut self, url: impl Into<String>) {
        self.endpoint_url = Some(url.into());
        self.service_endpoints = ServiceEndpoints::default();
    }

    /// `--region`, the only region setting a call must agree with.
    pub fn explicit_region(&self) -> Option<&str> {
        match self.region_source {
            Some(RegionSource::Flag) => self.region.as_deref(),
            _ => None,
        }
    }
}

/// Where a configured region came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegionSource {
    Flag,
    /// `AWS_REGION` or `AWS_DEFAULT_REGION`.
    Environment(&'static str),
    /// chime-prefs' own config file.
    ConfigFile,
    /// The profile's `region` in the shared config file.
    Profile(String),
}

impl RegionSource {
    /// How the source is named to the user.
    pub fn describe(&self) -> String {
        match self {
            RegionSource::Flag => "--region".into(),
            RegionSource::Environment(var) => (*var).into(),
            RegionSource::ConfigFile => "the chime-prefs config file".into(),
            RegionSource::Profile(profile) => format!("profile {profile}"),
        }
    }
}

/// Endpoint URLs that apply to one service only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceEndpoints {
    pub messaging: Option<String>,
    pub identity: Option<String>,
    pub pinpoint: Option<String>,
    pub iam: Option<String>,
}

impl ServiceEndpoints {
    pub fn get(&self, service: Service) -> Option<&str> {
        match service {
            Service::Messaging => self.messaging.as_deref(),
            Service::Identity => self.identity.as_deref(),
            Service::Pinpoint => self.pinpoint.as_deref(),
            Service::Iam => self.iam.as_deref(),
        }
    }

    pub fn set(&mut self, service: Service, url: Option<String>) {
        match service {
            Service::Messaging => self.messaging = url,
            Service::Identity => self.identity = url,
            Service::Pinpoint => self.pinpoint = url,
            Service::Iam => self.iam = url,
        }
    }
}
