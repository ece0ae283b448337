//! Text written for one operation, where a kind means something of its
//! own there: a 403 on preferences is the owner rule, a 404 on a ban check
//! is the good answer, a 404 on GetApp is a deleted Pinpoint app.

use crate::error::ErrorKind;
use crate::operation::Operation;

use super::Entry;

pub(super) fn entry(operation: Operation, kind: ErrorKind) -> Option<Entry> {
    use ErrorKind as K;
    use Operation as Op;
    Some(match (operation, kind) {
        (Op::GetChannelMembershipPreferences, K::BadRequest) => PREFERENCES_BAD_REQUEST,
        (Op::GetChannelMembershipPreferences, K::Unauthorized) => PREFERENCES_UNAUTHORIZED,
        (Op::GetChannelMembershipPreferences, K::Forbidden) => PREFERENCES_FORBIDDEN,
        (Op::GetChannelMembershipPreferences, K::NotFound) => PREFERENCES_NOT_FOUND,
        (Op::ListChannelMemberships, K::Forbidden) => LIST_MEMBERS_FORBIDDEN,
        (Op::ListChannelMemberships, K::NotFound) => LIST_MEMBERS_NOT_FOUND,
        (Op::DescribeChannelMembership, K::NotFound) => MEMBERSHIP_NOT_FOUND,
        (Op::DescribeChannelBan, K::NotFound) => BAN_NOT_FOUND,
        (Op::DescribeChannelBan, K::Forbidden) => BAN_FORBIDDEN,
        (Op::GetChannelMessage, K::NotFound) => MESSAGE_NOT_FOUND,
        (Op::ListChannelMembershipsForAppInstanceUser, K::NotFound) => USER_CHANNELS_NOT_FOUND,
        (Op::ListChannelMembershipsForAppInstanceUser, K::Forbidden) => USER_CHANNELS_FORBIDDEN,
        (Op::ListAppInstanceUserEndpoints, K::NotFound) => ENDPOINTS_NOT_FOUND,
        (Op::DescribeAppInstanceUserEndpoint, K::NotFound) => ENDPOINT_NOT_FOUND,
        (Op::GetApp, K::NotFound) => APP_NOT_FOUND,
        (Op::GetApnsChannel | Op::GetApnsSandboxChannel | Op::GetGcmChannel, K::NotFound) => {
            CHANNEL_NOT_FOUND
        }
        (Op::GetRole, K::NotFound) => ROLE_NOT_FOUND,
        (Op::SimulatePrincipalPolicy, K::NotFound) => SIMULATE_NO_ROLE,
        (Op::SimulatePrincipalPolicy, K::AccessDenied | K::Forbidden) => SIMULATE_DENIED,
        _ => return None,
    })
}

const PREFERENCES_BAD_REQUEST: Entry = Entry {
    title: "Bad request",
    summary: "The service rejected the request itself: for {operation} that usually means the channel or the membership does not exist as written, or a header is missing.",
    causes: &[
        "The member is not (or no longer) a member of this channel.",
        "The channel ARN names a channel that does not exist in this app instance.",
        "A typo in an ARN that still looked well-formed (wrong account, app instance or ID).",
        "The x-amz-chime-bearer header was missing (only when calling through a proxy that strips it).",
    ],
    next_steps: &[
        "Check the membership exists: {aws:chime-sdk-messaging} describe-channel-membership --channel-arn {channel} --member-arn {member} --chime-bearer {bearer} || Check the membership exists with aws chime-sdk-messaging describe-channel-membership.",
        "Compare the account, app instance and IDs in both ARNs with the customer's console.",
        "Read the service's message above: it usually names the field it disliked.",
    ],
    ..Entry::BLANK
};

