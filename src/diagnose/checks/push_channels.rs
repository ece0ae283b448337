//! `push-channels`: the channel each device's type needs (APNS,
//! APNS_SANDBOX or GCM) exists on its app, is enabled, is not archived and
//! holds a credential that still works: a GCM channel on the legacy FCM
//! server key does not (Google shut that API down in 2024).

use std::time::{Duration, SystemTime};

use super::{Device, Judged, Link, answered, failed, not_asked};
use crate::diagnose::check::{Check, CheckId, Status};
use crate::diagnose::facts::{Fact, Facts};
use crate::error::ErrorKind;
use crate::model::{AuthenticationMethod, PinpointAppRef, PushChannel, PushChannelKind};
use crate::operation::Operation;

pub const ID: &str = "push-channels";
pub const TITLE: &str = "Push channels";

/// An APNs certificate this old may have expired (they last a year): an
/// inference, said as one.
const CERTIFICATE_AGE: Duration = Duration::from_secs(335 * 24 * 3600);

const LEGACY: &str = "on the legacy FCM server key: Google shut the legacy FCM API down in 2024, and Pinpoint answers PERMANENT_FAILURE \"FCM is rejecting requests because of deprecation of the legacy API\"";

fn operation(kind: PushChannelKind) -> Operation {
    match kind {
        PushChannelKind::Apns => Operation::GetApnsChannel,
        PushChannelKind::ApnsSandbox => Operation::GetApnsSandboxChannel,
        PushChannelKind::Gcm => Operation::GetGcmChannel,
    }
}

/// How the channel's kind is named in findings.
fn name(kind: PushChannelKind) -> &'static str {
    match kind {
        PushChannelKind::Apns => "APNS",
        PushChannelKind::ApnsSandbox => "APNS sandbox",
        PushChannelKind::Gcm => "GCM (FCM)",
    }
}

/// Which build a device of this kind runs, for the sandbox mix-ups.
fn build(kind: PushChannelKind) -> &'static str {
    match kind {
        PushChannelKind::Apns => "an App Store or TestFlight build (APNS token)",
        PushChannelKind::ApnsSandbox => "a development build (APNS_SANDBOX token)",
        PushChannelKind::Gcm => "an Android build (FCM token)",
    }
}

#[derive(Default)]
struct Seen {
    legacy: bool,
    key_default: bool,
    missing: bool,
    sandbox_mixup: bool,
    disabled: bool,
    archived: bool,
    no_credential: bool,
    certificate: bool,
}

