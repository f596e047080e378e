//! Pictures: every fixture is made here, so each property is known. The
//! must-shows of issue 3: orientation applied, metadata gone from every
//! stored copy, bombs and damaged files refused with nothing stored.

mod common;

use common::fixtures::{self, close, quarter_colours, quarters, CAMERA_MAKE, MARKER, BLUE, GREEN, RED, YELLOW};
use common::{assert_absent, assert_absent_from_file, contains, family, Family};
use image::{DynamicImage, ImageFormat, Rgb, Rgba, RgbImage};
use lifestory::picture::{jpeg, PRINT_LONG, PRINT_SHORT, THUMB_SIDE};
use lifestory::{AddedPicture, Audience, Error, NewEntry, Party, PictureProblem, Role, Section, Size};

/// The carer adds a picture page the young person can see too.
fn import(f: &Family, bytes: &[u8]) -> Result<AddedPicture, Error> {
    let page = NewEntry::picture(Section::Present, "Our day at the beach")
        .shared_with(Audience::only(Party::YoungPerson), "Amira chose this one");
    f.binder.add_picture(&f.carer, page, bytes, "Building a sandcastle")
}

fn stored(f: &Family, picture: &str, size: Size) -> Vec<u8> {
    f.binder.picture_copy(&f.carer, picture, size).unwrap().bytes.to_vec()
}

