//! The demo dataset: who exists, which channels they are in, what their
//! push-notification preferences are.
//!
//! # File format (`assets/demo-data.json`, or the file given to `--data`)
//!
//! ```json
//! {
//!   "app_instance_arn": "arn:aws:chime:us-east-1:111122223333:app-instance/demo",
//!   "admins": ["user/admin"],              // AppInstanceAdmins: may list any channel
//!   "users":  ["user/admin", "user/x"],    // extra AppInstanceUsers/Bots (not in a channel)
//!   "channels": [
//!     { "id": "support",                   // ARN: <app_instance_arn>/channel/support
//!       "members": [
//!         { "id": "user/alice",            // "user/ID" or "bot/ID" under the app instance
//!           "name": "Alice Anders",        // optional Member.Name
//!           "allow": "FILTERED",           // AllowNotifications, verbatim (any text);
//!                                          // absent = never set (Preferences {})
//!           "filter_rule": "{\"mention\":[\"alice\"]}", // FilterRule text, verbatim
//!           "hidden": false,               // listed only with type=HIDDEN
//!           "fault": "throttled",          // optional, see faults.rs
//!           "note": "FILTERED",            // optional one-line demo-target note
//!           "demo": true }                 // false: left out of demo_targets()
//!       ] },
//!     { "id": "town-hall",
//!       "generate": { "count": 10000, "prefix": "user/th-", "digits": 5,
//!                     "name_prefix": "Town Hall Member ", "hidden_every": 500,
//!                     "filter_rule": "{\"mention\":[\"town-hall\"]}" } }
//!   ]
//! }
//! ```
//!
//! Every channel member, user and admin is an AppInstanceUser (or Bot) of the
//! app instance, so it may be used as `x-amz-chime-bearer`. Unknown fields are
//! rejected, so typos show up as errors naming the line. See generate.rs for
//! how generated members get their preferences.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::error::DemoError;
use super::faults::Fault;
use super::generate::GenerateSpec;

const EMBEDDED: &str = include_str!("../../assets/demo-data.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    app_instance_arn: String,
    #[serde(default)]
    admins: Vec<String>,
    #[serde(default)]
    users: Vec<String>,
    channels: Vec<RawChannel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    id: String,
    #[serde(default)]
    members: Option<Vec<Member>>,
    #[serde(default)]
    generate: Option<GenerateSpec>,
}

/// One channel member as the dataset describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Member {
    pub(super) id: String,
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) allow: Option<String>,
    #[serde(default)]
    pub(super) filter_rule: Option<String>,
    #[serde(default)]
    pub(super) hidden: bool,
    #[serde(default)]
    pub(super) fault: Option<Fault>,
    #[serde(default)]
    pub(super) note: Option<String>,
    #[serde(default = "yes")]
    pub(super) demo: bool,
}

fn yes() -> bool {
    true
}

/// A channel's members: listed in the file, or generated from a spec.
#[derive(Debug, Clone)]
pub(super) enum Roster {
    Listed {
        members: Vec<Member>,
        index: HashMap<String, usize>,
    },
    Generated(GenerateSpec),
}

impl Roster {
    /// Number of members, hidden ones included.
    pub(super) fn len(&self) -> usize {
        match self {
            Roster::Listed { members, .. } => members.len(),
            Roster::Generated(spec) => spec.len(),
        }
    }

    /// The member at 0-based roster position `position`.
    pub(super) fn get(&self, position: usize) -> Option<Cow<'_, Member>> {
        match self {
            Roster::Listed { members, .. } => members.get(position).map(Cow::Borrowed),
            Roster::Generated(spec) => spec.member(position).map(Cow::Owned),
        }
    }

    /// The member whose ID (`user/...`, `bot/...`) is `id`.
    pub(super) fn find(&self, id: &str) -> Option<Cow<'_, Member>> {
        match self {
            Roster::Listed { members, index } => index
                .get(id)
                .and_then(|&i| members.get(i))
                .map(Cow::Borrowed),
            Roster::Generated(spec) => spec
                .position(id)
                .and_then(|i| spec.member(i))
                .map(Cow::Owned),
        }
    }
}

/// A channel of the app instance.
#[derive(Debug, Clone)]
pub(super) struct Channel {
    pub(super) id: String,
    pub(super) arn: String,
    pub(super) roster: Roster,
}

/// The demo world: one app instance, its users, admins and channels.
#[derive(Debug, Clone)]
pub struct Dataset {
    app_instance_arn: String,
    admins: HashSet<String>,
    users: HashSet<String>,
    channels: Vec<Channel>,
}

impl Dataset {
    /// The dataset shipped in `assets/demo-data.json`.
    pub fn embedded() -> Dataset {
        // The embedded file is part of the program and checked by a unit test.
        Self::from_json(EMBEDDED).expect("assets/demo-data.json is a valid demo dataset")
    }

