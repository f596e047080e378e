//! The window may call exactly the app's own commands, plus the few plugin
//! permissions it needs: every command registered in `lib.rs` is declared
//! in `build.rs` (which makes it a permission) and granted in
//! `capabilities/main.json`, and nothing else is granted.
//!
//! (Being an integration test, this also makes `cargo test` build the app
//! binary, which the end-to-end tests then drive.)

use std::collections::BTreeSet;

const EXTRA: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten", "dialog:allow-open", "dialog:allow-save"];

fn source(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// `commands::area::name,` lines inside `generate_handler![…]`.
fn registered() -> BTreeSet<String> {
    let lib = source("src/lib.rs");
    let start = lib.find("generate_handler![").unwrap();
    let end = start + lib[start..].find("])").unwrap();
    lib[start..end].split(',').filter_map(|s| s.trim().rsplit("::").next()).filter(|s| !s.is_empty() && !s.contains('[')).map(String::from).collect()
}

fn declared() -> BTreeSet<String> {
    let build = source("build.rs");
    let start = build.find("COMMANDS").unwrap();
    let end = start + build[start..].find("];").unwrap();
    build[start..end].split('"').skip(1).step_by(2).map(String::from).collect()
}

fn granted() -> BTreeSet<String> {
    let cap: serde_json::Value = serde_json::from_str(&source("capabilities/main.json")).unwrap();
    cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect()
}

#[test]
fn every_command_is_declared_and_granted_and_nothing_else_is() {
    let registered = registered();
    assert!(registered.len() > 30, "found the command list: {registered:?}");
    assert_eq!(registered, declared(), "lib.rs and build.rs list different commands");
    let mut expected: BTreeSet<String> = registered.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    expected.extend(EXTRA.iter().map(|s| s.to_string()));
    assert_eq!(granted(), expected, "capabilities/main.json grants something else");
}

#[test]
fn the_app_binary_was_built() {
    assert!(std::path::Path::new(env!("CARGO_BIN_EXE_life-story-binder")).is_file());
}
