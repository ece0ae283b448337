//! Printing lookups and errors for `get` (text for people, JSON for scripts).

pub(crate) mod diagnosis;
pub(crate) mod filter_text;
pub mod json;
pub mod text;

/// `--output` for `get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}
