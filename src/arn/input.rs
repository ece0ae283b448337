//! The one check every ARN input passes first, typed into the TUI's form or
//! given as a flag to `get` and `scan`, so both judge the same text the same
//! way:
//!
//! - surrounding ASCII whitespace and line breaks are dropped (a paste often
//!   carries a trailing newline); whitespace inside the ARN is an error;
//! - every other character must be one an ARN holds: ASCII letters, digits
//!   and punctuation. Anything else is named with its code point, its
//!   Unicode name and its position (counted in characters from 1, in the
//!   text as given), and a lookalike says which ASCII character it imitates;
//! - a text as long as [`MAX_INPUT_CHARS`], the most a form field holds,
//!   was cut there by the field, and the error says so.
//!
//! Nothing is stripped silently: what is sent is exactly what was checked.

use std::fmt;

use super::limits::MAX_ARN_LEN;
pub use super::limits::MAX_INPUT_CHARS;
use super::lookalike::ascii_lookalike;
use super::problem::{ArnProblem, Field};

/// Input that passed [`check`]: trimmed, non-empty, printable ASCII only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned<'a>(&'a str);

impl<'a> Cleaned<'a> {
    pub fn as_str(&self) -> &'a str {
        self.0
    }
}

/// A character that no ARN holds, where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadChar {
    pub ch: char,
    /// 1-based, in characters, in the text as given (before trimming).
    pub position: usize,
    pub class: CharClass,
    /// How many more characters after it no ARN holds either.
    pub more: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// An ASCII space inside the ARN.
    Space,
    /// CR or LF inside the ARN.
    LineBreak,
    /// A tab (or another ASCII whitespace) inside the ARN.
    Tab,
    /// A control or format character: zero-width, bidi, BOM, soft hyphen...
    Invisible,
    /// A character that looks like this ASCII one (Cyrillic а, fullwidth ：).
    Lookalike(char),
    /// Any other non-ASCII character.
    NotAscii,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// Exactly [`MAX_INPUT_CHARS`] long: a form field cut a longer paste.
    Cut,
    /// Longer than an ARN can be.
    TooLong {
        chars: usize,
    },
    BadChar(BadChar),
}

/// Why an input is not an ARN yet, before its grammar is even looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub field: Field,
    pub kind: InputErrorKind,
}

/// Check one field's raw text, as typed, pasted or passed as a flag.
pub fn check(field: Field, raw: &str) -> Result<Cleaned<'_>, InputError> {
    let error = |kind| InputError { field, kind };
    let text = raw.trim_ascii();
    if text.is_empty() {
        return Err(error(InputErrorKind::Empty));
    }
    // Position of `text` in `raw`, in characters, for 1-based positions.
    // Only ASCII whitespace was trimmed, so its bytes are characters.
    let leading = raw.len() - raw.trim_ascii_start().len();
    let mut bad = text
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_ascii_graphic());
    if let Some((index, ch)) = bad.next() {
        return Err(error(InputErrorKind::BadChar(BadChar {
            ch,
            position: leading + index + 1,
            class: classify(ch),
            more: bad.count(),
        })));
    }
    // Only ASCII is left, so bytes are characters.
    let chars = raw.chars().count();
    if chars == MAX_INPUT_CHARS {
        return Err(error(InputErrorKind::Cut));
    }
    if text.len() > MAX_ARN_LEN {
        return Err(error(InputErrorKind::TooLong { chars: text.len() }));
    }
    Ok(Cleaned(text))
}

fn classify(c: char) -> CharClass {
    match c {
        ' ' => CharClass::Space,
        '\n' | '\r' => CharClass::LineBreak,
        c if c.is_ascii_whitespace() => CharClass::Tab,
        c if is_invisible(c) => CharClass::Invisible,
        c => match ascii_lookalike(c) {
            Some(ascii) => CharClass::Lookalike(ascii),
            None => CharClass::NotAscii,
        },
    }
}

/// Control and format characters: what a terminal never shows (see
/// `crate::sanitize`), and the other invisible ones a paste brings.
fn is_invisible(c: char) -> bool {
    crate::sanitize::is_unsafe(c)
        || matches!(c,
            '\u{00AD}'                  // soft hyphen
            | '\u{034F}'                // combining grapheme joiner
            | '\u{061C}'                // Arabic letter mark
            | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
            | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'   // Mongolian selectors and vowel separator
            | '\u{206A}'..='\u{206F}'   // deprecated format characters
            | '\u{FE00}'..='\u{FE0F}'   // variation selectors
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}' // tags and variation selectors
        )
}

/// `U+0430 CYRILLIC SMALL LETTER A`; controls, which Unicode leaves
/// unnamed, are `U+001B (a control character)`.
pub fn describe_code_point(c: char) -> String {
    match unicode_names2::name(c) {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None if c.is_control() => format!("U+{:04X} (a control character)", c as u32),
        None => format!("U+{:04X} (an unnamed character)", c as u32),
    }
}

