//! Exchange between copies: the carer's copy at home and the social
//! worker's at the office, each edited on its own, then exchanged through
//! change files or a shared folder. Every test uses real files.

mod common;

use std::path::{Path, PathBuf};

use common::{CARER, SOCIAL_WORKER, YOUNG_PERSON};
use lifestory::{Audience, Binder, EntryEdit, Error, Keep, Keyring, NewEntry, Party, Section, Size};
use sha2::{Digest, Sha256};

/// One copy of the binder, unlocked as each member and with the recovery key.
struct Copy {
    path: PathBuf,
    binder: Binder,
    carer: Keyring,
    social_worker: Keyring,
    young_person: Keyring,
    everyone: Keyring,
}

fn open(path: &Path, recovery: &lifestory::RecoveryKey) -> Copy {
    let binder = Binder::open(path).unwrap();
    let unlock = |name: &str| binder.unlock(name, &common::pass(name)).unwrap();
    Copy {
        carer: unlock(CARER),
        social_worker: unlock(SOCIAL_WORKER),
        young_person: unlock(YOUNG_PERSON),
        everyone: binder.unlock_with_recovery(recovery).unwrap(),
        path: path.to_owned(),
        binder,
    }
}

impl Copy {
    fn add(&self, keys: &Keyring, title: &str, text: &str, share: Audience) -> String {
        let new = NewEntry::narrative(Section::Present, title, text).shared_with(share, "agreed in session");
        self.binder.add_entry(keys, new).unwrap()
    }

    fn rewrite(&self, keys: &Keyring, id: &str, text: &str) {
        let edit = EntryEdit { body: Some(lifestory::Body::Narrative { markdown: text.into() }), ..EntryEdit::default() };
        self.binder.edit(keys, id, edit).unwrap();
    }

    fn text(&self, id: &str) -> String {
        match self.binder.show(&self.everyone, id).unwrap().body {
            lifestory::Body::Narrative { markdown } => markdown,
            other => panic!("not a narrative: {other:?}"),
        }
    }

    fn picture(&self, page: &str, seed: u8) -> String {
        let pixels = image::RgbImage::from_fn(24, 16, |x, y| image::Rgb([seed, (x * 9) as u8, (y * 13) as u8]));
        let png = common::fixtures::encode(&image::DynamicImage::ImageRgb8(pixels), image::ImageFormat::Png);
        self.binder.attach_picture(&self.carer, page, &png, &format!("picture {seed}")).unwrap()
    }

    /// Everything readable with every key, as text: pages in book order with
    /// their words, flags and pictures (hashes of every copy), the consent
    /// ledger, sessions, profile, members and unsettled conflicts.
    fn content(&self) -> String {
        let keys = &self.everyone;
        let b = &self.binder;
        let mut out = String::new();
        let listing = b.list(keys, None).unwrap();
        assert!(listing.damaged.is_empty(), "damaged pages: {:?}", listing.damaged);
        let mut pages = listing.entries;
        pages.sort_by(|x, y| (x.section, x.position, &x.id).cmp(&(y.section, y.position, &y.id)));
        for p in pages {
            let e = b.show(keys, &p.id).unwrap();
            out += &format!("page {} {:?} {} {:?} {:?} {} {:?}\n", e.id, e.section, e.title, e.body, e.audience, e.sensitive, e.date);
            for pic in b.pictures(keys, &p.id).unwrap() {
                out += &format!("  picture {} {} {}x{}", pic.id, pic.caption, pic.width, pic.height);
                for size in Size::ALL {
                    let copy = b.picture_copy(keys, &pic.id, size).unwrap();
                    out += &format!(" {:x}", Sha256::digest(&*copy.bytes));
                }
                out += "\n";
            }
        }
        let mut ledger: Vec<String> = b
            .ledger(keys, None)
            .unwrap()
            .records
            .into_iter()
            .map(|r| format!("ledger {} {} {} {:?} {:?} {}", r.entry_id, r.at, r.by, r.before, r.after, r.consent))
            .collect();
        ledger.sort();
        out += &ledger.join("\n");
        let mut sessions: Vec<String> =
            b.sessions(keys).unwrap().sessions.iter().map(|s| format!("session {} {:?} {} {}", s.id, s.ended_at, s.setting, s.note)).collect();
        sessions.sort();
        out += &sessions.join("\n");
        out += &format!("\nprofile {:?}\n", b.profile(keys).unwrap());
        for m in b.members().unwrap() {
            out += &format!("member {} {:?}\n", m.name, m.role);
        }
        for c in b.conflicts(keys).unwrap() {
            out += &format!("conflict {} {} {:?} {:?}\n", c.id, c.kind, c.current.title, c.other.as_ref().map(|o| &o.title));
        }
        out
    }
}

/// The binder at home (the family's file) and a copy at the office made
/// as a backup.
fn home_and_office() -> (common::Family, Copy, Copy) {
    let f = common::family();
    let office = f.dir.path().join("office.binder");
    f.binder.backup_to(&office).unwrap();
    let home = open(&f.path, &f.recovery);
    let office = open(&office, &f.recovery);
    (f, home, office)
}

fn change_file(from: &Copy) -> PathBuf {
    let stem = from.path.file_stem().unwrap().to_string_lossy().into_owned();
    let out = from.path.with_file_name(format!("{stem}.lsc"));
    let _ = std::fs::remove_file(&out);
    from.binder.sync_export(&from.carer, &out).unwrap();
    out
}

/// Export from one copy, import into the other.
fn send(from: &Copy, to: &Copy) -> lifestory::Imported {
    to.binder.sync_import(&to.carer, &change_file(from)).unwrap()
}

/// Exchange both ways until nothing new moves (at most three rounds).
fn converge(a: &Copy, b: &Copy) {
    for _ in 0..3 {
        let there = send(a, b);
        let back = send(b, a);
        if there.nothing_new && back.nothing_new {
            return;
        }
    }
    panic!("copies still exchanging after three rounds");
}

/// Every row of every table, hashed: "changes nothing" means this is equal.
fn stored_digest(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let mut hash = Sha256::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                hash.update(format!("{:?}", row.get_ref(i).unwrap()).as_bytes());
            }
        }
    }
    format!("{:x}", hash.finalize())
}

