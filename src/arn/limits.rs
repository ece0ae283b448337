//! How long an ARN may be, and how much text a field typed for one holds.
//! The input check refuses a longer ARN, and tells a field cut at its
//! limit from an ARN that is merely too long.

/// The longest ARN the service accepts.
pub const MAX_ARN_LEN: usize = 1600;

/// The most characters an ARN input holds. The TUI's fields stop taking
/// characters here, so a longer paste is cut; the input check reports
/// text of this length as cut. It is above [`MAX_ARN_LEN`], so an ARN that
/// is merely too long is still seen whole and reported with its length.
pub const MAX_INPUT_CHARS: usize = 2048;