fn decoded(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

fn picture_rows(f: &Family) -> i64 {
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.query_row("SELECT (SELECT count(*) FROM pictures) + (SELECT count(*) FROM picture_copies) + (SELECT count(*) FROM entries)", [], |r| r.get(0)).unwrap()
}

/// Refused, with this problem, and the file not touched.
fn assert_refused(f: &Family, bytes: &[u8], want: PictureProblem) {
    let before = f.file_bytes();
    match import(f, bytes) {
        Err(Error::Picture(problem)) => assert_eq!(problem, want),
        other => panic!("expected {want:?}, got {:?}", other.map(|a| a.picture_id)),
    }
    assert_eq!(f.file_bytes(), before, "a refused picture changed the binder file");
    assert_eq!(picture_rows(f), 0);
}

#[test]
fn every_exif_orientation_comes_out_upright() {
    let f = family();
    let upright = quarters(120, 80);
    for n in 1..=8u8 {
        let stored_pixels = fixtures::as_camera_stores(&upright, n);
        let file = fixtures::with_phone_metadata(&fixtures::jpeg(&stored_pixels, 95), n);
        let added = import(&f, &file).unwrap_or_else(|e| panic!("orientation {n}: {e}"));
        for size in [Size::Thumb, Size::Print] {
            let copy = decoded(&stored(&f, &added.picture_id, size)).into_rgb8();
            assert_eq!((copy.width(), copy.height()), (120, 80), "orientation {n}, {size}");
            let got = quarter_colours(&copy);
            for (got, want) in got.iter().zip([RED, GREEN, BLUE, YELLOW]) {
                assert!(close(*got, want), "orientation {n}, {size}: {got:?} should be {want:?}");
            }
        }
        // The full copy keeps the camera's own pixels, and carries only the
        // orientation a viewer needs to show it upright.
        let full = stored(&f, &added.picture_id, Size::Full);
        let stripped = jpeg::strip(&full).unwrap();
        assert_eq!(stripped.orientation.to_exif(), n);
        let mut shown = decoded(&full);
        shown.apply_orientation(stripped.orientation);
        let got = quarter_colours(&shown.into_rgb8());
        assert!(close(got[0], RED) && close(got[3], YELLOW), "orientation {n}: full copy shown as {got:?}");
        let info = &f.binder.pictures(&f.carer, &added.entry_id).unwrap()[0];
        assert_eq!((info.width, info.height), (120, 80));
    }
}

#[test]
fn no_metadata_survives_in_any_copy_or_in_the_file() {
    let f = family();
    let file = fixtures::with_phone_metadata(&fixtures::jpeg(&fixtures::photo(640, 480, 1), 90), 6);
    assert!(contains(&file, MARKER) && contains(&file, CAMERA_MAKE));
    let added = import(&f, &file).unwrap();

    for size in Size::ALL {
        let copy = stored(&f, &added.picture_id, size);
        let what = format!("the {size} copy");
        assert_absent(&copy, MARKER, &what);
        assert_absent(&copy, CAMERA_MAKE, &what);
        // ICC and XMP segment names (checked as segments below too).
        assert_absent(&copy, b"ICC_PROFILE\0", &what);
        assert_absent(&copy, "http://ns.adobe.com", &what);
        for marker in fixtures::jpeg_markers(&copy) {
            match marker {
                // Frame, tables, restart interval, scan: picture data only.
                0xC0..=0xCF | 0xDB | 0xDD | 0xDA | 0xD8 => {}
                // A bare JFIF header from our encoder (thumb and print).
                0xE0 if size != Size::Full => {}
                // The full copy's single orientation tag, added on the way out.
                0xE1 if size == Size::Full => {
                    let exif_len = copy.windows(6).position(|w| w == b"Exif\0\0").map(|at| u16::from_be_bytes([copy[at - 2], copy[at - 1]]));
                    assert_eq!(exif_len, Some(34), "full copy's EXIF holds more than the orientation");
                }
                other => panic!("{size} copy still has segment 0xFF{other:02X}"),
            }
        }
        // Nothing after the end of the picture (phones hide second JPEGs there).
        assert!(copy.ends_with(&[0xFF, 0xD9]), "{size} copy has trailing data");
    }
    assert_absent_from_file(&f.path, MARKER);
}

#[test]
fn keeping_the_jpeg_without_metadata_loses_no_pixel() {
    let f = family();
    let original = fixtures::with_phone_metadata(&fixtures::jpeg(&fixtures::photo(500, 300, 2), 88), 1);
    let added = import(&f, &original).unwrap();
    let full = stored(&f, &added.picture_id, Size::Full);
    assert_eq!(decoded(&full).into_rgb8(), decoded(&original).into_rgb8());
    assert!(full.len() < original.len());
}

#[test]
fn a_decompression_bomb_is_refused_before_it_costs_memory() {
    let f = family();
    let bomb = fixtures::png_bomb(50_000, 50_000);
    assert!(bomb.len() < 100);
    assert_refused(&f, &bomb, PictureProblem::TooLarge { width: 50_000, height: 50_000, max_side: 16_384, max_pixels: 100_000_000 });
}

#[test]
fn a_big_sideways_phone_photo_gets_an_upright_print_copy() {
    let f = family();
    let upright = quarters(3000, 4000);
    let file = fixtures::with_phone_metadata(&fixtures::jpeg(&fixtures::as_camera_stores(&upright, 6), 85), 6);
    let added = import(&f, &file).unwrap();
    let print = decoded(&stored(&f, &added.picture_id, Size::Print)).into_rgb8();
    assert_eq!((print.width(), print.height()), (PRINT_SHORT, 3307));
    let got = quarter_colours(&print);
    assert!(close(got[0], RED) && close(got[1], GREEN) && close(got[3], YELLOW), "{got:?}");
    let thumb = decoded(&stored(&f, &added.picture_id, Size::Thumb));
    assert_eq!((thumb.width(), thumb.height()), (288, THUMB_SIDE));
}

#[test]
fn png_text_exif_and_profile_chunks_are_dropped() {
    let f = family();
    let png = fixtures::encode(&DynamicImage::ImageRgb8(fixtures::photo(64, 48, 12)), ImageFormat::Png);
    let file = fixtures::png_with_metadata(&png);
    assert!(contains(&file, MARKER));
    let added = import(&f, &file).unwrap();
    for size in Size::ALL {
        assert_absent(&stored(&f, &added.picture_id, size), MARKER, &format!("the {size} copy (PNG metadata)"));
    }
    assert_eq!(decoded(&stored(&f, &added.picture_id, Size::Full)), decoded(&png));
}

#[test]
fn colour_hidden_under_erased_pixels_is_not_kept() {
    let f = family();
    // "Erased" in an editor: alpha 0, but the address is still in the colour.
    let erased = image::RgbaImage::from_fn(20, 10, |x, _| if x < 10 { Rgba([12, 34, 56, 0]) } else { Rgba([200, 200, 200, 255]) });
    let added = import(&f, &fixtures::encode(&DynamicImage::ImageRgba8(erased), ImageFormat::Png)).unwrap();
    let full = decoded(&stored(&f, &added.picture_id, Size::Full)).into_rgba8();
    assert_eq!(full.get_pixel(3, 3).0, [0, 0, 0, 0]);
    assert_eq!(full.get_pixel(15, 3).0, [200, 200, 200, 255]);
}

#[test]
fn truncated_and_damaged_files_are_refused_with_nothing_stored() {
    let f = family();
    let good = fixtures::jpeg(&fixtures::photo(300, 200, 3), 90);
    assert_refused(&f, &good[..good.len() * 6 / 10], PictureProblem::Damaged);
    assert_refused(&f, &good[..good.len() - 2], PictureProblem::Damaged);
    let png = fixtures::encode(&DynamicImage::ImageRgb8(fixtures::photo(300, 200, 3)), ImageFormat::Png);
    assert_refused(&f, &png[..png.len() / 2], PictureProblem::Damaged);
    assert_refused(&f, b"", PictureProblem::Empty);
    assert_refused(&f, b"Dear diary, today we went to the park.", PictureProblem::NotAPicture);
    let heic = [&[0, 0, 0, 0x18][..], b"ftypheic\0\0\0\0mif1heic", &[0; 64]].concat();
    assert_refused(&f, &heic, PictureProblem::Heic);
}

#[test]
fn the_iphone_message_says_what_to_do() {
    let message = Error::Picture(PictureProblem::Heic).to_string();
    assert!(message.contains("iPhone") && message.contains("Most Compatible"), "{message}");
}

#[test]
fn a_cmyk_scan_imports_in_its_real_colours() {
    let f = family();
    // A print shop's CMYK JPEG: pure cyan, written with Adobe's marker.
    let (w, h) = (64u16, 48u16);
    let cmyk: Vec<u8> = std::iter::repeat([255u8, 0, 0, 0]).take(usize::from(w) * usize::from(h)).flatten().collect();
    let mut file = Vec::new();
    jpeg_encoder::Encoder::new(&mut file, 95).encode(&cmyk, w, h, jpeg_encoder::ColorType::Cmyk).unwrap();
    let added = import(&f, &file).unwrap();
    let print = decoded(&stored(&f, &added.picture_id, Size::Print)).into_rgb8();
    let centre = print.get_pixel(32, 24).0;
    assert!(close(centre, [0, 255, 255]), "cyan came out as {centre:?}");
}

#[test]
fn sixteen_bit_and_transparent_pngs_keep_every_value_in_the_full_copy() {
    let f = family();
    let deep = image::ImageBuffer::from_fn(40, 30, |x, y| Rgb([x as u16 * 1000 + 7, y as u16 * 2000 + 3, 65_535]));
    let deep = DynamicImage::ImageRgb16(deep);
    let added = import(&f, &fixtures::encode(&deep, ImageFormat::Png)).unwrap();
    let full = stored(&f, &added.picture_id, Size::Full);
    assert!(full.starts_with(b"\x89PNG"));
    assert_eq!(decoded(&full), deep);

    let clear = image::RgbaImage::from_fn(40, 30, |x, _| if x < 20 { Rgba([0, 0, 0, 0]) } else { Rgba([200, 20, 20, 255]) });
    let clear = DynamicImage::ImageRgba8(clear);
    let added = import(&f, &fixtures::encode(&clear, ImageFormat::Png)).unwrap();
    assert_eq!(decoded(&stored(&f, &added.picture_id, Size::Full)), clear);
    let print = decoded(&stored(&f, &added.picture_id, Size::Print)).into_rgb8();
    assert!(close(print.get_pixel(5, 15).0, [255, 255, 255]), "transparency should print as white paper");
    assert!(close(print.get_pixel(35, 15).0, [200, 20, 20]));
}

#[test]
fn an_animated_gif_gives_its_first_frame() {
    let f = family();
    let frame = |c: [u8; 4]| image::Frame::new(image::RgbaImage::from_pixel(32, 32, Rgba(c)));
    let mut gif = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut gif);
        encoder.encode_frames([frame([200, 0, 0, 255]), frame([0, 0, 200, 255])]).unwrap();
    }
    let added = import(&f, &gif).unwrap();
    let print = decoded(&stored(&f, &added.picture_id, Size::Print)).into_rgb8();
    assert!(close(print.get_pixel(16, 16).0, [200, 0, 0]));
}