const PREFERENCES_UNAUTHORIZED: Entry = Entry {
    title: "Bearer not recognised",
    summary: "The service did not accept the x-amz-chime-bearer ARN as an AppInstanceUser or AppInstanceBot of this app instance, so it did not run {operation}.",
    causes: &[
        "The bearer ARN[ ({bearer})] does not name an existing AppInstanceUser or AppInstanceBot.",
        "The bearer belongs to another app instance, account or region than the channel.",
        "The user was deleted, or the ARN was copied with a typo.",
    ],
    bearer_steps: &[
        "Use the member's own ARN as the bearer: leave --bearer-arn out (chime-prefs then uses the member).",
    ],
    next_steps: &[
        "Confirm the user exists: {aws:chime-sdk-identity} describe-app-instance-user --app-instance-user-arn {bearer} || Confirm the bearer exists with aws chime-sdk-identity describe-app-instance-user.",
        "Check that the region in the ARN[ ({region})] is where the app instance lives.",
    ],
    ..Entry::BLANK
};

const PREFERENCES_FORBIDDEN: Entry = Entry {
    title: "Not allowed to read these preferences",
    summary: "Only the member who owns a membership may read its preferences with {operation}. A 403 here usually means the bearer is not the member, the member left or was banned, or IAM denies {iam_action}.",
    bearer_causes: &[
        "The bearer[ ({bearer})] is not the member[ ({member})]: admins and moderators get 403 for other members.",
    ],
    causes: &[
        "The member was banned from the channel, or left it.",
        "Your IAM principal lacks {iam_action} on the channel or app instance.",
        "An SCP or permissions boundary denies the action.",
    ],
    bearer_steps: &["Call with the member's own ARN as bearer: leave --bearer-arn out."],
    next_steps: &[
        "Check whether the member is banned (chime-prefs diagnose does, given --admin-arn with a moderator's or AppInstanceAdmin's ARN).",
        "Check IAM with the policy simulator for {iam_action}.",
    ],
    ..Entry::BLANK
};

const PREFERENCES_NOT_FOUND: Entry = Entry {
    title: "No such membership",
    summary: "{operation} found no membership of this member[ ({member})] in this channel: the member is not in it, or the channel does not exist.",
    causes: &[
        "The member is not (or no longer) a member of this channel.",
        "The channel ARN names a channel that does not exist in this app instance.",
    ],
    next_steps: &[
        "Check the membership: {aws:chime-sdk-messaging} describe-channel-membership --channel-arn {channel} --member-arn {member} --chime-bearer {bearer} || Check the membership with aws chime-sdk-messaging describe-channel-membership.",
        "Compare the account, app instance and IDs in the ARNs with the customer's console.",
    ],
    ..Entry::BLANK
};

const LIST_MEMBERS_FORBIDDEN: Entry = Entry {
    title: "Not allowed to list the channel's members",
    summary: "{service} refused {operation}: to list a channel's members, the bearer must be a member, moderator or AppInstanceAdmin of the channel. A 403 can also mean IAM denies {iam_action}.",
    causes: &[
        "The bearer[ ({bearer})] is not a member, moderator or AppInstanceAdmin of this channel.",
        "The bearer was banned from the channel, or left it.",
        "Your IAM principal lacks {iam_action}, or an SCP or permissions boundary denies it.",
    ],
    next_steps: &[
        "Pass a member's, moderator's or AppInstanceAdmin's ARN with --bearer-arn.",
        "Check IAM with the policy simulator for {iam_action}.",
    ],
    ..Entry::BLANK
};

const LIST_MEMBERS_NOT_FOUND: Entry = Entry {
    title: "No such channel",
    summary: "{operation} found no channel by this ARN[ ({channel})]: it was deleted, or the ARN names another app instance or account.",
    causes: &[
        "The channel was deleted, or expired under its app instance's retention settings.",
        "A typo in the channel ARN that still looked well-formed.",
    ],
    next_steps: &["Compare the channel ARN with the customer's console."],
    ..Entry::BLANK
};

const MEMBERSHIP_NOT_FOUND: Entry = Entry {
    title: "Not a member",
    summary: "{operation} found no membership: the member[ ({member})] is not a member of this channel, so the channel sends it no pushes at all.",
    causes: &[
        "The member never joined, left, or was removed (a ban also removes the membership).",
        "The channel ARN names another channel than the one the customer means.",
    ],
    next_steps: &[
        "Check whether the member is banned (chime-prefs diagnose does, given --admin-arn with a moderator's or AppInstanceAdmin's ARN).",
        "Have the app add the member again (CreateChannelMembership), if it should be one.",
    ],
    ..Entry::BLANK
};

