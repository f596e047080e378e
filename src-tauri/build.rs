// Declaring the app's commands makes each one a permission: the UI may call
// only those its capability (capabilities/main.json) grants.
const COMMANDS: &[&str] = &[
    "find_binders", "open_binder", "create_binder", "save_recovery_sheet", "forget_recovery_key",
    "close_binder", "current_binder", "members", "add_member", "change_passphrase", "suggest_passphrase", "remove_member", "prune_older_backups", "people", "approve_member", "unlock", "lock", "still_here", "set_idle_minutes",
    "list_pages", "show_page", "add_page", "edit_page", "move_page", "delete_page", "parse_date",
    "render_markdown", "add_picture", "page_pictures", "picture_bytes", "set_caption", "remove_picture",
    "set_audience", "page_ledger", "start_session", "end_session", "sessions", "oversight", "mark_seen",
    "preview_book", "export_book", "cancel_export", "open_book", "prompts", "check_language", "profile",
    "set_profile", "rules", "preferences", "set_preferences", "sibling_group", "new_group_code", "link_siblings", "unlink_siblings",
    "offer_to_siblings", "preview_sibling_offer", "import_from_sibling",
];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri build script");
}