#[test]
fn two_copies_edited_independently_converge_and_keep_both_versions_of_a_page_edited_on_both() {
    let (_f, home, office) = home_and_office();
    let shared = home.add(&home.carer, "Moving day", "We packed the van.", Audience::only(Party::SocialWorker));
    let doomed = home.add(&home.carer, "Old school", "Mrs Patel's class.", Audience::only(Party::SocialWorker));
    let private = home.add(&home.carer, "For Priya", "Notes for the review.", Audience::only(Party::SocialWorker));
    converge(&home, &office);

    // At home: a new page with a picture, an edit, a deletion, a wider audience.
    let at_home = home.add(&home.carer, "Biscuit", "My dog is called Biscuit.", Audience::only(Party::YoungPerson));
    home.picture(&at_home, 1);
    home.rewrite(&home.carer, &shared, "We packed the van and I held the cat.");
    home.binder.delete(&home.carer, &doomed).unwrap();
    home.binder.share(&home.carer, &private, Audience::only(Party::School), Audience::EMPTY, Some("Amira said yes".into())).unwrap();
    // At the office: another new page, a different edit of the same page,
    // and a new session.
    let at_office = office.add(&office.social_worker, "Why I came into care", "A careful explanation.", Audience::only(Party::Carer));
    office.rewrite(&office.social_worker, &shared, "Moving day was hard, and that's okay.");
    office.binder.start_session(&office.social_worker, "office").unwrap();
    office.binder.end_session(&office.social_worker, None, "went well").unwrap();

    converge(&home, &office);

    assert_eq!(home.content(), office.content());
    for copy in [&home, &office] {
        assert!(copy.binder.show(&copy.everyone, &at_home).is_ok());
        assert!(copy.binder.show(&copy.everyone, &at_office).is_ok());
        assert!(matches!(copy.binder.show(&copy.everyone, &doomed), Err(Error::NotFound { .. })));
        assert!(copy.binder.show(&copy.everyone, &private).unwrap().audience.contains(Party::School));
        assert_eq!(copy.binder.pictures(&copy.everyone, &at_home).unwrap().len(), 1);
        let conflicts = copy.binder.conflicts(&copy.everyone).unwrap();
        assert_eq!(conflicts.len(), 1, "the page edited on both copies is a conflict");
        assert_eq!(conflicts[0].entry_id, shared);
        assert_eq!(conflicts[0].kind, "edited");
    }
    // Both versions' words are still there: one in the book, one set aside.
    let kept = home.text(&shared);
    assert!(kept == "We packed the van and I held the cat." || kept == "Moving day was hard, and that's okay.");
    assert!(home.binder.ledger(&home.everyone, Some(&private)).unwrap().records.iter().any(|r| r.consent == "Amira said yes"));
}

#[test]
fn a_conflict_can_be_settled_either_way_and_the_choice_reaches_the_other_copy() {
    let (_f, home, office) = home_and_office();
    let page = home.add(&home.carer, "My room", "Blue walls.", Audience::only(Party::SocialWorker));
    converge(&home, &office);
    home.rewrite(&home.carer, &page, "Blue walls and a bunk bed.");
    office.rewrite(&office.social_worker, &page, "Blue walls, posters of football.");
    converge(&home, &office);

    let conflict = &home.binder.conflicts(&home.carer).unwrap()[0];
    let in_book = home.text(&page);
    let other_title = conflict.other.as_ref().unwrap().title.clone();
    assert_eq!(other_title.as_deref(), Some("My room"), "the carer can read the other version's title");
    home.binder.resolve_conflict(&home.carer, &conflict.id[..6], Keep::Other, None).unwrap();
    let chosen = home.text(&page);
    assert_ne!(chosen, in_book, "keeping the other version puts it in the book");
    assert!(home.binder.conflicts(&home.carer).unwrap().is_empty());

    converge(&home, &office);
    assert_eq!(office.text(&page), chosen);
    assert!(office.binder.conflicts(&office.carer).unwrap().is_empty());
    assert_eq!(home.content(), office.content());

    // Keeping the current version settles it without changing the page.
    home.rewrite(&home.carer, &page, "Home's words.");
    office.rewrite(&office.carer, &page, "Office's words.");
    converge(&home, &office);
    let now = office.text(&page);
    let id = office.binder.conflicts(&office.carer).unwrap()[0].id.clone();
    office.binder.resolve_conflict(&office.carer, &id, Keep::Current, None).unwrap();
    converge(&home, &office);
    assert_eq!(home.text(&page), now);
    assert!(home.binder.conflicts(&home.carer).unwrap().is_empty());
}

/// A page shown to the school is taken off it at home while the office
/// edits it; both copies exchange. Returns the page.
fn narrowed_at_home_while_edited_at_the_office(home: &Copy, office: &Copy) -> String {
    let page = home.add(&home.carer, "School report", "Great at maths.", Audience::only(Party::School).with(Party::SocialWorker));
    converge(home, office);
    home.binder.share(&home.carer, &page, Audience::EMPTY, Audience::only(Party::School), None).unwrap();
    office.rewrite(&office.social_worker, &page, "Great at maths and art.");
    converge(home, office);
    page
}

#[test]
fn a_page_given_a_new_key_on_both_copies_at_once_keeps_the_pictures_sealed_on_each() {
    let (_f, home, office) = home_and_office();
    let page = home.add(&home.carer, "Holiday", "By the sea.", Audience::only(Party::SocialWorker).with(Party::YoungPerson));
    converge(&home, &office);
    // Each copy takes someone else off, so each gives the page a key of its
    // own, and seals a picture to it.
    home.binder.share(&home.carer, &page, Audience::EMPTY, Audience::only(Party::YoungPerson), None).unwrap();
    home.picture(&page, 1);
    office.binder.share(&office.carer, &page, Audience::EMPTY, Audience::only(Party::SocialWorker), None).unwrap();
    office.picture(&page, 2);
    converge(&home, &office);
    for copy in [&home, &office] {
        let pictures = copy.binder.pictures(&copy.everyone, &page).unwrap();
        assert_eq!(pictures.len(), 2, "both pictures are on the page");
        for picture in pictures {
            copy.binder.picture_copy(&copy.everyone, &picture.id, Size::Thumb).unwrap();
        }
        let ledger = copy.binder.ledger(&copy.everyone, Some(&page)).unwrap();
        assert_eq!((ledger.records.len(), ledger.other), (3, 0), "both narrowings' records read");
    }
}