    /// Parses and checks a dataset in the format described in this module.
    pub fn from_json(text: &str) -> Result<Dataset, DemoError> {
        let raw: RawDataset =
            serde_json::from_str(text).map_err(|err| DemoError::dataset_json(&err))?;
        Self::from_raw(raw)
    }

    fn from_raw(raw: RawDataset) -> Result<Dataset, DemoError> {
        let app = raw.app_instance_arn;
        let valid_app = app
            .strip_prefix("arn:aws:chime:")
            .and_then(|rest| rest.split_once(":app-instance/"))
            .is_some_and(|(_, id)| !id.is_empty() && !id.contains('/'));
        if !valid_app {
            return Err(DemoError::dataset(
                "app_instance_arn",
                "expected arn:aws:chime:REGION:ACCOUNT:app-instance/ID",
            ));
        }
        let admins = id_set(raw.admins, "admins")?;
        let users = id_set(raw.users, "users")?;
        let mut channels: Vec<Channel> = Vec::with_capacity(raw.channels.len());
        for (c, channel) in raw.channels.into_iter().enumerate() {
            let at = format!("channels[{c}]");
            if !valid_name(&channel.id) {
                return Err(DemoError::dataset(
                    format!("{at}.id"),
                    "expected letters, digits or -_. (the channel ID, not its ARN)",
                ));
            }
            if channels.iter().any(|other| other.id == channel.id) {
                return Err(DemoError::dataset(
                    format!("{at}.id"),
                    format!("duplicate channel {:?}", channel.id),
                ));
            }
            let roster = match (channel.members, channel.generate) {
                (Some(members), None) => listed(members, &at)?,
                (None, Some(spec)) => {
                    spec.validate().map_err(|(field, message)| {
                        DemoError::dataset(format!("{at}.generate.{field}"), message)
                    })?;
                    Roster::Generated(spec)
                }
                _ => {
                    return Err(DemoError::dataset(
                        at,
                        "needs exactly one of \"members\" and \"generate\"",
                    ));
                }
            };
            let arn = format!("{app}/channel/{}", channel.id);
            channels.push(Channel {
                id: channel.id,
                arn,
                roster,
            });
        }
        Ok(Dataset {
            app_instance_arn: app,
            admins,
            users,
            channels,
        })
    }

    /// The ARN of the dataset's app instance.
    pub fn app_instance_arn(&self) -> &str {
        &self.app_instance_arn
    }

    /// The ARNs of the dataset's channels, in file order.
    pub fn channel_arns(&self) -> Vec<String> {
        self.channels.iter().map(|c| c.arn.clone()).collect()
    }

    pub(super) fn channels(&self) -> &[Channel] {
        &self.channels
    }

    pub(super) fn channel(&self, arn: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.arn == arn)
    }

    /// The full ARN of member/user ID `id` (`user/alice`).
    pub(super) fn member_arn(&self, id: &str) -> String {
        format!("{}/{id}", self.app_instance_arn)
    }

    /// The ID (`user/alice`) of an ARN of this app instance's users or bots.
    pub(super) fn id_of<'a>(&self, arn: &'a str) -> Option<&'a str> {
        arn.strip_prefix(self.app_instance_arn.as_str())?
            .strip_prefix('/')
            .filter(|id| valid_member_id(id))
    }

    /// Whether `arn` names an AppInstanceUser or AppInstanceBot of the app instance.
    pub(super) fn is_user(&self, arn: &str) -> bool {
        self.id_of(arn).is_some_and(|id| {
            self.users.contains(id)
                || self.admins.contains(id)
                || self.channels.iter().any(|c| c.roster.find(id).is_some())
        })
    }

    pub(super) fn is_admin(&self, arn: &str) -> bool {
        self.id_of(arn).is_some_and(|id| self.admins.contains(id))
    }
}

fn listed(members: Vec<Member>, at: &str) -> Result<Roster, DemoError> {
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
    }
    Ok(Roster::Listed { members, index })
}

fn id_set(ids: Vec<String>, field: &str) -> Result<HashSet<String>, DemoError> {
    let mut set = HashSet::with_capacity(ids.len());
    for (i, id) in ids.into_iter().enumerate() {
        if !valid_member_id(&id) {
            return Err(DemoError::dataset(
                format!("{field}[{i}]"),
                "expected \"user/ID\" or \"bot/ID\"",
            ));
        }
        set.insert(id);
    }
    Ok(set)
}

fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// `user/ID` or `bot/ID` with an ID of 1..=64 letters, digits or `-_.@`.
pub(super) fn valid_member_id(id: &str) -> bool {
    match id.split_once('/') {
        Some(("user" | "bot", rest)) => {
            (1..=64).contains(&rest.len())
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.@".contains(&b))
        }
        _ => false,
    }
}