#[test]
fn every_supported_format_imports_and_so_does_a_single_pixel() {
    let f = family();
    let source = DynamicImage::ImageRgb8(quarters(64, 40));
    for (i, format) in [ImageFormat::Png, ImageFormat::WebP, ImageFormat::Bmp, ImageFormat::Tiff, ImageFormat::Gif].into_iter().enumerate() {
        // Make each file distinct so none is a duplicate of another.
        let mut img = source.to_rgb8();
        img.put_pixel(0, 0, Rgb([i as u8, 0, 0]));
        let added = import(&f, &fixtures::encode(&DynamicImage::ImageRgb8(img), format))
            .unwrap_or_else(|e| panic!("{format:?}: {e}"));
        let print = decoded(&stored(&f, &added.picture_id, Size::Print)).into_rgb8();
        assert!(close(quarter_colours(&print)[1], GREEN), "{format:?}");
    }
    let tiny = fixtures::encode(&DynamicImage::ImageRgb8(RgbImage::from_pixel(1, 1, Rgb([9, 9, 9]))), ImageFormat::Png);
    let added = import(&f, &tiny).unwrap();
    let pictures = f.binder.pictures(&f.carer, &added.entry_id).unwrap();
    assert!(pictures[0].copies.iter().all(|c| (c.width, c.height) == (1, 1)));
}

