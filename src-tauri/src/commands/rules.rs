//! The rules a form holds to before it asks the core (which checks them
//! again), so the window never keeps its own copy of a number.

use serde::Serialize;
use ts_rs::TS;

use crate::error::IDLE_MINUTES;

#[derive(Serialize, TS)]
#[ts(export)]
pub struct AppRules {
    #[serde(flatten)]
    #[ts(flatten)]
    pub core: lifestory::Rules,
    /// The idle lock can be set from this many minutes…
    pub min_idle_minutes: u32,
    /// …to this many.
    pub max_idle_minutes: u32,
}

#[tauri::command]
pub fn rules() -> AppRules {
    AppRules { core: lifestory::rules::rules(), min_idle_minutes: *IDLE_MINUTES.start(), max_idle_minutes: *IDLE_MINUTES.end() }
}
