//! Checks of the dataset file's parts, each naming the JSON path of what
//! is wrong, and the builders of what passed.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::channel::{Channel, Roster};
use super::error::DemoError;
use super::model::{ChannelFacts, Endpoint, Member, Message, valid_member_id, valid_name};

/// `(region, account)` of `arn:aws:chime:REGION:ACCOUNT:app-instance/ID`.
pub(super) fn region_and_account(app: &str) -> Option<(&str, &str)> {
    let rest = app.strip_prefix("arn:aws:chime:")?;
    let (scope, id) = rest.split_once(":app-instance/")?;
    let (region, account) = scope.split_once(':')?;
    let valid = !id.is_empty()
        && !id.contains('/')
        && !region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit());
    valid.then_some((region, account))
}

pub(super) fn push_channel(
    channels: &mut Vec<Channel>,
    seen: &mut HashSet<String>,
    app: &str,
    id: String,
    roster: Roster,
    facts: ChannelFacts,
    at: &str,
) -> Result<(), DemoError> {
    if !valid_name(&id, 64, true) {
        return Err(DemoError::dataset(
            format!("{at}.id"),
            "expected letters, digits or -_. (the channel ID, not its ARN)",
        ));
    }
    if !seen.insert(id.clone()) {
        return Err(DemoError::dataset(
            format!("{at}.id"),
            format!("duplicate channel {id:?}"),
        ));
    }
    let arn = format!("{app}/channel/{id}");
    channels.push(Channel {
        id,
        arn,
        roster,
        facts,
    });
    Ok(())
}

pub(super) fn listed(members: Vec<Member>, at: &str) -> Result<Roster, DemoError> {
    let mut index = HashMap::with_capacity(members.len());
    for (m, member) in members.iter().enumerate() {
        let here = format!("{at}.members[{m}]");
        if !valid_member_id(&member.id) {
            return Err(DemoError::dataset(
                format!("{here}.id"),
                "expected \"user/ID\" or \"bot/ID\" (ID: letters, digits or -_.@)",
            ));
        }
        if index.insert(member.id.clone(), m).is_some() {
            return Err(DemoError::dataset(
                format!("{here}.id"),
                format!("duplicate member {:?}", member.id),
            ));
        }
        if member.filter_rule.is_some() && member.allow.is_none() {
            return Err(DemoError::dataset(
                format!("{here}.filter_rule"),
                "a filter_rule needs \"allow\" (usually \"FILTERED\")",
            ));
        }
        if let Some(ban) = &member.banned {
            check_id(&ban.by, &format!("{here}.banned.by"))?;
        }
    }
    Ok(Roster::Listed { members, index })
}

pub(super) fn check_messages(messages: &[Message], at: &str) -> Result<(), DemoError> {
    let mut seen = HashSet::new();
    for (i, message) in messages.iter().enumerate() {
        let here = format!("{at}.messages[{i}]");
        if !valid_name(&message.id, 128, false) {
            return Err(DemoError::dataset(
                format!("{here}.id"),
                "expected 1 to 128 letters, digits, - or _",
            ));
        }
        if !seen.insert(message.id.as_str()) {
            return Err(DemoError::dataset(
                format!("{here}.id"),
                format!("duplicate message {:?}", message.id),
            ));
        }
        check_id(&message.sender, &format!("{here}.sender"))?;
        for (name, values) in &message.attributes {
            let fits = (1..=64).contains(&name.chars().count())
                && !values.is_empty()
                && values
                    .iter()
                    .all(|v| (1..=512).contains(&v.chars().count()));
            if !fits {
                return Err(DemoError::dataset(
                    format!("{here}.attributes.{name}"),
                    "names are 1 to 64 characters, with 1 or more values of 1 to 512",
                ));
            }
        }
    }
    Ok(())
}

pub(super) fn endpoints(
    raw: BTreeMap<String, Vec<Endpoint>>,
) -> Result<HashMap<String, Vec<Endpoint>>, DemoError> {
    let mut map = HashMap::with_capacity(raw.len());
    for (user, list) in raw {
        let at = format!("endpoints.{user}");
        if !user.starts_with("user/") || !valid_member_id(&user) {
            return Err(DemoError::dataset(
                at,
                "expected \"user/ID\": only AppInstanceUsers have endpoints",
            ));
        }
        let mut seen = HashSet::new();
        for (i, endpoint) in list.iter().enumerate() {
            if !valid_name(&endpoint.id, 64, true) || !seen.insert(endpoint.id.as_str()) {
                return Err(DemoError::dataset(
                    format!("{at}[{i}].id"),
                    "expected a unique ID of 1 to 64 letters, digits or -_.",
                ));
            }
        }
        map.insert(user, list);
    }
    Ok(map)
}

pub(super) fn check_id(id: &str, at: &str) -> Result<(), DemoError> {
    if valid_member_id(id) {
        Ok(())
    } else {
        Err(DemoError::dataset(at, "expected \"user/ID\" or \"bot/ID\""))
    }
}

pub(super) fn id_list(ids: Vec<String>, field: &str) -> Result<Vec<String>, DemoError> {
    for (i, id) in ids.iter().enumerate() {
        check_id(id, &format!("{field}[{i}]"))?;
    }
    Ok(ids)
}

pub(super) fn id_set(ids: Vec<String>, field: &str) -> Result<HashSet<String>, DemoError> {
    Ok(id_list(ids, field)?.into_iter().collect())
}
