//! Channel scan: list a channel's members and read each one's preferences.
