//! The region calls go to, in one small function: the header shows it and
//! the AWS CLI command `y` copies carries it. A Chime channel can only be
//! read in the region its ARN names, so that region wins over the
//! configured one. When `crate::aws` provides its region resolver, its
//! answer replaces the body of [`region_used`] and nothing else changes.

use crate::arn;

/// The region of the calls for `channel_arn`, if known: the channel ARN's
/// region, else the configured one.
pub fn region_used(channel_arn: Option<&str>, configured: Option<&str>) -> Option<String> {
    channel_arn
        .and_then(|c| arn::parse_channel(c).ok())
        .map(|c| c.scope.region)
        .or_else(|| configured.map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANNEL: &str = "arn:aws:chime:eu-central-1:111122223333:app-instance/a/channel/c";

    #[test]
    fn the_channel_arn_names_the_region_whatever_is_configured() {
        assert_eq!(
            region_used(Some(CHANNEL), Some("us-west-2")).as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(
            region_used(Some(CHANNEL), None).as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(
            region_used(Some("not an arn"), Some("us-east-1")).as_deref(),
            Some("us-east-1")
        );
        assert_eq!(region_used(None, None), None);
    }
}
