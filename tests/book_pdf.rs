//! The printed book, read back with poppler (`pdftotext`, `pdfinfo`,
//! `pdfimages`) the way a reader's PDF viewer would see it.

mod common;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{assert_absent, family, fixtures, Family};
use lifestory::book::{BookOptions, BookReport};
use lifestory::language::Lang;
use lifestory::{ApproxDate, Audience, Body, Closeness, EntryEdit, Error, IdentityField, NewEntry, Party, PlaceKind, Profile, Role, Section};

/// The child's first name in [`binder_with_markers`].
const FIRST_NAME: &str = "Amira-Rosalind";

fn export(family: &Family, role: Role, options: &BookOptions, name: &str) -> (PathBuf, BookReport) {
    let out = family.dir.path().join(name);
    let report = family.binder.export_book(family.keys(role), options, &out, &mut |_| ControlFlow::Continue(())).expect("export");
    (out, report)
}

fn book_for(family: &Family, audience: Party) -> PathBuf {
    export(family, Role::Carer, &BookOptions::for_audience(audience), &format!("{}.pdf", audience.as_str())).0
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let to_stdout: &[&str] = if tool == "pdftotext" { &["-"] } else { &[] };
    let out = Command::new(tool).args(args).arg(pdf).args(to_stdout).output().unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The page text as a reader extracts it, whitespace collapsed and the
/// direction marks pdftotext adds around right-to-left words removed.
fn text_of(pdf: &Path) -> String {
    let raw = poppler("pdftotext", &[], pdf);
    raw.chars().filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{200E}' | '\u{200F}')).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document information and XMP, as `pdfinfo` shows them.
fn metadata_of(pdf: &Path) -> String {
    let info = Command::new("pdfinfo").arg("-meta").arg(pdf).output().unwrap();
    let more = Command::new("pdfinfo").arg(pdf).output().unwrap();
    format!("{}{}", String::from_utf8_lossy(&info.stdout), String::from_utf8_lossy(&more.stdout))
}

/// Panics if `word` is anywhere in the file: in the raw bytes and in every
/// stream inflated, as UTF-8 and as UTF-16, each also as a PDF hex string
/// (bookmarks and the document information are written `<FEFF004D…>`, so
/// only the hex form finds a page title in them; page text is glyph
/// numbers, which `text_of` reads). Words of 12 bytes or more
/// (common/leaks.rs): fonts, pictures and compressed streams are random
/// enough for a short word to turn up by chance.
fn assert_nowhere_in_file(pdf: &Path, word: &str, what: &str) {
    let bytes = std::fs::read(pdf).unwrap();
    let utf16: Vec<u8> = word.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let hex = |b: &[u8], upper: bool| -> String { b.iter().map(|x| if upper { format!("{x:02X}") } else { format!("{x:02x}") }).collect() };
    let forms: Vec<(String, Vec<u8>)> = vec![
        ("".into(), word.as_bytes().to_vec()),
        (" as UTF-16".into(), utf16.clone()),
        (" as a hex string".into(), hex(word.as_bytes(), true).into_bytes()),
        (" as a hex string".into(), hex(word.as_bytes(), false).into_bytes()),
        (" as a UTF-16 hex string".into(), hex(&utf16, true).into_bytes()),
        (" as a UTF-16 hex string".into(), hex(&utf16, false).into_bytes()),
    ];
    let mut places = vec![(format!("the file of {what}"), bytes.clone())];
    let mut at = 0;
    while let Some(start) = find(&bytes[at..], b"stream\n").map(|i| at + i + 7) {
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |i| start + i);
        let mut inflated = Vec::new();
        let _ = std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&bytes[start..end]), &mut inflated);
        places.push((format!("a stream at byte {start} of {what}"), inflated));
        at = end;
    }
    for (place, haystack) in &places {
        for (form, needle) in &forms {
            assert_absent(haystack, needle, &format!("{place}{form} (the word {word:?})"));
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn share(parties: &[Party]) -> Audience {
    parties.iter().copied().collect()
}

fn add(family: &Family, new: NewEntry) -> String {
    family.binder.add_entry(&family.carer, new).expect("add")
}

/// A binder where every kind of thing carries a marker word, each shared
/// with a different audience.
fn binder_with_markers() -> (Family, Vec<(&'static str, Vec<Party>)>) {
    let f = family();
    let yp = Party::YoungPerson;
    let mut markers = Vec::new();
    let mut note = |word: &'static str, parties: &[Party]| markers.push((word, parties.to_vec()));

    add(&f, NewEntry::narrative(Section::Present, "Football Zebrafinchling", "I play in goal on Saturdays Quokkaberryjam.").shared_with(share(&[yp, Party::School]), "yes"));
    note("Zebrafinchling", &[Party::Carer, yp, Party::School]);
    note("Quokkaberryjam", &[Party::Carer, yp, Party::School]);
    add(&f, NewEntry::narrative(Section::Past, "Mum's visits Marmaladetoast", "Family time on Sundays Tangerineblue.").shared_with(share(&[yp, Party::BirthFamily]), "yes"));
    note("Marmaladetoast", &[Party::Carer, yp, Party::BirthFamily]);
    note("Tangerineblue", &[Party::Carer, yp, Party::BirthFamily]);
    add(&f, NewEntry::narrative(Section::Future, "Only for Jo Pumpernickel", "A note Jo keeps Anchovywhistle."));
    note("Pumpernickel", &[Party::Carer]);
    note("Anchovywhistle", &[Party::Carer]);
    let mut sensitive = NewEntry::narrative(Section::Past, "Why I moved Thunderplumcake", "Hard things Velvetcrowbar.").shared_with(share(&[yp]), "yes");
    sensitive.sensitive = true;
    add(&f, sensitive);
    // Not in any book unless asked for: checked separately below.
    let mut letter = NewEntry::narrative(Section::Future, "For your 18th Lanternmothwing", "Open later Saffronkitetail.").shared_with(share(&[yp]), "yes");
    letter.sealed_until = Some(chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap());
    add(&f, letter);

    add(&f, NewEntry::new(Section::Present, "Biscuit Doodlebugwhirl", Body::Person { relationship: "dog Pawprintpuddle".into(), closeness: Closeness::Closest, pet: true, note: "Sleeps on my bed Snugglewumpkin.".into() }).shared_with(share(&[yp, Party::School]), "yes"));
    note("Doodlebugwhirl", &[Party::Carer, yp, Party::School]);
    note("Pawprintpuddle", &[Party::Carer, yp, Party::School]);
    note("Snugglewumpkin", &[Party::Carer, yp, Party::School]);
    add(&f, NewEntry::new(Section::Present, "Uncle Gravelpitstone", Body::Person { relationship: "uncle".into(), closeness: Closeness::Further, pet: false, note: String::new() }).shared_with(share(&[Party::BirthFamily]), "yes"));
    note("Gravelpitstone", &[Party::Carer, Party::BirthFamily]);
    let mut place = NewEntry::new(Section::Past, "Seaview Crumpettonbury", Body::Place { place: PlaceKind::Home, from: ApproxDate::parse("2015").ok(), to: ApproxDate::parse("summer 2019").ok(), why: "Nan got poorly Wobblegatepost.".into() });
    place = place.shared_with(share(&[yp, Party::SocialWorker]), "yes");
    add(&f, place);
    note("Crumpettonbury", &[Party::Carer, yp, Party::SocialWorker]);
    note("Wobblegatepost", &[Party::Carer, yp, Party::SocialWorker]);
    add(&f, NewEntry::new(Section::Present, "Religion", Body::Identity { field: IdentityField::Religion, text: "Muslim Cardamomishly".into() }).shared_with(share(&[yp]), "yes"));
    note("Cardamomishly", &[Party::Carer, yp]);
    add(&f, NewEntry::new(Section::Present, "Languages", Body::Identity { field: IdentityField::Languages, text: "Arabic Honeysuckleton".into() }).shared_with(share(&[yp, Party::School]), "yes"));
    note("Honeysuckleton", &[Party::Carer, yp, Party::School]);

    let photo = fixtures::jpeg(&fixtures::photo(900, 600, 7), 90);
    let added = f.binder.add_picture(&f.carer, NewEntry::picture(Section::Present, "Beach day Periwinkleboat").shared_with(share(&[yp, Party::School]), "yes"), &photo, "Beach day Periwinkleboat").unwrap();
    note("Periwinkleboat", &[Party::Carer, yp, Party::School]);
    let private = fixtures::jpeg(&fixtures::photo(900, 600, 8), 90);
    let hidden = f.binder.add_picture(&f.carer, NewEntry::picture(Section::Present, "Private snap Gooseberrymoon"), &private, "Private snap Gooseberrymoon").unwrap();
    note("Gooseberrymoon", &[Party::Carer]);

    // The young person's title; a cover picture only some audiences may see.
    let mut profile: Profile = f.binder.profile(&f.carer).unwrap();
    // A name long enough to search the metadata for (common/leaks.rs).
    profile.name = format!("{FIRST_NAME} Hassan-Whitfield");
    profile.book_title = Some("Amira's Book".into());
    profile.cover_picture = Some(hidden.picture_id.clone());
    f.binder.set_profile(&f.carer, &profile).unwrap();
    let _ = added;
    (f, markers)
}

#[test]
fn each_audience_sees_every_consented_word_and_no_other_anywhere_in_the_file() {
    let (f, markers) = binder_with_markers();
    let never = ["Thunderplumcake", "Velvetcrowbar", "Lanternmothwing", "Saffronkitetail"];
    for audience in [Party::YoungPerson, Party::Carer, Party::SocialWorker, Party::School, Party::BirthFamily, Party::Siblings] {
        let pdf = book_for(&f, audience);
        let text = text_of(&pdf);
        let metadata = metadata_of(&pdf);
        for (word, parties) in &markers {
            if parties.contains(&audience) {
                assert!(text.contains(word), "{word} should be in the book for {audience:?}:\n{text}");
            } else {
                assert_absent(text.as_bytes(), word, &format!("the pages for {audience:?}"));
                assert_nowhere_in_file(&pdf, word, &format!("the book for {audience:?}"));
            }
            assert_absent(metadata.as_bytes(), word, &format!("the metadata for {audience:?}"));
        }
        for word in never {
            // Sensitive or sealed.
            assert_absent(text.as_bytes(), word, &format!("the pages for {audience:?}"));
            assert_nowhere_in_file(&pdf, word, &format!("the book for {audience:?}"));
        }
        assert!(metadata.contains("Title:") && metadata.contains("Life story book"), "{metadata}");
        for name in [FIRST_NAME, "Hassan-Whitfield"] {
            assert_absent(metadata.as_bytes(), name, &format!("the metadata for {audience:?} (the child's name)"));
        }
    }
}

#[test]
fn sensitive_pages_appear_only_when_asked_for_and_sealed_letters_never() {
    let (f, _) = binder_with_markers();
    let mut options = BookOptions::for_audience(Party::YoungPerson);
    options.include_sensitive = true;
    let (pdf, _) = export(&f, Role::Carer, &options, "with-sensitive.pdf");
    let text = text_of(&pdf);
    assert!(text.contains("Thunderplumcake") && text.contains("Velvetcrowbar"));
    for sealed in ["Lanternmothwing", "Saffronkitetail"] {
        assert_absent(text.as_bytes(), sealed, "the pages with sensitive ones");
        assert_nowhere_in_file(&pdf, sealed, "the book with sensitive pages");
    }
}

#[test]
fn the_book_runs_cover_contents_present_past_future_with_numbered_pages() {
    let (f, _) = binder_with_markers();
    let pdf = book_for(&f, Party::Carer);
    let text = text_of(&pdf);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing from {text}"));
    assert!(at("Amira's Book") < at("Contents"));
    assert!(at("Contents") < at("My present"));
    let (now, past, future) = (text.rfind("My present").unwrap(), text.rfind("My past").unwrap(), text.rfind("My future").unwrap());
    assert!(now < past && past < future, "sections out of order");
    assert!(at("All about me") < at("My people") && at("My people") < past);
    assert!(text[past..].contains("My life map"));
    // The contents' page numbers are right: the page it gives for "My
    // future" opens that section and carries that number at its foot.
    let contents = poppler("pdftotext", &["-layout", "-f", "3", "-l", "3"], &pdf);
    let line = contents.lines().find(|l| l.trim_start().starts_with("My future")).expect("My future in the contents");
    let number: usize = line.split_whitespace().last().unwrap().parse().unwrap();
    let page = poppler("pdftotext", &["-f", &number.to_string(), "-l", &number.to_string()], &pdf);
    assert!(page.contains("My future"), "page {number} is not the Future section: {page}");
    assert!(page.split_whitespace().any(|w| w == number.to_string()), "page {number} does not show its number: {page}");
}

#[test]
fn the_cover_picture_is_printed_only_for_audiences_its_page_is_shared_with() {
    let (f, _) = binder_with_markers();
    let images = |pdf: &Path| poppler("pdfimages", &["-list"], pdf).lines().skip(2).count();
    // The carer's book has the private cover photo and the beach photo.
    assert_eq!(images(&book_for(&f, Party::Carer)), 3, "cover + beach + private page");
    // School sees the beach photo only: no cover picture.
    assert_eq!(images(&book_for(&f, Party::School)), 1);
    assert_eq!(images(&book_for(&f, Party::BirthFamily)), 0);
}

#[test]
fn a_print_copy_goes_into_the_pdf_as_its_own_jpeg_bytes() {
    let (f, _) = binder_with_markers();
    let pdf = book_for(&f, Party::School);
    let bytes = std::fs::read(&pdf).unwrap();
    let page = f.binder.list(&f.carer, Some(Section::Present)).unwrap().entries.into_iter().find(|e| e.title.contains("Periwinkleboat")).unwrap();
    let picture = &f.binder.pictures(&f.carer, &page.id).unwrap()[0];
    let copy = f.binder.picture_copy(&f.carer, &picture.id, lifestory::Size::Print).unwrap();
    assert!(find(&bytes, &copy.bytes).is_some(), "the print copy's JPEG is not in the PDF as-is");
    let list = poppler("pdfimages", &["-list"], &pdf);
    assert!(list.contains("jpeg") && list.contains(&copy.width.to_string()), "{list}");
}

#[test]
fn arabic_ethiopic_chinese_and_welsh_extract_back_to_the_same_strings() {
    let f = family();
    let lines = [
        "Bore da, sut wyt ti? Dw i'n hoffi'r ŵyl a'r ysgol.",
        "Cześć, mam na imię Zażółć gęślą jaźń.",
        "أحب الرسم والخيول",
        "ሰላም፣ ስሜ ሰላም ነው",
        "我喜欢和我的狗一起散步",
    ];
    let body = lines.join("\n\n");
    add(&f, NewEntry::narrative(Section::Present, "Words I know", &body).shared_with(share(&[Party::YoungPerson]), "yes"));
    let pdf = book_for(&f, Party::YoungPerson);
    let text = text_of(&pdf);
    for line in lines {
        let want = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&want), "{line:?} did not extract back; got:\n{text}");
    }
}

#[test]
fn a_refill_prints_only_new_and_changed_pages_numbered_to_slot_in() {
    let (f, _) = binder_with_markers();
    let (_, full) = export(&f, Role::Carer, &BookOptions::for_audience(Party::YoungPerson), "full.pdf");
    assert!(!full.refill);

    // A new page in Present, an edit of an old one, and a page unshared.
    add(&f, NewEntry::narrative(Section::Present, "New friend Pineconehat", "Met Lily Crocodilesock.").shared_with(share(&[Party::YoungPerson]), "yes"));
    let football = f.binder.list(&f.carer, None).unwrap().entries.into_iter().find(|e| e.title.contains("Zebrafinchling")).unwrap();
    f.binder.edit(&f.carer, &football.id, EntryEdit { body: Some(Body::Narrative { markdown: "Now I play up front Rhubarbstorm.".into() }), ..EntryEdit::default() }).unwrap();

    let mut options = BookOptions::for_audience(Party::YoungPerson);
    options.since_last_print = true;
    let (pdf, refill) = export(&f, Role::Carer, &options, "refill.pdf");
    assert!(refill.refill);
    let text = text_of(&pdf);
    assert!(text.contains("Pineconehat") && text.contains("Crocodilesock") && text.contains("Rhubarbstorm"), "{text}");
    for unchanged in ["Marmaladetoast", "Crumpettonbury", "Doodlebugwhirl", "Contents"] {
        assert!(!text.contains(unchanged), "{unchanged} was reprinted: {text}");
    }
    // The new page slots in after an existing page, with a letter.
    let new = refill.insert.iter().find(|i| i.title.contains("Pineconehat")).unwrap();
    let after = new.after.as_ref().expect("a new page goes after one");
    assert!(new.pages[0].starts_with(after.as_str()) && new.pages[0].ends_with('a'), "{:?} after {after}", new.pages);
    assert!(text.contains(&new.pages[0]), "its label is printed");
    // The edited page keeps its numbers.
    let changed = refill.insert.iter().find(|i| i.title.contains("Zebrafinchling")).unwrap();
    assert!(changed.after.is_none() && changed.pages == changed.replaces, "{changed:?}");
    assert!(text.contains("Put") && text.contains("Replace"));

    // Nothing new: a clear message, and no file.
    let again = f.dir.path().join("again.pdf");
    let err = f.binder.export_book(&f.carer, &options, &again, &mut |_| ControlFlow::Continue(())).unwrap_err();
    assert!(err.to_string().contains("nothing to print"), "{err}");
    assert!(!again.exists());

    // Unsharing a page asks for its pages to come out.
    f.binder.share(&f.carer, &football.id, Audience::EMPTY, Audience::only(Party::YoungPerson), None).unwrap();
    let (_, removal) = export(&f, Role::Carer, &options, "removal.pdf");
    assert_eq!(removal.remove, changed.pages);

    let prints: i64 = rusqlite::Connection::open(&f.path).unwrap().query_row("SELECT count(*) FROM prints WHERE audience = 'young-person' AND member IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(prints, 3);
}

#[test]
fn a_cancelled_export_writes_nothing() {
    let (f, _) = binder_with_markers();
    let out = f.dir.path().join("cancelled.pdf");
    let err = f.binder.export_book(&f.carer, &BookOptions::for_audience(Party::Carer), &out, &mut |p| match p {
        lifestory::book::Progress::Pictures { .. } => ControlFlow::Break(()),
        _ => ControlFlow::Continue(()),
    });
    assert!(matches!(err, Err(Error::Cancelled)));
    let left: Vec<_> = std::fs::read_dir(f.dir.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().contains("pdf")).collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn export_never_overwrites_a_file() {
    let (f, _) = binder_with_markers();
    let out = f.dir.path().join("book.pdf");
    std::fs::write(&out, b"someone's file").unwrap();
    let err = f.binder.export_book(&f.carer, &BookOptions::for_audience(Party::Carer), &out, &mut |_| ControlFlow::Continue(())).unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }));
    assert_eq!(std::fs::read(&out).unwrap(), b"someone's file");
}

