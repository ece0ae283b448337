//! An IAM denial read from the message AWS sends with it.
//!
//! IAM answers in a fixed sentence, `User: <principal> is not authorized to
//! perform: <action> on resource: <arn> because ...` (the resource and the
//! reason may be missing). Each part is one token: ARNs and actions carry no
//! spaces.

/// Who was denied what, as the message says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamDenial {
    /// The IAM principal ARN (`arn:aws:sts::...:assumed-role/...`).
    pub principal: String,
    /// `chime:GetChannelMembershipPreferences`, as IAM names it.
    pub action: String,
    pub resource: Option<String>,
    /// The reason after `because`/`with`, when given.
    pub reason: Option<String>,
    /// An explicit Deny (SCP, permissions boundary, session or identity
    /// policy): an Allow statement alone will not help.
    pub explicit_deny: bool,
}

const NOT_AUTHORIZED: &str = " is not authorized to perform: ";
const ON_RESOURCE: &str = " on resource: ";

impl IamDenial {
    pub fn parse(message: &str) -> Option<IamDenial> {
        let (who, rest) = message.split_once(NOT_AUTHORIZED)?;
        let principal = who
            .trim()
            .strip_prefix("User:")
            .unwrap_or(who)
            .trim()
            .to_string();
        let action = token(rest)?;
        if principal.is_empty() || !action.contains(':') {
            return None;
        }
        let after_action = rest.trim_start()[action.len()..].trim_start();
        let (resource, tail) = match after_action.strip_prefix(ON_RESOURCE.trim_start()) {
            // IAM names its own resources in words: `on resource: role NAME`.
            Some(on) if !on.trim_start().starts_with("arn:") => {
                let on = on.trim_start();
                let end = [" because ", " with "]
                    .iter()
                    .filter_map(|w| on.find(w))
                    .min()
                    .unwrap_or(on.len());
                let named = on[..end].trim().trim_end_matches('.');
                ((!named.is_empty()).then(|| named.to_string()), &on[end..])
            }
            Some(on) => {
                let arn = token(on);
                let tail = arn.map_or(on, |a| &on.trim_start()[a.len()..]);
                (arn.map(str::to_string), tail)
            }
            None => (None, after_action),
        };
        let reason = tail
            .trim()
            .trim_start_matches("because")
            .trim()
            .trim_end_matches('.')
            .to_string();
        Some(IamDenial {
            principal,
            action: action.to_string(),
            resource,
            explicit_deny: tail.to_ascii_lowercase().contains("explicit deny"),
            reason: (!reason.is_empty()).then_some(reason),
        })
    }

    /// The identity-policy statement that would allow the call, as JSON.
    /// Without a resource ARN in the message (none, or IAM's `role NAME`),
    /// the statement names `*`, which the reader should narrow.
    pub fn allow_statement(&self) -> String {
        let resource = self
            .resource
            .as_deref()
            .filter(|r| r.starts_with("arn:"))
            .unwrap_or("*");
        let statement = serde_json::json!({
            "Effect": "Allow",
            "Action": self.action,
            "Resource": resource,
        });
        serde_json::to_string_pretty(&statement).unwrap_or_default()
    }
}

/// The first whitespace-separated token, without a trailing period.
fn token(text: &str) -> Option<&str> {
    let word = text.split_whitespace().next()?;
    Some(word.strip_suffix('.').unwrap_or(word)).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRINCIPAL: &str = "arn:aws:sts::111122223333:assumed-role/Support/alice";
    const CHANNEL: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c";

    #[test]
    fn reads_principal_action_resource_and_reason() {
        let message = format!(
            "User: {PRINCIPAL} is not authorized to perform: chime:GetChannelMembershipPreferences on resource: {CHANNEL} because no identity-based policy allows the chime:GetChannelMembershipPreferences action"
        );
        let denial = IamDenial::parse(&message).expect("an IAM denial");
        assert_eq!(denial.principal, PRINCIPAL);
        assert_eq!(denial.action, "chime:GetChannelMembershipPreferences");
        assert_eq!(denial.resource.as_deref(), Some(CHANNEL));
        assert!(!denial.explicit_deny);
        assert!(
            denial
                .reason
                .as_deref()
                .is_some_and(|r| r.starts_with("no identity-based policy")),
            "{:?}",
            denial.reason
        );
        let statement: serde_json::Value =
            serde_json::from_str(&denial.allow_statement()).expect("JSON");
        assert_eq!(statement["Effect"], "Allow");
        assert_eq!(statement["Action"], "chime:GetChannelMembershipPreferences");
        assert_eq!(statement["Resource"], CHANNEL);
    }

    #[test]
    fn an_explicit_deny_and_a_missing_resource() {
        let denial = IamDenial::parse(&format!(
            "User: {PRINCIPAL} is not authorized to perform: chime:ListChannelMemberships with an explicit deny in a service control policy"
        ))
        .expect("an IAM denial");
        assert!(denial.explicit_deny);
        assert_eq!(denial.resource, None);
        assert_eq!(denial.action, "chime:ListChannelMemberships");
        assert!(denial.allow_statement().contains("\"Resource\": \"*\""));

        let bare = IamDenial::parse(&format!(
            "User: {PRINCIPAL} is not authorized to perform: chime:DescribeChannelBan on resource: {CHANNEL}."
        ))
        .expect("an IAM denial");
        assert_eq!(bare.resource.as_deref(), Some(CHANNEL));
        assert_eq!(bare.reason, None);
    }

    #[test]
    fn iam_names_its_own_resources_in_words() {
        let denial = IamDenial::parse(&format!(
            "User: {PRINCIPAL} is not authorized to perform: iam:GetRole on resource: role ServiceRoleForAmazonChimePushNotification because no identity-based policy allows the iam:GetRole action"
        ))
        .expect("an IAM denial");
        assert_eq!(denial.action, "iam:GetRole");
        assert_eq!(
            denial.resource.as_deref(),
            Some("role ServiceRoleForAmazonChimePushNotification")
        );
        assert!(
            denial
                .reason
                .as_deref()
                .is_some_and(|r| r.starts_with("no identity-based policy")),
            "{:?}",
            denial.reason
        );
        assert!(denial.allow_statement().contains("\"Resource\": \"*\""));
    }

    #[test]
    fn other_messages_are_not_denials() {
        for message in [
            "Forbidden: An invalid app instance user ARN was supplied for the input parameter.",
            "User: is not authorized to perform: chime:X",
            "User: someone is not authorized to perform: nothing",
            "",
        ] {
            assert_eq!(IamDenial::parse(message), None, "{message}");
        }
    }
}
