//! chime-prefs: inspect and explain Amazon Chime SDK channel membership
//! push-notification preferences.

pub mod arn;
pub mod error;
pub mod explain;
pub mod model;
pub mod sanitize;
pub mod aws;
pub mod config;
pub mod output;
