//! A screen shown from a saved report (`chime-prefs open FILE.json`): what
//! the report says about itself, and how old it is. A screen holding a
//! [`Captured`] is offline: it makes no call until `r` runs its subject
//! live, and the header says "captured at T · age" instead of where calls
//! go.
//!
//! The age is plain data like the rest of the state: the command reads the
//! wall clock once when it opens the report, and every later message moves
//! the age on by the event loop's own clock (`tick`), so neither update nor
//! view reads a clock.

use std::time::{Duration, Instant};

use crate::aws::ClientInfo;
use crate::report::Subject;
use crate::sanitize;
use crate::tui::note::Note;

/// Where a screen's content came from when it is a saved report.
#[derive(Debug, Clone, PartialEq)]
pub struct Captured {
    /// What the report was about, when and how it was taken.
    pub subject: Subject,
    /// How old the report was at `seen`; `None` when it claims a time
    /// later than this machine's clock.
    pub age: Option<Duration>,
    /// The last message that moved the age on.
    pub seen: Instant,
}

impl Captured {
    /// A report of `subject`, `age` old at `now` (`None`: from the future).
    pub fn new(subject: Subject, age: Option<Duration>, now: Instant) -> Captured {
        Captured {
            subject,
            age,
            seen: now,
        }
    }

    /// Move the age on to `now`.
    pub fn tick(&mut self, now: Instant) {
        let passed = now.saturating_duration_since(self.seen);
        self.age = self.age.map(|age| age + passed);
        self.seen = self.seen.max(now);
    }

    /// "3 min ago", "2 d ago".
    pub fn age_words(&self) -> String {
        match self.age {
            None => "later than this machine's clock".to_string(),
            Some(age) => age_words(age),
        }
    }

    /// "captured at 2026-11-30T00:53:20Z · 3 min ago", for the header.
    pub fn header_text(&self) -> String {
        format!(
            "captured at {} · {}",
            sanitize::line(&self.subject.captured_at),
            self.age_words()
        )
    }

    /// When `age_words` next changes: the event loop wakes then to redraw.
    pub fn next_change(&self) -> Option<Instant> {
        let age = self.age?;
        let secs = age.as_secs();
        let step = match secs {
            0..3600 => 60,
            3600..86_400 => 3600,
            _ => 86_400,
        };
        let next = Duration::from_secs((secs / step + 1) * step);
        Some(self.seen + next.saturating_sub(age))
    }
}

impl Captured {
    /// An ARN the report must name to be shown or run again: `field` is
    /// its JSON name, for the message.
    pub fn required<'a>(value: Option<&'a str>, field: &'static str) -> Result<&'a str, String> {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("the report names no {field} (Report.{field})"))
    }

    /// Why `key` does nothing on a saved report: it would call AWS, and
    /// a saved report calls nothing until `r` runs it live.
    pub fn refused(key: &str) -> Note {
        Note {
            text: format!("{key} would call AWS, and this is a saved report: r runs it live"),
            short: Some("a saved report: r runs it live".to_string()),
        }
    }

    /// What `r` says as it runs the report's subject live: the calls go
    /// where this run's settings send them, and when the report's went
    /// elsewhere, it says which is used.
    pub fn live_note(&self, client: &ClientInfo) -> Note {
        let short = format!(
            "running it live against {}",
            sanitize::line(&client.endpoint)
        );
        let then = self.subject.endpoint_url.as_deref();
        let now = client
            .endpoint_url
            .as_deref()
            .or(client.endpoint_urls.messaging.as_deref());
        if then == now {
            return Note::from(short);
        }
        let then = then.map_or_else(
            || "AWS's own endpoints".to_string(),
            |url| sanitize::line(url).into_owned(),
        );
        Note {
            text: format!("{short}, this run's endpoint (the report's calls went to {then})"),
            short: Some(short),
        }
    }
}

/// An age in the coarsest unit that still says something.
pub fn age_words(age: Duration) -> String {
    let secs = age.as_secs();
    match secs {
        0..60 => "just now".to_string(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86_400 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportKind;

    fn captured(age: Option<u64>, now: Instant) -> Captured {
        let subject = Subject::new(
            ReportKind::Diagnose,
            std::time::UNIX_EPOCH + Duration::from_secs(1_796_000_000),
        );
        Captured::new(subject, age.map(Duration::from_secs), now)
    }

    #[test]
    fn the_header_says_when_and_how_long_ago() {
        let now = Instant::now();
        assert_eq!(
            captured(Some(3 * 86_400 + 5), now).header_text(),
            "captured at 2026-11-30T00:53:20Z · 3 d ago"
        );
        assert_eq!(captured(Some(59), now).age_words(), "just now");
        assert_eq!(captured(Some(7200), now).age_words(), "2 h ago");
        assert_eq!(
            captured(None, now).age_words(),
            "later than this machine's clock"
        );
    }

    #[test]
    fn the_age_moves_on_with_the_messages_and_wakes_when_its_words_change() {
        let now = Instant::now();
        let mut c = captured(Some(50), now);
        assert_eq!(c.next_change(), Some(now + Duration::from_secs(10)));
        c.tick(now + Duration::from_secs(10));
        assert_eq!(c.age_words(), "1 min ago");
        assert_eq!(
            c.next_change(),
            Some(now + Duration::from_secs(10 + 60)),
            "the next minute"
        );
        // A message from before the last one does not turn the age back.
        c.tick(now);
        assert_eq!(c.age, Some(Duration::from_secs(60)));
        assert_eq!(captured(None, now).next_change(), None);
    }

    #[test]
    fn running_it_live_says_which_endpoint_is_used_when_they_differ() {
        let now = Instant::now();
        let mut c = captured(Some(60), now);
        let client = ClientInfo {
            endpoint: "http://127.0.0.1:4566".into(),
            endpoint_url: Some("http://127.0.0.1:4566".into()),
            ..ClientInfo::default()
        };
        let note = c.live_note(&client);
        assert_eq!(
            note.text,
            "running it live against http://127.0.0.1:4566, this run's endpoint (the report's calls went to AWS's own endpoints)"
        );
        c.subject.endpoint_url = Some("http://127.0.0.1:4566".into());
        assert_eq!(
            c.live_note(&client),
            Note::from("running it live against http://127.0.0.1:4566")
        );
        c.subject.endpoint_url = Some("http://evil\u{1b}[2J".into());
        assert!(!c.live_note(&client).text.contains('\u{1b}'));
        assert_eq!(
            Captured::required(None, "MemberArn"),
            Err("the report names no MemberArn (Report.MemberArn)".to_string())
        );
    }
}
