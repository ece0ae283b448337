//! Behind the device, in the demo: the Pinpoint apps device endpoints name
//! (with their push channels) and the IAM role Chime sends with.
//!
//! # File format (two top-level keys of the dataset)
//!
//! ```json
//! "pinpoint_apps": [
//!   { "arn": "arn:aws:mobiletargeting:us-east-1:111122223333:apps/ID",
//!     "name": "Demo Chat",
//!     "fault": "iam_denied",              // optional: IAM denies every Pinpoint call on it
//!     "channels": {                       // apns | apns_sandbox | gcm; absent = 404
//!       "gcm": { "enabled": true,         // default true
//!                "archived": false,       // default false
//!                "auth": "KEY",           // DefaultAuthenticationMethod, verbatim
//!                "has_credential": true, "has_token_key": null,
//!                "has_fcm_service_credentials": false,
//!                "credential": "...",     // GCM only: the legacy server key (a secret,
//!                                         // served as Credential like Pinpoint does)
//!                "last_modified": "2023-05-01T09:00:00.000Z", "version": 3 } } }
//! ],
//! "iam": [                                // IAM as the credentials see it
//!   { "access_key_id": null,              // null: every other key; else keys starting with it
//!     "simulate_denied": false,           // SimulatePrincipalPolicy answers AccessDenied
//!     "role": { "path": "/", "trust": { ...policy JSON... },
//!               "last_used": 1764000000, "last_used_region": "us-east-1",
//!               "inline": { "send": { ...policy JSON... } },
//!               "attached": [ { "arn": "arn:aws:iam::ACCOUNT:policy/X",
//!                               "version": "v2", "document": { ... } } ] } }
//! ]
//! ```
//!
//! Without `pinpoint_apps`, the default app (the endpoints' default
//! ResourceArn) exists with every channel on token credentials; without
//! `iam`, the role exists, trusts Chime and may send to every app. IAM reads
//! roles in the credentials' account: in the demo, the access key ID picks
//! which IAM world a caller sees (as `EXPIRED…` keys pick a credential
//! fault), so the account-wide role stories are told without breaking the
//! main ones. The simulator's answer is computed from the role's policies by
//! the same local evaluation chime-prefs falls back on.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::error::DemoError;

