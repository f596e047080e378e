//! Pictures: added as bytes from the window (dropped or picked), shown as
//! bytes. The web side never gets a file path or file system access.

use lifestory::{Picture, Size};
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::State;

use crate::error::{Arrived, CommandResult, Reason};
use crate::state::AppState;

/// Add one picture to a page. The body is the image file's bytes; the page
/// id comes as the `page` header. Captions are set with `set_caption`.
#[tauri::command]
pub async fn add_picture(state: State<'_, AppState>, request: Request<'_>) -> CommandResult<String> {
    let InvokeBody::Raw(image) = request.body() else {
        return Err(Reason::NothingArrived { what: Arrived::Picture }.into());
    };
    let page = request.headers().get("page").and_then(|v| v.to_str().ok()).unwrap_or("");
    state.with_keys(|b, k| b.attach_picture(k, page, image, ""))
}

#[tauri::command]
pub async fn page_pictures(state: State<'_, AppState>, page: String) -> CommandResult<Vec<Picture>> {
    state.with_keys(|b, k| b.pictures(k, &page))
}

/// A picture's bytes, for an `<img>` through a blob URL (kept in memory, never cached to disk).
#[tauri::command]
pub async fn picture_bytes(state: State<'_, AppState>, id: String, size: Size) -> CommandResult<Response> {
    let copy = state.with_keys(|b, k| b.picture_copy(k, &id, size))?;
    Ok(Response::new(copy.bytes.to_vec()))
}

#[tauri::command]
pub async fn set_caption(state: State<'_, AppState>, id: String, caption: String) -> CommandResult<()> {
    state.with_keys(|b, k| b.set_caption(k, &id, &caption))
}

#[tauri::command]
pub async fn remove_picture(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_keys(|b, k| b.remove_picture(k, &id))
}