#[test]
fn a_withdrawn_consent_is_never_undone_by_a_concurrent_edit() {
    let (_f, home, office) = home_and_office();
    let page = narrowed_at_home_while_edited_at_the_office(&home, &office);
    for copy in [&home, &office] {
        let audience = copy.binder.show(&copy.everyone, &page).unwrap().audience;
        assert!(!audience.contains(Party::School), "school was taken off at home, and stays off");
        assert_eq!(copy.binder.conflicts(&copy.everyone).unwrap().len(), 1, "the office's words are kept aside");
    }
    assert_eq!(home.content(), office.content());
}

#[test]
fn keeping_the_version_that_shows_a_page_more_widely_needs_consent_like_any_widening() {
    let (_f, home, office) = home_and_office();
    let page = narrowed_at_home_while_edited_at_the_office(&home, &office);
    let conflict = home.binder.conflicts(&home.carer).unwrap().remove(0);
    let before = stored_digest(&home.path);
    let err = home.binder.resolve_conflict(&home.carer, &conflict.id, Keep::Other, None).unwrap_err();
    assert!(matches!(err, Error::ConsentNeeded { ref adding, .. } if adding == &["school"]), "{err:?}");
    assert_eq!(stored_digest(&home.path), before, "nothing changed");
    assert!(!home.binder.show(&home.carer, &page).unwrap().audience.contains(Party::School));

    home.binder.resolve_conflict(&home.carer, &conflict.id, Keep::Other, Some("Amira agreed again, on the phone".into())).unwrap();
    assert!(home.binder.show(&home.carer, &page).unwrap().audience.contains(Party::School));
    let ledger = home.binder.ledger(&home.carer, Some(&page)).unwrap().records;
    assert_eq!(ledger.last().unwrap().consent, "Amira agreed again, on the phone");
}

#[test]
fn a_page_changed_on_one_copy_and_deleted_on_the_other_is_kept_with_its_pictures() {
    let (_f, home, office) = home_and_office();
    let page = home.add(&home.carer, "Grandma's house", "The garden.", Audience::only(Party::SocialWorker));
    home.picture(&page, 7);
    converge(&home, &office);

    home.binder.delete(&home.carer, &page).unwrap();
    office.rewrite(&office.carer, &page, "The garden, and the swing.");
    converge(&home, &office);

    assert_eq!(home.content(), office.content());
    assert_eq!(home.text(&page), "The garden, and the swing.");
    assert_eq!(home.binder.pictures(&home.everyone, &page).unwrap().len(), 1, "the pictures came back too");
    let conflict = &home.binder.conflicts(&home.carer).unwrap()[0];
    assert_eq!(conflict.kind, "deleted");

    // Confirming the deletion deletes it everywhere.
    home.binder.resolve_conflict(&home.carer, &conflict.id, Keep::Other, None).unwrap();
    converge(&home, &office);
    assert!(matches!(office.binder.show(&office.everyone, &page), Err(Error::NotFound { .. })));
    assert_eq!(home.content(), office.content());
}

#[test]
fn importing_the_same_change_file_twice_changes_nothing() {
    let (_f, home, office) = home_and_office();
    let page = home.add(&home.carer, "Football", "I scored!", Audience::only(Party::YoungPerson));
    home.picture(&page, 3);
    let file = change_file(&home);
    let first = office.binder.sync_import(&office.carer, &file).unwrap();
    assert!(!first.nothing_new && first.merged.pages_added == 1 && first.merged.pictures == 1);
    let before = stored_digest(&office.path);
    let again = office.binder.sync_import(&office.carer, &file).unwrap();
    assert!(again.nothing_new);
    assert_eq!(stored_digest(&office.path), before);
    // A copy's own file is nothing new to it either.
    assert!(home.binder.sync_import(&home.carer, &file).unwrap().nothing_new);
}

#[test]
fn a_change_file_shows_nothing_without_keys() {
    let (f, home, _office) = home_and_office();
    let page = home.add(&home.carer, "Secret title Q7-heron", "Secret words 3K-lantern", Audience::only(Party::YoungPerson));
    let file = change_file(&home);
    // Needles of 12 bytes or more (common/leaks.rs): a short one turns up in
    // random ciphertext by chance. Role names are long enough; a section and
    // a kind are searched as a record holds them, one after the other, each
    // with its length in front (docs/FORMAT.md).
    let field = |s: &str| [&(s.len() as u32).to_be_bytes()[..], s.as_bytes()].concat();
    let section_and_kind = [field("present"), field("narrative")].concat();
    let replica = home.binder.replica_id().unwrap();
    let needles: [&[u8]; 8] = [
        b"Secret title Q7-heron",
        b"Secret words 3K-lantern",
        page.as_bytes(),
        home.binder.id().as_bytes(),
        replica.as_bytes(),
        b"young-person",
        b"social-worker",
        &section_and_kind,
    ];
    for needle in needles {
        common::assert_absent_from_file(&file, needle);
    }
    drop(f);
}

#[test]
fn a_tampered_or_truncated_change_file_is_refused_and_nothing_changes() {
    let (_f, home, office) = home_and_office();
    home.add(&home.carer, "Holiday", "Sand and sea.", Audience::only(Party::SocialWorker));
    let file = change_file(&home);
    let good = std::fs::read(&file).unwrap();
    let before = stored_digest(&office.path);
    let bad = file.with_file_name("bad.lsc");
    // Every byte of the MAC, then bytes spread over the payload, flipped.
    let positions: Vec<usize> = (64..96).chain((96..good.len()).step_by(good.len() / 40 + 1)).chain([good.len() - 1]).collect();
    for at in positions {
        let mut bytes = good.clone();
        bytes[at] ^= 0x01;
        std::fs::write(&bad, &bytes).unwrap();
        let refused = office.binder.sync_import(&office.carer, &bad);
        assert!(matches!(refused, Err(Error::TamperedChangeFile)), "byte {at}: {:?}", refused.map(|i| i.merged));
    }
    for cut in [0, 10, 96, good.len() / 2, good.len() - 1] {
        std::fs::write(&bad, &good[..cut]).unwrap();
        assert!(office.binder.sync_import(&office.carer, &bad).is_err(), "cut at {cut}");
    }
    let mut longer = good.clone();
    longer.extend_from_slice(b"more");
    std::fs::write(&bad, &longer).unwrap();
    assert!(matches!(office.binder.sync_import(&office.carer, &bad), Err(Error::TamperedChangeFile)));
    assert_eq!(stored_digest(&office.path), before, "a refused file changed the binder");
    assert!(!office.binder.sync_import(&office.carer, &file).unwrap().nothing_new, "the good file still works");
}