#[test]
fn big_photos_get_a_print_copy_for_a4_and_a_small_thumbnail() {
    let f = family();
    let file = fixtures::jpeg(&fixtures::photo(4000, 3000, 4), 85);
    let added = import(&f, &file).unwrap();
    let copies = &f.binder.pictures(&f.carer, &added.entry_id).unwrap()[0].copies;
    let dims = |s: Size| copies.iter().find(|c| c.size == s).map(|c| (c.width, c.height)).unwrap();
    assert_eq!(dims(Size::Full), (4000, 3000));
    assert_eq!(dims(Size::Print), (3307, PRINT_SHORT));
    assert!(3307 <= PRINT_LONG);
    assert_eq!(dims(Size::Thumb), (THUMB_SIDE, 288));
    let thumb = stored(&f, &added.picture_id, Size::Thumb);
    assert!(thumb.len() < 60_000, "thumbnail is {} bytes", thumb.len());
}

#[test]
fn the_same_picture_twice_is_refused_by_a_keyed_hash() {
    let f = family();
    let file = fixtures::jpeg(&fixtures::photo(200, 150, 5), 90);
    let first = import(&f, &file).unwrap();
    let before = f.file_bytes();
    match import(&f, &file) {
        Err(Error::DuplicatePicture { page: Some(page) }) => assert!(page.contains(&first.entry_id[..8]), "{page}"),
        other => panic!("expected a duplicate, got {:?}", other.map(|a| a.picture_id)),
    }
    assert_eq!(f.file_bytes(), before);

    // Someone who can't read the page holding it is told nothing: the
    // picture is added as her own (a refusal would let her test whether a
    // photo is on a page kept from her).
    let private = fixtures::jpeg(&fixtures::photo(200, 150, 13), 90);
    let court = f.binder.add_picture(&f.social_worker, NewEntry::picture(Section::Past, "Court day"), &private, "").unwrap();
    let hers = f.binder.add_picture(&f.young_person, NewEntry::picture(Section::Past, "Me"), &private, "").unwrap();
    assert_ne!(hers.picture_id, court.picture_id);
    assert_eq!(f.binder.picture_copy(&f.young_person, &hers.picture_id, Size::Full).unwrap().bytes, f.binder.picture_copy(&f.social_worker, &court.picture_id, Size::Full).unwrap().bytes);
    // Whoever can read both pages is still told, the second time.
    assert!(matches!(
        f.binder.add_picture(&f.social_worker, NewEntry::picture(Section::Past, "Again"), &private, ""),
        Err(Error::DuplicatePicture { page: Some(_) })
    ));

    // The stored fingerprint is not a plain hash of the photo, and another
    // binder computes a different one for the same file.
    let other = family();
    import(&other, &file).unwrap();
    let fingerprint = |path| -> Vec<u8> {
        rusqlite::Connection::open(path).unwrap().query_row("SELECT fingerprint FROM pictures ORDER BY created_at LIMIT 1", [], |r| r.get(0)).unwrap()
    };
    use sha2::Digest;
    assert_ne!(fingerprint(&f.path), sha2::Sha256::digest(&file).to_vec());
    assert_ne!(fingerprint(&f.path), fingerprint(&other.path));
}

