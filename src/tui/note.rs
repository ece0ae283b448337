//! A message for the footer: what screens, the offline state and the
//! update function say in answer to a key. Depends on nothing in the TUI,
//! so that everything may use it.

/// A message for the footer, with a shorter form for narrow terminals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub short: Option<String>,
}

impl From<String> for Note {
    fn from(text: String) -> Note {
        Note { text, short: None }
    }
}

impl From<&str> for Note {
    fn from(text: &str) -> Note {
        Note::from(text.to_string())
    }
}
