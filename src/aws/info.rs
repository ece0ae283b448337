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

    /// The endpoint a call to `service` in `region` goes to.
    pub fn endpoint_for(&self, service: Service, region: &str) -> String {
        self.endpoint_urls
            .get(service)
            .map_or_else(|| service.endpoint(region), str::to_string)
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
}