const BAN_NOT_FOUND: Entry = Entry {
    title: "Not banned",
    summary: "{operation} found no ban: the member[ ({member})] is not banned from this channel. For this check, NotFound is the good answer.",
    causes: &[
        "The member is not banned (the usual meaning).",
        "The channel ARN names another channel, where no ban can be found either.",
    ],
    next_steps: &["Nothing to fix here: a ban is not what stops this member's pushes."],
    ..Entry::BLANK
};

const BAN_FORBIDDEN: Entry = Entry {
    title: "Not allowed to check bans",
    summary: "{service} refused {operation}: bans may be read by {who_may_call}. A 403 can also mean IAM denies {iam_action}.",
    causes: &[
        "The bearer[ ({bearer})] is not a moderator of this channel or an AppInstanceAdmin.",
        "Your IAM principal lacks {iam_action}, or an SCP or permissions boundary denies it.",
    ],
    next_steps: &[
        "Call with a moderator's or AppInstanceAdmin's ARN as the bearer.",
        "Check IAM with the policy simulator for {iam_action}.",
    ],
    ..Entry::BLANK
};

const MESSAGE_NOT_FOUND: Entry = Entry {
    title: "No such message",
    summary: "{operation} found no message by this ID in the channel[ ({channel})]: it was deleted, expired, or the ID belongs to another channel or sub-channel.",
    causes: &[
        "The message ID was copied from another channel.",
        "The message was deleted, or was NON_PERSISTENT and never stored.",
        "An elastic channel needs the sub-channel the message was sent to.",
    ],
    next_steps: &[
        "Take the message ID from the same channel's ListChannelMessages or the app's logs.",
    ],
    ..Entry::BLANK
};

const USER_CHANNELS_NOT_FOUND: Entry = Entry {
    title: "No such user",
    summary: "{operation} found no AppInstanceUser by this ARN[ ({member})].",
    causes: &["The user was deleted, or the ARN names another app instance or account."],
    next_steps: &[
        "Confirm the user exists: {aws:chime-sdk-identity} describe-app-instance-user --app-instance-user-arn {member} || Confirm the user exists with aws chime-sdk-identity describe-app-instance-user.",
    ],
    ..Entry::BLANK
};

const USER_CHANNELS_FORBIDDEN: Entry = Entry {
    title: "Not allowed to list this user's channels",
    summary: "{service} refused {operation}: it may be called by {who_may_call}. A 403 can also mean IAM denies {iam_action}.",
    causes: &[
        "The bearer[ ({bearer})] is another user than the one asked about, and not an AppInstanceAdmin.",
        "Your IAM principal lacks {iam_action}, or an SCP or permissions boundary denies it.",
    ],
    next_steps: &[
        "Call with the user itself, or an AppInstanceAdmin, as the bearer.",
        "Check IAM with the policy simulator for {iam_action}.",
    ],
    ..Entry::BLANK
};

const ENDPOINTS_NOT_FOUND: Entry = Entry {
    title: "No such user",
    summary: "{operation} found no AppInstanceUser by this ARN[ ({member})], so it has no endpoints to list.",
    causes: &["The user was deleted, or the ARN names another app instance or account."],
    next_steps: &[
        "Confirm the user exists: {aws:chime-sdk-identity} describe-app-instance-user --app-instance-user-arn {member} || Confirm the user exists with aws chime-sdk-identity describe-app-instance-user.",
    ],
    ..Entry::BLANK
};

const ENDPOINT_NOT_FOUND: Entry = Entry {
    title: "No such endpoint",
    summary: "{operation} found no endpoint by this ID for the user[ ({member})]: the app deregistered it, or the ID belongs to another user.",
    causes: &[
        "The app deregistered the endpoint (a reinstall or sign-out usually does).",
        "The endpoint ID belongs to another AppInstanceUser.",
    ],
    next_steps: &[
        "List the user's endpoints: {aws:chime-sdk-identity} list-app-instance-user-endpoints --app-instance-user-arn {member} || List the user's endpoints with aws chime-sdk-identity list-app-instance-user-endpoints.",
    ],
    ..Entry::BLANK
};

