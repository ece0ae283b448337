//! The demo dataset: who exists, which channels they are in, what their
//! push-notification preferences and devices are, who was banned, and what
//! was said.
//!
//! # File format (`assets/demo-data.json`, or the file given to `--data`)
//!
//! ```json
//! {
//!   "app_instance_arn": "arn:aws:chime:us-east-1:111122223333:app-instance/demo",
//!   "admins": ["user/admin"],              // AppInstanceAdmins: may list and read any channel
//!   "users":  ["user/admin", "user/x"],    // extra AppInstanceUsers/Bots (not in a channel)
//!   "iam_denied": ["user/ivy"],            // IAM denies every identity call on these users
//!   "pinpoint_app": "arn:aws:mobiletargeting:...:apps/ID", // default endpoint ResourceArn
//!   "endpoints": {                         // chime-sdk-identity AppInstanceUserEndpoints
//!     "user/alice": [
//!       { "id": "alice-iphone",            // EndpointId
//!         "name": "Alice's iPhone",
//!         "type": "APNS",                  // APNS | APNS_SANDBOX | GCM, verbatim
//!         "allow_messages": "ALL",         // default ALL
//!         "status": "ACTIVE",              // default ACTIVE
//!         "status_reason": null,           // INVALID_DEVICE_TOKEN | INVALID_PINPOINT_ARN
//!         "resource_arn": null,            // default: "pinpoint_app"
//!         "voip": true,                    // also a VoIP token
//!         "created": 1735689600 }          // optional, epoch seconds
//!     ]
//!   },
//!   "channels": [
//!     { "id": "support",                   // ARN: <app_instance_arn>/channel/support
//!       "name": "Support",                 // default: the ID
//!       "mode": "RESTRICTED",              // default UNRESTRICTED
//!       "privacy": "PRIVATE",              // default PUBLIC
//!       "metadata": "...",                 // optional
//!       "moderators": ["bot/triage"],      // may list HIDDEN members and read bans
//!       "created_by": "user/admin",        // default: the first admin
//!       "members": [
//!         { "id": "user/alice",            // "user/ID" or "bot/ID" under the app instance
//!           "name": "Alice Anders",        // optional Member.Name
//!           "allow": "FILTERED",           // AllowNotifications, verbatim (any text);
//!                                          // absent = never set (Preferences {})
//!           "filter_rule": "{\"mention\":[\"alice\"]}", // FilterRule text, verbatim
//!           "hidden": false,               // listed only with type=HIDDEN
//!           "banned": { "by": "user/admin", "at": 1736900000 }, // optional
//!           "fault": "throttled",          // optional, see model.rs and faults.rs
//!           "joined": 1735700000,          // optional, epoch seconds
//!           "note": "FILTERED",            // optional one-line demo-target note
//!           "demo": true }                 // false: left out of demo_targets()
//!       ],
//!       "messages": [
//!         { "id": "msg-1", "sender": "user/bob", "content": "hi @alice",
//!           "attributes": { "mention": ["alice"] }, "sent_at": 1736935200 }
//!       ] },
//!     { "id": "town-hall",
//!       "generate": { "count": 10000, "prefix": "user/th-", "digits": 5,
//!                     "name_prefix": "Town Hall Member ", "hidden_every": 500,
//!                     "filter_rule": "{\"mention\":[\"town-hall\"]}" } }
//!   ],
//!   "pinpoint_apps": [ ... ], "iam": [ ... ], // behind the device: see push_setup.rs
//!   "channel_series": [                    // see series.rs
//!     { "id_prefix": "project-", "count": 300, "digits": 3, "name_prefix": "Project ",
//!       "member": { "id": "user/busy", "name": "Bea Busy" }, "hidden_every": 100 }
//!   ]
//! }
//! ```
//!
//! Every channel member, moderator, user, admin and endpoint owner is an
//! AppInstanceUser (or Bot) of the app instance, so it may be used as
//! `x-amz-chime-bearer`. A banned member is kept in the file for its ban
//! (DescribeChannelBan names who banned it, and its preferences answer 403)
//! but, as in Chime, a ban ends the membership: ListChannelMemberships does
//! not list it, DescribeChannelMembership answers 404 and the member's own
//! membership list leaves the channel out. Unknown fields are rejected, so
//! typos show up as errors naming the line. See generate.rs for how
//! generated members get their preferences.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

