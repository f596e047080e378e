//! Any bytes as a binder file: open, check and list members never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.binder");
    std::fs::write(&path, data).unwrap();
    let _ = lifestory::Binder::check(&path);
    if let Ok(binder) = lifestory::Binder::open(&path) {
        let _ = binder.members();
    }
});
