//! A member's own settings: interface language, text size, the
//! dyslexia-friendly font. Remembered in the binder, per member.

use lifestory::Preferences;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn preferences(state: State<'_, AppState>) -> CommandResult<Preferences> {
    state.with_keys(|b, k| b.preferences(k))
}

#[tauri::command]
pub async fn set_preferences(state: State<'_, AppState>, preferences: Preferences) -> CommandResult<Preferences> {
    state.with_keys(|b, k| b.set_preferences(k, preferences))
}