pub(super) use super::channel::{Channel, Roster};
use super::dataset_checks::{
    check_id, check_messages, endpoints, id_list, id_set, listed, push_channel, region_and_account,
};
use super::error::DemoError;
use super::generate::GenerateSpec;
use super::model::{
    ChannelFacts, EPOCH, Endpoint, Member, Message, Mode, Privacy, valid_member_id,
};
use super::push_setup::{DemoApp, DemoIam, PushSetup};
use super::series::SeriesSpec;

const EMBEDDED: &str = include_str!("../../assets/demo-data.json");

/// The Pinpoint app of endpoints that name none, under the app instance's
/// region and account.
const DEFAULT_PINPOINT_APP_ID: &str = "5f8e2a9c41d74b0e9a3c6d1f2b7e8a90";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    app_instance_arn: String,
    #[serde(default)]
    admins: Vec<String>,
    #[serde(default)]
    users: Vec<String>,
    #[serde(default)]
    iam_denied: Vec<String>,
    #[serde(default)]
    pinpoint_app: Option<String>,
    #[serde(default)]
    endpoints: BTreeMap<String, Vec<Endpoint>>,
    channels: Vec<RawChannel>,
    #[serde(default)]
    channel_series: Vec<SeriesSpec>,
    /// Behind the device (push_setup.rs): the Pinpoint apps and IAM.
    #[serde(default)]
    pinpoint_apps: Option<Vec<DemoApp>>,
    #[serde(default)]
    iam: Option<Vec<DemoIam>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    mode: Mode,
    #[serde(default)]
    privacy: Privacy,
    #[serde(default)]
    metadata: Option<String>,
    #[serde(default)]
    moderators: Vec<String>,
    #[serde(default)]
    created_by: Option<String>,
    #[serde(default)]
    members: Option<Vec<Member>>,
    #[serde(default)]
    generate: Option<GenerateSpec>,
    #[serde(default)]
    messages: Vec<Message>,
}

/// The demo world: one app instance, its users, admins, devices and channels.
#[derive(Debug, Clone)]
pub struct Dataset {
    app_instance_arn: String,
    admins: HashSet<String>,
    /// Every user or bot the file names outside generated rosters.
    users: HashSet<String>,
    /// Names of listed members, for InvitedBy, CreatedBy and Sender.
    names: HashMap<String, String>,
    iam_denied: HashSet<String>,
    endpoints: HashMap<String, Vec<Endpoint>>,
    pinpoint_app: String,
    channels: Vec<Channel>,
    by_arn: HashMap<String, usize>,
    setup: PushSetup,
}