/// A fingerprint as docs/FORMAT.md gives it: HMAC-SHA256 over `parts`,
/// keyed by HKDF-SHA256(salt = the binder id, secret = the age secret key
/// text, info = `purpose`).
fn keyed(secret: &str, binder_id: &str, purpose: &str, parts: &[&[u8]]) -> String {
    use hmac::Mac;
    let mut key = [0u8; 32];
    hkdf::Hkdf::<sha2::Sha256>::new(Some(binder_id.as_bytes()), secret.as_bytes()).expand(purpose.as_bytes(), &mut key).unwrap();
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&key).unwrap();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02X}")).collect()
}

#[test]
fn a_photo_on_a_page_kept_from_the_young_person_cannot_be_matched_in_the_file_with_her_keys() {
    use common::tools::{age_open, blob, sqlite3};
    use sha2::Digest;
    let f = family();
    let photo = fixtures::jpeg(&fixtures::photo(200, 150, 21), 90);
    let court = f.binder.add_picture(&f.social_worker, NewEntry::picture(Section::Past, "Court day"), &photo, "").unwrap();
    let column = sqlite3(&f.path, &format!("SELECT hex(fingerprint) FROM pictures WHERE id = '{}'", court.picture_id));
    let binder_id = sqlite3(&f.path, "SELECT binder_id FROM binder");
    let digest = sha2::Sha256::digest(&photo);

    // Everything Amira can take out of the file with `age`: her role key,
    // and the binder-wide keys it opens. Neither formula matches.
    let dir = f.dir.path();
    let secret_of = |envelope: &[u8], field: &str| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_slice(envelope).unwrap();
        let mut out = vec![json["key"].as_str().unwrap().to_owned()];
        out.extend(json[field].as_array().into_iter().flatten().map(|k| k.as_str().unwrap().to_owned()));
        out
    };
    let sheet = dir.join("recovery.txt");
    std::fs::write(&sheet, f.recovery.reveal().as_bytes()).unwrap();
    let role_wrap = blob(&f.path, "SELECT hex(recovery_wrap) FROM role_keys WHERE role = 'young-person'");
    let role_secret = secret_of(&age_open(&sheet, &role_wrap, dir).unwrap(), "none").remove(0);
    let role_file = dir.join("amira.key");
    std::fs::write(&role_file, &role_secret).unwrap();
    let common_wrap = blob(&f.path, "SELECT hex(common_wrap) FROM role_keys WHERE role = 'young-person'");
    let mut hers = secret_of(&age_open(&role_file, &common_wrap, dir).expect("her key opens the shared key"), "earlier");
    hers.push(role_secret);
    for secret in &hers {
        for (purpose, part) in [("lifestory picture fingerprint v1", &photo[..]), ("lifestory picture fingerprint v2", &digest[..])] {
            assert_ne!(keyed(secret, &binder_id, purpose, &[part]), column, "{purpose}");
        }
    }
    // The page's own key does give it: the formula above is the file's.
    let page = court.entry_id;
    let worker_wrap = blob(&f.path, "SELECT hex(recovery_wrap) FROM role_keys WHERE role = 'social-worker'");
    let worker_file = dir.join("priya.key");
    std::fs::write(&worker_file, &secret_of(&age_open(&sheet, &worker_wrap, dir).unwrap(), "none")[0]).unwrap();
    let key_row = blob(&f.path, &format!("SELECT hex(wrap) FROM entry_keys WHERE entry_id = '{page}' AND role = 'social-worker'"));
    let page_key = secret_of(&age_open(&worker_file, &key_row, dir).unwrap(), "none").remove(0);
    assert_eq!(keyed(&page_key, &binder_id, "lifestory picture fingerprint v2", &[&digest[..]]), column);
}

