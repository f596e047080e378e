//! Any bytes as a sync change file: import refuses them with a typed error
//! and never panics (the "bundle import" of the reliability suite).
#![no_main]
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use lifestory::{Binder, KeyCost, Keyring, NewBinder, Role, SecretString};

struct Target {
    _dir: tempfile::TempDir,
    binder: Binder,
    keys: Keyring,
    file: std::path::PathBuf,
}

fn target() -> &'static Mutex<Target> {
    static TARGET: OnceLock<Mutex<Target>> = OnceLock::new();
    TARGET.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pass = || SecretString::from("fuzz passphrase".to_owned());
        let (binder, _) = Binder::create(
            &dir.path().join("fuzz.binder"),
            NewBinder { child_name: "Fuzz", member_name: "Jo", role: Role::Carer, passphrase: pass(), cost: KeyCost::insecure_for_tests() },
        )
        .unwrap();
        let keys = binder.unlock("Jo", &pass()).unwrap();
        let file = dir.path().join("changes.lsc");
        Mutex::new(Target { _dir: dir, binder, keys, file })
    })
}

fuzz_target!(|data: &[u8]| {
    let target = target().lock().unwrap();
    std::fs::write(&target.file, data).unwrap();
    let _ = target.binder.sync_import(&target.keys, &target.file);
});
