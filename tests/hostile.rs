//! Hostile binders: files crafted to stall, exhaust or confuse the app. Each
//! is refused, before the work it asks for, with a clear message. The error
//! is the behaviour asserted; the time bounds only catch the work being done
//! (minutes or more), and are generous so that a loaded machine can't fail
//! them (a 1 s bound on a step measured at 0.75 s failed in CI while the
//! disk was busy; the same step took 1.6 s here while others built).

mod common;

use std::time::{Duration, Instant};

use common::{tamper, CARER};
use lifestory::{Audience, Binder, Role, Section};

/// Far below the work each hostile file asks for (minutes, or forever),
/// far above what refusing it takes (milliseconds alone).
const BOUND: Duration = Duration::from_secs(5);
/// Stanzas spliced into a header. Handed to age, they cost about 19 ms each
/// (measured with 1,000: 19 s), so trying them would take minutes, far past
/// [`BOUND`].
const STANZAS: usize = 5_000;

fn reopen(path: &std::path::Path) -> (Binder, lifestory::Keyring) {
    let binder = Binder::open(path).unwrap();
    let keys = binder.unlock(CARER, &common::pass(CARER)).unwrap();
    (binder, keys)
}

/// An age header with `n` extra X25519 stanzas spliced in after the first.
fn with_stanzas(blob: &[u8], n: usize) -> Vec<u8> {
    let first_line_end = blob.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut out = blob[..first_line_end].to_vec();
    for _ in 0..n {
        out.extend_from_slice(b"-> X25519 CJM36AHmTbdHSuOQL+NESqyVQE7f3ytb1rGKrZu66kM\nSQNMc/vNZnWnT3e94KyLgYEp0n2fk8uhNSGQ6RyQMsM\n");
    }
    out.extend_from_slice(&blob[first_line_end..]);
    out
}

#[test]
fn thousands_of_stanzas_are_refused_without_trying_them() {
    let f = common::family();
    let page = f.add(Role::Carer, Section::Present, "Title", "Body", Audience::EMPTY);
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    for (table, column) in [("entries", "body"), ("entry_keys", "wrap")] {
        let blob: Vec<u8> = conn.query_row(&format!("SELECT {column} FROM {table} WHERE {} = ?1", if table == "entries" { "id" } else { "entry_id" }), [&page], |r| r.get(0)).unwrap();
        let hostile = with_stanzas(&blob, STANZAS);
        assert!(hostile.len() > 400_000);
        conn.execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {} = ?2", if table == "entries" { "id" } else { "entry_id" }), rusqlite::params![hostile, page]).unwrap();
        let (binder, keys) = reopen(&f.path);
        let t = Instant::now();
        let err = binder.show(&keys, &page).unwrap_err();
        assert!(t.elapsed() < BOUND, "{table}: took {:?}", t.elapsed());
        assert_eq!(err.code(), "tampered", "{table}: {err}");
        conn.execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {} = ?2", if table == "entries" { "id" } else { "entry_id" }), rusqlite::params![blob, page]).unwrap();
    }
}

#[test]
fn an_excessive_scrypt_work_factor_is_refused_before_the_work() {
    let f = common::family();
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    let wrap: Vec<u8> = conn.query_row("SELECT key_wrap FROM members WHERE name = ?1", [CARER], |r| r.get(0)).unwrap();
    let text = String::from_utf8_lossy(&wrap).into_owned();
    // "-> scrypt <salt> 10" as written for tests: ask for 2^30 instead.
    let line = text.lines().find(|l| l.starts_with("-> scrypt ")).unwrap().to_owned();
    let hostile_line = format!("{} 30", line.rsplit_once(' ').unwrap().0);
    let hostile = text.replacen(&line, &hostile_line, 1);
    conn.execute("UPDATE members SET key_wrap = ?1 WHERE name = ?2", rusqlite::params![hostile.as_bytes(), CARER]).unwrap();
    let binder = Binder::open(&f.path).unwrap();
    let t = Instant::now();
    let err = binder.unlock(CARER, &common::pass(CARER)).unwrap_err();
    assert!(t.elapsed() < BOUND, "took {:?}", t.elapsed());
    assert_eq!(err.code(), "excessive-work", "{err}");
    assert!(err.to_string().contains("2^30"), "{err}");
}

