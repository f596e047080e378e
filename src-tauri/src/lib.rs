//! Life Story Binder's desktop shell: Tauri over the `lifestory` core.
//!
//! Start-up options (for the demo and the end-to-end tests):
//! - `--binder FILE` (or `LIFESTORY_BINDER`): open this binder at start.
//! - `LIFESTORY_BINDERS_FOLDER`: where new binders go (default
//!   `~/Documents/Life Story Binder`).
//! - `LIFESTORY_AUTO_LOCK_SECONDS`: idle time before the app locks (default 600).

pub mod commands;
pub mod error;
pub mod state;

use std::path::PathBuf;
use std::time::Duration;

use tauri::{Emitter, Manager};

use state::{AppState, Open, DEFAULT_IDLE};

pub fn run() {
    let args: Vec<String> = std::env::args().collect();
    let start_binder = args
        .iter()
        .position(|a| a == "--binder")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| std::env::var("LIFESTORY_BINDER").ok());
    let idle = std::env::var("LIFESTORY_AUTO_LOCK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_IDLE);

    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let folder = std::env::var_os("LIFESTORY_BINDERS_FOLDER").map(PathBuf::from).unwrap_or_else(|| {
                let docs = app.path().document_dir().or_else(|_| app.path().home_dir().map(|h| h.join("Documents")));
                docs.unwrap_or_else(|_| PathBuf::from(".")).join("Life Story Binder")
            });
            let state = AppState::new(folder, idle);
            if let Some(path) = &start_binder {
                // A binder that won't open is reported on the welcome screen
                // when the person tries again; start-up carries on.
                match lifestory::Binder::open(std::path::Path::new(path)) {
                    Ok(binder) => state.lock().open = Some(Open { binder, keys: None }),
                    Err(e) => eprintln!("Could not open {path}: {e}"),
                }
            }
            app.manage(state);
            watch_idle(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::binder::find_binders,
            commands::binder::open_binder,
            commands::binder::create_binder,
            commands::binder::save_recovery_sheet,
            commands::binder::forget_recovery_key,
            commands::binder::close_binder,
            commands::binder::current_binder,
            commands::members::members,
            commands::members::add_member,
            commands::members::change_passphrase,
            commands::members::suggest_passphrase,
            commands::members::remove_member,
            commands::members::prune_older_backups,
            commands::members::people,
            commands::members::approve_member,
            commands::unlock::unlock,
            commands::unlock::lock,
            commands::unlock::still_here,
            commands::unlock::set_idle_minutes,
            commands::pages::list_pages,
            commands::pages::show_page,
            commands::pages::add_page,
            commands::pages::edit_page,
            commands::pages::move_page,
            commands::pages::delete_page,
            commands::pages::parse_date,
            commands::pages::render_markdown,
            commands::pictures::add_picture,
            commands::pictures::page_pictures,
            commands::pictures::picture_bytes,
            commands::pictures::set_caption,
            commands::pictures::remove_picture,
            commands::consent::set_audience,
            commands::consent::page_ledger,
            commands::sessions::start_session,
            commands::sessions::end_session,
            commands::sessions::sessions,
            commands::oversight::oversight,
            commands::oversight::mark_seen,
            commands::book::preview_book,
            commands::book::export_book,
            commands::book::cancel_export,
            commands::book::open_book,
            commands::writing::prompts,
            commands::writing::check_language,
            commands::profile::profile,
            commands::profile::set_profile,
            commands::rules::rules,
            commands::preferences::preferences,
            commands::preferences::set_preferences,
            commands::siblings::sibling_group,
            commands::siblings::new_group_code,
            commands::siblings::link_siblings,
            commands::siblings::unlink_siblings,
            commands::siblings::offer_to_siblings,
            commands::siblings::preview_sibling_offer,
            commands::siblings::import_from_sibling,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Life Story Binder could not start: {e}");
            std::process::exit(1);
        });
}

/// Lock when idle, even if the window is frozen or hidden: the keys are
/// dropped here, and the UI is told so it can clear the screen.
fn watch_idle(app: tauri::AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(500));
        let state = app.state::<AppState>();
        let mut inner = state.lock();
        if inner.idle_expired() {
            inner.lock_keys();
            drop(inner);
            let _ = app.emit("locked", "idle");
        }
    });
}
