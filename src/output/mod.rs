//! Printing lookups and errors for `get` (text for people, JSON for scripts).

pub mod aws_cli;
pub mod diagnosis;
pub mod filter_text;
pub mod json;
pub mod text;

/// `--output` for `get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}
