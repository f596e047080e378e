//! Any bytes as what an offered page holds once it opens with the family's
//! code (the manifest and pictures): whoever has the code can write
//! anything there, so import must refuse it with a typed error, never panic.
#![no_main]
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use lifestory::{Audience, Binder, GroupCode, KeyCost, Keyring, NewBinder, Role, SecretString};

struct Target {
    _dir: tempfile::TempDir,
    binder: Binder,
    keys: Keyring,
    code: GroupCode,
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
        let code = GroupCode::generate();
        binder.link_siblings(&keys, &code).unwrap();
        Mutex::new(Target { _dir: dir, binder, keys, code })
    })
}

fuzz_target!(|data: &[u8]| {
    let target = target().lock().unwrap();
    let sealed = lifestory::siblings::seal_offer_payload(&target.code, KeyCost::insecure_for_tests(), data);
    let _ = target.binder.import_from_sibling(&target.keys, &sealed, Audience::EMPTY, None);
});
