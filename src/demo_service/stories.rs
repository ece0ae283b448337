//! The demo's push-path stories: for each demo member (on one channel,
//! with or without a message), what every link of the push path says and
//! what `chime-prefs diagnose` must conclude, by issue 10's rules, when
//! it is given `--admin-arn` [`DEMO_ADMIN_ARN`]. The data behind each
//! row is in `assets/demo-data.json`; a test reads every row back from the
//! running service and checks that the facts give the verdict below.
//!
//! All ARNs are under [`APP_INSTANCE_ARN`](super::APP_INSTANCE_ARN)
//! (`arn:aws:chime:us-east-1:111122223333:app-instance/demo`); channel
//! `support` is `…/channel/support`, member `user/alice` is `…/user/alice`.
//!
//! | Member | Channel | Message | Facts | Verdict |
//! |---|---|---|---|---|
//! | alice | support | | ALL; iPhone (APNS, with VoIP) and Pixel (GCM), both ACTIVE | yes |
//! | erin | support | | never set (the documented default); Pixel ACTIVE | yes |
//! | hidden | support | | ALL; a HIDDEN membership; Android ACTIVE | yes |
//! | flaky | support | | 429, 429, then ALL; Android ACTIVE | yes (after retries) |
//! | sandy | mobile | | ALL; one APNS_SANDBOX iPhone, ACTIVE (development builds only) | yes (endpoints warn) |
//! | wes | mobile | | ALL; iPhone ACTIVE; old Android INACTIVE (INVALID_DEVICE_TOKEN); tablet muted | yes (endpoints warn) |
//! | busy | project-007 | | ALL; iPhone ACTIVE; old Pixel INACTIVE (INVALID_DEVICE_TOKEN) | yes (endpoints warn) |
//! | alice | announcements | | never set; a HIDDEN membership | yes |
//! | bob | support | | NONE | no: preferences |
//! | alice | random | | NONE (muted on this channel only) | no: preferences |
//! | ines | mobile | | ALL; only device INACTIVE, INVALID_DEVICE_TOKEN | no: endpoints |
//! | pete | mobile | | ALL; only device INACTIVE, INVALID_PINPOINT_ARN | no: endpoints |
//! | mona | mobile | | ALL; only device muted (AllowMessages NONE) | no: endpoints |
//! | rhea | mobile | | ALL; only device's Pinpoint app in eu-west-1, not us-east-1 | no: pinpoint-app |
//! | nico | mobile | | ALL; no endpoints at all | no: endpoints |
//! | mallory | support | | banned by user/admin on 2025-01-06 (so no membership: 404; preferences 403) | no: ban |
//! | outsider | support | | not a member (DescribeChannelMembership 404); iPhone ACTIVE | no: membership |
//! | frank | support | | FILTERED with a rule that is not JSON | no: filter-rule |
//! | carol | support | | FILTERED `{"mention":["carol"]}` | depends |
//! | carol | support | msg-mention-carol | `mention: [carol], type: [Conversation]` | yes |
//! | carol | support | msg-mention-bob-room | `mention: [bob], type: [Room]` | no: filter-rule |
//! | dave | support | | FILTERED `$or` of mention dave, type anything-but Room | depends |
//! | dave | support | msg-mention-dave-room | `mention: [dave], type: [Room]` | yes |
//! | dave | support | msg-mention-carol | `mention: [carol], type: [Conversation]` | yes |
//! | dave | support | msg-mention-bob-room | `mention: [bob], type: [Room]` | no: filter-rule |
//! | hostile | support | | FILTERED; terminal escapes in its name, rule and device name | depends |
//! | alice | design | | FILTERED `{"mention":["alice"]}` | depends |
//! | alice | design | msg-design-review | `mention: [alice, carol], type: [Conversation]` | yes |
//! | alice | design | msg-design-digest | `mention: [carol], type: [Digest]` | no: filter-rule |
//! | gina | mobile | | ALL; only device's app has its GCM channel on the legacy FCM server key | no: push-channels |
//! | dora | mobile | | ALL; only device's APNs channel is disabled | no: push-channels |
//! | sam | mobile | | ALL; an APNS_SANDBOX iPhone, its app has only a production APNs channel | no: push-channels |
//! | del | mobile | | ALL; only device's Pinpoint app was deleted (GetApp 404) | no: pinpoint-app |
//! | tess | mobile | | ALL; an iPhone through a healthy app; an Android cut by its archived GCM channel | yes (push-channels warns) |
//! | pia | mobile | | ALL; IAM denies the Pinpoint calls on her device's app | unknown |
//! | ivy | mobile | | ALL; IAM denies the identity calls (403 AccessDeniedException) | unknown |
//! | triage | support | | a bot: ListAppInstanceUserEndpoints answers 404 | unknown |
//! | throttled | support | | preferences: 429 always | unknown |
//! | outage | support | | preferences: 503 always | unknown |
//! | failure | support | | preferences: 500 always | unknown |
//! | teapot | support | | preferences: 418 TeapotException | unknown |
//! | no-error-type | support | | preferences: 403 without x-amzn-ErrorType | unknown |
//! | garbage | support | | preferences: 200 with an HTML body | unknown |
//!
//! Behind the device, every member's device names a Pinpoint app
//! (`pinpoint_apps` in the data): the default one, Demo Chat, has every
//! channel on token credentials, and the role
//! `ServiceRoleForAmazonChimePushNotification` trusts
//! `messaging.chime.amazonaws.com` and may send to every app of the
//! account. The account-wide role stories are in [`ROLE_STORIES`]: IAM reads
//! roles in the credentials' account, so each is told by the access key ID
//! the caller signs with (`AWS_ACCESS_KEY_ID`), leaving the stories above
//! as they are:
//!
//! | Access key ID | Member | Channel | Role | Verdict |
//! |---|---|---|---|---|
//! | AKIDEMOROLEMISSING01 | alice | support | no role of that name | no: service-role |
//! | AKIDEMOROLETRUST01 | alice | support | trusts chime.amazonaws.com, not messaging.chime.amazonaws.com | no: service-role |
//! | AKIDEMOROLENOPERM01 | alice | support | may not SendMessages (implicitDeny) | no: role-permission |
//! | AKIDEMONOSIMULATE01 | alice | support | SimulatePrincipalPolicy refused; the policies read allow it | yes |
//!
//! Not stories, because Chime does not document what they mean:
//! `mystery` (AllowNotifications SOMETIMES), `double` (a double-encoded
//! rule), `filtered-no-rule` (FILTERED without a rule); and `slow`, which
//! answers after 120 s. Each has an ACTIVE Android all the same.
//!
//! Other facts: `user/busy` (Bea Busy) belongs to the 300 channels
//! `project-001` … `project-300` ([`BUSY_MEMBER_ARN`]); on channel `n` her
//! preferences are NONE for `n % 20` in 0..=2, FILTERED for 3..=5, never
//! set for 6, ALL otherwise, and every 100th membership is HIDDEN. alice
//! belongs to support and mobile (ALL), random (NONE), design (FILTERED)
//! and announcements (never set, HIDDEN). Moderators: `bot/triage` on
//! support, `user/th-00001` on town-hall. Device tokens start with
//! [`TOKEN_MARKER`](super::TOKEN_MARKER).

