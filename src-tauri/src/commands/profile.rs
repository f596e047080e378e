//! The child's profile: names, date of birth, the book's title.

use lifestory::Profile;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CommandResult;
use crate::state::AppState;

/// The profile, with the name the window calls the child by in its
/// sentences, as the core decides it ([`Profile::first_name`]).
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ChildProfile {
    #[serde(flatten)]
    #[ts(flatten)]
    pub profile: Profile,
    pub first_name: String,
}

#[tauri::command]
pub async fn profile(state: State<'_, AppState>) -> CommandResult<ChildProfile> {
    state.with_keys(|b, k| {
        let profile = b.profile(k)?;
        Ok(ChildProfile { first_name: profile.first_name().to_owned(), profile })
    })
}

#[tauri::command]
pub async fn set_profile(state: State<'_, AppState>, profile: Profile) -> CommandResult<()> {
    state.with_keys(|b, k| b.set_profile(k, &profile))
}