/// The name Chime requires.
pub(super) const ROLE_NAME: &str = "ServiceRoleForAmazonChimePushNotification";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoApp {
    pub arn: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub fault: Option<AppFault>,
    #[serde(default)]
    pub channels: BTreeMap<String, DemoChannel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum AppFault {
    /// IAM denies the caller every Pinpoint call on this app.
    IamDenied,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoChannel {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub auth: Option<String>,
    #[serde(default)]
    pub has_credential: Option<bool>,
    #[serde(default)]
    pub has_token_key: Option<bool>,
    #[serde(default)]
    pub has_fcm_service_credentials: Option<bool>,
    /// GCM's legacy server key: served, as Pinpoint serves it.
    #[serde(default)]
    pub credential: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoIam {
    #[serde(default)]
    pub access_key_id: Option<String>,
    #[serde(default)]
    pub simulate_denied: bool,
    #[serde(default)]
    pub role: Option<DemoRole>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoRole {
    #[serde(default = "root_path")]
    pub path: String,
    pub trust: Value,
    #[serde(default)]
    pub last_used: Option<i64>,
    #[serde(default)]
    pub last_used_region: Option<String>,
    #[serde(default)]
    pub inline: BTreeMap<String, Value>,
    #[serde(default)]
    pub attached: Vec<DemoAttached>,
}

fn root_path() -> String {
    "/".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoAttached {
    pub arn: String,
    pub version: String,
    pub document: Value,
}

/// The apps and IAM worlds of the dataset, checked.
#[derive(Debug, Clone)]
pub(super) struct PushSetup {
    apps: Vec<DemoApp>,
    iam: Vec<DemoIam>,
    account: String,
}

impl PushSetup {
    pub(super) fn new(
        apps: Option<Vec<DemoApp>>,
        iam: Option<Vec<DemoIam>>,
        default_app: &str,
        account: &str,
    ) -> Result<PushSetup, DemoError> {
        let apps = apps.unwrap_or_else(|| vec![healthy_app(default_app)]);
        for (i, app) in apps.iter().enumerate() {
            if app_id(&app.arn).is_none() {
                return Err(DemoError::dataset(
                    format!("pinpoint_apps[{i}].arn"),
                    "expected arn:aws:mobiletargeting:REGION:ACCOUNT:apps/ID",
                ));
            }
            for kind in app.channels.keys() {
                if !["apns", "apns_sandbox", "gcm"].contains(&kind.as_str()) {
                    return Err(DemoError::dataset(
                        format!("pinpoint_apps[{i}].channels.{kind}"),
                        "expected apns, apns_sandbox or gcm",
                    ));
                }
            }
        }
        let iam = iam.unwrap_or_else(|| vec![healthy_iam(account)]);
        for (i, world) in iam.iter().enumerate() {
            if let Some(role) = &world.role {
                for (name, document) in role
                    .inline
                    .iter()
                    .map(|(n, d)| (n.as_str(), d))
                    .chain(role.attached.iter().map(|a| (a.arn.as_str(), &a.document)))
                    .chain(std::iter::once(("trust", &role.trust)))
                {
                    crate::policy::PolicyDocument::from_value(document).map_err(|e| {
                        DemoError::dataset(format!("iam[{i}].role ({name})"), e.to_string())
                    })?;
                }
            }
        }
        Ok(PushSetup {
            apps,
            iam,
            account: account.to_string(),
        })
    }

    /// The app whose ID is `id`.
    pub(super) fn app(&self, id: &str) -> Option<&DemoApp> {
        self.apps.iter().find(|a| app_id(&a.arn) == Some(id))
    }

    /// The IAM world the access key `key` sees.
    pub(super) fn iam_for(&self, key: &str) -> Option<&DemoIam> {
        self.iam
            .iter()
            .find(|w| {
                w.access_key_id
                    .as_deref()
                    .is_some_and(|k| key.starts_with(k))
            })
            .or_else(|| self.iam.iter().find(|w| w.access_key_id.is_none()))
    }

    pub(super) fn account(&self) -> &str {
        &self.account
    }
}

/// The last segment of an app ARN.
pub(super) fn app_id(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:aws:mobiletargeting:")?;
    let (_, id) = rest.split_once(":apps/")?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

fn healthy_app(arn: &str) -> DemoApp {
    let channel = |fcm: bool| DemoChannel {
        enabled: true,
        archived: false,
        auth: Some("TOKEN".into()),
        has_credential: Some(true),
        has_token_key: (!fcm).then_some(true),
        has_fcm_service_credentials: fcm.then_some(true),
        credential: None,
        last_modified: Some("2025-06-02T09:00:00.000Z".into()),
        version: Some(1),
    };
    DemoApp {
        arn: arn.to_string(),
        name: Some("Demo Chat".into()),
        created: Some("2024-12-01T09:00:00.000Z".into()),
        fault: None,
        channels: BTreeMap::from([
            ("apns".into(), channel(false)),
            ("apns_sandbox".into(), channel(false)),
            ("gcm".into(), channel(true)),
        ]),
    }
}

fn healthy_iam(account: &str) -> DemoIam {
    DemoIam {
        access_key_id: None,
        simulate_denied: false,
        role: Some(DemoRole {
            path: root_path(),
            trust: json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "messaging.chime.amazonaws.com"},
                "Action": "sts:AssumeRole"}]}),
            last_used: None,
            last_used_region: None,
            inline: BTreeMap::from([(
                "send".to_string(),
                json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                    "Action": "mobiletargeting:SendMessages",
                    "Resource": format!("arn:aws:mobiletargeting:*:{account}:apps/*/messages")}]}),
            )]),
            attached: Vec::new(),
        }),
    }
}
