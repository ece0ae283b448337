//! A channel of the demo world: its roster (listed or generated), its
//! facts, and what may be asked of it.

use std::borrow::Cow;
use std::collections::HashMap;

use super::generate::GenerateSpec;
use super::model::{ChannelFacts, Member, Message};

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

    /// The member whose ID (`user/...`, `bot/...`) is `id`, with its position.
    pub(super) fn find_at(&self, id: &str) -> Option<(usize, Cow<'_, Member>)> {
        match self {
            Roster::Listed { members, index } => index
                .get(id)
                .and_then(|&i| members.get(i).map(|m| (i, Cow::Borrowed(m)))),
            Roster::Generated(spec) => spec
                .position(id)
                .and_then(|i| spec.member(i).map(|m| (i, Cow::Owned(m)))),
        }
    }

    /// The member whose ID (`user/...`, `bot/...`) is `id`.
    pub(super) fn find(&self, id: &str) -> Option<Cow<'_, Member>> {
        self.find_at(id).map(|(_, member)| member)
    }
}

/// A channel of the app instance.
#[derive(Debug, Clone)]
pub(super) struct Channel {
    pub(super) id: String,
    pub(super) arn: String,
    pub(super) roster: Roster,
    pub(super) facts: ChannelFacts,
}

impl Channel {
    /// The member `id`, unless absent or banned (a ban ends the membership).
    pub(super) fn membership(&self, id: &str) -> Option<Cow<'_, Member>> {
        self.roster.find(id).filter(|m| m.banned.is_none())
    }

    pub(super) fn is_moderator(&self, id: &str) -> bool {
        self.facts.moderators.iter().any(|m| m == id)
    }

    /// When member `id` at roster `position` joined (epoch seconds).
    pub(super) fn joined(&self, position: usize, member: &Member) -> f64 {
        member
            .joined
            .unwrap_or(self.facts.created + 60.0 * (position as f64 + 1.0) + 0.25)
    }

    pub(super) fn message(&self, id: &str) -> Option<&Message> {
        self.facts.messages.iter().find(|m| m.id == id)
    }
}
