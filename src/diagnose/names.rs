//! The id and title of every check, in one place: the six links judged in
//! `evaluate`, and the four behind the device, whose own files name them.
//! Kept apart from `check`, which `checks` reads, so that the two never
//! import each other.

use super::check::CheckId;
use super::checks::{pinpoint_app, push_channels, role_permission, service_role};

impl CheckId {
    pub fn id(self) -> &'static str {
        match self {
            CheckId::Arns => "arns",
            CheckId::Membership => "membership",
            CheckId::Ban => "ban",
            CheckId::Preferences => "preferences",
            CheckId::FilterRule => "filter-rule",
            CheckId::Endpoints => "endpoints",
            CheckId::PinpointApp => pinpoint_app::ID,
            CheckId::PushChannels => push_channels::ID,
            CheckId::ServiceRole => service_role::ID,
            CheckId::RolePermission => role_permission::ID,
        }
    }

    /// The check with this [`id`](Self::id), as reports write it.
    pub fn from_id(id: &str) -> Option<CheckId> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }

    /// What the check asks, for a checklist line.
    pub fn title(self) -> &'static str {
        match self {
            CheckId::Arns => "ARNs well-formed",
            CheckId::Membership => "Member of the channel",
            CheckId::Ban => "Not banned",
            CheckId::Preferences => "Push preferences",
            CheckId::FilterRule => "Filter rule",
            CheckId::Endpoints => "Device endpoints",
            CheckId::PinpointApp => pinpoint_app::TITLE,
            CheckId::PushChannels => push_channels::TITLE,
            CheckId::ServiceRole => service_role::TITLE,
            CheckId::RolePermission => role_permission::TITLE,
        }
    }
}
