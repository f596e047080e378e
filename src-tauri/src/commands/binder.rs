//! Opening, creating and closing binder files.

use std::path::PathBuf;

use lifestory::{Binder, KeyCost, Member, NewBinder, Role, SecretString};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::{CommandError, CommandResult, Reason};
use crate::state::{AppState, Open};

/// A binder file the welcome screen can offer.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct BinderFile {
    pub path: String,
    /// The file's name without `.binder`.
    pub name: String,
}

#[derive(Deserialize, TS)]
#[ts(export)]
pub struct CreateBinder {
    pub child_name: String,
    pub member_name: String,
    pub role: Role,
    pub passphrase: String,
    /// Where to save it; `None` puts it in the binders folder, named for the child.
    pub path: Option<String>,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct Created {
    pub path: String,
    /// Shown once: it is not stored anywhere.
    pub recovery_key: String,
    pub members: Vec<Member>,
}

/// Binders in the binders folder, newest first.
#[tauri::command]
pub fn find_binders(state: State<'_, AppState>) -> CommandResult<Vec<BinderFile>> {
    Ok(lifestory::binder::find_binders(&state.binders_folder)
        .into_iter()
        .map(|path| BinderFile { name: file_stem(&path), path: path.display().to_string() })
        .collect())
}

/// Open a binder file (still locked) and say who can unlock it.
#[tauri::command]
pub async fn open_binder(state: State<'_, AppState>, path: String) -> CommandResult<Vec<Member>> {
    let binder = Binder::open(&PathBuf::from(&path))?;
    let members = binder.members()?;
    state.lock().open = Some(Open { binder, keys: None });
    Ok(members)
}

/// Create a binder. It stays locked: its first member unlocks it next, with
/// the passphrase they just chose.
#[tauri::command]
pub async fn create_binder(state: State<'_, AppState>, new: CreateBinder) -> CommandResult<Created> {
    let path = match new.path {
        Some(p) => PathBuf::from(p),
        None => lifestory::binder::new_binder_path(&state.binders_folder, &new.child_name)?,
    };
    let (binder, recovery) = Binder::create(
        &path,
        NewBinder {
            child_name: &new.child_name,
            member_name: &new.member_name,
            role: new.role,
            passphrase: SecretString::from(new.passphrase),
            cost: KeyCost::NORMAL,
        },
    )?;
    let created = Created {
        path: path.display().to_string(),
        recovery_key: recovery.reveal().to_string(),
        members: binder.members()?,
    };
    let mut inner = state.lock();
    inner.recovery = Some(recovery);
    inner.open = Some(Open { binder, keys: None });
    Ok(created)
}

/// Save the recovery sheet (once, right after creating) where the person chose.
#[tauri::command]
pub fn save_recovery_sheet(state: State<'_, AppState>, path: String) -> CommandResult<()> {
    let inner = state.lock();
    let recovery = inner.recovery.as_ref().ok_or_else(|| CommandError::from(Reason::NoRecoveryKey))?;
    let open = inner.open.as_ref().ok_or_else(CommandError::no_binder)?;
    Ok(open.binder.write_recovery_sheet(&PathBuf::from(path), recovery)?)
}

/// The person has kept the key safe: drop it from memory.
#[tauri::command]
pub fn forget_recovery_key(state: State<'_, AppState>) {
    state.lock().recovery = None;
}

/// Close the binder: keys dropped, file closed.
#[tauri::command]
pub fn close_binder(state: State<'_, AppState>) {
    let mut inner = state.lock();
    inner.open = None;
    inner.recovery = None;
}

fn file_stem(path: &std::path::Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The binder the app was started with, if any (`--binder FILE`), and who
/// can unlock it: the welcome screen skips straight to "who are you?".
#[derive(Serialize, TS)]
#[ts(export)]
pub struct Current {
    pub file: BinderFile,
    pub members: Vec<Member>,
    pub unlocked: bool,
}

#[tauri::command]
pub fn current_binder(state: State<'_, AppState>) -> CommandResult<Option<Current>> {
    let inner = state.lock();
    let Some(open) = inner.open.as_ref() else { return Ok(None) };
    let path = open.binder.path();
    Ok(Some(Current {
        file: BinderFile { name: file_stem(path), path: path.display().to_string() },
        members: open.binder.members()?,
        unlocked: open.keys.is_some(),
    }))
}
