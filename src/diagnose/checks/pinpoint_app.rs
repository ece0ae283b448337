//! `pinpoint-app`: each app the devices use exists (GetApp), and is in the
//! app instance's account and region, as the Chime guide requires.

use super::{Device, Judged, Link, answered, failed, not_asked};
use crate::diagnose::check::{Check, CheckId, Status};
use crate::diagnose::facts::{Fact, Facts};
use crate::error::ErrorKind;
use crate::model::PinpointAppRef;
use crate::operation::Operation;

pub const ID: &str = "pinpoint-app";
pub const TITLE: &str = "Pinpoint app";

const OP: Operation = Operation::GetApp;

pub(super) fn judge(facts: &Facts, devices: &[Device<'_>]) -> Judged {
    let scope = &facts.scope;
    let mut check = Check::new(CheckId::PinpointApp, Status::Pass, String::new());
    let mut apps: Vec<&PinpointAppRef> = Vec::new();
    let mut outcomes = Vec::new();
    let mut gone = false;
    let mut elsewhere = false;
    for d in devices {
        let Some(app) = &d.app else {
            let arn = match &d.endpoint.resource_arn {
                Fact::Known {
                    value: Some(arn), ..
                } => arn.as_str(),
                _ => "(none)",
            };
            outcomes.push(Link::Unknown(format!(
                "its ResourceArn {arn} is not a Pinpoint app ARN (arn:aws:mobiletargeting:REGION:ACCOUNT:apps/ID)"
            )));
            continue;
        };
        let first = !apps.contains(&app);
        if first {
            apps.push(app);
        }
        if app.account != scope.account || app.region != scope.region {
            elsewhere = true;
            outcomes.push(Link::Cut(format!(
                "its Pinpoint app {} is in {}/{}, but the app instance is in {}/{} (they must match)",
                app.app_id, app.account, app.region, scope.account, scope.region
            )));
            continue;
        }
        let key = format!("App {}", app.app_id);
        let outcome = match facts.apps.get(app) {
            None => not_asked(&mut check, OP, None),
            Some(Fact::Pending) => Link::Pending,
            Some(Fact::NotAsked(why)) => not_asked(&mut check, OP, Some(why)),
            Some(Fact::Known {
                value: Some(found),
                request_id,
            }) => {
                answered(&mut check, OP, request_id.as_ref());
                if first {
                    let mut shown = found.name.clone().unwrap_or_else(|| "(no name)".into());
                    if let Some(created) = &found.created {
                        shown.push_str(&format!(", created {created}"));
                    }
                    check = check.evidence(&key, shown);
                }
                Link::Holds
            }
            Some(Fact::Known {
                value: None,
                request_id,
            }) => {
                answered(&mut check, OP, request_id.as_ref());
                gone = true;
                Link::Cut(format!(
                    "the Pinpoint application does not exist ({} in {})",
                    app.app_id, app.region
                ))
            }
            Some(Fact::Failed(e)) if e.kind == ErrorKind::NotFound => {
                answered(&mut check, OP, e.request_id.as_ref());
                gone = true;
                Link::Cut(format!(
                    "the Pinpoint application does not exist ({} in {})",
                    app.app_id, app.region
                ))
            }
            Some(Fact::Failed(e)) => failed(&mut check, e),
        };
        if first && matches!(outcome, Link::Cut(_)) {
            check = check.evidence(&key, "NotFound");
        }
        outcomes.push(outcome);
    }
    let names: Vec<String> = apps
        .iter()
        .map(|a| {
            let name = match facts.apps.get(*a) {
                Some(Fact::Known {
                    value: Some(found), ..
                }) => found.name.clone(),
                _ => None,
            };
            match name {
                Some(name) => format!("{name} ({})", a.app_id),
                None => a.app_id.clone(),
            }
        })
        .collect();
    check.finding = format!(
        "{} in the app instance's account and region: {}",
        if apps.len() == 1 { "exists" } else { "exist" },
        names.join(", ")
    );
    if gone {
        check = check.advice("Chime hands each push to the Pinpoint app the endpoint names; that app was deleted. Create an app with an APNs or FCM channel (AWS End User Messaging push) and re-register the device endpoints with its ARN (UpdateAppInstanceUserEndpoint cannot change it: delete and create the endpoint).");
    }
    if elsewhere {
        check = check.advice("The Pinpoint app must be in the same account and region as the app instance; register the endpoint with an app there.");
    }
    Judged { check, outcomes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::checks::tests::*;

    #[test]
    fn the_app_must_exist_and_be_where_the_app_instance_is() {
        let rows: Vec<Row> = vec![
            (
                "healthy",
                Box::new(|_| {}),
                Status::Pass,
                "exists in the app instance's account and region: demo (abc123)",
            ),
            (
                "NotFound as a fact",
                Box::new(|f| {
                    f.apps.insert(app_ref(PINPOINT), known(None));
                }),
                Status::Fail,
                "the Pinpoint application does not exist (abc123 in us-east-1)",
            ),
            (
                "NotFound as an error",
                Box::new(|f| {
                    f.apps.insert(
                        app_ref(PINPOINT),
                        Fact::Failed(err(OP, ErrorKind::NotFound)),
                    );
                }),
                Status::Fail,
                "the Pinpoint application does not exist",
            ),
            (
                "our own IAM says no: unknown, not fail",
                Box::new(|f| {
                    f.apps.insert(
                        app_ref(PINPOINT),
                        Fact::Failed(err(OP, ErrorKind::AccessDenied)),
                    );
                }),
                Status::Unknown,
                "GetApp failed: AccessDenied",
            ),
            (
                "not asked",
                Box::new(|f| {
                    f.apps.clear();
                }),
                Status::Unknown,
                "GetApp not called",
            ),
            (
                "still asking",
                Box::new(|f| {
                    f.apps.insert(app_ref(PINPOINT), Fact::Pending);
                }),
                Status::Pending,
                "asking",
            ),
            (
                "in another region",
                Box::new(|f| {
                    f.endpoints = known(vec![endpoint("away", EndpointType::Apns, PINPOINT_AWAY)]);
                    healthy_setup(f);
                }),
                Status::Fail,
                "is in 111122223333/eu-central-1, but the app instance is in 111122223333/us-east-1",
            ),
            (
                "one of two in another region: warn, named",
                Box::new(|f| {
                    f.endpoints = known(vec![
                        iphone(),
                        endpoint("away", EndpointType::Apns, PINPOINT_AWAY),
                    ]);
                    healthy_setup(f);
                }),
                Status::Warn,
                "1 of 2 devices pass; would not reach away-phone (APNS): its Pinpoint app far456",
            ),
            (
                "not a Pinpoint ARN",
                Box::new(|f| {
                    f.endpoints = known(vec![endpoint(
                        "odd",
                        EndpointType::Apns,
                        "arn:aws:sns:us-east-1:111122223333:app/APNS/x",
                    )]);
                }),
                Status::Unknown,
                "is not a Pinpoint app ARN",
            ),
        ];
        for (name, change, status, finding) in rows {
            let c = check_of(CheckId::PinpointApp, change);
            assert_eq!(c.status, status, "{name}: {c:?}");
            assert!(c.finding.contains(finding), "{name}: {}", c.finding);
            if status == Status::Fail {
                assert!(!c.advice.is_empty(), "{name}: says what to do");
            }
        }
    }

    #[test]
    fn a_denied_get_app_names_the_action() {
        let c = check_of(CheckId::PinpointApp, |f| {
            f.apps.insert(
                app_ref(PINPOINT),
                Fact::Failed(err(OP, ErrorKind::Forbidden)),
            );
        });
        assert_eq!(c.needs, [Operation::GetApp]);
        assert!(c.error.is_some());
        let c = check_of(CheckId::PinpointApp, |f| {
            f.apps.insert(
                app_ref(PINPOINT),
                Fact::Failed(err(OP, ErrorKind::Throttled)),
            );
        });
        assert_eq!(c.status, Status::Unknown);
        assert!(c.needs.is_empty(), "a throttle is not a missing permission");
    }
}