impl Dataset {
    /// The dataset shipped in `assets/demo-data.json`.
    #[allow(
        clippy::expect_used,
        reason = "the embedded file is part of the program, checked by a unit test"
    )]
    pub fn embedded() -> Dataset {
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
        let Some((region, account)) = region_and_account(&app) else {
            return Err(DemoError::dataset(
                "app_instance_arn",
                "expected arn:aws:chime:REGION:ACCOUNT:app-instance/ID",
            ));
        };
        let pinpoint_app = raw.pinpoint_app.unwrap_or_else(|| {
            format!("arn:aws:mobiletargeting:{region}:{account}:apps/{DEFAULT_PINPOINT_APP_ID}")
        });
        let setup = PushSetup::new(raw.pinpoint_apps, raw.iam, &pinpoint_app, account)?;
        let admins = id_set(raw.admins, "admins")?;
        let mut users = id_set(raw.users, "users")?;
        let iam_denied = id_set(raw.iam_denied, "iam_denied")?;
        users.extend(admins.iter().cloned());
        users.extend(iam_denied.iter().cloned());
        let endpoints = endpoints(raw.endpoints)?;
        users.extend(endpoints.keys().cloned());
        let first_admin = {
            let mut sorted: Vec<&String> = admins.iter().collect();
            sorted.sort();
            sorted.first().map(|a| a.to_string())
        };
        let mut channels: Vec<Channel> = Vec::with_capacity(raw.channels.len());
        let mut seen = HashSet::new();
        for (c, channel) in raw.channels.into_iter().enumerate() {
            let at = format!("channels[{c}]");
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
            let moderators = id_list(channel.moderators, &format!("{at}.moderators"))?;
            if let Some(by) = &channel.created_by {
                check_id(by, &format!("{at}.created_by"))?;
            }
            check_messages(&channel.messages, &at)?;
            let facts = ChannelFacts {
                name: channel.name.unwrap_or_else(|| channel.id.clone()),
                mode: channel.mode,
                privacy: channel.privacy,
                metadata: channel.metadata,
                moderators,
                created_by: channel.created_by.or_else(|| first_admin.clone()),
                created: EPOCH + 3600.0 * channels.len() as f64,
                messages: channel.messages,
            };
            push_channel(
                &mut channels,
                &mut seen,
                &app,
                channel.id,
                roster,
                facts,
                &at,
            )?;
        }
        for (s, series) in raw.channel_series.into_iter().enumerate() {
            let at = format!("channel_series[{s}]");
            series
                .validate()
                .map_err(|(field, message)| DemoError::dataset(format!("{at}.{field}"), message))?;
            for made in series.channels() {
                let facts = ChannelFacts {
                    name: made.name,
                    mode: series.mode,
                    privacy: series.privacy,
                    created_by: first_admin.clone(),
                    created: EPOCH + 3600.0 * channels.len() as f64,
                    ..ChannelFacts::default()
                };
                let roster = listed(vec![made.member], &at)?;
                push_channel(&mut channels, &mut seen, &app, made.id, roster, facts, &at)?;
            }
        }
        let mut names = HashMap::new();
        for channel in &channels {
            users.extend(channel.facts.moderators.iter().cloned());
            if let Roster::Listed { members, .. } = &channel.roster {
                for member in members {
                    users.insert(member.id.clone());
                    if let Some(name) = &member.name {
                        names
                            .entry(member.id.clone())
                            .or_insert_with(|| name.clone());
                    }
                }
            }
        }
        let by_arn = channels
            .iter()
            .enumerate()
            .map(|(i, c)| (c.arn.clone(), i))
            .collect();
        Ok(Dataset {
            app_instance_arn: app,
            admins,
            users,
            names,
            iam_denied,
            endpoints,
            pinpoint_app,
            channels,
            by_arn,
            setup,
        })
    }

    /// The Pinpoint apps and the IAM role behind the devices.
    pub(super) fn setup(&self) -> &PushSetup {
        &self.setup
    }

    /// The ARN of the dataset's app instance.
    pub fn app_instance_arn(&self) -> &str {
        &self.app_instance_arn
    }

    /// The ARNs of the dataset's channels, in file order (series last).
    pub fn channel_arns(&self) -> Vec<String> {
        self.channels.iter().map(|c| c.arn.clone()).collect()
    }

    pub(super) fn channels(&self) -> &[Channel] {
        &self.channels
    }

    pub(super) fn channel(&self, arn: &str) -> Option<&Channel> {
        self.by_arn.get(arn).and_then(|&i| self.channels.get(i))
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
                || self.channels.iter().any(|c| {
                    matches!(c.roster, Roster::Generated(_)) && c.roster.find(id).is_some()
                })
        })
    }

    pub(super) fn is_admin(&self, arn: &str) -> bool {
        self.id_of(arn).is_some_and(|id| self.admins.contains(id))
    }

    /// The member name of user `id` (from any listed channel), if it has one.
    pub(super) fn name_of(&self, id: &str) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }

    /// The AWS account of the app instance.
    pub(super) fn account(&self) -> &str {
        region_and_account(&self.app_instance_arn).map_or("", |(_, account)| account)
    }

    /// Whether IAM denies identity calls on user `id`.
    pub(super) fn iam_denies(&self, id: &str) -> bool {
        self.iam_denied.contains(id)
    }

    /// User `id`'s device endpoints, in file order.
    pub(super) fn endpoints(&self, id: &str) -> &[Endpoint] {
        self.endpoints.get(id).map_or(&[], Vec::as_slice)
    }

    /// The Pinpoint app of an endpoint that names none.
    pub(super) fn default_pinpoint_app(&self) -> &str {
        &self.pinpoint_app
    }

    /// The channels user `id` is a member of (bans excluded), in file order,
    /// with the membership.
    pub(super) fn memberships_of(&self, id: &str) -> Vec<(&Channel, Cow<'_, Member>)> {
        self.channels
            .iter()
            .filter_map(|c| c.membership(id).map(|m| (c, m)))
            .collect()
    }
}
