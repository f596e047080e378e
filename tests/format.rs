//! docs/FORMAT.md's claim, tested: with only the `sqlite3` shell, the
//! standard `age` tool and `grep` (no code of ours), the recovery sheet
//! recovers a page's title, words and full picture.

mod common;

use std::process::Command;

use lifestory::{Audience, Party, Role, Section, Size};

fn sh(dir: &std::path::Path, script: &str) -> Vec<u8> {
    let out = Command::new("bash")
        .arg("-euo")
        .arg("pipefail")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("bash");
    assert!(out.status.success(), "{script}\n{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn the_recovery_sheet_sqlite3_and_age_recover_a_page_and_its_picture() {
    let f = common::family();
    let page = f.add(Role::Carer, Section::Past, "Nan's garden", "We grew *tomatoes* every summer.", Audience::only(Party::YoungPerson));
    let photo = common::fixtures::jpeg(&common::fixtures::photo(320, 240, 8), 90);
    let picture = f.binder.attach_picture(&f.carer, &page, &photo, "The greenhouse").unwrap();
    let sheet = f.dir.path().join("recovery-sheet.txt");
    std::fs::write(&sheet, format!("Recovery sheet for a binder\n\n{}\n\nKeep it safe.\n", &*f.recovery.reveal())).unwrap();
    let work = tempfile::tempdir().unwrap();
    let b = f.path.display();
    let s = sheet.display();

    // The recipe in docs/FORMAT.md, step by step.
    sh(work.path(), &format!(
        "grep -o 'AGE-SECRET-KEY-1[0-9A-Z]*' '{s}' > recovery.key
         sqlite3 -readonly '{b}' \"SELECT writefile('role.age', recovery_wrap) FROM role_keys WHERE role = 'carer'\" >/dev/null
         age -d -i recovery.key role.age | grep -o 'AGE-SECRET-KEY-1[0-9A-Z]*' > role.key"
    ));
    let listed = String::from_utf8(sh(work.path(), &format!("sqlite3 -readonly '{b}' \"SELECT id, section, kind FROM entries ORDER BY section, position\""))).unwrap();
    assert!(listed.contains(&format!("{page}|past|narrative")), "{listed}");
    let key = String::from_utf8(sh(work.path(), &format!(
        "sqlite3 -readonly '{b}' \"SELECT writefile('key.age', wrap) FROM entry_keys WHERE entry_id = '{page}' AND role = 'carer'\" >/dev/null
         age -d -i role.key key.age"
    )))
    .unwrap();
    assert!(key.contains("\"title\":\"Nan's garden\""), "{key}");
    let words = String::from_utf8(sh(work.path(), &format!(
        "age -d -i role.key key.age | grep -o 'AGE-SECRET-KEY-1[0-9A-Z]*' > page.key
         sqlite3 -readonly '{b}' \"SELECT writefile('page.age', body) FROM entries WHERE id = '{page}'\" >/dev/null
         age -d -i page.key page.age"
    )))
    .unwrap();
    assert!(words.contains("We grew *tomatoes* every summer."), "{words}");
    sh(work.path(), &format!(
        "sqlite3 -readonly '{b}' \"SELECT writefile('picture.age', data) FROM picture_copies WHERE size = 'full' AND picture_id IN (SELECT id FROM pictures WHERE entry_id = '{page}')\" >/dev/null
         age -d -i page.key -o picture.jpg picture.age"
    ));
    let recovered = std::fs::read(work.path().join("picture.jpg")).unwrap();
    assert_eq!(recovered, *f.binder.picture_copy(&f.carer, &picture, Size::Full).unwrap().bytes);
    assert!(image::load_from_memory(&recovered).is_ok());
}
