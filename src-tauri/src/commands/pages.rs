//! Reading and writing pages.

use lifestory::{ApproxDate, Entry, EntryEdit, Listing, NewEntry, Section};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_pages(state: State<'_, AppState>, section: Option<Section>) -> CommandResult<Listing> {
    state.with_keys(|b, k| b.list(k, section))
}

#[tauri::command]
pub async fn show_page(state: State<'_, AppState>, id: String) -> CommandResult<Entry> {
    state.with_keys(|b, k| b.show(k, &id))
}

#[tauri::command]
pub async fn add_page(state: State<'_, AppState>, page: NewEntry) -> CommandResult<String> {
    state.with_keys(|b, k| b.add_entry(k, page))
}

#[tauri::command]
pub async fn edit_page(state: State<'_, AppState>, id: String, edit: EntryEdit) -> CommandResult<()> {
    state.with_keys(|b, k| b.edit(k, &id, edit))
}

/// Move a page just before (or after) another page the reader sees.
#[tauri::command]
pub async fn move_page(state: State<'_, AppState>, id: String, neighbour: String, after: bool) -> CommandResult<()> {
    state.with_keys(|b, k| b.move_next_to(k, &id, &neighbour, after))
}

#[tauri::command]
pub async fn delete_page(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_keys(|b, k| b.delete(k, &id))
}

/// How the app understood a typed date ("summer 2019").
#[tauri::command]
pub fn parse_date(text: String) -> CommandResult<ApproxDate> {
    Ok(ApproxDate::parse(&text)?)
}

/// A page's Markdown as safe HTML (raw HTML is shown as text).
#[tauri::command]
pub fn render_markdown(markdown: String) -> String {
    lifestory::markdown::to_html(&markdown)
}