#[test]
fn a_change_file_from_another_binder_is_refused() {
    let (_f, home, _office) = home_and_office();
    let other = common::family();
    let other = open(&other.path.clone(), &other.recovery);
    other.add(&other.carer, "Someone else", "Not Amira's.", Audience::EMPTY);
    let before = stored_digest(&home.path);
    match home.binder.sync_import(&home.carer, &change_file(&other)) {
        Err(e @ Error::ForeignChangeFile) => assert!(e.to_string().contains("belongs to a different binder")),
        other => panic!("expected a refusal, got {:?}", other.map(|i| i.merged)),
    }
    assert_eq!(stored_digest(&home.path), before);
}

#[test]
fn files_that_are_not_change_files_or_are_from_a_newer_app_are_refused() {
    let (f, home, _office) = home_and_office();
    let not = f.dir.path().join("photo.lsc");
    std::fs::write(&not, b"\xff\xd8\xff\xe0 not a change file").unwrap();
    assert!(matches!(home.binder.sync_import(&home.carer, &not), Err(Error::NotAChangeFile { .. })));
    let mut newer = std::fs::read(change_file(&home)).unwrap();
    newer[15] = 9;
    std::fs::write(&not, &newer).unwrap();
    assert!(matches!(home.binder.sync_import(&home.carer, &not), Err(Error::NewerChangeFile { version: 9 })));
}

#[test]
fn every_copy_has_its_own_replica_id() {
    let (f, home, office) = home_and_office();
    let plain = f.dir.path().join("plain-copy.binder");
    rusqlite::Connection::open(&f.path).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    std::fs::copy(&f.path, &plain).unwrap();
    let plain = Binder::open(&plain).unwrap();
    let ids = [home.binder.replica_id().unwrap(), office.binder.replica_id().unwrap(), plain.replica_id().unwrap()];
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "{ids:?}");
    assert_eq!(Binder::open(&f.path).unwrap().replica_id().unwrap(), ids[0], "the original keeps its id");
}

#[test]
fn after_an_exchange_a_change_file_carries_only_what_changed() {
    let (_f, home, office) = home_and_office();
    for i in 0..30 {
        let page = home.add(&home.carer, &format!("Page {i}"), &"Words of a page. ".repeat(50), Audience::only(Party::SocialWorker));
        home.picture(&page, i as u8);
    }
    converge(&home, &office);
    let page = home.add(&home.carer, "One more", "Just one.", Audience::EMPTY);
    let file = change_file(&home);
    let size = std::fs::metadata(&file).unwrap().len();
    // About 8 KB: the page, its key rows and consent record, the signed
    // membership log (carried whole) and each role's wrap of the shared
    // key. Each of the 30 pages and photos before it would add several KB.
    assert!(size < 16_000, "one new page made a {size}-byte change file");
    let imported = office.binder.sync_import(&office.carer, &file).unwrap();
    assert_eq!(imported.merged.pages_added, 1);
    assert_eq!(office.text(&page), "Just one.");
}

#[test]
fn three_copies_converge_through_a_shared_folder() {
    let (f, home, office) = home_and_office();
    let third = f.dir.path().join("young-person.binder");
    f.binder.backup_to(&third).unwrap();
    let laptop = open(&third, &f.recovery);
    let folder = f.dir.path().join("OneDrive - Agency");
    std::fs::create_dir(&folder).unwrap();

    let page = home.add(&home.carer, "Shared story", "Start.", Audience::only(Party::YoungPerson).with(Party::SocialWorker));
    home.binder.exchange_folder(&home.carer, &folder).unwrap();
    office.add(&office.social_worker, "Review notes", "Doing well.", Audience::EMPTY);
    laptop.add(&laptop.young_person, "My hopes", "To be a vet.", Audience::EMPTY);
    laptop.binder.exchange_folder(&laptop.young_person, &folder).unwrap();
    office.binder.exchange_folder(&office.social_worker, &folder).unwrap();
    // (The carer's words: the young person may share them, not rewrite them;
    // the social worker may, on this third copy.)
    laptop.rewrite(&laptop.social_worker, &page, "Start, by me.");
    // A change file of another child's binder in the same folder is left alone.
    let other = common::family();
    let stranger = open(&other.path.clone(), &other.recovery);
    stranger.binder.exchange_folder(&stranger.carer, &folder).unwrap();

    for _ in 0..3 {
        for copy in [&home, &office, &laptop] {
            let done = copy.binder.exchange_folder(&copy.carer, &folder).unwrap();
            assert!(done.refused.is_empty(), "{:?}", done.refused);
            assert_eq!(done.other_binders, 1);
        }
    }
    assert_eq!(home.content(), office.content());
    assert_eq!(office.content(), laptop.content());
    assert_eq!(home.text(&page), "Start, by me.");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 4, "one file per copy, nothing half-written left");
}

