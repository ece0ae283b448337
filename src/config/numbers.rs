//! The config file's numbers, checked as they are read so that an error
//! names the file, the line and the column, and says what is valid in
//! words ("a number of seconds", not "f64").

use std::fmt;
use std::ops::RangeInclusive;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// The longest timeout or interval: an hour.
pub const MAX_SECONDS: f64 = 3600.0;
pub const MAX_ATTEMPTS_RANGE: RangeInclusive<u32> = 1..=10;

/// `Ok` for more than zero and at most an hour; else what is wrong, to
/// follow the setting's name.
pub(super) fn check_seconds(value: f64) -> Result<f64, String> {
    if value.is_finite() && value > 0.0 && value <= MAX_SECONDS {
        Ok(value)
    } else {
        Err(format!(
            "must be a number of seconds more than 0 and at most {MAX_SECONDS} (one hour), got {value}"
        ))
    }
}

struct Seconds(&'static str);

impl Visitor<'_> for Seconds {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a number of seconds for {}", self.0)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        check_seconds(v).map_err(|problem| E::custom(format!("{} {problem}", self.0)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }
}

struct Attempts;

impl Visitor<'_> for Attempts {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a whole number from {} to {} for max_attempts",
            MAX_ATTEMPTS_RANGE.start(),
            MAX_ATTEMPTS_RANGE.end()
        )
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        match u32::try_from(v) {
            Ok(n) if MAX_ATTEMPTS_RANGE.contains(&n) => Ok(n),
            _ => Err(E::custom(format!(
                "max_attempts must be a whole number from {} to {}, got {v}",
                MAX_ATTEMPTS_RANGE.start(),
                MAX_ATTEMPTS_RANGE.end()
            ))),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

pub(super) fn timeout_secs<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(Seconds("timeout_secs")).map(Some)
}

pub(super) fn watch_interval_secs<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(Seconds("watch_interval_secs")).map(Some)
}

pub(super) fn max_attempts<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    d.deserialize_any(Attempts).map(Some)
}
