//! Arguments that take JSON text, `@FILE` or `@-` (stdin): `filter check
//! --rule/--attributes` and `diagnose --attributes`.

use std::io::{self, IsTerminal, Read};

use crate::filter::{self, Attributes};

/// More than this from a file or stdin is not a rule or attributes anyone
/// means to check (Chime's limits are 2 KB and 1 KB); refusing it keeps
/// `@/dev/zero` from eating memory.
const MAX_INPUT_BYTES: u64 = 1024 * 1024;

/// Message attributes from `flag`'s value (text, `@FILE` or `@-`); an
/// `Err` is the message for exit code 2.
pub(crate) fn read_attributes(flag: &str, value: &str) -> Result<Attributes, String> {
    let source = Source::of(value);
    let text = source.read(flag, "message attributes")?;
    filter::parse_attributes(&text).map_err(|e| {
        let hint = file_hint(flag, &text)
            .map(|h| format!("\nhint: {h}"))
            .unwrap_or_default();
        format!("{flag}{}: {e}{hint}", source.label())
    })
}

/// When an inline value that is not JSON looks like a file name (it names
/// a file that exists, or ends in `.json`), the `@` it lacks.
pub(crate) fn file_hint(flag: &str, value: &str) -> Option<String> {
    let looks_like_json = value.trim_start().starts_with(['{', '[', '"']);
    if value.starts_with('@') || looks_like_json || value.contains(char::is_whitespace) {
        return None;
    }
    let exists = std::path::Path::new(value).is_file();
    (exists || value.to_ascii_lowercase().ends_with(".json")).then(|| {
        let safe = crate::sanitize::line(value);
        format!(
            "{flag} takes JSON text; to read the file {safe}, write {flag} @{safe} (@- reads stdin)"
        )
    })
}

/// Where an argument's text comes from.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Source<'a> {
    Inline(&'a str),
    File(&'a str),
    Stdin,
}

impl<'a> Source<'a> {
    /// `@-` is stdin, `@PATH` a file, anything else the text itself (JSON
    /// never starts with `@`).
    pub(crate) fn of(value: &'a str) -> Source<'a> {
        match value.strip_prefix('@') {
            Some("-") => Source::Stdin,
            Some(path) => Source::File(path),
            None => Source::Inline(value),
        }
    }

    /// ` (stdin)`, ` (file rule.json)` or nothing, for messages.
    pub(crate) fn label(&self) -> String {
        match self {
            Source::Inline(_) => String::new(),
            Source::File(path) => format!(" (file {path})"),
            Source::Stdin => " (stdin)".to_string(),
        }
    }

    /// The text, non-empty. Text from a file or stdin loses a leading UTF-8
    /// BOM and its trailing line breaks, which editors and `echo` add but a
    /// FilterRule sent to Chime would not carry.
    pub(crate) fn read(&self, flag: &str, what: &str) -> Result<String, String> {
        let text = match self {
            Source::Inline(text) => (*text).to_string(),
            Source::File("") => {
                return Err(format!(
                    "{flag} @ needs a file name: @FILE reads a file, @- reads stdin"
                ));
            }
            Source::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| {
                    let hint = if path.starts_with('~') && e.kind() == io::ErrorKind::NotFound {
                        " (the shell does not expand ~ after @: write @$HOME/...)"
                    } else {
                        ""
                    };
                    format!("{flag} @{path}: cannot open the file: {e}{hint}")
                })?;
                cleaned(read_capped(file, flag, &self.label())?, flag, &self.label())?
            }
            Source::Stdin => {
                let stdin = io::stdin();
                if stdin.is_terminal() {
                    eprintln!("Reading the {what} from stdin; end with Ctrl-D.");
                }
                cleaned(
                    read_capped(stdin.lock(), flag, &self.label())?,
                    flag,
                    &self.label(),
                )?
            }
        };
        if text.trim().is_empty() {
            return Err(format!(
                "{flag}{} is empty: give the {what} as JSON text, @FILE or @-",
                self.label()
            ));
        }
        Ok(text)
    }
}

fn read_capped(reader: impl Read, flag: &str, label: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{flag}{label}: cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{flag}{label}: more than {} KiB; a FilterRule is at most {} bytes and message \
             attributes at most {} bytes",
            MAX_INPUT_BYTES / 1024,
            filter::MAX_RULE_BYTES,
            filter::MAX_ATTRIBUTES_BYTES
        ));
    }
    Ok(bytes)
}

fn cleaned(bytes: Vec<u8>, flag: &str, label: &str) -> Result<String, String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{flag}{label}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources() {
        assert_eq!(Source::of("@-"), Source::Stdin);
        assert_eq!(Source::of("@r.json"), Source::File("r.json"));
        assert_eq!(Source::of("{}"), Source::Inline("{}"));
        assert_eq!(Source::of("@"), Source::File(""));
    }

    #[test]
    fn a_file_name_without_its_at_gets_a_hint() {
        let hint = file_hint("--rule", "rule.json").expect("hint");
        assert_eq!(
            hint,
            "--rule takes JSON text; to read the file rule.json, write --rule @rule.json (@- reads stdin)"
        );
        // An existing file, whatever its name.
        let path = std::env::temp_dir().join(format!("chime-prefs-hint-{}", std::process::id()));
        std::fs::write(&path, "{}").unwrap();
        let name = path.display().to_string();
        assert!(file_hint("--attributes", &name).is_some_and(|h| h.contains(&format!("@{name}"))));
        let _ = std::fs::remove_file(&path);
        for not_a_file in [
            "@rule.json",
            "{\"m\": [",
            "[1]",
            "\"x\"",
            "mention Bob",
            "nonsense",
        ] {
            assert_eq!(file_hint("--rule", not_a_file), None, "{not_a_file}");
        }
    }

    #[test]
    fn cleaning_drops_bom_and_trailing_line_breaks_only() {
        let text = cleaned(b"\xef\xbb\xbf{ }\r\n\n".to_vec(), "--rule", "").unwrap();
        assert_eq!(text, "{ }");
        assert_eq!(cleaned(b"  {}\n".to_vec(), "--rule", "").unwrap(), "  {}");
        let err = cleaned(b"{\"a\xff\"}".to_vec(), "--rule", " (stdin)").unwrap_err();
        assert_eq!(
            err,
            "--rule (stdin): not UTF-8 text (invalid byte at offset 3)"
        );
    }

    #[test]
    fn json_stays_equal_but_loses_raw_terminal_controls() {
        let value = serde_json::json!({"k": "a\u{1b}\u{9b}\u{7f}\u{202e}\u{feff}é\n"});
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let safe = crate::output::json::terminal_safe(&pretty);
        assert!(
            !safe
                .chars()
                .any(|c| crate::sanitize::is_unsafe(c) && c != '\n')
        );
        assert!(safe.contains("\\u009b\\u007f\\u202e\\ufeffé"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn input_over_the_cap_is_refused() {
        let big = vec![b' '; MAX_INPUT_BYTES as usize + 1];
        let err = read_capped(big.as_slice(), "--rule", "").unwrap_err();
        assert!(err.contains("more than 1024 KiB"), "{err}");
        let ok = vec![b' '; MAX_INPUT_BYTES as usize];
        assert!(read_capped(ok.as_slice(), "--rule", "").is_ok());
    }
}