#[test]
#[ignore = "run by an_oversized_blob_is_refused_before_it_is_read as its child process"]
fn oversized_reader_child() {
    let (Some(path), Some(page)) = (std::env::var_os("LSB_BINDER"), std::env::var("LSB_PAGE").ok()) else { return };
    if !common::in_child() {
        return;
    }
    let (binder, keys) = reopen(std::path::Path::new(&path));
    let before = common::peak_rss_kib();
    let t = Instant::now();
    let err = binder.show(&keys, &page).unwrap_err();
    let took = t.elapsed();
    println!("REFUSED {} {} KiB {took:?} {err}", err.code(), common::peak_rss_kib() - before);
}

#[test]
fn an_oversized_blob_is_refused_before_it_is_read() {
    let f = common::family();
    let page = f.add(Role::Carer, Section::Present, "Title", "Body", Audience::EMPTY);
    // 300 MB of zeros where a page body should be (SQLite stores zeroblobs
    // compactly only until written; this one is real on disk).
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute("UPDATE entries SET body = zeroblob(300 * 1024 * 1024) WHERE id = ?1", [&page]).unwrap();
    drop(conn);
    // Read back in a process of its own, so its peak memory is the read's
    // alone. Not read means not in memory: the peak grows by far less than
    // the value. (While `entries` was WITHOUT ROWID, finding any page near
    // this one by its id loaded the whole 300 MB row to compare keys;
    // migration 007 made the content tables rowid tables for this.)
    let out = common::child("oversized_reader_child").env("LSB_BINDER", &f.path).env("LSB_PAGE", &page).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let line = said.lines().find_map(|l| l.find("REFUSED ").map(|at| &l[at + 8..])).unwrap_or_else(|| panic!("the child said {said}{}", String::from_utf8_lossy(&out.stderr)));
    eprintln!("an oversized page body refused: {line}");
    let mut words = line.split(' ');
    let (code, grown_kib) = (words.next().unwrap(), words.next().unwrap().parse::<u64>().unwrap());
    assert_eq!(code, "damaged", "{line}");
    assert!(line.contains("far bigger"), "{line}");
    assert!(grown_kib < 64 * 1024, "reading the refused value took {grown_kib} KiB: {line}");
}

#[test]
fn rows_that_point_at_nothing_are_reported_not_followed() {
    let f = common::family();
    let page = f.add(Role::Carer, Section::Present, "Title", "Body", Audience::EMPTY);
    let wrap: Vec<u8> = rusqlite::Connection::open(&f.path)
        .unwrap()
        .query_row("SELECT wrap FROM entry_keys WHERE entry_id = ?1", [&page], |r| r.get(0))
        .unwrap();
    let hex: String = wrap.iter().map(|b| format!("{b:02x}")).collect();
    tamper(&f.path, &format!(
        "INSERT INTO entry_keys (entry_id, role, wrap) VALUES ('00000000000000000000000000000000', 'carer', x'{hex}');
         INSERT INTO pictures (id, entry_id, position, fingerprint, info, created_at) VALUES ('ffff', 'nowhere', 1, x'00', x'00', '2026');
         INSERT INTO picture_copies (picture_id, size, data) VALUES ('nothing', 'thumb', x'00');
         INSERT INTO entries (id, section, kind, position, audience, sensitive, created_at, updated_at, author, session_id, body)
           VALUES ('0123456789abcdef0123456789abcdef', 'past', 'narrative', 9, 2, 0, '2026', '2026', 'ghost', 'no-session', x'00');"
    ));
    let t = Instant::now();
    let report = Binder::check(&f.path).unwrap();
    assert!(report.problems.len() >= 4, "check should list each dangling row: {:?}", report.problems);
    let (binder, keys) = reopen(&f.path);
    let listing = binder.list(&keys, None).unwrap();
    assert!(listing.entries.iter().any(|e| e.id == page), "the real page is still listed");
    assert!(!listing.entries.iter().any(|e| e.id.starts_with("0123")), "a keyless row must not be listed as a page");
    assert_eq!(listing.waiting + listing.hidden + listing.damaged.len(), 1, "{listing:?}");
    // Unsigned, so not a page at all: refused before its (missing) key is looked for.
    assert_eq!(binder.show(&keys, "0123456789abcdef0123456789abcdef").unwrap_err().code(), "tampered");
    assert_eq!(binder.picture_copy(&keys, "ffff", lifestory::Size::Thumb).unwrap_err().code(), "not-found");
    // Checking, reopening (an unlock) and listing: the bound only catches
    // rows being followed round and round.
    assert!(t.elapsed() < BOUND * 4, "took {:?}", t.elapsed());
}
