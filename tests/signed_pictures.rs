//! Pictures against insiders (schema 13). Everyone a page is shared with
//! holds its data key, so a carer who can read the social worker's page
//! can seal a picture's info and copies to it with the `age` CLI and put
//! them in with `sqlite3` (docs/FORMAT.md says where). Only the picture's
//! signature, by someone the page's rules let change its pictures, tells
//! the two apart: a forged or unsigned one is refused when read, `check`
//! names it, and a change file carrying one, or an unsigned removal, is
//! refused whole with nothing applied.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{family, pass, Family, SOCIAL_WORKER};
use lifestory::{Audience, Binder, Party, Role, Section, Size};

fn sqlite3(path: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3").arg(path).arg(sql).output().expect("sqlite3 runs");
    assert!(out.status.success(), "sqlite3 {sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn sh(dir: &Path, script: &str) {
    let out = Command::new("bash").arg("-euo").arg("pipefail").arg("-c").arg(script).current_dir(dir).output().expect("bash");
    assert!(out.status.success(), "{script}\n{}", String::from_utf8_lossy(&out.stderr));
}

const FORGED: &str = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
const FORGED_CAPTION: &str = "FORGED-CAPTION-MARKER-42";

/// The social worker's page shared with the carer, with a picture of hers.
fn priyas_page_with_a_picture(f: &Family) -> (String, String) {
    let page = f.add(Role::SocialWorker, Section::Past, "Where you were born", "BORN-PAGE-MARKER-31", Audience::only(Party::Carer));
    let photo = common::fixtures::jpeg(&common::fixtures::photo(160, 120, 3), 90);
    let picture = f.binder.attach_picture(&f.social_worker, &page, &photo, "The hospital").unwrap();
    (page, picture)
}

/// As the carer: open the page's key row with her role key, seal a picture
/// info of her own to the page's data key with the `age` CLI, and insert it
/// beside the real picture (reusing its copies, so every hash in the info
/// is right), copying the real picture's proof. (Her role key is taken
/// from the recovery sheet here only because a script cannot type her
/// passphrase; she holds that key whenever she unlocks.)
fn carer_adds_a_picture_with_age_and_sqlite(f: &Family, path: &Path, page: &str, real: &str) {
    let work = tempfile::tempdir().unwrap();
    let sheet = work.path().join("sheet.txt");
    std::fs::write(&sheet, f.recovery.reveal().as_bytes()).unwrap();
    let b = path.display();
    sh(work.path(), &format!(
        "grep -o 'AGE-SECRET-KEY-1[0-9A-Z]*' sheet.txt > recovery.key
         sqlite3 -readonly '{b}' \"SELECT writefile('role.age', recovery_wrap) FROM role_keys WHERE role = 'carer'\" >/dev/null
         age -d -i recovery.key role.age | grep -o 'AGE-SECRET-KEY-1[0-9A-Z]*' > role.key
         sqlite3 -readonly '{b}' \"SELECT writefile('key.age', wrap) FROM entry_keys WHERE entry_id = '{page}' AND role = 'carer'\" >/dev/null
         age -d -i role.key key.age | grep -o 'AGE-SECRET-KEY-1[0-9A-Z]*' > page.key
         age-keygen -y page.key > page.pub
         sqlite3 -readonly '{b}' \"SELECT writefile('info.age', info) FROM pictures WHERE id = '{real}'\" >/dev/null
         age -d -i page.key info.age | sed 's/{real}/{FORGED}/g; s/\"caption\":\"[^\"]*\"/\"caption\":\"{FORGED_CAPTION}\"/' | age -R page.pub > forged.age
         sqlite3 '{b}' \"INSERT INTO pictures (id, entry_id, position, fingerprint, info, created_at, proof)
                        SELECT '{FORGED}', entry_id, position + 1, randomblob(32), readfile('forged.age'), created_at, proof FROM pictures WHERE id = '{real}';
                      INSERT INTO picture_copies (picture_id, size, data) SELECT '{FORGED}', size, data FROM picture_copies WHERE picture_id = '{real}';\""
    ));
}

fn office_copy(f: &Family) -> (PathBuf, Binder) {
    let path = f.dir.path().join("office.binder");
    f.binder.backup_to(&path).unwrap();
    let office = Binder::open(&path).unwrap();
    (path, office)
}

fn pictures_state(path: &Path) -> String {
    sqlite3(path, "SELECT group_concat(id || hex(info) || coalesce(proof, ''), ';') FROM (SELECT * FROM pictures ORDER BY id);")
        + &sqlite3(path, "SELECT count(*) FROM picture_copies;")
}

#[test]
fn a_picture_a_carer_adds_to_the_social_workers_page_with_age_and_sqlite_is_refused_and_check_names_it() {
    let f = family();
    let (page, real) = priyas_page_with_a_picture(&f);
    // Through the app she may not (the page is Priya's).
    let photo = common::fixtures::jpeg(&common::fixtures::photo(80, 60, 9), 90);
    assert_eq!(f.binder.attach_picture(&f.carer, &page, &photo, "Mine").unwrap_err().code(), "not-your-page");

    carer_adds_a_picture_with_age_and_sqlite(&f, &f.path, &page, &real);
    let binder = Binder::open(&f.path).unwrap();
    eprintln!("P0 {}", sqlite3(&f.path, "PRAGMA wal_checkpoint(TRUNCATE);"));
    let priya = binder.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    eprintln!("P1 {}", sqlite3(&f.path, "PRAGMA wal_checkpoint(TRUNCATE);"));
    let err = binder.pictures(&priya, &page).unwrap_err();
    eprintln!("P2 {}", sqlite3(&f.path, "PRAGMA wal_checkpoint(TRUNCATE);"));
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains("Picture f0f0f0f0") && err.to_string().contains("not signed by the member"), "{err}");
    assert_eq!(binder.picture_copy(&priya, FORGED, Size::Thumb).unwrap_err().code(), "tampered");
    eprintln!("P3 {}", sqlite3(&f.path, "PRAGMA wal_checkpoint(TRUNCATE);"));
    assert!(binder.picture_copy(&priya, &real, Size::Thumb).is_ok(), "the real picture still opens");
    eprintln!("P4 {}", sqlite3(&f.path, "PRAGMA wal_checkpoint(TRUNCATE);"));
    // `lifestory check`, in its own process as it is run.
    let out = Command::new(env!("CARGO_BIN_EXE_lifestory")).args(["check", f.path.to_str().unwrap()]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(said.lines().any(|l| l.contains("Picture f0f0f0f0 on Page") && l.contains("not signed by the member")), "{said}");

    // Without any signature: refused the same way, for that reason.
    sqlite3(&f.path, &format!("UPDATE pictures SET proof = NULL WHERE id = '{FORGED}';"));
    eprintln!("P5 {}", sqlite3(&f.path, "PRAGMA wal_checkpoint(TRUNCATE);"));
    let err = binder.pictures(&priya, &page).unwrap_err();
    eprintln!("P6 {}", sqlite3(&f.path, "PRAGMA wal_checkpoint(TRUNCATE);"));
    assert!(err.to_string().contains("it is not signed"), "{err}");

    // Taken out again, the page's pictures are as Priya left them.
    sqlite3(&f.path, &format!("DELETE FROM pictures WHERE id = '{FORGED}';"));
    eprintln!("LEFT {}", sqlite3(&f.path, "SELECT id, proof IS NULL FROM pictures;"));
    eprintln!("OTHER {:?}", f.binder.pictures(&f.social_worker, &page).map(|p| p.len()));
    let fresh = Binder::open(&f.path).unwrap();
    let p2 = fresh.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    eprintln!("FRESH {:?}", fresh.pictures(&p2, &page).map(|p| p.len()));
    let pictures = binder.pictures(&priya, &page).unwrap();
    assert_eq!(pictures.iter().map(|p| p.caption.as_str()).collect::<Vec<_>>(), ["The hospital"]);
}

#[test]
fn a_picture_moved_to_another_page_or_given_another_pages_info_is_refused() {
    let f = family();
    let (page, real) = priyas_page_with_a_picture(&f);
    let other = f.add(Role::SocialWorker, Section::Past, "Another page", "OTHER-PAGE-MARKER-55", Audience::only(Party::Carer));
    sqlite3(&f.path, &format!("UPDATE pictures SET entry_id = '{other}' WHERE id = '{real}';"));
    let err = f.binder.pictures(&f.social_worker, &other).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(Binder::check(&f.path).unwrap().problems.iter().any(|p| p.contains("Picture")));
    sqlite3(&f.path, &format!("UPDATE pictures SET entry_id = '{page}' WHERE id = '{real}';"));
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

#[test]
fn a_change_file_carrying_a_forged_picture_or_an_unsigned_removal_is_refused_whole() {
    let f = family();
    let (page, real) = priyas_page_with_a_picture(&f);
    let (office_path, office) = office_copy(&f);
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    let before = pictures_state(&office_path);

    // At home: a picture added with age and sqlite3 (the trigger stamps it,
    // so it travels), then the carer exchanges as usual.
    let home = f.dir.path().join("home.binder");
    office.backup_to(&home).unwrap();
    let home_binder = Binder::open(&home).unwrap();
    let jo = home_binder.unlock(common::CARER, &pass(common::CARER)).unwrap();
    carer_adds_a_picture_with_age_and_sqlite(&f, &home, &page, &real);
    let change = f.dir.path().join("home-1.lsc");
    home_binder.sync_export(&jo, &change).unwrap();
    let err = office.sync_import(&priya, &change).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains("A picture in the change file"), "{err}");
    assert_eq!(pictures_state(&office_path), before, "nothing applied");

    // On another copy she deletes Priya's picture with sqlite3: the trigger
    // writes a removal nobody signed.
    let home2 = f.dir.path().join("home2.binder");
    office.backup_to(&home2).unwrap();
    let copy2 = Binder::open(&home2).unwrap();
    let jo2 = copy2.unlock(common::CARER, &pass(common::CARER)).unwrap();
    sqlite3(&home2, &format!("DELETE FROM pictures WHERE id = '{real}';"));
    let change = f.dir.path().join("home-2.lsc");
    copy2.sync_export(&jo2, &change).unwrap();
    let err = office.sync_import(&priya, &change).unwrap_err();
    assert!(err.to_string().contains("A picture's removal in the change file (it is not signed)"), "{err}");
    assert_eq!(pictures_state(&office_path), before, "nothing applied");
    assert_eq!(office.pictures(&priya, &page).unwrap().len(), 1);
}

#[test]
fn pictures_added_changed_and_removed_by_those_the_rules_let_travel_and_verify() {
    let f = family();
    let (page, real) = priyas_page_with_a_picture(&f);
    let carers = f.add(Role::Carer, Section::Present, "Our holiday", "HOLIDAY-PAGE-MARKER-66", Audience::only(Party::YoungPerson));
    let (office_path, office) = office_copy(&f);
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();

    // At home the young person adds a picture to the carer's page shared
    // with her (she decides her book) and recaptions it; at the office Priya
    // removes her own picture.
    let photo = common::fixtures::jpeg(&common::fixtures::photo(120, 90, 21), 90);
    let amiras = f.binder.attach_picture(&f.young_person, &carers, &photo, "Sandcastle").unwrap();
    f.binder.set_caption(&f.young_person, &amiras, "My sandcastle").unwrap();
    office.remove_picture(&priya, &real).unwrap();

    let to_office = f.dir.path().join("home.lsc");
    f.binder.sync_export(&f.carer, &to_office).unwrap();
    office.sync_import(&priya, &to_office).unwrap();
    let to_home = f.dir.path().join("office.lsc");
    office.sync_export(&priya, &to_home).unwrap();
    f.binder.sync_import(&f.carer, &to_home).unwrap();

    assert!(f.binder.pictures(&f.carer, &page).unwrap().is_empty(), "Priya's removal arrived");
    assert_eq!(office.pictures(&priya, &carers).unwrap_err().code(), "not-shared", "the page is not shared with Priya");
    let at_home = f.binder.pictures(&f.carer, &carers).unwrap();
    assert_eq!(at_home.iter().map(|p| p.caption.as_str()).collect::<Vec<_>>(), ["My sandcastle"]);
    assert!(sqlite3(&f.path, "SELECT count(*) FROM sync_tombstones WHERE kind = 'picture' AND proof IS NOT NULL;") == "1");
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
    assert!(Binder::check(&office_path).unwrap().problems.is_empty());
    assert_eq!(sqlite3(&office_path, "SELECT count(*) FROM pictures WHERE proof IS NULL;"), "0");
}

#[test]
fn a_removed_picture_put_back_from_an_older_copy_is_refused_and_does_not_travel() {
    let f = family();
    let (page, real) = priyas_page_with_a_picture(&f);
    let older = f.dir.path().join("older.binder");
    f.binder.backup_to(&older).unwrap();
    let (office_path, office) = office_copy(&f);
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();

    // Priya takes her picture out; at home the removal arrives.
    office.remove_picture(&priya, &real).unwrap();
    let to_home = f.dir.path().join("office.lsc");
    office.sync_export(&priya, &to_home).unwrap();
    f.binder.sync_import(&f.carer, &to_home).unwrap();
    assert!(f.binder.pictures(&f.carer, &page).unwrap().is_empty());

    // At home someone puts it back from the older copy with sqlite3: its old
    // signature still holds, and the trigger stamps it as a new change.
    sqlite3(&f.path, &format!(
        "ATTACH '{}' AS old;
         INSERT INTO pictures SELECT * FROM old.pictures WHERE id = '{real}';
         INSERT INTO picture_copies SELECT * FROM old.picture_copies WHERE picture_id = '{real}';",
        older.display()
    ));
    let err = f.binder.pictures(&f.carer, &page).unwrap_err();
    assert!(err.to_string().contains("it was removed, and put back outside the app"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_lifestory")).args(["check", f.path.to_str().unwrap()]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("put back outside the app"), "{said}");

    // Exchanged as usual, it does not come back at the office.
    let to_office = f.dir.path().join("home.lsc");
    f.binder.sync_export(&f.carer, &to_office).unwrap();
    office.sync_import(&priya, &to_office).unwrap();
    assert!(office.pictures(&priya, &page).unwrap().is_empty(), "the removed picture came back");
    assert_eq!(sqlite3(&office_path, &format!("SELECT count(*) FROM pictures WHERE id = '{real}';")), "0");
}
