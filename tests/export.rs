//! The open HTML export: readable in any browser, holding exactly what the
//! exporting member may see, with nothing able to run or fetch.

mod common;

use common::{assert_absent_from_folder, contains, family};
use lifestory::{Audience, NewEntry, Party, Role, Section};

fn all_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in walk(dir) {
        bytes.extend(std::fs::read(entry).unwrap());
    }
    bytes
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_young_person_s_export_has_their_pages_in_book_order_and_nothing_else() {
    let f = family();
    let yp = Audience::only(Party::YoungPerson);
    f.add(Role::Carer, Section::Future, "When I grow up", "A *vet*. [x](javascript:alert(1))", yp);
    f.add(Role::Carer, Section::Past, "Nan's flat", "Lived there until 2019.", yp);
    f.add(Role::Carer, Section::Present, "<script>alert('me')</script>", "I like horses.", yp);
    f.add(Role::Carer, Section::Past, "A worry for Jo only", "private-words-91c", Audience::EMPTY);
    let mut letter = NewEntry::narrative(Section::Future, "Letter-title-for-later", "letter-words-3d2").shared_with(yp, "for later");
    letter.sealed_until = Some(chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap());
    f.binder.add_entry(&f.carer, letter).unwrap();
    let photo = common::fixtures::with_phone_metadata(&common::fixtures::jpeg(&common::fixtures::photo(400, 300, 4), 90), 1);
    let page = NewEntry::picture(Section::Present, "Beach").shared_with(yp, "Amira chose it");
    f.binder.add_picture(&f.carer, page, &photo, "Sandcastle & sea").unwrap();

    let out = f.dir.path().join("book");
    let report = f.binder.export_html(&f.young_person, &out).unwrap();
    assert_eq!((report.pages, report.pictures, report.sealed_letters), (4, 1, 1));

    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let (now, past, future) = (index.find("My present").unwrap(), index.find("My past").unwrap(), index.find("My future").unwrap());
    assert!(now < past && past < future, "Present, then Past, then Future");
    assert!(index.contains("A letter for you, to open from 2040-01-01"));
    assert!(index.contains("&lt;script&gt;"), "titles are escaped");

    for absent in ["private-words-91c", "A worry for Jo", "Letter-title-for-later", "letter-words-3d2", "<script>alert(", "javascript:alert(1)", common::fixtures::MARKER] {
        assert_absent_from_folder(&out, absent);
    }
    let bytes = all_bytes(&out);
    assert!(contains(&bytes, "<em>vet</em>") && contains(&bytes, "<figcaption>Sandcastle &amp; sea</figcaption>"));
    let pictures: Vec<_> = walk(&out.join("pictures"));
    assert_eq!(pictures.len(), 1);
    assert!(image::open(&pictures[0]).is_ok());
    for file in walk(&out).iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = std::fs::read_to_string(file).unwrap();
        assert!(!html.contains("http://") && !html.contains("https://"), "{} refers outside", file.display());
        // The HTML is text the export wrote, not random bytes: a short
        // search there can't hit by chance (pictures are not searched).
        assert!(!html.contains("<script") && !html.contains("javascript:"), "{} can run something", file.display());
    }

    // Never over an existing folder, never half a folder.
    assert_eq!(f.binder.export_html(&f.young_person, &out).unwrap_err().code(), "already-exists");
    assert!(!f.dir.path().join("book.partial").exists());
}