#[test]
fn a_preview_counts_the_pages_an_export_writes_and_records_nothing() {
    let (f, _) = binder_with_markers();
    let options = BookOptions::for_audience(Party::School);
    let preview = f.binder.preview_book(&f.carer, &options).unwrap();
    let prints = || -> i64 { rusqlite::Connection::open(&f.path).unwrap().query_row("SELECT count(*) FROM prints", [], |r| r.get(0)).unwrap() };
    assert_eq!(prints(), 0, "a preview is not a print");
    let (pdf, report) = export(&f, Role::Carer, &options, "school.pdf");
    assert_eq!((preview.pages, preview.pictures, preview.entries), (report.pages, report.pictures, report.entries));
    let pages: usize = metadata_of(&pdf).lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert_eq!(pages, preview.pages);
    assert_eq!(prints(), 1);
}

/// The English fixed words that must not be in a Welsh book: every
/// stretch of the English catalogue between its placeables.
fn english_fixed_words() -> Vec<&'static str> {
    let mut fixed = Vec::new();
    for (_, value) in lifestory::book::words(Lang::En).entries() {
        for piece in value.split('{').flat_map(|p| p.rsplit('}').next()) {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || "().“”:".contains(c));
            if piece.chars().count() >= 4 {
                fixed.push(piece);
            }
        }
    }
    fixed
}

