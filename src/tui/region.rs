//! The region calls go to, in one small function: the header shows it and
//! the explanations name it. A Chime channel can only be read in the region
//! its ARN names, so that region wins over any configured one; the answer
//! comes from `crate::aws`'s own resolver, so the TUI shows what the calls
//! really do.

use crate::aws::ClientInfo;
use crate::aws::region::region_of_arn;

/// The region of the calls about `channel_arn`, if known: the ARN's own,
/// else `--region` when given.
pub fn region_used(info: &ClientInfo, channel_arn: Option<&str>) -> Option<String> {
    channel_arn
        .and_then(|arn| {
            info.region_for(arn)
                .ok()
                // A contrary --region refuses the call; the ARN's region is
                // still the only one it could go to.
                .or_else(|| region_of_arn(arn).map(str::to_string))
        })
        .or_else(|| info.region.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANNEL: &str = "arn:aws:chime:eu-central-1:111122223333:app-instance/a/channel/c";

    #[test]
    fn the_channel_arn_names_the_region_whatever_is_configured() {
        let mut info = ClientInfo {
            aws_cli_region: Some("us-west-2".into()),
            ..ClientInfo::default()
        };
        assert_eq!(
            region_used(&info, Some(CHANNEL)).as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(region_used(&info, None), None);
        info.region = Some("us-east-1".into());
        assert_eq!(
            region_used(&info, Some(CHANNEL)).as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(
            region_used(&info, Some("not an arn")).as_deref(),
            Some("us-east-1")
        );
    }
}
