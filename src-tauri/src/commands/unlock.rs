//! Unlocking, locking and the idle lock.

use std::time::{Duration, Instant};

use lifestory::{Role, SecretString};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::{CommandError, CommandResult, Reason, IDLE_MINUTES};
use crate::state::AppState;

/// Who is using the app now.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct Me {
    pub name: String,
    pub role: Role,
    /// How long the app may sit idle before it locks itself.
    pub idle_seconds: u32,
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, member: String, passphrase: String) -> CommandResult<Me> {
    let passphrase = SecretString::from(passphrase);
    let mut inner = state.lock();
    let inner = &mut *inner;
    let open = inner.open.as_mut().ok_or_else(CommandError::no_binder)?;
    let keys = open.binder.unlock_guarded(&member, &passphrase)?;
    let me = Me {
        name: keys.actor().display_name().to_owned(),
        role: keys.actor().role(),
        idle_seconds: inner.idle_limit.as_secs() as u32,
    };
    open.keys = Some(keys);
    inner.last_active = Instant::now();
    Ok(me)
}

/// Lock now: the keys are dropped, the binder stays open for the next person.
#[tauri::command]
pub fn lock(state: State<'_, AppState>) {
    state.lock().lock_keys();
}

/// The person is still at the screen (typing, moving the mouse): push the
/// idle lock back. Fails with `locked` if it already fired.
#[tauri::command]
pub fn still_here(state: State<'_, AppState>) -> CommandResult<()> {
    state.with_keys(|_, _| Ok(()))
}

/// Change how long the app may sit idle before it locks ([`IDLE_MINUTES`]).
#[tauri::command]
pub fn set_idle_minutes(state: State<'_, AppState>, minutes: u32) -> CommandResult<u32> {
    if !IDLE_MINUTES.contains(&minutes) {
        return Err(Reason::IdleMinutesOutOfRange { min: *IDLE_MINUTES.start(), max: *IDLE_MINUTES.end() }.into());
    }
    state.with_keys(|_, _| Ok(()))?;
    state.lock().idle_limit = Duration::from_secs(u64::from(minutes) * 60);
    Ok(minutes * 60)
}
