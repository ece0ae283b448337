//! The interactive inspector.
//!
//! Built like gitui and stu: the state ([`app::App`]) is plain data,
//! changed only by the pure [`update::update`] function, which answers each
//! message with effects; [`view::render`] draws the state and nothing else.
//! The event loop in `runtime` is the only part that touches the terminal,
//! the network or the clock.
//!
//! - `app`: the state: a stack of screens over the lookup screen;
//! - `captured`: a screen shown from a saved report, offline;
//! - `compare`: `d`, the changes since the last saved report;
//! - `screens`: one module per screen (`lookup`, `channel`), each with its
//!   state, update, view, keys and tests;
//! - `widgets`: what screens draw with (the list cursor, text fields,
//!   fitting, header, footer);
//! - `job`, `msg`: the one job type, messages and effects;
//! - `setup_cache`: the set-up facts behind the devices, kept across
//!   members while the TUI runs;
//! - `keymap`, `global_keys`, `help`: the one keymap and what it generates;
//! - `runtime`: the event loop, the job registry and the seam to the SDK.

pub mod app;
pub mod captured;
pub mod clipboard;
pub mod compare;
pub mod global_keys;
pub mod help;
pub mod highlight;
pub mod job;
pub mod keymap;
pub mod msg;
pub mod note;
pub mod options;
pub mod region;
mod runtime;
pub mod screens;
pub mod setup_cache;
mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod widgets;

pub use help::key_docs;
pub use runtime::{Clients, run};
