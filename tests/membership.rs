//! Membership against insiders and anyone with the file: each test plays
//! someone with `sqlite3`, the `age` CLI and docs/FORMAT.md (and, for the
//! carer, her own keys), and checks that what they try is refused or has
//! no effect, with nothing applied.

mod common;

use std::path::Path;
use std::process::Command;

use common::{family, pass, CARER, SOCIAL_WORKER, YOUNG_PERSON};
use lifestory::{Audience, Binder, Error, Integrity, KeyCost, NewBinder, NewEntry, Party, Role, Section};

fn cheap() -> KeyCost {
    KeyCost::insecure_for_tests()
}

/// Run SQL on the file with the sqlite3 command, as an attacker would.
fn sqlite3(path: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3").arg(path).arg(sql).output().expect("sqlite3 runs");
    assert!(out.status.success(), "sqlite3 {sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A fresh age key pair from `age-keygen`: (secret key file, public key).
fn attacker_key(dir: &Path) -> (std::path::PathBuf, String) {
    let file = dir.join("attacker.key");
    let out = Command::new("age-keygen").arg("-o").arg(&file).output().expect("age-keygen runs");
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let public = said.split_whitespace().find(|w| w.starts_with("age1")).expect("age-keygen names the public key").to_owned();
    (file, public)
}

/// Whether `age -d -i key` opens this blob.
fn age_opens(key: &Path, blob: &[u8], dir: &Path) -> bool {
    let file = dir.join("blob.age");
    std::fs::write(&file, blob).unwrap();
    Command::new("age").arg("-d").arg("-i").arg(key).arg(&file).output().unwrap().status.success()
}

fn hex_of(path: &Path, sql: &str) -> Vec<u8> {
    let hex = sqlite3(path, sql);
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn a_role_key_swapped_with_sqlite_does_not_receive_the_next_page() {
    let f = family();
    let (key, public) = attacker_key(f.dir.path());
    sqlite3(&f.path, &format!("UPDATE role_keys SET recipient = '{public}' WHERE role = 'young-person';"));
    let binder = Binder::open(&f.path).unwrap();
    let carer = binder.unlock(CARER, &pass(CARER)).unwrap();
    let page = NewEntry::narrative(Section::Present, "For Amira", "MARKER-FOR-THE-YOUNG-PERSON-ONLY")
        .shared_with(Audience::only(Party::YoungPerson), "agreed in session");
    let id = binder.add_entry(&carer, page).unwrap();
    let wrap = hex_of(&f.path, &format!("SELECT hex(wrap) FROM entry_keys WHERE entry_id = '{id}' AND role = 'young-person';"));
    assert!(!age_opens(&key, &wrap, f.dir.path()), "the swapped-in key opened the young person's key row");
    // It went to the young person's real key, from the membership log.
    let amira = binder.unlock(YOUNG_PERSON, &pass(YOUNG_PERSON)).unwrap();
    assert_eq!(binder.show(&amira, &id).unwrap().title, "For Amira");
    let report = Binder::check(&f.path).unwrap();
    assert!(report.problems.iter().any(|p| p.contains("young person") && p.contains("membership log")), "{:?}", report.problems);
}

#[test]
fn a_member_row_inserted_with_sqlite_is_nobody() {
    let f = family();
    // Copy the carer's own wrap onto a new row: the unlock screen would list
    // "Mallory", and the carer's passphrase would open the wrap.
    sqlite3(&f.path, "INSERT INTO members (id, name, role, key_wrap, created_at, vv)
                      SELECT 'ffffffffffffffffffffffffffffffff', 'Mallory', role, key_wrap, created_at, vv FROM members WHERE name = 'Jo';");
    let binder = Binder::open(&f.path).unwrap();
    assert!(binder.members().unwrap().iter().all(|m| m.name != "Mallory"));
    assert!(matches!(binder.unlock("Mallory", &pass(CARER)), Err(Error::UnknownMember { .. })));
    assert!(binder.unlock(CARER, &pass(CARER)).is_ok());
}

#[test]
fn two_names_swapped_with_sqlite_do_not_make_remove_take_the_wrong_person() {
    let f = family();
    // Someone with the laptop swaps the carer's and the social worker's
    // names, hoping "Remove Jo" takes the social worker out.
    sqlite3(&f.path, "UPDATE members SET name = 'swap' WHERE name = 'Jo'; UPDATE members SET name = 'Jo' WHERE name = 'Priya'; UPDATE members SET name = 'Priya' WHERE name = 'swap';");
    let binder = Binder::open(&f.path).unwrap();
    let shown: Vec<(String, Role)> = binder.members().unwrap().into_iter().map(|m| (m.name, m.role)).collect();
    assert!(shown.contains(&(CARER.to_owned(), Role::Carer)) && shown.contains(&(SOCIAL_WORKER.to_owned(), Role::SocialWorker)), "{shown:?}");
    let removed = binder.remove_member(&f.social_worker, CARER).unwrap();
    assert_eq!(removed.member.role, Role::Carer);
    assert!(binder.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).is_ok());
}

/// A link the way the app writes it, signed with whatever key is given.
fn forged_link(binder_id: &str, seq: i64, prev: &str, by: &str, change: serde_json::Value, key: &ed25519_dalek::SigningKey) -> (Vec<u8>, Vec<u8>) {
    use ed25519_dalek::Signer;
    let link = serde_json::json!({"v": 1, "binder": binder_id, "seq": seq, "prev": prev, "at": "2026-12-02T00:00:00.000Z", "by": by_json(by), "change": change});
    let bytes = serde_json::to_vec(&link).unwrap();
    let mut message = b"lifestory membership-link v1\n".to_vec();
    message.extend_from_slice(&bytes);
    let signature = key.sign(&message).to_bytes().to_vec();
    (bytes, signature)
}

fn by_json(by: &str) -> serde_json::Value {
    if by == "recovery" {
        serde_json::json!({"kind": "recovery"})
    } else {
        serde_json::json!({"kind": "member", "id": by})
    }
}

/// The last link's number and hash (SHA-256 of its bytes and signature).
fn head(path: &Path) -> (i64, String) {
    use sha2::Digest;
    let seq: i64 = sqlite3(path, "SELECT max(seq) FROM membership;").parse().unwrap();
    let bytes = hex_of(path, &format!("SELECT hex(link) || hex(signature) FROM membership WHERE seq = {seq};"));
    (seq, sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect())
}

fn append(path: &Path, seq: i64, (link, signature): (Vec<u8>, Vec<u8>)) {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    sqlite3(path, &format!("INSERT INTO membership (seq, link, signature) VALUES ({seq}, x'{}', x'{}');", hex(&link), hex(&signature)));
}

/// The carer's own signing key, taken out of her wrap with the age CLI
/// and her passphrase, as an insider could.
fn carers_signing_key(f: &common::Family) -> (String, ed25519_dalek::SigningKey) {
    let wrap = hex_of(&f.path, "SELECT hex(key_wrap) FROM members WHERE name = 'Jo';");
    // age reads a passphrase from the terminal only; the crate is the same code.
    let identity = age::scrypt::Identity::new(pass(CARER));
    let plain = age::decrypt(&identity, &wrap).unwrap();
    let payload: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    let seed = payload["sign"].as_str().expect("the wrap holds a signing key");
    let seed: [u8; 32] = (0..32).map(|i| u8::from_str_radix(&seed[2 * i..2 * i + 2], 16).unwrap()).collect::<Vec<_>>().try_into().unwrap();
    (payload["member"].as_str().unwrap().to_owned(), ed25519_dalek::SigningKey::from_bytes(&seed))
}

#[test]
fn a_link_signed_by_someone_outside_the_binder_stops_the_binder_naming_the_link() {
    let f = family();
    let (seq, prev) = head(&f.path);
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let change = serde_json::json!({"kind": "admit", "member": "ee".repeat(16), "name": "Mallory", "role": "carer", "sign": "11".repeat(32)});
    append(&f.path, seq + 1, forged_link(f.binder.id(), seq + 1, &prev, &"ab".repeat(16), change, &stranger));
    let binder = Binder::open(&f.path).unwrap();
    let err = binder.unlock(CARER, &pass(CARER)).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains(&format!("Link {}", seq + 1)), "{err}");
    let report = Binder::check(&f.path).unwrap();
    assert!(report.problems.iter().any(|p| p.contains(&format!("Link {}", seq + 1))), "{:?}", report.problems);
}

#[test]
fn a_carer_signing_her_own_approval_with_her_real_key_is_refused() {
    let f = family();
    // Through the app, a second carer waits for the social worker.
    let added = f.binder.add_member(&f.carer, "Lou", Role::Carer, &pass("Lou"), cheap()).unwrap();
    assert!(added.awaiting_approval);
    assert!(matches!(f.binder.unlock("Lou", &pass("Lou")), Err(Error::AwaitingApproval { .. })));
    // Behind the app's back: Jo signs the approval herself.
    let (jo, key) = carers_signing_key(&f);
    let (seq, prev) = head(&f.path);
    let change = serde_json::json!({"kind": "approve", "member": added.member.id});
    append(&f.path, seq + 1, forged_link(f.binder.id(), seq + 1, &prev, &jo, change, &key));
    let binder = Binder::open(&f.path).unwrap();
    let err = binder.unlock("Lou", &pass("Lou")).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn who_may_admit_whom() {
    // A binder the social worker starts.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.binder");
    let new = NewBinder { child_name: "Kai", member_name: SOCIAL_WORKER, role: Role::SocialWorker, passphrase: pass(SOCIAL_WORKER), cost: cheap() };
    let (binder, recovery) = Binder::create(&path, new).unwrap();
    let priya = binder.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    binder.add_member(&priya, CARER, Role::Carer, &pass(CARER), cheap()).unwrap();
    let jo = binder.unlock(CARER, &pass(CARER)).unwrap();
    // Not the creator: the carer can't bring in the first young person
    // (she would read what the social worker later shares with "Amira").
    let err = binder.add_member(&jo, YOUNG_PERSON, Role::YoungPerson, &pass(YOUNG_PERSON), cheap()).unwrap_err();
    assert!(matches!(err, Error::MayNotAdmit { role: "young-person" }), "{err:?}");
    binder.add_member(&priya, YOUNG_PERSON, Role::YoungPerson, &pass(YOUNG_PERSON), cheap()).unwrap();
    let amira = binder.unlock(YOUNG_PERSON, &pass(YOUNG_PERSON)).unwrap();
    // The young person admits no one, not even to her own role.
    let err = binder.add_member(&amira, "Kai's friend", Role::YoungPerson, &pass("Kai's friend"), cheap()).unwrap_err();
    assert!(matches!(err, Error::MayNotAdmit { .. }), "{err:?}");
    // A second carer waits for the social worker's countersignature.
    assert!(binder.add_member(&jo, "Lou", Role::Carer, &pass("Lou"), cheap()).unwrap().awaiting_approval);
    assert!(matches!(binder.approve_member(&jo, "Lou"), Err(Error::MayNotAdmit { .. })));
    binder.approve_member(&priya, "Lou").unwrap();
    assert!(binder.unlock("Lou", &pass("Lou")).unwrap().holds(Role::Carer));
    // The last social worker is replaced only through the recovery key.
    assert!(matches!(binder.remove_member(&jo, SOCIAL_WORKER), Err(Error::MayNotRemoveOthers)));
    let agency = binder.unlock_with_recovery(&recovery).unwrap();
    binder.add_member(&agency, "Sam", Role::SocialWorker, &pass("Sam"), cheap()).unwrap();
    binder.remove_member(&agency, SOCIAL_WORKER).unwrap();
    assert!(matches!(binder.integrity().unwrap(), Integrity::Signed { members: 4, .. }));
    let by = binder.admitted_by().unwrap();
    let lou = binder.members().unwrap().into_iter().find(|m| m.name == "Lou").unwrap();
    assert_eq!(by[&lou.id], lifestory::AddedBy::Member { name: CARER.into() });
}

#[test]
fn a_hand_edited_copy_cannot_remove_the_social_worker_or_swap_a_key_through_sync() {
    let f = family();
    let office_path = f.dir.path().join("office.binder");
    f.binder.backup_to(&office_path).unwrap();
    let office = Binder::open(&office_path).unwrap();
    let (_, public) = attacker_key(f.dir.path());
    // At home, the carer edits her copy with sqlite3 (the app's triggers
    // stamp each change, so an ordinary exchange carries it).
    sqlite3(&f.path, &format!(
        "DELETE FROM members WHERE name = 'Priya';
         UPDATE role_keys SET recipient = '{public}' WHERE role = 'young-person';"
    ));
    let home = Binder::open(&f.path).unwrap();
    let jo = home.unlock(CARER, &pass(CARER)).unwrap();
    let change = f.dir.path().join("home.lsc");
    home.sync_export(&jo, &change).unwrap();
    let office_jo = office.unlock(CARER, &pass(CARER)).unwrap();
    let imported = office.sync_import(&office_jo, &change).unwrap();
    assert!(imported.merged.refused >= 2, "{:?}", imported.merged);
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    assert!(priya.holds(Role::SocialWorker));
    let recipient = sqlite3(&office_path, "SELECT recipient FROM role_keys WHERE role = 'young-person';");
    assert_ne!(recipient, public);

    // A forged link in the change file refuses the whole file.
    let (seq, prev) = head(&f.path);
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let admit = serde_json::json!({"kind": "admit", "member": "ee".repeat(16), "name": "Mallory", "role": "carer", "sign": "11".repeat(32)});
    append(&f.path, seq + 1, forged_link(f.binder.id(), seq + 1, &prev, "recovery", admit, &stranger));
    home.add_entry(&jo, NewEntry::narrative(Section::Present, "After the forgery", "words")).unwrap_err();
    // The copy with the forged link will not export: the file is sealed to
    // the common key the log says is current, so the log is verified first.
    std::fs::remove_file(&change).unwrap();
    let err = home.sync_export(&jo, &change).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(!change.exists(), "nothing written");
}

#[test]
fn a_new_binder_is_signed_from_its_first_link_and_the_recovery_key_signs_too() {
    let f = family();
    assert!(matches!(f.binder.integrity().unwrap(), Integrity::Signed { members: 3, .. }));
    let agency = f.binder.unlock_with_recovery(&f.recovery).unwrap();
    f.binder.add_member(&agency, "Lee", Role::SocialWorker, &pass("Lee"), cheap()).unwrap();
    assert!(f.binder.unlock("Lee", &pass("Lee")).is_ok());
    // Emptied, so that the binder looks as if made before membership was
    // signed (and its columns would be trusted): the wraps pin the log.
    sqlite3(&f.path, "DROP TRIGGER membership_no_delete; DELETE FROM membership;");
    let err = Binder::open(&f.path).unwrap().unlock(CARER, &pass(CARER)).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
}

#[test]
fn a_consent_record_inserted_with_sqlite_is_not_shown_and_check_names_it() {
    let f = family();
    let id = f.add(Role::Carer, Section::Present, "Sports day", "We ran.", Audience::only(Party::YoungPerson));
    // "Amira chose this herself": a copy of the real row's sealed note,
    // naming the young person, widening to the school, unsigned.
    let amira = f.binder.members().unwrap().into_iter().find(|m| m.name == YOUNG_PERSON).unwrap().id;
    sqlite3(&f.path, &format!(
        "INSERT INTO ledger (entry_id, at, member, before, after, note)
         SELECT entry_id, '2026-12-01T09:00:00.000Z', '{amira}', after, after | 8, note FROM ledger WHERE entry_id = '{id}';"
    ));
    let ledger = f.binder.ledger(&f.carer, Some(&id)).unwrap();
    assert_eq!((ledger.records.len(), ledger.refused), (1, 1), "{ledger:?}");
    assert_eq!(ledger.records[0].by, CARER, "the one who signed it");
    let report = Binder::check(&f.path).unwrap();
    assert!(report.problems.iter().any(|p| p.starts_with("Consent record") && p.contains("not signed")), "{:?}", report.problems);

    // Signed, but with a key of the attacker's own: refused the same.
    let row = sqlite3(&f.path, "SELECT max(seq) FROM ledger;");
    sqlite3(&f.path, &format!("DROP TRIGGER ledger_no_update; UPDATE ledger SET signature = randomblob(64) WHERE seq = {row};"));
    assert_eq!(f.binder.ledger(&f.carer, Some(&id)).unwrap().refused, 1);
}

#[test]
fn a_forged_consent_record_in_a_change_file_refuses_the_file() {
    let f = family();
    let id = f.add(Role::Carer, Section::Present, "Sports day", "We ran.", Audience::only(Party::YoungPerson));
    let office_path = f.dir.path().join("office.binder");
    f.binder.backup_to(&office_path).unwrap();
    let office = Binder::open(&office_path).unwrap();
    let office_jo = office.unlock(CARER, &pass(CARER)).unwrap();
    sqlite3(&f.path, &format!(
        "INSERT INTO ledger (entry_id, at, member, before, after, note)
         SELECT entry_id, '2026-12-01T09:00:00.000Z', member, after, after | 8, note FROM ledger WHERE entry_id = '{id}';"
    ));
    let change = f.dir.path().join("home.lsc");
    f.binder.sync_export(&f.carer, &change).unwrap();
    let before = sqlite3(&office_path, "SELECT count(*) FROM ledger;");
    let err = office.sync_import(&office_jo, &change).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains("consent record"), "{err}");
    assert_eq!(sqlite3(&office_path, "SELECT count(*) FROM ledger;"), before, "nothing applied");
}
