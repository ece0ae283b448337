//! What the clients will do, for the header, the text output and the AWS CLI
//! command a user copies: never credentials.

use crate::operation::Service;

use super::region::{self, RegionProblem};
use super::settings::{RegionSource, ServiceEndpoints};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientInfo {
    pub profile: Option<String>,
    /// `--region`, when given: a call about an ARN in another region is
    /// refused before anything is sent.
    pub region: Option<String>,
    /// The endpoint, for display: the URL given, or where real AWS is.
    pub endpoint: String,
    /// The region the configuration names (environment, config file or
    /// profile), which calls do not use; shown when it differs.
    pub configured_region: Option<ConfiguredRegion>,
    /// The region the AWS CLI would pick by itself (`AWS_REGION`,
    /// `AWS_DEFAULT_REGION`, then the profile's), so a copied command
    /// carries `--region` whenever that is not the one used.
    pub aws_cli_region: Option<String>,
    /// Endpoint URLs in use instead of real AWS, per service.
    pub endpoint_urls: ServiceEndpoints,
    /// The general endpoint URL (`--endpoint-url`, `AWS_ENDPOINT_URL`, the
    /// config file), which the AWS CLI applies to every service, STS and
    /// IAM included.
    pub endpoint_url: Option<String>,
    /// Real AWS's FIPS and dual-stack endpoints (`AWS_USE_FIPS_ENDPOINT`,
    /// `AWS_USE_DUALSTACK_ENDPOINT`, or the profile's keys), as the SDK
    /// picks them.
    pub use_fips: bool,
    pub use_dual_stack: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfiguredRegion {
    pub name: String,
    pub source: RegionSource,
}

impl ClientInfo {
    /// The region a call about `arn` goes to: the ARN's own. Refused when
    /// `--region` names another, or the ARN names none.
    pub fn region_for(&self, arn: &str) -> Result<String, RegionProblem> {
        region::region_for(arn, self.region.as_deref())
    }

    /// The region a call to `service` about `arn` goes to: the ARN's, or
    /// for a global service (IAM) the region it is signed for.
    pub fn region_for_call(&self, service: Service, arn: &str) -> Result<String, RegionProblem> {
        region::region_for_call(service, arn, self.region.as_deref())
    }

    /// The endpoint a call to `service` in `region` goes to: the URL
    /// given, else the host the SDK's own endpoint rules pick (FIPS and
    /// dual-stack included).
    pub fn endpoint_for(&self, service: Service, region: &str) -> String {
        match self.endpoint_urls.get(service) {
            Some(url) => url.to_string(),
            None => sdk_endpoint(service, region, self.use_fips, self.use_dual_stack)
                .unwrap_or_else(|problem| format!("(no endpoint: {problem})")),
        }
    }

    /// How real AWS endpoints are picked, for the header: `AWS` or `AWS
    /// FIPS, dual-stack`.
    pub fn aws_variant(&self) -> &'static str {
        match (self.use_fips, self.use_dual_stack) {
            (false, false) => "AWS",
            (true, false) => "AWS FIPS",
            (false, true) => "AWS dual-stack",
            (true, true) => "AWS FIPS, dual-stack",
        }
    }

    /// One line on where a call about an ARN in `region` goes and why, for
    /// `get --output text`: `us-east-1, from the channel ARN (AWS_REGION
    /// names us-west-2, which is not used)`.
    pub fn region_note(&self, region: &str, arn_kind: &str) -> String {
        match &self.configured_region {
            Some(configured) if configured.name != region => format!(
                "{region}, from the {arn_kind} ARN ({} names {}, which is not used)",
                configured.source.describe(),
                configured.name
            ),
            _ => format!("{region}, from the {arn_kind} ARN"),
        }
    }

    /// Whether an AWS CLI command for `region` needs `--region` to work
    /// when pasted: unless the user's own AWS configuration picks it.
    pub fn aws_cli_needs_region(&self, region: &str) -> bool {
        self.aws_cli_region.as_deref() != Some(region)
    }
}

