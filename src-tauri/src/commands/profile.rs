//! The child's profile: names, date of birth, the book's title.

use lifestory::Profile;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn profile(state: State<'_, AppState>) -> CommandResult<Profile> {
    state.with_keys(|b, k| b.profile(k))
}

#[tauri::command]
pub async fn set_profile(state: State<'_, AppState>, profile: Profile) -> CommandResult<()> {
    state.with_keys(|b, k| b.set_profile(k, &profile))
}
