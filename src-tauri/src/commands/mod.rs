//! The commands the UI may call, one file per area. Each takes the open
//! binder from [`crate::state::AppState`], calls one core function and maps
//! its error to `{code, data, message}` (see [`crate::error`]). Logic belongs in the core, not here.

pub mod binder;
pub mod book;
pub mod consent;
pub mod members;
pub mod oversight;
pub mod pages;
pub mod pictures;
pub mod preferences;
pub mod profile;
pub mod rules;
pub mod sessions;
pub mod siblings;
pub mod unlock;
pub mod writing;