#[test]
fn the_cli_exports_imports_and_lists_conflicts() {
    let (f, home, office) = home_and_office();
    let page = home.add(&home.carer, "Bike", "Red.", Audience::only(Party::SocialWorker));
    converge(&home, &office);
    home.rewrite(&home.carer, &page, "Red and fast.");
    office.rewrite(&office.carer, &page, "Red with a bell.");
    let out = f.dir.path().join("from-home.lsc");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_lifestory"))
            .args(args)
            .env("LIFESTORY_PASSPHRASE", format!("{CARER} passphrase for tests"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let home_path = home.path.to_str().unwrap();
    let office_path = office.path.to_str().unwrap();
    run(&["sync", "export", home_path, "--as", CARER, "--out", out.to_str().unwrap()]);
    let said = run(&["sync", "import", office_path, out.to_str().unwrap(), "--as", CARER]);
    assert!(said.contains("conflict"), "{said}");
    assert!(run(&["sync", "import", office_path, out.to_str().unwrap(), "--as", CARER]).contains("Nothing new"));
    let listed: serde_json::Value = serde_json::from_str(&run(&["sync", "conflicts", office_path, "--as", CARER, "--json"])).unwrap();
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    run(&["sync", "resolve", office_path, &id, "--keep", "theirs", "--as", CARER]);
    assert!(run(&["sync", "conflicts", office_path, "--as", CARER]).contains("No conflicts"));
    let folder = f.dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    run(&["sync", "folder", office_path, folder.to_str().unwrap(), "--as", CARER]);
}

#[test]
fn members_sessions_and_the_profile_travel_too() {
    let (_f, home, office) = home_and_office();
    office
        .binder
        .add_member(&office.carer, "Sam", lifestory::Role::Carer, &common::pass("Sam"), lifestory::KeyCost::insecure_for_tests())
        .unwrap();
    office.binder.approve_member(&office.social_worker, "Sam").unwrap();
    let mut profile = office.binder.profile(&office.carer).unwrap();
    profile.preferred_name = Some("Mira".into());
    office.binder.set_profile(&office.carer, &profile).unwrap();
    home.binder.start_session(&home.carer, "kitchen table").unwrap();
    office.binder.start_session(&office.social_worker, "office").unwrap();
    converge(&home, &office);

    let sam = home.binder.unlock("Sam", &common::pass("Sam")).unwrap();
    assert_eq!(home.binder.profile(&sam).unwrap().preferred_name.as_deref(), Some("Mira"));
    assert_eq!(office.binder.sessions(&office.carer).unwrap().sessions.len(), 2, "each copy's running session");
    // Each facilitator ends their own.
    home.binder.end_session(&home.carer, None, "done").unwrap();
    office.binder.end_session(&office.social_worker, None, "done").unwrap();
    converge(&home, &office);
    assert_eq!(home.content(), office.content());
    assert!(home.binder.sessions(&home.carer).unwrap().sessions.iter().all(|s| s.ended_at.is_some()));
}

#[test]
fn the_same_photo_added_on_both_copies_stays_twice_and_removals_and_moves_travel() {
    let (_f, home, office) = home_and_office();
    let first = home.add(&home.carer, "First", "one", Audience::EMPTY);
    let second = home.add(&home.carer, "Second", "two", Audience::EMPTY);
    let third = home.add(&home.carer, "Third", "three", Audience::EMPTY);
    let old_picture = home.picture(&first, 40);
    converge(&home, &office);

    // The same photo, imported at home and at the office onto different pages.
    let at_home = home.picture(&second, 9);
    let at_office = office.picture(&third, 9);
    home.binder.remove_picture(&home.carer, &old_picture).unwrap();
    office.binder.move_entry(&office.carer, &third, None, 1).unwrap();
    converge(&home, &office);

    assert_eq!(home.content(), office.content());
    for copy in [&home, &office] {
        assert_eq!(copy.binder.pictures(&copy.everyone, &second).unwrap()[0].id, at_home);
        assert_eq!(copy.binder.pictures(&copy.everyone, &third).unwrap()[0].id, at_office);
        assert!(copy.binder.pictures(&copy.everyone, &first).unwrap().is_empty(), "the removal travelled");
        let order: Vec<String> = copy.binder.list(&copy.everyone, Some(Section::Present)).unwrap().entries.into_iter().map(|e| e.id).collect();
        assert_eq!(order.first(), Some(&third), "the move travelled");
    }
    // And the duplicate check still works on both copies.
    let pixels = image::RgbImage::from_fn(24, 16, |x, y| image::Rgb([9, (x * 9) as u8, (y * 13) as u8]));
    let png = common::fixtures::encode(&image::DynamicImage::ImageRgb8(pixels), image::ImageFormat::Png);
    assert!(matches!(home.binder.attach_picture(&home.carer, &first, &png, ""), Err(Error::DuplicatePicture { .. })));
}

#[test]
fn a_watched_folder_brings_in_another_copys_changes_and_stays_quiet_otherwise() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    let (f, home, office) = home_and_office();
    let folder = f.dir.path().join("Nextcloud");
    std::fs::create_dir(&folder).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let exchanges = Arc::new(AtomicUsize::new(0));
    let watcher = {
        let (path, folder, stop, exchanges) = (office.path.clone(), folder.clone(), stop.clone(), exchanges.clone());
        std::thread::spawn(move || {
            let binder = Binder::open(&path).unwrap();
            let keys = binder.unlock(SOCIAL_WORKER, &common::pass(SOCIAL_WORKER)).unwrap();
            let every = std::time::Duration::from_millis(100);
            binder
                .watch_folder(&keys, &folder, every, &|| stop.load(Ordering::SeqCst), &mut |done| {
                    match done { Ok(d) => assert!(d.refused.is_empty(), "{:?}", d.refused), Err(e) => panic!("{e}") }
                    exchanges.fetch_add(1, Ordering::SeqCst);
                })
                .unwrap();
        })
    };
    let page = home.add(&home.carer, "Swimming badge", "25 metres!", Audience::only(Party::SocialWorker));
    home.binder.exchange_folder(&home.carer, &folder).unwrap();
    // Up to 30 s: as soon as it arrives, but a loaded machine may be slow.
    let arrived = (0..300).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        office.binder.show(&office.social_worker, &page).is_ok()
    });
    assert!(arrived, "the watched copy never took in the page");
    // Nothing moves: the watcher only looks. Taking the page in moved its
    // copy's clock, so one more exchange may follow; wait for the count to
    // stand still for 1.5 s (15 looks) rather than a fixed 300 ms, which a
    // slow exchange on a loaded machine could outlast.
    let quiet = std::time::Duration::from_millis(1500);
    let (mut settled, mut since) = (exchanges.load(Ordering::SeqCst), std::time::Instant::now());
    let waiting = std::time::Instant::now();
    while since.elapsed() < quiet {
        assert!(waiting.elapsed() < std::time::Duration::from_secs(30), "the watcher kept exchanging: {settled} exchanges");
        std::thread::sleep(std::time::Duration::from_millis(100));
        let now = exchanges.load(Ordering::SeqCst);
        if now != settled {
            (settled, since) = (now, std::time::Instant::now());
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert_eq!(exchanges.load(Ordering::SeqCst), settled, "exchanged with nothing new");
    stop.store(true, Ordering::SeqCst);
    watcher.join().unwrap();
}

/// Lee Parry joins as a second carer (Jo admits him, the social worker
/// approves) and both copies hear of it.
fn with_a_second_carer(home: &Copy, office: &Copy) {
    let cost = lifestory::KeyCost::insecure_for_tests();
    home.binder.add_member(&home.carer, "Lee Parry", lifestory::Role::Carer, &common::pass("Lee Parry"), cost).unwrap();
    home.binder.approve_member(&home.social_worker, "Lee Parry").unwrap();
    converge(home, office);
}

/// The membership log, row by row, as `sqlite3` reads it.
fn log_of(copy: &Copy) -> String {
    common::tools::sqlite3(&copy.path, "SELECT seq, hex(link), hex(signature) FROM membership ORDER BY seq")
}

/// Both copies admit a second carer before they exchange: the log is
/// hash-chained, so the branches cannot both stand as they are. One stands
/// (the same on both copies: neither removes anyone, so a coin both see
/// alike decides), and the member importing on the other re-signs their own
/// admission on top of it; the social worker's approval made there is
/// undone and said so (the CLI in words). Both copies end with the same
/// log and both carers.
#[test]
fn membership_changed_on_both_copies_settles_alike_and_the_importer_makes_their_own_changes_again() {
    // Which branch stands is a coin (the first links' hashes, which hold
    // random ids): play it until each copy has lost once.
    let mut lost = [false, false];
    for _ in 0..40 {
        lost[usize::from(both_admit_a_carer_and_exchange())] = true;
        if lost == [true, true] {
            return;
        }
    }
    panic!("one side never lost in 40 tries: {lost:?}");
}

/// One play of the test above: true when the home copy's branch lost.
fn both_admit_a_carer_and_exchange() -> bool {
    let (f, home, office) = home_and_office();
    let cost = || lifestory::KeyCost::insecure_for_tests();
    for (copy, name) in [(&office, "Sam Okafor"), (&home, "Lee Parry")] {
        copy.binder.add_member(&copy.carer, name, lifestory::Role::Carer, &common::pass(name), cost()).unwrap();
        copy.binder.approve_member(&copy.social_worker, name).unwrap();
    }
    let out = f.dir.path().join("from-office.lsc");
    office.binder.sync_export(&office.carer, &out).unwrap();
    let said = std::process::Command::new(env!("CARGO_BIN_EXE_lifestory"))
        .args(["sync", "import", home.path.to_str().unwrap(), out.to_str().unwrap(), "--as", CARER])
        .env("LIFESTORY_PASSPHRASE", format!("{CARER} passphrase for tests"))
        .output()
        .unwrap();
    assert!(said.status.success(), "{}", String::from_utf8_lossy(&said.stderr));
    let said = String::from_utf8_lossy(&said.stdout);
    assert!(said.contains("Both copies changed who is in the book"), "{said}");
    let home_lost = said.contains("the other copy's changes stand");
    if home_lost {
        assert!(said.contains("1 change(s) you made here were made again"), "{said}");
        assert!(said.contains("1 addition(s) or approval(s) someone else made on this copy were undone"), "{said}");
    }
    converge(&home, &office);
    assert_eq!(log_of(&home), log_of(&office), "one log on both copies");
    for copy in [&home, &office] {
        let people = copy.binder.people().unwrap().people;
        let waiting: Vec<&str> = people.iter().filter(|p| p.awaiting_approval).map(|p| p.name.as_str()).collect();
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"Sam Okafor") && names.contains(&"Lee Parry"), "{names:?}");
        // The branch that lost keeps its carer, admitted again by Jo; the
        // social worker's approval there was hers to make again.
        assert_eq!(waiting, [if home_lost { "Lee Parry" } else { "Sam Okafor" }]);
        assert!(Binder::check(&copy.path).unwrap().problems.is_empty());
    }
    let (lost, waiting) = if home_lost { (&home, "Lee Parry") } else { (&office, "Sam Okafor") };
    lost.binder.approve_member(&lost.social_worker, waiting).unwrap();
    assert!(lost.binder.unlock(waiting, &common::pass(waiting)).is_ok());
    home_lost
}

