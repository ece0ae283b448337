//! The interactive inspector.
//!
//! Built like gitui and stu: the state ([`state::App`]) is plain data,
//! changed only by the pure [`update::update`] function, which answers each
//! message with effects; [`view::render`] draws the state and nothing else.
//! The event loop in `runtime` is the only part that touches the terminal,
//! the network or the clock.

pub mod clipboard;
pub mod highlight;
pub mod keymap;
pub mod layout;
pub mod msg;
mod runtime;
pub mod state;
mod terminal;
pub mod theme;
pub mod update;
pub mod view;

pub use runtime::{Clients, run};
