//! IAM, for the role Chime sends pushes with: global (signed for the
//! partition's region, `https://iam.amazonaws.com` unless an endpoint URL is
//! configured), the query protocol (form POSTs of read-only actions, XML
//! answers). Policy documents arrive percent-encoded (RFC 3986) and
//! aws-sdk-iam does not decode them: [`decode`] does, once, here.

mod policies;
mod role;
mod simulate;

use aws_sdk_iam::config::Builder;

use super::call::Plan;

/// The role Chime assumes to send pushes; the Chime guide requires this
/// exact name.
pub const CHIME_PUSH_ROLE: &str = "ServiceRoleForAmazonChimePushNotification";

/// The role's ARN in `account` (what SimulatePrincipalPolicy takes).
pub fn role_arn(account: &str) -> String {
    format!("arn:aws:iam::{account}:role/{CHIME_PUSH_ROLE}")
}

/// The call's overrides as this service's config.
pub(super) fn overrides(plan: &Plan) -> Builder {
    Builder::default()
        .region(plan.region.clone())
        .retry_config(plan.retry.clone())
        .timeout_config(plan.timeout.clone())
        .interceptor(plan.counter.clone())
}

/// A policy document as IAM sends it, percent-decoded into its JSON text
/// by the policy module's one decoder. Text that is not valid
/// percent-encoded UTF-8 is kept as sent (the check that parses it then
/// says it cannot).
pub(super) fn decode(document: &str) -> String {
    crate::policy::decode_document(document).unwrap_or_else(|_| document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_percent_decoded_and_plus_stays_plus() {
        let sent = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22messaging.chime.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
        let text = decode(sent);
        let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            json["Statement"][0]["Principal"]["Service"],
            "messaging.chime.amazonaws.com"
        );
        assert_eq!(decode("a+b%20c"), "a+b c");
        assert_eq!(decode("%FF%FE"), "%FF%FE", "not UTF-8: kept as sent");
        assert_eq!(
            role_arn("111122223333"),
            "arn:aws:iam::111122223333:role/ServiceRoleForAmazonChimePushNotification"
        );
    }
}