/// The demo's AppInstanceAdmin, for `--admin-arn`.
pub const DEMO_ADMIN_ARN: &str =
    "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/admin";

/// The demo member of 300 channels (`project-001` … `project-300`).
pub const BUSY_MEMBER_ARN: &str =
    "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/busy";

/// What a diagnosis should conclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedPush {
    Yes,
    /// No push: the check (by its id, such as `endpoints`) that blocks it.
    No(&'static str),
    Depends,
    Unknown,
}

impl ExpectedPush {
    /// `yes`, `no`, `depends` or `unknown`, as `diagnose --output json` says it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExpectedPush::Yes => "yes",
            ExpectedPush::No(_) => "no",
            ExpectedPush::Depends => "depends",
            ExpectedPush::Unknown => "unknown",
        }
    }

    /// The blocking check's id, for `no`.
    pub fn blocking_check(self) -> Option<&'static str> {
        match self {
            ExpectedPush::No(check) => Some(check),
            _ => None,
        }
    }
}

/// One row of the table above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Story {
    /// The member's ID under the app instance, e.g. `user/alice`.
    pub member: &'static str,
    /// The channel's ID, e.g. `support`.
    pub channel: &'static str,
    /// A message of that channel, for `--message-id`.
    pub message_id: Option<&'static str>,
    /// The verdict with `--admin-arn` [`DEMO_ADMIN_ARN`].
    pub push: ExpectedPush,
    /// What the links say, in one line.
    pub facts: &'static str,
}

impl Story {
    /// The member's short name (`alice`).
    pub fn name(&self) -> &'static str {
        self.member
            .split_once('/')
            .map_or(self.member, |(_, name)| name)
    }

    pub fn member_arn(&self) -> String {
        format!("{}/{}", super::APP_INSTANCE_ARN, self.member)
    }

    pub fn channel_arn(&self) -> String {
        format!("{}/channel/{}", super::APP_INSTANCE_ARN, self.channel)
    }
}

const fn story(
    member: &'static str,
    channel: &'static str,
    message_id: Option<&'static str>,
    push: ExpectedPush,
    facts: &'static str,
) -> Story {
    Story {
        member,
        channel,
        message_id,
        push,
        facts,
    }
}

use ExpectedPush::{Depends, No, Unknown, Yes};

