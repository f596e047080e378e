//! Brothers and sisters: the family's group code, offering a page to them,
//! importing a page they offered. The offered file comes in as bytes from
//! the window (picked or dropped), like pictures.

use lifestory::{Audience, FromSibling, GroupCode, KeyCost, Offer, OfferPreview, Offered};
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::error::{Arrived, CommandError, CommandResult, Reason};
use crate::state::AppState;

/// The group code this binder is linked to, as people read it, if any.
#[tauri::command]
pub async fn sibling_group(state: State<'_, AppState>) -> CommandResult<Option<String>> {
    state.with_keys(|b, k| Ok(b.sibling_group(k)?.map(|c| c.display())))
}

/// A new code for a family whose binders are not linked yet.
#[tauri::command]
pub fn new_group_code() -> String {
    GroupCode::generate().display()
}

#[tauri::command]
pub async fn link_siblings(state: State<'_, AppState>, code: String) -> CommandResult<String> {
    state.with_keys(|b, k| {
        let code = GroupCode::parse(&code)?;
        b.link_siblings(k, &code)?;
        Ok(code.display())
    })
}

#[tauri::command]
pub async fn unlink_siblings(state: State<'_, AppState>) -> CommandResult<()> {
    state.with_keys(|b, k| b.unlink_siblings(k))
}

/// Offer a page: the file goes into the binders folder.
#[tauri::command]
pub async fn offer_to_siblings(state: State<'_, AppState>, id: String, offer: Offer) -> CommandResult<Offered> {
    state.with_keys(|b, k| b.offer_to_siblings_in(k, &id, offer, KeyCost::NORMAL, &state.binders_folder))
}

/// Open an offered page's file (the body) and say what it holds; it is
/// kept, still encrypted, for `import_from_sibling`.
#[tauri::command]
pub async fn preview_sibling_offer(state: State<'_, AppState>, request: Request<'_>) -> CommandResult<OfferPreview> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Reason::NothingArrived { what: Arrived::File }.into());
    };
    let preview = state.with_keys(|b, k| b.preview_sibling_offer(k, bytes))?;
    state.lock().pending_offer = Some(bytes.clone());
    Ok(preview)
}

/// Import the page last previewed, shared with `share` here.
#[tauri::command]
pub async fn import_from_sibling(state: State<'_, AppState>, share: Audience, consent: Option<String>) -> CommandResult<FromSibling> {
    let offer = state.lock().pending_offer.take().ok_or_else(|| CommandError::from(Reason::NoOfferChosen))?;
    state.with_keys(|b, k| b.import_from_sibling(k, &offer, share, consent))
}
