//! Filling the catalog's text with the facts at hand, and never with a
//! stand-in for a fact that is not.
//!
//! - `{name}` is a value: the operation's name, the profile, the bearer...
//! - `[...]` is a part that is left out when a value inside it is unknown:
//!   `aws sso login[ --profile {profile}]`.
//! - `a || b` are whole alternatives: the first whose values are all known
//!   is used; a line with none is left out. So a step that needs the channel
//!   ARN can say the same thing without it.

/// `text` with its values filled in by `value`, or `None` when no
/// alternative can be said with the values known.
pub(super) fn fill(text: &str, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    text.split(" || ")
        .find_map(|alternative| fill_one(alternative, value))
}

fn fill_one(text: &str, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        out.push_str(&values(&rest[..start], value)?);
        let after = &rest[start + 1..];
        let end = after.find(']')?;
        if let Some(part) = values(&after[..end], value) {
            out.push_str(&part);
        }
        rest = &after[end + 1..];
    }
    out.push_str(&values(rest, value)?);
    Some(out)
}

/// Replace every `{name}`; `None` if one is unknown.
fn values(text: &str, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        out.push_str(&value(&after[..end])?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Every `{name}` the text uses, for the catalog's own tests.
#[cfg(test)]
pub(super) fn names(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        found.push(&after[..end]);
        rest = &after[end + 1..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(name: &str) -> Option<String> {
        match name {
            "profile" => Some("support".into()),
            "operation" => Some("DescribeChannelBan".into()),
            _ => None,
        }
    }

    #[test]
    fn values_fill_and_unknown_parts_drop() {
        assert_eq!(
            fill("aws sso login[ --profile {profile}]", &known).as_deref(),
            Some("aws sso login --profile support")
        );
        assert_eq!(
            fill("aws sso login[ --profile {channel}]", &known).as_deref(),
            Some("aws sso login")
        );
        assert_eq!(fill("Check {channel} now.", &known), None);
    }

    #[test]
    fn the_first_sayable_alternative_wins() {
        let text = "List bans on {channel} || List the channel's bans for {operation}";
        assert_eq!(
            fill(text, &known).as_deref(),
            Some("List the channel's bans for DescribeChannelBan")
        );
        assert_eq!(fill("{a} || {b}", &known), None);
    }

    #[test]
    fn names_lists_every_value() {
        assert_eq!(names("a {x} [b {y}] || {z}"), vec!["x", "y", "z"]);
    }
}