/// The endpoint `service`'s SDK resolves for `region`, by its own rules:
/// the exact host it will call.
fn sdk_endpoint(
    service: Service,
    region: &str,
    fips: bool,
    dual_stack: bool,
) -> Result<String, String> {
    use futures_util::FutureExt;
    macro_rules! resolve {
        ($krate:ident) => {{
            use $krate::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
            let params = Params::builder()
                .region(region)
                .use_fips(fips)
                .use_dual_stack(dual_stack)
                .build()
                .map_err(|e| e.to_string())?;
            let resolver = DefaultResolver::new();
            let endpoint = resolver
                .resolve_endpoint(&params)
                .now_or_never()
                .ok_or_else(|| "the endpoint rules did not answer at once".to_string())?
                .map_err(|e| e.to_string())?;
            Ok(endpoint.url().trim_end_matches('/').to_string())
        }};
    }
    match service {
        Service::Messaging => resolve!(aws_sdk_chimesdkmessaging),
        Service::Identity => resolve!(aws_sdk_chimesdkidentity),
        Service::Pinpoint => resolve!(aws_sdk_pinpoint),
        Service::Iam => resolve!(aws_sdk_iam),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_an_unused_configured_region_and_its_source() {
        let mut info = ClientInfo::default();
        assert_eq!(
            info.region_note("us-east-1", "channel"),
            "us-east-1, from the channel ARN"
        );
        info.configured_region = Some(ConfiguredRegion {
            name: "us-west-2".into(),
            source: RegionSource::Environment("AWS_REGION"),
        });
        assert_eq!(
            info.region_note("us-east-1", "channel"),
            "us-east-1, from the channel ARN (AWS_REGION names us-west-2, which is not used)"
        );
        info.configured_region = Some(ConfiguredRegion {
            name: "us-east-1".into(),
            source: RegionSource::Profile("support".into()),
        });
        assert_eq!(
            info.region_note("us-east-1", "channel"),
            "us-east-1, from the channel ARN"
        );
    }

    #[test]
    fn endpoints_are_real_aws_unless_overridden() {
        let mut info = ClientInfo::default();
        assert_eq!(
            info.endpoint_for(Service::Identity, "eu-central-1"),
            "https://identity-chime.eu-central-1.amazonaws.com"
        );
        info.endpoint_urls.identity = Some("http://127.0.0.1:9".into());
        assert_eq!(
            info.endpoint_for(Service::Identity, "eu-central-1"),
            "http://127.0.0.1:9"
        );
        assert_eq!(
            info.endpoint_for(Service::Messaging, "eu-central-1"),
            "https://messaging-chime.eu-central-1.amazonaws.com"
        );
    }

    #[test]
    fn fips_and_dual_stack_name_the_hosts_the_sdk_calls() {
        let mut info = ClientInfo {
            use_fips: true,
            ..ClientInfo::default()
        };
        assert_eq!(
            info.endpoint_for(Service::Messaging, "us-east-1"),
            "https://messaging-chime-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            info.endpoint_for(Service::Identity, "us-east-1"),
            "https://identity-chime-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            info.endpoint_for(Service::Iam, "us-east-1"),
            "https://iam-fips.amazonaws.com"
        );
        info.use_dual_stack = true;
        assert_eq!(
            info.endpoint_for(Service::Messaging, "us-east-1"),
            "https://messaging-chime-fips.us-east-1.api.aws"
        );
        info.use_fips = false;
        assert_eq!(
            info.endpoint_for(Service::Messaging, "eu-central-1"),
            "https://messaging-chime.eu-central-1.api.aws"
        );
        assert_eq!(info.aws_variant(), "AWS dual-stack");
        // A URL given wins over both, as in the SDK.
        info.endpoint_urls.messaging = Some("http://127.0.0.1:9".into());
        assert_eq!(
            info.endpoint_for(Service::Messaging, "us-east-1"),
            "http://127.0.0.1:9"
        );
    }
}
