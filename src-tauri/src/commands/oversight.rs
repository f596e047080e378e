//! The social worker's view: what changed, what waits for consent.

use lifestory::Oversight;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn oversight(state: State<'_, AppState>) -> CommandResult<Oversight> {
    state.with_keys(|b, k| b.oversight(k))
}

#[tauri::command]
pub async fn mark_seen(state: State<'_, AppState>) -> CommandResult<()> {
    state.with_keys(|b, k| b.mark_seen(k))
}