/// An ASCII character as a sentence names it: in quotes, except a quote
/// itself, which in quotes would read as three.
fn named(ascii: char) -> String {
    match ascii {
        '"' => "a double quote".to_string(),
        '\'' => "a single quote".to_string(),
        other => format!("\"{other}\""),
    }
}

impl BadChar {
    fn message(&self) -> String {
        let at = self.position;
        let what = match self.class {
            CharClass::Space => format!("a space at position {at}"),
            CharClass::LineBreak => format!("a line break at position {at}"),
            CharClass::Tab => format!("a tab at position {at}"),
            CharClass::Invisible => format!(
                "the invisible character {} at position {at}",
                describe_code_point(self.ch)
            ),
            CharClass::Lookalike(' ') => format!(
                "{} at position {at}, which looks like a space",
                describe_code_point(self.ch)
            ),
            CharClass::Lookalike(ascii) => format!(
                "{} at position {at}, which looks like {} but is not",
                describe_code_point(self.ch),
                named(ascii)
            ),
            CharClass::NotAscii => format!(
                "{} at position {at}; ARNs are plain ASCII",
                describe_code_point(self.ch)
            ),
        };
        match self.more {
            0 => format!("contains {what}"),
            1 => format!("contains {what}, and 1 more character that no ARN holds"),
            n => format!("contains {what}, and {n} more characters that no ARN holds"),
        }
    }

    fn fix(&self) -> String {
        match self.class {
            CharClass::Space | CharClass::LineBreak | CharClass::Tab => {
                "Remove the spaces and line breaks inside the ARN (around it they are ignored)"
                    .to_string()
            }
            CharClass::Invisible => {
                "Delete it: it comes with text copied from a chat, a document or a web page. \
                 Retype that part of the ARN, or copy the ARN from the console or the AWS CLI"
                    .to_string()
            }
            CharClass::Lookalike('"' | '\'') if self.position == 1 || self.more == 0 => {
                "Remove the quotes around the ARN".to_string()
            }
            CharClass::Lookalike(' ') => "Delete it".to_string(),
            CharClass::Lookalike(ascii) => format!(
                "Type a plain {} instead, or copy the ARN from the console or the AWS \
                 CLI output rather than from a document that changes characters",
                named(ascii).trim_start_matches("a ")
            ),
            CharClass::NotAscii => "Copy the ARN again from the console or the AWS CLI output: \
                                    ARNs hold only ASCII letters, digits and : / - _ ."
                .to_string(),
        }
    }
}

impl InputError {
    /// What is wrong, to follow the field's name: "contains ...".
    pub fn message(&self) -> String {
        match &self.kind {
            InputErrorKind::Empty => "is empty".to_string(),
            InputErrorKind::Cut => format!(
                "was cut at {MAX_INPUT_CHARS} characters, the most a field holds: the paste was \
                 longer, and an ARN is at most {MAX_ARN_LEN}"
            ),
            InputErrorKind::TooLong { chars } => {
                format!("is {chars} characters long; an ARN is at most {MAX_ARN_LEN}")
            }
            InputErrorKind::BadChar(bad) => bad.message(),
        }
    }

    pub fn fix(&self) -> String {
        match &self.kind {
            InputErrorKind::Empty => format!("Paste an ARN like {}", self.field.example()),
            InputErrorKind::Cut | InputErrorKind::TooLong { .. } => {
                "Check that only the ARN was pasted".to_string()
            }
            InputErrorKind::BadChar(bad) => bad.fix(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}) {}. {}",
            self.field.label(),
            self.field.flag(),
            self.message(),
            self.fix()
        )
    }
}

impl std::error::Error for InputError {}

