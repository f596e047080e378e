//! Help while writing: prompts and the kind-language check.

use lifestory::language::{Flag, Lang};
use lifestory::prompts::PromptStatus;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Prompts for the child's age, each with the pages that answer it.
#[tauri::command]
pub async fn prompts(state: State<'_, AppState>, lang: Lang) -> CommandResult<Vec<PromptStatus>> {
    state.with_keys(|b, k| b.prompts_for_child(k, lang))
}

/// Words that might label or blame, with kinder ones; fast enough for every keystroke.
#[tauri::command]
pub fn check_language(text: String) -> Vec<Flag> {
    lifestory::language::check(&text)
}
