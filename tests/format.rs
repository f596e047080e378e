//! docs/FORMAT.md's claim, tested: with only the `sqlite3` shell, the
//! standard `age` tool and `grep` (no code of ours), the recovery sheet
//! recovers a page's title, words and full picture; with `sha256sum`,
//! `xxd` and `openssl` it checks the words are signed by their author.

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

    // Step 4: the signature, checked by hand.
    let check = format!(
        r#"B='{b}'; ID='{page}'
        BODY=$(sqlite3 -readonly "$B" "SELECT content_proof->>'body' FROM entries WHERE id = '$ID'")
        test "$(sha256sum page.age | cut -d' ' -f1)" = "$BODY"
        BY=$(sqlite3 -readonly "$B" "SELECT content_proof->>'by' FROM entries WHERE id = '$ID'")
        sqlite3 -readonly "$B" "SELECT CAST(link AS TEXT)->>'$.change.sign' FROM membership
                                WHERE CAST(link AS TEXT)->>'$.change.kind' = 'admit'
                                  AND CAST(link AS TEXT)->>'$.change.member' = '$BY'" > sign.hex
        (printf 302a300506032b6570032100; cat sign.hex) | xxd -r -p > signer.der
        openssl pkey -pubin -inform DER -in signer.der -out signer.pem
        sqlite3 -readonly "$B" "SELECT content_proof->>'sig' FROM entries WHERE id = '$ID'" | xxd -r -p > sig.bin
        sqlite3 -readonly "$B" "SELECT 'lifestory page-content v1' || char(10) || json_object('v', 1,
            'binder', (SELECT binder_id FROM binder), 'entry', id, 'kind', kind, 'created_at', created_at,
            'session', session_id, 'sort_date', sort_date, 'sensitive', json(iif(sensitive, 'true', 'false')),
            'sealed_until', sealed_until, 'author', content_proof->>'author', 'by', content_proof->>'by',
            'body', content_proof->>'body', 'key', content_proof->>'key') FROM entries WHERE id = '$ID'"             | head -c -1 > statement.bin
        openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in statement.bin -sigfile sig.bin"#
    );
    let said = String::from_utf8(sh(work.path(), &check)).unwrap();
    assert!(said.contains("Signature Verified Successfully"), "{said}");
    // The same recipe refuses a body that is not the one signed.
    let swapped = format!("{check}
");
    std::fs::write(work.path().join("page.age"), b"not the sealed words").unwrap();
    let out = Command::new("bash").arg("-euo").arg("pipefail").arg("-c").arg(&swapped).current_dir(work.path()).output().unwrap();
    assert!(!out.status.success(), "a body not signed passed the hand check");
    sh(work.path(), &format!("sqlite3 -readonly '{b}' \"SELECT writefile('page.age', body) FROM entries WHERE id = '{page}'\" >/dev/null"));
    sh(work.path(), &format!(
        "sqlite3 -readonly '{b}' \"SELECT writefile('picture.age', data) FROM picture_copies WHERE size = 'full' AND picture_id IN (SELECT id FROM pictures WHERE entry_id = '{page}')\" >/dev/null
         sqlite3 -readonly '{b}' \"SELECT writefile('info.age', info) FROM pictures WHERE entry_id = '{page}'\" >/dev/null
         age -d -i page.key -o padded.jpg picture.age
         age -d -i page.key -o info.json info.age
         BYTES=$(sqlite3 :memory: \"SELECT value->>'bytes' FROM json_each(CAST(readfile('info.json') AS TEXT), '$.copies') WHERE value->>'size' = 'full'\")
         head -c \"$BYTES\" padded.jpg > picture.jpg
         test \"$(tail -c +$((BYTES + 1)) padded.jpg | tr -d '\\0' | wc -c)\" = 0"
    ));
    let recovered = std::fs::read(work.path().join("picture.jpg")).unwrap();
    assert_eq!(recovered, *f.binder.picture_copy(&f.carer, &picture, Size::Full).unwrap().bytes);
    // Sealed padded: its length is the Padmé bucket's, not the photo's.
    let padded = std::fs::metadata(work.path().join("padded.jpg")).unwrap().len();
    assert_eq!(padded, lifestory::padding::padme(recovered.len() as u64));
    assert!(padded > recovered.len() as u64, "this photo's length is not a bucket's own");
    assert!(image::load_from_memory(&recovered).is_ok());
}
