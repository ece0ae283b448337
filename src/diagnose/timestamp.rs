//! How a time reads in a finding or its evidence: RFC 3339, UTC, to the
//! second. Used by `evaluate` and the checks behind the device alike.

use std::time::SystemTime;

/// A time as RFC 3339 (UTC), to the second.
pub(super) fn timestamp(at: SystemTime) -> String {
    humantime::format_rfc3339_seconds(at).to_string()
}