#[test]
fn pictures_follow_their_page_s_consent() {
    let f = family();
    let file = fixtures::jpeg(&fixtures::photo(200, 150, 6), 90);
    let private = NewEntry::picture(Section::Past, "Contact centre");
    let added = f.binder.add_picture(&f.carer, private, &file, "").unwrap();
    assert!(matches!(f.binder.picture_copy(&f.young_person, &added.picture_id, Size::Thumb), Err(Error::NotShared)));
    assert!(matches!(f.binder.pictures(&f.young_person, &added.entry_id), Err(Error::NotShared)));

    f.binder.share(&f.carer, &added.entry_id, Audience::only(Party::YoungPerson), Audience::EMPTY, Some("Amira asked to see it".into())).unwrap();
    assert!(f.binder.picture_copy(&f.young_person, &added.picture_id, Size::Thumb).is_ok());

    // Attached to a page, a picture has that page's audience.
    let story = f.add(Role::SocialWorker, Section::Past, "Why you moved", "In words for later.", Audience::EMPTY);
    let drawing = fixtures::encode(&DynamicImage::ImageRgb8(quarters(30, 20)), ImageFormat::Png);
    let attached = f.binder.attach_picture(&f.social_worker, &story, &drawing, "Your drawing").unwrap();
    assert!(matches!(f.binder.picture_copy(&f.carer, &attached, Size::Print), Err(Error::NotShared)));
    let on_page = f.binder.pictures(&f.social_worker, &story).unwrap();
    assert_eq!((on_page.len(), on_page[0].caption.as_str()), (1, "Your drawing"));
}

#[test]
fn a_copy_swapped_between_pictures_is_detected() {
    let f = family();
    let a = import(&f, &fixtures::jpeg(&fixtures::photo(100, 80, 7), 90)).unwrap();
    let page = f.binder.show(&f.carer, &a.entry_id).unwrap();
    let b = f.binder.attach_picture(&f.carer, &page.id, &fixtures::jpeg(&fixtures::photo(100, 80, 8), 90), "").unwrap();
    // Same page key, different picture: only the hash in `info` can tell.
    common::tamper(&f.path, &format!(
        "UPDATE picture_copies SET data = (SELECT data FROM picture_copies WHERE picture_id = '{b}' AND size = 'print') WHERE picture_id = '{}' AND size = 'print'",
        a.picture_id
    ));
    let binder = lifestory::Binder::open(&f.path).unwrap();
    let keys = binder.unlock(common::CARER, &common::pass(common::CARER)).unwrap();
    assert!(matches!(binder.picture_copy(&keys, &a.picture_id, Size::Print), Err(Error::Tampered { .. })));
    assert!(binder.picture_copy(&keys, &b, Size::Print).is_ok());
}

#[test]
fn captions_change_and_pictures_can_be_removed_for_good() {
    let f = family();
    let added = import(&f, &fixtures::jpeg(&fixtures::photo(100, 80, 9), 90)).unwrap();
    f.binder.set_caption(&f.carer, &added.picture_id, "  Me and Nan  ").unwrap();
    assert_eq!(f.binder.pictures(&f.young_person, &added.entry_id).unwrap()[0].caption, "Me and Nan");
    f.binder.remove_picture(&f.carer, &added.picture_id).unwrap();
    assert!(f.binder.pictures(&f.carer, &added.entry_id).unwrap().is_empty());
    assert_eq!(f.binder.resolve_picture(&added.picture_id[..8]).map_err(|e| e.code()), Err("not-found"));

    let again = import(&f, &fixtures::jpeg(&fixtures::photo(100, 80, 10), 90)).unwrap();
    f.binder.delete(&f.carer, &again.entry_id).unwrap();
    assert_eq!(picture_rows(&f), 1, "only the first, now empty, page should be left");
}