pub(super) fn judge(facts: &Facts, devices: &[Device<'_>]) -> Judged {
    let mut check = Check::new(CheckId::PushChannels, Status::Pass, String::new());
    let mut shown: Vec<(PinpointAppRef, PushChannelKind)> = Vec::new();
    let mut seen = Seen::default();
    let mut outcomes = Vec::new();
    for d in devices {
        let Some(app) = &d.app else {
            outcomes.push(Link::Unknown(
                "no Pinpoint app to read the channels of".to_string(),
            ));
            continue;
        };
        let Some(kind) = d.channel else {
            outcomes.push(Link::Unknown(format!(
                "endpoint type {} names no push channel this version knows",
                d.endpoint.kind.as_ref().map_or("(none)", |k| k.as_wire())
            )));
            continue;
        };
        let key = (app.clone(), kind);
        let first = !shown.contains(&key);
        if first {
            shown.push(key.clone());
        }
        let op = operation(kind);
        let outcome = match facts.channels.get(&key) {
            None => not_asked(&mut check, op, None),
            Some(Fact::Pending) => {
                // While pending, the check names the call it waits on.
                answered(&mut check, op, None);
                Link::Pending
            }
            Some(Fact::NotAsked(why)) => not_asked(&mut check, op, Some(why)),
            Some(Fact::Failed(e)) if e.kind == ErrorKind::NotFound => {
                answered(&mut check, op, e.request_id.as_ref());
                missing(facts, app, kind, &mut seen)
            }
            Some(Fact::Failed(e)) => failed(&mut check, e),
            Some(Fact::Known {
                value: None,
                request_id,
            }) => {
                answered(&mut check, op, request_id.as_ref());
                missing(facts, app, kind, &mut seen)
            }
            Some(Fact::Known {
                value: Some(channel),
                request_id,
            }) => {
                answered(&mut check, op, request_id.as_ref());
                if first {
                    check = check.evidence(
                        &format!("{} channel of {}", kind.platform(), app.app_id),
                        evidence(channel),
                    );
                }
                judge_channel(channel, kind, facts.read_at, &mut seen)
            }
        };
        if first
            && matches!(outcome, Link::Cut(_))
            && !matches!(
                facts.channels.get(&key),
                Some(Fact::Known { value: Some(_), .. })
            )
        {
            check = check.evidence(
                &format!("{} channel of {}", kind.platform(), app.app_id),
                "NotFound",
            );
        }
        outcomes.push(outcome);
    }
    let names: Vec<String> = shown
        .iter()
        .map(|(app, kind)| format!("{} ({})", name(*kind), app.app_id))
        .collect();
    check.finding = format!(
        "enabled, not archived, with working credentials: {}",
        names.join(", ")
    );
    advise(&mut check, &seen);
    Judged { check, outcomes }
}

/// No such channel on the app.
fn missing(facts: &Facts, app: &PinpointAppRef, kind: PushChannelKind, seen: &mut Seen) -> Link {
    seen.missing = true;
    let other = match kind {
        PushChannelKind::Apns => Some(PushChannelKind::ApnsSandbox),
        PushChannelKind::ApnsSandbox => Some(PushChannelKind::Apns),
        PushChannelKind::Gcm => None,
    };
    let mut why = format!("app {} has no {} channel", app.app_id, name(kind));
    if let Some(other) = other {
        seen.sandbox_mixup = true;
        why.push_str(&format!(
            ", and this device is {}, which only that channel reaches",
            build(kind)
        ));
        if let Some(Fact::Known { value: Some(_), .. }) = facts.channels.get(&(app.clone(), other))
        {
            why.push_str(&format!(" (the app has only the {} channel)", name(other)));
        }
    }
    Link::Cut(why)
}

fn judge_channel(
    c: &PushChannel,
    kind: PushChannelKind,
    read_at: Option<SystemTime>,
    seen: &mut Seen,
) -> Link {
    let which = name(kind);
    match c.enabled {
        Some(true) => {}
        Some(false) => {
            seen.disabled = true;
            return Link::Cut(format!("the {which} channel is disabled"));
        }
        None => {
            return Link::Unknown(format!(
                "the service did not say whether the {which} channel is enabled"
            ));
        }
    }
    if c.is_archived == Some(true) {
        seen.archived = true;
        return Link::Cut(format!("the {which} channel is archived"));
    }
    if let Some(AuthenticationMethod::Unknown(v)) = &c.default_authentication_method {
        return Link::Unknown(format!(
            "DefaultAuthenticationMethod is {v:?}, a value this version does not know"
        ));
    }
    let method = c.default_authentication_method.as_ref();
    if kind == PushChannelKind::Gcm {
        return match (c.has_fcm_service_credentials, method) {
            (Some(true), Some(AuthenticationMethod::Token)) => Link::Holds,
            (Some(true), _) => {
                seen.key_default = true;
                Link::HoldsIf(format!(
                    "the {which} channel holds FCM v1 credentials, but DefaultAuthenticationMethod is still KEY (the legacy server key)"
                ))
            }
            (_, Some(AuthenticationMethod::Token)) => {
                seen.no_credential = true;
                Link::Cut(format!(
                    "the {which} channel is set to TOKEN but holds no FCM v1 service-account credentials"
                ))
            }
            _ if c.has_credential == Some(false) => {
                seen.no_credential = true;
                Link::Cut(format!("the {which} channel holds no credential"))
            }
            _ => {
                seen.legacy = true;
                Link::Cut(format!("the {which} channel is {LEGACY}"))
            }
        };
    }
    let has = |v: Option<bool>| v == Some(true);
    if !(has(c.has_token_key) || has(c.has_credential)) {
        if c.has_token_key.is_none() && c.has_credential.is_none() {
            return Link::Unknown(format!(
                "the service did not say whether the {which} channel holds a credential"
            ));
        }
        seen.no_credential = true;
        return Link::Cut(format!(
            "the {which} channel holds no credential (no token key, no certificate)"
        ));
    }
    if method == Some(&AuthenticationMethod::Certificate)
        && let (Some(now), Some(modified)) = (read_at, c.last_modified.as_deref())
        && let Ok(at) = humantime::parse_rfc3339_weak(modified.trim())
        && now
            .duration_since(at)
            .is_ok_and(|age| age >= CERTIFICATE_AGE)
    {
        seen.certificate = true;
        let months = now
            .duration_since(at)
            .map_or(0, |age| age.as_secs() / (30 * 24 * 3600));
        return Link::HoldsIf(format!(
            "inference: the {which} channel's certificate was last changed {months} months ago ({modified}); APNs certificates expire after a year, and no field says whether this one has"
        ));
    }
    Link::Holds
}

/// One evidence line per channel: never a credential, only what kind.
fn evidence(c: &PushChannel) -> String {
    let flag = |v: Option<bool>| v.map_or("(not returned)".to_string(), |b| b.to_string());
    let credential = match c.kind {
        PushChannelKind::Gcm => match (c.has_fcm_service_credentials, c.has_credential) {
            (Some(true), _) => "FCM v1 service-account credentials",
            (_, Some(true)) => "legacy server key only",
            _ => "none",
        },
        _ => match (
            c.has_token_key,
            c.has_credential,
            &c.default_authentication_method,
        ) {
            (Some(true), _, Some(AuthenticationMethod::Token)) => "token key (.p8)",
            (_, Some(true), Some(AuthenticationMethod::Certificate)) => "certificate (.p12)",
            (Some(true), _, _) => "token key (.p8)",
            (_, Some(true), _) => "certificate (.p12)",
            _ => "none",
        },
    };
    format!(
        "Enabled {}, IsArchived {}, DefaultAuthenticationMethod {}, credential: {credential}, LastModifiedDate {}",
        flag(c.enabled),
        flag(c.is_archived),
        c.default_authentication_method
            .as_ref()
            .map_or("(not returned)", |m| m.as_wire()),
        c.last_modified.as_deref().unwrap_or("(not returned)"),
    )
}

fn advise(check: &mut Check, seen: &Seen) {
    let mut add = |on: bool, line: &str| {
        if on {
            check.advice.push(line.to_string());
        }
    };
    add(
        seen.legacy,
        "Upload the Firebase service-account JSON key to the app's GCM channel (AWS End User Messaging push console, or UpdateGcmChannel with ServiceJson and DefaultAuthenticationMethod TOKEN): the legacy server key no longer sends anything.",
    );
    add(
        seen.key_default,
        "Set the GCM channel's DefaultAuthenticationMethod to TOKEN so that it sends with the FCM v1 credentials it already holds.",
    );
    add(
        seen.sandbox_mixup,
        "Development builds register APNS_SANDBOX tokens, App Store and TestFlight builds APNS tokens; each needs its own channel on the app. Add the missing channel (same .p8 key works for both), or register the endpoint with the type that matches the build.",
    );
    add(
        seen.missing && !seen.sandbox_mixup,
        "Add the missing push channel to the Pinpoint app, with credentials, and enable it.",
    );
    add(
        seen.disabled,
        "Enable the channel (UpdateApnsChannel / UpdateApnsSandboxChannel / UpdateGcmChannel with Enabled true).",
    );
    add(
        seen.archived,
        "The channel is archived: set it up again with fresh credentials.",
    );
    add(
        seen.no_credential,
        "Upload a credential to the channel: an APNs token key (.p8) or certificate, or the FCM service-account JSON.",
    );
    add(
        seen.certificate,
        "This is an inference from LastModifiedDate: check the certificate's expiry in the Apple developer account, or switch the channel to a token key (.p8), which does not expire.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::checks::tests::*;

    fn gcm(change: impl Fn(&mut PushChannel) + 'static) -> Box<dyn Fn(&mut Facts)> {
        Box::new(move |f| with_channel(f, PushChannelKind::Gcm, &change))
    }

    fn apns(change: impl Fn(&mut PushChannel) + 'static) -> Box<dyn Fn(&mut Facts)> {
        Box::new(move |f| with_channel(f, PushChannelKind::Apns, &change))
    }

    /// Only one device, of `kind`, so a cut is a fail.
    fn only(kind: EndpointType, change: Box<dyn Fn(&mut Facts)>) -> Box<dyn Fn(&mut Facts)> {
        Box::new(move |f| {
            f.endpoints = known(vec![endpoint("only", kind.clone(), PINPOINT)]);
            healthy_setup(f);
            change(f);
        })
    }

    #[test]
    fn channel_rules() {
        let rows: Vec<Row> = vec![
            (
                "healthy",
                Box::new(|_| {}),
                Status::Pass,
                "APNS (abc123), GCM (FCM) (abc123)",
            ),
            (
                "GCM on the legacy key",
                only(
                    EndpointType::Gcm,
                    gcm(|c| {
                        c.has_fcm_service_credentials = Some(false);
                        c.default_authentication_method = Some(AuthenticationMethod::Key);
                    }),
                ),
                Status::Fail,
                "legacy FCM server key: Google shut the legacy FCM API down in 2024",
            ),
            (
                "GCM, FCM v1 absent and method absent",
                only(
                    EndpointType::Gcm,
                    gcm(|c| {
                        c.has_fcm_service_credentials = None;
                        c.default_authentication_method = None;
                    }),
                ),
                Status::Fail,
                "legacy FCM server key",
            ),
            (
                "GCM with FCM v1 but default KEY: warn",
                only(
                    EndpointType::Gcm,
                    gcm(|c| c.default_authentication_method = Some(AuthenticationMethod::Key)),
                ),
                Status::Warn,
                "still KEY",
            ),
            (
                "GCM TOKEN without FCM v1 credentials",
                only(
                    EndpointType::Gcm,
                    gcm(|c| c.has_fcm_service_credentials = Some(false)),
                ),
                Status::Fail,
                "holds no FCM v1",
            ),
            (
                "disabled",
                only(EndpointType::Apns, apns(|c| c.enabled = Some(false))),
                Status::Fail,
                "the APNS channel is disabled",
            ),
            (
                "enabled not returned",
                only(EndpointType::Apns, apns(|c| c.enabled = None)),
                Status::Unknown,
                "did not say whether the APNS channel is enabled",
            ),
            (
                "archived",
                only(EndpointType::Apns, apns(|c| c.is_archived = Some(true))),
                Status::Fail,
                "archived",
            ),
            (
                "no credential",
                only(
                    EndpointType::Apns,
                    apns(|c| {
                        c.has_token_key = Some(false);
                        c.has_credential = Some(false);
                    }),
                ),
                Status::Fail,
                "holds no credential",
            ),
            (
                "an unknown auth method",
                only(
                    EndpointType::Apns,
                    apns(|c| {
                        c.default_authentication_method =
                            Some(AuthenticationMethod::Unknown("PASSKEY".into()))
                    }),
                ),
                Status::Unknown,
                "\"PASSKEY\"",
            ),
            (
                "no channel (404)",
                only(
                    EndpointType::Gcm,
                    Box::new(|f| {
                        f.channels.insert(
                            (app_ref(PINPOINT), PushChannelKind::Gcm),
                            Fact::Failed(err(Operation::GetGcmChannel, ErrorKind::NotFound)),
                        );
                    }),
                ),
                Status::Fail,
                "app abc123 has no GCM (FCM) channel",
            ),
            (
                "sandbox device, only production",
                Box::new(|f| {
                    f.endpoints = known(vec![endpoint("dev", EndpointType::ApnsSandbox, PINPOINT)]);
                    healthy_setup(f);
                    f.channels.insert(
                        (app_ref(PINPOINT), PushChannelKind::ApnsSandbox),
                        known(None),
                    );
                    f.channels.insert(
                        (app_ref(PINPOINT), PushChannelKind::Apns),
                        known(Some(channel(PushChannelKind::Apns))),
                    );
                }),
                Status::Fail,
                "app abc123 has no APNS sandbox channel, and this device is a development build (APNS_SANDBOX token), which only that channel reaches (the app has only the APNS channel)",
            ),
            (
                "production device, no production channel",
                only(
                    EndpointType::Apns,
                    Box::new(|f| {
                        f.channels
                            .insert((app_ref(PINPOINT), PushChannelKind::Apns), known(None));
                    }),
                ),
                Status::Fail,
                "an App Store or TestFlight build",
            ),
            (
                "one of two cut: warn naming it",
                gcm(|c| c.enabled = Some(false)),
                Status::Warn,
                "1 of 2 devices pass; would not reach pixel-phone (GCM): the GCM (FCM) channel is disabled",
            ),
            (
                "our IAM denies GetGcmChannel",
                only(
                    EndpointType::Gcm,
                    Box::new(|f| {
                        f.channels.insert(
                            (app_ref(PINPOINT), PushChannelKind::Gcm),
                            Fact::Failed(err(Operation::GetGcmChannel, ErrorKind::AccessDenied)),
                        );
                    }),
                ),
                Status::Unknown,
                "GetGcmChannel failed",
            ),
            (
                "an endpoint type this version does not know",
                Box::new(|f| {
                    f.endpoints = known(vec![endpoint(
                        "web",
                        EndpointType::Unknown("WEB".into()),
                        PINPOINT,
                    )]);
                    healthy_setup(f);
                }),
                // Unknown at the endpoints check: it never reaches this link.
                Status::Skipped,
                "no device reaches this link",
            ),
        ];
        for (name, change, status, finding) in rows {
            let c = check_of(CheckId::PushChannels, change);
            assert_eq!(c.status, status, "{name}: {}", c.finding);
            assert!(c.finding.contains(finding), "{name}: {}", c.finding);
            if matches!(status, Status::Fail | Status::Warn) {
                assert!(!c.advice.is_empty(), "{name}: says what to do");
            }
        }
    }

    #[test]
    fn an_old_certificate_is_an_inference_warn() {
        let old = |f: &mut Facts| {
            with_channel(f, PushChannelKind::Apns, |c| {
                c.default_authentication_method = Some(AuthenticationMethod::Certificate);
                c.has_token_key = Some(false);
                c.last_modified = Some("2025-08-01T10:00:00.000Z".into());
            })
        };
        let c = check_of(CheckId::PushChannels, old);
        assert_eq!(c.status, Status::Warn, "{}", c.finding);
        assert!(c.finding.starts_with("inference: "), "{}", c.finding);
        assert!(c.advice.iter().any(|a| a.contains("inference")));
        // Without a clock, no inference.
        let c = check_of(CheckId::PushChannels, move |f| {
            old(f);
            f.read_at = None;
        });
        assert_eq!(c.status, Status::Pass, "{}", c.finding);
    }

    #[test]
    fn evidence_says_what_kind_of_credential_and_never_more() {
        let c = check_of(CheckId::PushChannels, |_| {});
        let apns = c
            .evidence
            .iter()
            .find(|(k, _)| k == "APNS channel of abc123")
            .expect("evidence");
        assert!(
            apns.1.contains("DefaultAuthenticationMethod TOKEN"),
            "{}",
            apns.1
        );
        assert!(apns.1.contains("token key (.p8)"), "{}", apns.1);
        assert!(apns.1.contains("LastModifiedDate 2026-06-01"), "{}", apns.1);
        assert_eq!(c.request_id.as_deref(), Some("req-1"));
    }
}