/// A conflicting removal wins (MLS, Keybase): the social worker removes Jo
/// at the office, while Jo, on the home laptop, renews the carer key to one
/// only she holds and writes a page; the young person's tablet takes in
/// Jo's change first. When the office's removal reaches the tablet, the
/// office's branch stands and Jo's comes off, and nothing the tablet writes
/// from then on opens with the keys Jo kept (tried with `age`). Jo's own
/// copy cannot open what the others now write, and the office takes the
/// tablet's changes.
#[test]
fn a_removal_wins_over_a_key_change_the_removed_member_made_on_another_copy() {
    use common::tools::{age_open, blob, role_key};
    let (f, home, office) = home_and_office();
    let cost = lifestory::KeyCost::insecure_for_tests();
    let tablet_path = f.dir.path().join("tablet.binder");
    f.binder.backup_to(&tablet_path).unwrap();
    let tablet = open(&tablet_path, &f.recovery);

    // At home, Jo renews the carer key (a holder may) and writes a page.
    home.binder.rotate(&home.carer, lifestory::Role::Carer, Some(&common::pass(CARER)), cost).unwrap();
    let jo = home.binder.unlock(CARER, &common::pass(CARER)).unwrap();
    let hers = home.add(&jo, "From Jo", "JO-PAGE-WRITTEN-BEFORE-SHE-HEARD", Audience::only(Party::YoungPerson));
    let jo_key = role_key(&f, "carer");
    let from_jo = f.dir.path().join("from-jo.lsc");
    home.binder.sync_export(&jo, &from_jo).unwrap();
    tablet.binder.sync_import(&tablet.young_person, &from_jo).unwrap();
    assert_eq!(log_of(&tablet), log_of(&home), "the tablet took Jo's branch");

    // At the office, the social worker removes Jo: new keys.
    assert!(office.binder.remove_member(&office.social_worker, CARER).unwrap().keys_renewed);
    let from_office = f.dir.path().join("from-office.lsc");
    office.binder.sync_export(&office.social_worker, &from_office).unwrap();
    let done = tablet.binder.sync_import(&tablet.young_person, &from_office).unwrap();
    assert!(done.merged.membership_forked && done.merged.membership_theirs, "{:?}", done.merged);
    assert_eq!(log_of(&tablet), log_of(&office), "the office's branch stands");
    assert!(tablet.binder.members().unwrap().iter().all(|m| m.name != CARER));
    assert!(Binder::check(&tablet.path).unwrap().problems.is_empty(), "{:?}", Binder::check(&tablet.path).unwrap().problems);
    // Jo's page, written while she was a carer, is still there.
    let amira = tablet.binder.unlock(YOUNG_PERSON, &common::pass(YOUNG_PERSON)).unwrap();
    assert!(tablet.binder.show(&amira, &hers).is_ok());

    // What the young person writes now is sealed to the log's keys only.
    let marker = "TABLET-PAGE-AFTER-THE-REMOVAL-STOOD";
    let page = tablet.add(&amira, "After", marker, Audience::only(Party::YoungPerson).with(Party::Carer).with(Party::SocialWorker));
    let dir = f.dir.path();
    let wraps = common::tools::sqlite3(&tablet.path, &format!("SELECT hex(wrap) FROM entry_keys WHERE entry_id = '{page}'"));
    assert_eq!(wraps.lines().count(), 3);
    for wrap in wraps.lines() {
        let bytes: Vec<u8> = (0..wrap.len()).step_by(2).map(|i| u8::from_str_radix(&wrap[i..i + 2], 16).unwrap()).collect();
        assert!(age_open(&jo_key, &bytes, dir).is_none(), "a key row of the new page opens with Jo's key");
    }
    let carer_common = blob(&tablet.path, "SELECT hex(common_wrap) FROM role_keys WHERE role = 'carer'");
    assert!(age_open(&jo_key, &carer_common, dir).is_none(), "the carer's wrap of the shared key");

    // Jo's copy will not take the settled log; the office takes the tablet's page.
    let from_tablet = f.dir.path().join("from-tablet.lsc");
    tablet.binder.sync_export(&amira, &from_tablet).unwrap();
    let before = stored_digest(&home.path);
    // Her carer key is not the one the other copies' rows are sealed to.
    assert!(matches!(home.binder.sync_import(&jo, &from_tablet), Err(Error::KeysReplaced)));
    assert_eq!(stored_digest(&home.path), before, "nothing changed on Jo's copy");
    office.binder.sync_import(&office.social_worker, &from_tablet).unwrap();
    let words = office.binder.show(&office.social_worker, &page).unwrap().body;
    assert!(matches!(words, lifestory::Body::Narrative { markdown } if markdown == marker));
    assert_eq!(log_of(&tablet), log_of(&office));
}

