//! Printing the book: page count first, then the PDF with progress and cancel.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use lifestory::book::{BookOptions, BookPreview, BookReport, Progress};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult, Reason};
use crate::state::AppState;

#[tauri::command]
pub async fn preview_book(state: State<'_, AppState>, options: BookOptions) -> CommandResult<BookPreview> {
    state.with_keys(|b, k| b.preview_book(k, &options))
}

/// Write the book to `path` (or a new file in the binders folder), sending
/// progress on `progress` until done or cancelled with `cancel_export`.
#[tauri::command]
pub async fn export_book(
    state: State<'_, AppState>,
    options: BookOptions,
    path: Option<String>,
    progress: Channel<Progress>,
) -> CommandResult<BookReport> {
    let out = match path {
        Some(p) => PathBuf::from(p),
        None => lifestory::book::new_book_path(&state.binders_folder, options.audience)?,
    };
    let cancel = state.cancel_export.clone();
    cancel.store(false, Ordering::SeqCst);
    let report = state.with_keys(|b, k| {
        b.export_book(k, &options, &out, &mut |p| {
            let _ = progress.send(p);
            if cancel.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
    })?;
    state.lock().last_book = Some(report.path.clone());
    Ok(report)
}

#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    state.cancel_export.store(true, Ordering::SeqCst);
}

/// Open the book just exported in the system's PDF viewer.
#[tauri::command]
pub fn open_book(app: AppHandle, state: State<'_, AppState>) -> CommandResult<()> {
    let path = state.lock().last_book.clone().ok_or_else(|| CommandError::from(Reason::NoBookYet))?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| CommandError::cannot_open_book(&path, e))
}
