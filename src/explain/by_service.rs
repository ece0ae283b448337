//! Text that differs between the two services: messaging calls carry a
//! bearer (`x-amz-chime-bearer`) that the service judges; identity calls
//! carry none, and IAM alone decides. Pinpoint and IAM calls carry no
//! bearer either: a refusal there is about the caller's own IAM.

use crate::error::ErrorKind;
use crate::operation::Service;

use super::Entry;

pub(super) fn entry(service: Service, kind: ErrorKind) -> Option<Entry> {
    Some(match (service, kind) {
        (Service::Messaging, ErrorKind::Unauthorized) => MESSAGING_UNAUTHORIZED,
        (Service::Messaging, ErrorKind::Throttled) => MESSAGING_THROTTLED,
        (Service::Identity, ErrorKind::Unauthorized) => IDENTITY_UNAUTHORIZED,
        (Service::Identity, ErrorKind::Forbidden) => IDENTITY_FORBIDDEN,
        (Service::Pinpoint, ErrorKind::Forbidden) => PINPOINT_FORBIDDEN,
        (Service::Iam, ErrorKind::Forbidden) => IAM_FORBIDDEN,
        (Service::Iam, ErrorKind::NotFound) => IAM_NOT_FOUND,
        _ => return None,
    })
}

const MESSAGING_UNAUTHORIZED: Entry = Entry {
    title: "Bearer not recognised",
    summary: "{service} did not accept the x-amz-chime-bearer ARN as an AppInstanceUser or AppInstanceBot of this app instance, so it did not run {operation}.",
    causes: &[
        "The bearer ARN[ ({bearer})] does not name an existing AppInstanceUser or AppInstanceBot.",
        "The bearer belongs to another app instance, account or region than the channel.",
        "The user was deleted, or the ARN was copied with a typo.",
    ],
    next_steps: &[
        "Confirm the user exists: {aws:chime-sdk-identity} describe-app-instance-user --app-instance-user-arn {bearer} || Confirm the bearer exists with aws chime-sdk-identity describe-app-instance-user.",
        "Check that the region in the ARN[ ({region})] is where the app instance lives.",
    ],
    ..Entry::BLANK
};

const MESSAGING_THROTTLED: Entry = Entry {
    title: "Throttled",
    summary: "The request rate for {operation} with this bearer went over {service}'s limit (10 requests/s per bearer in us-east-1, 5 in eu-central-1). chime-prefs already retried with backoff.",
    causes: &[
        "Another tool or the customer's app is calling with the same bearer at the same time.",
        "A scan or loop ran with too much concurrency.",
        "The account's messaging quotas are lower than the defaults.",
    ],
    next_steps: &[
        "Wait a few seconds, then retry.",
        "Raise --max-attempts, or lower scan concurrency.",
        "If it persists, check Service Quotas for Amazon Chime SDK messaging[ in {region}].",
    ],
    ..Entry::BLANK
};

const IDENTITY_UNAUTHORIZED: Entry = Entry {
    title: "Caller not recognised",
    summary: "{service} did not accept the caller of {operation}. Identity calls take no bearer, so this is about your AWS credentials or the AppInstanceUser ARN.",
    causes: &[
        "The AppInstanceUser ARN[ ({member})] names a user that does not exist.",
        "The credentials belong to another account than the app instance.",
    ],
    next_steps: &[
        "Check the identity: {aws:sts} get-caller-identity",
        "Confirm the user exists: {aws:chime-sdk-identity} describe-app-instance-user --app-instance-user-arn {member} || Confirm the user exists with aws chime-sdk-identity describe-app-instance-user.",
    ],
    ..Entry::BLANK
};

const IDENTITY_FORBIDDEN: Entry = Entry {
    title: "Not allowed",
    summary: "{service} refused {operation}. Identity calls take no bearer: IAM alone decides, so your IAM principal is not allowed {iam_action} on this AppInstanceUser.",
    causes: &[
        "No policy of your IAM principal allows {iam_action}.",
        "An SCP or permissions boundary denies {iam_action}.",
        "The AppInstanceUser belongs to another account than your credentials.",
    ],
    next_steps: &[
        "Check the identity: {aws:sts} get-caller-identity",
        "Check IAM with the policy simulator for {iam_action}[ on {member}].",
    ],
    ..Entry::BLANK
};

const PINPOINT_FORBIDDEN: Entry = Entry {
    title: "Not allowed to read the Pinpoint app",
    summary: "{service} refused {operation}: your own IAM principal is not allowed {iam_action}. This says nothing about the customer's push set-up, only that it could not be read.",
    causes: &[
        "No policy of your IAM principal allows {iam_action} on the app.",
        "An SCP or permissions boundary denies {iam_action}.",
        "The app belongs to another account than your credentials.",
    ],
    next_steps: &[
        "Allow {iam_action} on the app to your IAM principal, then check again.",
        "Check the identity: aws sts get-caller-identity[ --profile {profile}]",
    ],
    ..Entry::BLANK
};

const IAM_FORBIDDEN: Entry = Entry {
    title: "Not allowed to read the role",
    summary: "IAM refused {operation}: your IAM principal is not allowed {iam_action}, so the role Chime sends with could not be read. This says nothing about the role itself.",
    causes: &[
        "No policy of your IAM principal allows {iam_action}.",
        "An SCP or permissions boundary denies {iam_action}.",
    ],
    next_steps: &[
        "Allow {iam_action} on the role ServiceRoleForAmazonChimePushNotification to your IAM principal.",
        "Check the identity: aws sts get-caller-identity[ --profile {profile}]",
    ],
    ..Entry::BLANK
};

const IAM_NOT_FOUND: Entry = Entry {
    title: "No such IAM entity",
    summary: "IAM found nothing for {operation} (NoSuchEntity): the role or policy it names does not exist in the account of your credentials, or was deleted between two reads.",
    causes: &[
        "The role or policy was deleted or renamed.",
        "Your credentials are for another account than the app instance.",
    ],
    next_steps: &[
        "Check which account your credentials are for: aws sts get-caller-identity[ --profile {profile}]",
        "Run the diagnosis again: the role's policies are read afresh.",
    ],
    ..Entry::BLANK
};
