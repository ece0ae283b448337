//! Which region a call goes to: the region its ARN names, always. A Chime
//! channel (or user) can only be read in its own region, so a profile's or
//! the environment's region must not send the call elsewhere. The same holds
//! for a Pinpoint app (its ARN's region); IAM is global, signed for its
//! partition's region.

use crate::operation::Service;

/// Whether `name` is written as AWS writes region names: lowercase words
/// and a number, joined by hyphens (`us-east-1`, `us-gov-west-1`).
pub fn is_region_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// The region field of a Chime ARN (`arn:aws:chime:REGION:ACCOUNT:...`),
/// when it is one.
pub fn region_of_arn(arn: &str) -> Option<&str> {
    region_of_service_arn(arn, Service::Messaging)
}

/// The region field of an ARN of `service` (`arn:aws:chime:...` for both
/// Chime services, `arn:aws:mobiletargeting:...` for Pinpoint).
fn region_of_service_arn(arn: &str, service: Service) -> Option<&str> {
    let mut parts = arn.trim().splitn(6, ':');
    let (Some("arn"), Some(_partition), Some(prefix), Some(region)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    (prefix == service.iam_prefix() && is_region_name(region)).then_some(region)
}

/// The region a global service (IAM) is signed for: its partition's
/// (`us-east-1` in `aws`), whatever the ARN or `--region` say.
fn global_signing_region(arn: &str) -> &'static str {
    match arn.trim().split(':').nth(1) {
        Some("aws-cn") => "cn-north-1",
        Some("aws-us-gov") => "us-gov-west-1",
        _ => "us-east-1",
    }
}

/// Why a call has no region to go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegionProblem {
    /// `--region` names another region than the ARN.
    Conflict { flag: String, arn: String },
    /// No region can be read from the ARN.
    Unreadable,
}

impl std::fmt::Display for RegionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegionProblem::Conflict { flag, arn } => write!(
                f,
                "--region {flag} contradicts the ARN, which is in {arn}: Chime resources can only be read in the region their ARN names. Leave --region out, or pass --region {arn}."
            ),
            RegionProblem::Unreadable => f.write_str(
                "no region can be read from the ARN: a Chime ARN names it in its fourth field, as in arn:aws:chime:us-east-1:...",
            ),
        }
    }
}

/// The region for a call about `arn`, given `--region` if any.
pub fn region_for(arn: &str, explicit: Option<&str>) -> Result<String, RegionProblem> {
    region_for_call(Service::Messaging, arn, explicit)
}

/// The region a call to `service` about `arn` goes to: the ARN's own for a
/// regional service (refused when `--region` names another), the
/// partition's signing region for a global one (IAM), where `--region`
/// does not apply.
pub fn region_for_call(
    service: Service,
    arn: &str,
    explicit: Option<&str>,
) -> Result<String, RegionProblem> {
    if service.is_global() {
        return Ok(global_signing_region(arn).to_string());
    }
    let region = region_of_service_arn(arn, service).ok_or(RegionProblem::Unreadable)?;
    match explicit {
        Some(flag) if flag != region => Err(RegionProblem::Conflict {
            flag: flag.to_string(),
            arn: region.to_string(),
        }),
        _ => Ok(region.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_are_lowercase_words_and_a_number() {
        for good in [
            "us-east-1",
            "eu-central-1",
            "us-gov-west-1",
            "ap-southeast-4",
        ] {
            assert!(is_region_name(good), "{good}");
        }
        for bad in [
            "US-EAST-1",
            "us-east",
            "useast1",
            "us--1",
            "us-east-1a",
            "",
            "eu-central-",
        ] {
            assert!(!is_region_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_arn_decides_and_a_contrary_flag_is_refused() {
        let channel = "arn:aws:chime:eu-central-1:111122223333:app-instance/a/channel/c";
        assert_eq!(region_for(channel, None).as_deref(), Ok("eu-central-1"));
        assert_eq!(
            region_for(channel, Some("eu-central-1")).as_deref(),
            Ok("eu-central-1")
        );
        let conflict = region_for(channel, Some("us-west-2")).unwrap_err();
        assert_eq!(
            conflict,
            RegionProblem::Conflict {
                flag: "us-west-2".into(),
                arn: "eu-central-1".into()
            }
        );
        let text = conflict.to_string();
        assert!(
            text.contains("us-west-2") && text.contains("eu-central-1"),
            "{text}"
        );
        assert_eq!(region_for("support", None), Err(RegionProblem::Unreadable));
        assert_eq!(
            region_of_arn("arn:aws:chime:us-east-1:1:app-instance/a/user/u"),
            Some("us-east-1")
        );
        assert_eq!(region_of_arn("arn:aws:s3:us-east-1:1:x"), None);
    }

    #[test]
    fn pinpoint_goes_to_the_app_region_and_iam_is_global() {
        let app = "arn:aws:mobiletargeting:eu-west-1:111122223333:apps/abc";
        assert_eq!(
            region_for_call(Service::Pinpoint, app, None).as_deref(),
            Ok("eu-west-1")
        );
        assert!(matches!(
            region_for_call(Service::Pinpoint, app, Some("us-east-1")),
            Err(RegionProblem::Conflict { .. })
        ));
        // A Chime ARN is not a Pinpoint app's, and the reverse.
        assert_eq!(
            region_for_call(Service::Messaging, app, None),
            Err(RegionProblem::Unreadable)
        );
        let role = "arn:aws:iam::111122223333:role/ServiceRoleForAmazonChimePushNotification";
        assert_eq!(
            region_for_call(Service::Iam, role, Some("eu-central-1")).as_deref(),
            Ok("us-east-1"),
            "--region does not apply to a global service"
        );
        assert_eq!(
            region_for_call(Service::Iam, "arn:aws-cn:iam::1:role/r", None).as_deref(),
            Ok("cn-north-1")
        );
    }
}