const APP_NOT_FOUND: Entry = Entry {
    title: "The Pinpoint application does not exist",
    summary: "{operation} found no Pinpoint application by the ID the device endpoint's ResourceArn names: Chime hands each push to that app, so no push reaches the devices registered with it.",
    causes: &[
        "The app was deleted in AWS End User Messaging push (Pinpoint) while devices still name it.",
        "The endpoints were registered with an app ARN from another account or region[ than {region}].",
        "A typo in the ResourceArn the customer's app registers its endpoints with.",
    ],
    next_steps: &[
        "List the account's apps: aws pinpoint get-apps[ --region {region}] || List the account's apps with aws pinpoint get-apps in the app instance's region.",
        "Have the customer's app register its endpoints again with the ARN of an app that exists (UpdateAppInstanceUserEndpoint or a new registration).",
    ],
    ..Entry::BLANK
};

const CHANNEL_NOT_FOUND: Entry = Entry {
    title: "No such push channel",
    summary: "{operation} found no channel of this type in the Pinpoint app: it was never set up or was deleted, so Chime cannot push to devices of this type through this app.",
    causes: &[
        "The channel was never set up in the app (APNs, APNs sandbox and FCM are separate channels).",
        "Devices of a development build (APNS_SANDBOX) need the sandbox channel; App Store and TestFlight builds (APNS) need the production one.",
        "The channel was deleted when credentials were rotated.",
    ],
    next_steps: &[
        "Set the channel up in the AWS End User Messaging push console with the app's APNs key or certificate, or its Firebase service-account JSON.",
        "Read it again with {cli_command}, giving the app's ID as --application-id.",
    ],
    ..Entry::BLANK
};

const ROLE_NOT_FOUND: Entry = Entry {
    title: "The role Chime sends with does not exist",
    summary: "{operation} found no role named ServiceRoleForAmazonChimePushNotification in the account of your credentials: Chime assumes exactly that role to send every push, so without it no push is sent.",
    causes: &[
        "The role was never created, or was deleted.",
        "It was created under another name: Chime only assumes ServiceRoleForAmazonChimePushNotification.",
        "Your credentials are for another account than the app instance: IAM reads roles in the credentials' account only.",
    ],
    next_steps: &[
        "Create the role ServiceRoleForAmazonChimePushNotification, trusting messaging.chime.amazonaws.com for sts:AssumeRole, with an Allow of mobiletargeting:SendMessages on the app's /messages ARN.",
        "Check which account your credentials are for: aws sts get-caller-identity[ --profile {profile}]",
    ],
    ..Entry::BLANK
};

const SIMULATE_NO_ROLE: Entry = Entry {
    title: "No role to simulate",
    summary: "{operation} found no role ServiceRoleForAmazonChimePushNotification to simulate in the account of your credentials, so whether it may send to the app could not be read.",
    causes: &[
        "The role does not exist, or was deleted or renamed.",
        "Your credentials are for another account than the app instance.",
    ],
    next_steps: &[
        "Check which account your credentials are for: aws sts get-caller-identity[ --profile {profile}]",
        "Create the role as the Chime developer guide describes, if it is missing.",
    ],
    ..Entry::BLANK
};

const SIMULATE_DENIED: Entry = Entry {
    title: "Not allowed to simulate the role's permissions",
    summary: "IAM refused {operation}: {principal} may not perform {iam_action}, which many support roles are denied. chime-prefs reads the role's policies instead and judges them itself. || IAM refused {operation}: your IAM principal may not perform {iam_action}, which many support roles are denied. chime-prefs reads the role's policies instead and judges them itself.",
    causes: &[
        "No identity-based policy of your IAM principal allows {iam_action} (it discloses other principals' permissions).",
        "An SCP or permissions boundary denies {iam_action}.",
    ],
    next_steps: &[
        "Nothing to fix for the diagnosis: the answer read from the role's policies is shown, and says it was reached that way.",
        "To let the simulator answer, allow {iam_action} on the role ServiceRoleForAmazonChimePushNotification to your IAM principal.",
    ],
    ..Entry::BLANK
};
