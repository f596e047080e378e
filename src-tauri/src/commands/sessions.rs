//! Life story sessions: start, end with how it felt, look back.

use lifestory::{Feeling, SessionEnded, SessionLog};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn start_session(state: State<'_, AppState>, setting: String) -> CommandResult<String> {
    state.with_keys(|b, k| b.start_session(k, &setting))
}

#[tauri::command]
pub async fn end_session(state: State<'_, AppState>, feeling: Option<Feeling>, note: String) -> CommandResult<SessionEnded> {
    state.with_keys(|b, k| b.end_session_backed_up(k, feeling, &note))
}

#[tauri::command]
pub async fn sessions(state: State<'_, AppState>) -> CommandResult<SessionLog> {
    state.with_keys(|b, k| b.sessions(k))
}
