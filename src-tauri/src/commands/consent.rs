//! "Who can see this?" and the consent ledger.

use lifestory::{Audience, Ledger, LedgerRecord};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Make a page visible to exactly `audience`. Widening needs `consent`:
/// how the young person agreed, written to the ledger.
#[tauri::command]
pub async fn set_audience(
    state: State<'_, AppState>,
    id: String,
    audience: Audience,
    consent: Option<String>,
) -> CommandResult<Option<LedgerRecord>> {
    state.with_keys(|b, k| b.set_audience(k, &id, audience, consent))
}

#[tauri::command]
pub async fn page_ledger(state: State<'_, AppState>, id: String) -> CommandResult<Ledger> {
    state.with_keys(|b, k| b.ledger(k, Some(&id)))
}