#[test]
fn a_welsh_book_has_every_fixed_word_in_welsh_and_none_in_english() {
    let (f, _) = binder_with_markers();
    let mut options = BookOptions::for_audience(Party::Carer);
    options.lang = Lang::Cy;
    let (pdf, _) = export(&f, Role::Carer, &options, "cymraeg.pdf");
    let text = text_of(&pdf);
    let welsh = [
        "Cynnwys",
        "Fy mywyd nawr",
        "Fy ngorffennol",
        "Fy nyfodol",
        "Pwy ydw i, beth dw i'n dda am ei wneud, a'r bobl sy'n bwysig i mi.",
        "Ble dw i wedi byw, y bobl dw i'n eu cofio, ac atgofion da.",
        "Beth hoffwn i ei ddysgu a'i drio, a beth hoffwn i fod.",
        "Popeth amdana i",
        "Crefydd neu gred",
        "Ieithoedd dw i'n eu siarad",
        "Fy mhobl i",
        "Mae'r bobl agosaf yn y cylch canol.",
        "Map fy mywyd",
    ];
    for words in welsh {
        assert!(text.contains(words), "{words:?} is not in the Welsh book:\n{text}");
    }
    // The section names are the app's (ui/src/lib/i18n/cy.ts).
    assert_eq!(Section::Present.title(Lang::Cy), "Fy mywyd nawr");
    for english in english_fixed_words() {
        assert!(!text.contains(english), "{english:?} (English) is in the Welsh book:\n{text}");
    }
    // The contents' page numbers still lead to the sections.
    let contents = poppler("pdftotext", &["-layout", "-f", "3", "-l", "3"], &pdf);
    let line = contents.lines().find(|l| l.trim_start().starts_with("Fy nyfodol")).expect("Fy nyfodol in the contents");
    let number: usize = line.split_whitespace().last().unwrap().parse().unwrap();
    assert!(poppler("pdftotext", &["-f", &number.to_string(), "-l", &number.to_string()], &pdf).contains("Fy nyfodol"));
    let metadata = metadata_of(&pdf);
    assert!(metadata.contains("Llyfr stori bywyd") && !metadata.contains("Life story book"), "{metadata}");

    // The refill sheet too: where new pages go, what replaces what, what comes out.
    let mut options = BookOptions::for_audience(Party::YoungPerson);
    options.lang = Lang::Cy;
    export(&f, Role::Carer, &options, "i-amira.pdf");
    add(&f, NewEntry::narrative(Section::Present, "Ffrind newydd Pineconehat", "Cwrdd â Lily.").shared_with(share(&[Party::YoungPerson]), "ie"));
    let football = f.binder.list(&f.carer, None).unwrap().entries.into_iter().find(|e| e.title.contains("Zebrafinch")).unwrap();
    f.binder.edit(&f.carer, &football.id, EntryEdit { body: Some(Body::Narrative { markdown: "Dw i'n chwarae ymlaen nawr.".into() }), ..EntryEdit::default() }).unwrap();
    let marmalade = f.binder.list(&f.carer, None).unwrap().entries.into_iter().find(|e| e.title.contains("Marmalade")).unwrap();
    f.binder.share(&f.carer, &marmalade.id, Audience::EMPTY, Audience::only(Party::YoungPerson), None).unwrap();
    options.since_last_print = true;
    let (pdf, refill) = export(&f, Role::Carer, &options, "ail-lenwi.pdf");
    assert!(refill.refill && !refill.remove.is_empty());
    let text = text_of(&pdf);
    for words in ["Tudalennau newydd ar gyfer llyfr Amira", "Dydy'r daflen hon ddim yn rhan o'r llyfr.", "Rhowch dudalen", "ar ôl tudalen", "yn lle tudalen", "Tynnwch dudalen"] {
        assert!(text.contains(words), "{words:?} is not on the Welsh refill sheet:\n{text}");
    }
    for english in english_fixed_words().into_iter().chain(["Put "]) {
        assert!(!text.contains(english), "{english:?} (English) is on the Welsh refill sheet:\n{text}");
    }
}

#[test]
fn the_book_and_the_app_call_the_sections_my_present_my_past_my_future() {
    let titles = |lang| Section::ALL.map(|s| s.title(lang));
    assert_eq!(titles(Lang::En), ["My present", "My past", "My future"]);
    assert_eq!(titles(Lang::Cy), ["Fy mywyd nawr", "Fy ngorffennol", "Fy nyfodol"]);
}
