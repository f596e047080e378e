//! Replays every input kept in tests/fuzz_regressions/<target>/ (seeds, and
//! any crash `scripts/fuzz` ever found) through the same code the fuzz
//! targets in fuzz/ drive. None may panic.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions").join(target);
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no inputs in {}", dir.display());
    found
}

/// A binder like the fuzz targets' own: carer Jo, cheap keys.
fn fuzz_binder() -> (tempfile::TempDir, lifestory::Binder, lifestory::Keyring) {
    let family = tempfile::tempdir().unwrap();
    let pass = || lifestory::SecretString::from("fuzz passphrase".to_owned());
    let (binder, _) = lifestory::Binder::create(
        &family.path().join("fuzz.binder"),
        lifestory::NewBinder { child_name: "Fuzz", member_name: "Jo", role: lifestory::Role::Carer, passphrase: pass(), cost: lifestory::KeyCost::insecure_for_tests() },
    )
    .unwrap();
    let keys = binder.unlock("Jo", &pass()).unwrap();
    (family, binder, keys)
}

#[test]
fn kept_picture_inputs_are_refused_or_imported_without_panic() {
    for (name, bytes) in inputs("picture") {
        let result = std::panic::catch_unwind(|| lifestory::picture::dry_run(&bytes));
        assert!(result.is_ok(), "{name} panicked");
    }
}

#[test]
fn kept_binder_inputs_open_or_fail_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in inputs("open_binder") {
        let path = dir.path().join(&name);
        std::fs::write(&path, &bytes).unwrap();
        let result = std::panic::catch_unwind(|| {
            let _ = lifestory::Binder::check(&path);
            lifestory::Binder::open(&path).map(|b| b.members().map(|m| m.len()))
        });
        assert!(result.is_ok(), "{name} panicked");
    }
}

#[test]
fn kept_markdown_inputs_render_without_raw_html() {
    for (name, bytes) in inputs("markdown") {
        let text = String::from_utf8_lossy(&bytes);
        let html = std::panic::catch_unwind(|| lifestory::markdown::to_html(&text)).unwrap_or_else(|_| panic!("{name} panicked"));
        assert!(!html.contains("<script"), "{name}: raw HTML rendered");
        assert!(!html.contains("javascript:"), "{name}: a script link rendered");
    }
}

#[test]
fn kept_change_file_inputs_are_refused_without_panic() {
    let (family, binder, keys) = fuzz_binder();
    let file = family.path().join("changes.lsc");
    for (name, bytes) in inputs("change_file") {
        std::fs::write(&file, &bytes).unwrap();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| binder.sync_import(&keys, &file)));
        assert!(matches!(result, Ok(Err(_))), "{name} panicked or was imported");
    }
}

#[test]
fn kept_sibling_offer_inputs_are_refused_without_panic() {
    let (_family, binder, keys) = fuzz_binder();
    let code = lifestory::GroupCode::generate();
    binder.link_siblings(&keys, &code).unwrap();
    for (name, bytes) in inputs("sibling_offer") {
        let sealed = lifestory::siblings::seal_offer_payload(&code, lifestory::KeyCost::insecure_for_tests(), &bytes);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            binder.import_from_sibling(&keys, &sealed, lifestory::Audience::EMPTY, None)
        }));
        assert!(matches!(result, Ok(Err(_))), "{name} panicked or was imported");
    }
}

#[path = "common/hostile_rows.rs"]
mod hostile_rows;

#[test]
fn kept_hostile_row_inputs_never_panic() {
    for (name, bytes) in inputs("hostile_rows") {
        let result = std::panic::catch_unwind(|| hostile_rows::run(&bytes));
        assert!(result.is_ok(), "{name} panicked");
    }
}

/// The same driver over generated values: each place, with bytes that are
/// not UTF-8, multi-byte characters where ids are sliced, odd-length and
/// non-ASCII hex, and proofs of real shape with wrong contents.
#[test]
fn generated_hostile_rows_never_panic() {
    let shapes: [&[u8]; 8] = [
        b"",
        b"\xff\xfe\xfd",
        "é".repeat(40).as_bytes().to_vec().leak(),
        br#"{"author":null,"by":null,"body":"0","key":"0","sig":"0"}"#,
        br#"{"by":"ab","sig":"g0"}"#,
        br#"{"by":null,"content":"ab","sig":"abc"}"#,
        b"[1,2,3]",
        b"\"\\u0000\"",
    ];
    for which in 0u8..7 {
        for shape in shapes {
            let input = [&[which][..], shape].concat();
            let result = std::panic::catch_unwind(|| hostile_rows::run(&input));
            assert!(result.is_ok(), "place {which}, value {:?} panicked", String::from_utf8_lossy(shape));
        }
    }
}