/// A removal is never undone by a fork: at home the social worker removes
/// a second carer while at the office she removes the young person (which
/// renews keys, so the office's branch stands). Jo importing at home cannot
/// make Priya's removal again: the file is refused and nothing changes.
/// Priya importing at home makes it again, and both copies end alike.
#[test]
fn a_removal_on_the_branch_that_lost_is_made_again_or_the_import_is_refused() {
    let (f, home, office) = home_and_office();
    with_a_second_carer(&home, &office);
    home.binder.remove_member(&home.social_worker, "Lee Parry").unwrap();
    assert!(office.binder.remove_member(&office.social_worker, YOUNG_PERSON).unwrap().keys_renewed);

    let file = change_file(&office);
    let before = stored_digest(&home.path);
    assert!(matches!(home.binder.sync_import(&home.carer, &file), Err(Error::MembershipForked)));
    assert_eq!(stored_digest(&home.path), before, "nothing changed");

    let done = home.binder.sync_import(&home.social_worker, &file).unwrap();
    assert!(done.merged.membership_theirs && done.merged.membership_redone == 1, "{:?}", done.merged);
    let names = |copy: &Copy| copy.binder.members().unwrap().into_iter().map(|m| m.name).collect::<Vec<_>>();
    assert!(!names(&home).iter().any(|n| n == "Lee Parry" || n == YOUNG_PERSON), "{:?}", names(&home));
    let back = f.dir.path().join("from-home.lsc");
    home.binder.sync_export(&home.social_worker, &back).unwrap();
    office.binder.sync_import(&office.social_worker, &back).unwrap();
    assert_eq!(log_of(&home), log_of(&office));
    assert_eq!(names(&home), names(&office));
    assert!(Binder::check(&home.path).unwrap().problems.is_empty());
}

/// A withdrawal wins over an addition: at home the social worker removes a
/// second carer while at the office Jo admits a third. Whichever copy
/// imports first, the removal stands; the office's admission is made again
/// by Jo on top of it, and its approval waits for the social worker again.
#[test]
fn a_removal_wins_over_an_admission_made_at_the_same_time() {
    let (_f, home, office) = home_and_office();
    let cost = || lifestory::KeyCost::insecure_for_tests();
    with_a_second_carer(&home, &office);
    home.binder.remove_member(&home.social_worker, "Lee Parry").unwrap();
    office.binder.add_member(&office.carer, "Sam Okafor", lifestory::Role::Carer, &common::pass("Sam Okafor"), cost()).unwrap();
    office.binder.approve_member(&office.social_worker, "Sam Okafor").unwrap();

    let at_home = send(&office, &home);
    assert!(at_home.merged.membership_forked && !at_home.merged.membership_theirs, "{:?}", at_home.merged);
    let at_office = send(&home, &office);
    assert!(at_office.merged.membership_theirs, "{:?}", at_office.merged);
    assert_eq!((at_office.merged.membership_redone, at_office.merged.membership_undone), (1, 1));
    converge(&home, &office);
    assert_eq!(log_of(&home), log_of(&office));
    for copy in [&home, &office] {
        let people = copy.binder.people().unwrap().people;
        assert!(people.iter().all(|p| p.name != "Lee Parry"), "the removal stands");
        assert!(people.iter().any(|p| p.name == "Sam Okafor" && p.awaiting_approval), "the admission is made again");
    }
}

/// A page written on a copy that had not yet heard of a rotation is sealed
/// to the role's old key. Where the new key is, it waits for someone who
/// can read it to pass it on: never shown as damaged.
#[test]
fn a_page_sealed_to_a_role_key_since_replaced_waits_and_is_not_shown_as_damaged() {
    let (f, home, office) = home_and_office();
    let cost = lifestory::KeyCost::insecure_for_tests();
    home.binder.rotate(&home.carer, lifestory::Role::Carer, Some(&common::pass(CARER)), cost).unwrap();
    let jo = home.binder.unlock(CARER, &common::pass(CARER)).unwrap();
    // At the office, Jo's old keys: a page for the carers alone.
    let page = office.add(&office.carer, "For carers", "SEALED-TO-THE-OLD-CARER-KEY", Audience::only(Party::Carer));
    let rotation = f.dir.path().join("rotation.lsc");
    home.binder.sync_export(&jo, &rotation).unwrap();
    office.binder.sync_import(&office.young_person, &rotation).unwrap();
    let back = f.dir.path().join("back.lsc");
    office.binder.sync_export(&office.young_person, &back).unwrap();
    home.binder.sync_import(&jo, &back).unwrap();

    let listing = home.binder.list(&jo, None).unwrap();
    assert!(listing.damaged.is_empty(), "{:?}", listing.damaged);
    assert!(listing.waiting >= 1 && listing.entries.iter().all(|e| e.id != page));
    assert!(matches!(home.binder.show(&jo, &page), Err(Error::KeyWaiting)));
}

