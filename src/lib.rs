//! chime-prefs: inspect and explain Amazon Chime SDK channel membership
//! push-notification preferences.

// Nothing from outside the program may panic it: the few deliberate
// exceptions say why where they stand. Tests may unwrap.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod arn;
pub mod aws;
mod aws_cli_command;
pub mod cli;
pub mod commands;
pub mod config;
pub mod demo_service;
pub mod diagnose;
pub mod error;
pub mod explain;
pub mod filter;
pub mod history;
pub mod logging;
pub mod member;
pub mod model;
pub mod operation;
pub mod output;
pub mod policy;
pub mod report;
pub mod sanitize;
pub mod scan;
mod stop_signals;
mod text_fit;
pub mod tui;
