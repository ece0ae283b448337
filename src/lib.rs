//! chime-prefs: inspect and explain Amazon Chime SDK channel membership
//! push-notification preferences.

pub mod arn;
pub mod aws;
pub mod aws_cli_command;
pub mod cli;
pub mod commands;
pub mod config;
pub mod demo_service;
pub mod diagnose;
pub mod error;
pub mod explain;
pub mod filter;
pub mod logging;
pub mod member;
pub mod model;
pub mod operation;
pub mod output;
pub mod sanitize;
pub mod scan;
pub mod stop_signals;
pub mod text_fit;
pub mod tui;