impl From<InputError> for ArnProblem {
    fn from(e: InputError) -> ArnProblem {
        super::problem::problem(e.field, e.message(), e.fix())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CH: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";

    fn error(raw: &str) -> InputError {
        check(Field::Channel, raw).expect_err(raw)
    }

    #[test]
    fn surrounding_ascii_whitespace_and_line_breaks_are_trimmed() {
        for raw in [
            CH.to_string(),
            format!("  {CH}\n"),
            format!("\r\n\t{CH}\r\n"),
        ] {
            assert_eq!(check(Field::Channel, &raw).map(|c| c.as_str()), Ok(CH));
        }
    }

    #[test]
    fn table_of_characters_no_arn_holds() {
        // (input, words the message must contain, words the fix must contain)
        let at = |i: usize, s: &str| {
            let mut t: Vec<char> = CH.chars().collect();
            t.insert(i, s.chars().next().unwrap_or(' '));
            t.into_iter().collect::<String>()
        };
        let replace = |i: usize, c: char| {
            let mut t: Vec<char> = CH.chars().collect();
            t[i] = c;
            t.into_iter().collect::<String>()
        };
        let cases: Vec<(String, &str, &str)> = vec![
            (
                replace(22, 'а'),
                "U+0430 CYRILLIC SMALL LETTER A at position 23, which looks like \"a\" but is not",
                "plain \"a\"",
            ),
            (
                replace(3, '：'),
                "U+FF1A FULLWIDTH COLON at position 4, which looks like \":\"",
                "plain \":\"",
            ),
            (
                replace(16, '–'),
                "U+2013 EN DASH at position 17, which looks like \"-\"",
                "plain \"-\"",
            ),
            (
                format!("“{CH}”"),
                "U+201C LEFT DOUBLE QUOTATION MARK at position 1, which looks like a double quote but is not",
                "Remove the quotes",
            ),
            (
                at(10, "\u{200B}"),
                "the invisible character U+200B ZERO WIDTH SPACE at position 11",
                "Delete it",
            ),
            (
                at(10, "\u{202E}"),
                "the invisible character U+202E RIGHT-TO-LEFT OVERRIDE at position 11",
                "Delete it",
            ),
            (
                at(5, "\u{1b}"),
                "the invisible character U+001B (a control character) at position 6",
                "Delete it",
            ),
            (
                at(5, "\u{FEFF}"),
                "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 6",
                "Delete it",
            ),
            (
                at(7, "\u{00A0}"),
                "U+00A0 NO-BREAK SPACE at position 8, which looks like a space",
                "Delete it",
            ),
            (
                replace(30, 'é'),
                "U+00E9 LATIN SMALL LETTER E WITH ACUTE at position 31; ARNs are plain ASCII",
                "ASCII letters",
            ),
            (at(10, " "), "a space at position 11", "inside the ARN"),
            (
                at(10, "\n"),
                "a line break at position 11",
                "inside the ARN",
            ),
            (at(10, "\t"), "a tab at position 11", "inside the ARN"),
            (
                format!("  {}", replace(22, 'а')),
                "at position 25",
                "plain \"a\"",
            ),
            (
                CH.replace('a', "а"),
                "and 5 more characters that no ARN holds",
                "plain \"a\"",
            ),
        ];
        for (raw, message, fix) in cases {
            let e = error(&raw);
            assert!(
                e.message().contains(message),
                "{raw:?}: {:?} lacks {message:?}",
                e.message()
            );
            assert!(
                e.fix().contains(fix),
                "{raw:?}: {:?} lacks {fix:?}",
                e.fix()
            );
        }
    }

    #[test]
    fn empty_too_long_and_cut() {
        assert_eq!(error(" \n ").kind, InputErrorKind::Empty);
        assert!(error("").fix().contains("arn:aws:chime:"));
        let long = format!("{CH}/{}", "x".repeat(MAX_ARN_LEN));
        let e = error(&long);
        assert_eq!(
            e.kind,
            InputErrorKind::TooLong {
                chars: long.chars().count()
            }
        );
        assert!(e.message().contains("an ARN is at most 1600"));
        // A field full to the limit was cut by the field.
        let full = "a".repeat(MAX_INPUT_CHARS);
        let e = error(&full);
        assert_eq!(e.kind, InputErrorKind::Cut);
        assert!(e.message().contains("was cut at 2048 characters"), "{e}");
        // Longer than the limit (a flag): just too long.
        let flag = "a".repeat(MAX_INPUT_CHARS + 1);
        assert!(matches!(error(&flag).kind, InputErrorKind::TooLong { .. }));
    }

    #[test]
    fn display_names_the_field_and_flag() {
        let e = check(Field::Member, "a b").expect_err("space");
        assert_eq!(
            e.to_string(),
            "member ARN (--member-arn) contains a space at position 2. Remove the spaces and \
             line breaks inside the ARN (around it they are ignored)"
        );
        let problem = ArnProblem::from(e);
        assert_eq!(problem.field, Field::Member);
        assert_eq!(problem.message, "contains a space at position 2");
    }

    proptest! {
        #[test]
        fn never_panics_and_never_accepts_a_control_or_format_character(raw in any::<String>()) {
            if let Ok(cleaned) = check(Field::Bearer, &raw) {
                let text = cleaned.as_str();
                prop_assert!(!text.is_empty());
                prop_assert!(text.chars().all(|c| c.is_ascii_graphic()), "{:?}", text);
                prop_assert_eq!(text, raw.trim_ascii());
            }
        }

        #[test]
        fn any_character_mixed_into_an_arn_is_named_at_its_position(
            index in 0..CH.len(),
            c in any::<char>().prop_filter("not an ARN character", |c| !c.is_ascii_graphic()),
        ) {
            let mut chars: Vec<char> = CH.chars().collect();
            chars.insert(index, c);
            let raw: String = chars.into_iter().collect();
            let result = check(Field::Channel, &raw);
            if c.is_ascii_whitespace() && index == 0 {
                prop_assert!(result.is_ok());
            } else {
                let e = result.expect_err("rejected");
                let InputErrorKind::BadChar(bad) = e.kind else {
                    return Err(TestCaseError::fail(format!("{e}")));
                };
                prop_assert_eq!(bad.ch, c);
                prop_assert_eq!(bad.position, index + 1);
                let message = e.message();
                prop_assert!(!message.chars().any(crate::sanitize::is_unsafe), "{:?}", message);
            }
        }
    }
}
