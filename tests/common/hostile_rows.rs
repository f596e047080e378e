//! One hostile value written into a real binder where a file's holder
//! could put it (a membership link, a page's proofs, a deletion's proof, a
//! page id, its dates), then everything a member does with the binder:
//! check, open, unlock, list, show, integrity, and an exchange into a clean
//! copy. Shared by the `hostile_rows` fuzz target and the regression test;
//! it must never panic.
//!
//! The first byte chooses where the rest goes.

use lifestory::{Audience, Binder, KeyCost, NewBinder, NewEntry, Role, SecretString, Section};

fn pass() -> SecretString {
    SecretString::from("hostile rows passphrase".to_owned())
}

pub fn run(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.binder");
    let clean = dir.path().join("clean.binder");
    {
        let (binder, _) = Binder::create(
            &path,
            NewBinder { child_name: "Hostile", member_name: "Jo", role: Role::Carer, passphrase: pass(), cost: KeyCost::insecure_for_tests() },
        )
        .unwrap();
        let jo = binder.unlock("Jo", &pass()).unwrap();
        binder.add_entry(&jo, NewEntry::narrative(Section::Present, "Kept", "words")).unwrap();
        let gone = binder.add_entry(&jo, NewEntry::narrative(Section::Past, "Gone", "words")).unwrap();
        binder.delete(&jo, &gone).unwrap();
        binder.backup_to(&clean).unwrap();
        let _ = Audience::EMPTY;
    }
    let text = String::from_utf8_lossy(rest).into_owned();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let signature = &rest[..rest.len().min(64)];
    let _ = match which % 7 {
        0 => conn.execute("INSERT INTO membership (seq, link, signature) SELECT max(seq) + 1, ?1, ?2 FROM membership", rusqlite::params![rest, signature]),
        1 => conn.execute("UPDATE entries SET content_proof = ?1", [&text]),
        2 => conn.execute("UPDATE entries SET sharing_proof = ?1", [&text]),
        3 => conn.execute("UPDATE sync_tombstones SET proof = ?1", [&text]),
        4 => conn.execute("UPDATE entries SET id = ?1", [&text]),
        5 => conn.execute("UPDATE entries SET updated_at = ?1, sort_date = ?1, created_at = ?1", [&text]),
        _ => conn.execute("UPDATE ledger SET member = ?1", [&text]),
    };
    drop(conn);

    let _ = Binder::check(&path);
    let Ok(binder) = Binder::open(&path) else { return };
    let _ = binder.integrity();
    let _ = binder.people();
    let Ok(jo) = binder.unlock("Jo", &pass()) else { return };
    if let Ok(listing) = binder.list(&jo, None) {
        for id in listing.entries.iter().map(|e| e.id.clone()).chain(listing.damaged.iter().cloned()) {
            let _ = binder.show(&jo, &id);
        }
    }
    let _ = binder.ledger(&jo, None);
    let change = dir.path().join("hostile.lsc");
    if binder.sync_export(&jo, &change).is_ok() {
        let target = Binder::open(&clean).unwrap();
        let keys = target.unlock("Jo", &pass()).unwrap();
        let _ = target.sync_import(&keys, &change);
        // Whatever came, the clean copy still reads.
        target.list(&keys, None).unwrap();
    }
}