/// Every row of the table above, in its order.
#[rustfmt::skip]
pub const STORIES: &[Story] = &[
    story("user/alice", "support", None, Yes, "ALL; an iPhone and an Android, both active"),
    story("user/erin", "support", None, Yes, "never set (the documented default); an active Android"),
    story("user/hidden", "support", None, Yes, "ALL; a HIDDEN membership; an active Android"),
    story("user/flaky", "support", None, Yes, "429, 429, then ALL; an active Android"),
    story("user/sandy", "mobile", None, Yes, "ALL; one APNS_SANDBOX iPhone (development builds only)"),
    story("user/wes", "mobile", None, Yes, "ALL; an active iPhone, an inactive Android, a muted tablet"),
    story("user/busy", "project-007", None, Yes, "ALL; an active iPhone and an inactive Android"),
    story("user/alice", "announcements", None, Yes, "never set; a HIDDEN membership"),
    story("user/bob", "support", None, No("preferences"), "NONE"),
    story("user/alice", "random", None, No("preferences"), "NONE on this channel only"),
    story("user/ines", "mobile", None, No("endpoints"), "only device INACTIVE: INVALID_DEVICE_TOKEN"),
    story("user/pete", "mobile", None, No("endpoints"), "only device INACTIVE: INVALID_PINPOINT_ARN"),
    story("user/mona", "mobile", None, No("endpoints"), "only device muted (AllowMessages NONE)"),
    story("user/rhea", "mobile", None, No("pinpoint-app"), "only device's Pinpoint app is in eu-west-1"),
    story("user/nico", "mobile", None, No("endpoints"), "no endpoints at all"),
    story("user/mallory", "support", None, No("ban"), "banned by user/admin (no membership, preferences 403)"),
    story("user/outsider", "support", None, No("membership"), "not a member of the channel"),
    story("user/frank", "support", None, No("filter-rule"), "FILTERED with a rule that is not JSON"),
    story("user/carol", "support", None, Depends, "FILTERED: mention carol"),
    story("user/carol", "support", Some("msg-mention-carol"), Yes, "the message mentions carol"),
    story("user/carol", "support", Some("msg-mention-bob-room"), No("filter-rule"), "the message mentions bob"),
    story("user/dave", "support", None, Depends, "FILTERED: mention dave, or type anything but Room"),
    story("user/dave", "support", Some("msg-mention-dave-room"), Yes, "the message mentions dave"),
    story("user/dave", "support", Some("msg-mention-carol"), Yes, "the message's type is Conversation"),
    story("user/dave", "support", Some("msg-mention-bob-room"), No("filter-rule"), "mentions bob, type Room"),
    story("user/hostile", "support", None, Depends, "FILTERED; terminal escapes in name, rule and device"),
    story("user/alice", "design", None, Depends, "FILTERED: mention alice"),
    story("user/alice", "design", Some("msg-design-review"), Yes, "the message mentions alice"),
    story("user/alice", "design", Some("msg-design-digest"), No("filter-rule"), "the message mentions carol only"),
    story("user/gina", "mobile", None, No("push-channels"), "GCM channel on the legacy FCM server key"),
    story("user/dora", "mobile", None, No("push-channels"), "only device's APNs channel is disabled"),
    story("user/sam", "mobile", None, No("push-channels"), "APNS_SANDBOX iPhone, no sandbox channel"),
    story("user/del", "mobile", None, No("pinpoint-app"), "only device's Pinpoint app was deleted"),
    story("user/tess", "mobile", None, Yes, "an iPhone; an Android cut by an archived channel"),
    story("user/pia", "mobile", None, Unknown, "IAM denies the Pinpoint calls on her app"),
    story("user/ivy", "mobile", None, Unknown, "IAM denies the identity calls"),
    story("bot/triage", "support", None, Unknown, "a bot: its endpoints cannot be listed (404)"),
    story("user/throttled", "support", None, Unknown, "preferences: 429 always"),
    story("user/outage", "support", None, Unknown, "preferences: 503 always"),
    story("user/failure", "support", None, Unknown, "preferences: 500 always"),
    story("user/teapot", "support", None, Unknown, "preferences: 418 TeapotException"),
    story("user/no-error-type", "support", None, Unknown, "preferences: 403 without x-amzn-ErrorType"),
    story("user/garbage", "support", None, Unknown, "preferences: 200 with an HTML body"),
];

/// An account-wide role story: told by the access key ID the caller signs
/// with, which picks the demo's IAM world (see the second table above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleStory {
    /// For `AWS_ACCESS_KEY_ID`.
    pub access_key_id: &'static str,
    pub story: Story,
}

/// Every row of the role table above, in its order.
#[rustfmt::skip]
pub const ROLE_STORIES: &[RoleStory] = &[
    RoleStory { access_key_id: "AKIDEMOROLEMISSING01", story: story("user/alice", "support", None, No("service-role"), "no role ServiceRoleForAmazonChimePushNotification") },
    RoleStory { access_key_id: "AKIDEMOROLETRUST01", story: story("user/alice", "support", None, No("service-role"), "the role trusts chime.amazonaws.com, not messaging.chime") },
    RoleStory { access_key_id: "AKIDEMOROLENOPERM01", story: story("user/alice", "support", None, No("role-permission"), "the role may not SendMessages on the app") },
    RoleStory { access_key_id: "AKIDEMONOSIMULATE01", story: story("user/alice", "support", None, Yes, "simulation refused; the role's policies allow SendMessages") },
];
