//! Per-state counts of a scan.

pub use crate::model::PushState;

/// Counts over the members that were listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub all: usize,
    pub none: usize,
    pub filtered: usize,
    pub not_set: usize,
    pub unknown: usize,
    pub errors: usize,
    /// Listed but not finished (yet, or ever when the scan was cancelled).
    pub pending: usize,
}

impl Summary {
    pub fn add(&mut self, state: PushState) {
        match state {
            PushState::All => self.all += 1,
            PushState::None => self.none += 1,
            PushState::Filtered => self.filtered += 1,
            PushState::NotSet => self.not_set += 1,
            PushState::Unknown => self.unknown += 1,
        }
    }

    /// Members whose lookup ended, with an answer or an error.
    pub fn finished(&self) -> usize {
        self.read() + self.errors
    }

    /// Members whose preferences were read.
    pub fn read(&self) -> usize {
        self.all + self.none + self.filtered + self.not_set + self.unknown
    }

    pub fn listed(&self) -> usize {
        self.finished() + self.pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AllowNotifications, MembershipPreferences, Preferences, PushNotifications};

    fn prefs(allow: Option<&str>) -> MembershipPreferences {
        MembershipPreferences {
            preferences: Some(Preferences {
                push_notifications: Some(PushNotifications {
                    allow: allow.map(AllowNotifications::from_wire),
                    filter_rule: None,
                }),
            }),
            ..MembershipPreferences::default()
        }
    }

    #[test]
    fn states_and_counts() {
        let mut summary = Summary::default();
        for allow in [
            Some("ALL"),
            Some("ALL"),
            Some("NONE"),
            Some("FILTERED"),
            Some("SOMETIMES"),
            None,
        ] {
            summary.add(PushState::of(&prefs(allow)));
        }
        // Preferences {} altogether counts as not set too.
        summary.add(PushState::of(&MembershipPreferences::default()));
        summary.errors = 2;
        summary.pending = 3;
        assert_eq!(
            (
                summary.all,
                summary.none,
                summary.filtered,
                summary.unknown,
                summary.not_set
            ),
            (2, 1, 1, 1, 2)
        );
        assert_eq!(summary.read(), 7);
        assert_eq!(summary.finished(), 9);
        assert_eq!(summary.listed(), 12);
    }
}