/// Two carers each renew the carer key on their own copy, so each branch
/// removes the one who signed the other. No rule may choose between them
/// (least of all the coin, which whoever makes a branch can try again and
/// again for): the file is refused on both copies and nothing changes.
#[test]
fn two_carers_each_renewing_the_key_to_remove_the_other_is_refused_on_both_copies() {
    let (f, home, office) = home_and_office();
    let cost = || lifestory::KeyCost::insecure_for_tests();
    with_a_second_carer(&home, &office);
    home.binder.rotate(&home.carer, lifestory::Role::Carer, Some(&common::pass(CARER)), cost()).unwrap();
    let lee = office.binder.unlock("Lee Parry", &common::pass("Lee Parry")).unwrap();
    office.binder.rotate(&lee, lifestory::Role::Carer, Some(&common::pass("Lee Parry")), cost()).unwrap();

    for (from, to, name) in [(&office, &home, "to-home.lsc"), (&home, &office, "to-office.lsc")] {
        let file = f.dir.path().join(name);
        from.binder.sync_export(&from.social_worker, &file).unwrap();
        let before = stored_digest(&to.path);
        let refused = to.binder.sync_import(&to.social_worker, &file);
        assert!(matches!(refused, Err(Error::MembershipForked)), "{:?}", refused.map(|i| i.merged));
        assert_eq!(stored_digest(&to.path), before, "nothing changed");
    }
}

/// The young person renews her key on her own copy (her tablet was lost)
/// while the social worker removes a second carer at the office. The
/// removal stands; on her copy Amira's renewal is made again on top of it,
/// with the keys she already holds, and reaches the office: the key on the
/// lost tablet opens nothing sealed to the binder there afterwards.
#[test]
fn a_key_renewal_on_the_branch_that_lost_is_made_again_and_reaches_the_other_copy() {
    use common::tools::{age_open, blob, role_key};
    let (f, home, office) = home_and_office();
    let cost = || lifestory::KeyCost::insecure_for_tests();
    with_a_second_carer(&home, &office);
    let lost_tablet = role_key(&f, "young-person");
    home.binder.rotate(&home.young_person, lifestory::Role::YoungPerson, Some(&common::pass(YOUNG_PERSON)), cost()).unwrap();
    let amira = home.binder.unlock(YOUNG_PERSON, &common::pass(YOUNG_PERSON)).unwrap();
    assert!(!office.binder.remove_member(&office.social_worker, "Lee Parry").unwrap().keys_renewed);

    let file = f.dir.path().join("from-office.lsc");
    office.binder.sync_export(&office.social_worker, &file).unwrap();
    let done = home.binder.sync_import(&amira, &file).unwrap();
    assert!(done.merged.membership_theirs && done.merged.membership_redone == 1, "{:?}", done.merged);
    let back = f.dir.path().join("from-home.lsc");
    home.binder.sync_export(&amira, &back).unwrap();
    office.binder.sync_import(&office.social_worker, &back).unwrap();
    assert_eq!(log_of(&home), log_of(&office));
    for copy in [&home, &office] {
        assert!(copy.binder.members().unwrap().iter().all(|m| m.name != "Lee Parry"));
        assert!(copy.binder.unlock(YOUNG_PERSON, &common::pass(YOUNG_PERSON)).is_ok());
        assert!(Binder::check(&copy.path).unwrap().problems.is_empty());
        let wrap = blob(&copy.path, "SELECT hex(common_wrap) FROM role_keys WHERE role = 'young-person'");
        assert!(age_open(&lost_tablet, &wrap, f.dir.path()).is_none(), "the lost tablet's key opens the shared key");
    }
    let page = home.add(&amira, "Mine", "WRITTEN-AFTER-THE-TABLET-WAS-LOST", Audience::only(Party::YoungPerson).with(Party::SocialWorker));
    converge_as_social_workers(&home, &office);
    assert!(office.binder.show(&office.social_worker, &page).is_ok());
}

/// [`converge`], importing as each copy's social worker.
fn converge_as_social_workers(a: &Copy, b: &Copy) {
    for (from, to) in [(a, b), (b, a)] {
        let file = from.path.with_extension("sw.lsc");
        let _ = std::fs::remove_file(&file);
        from.binder.sync_export(&from.social_worker, &file).unwrap();
        to.binder.sync_import(&to.social_worker, &file).unwrap();
    }
}

/// The social worker removes Jo at home (new keys) and then changes the
/// child's profile; at the office she removes the young person (new keys
/// too), so a coin both copies see alike decides. On the copy that lost,
/// its removal is made again with fresh keys, and the profile, sealed to
/// a key the winning log never had, is sealed again: not a word is lost.
#[test]
fn a_profile_written_on_the_branch_that_lost_is_sealed_again_and_kept() {
    const NAME: &str = "PREFERRED-NAME-WRITTEN-ON-THE-LOSING-BRANCH";
    for _ in 0..40 {
        let (f, home, office) = home_and_office();
        assert!(home.binder.remove_member(&home.social_worker, CARER).unwrap().keys_renewed);
        let profile = lifestory::Profile { preferred_name: Some(NAME.into()), ..home.binder.profile(&home.social_worker).unwrap() };
        home.binder.set_profile(&home.social_worker, &profile).unwrap();
        assert!(office.binder.remove_member(&office.social_worker, YOUNG_PERSON).unwrap().keys_renewed);
        let file = f.dir.path().join("from-office.lsc");
        office.binder.sync_export(&office.social_worker, &file).unwrap();
        // Home's branch standing refuses the office's file (sealed to keys
        // of the branch that lost there): play again.
        let done = match home.binder.sync_import(&home.social_worker, &file) {
            Err(Error::MembershipForked) => continue,
            done => done.unwrap(),
        };
        assert!(done.merged.membership_theirs, "{:?}", done.merged);
        assert_eq!(done.merged.membership_redone, 1, "{:?}", done.merged);
        converge_as_social_workers(&home, &office);
        assert_eq!(log_of(&home), log_of(&office));
        for copy in [&home, &office] {
            let names: Vec<String> = copy.binder.members().unwrap().into_iter().map(|m| m.name).collect();
            assert!(!names.iter().any(|n| n == CARER || n == YOUNG_PERSON), "{names:?}");
            let keys = copy.binder.unlock(SOCIAL_WORKER, &common::pass(SOCIAL_WORKER)).unwrap();
            assert_eq!(copy.binder.profile(&keys).unwrap().preferred_name.as_deref(), Some(NAME));
            assert!(Binder::check(&copy.path).unwrap().problems.is_empty());
        }
        return;
    }
    panic!("the home copy's branch stood 40 times running");
}
