//! The people who can unlock the binder.

use lifestory::{KeyCost, Member, MemberAdded, MemberRemoved, People, Pruned, Role, SecretString};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Names and roles only: shown on the unlock screen before anyone unlocks.
#[tauri::command]
pub fn members(state: State<'_, AppState>) -> CommandResult<Vec<Member>> {
    state.with_binder(|b| b.members())
}

/// The members screen: who admitted whom, and whether membership is signed.
#[tauri::command]
pub fn people(state: State<'_, AppState>) -> CommandResult<People> {
    state.with_binder(|b| b.people())
}

/// The social worker's countersignature for a second carer.
#[tauri::command]
pub async fn approve_member(state: State<'_, AppState>, name: String) -> CommandResult<Member> {
    state.with_keys(|b, k| b.approve_member(k, &name))
}

#[tauri::command]
pub async fn add_member(state: State<'_, AppState>, name: String, role: Role, passphrase: String) -> CommandResult<MemberAdded> {
    let passphrase = SecretString::from(passphrase);
    state.with_keys(|b, k| b.add_member(k, &name, role, &passphrase, KeyCost::NORMAL))
}

#[tauri::command]
pub async fn remove_member(state: State<'_, AppState>, name: String) -> CommandResult<MemberRemoved> {
    state.with_keys(|b, k| b.remove_member(k, &name))
}

/// After a removal: a new backup, then every older one deleted.
#[tauri::command]
pub async fn prune_older_backups(state: State<'_, AppState>) -> CommandResult<Pruned> {
    state.with_keys(|b, k| b.prune_older_backups(k))
}

/// Change my own passphrase: the current one is checked (and counted like a
/// wrong unlock when wrong), the new one scored like any new passphrase.
#[tauri::command]
pub async fn change_passphrase(state: State<'_, AppState>, current: String, new: String) -> CommandResult<()> {
    let (current, new) = (SecretString::from(current), SecretString::from(new));
    state.with_keys(|b, k| b.change_own_passphrase(k, &current, &new, KeyCost::NORMAL))
}

/// A few random words to offer when a passphrase is refused as easy to
/// guess (made up now, never stored).
#[tauri::command]
pub fn suggest_passphrase() -> String {
    lifestory::passphrase::suggestion()
}
