//! Importing a 12-megapixel phone JPEG (4000 × 3000, EXIF orientation 6,
//! full phone metadata): median time per picture for all three copies,
//! encryption and the SQLite write, against ImageMagick making the same
//! thumbnail and print copy in the same run. Then peak memory over 50
//! imports, which must not grow with the count.
//!
//! Run: `scripts/bench` (or `cargo bench --bench picture_import`).
//! Targets (issue 3): under 400 ms per picture on a 2-core machine, and no
//! more than 2× ImageMagick's time.

#[path = "../tests/common/fixtures.rs"]
mod fixtures;
mod common;
use common::median;
use common::peak_rss_mib;

use std::process::Command;
use std::time::Instant;

use lifestory::{Binder, KeyCost, NewBinder, NewEntry, Role, SecretString, Section};

/// The same photo with a different comment, so each import is a new file
/// (the binder refuses exact duplicates).
fn variant(photo: &[u8], i: usize) -> Vec<u8> {
    let mut out = photo[..2].to_vec();
    out.extend(fixtures::segment(0xFE, format!("copy {i}").as_bytes()));
    out.extend_from_slice(&photo[2..]);
    out
}

fn main() {
    let runs: usize = std::env::var("RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(15);
    let upright = fixtures::photo(4000, 3000, 7);
    let photo = fixtures::with_phone_metadata(&fixtures::jpeg(&fixtures::as_camera_stores(&upright, 6), 92), 6);
    println!("12 MP test photo: {:.1} MB", photo.len() as f64 / 1e6);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.binder");
    let pass = || SecretString::from("a long passphrase for the bench".to_owned());
    let (binder, _recovery) = Binder::create(
        &path,
        NewBinder { child_name: "Bench", member_name: "Jo", role: Role::Carer, passphrase: pass(), cost: KeyCost::insecure_for_tests() },
    )
    .unwrap();
    let keys = binder.unlock("Jo", &pass()).unwrap();

    // Warm up once, then time.
    binder.add_picture(&keys, NewEntry::picture(Section::Present, "warm-up"), &variant(&photo, 0), "").unwrap();
    let mut ours = Vec::new();
    for i in 1..=runs {
        let bytes = variant(&photo, i);
        let t = Instant::now();
        binder.add_picture(&keys, NewEntry::picture(Section::Present, ""), &bytes, "").unwrap();
        ours.push(t.elapsed());
    }
    let ours = median(ours);
    println!("import (thumb + print + full, encrypted, stored): median {:.0} ms over {runs}", ours.as_secs_f64() * 1e3);

    let convert = "/usr/bin/convert";
    let input = dir.path().join("photo.jpg");
    std::fs::write(&input, &photo).unwrap();
    let mut magick = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let status = Command::new(convert)
            .arg(&input)
            .args(["-auto-orient", "-strip", "(", "+clone", "-filter", "Lanczos", "-resize", "3508x2480>", "-quality", "90"])
            .arg("-write")
            .arg(dir.path().join("print.jpg"))
            .args(["+delete", ")", "-filter", "Lanczos", "-resize", "384x384>", "-quality", "80"])
            .arg(dir.path().join("thumb.jpg"))
            .status();
        match status {
            Ok(s) if s.success() => magick.push(t.elapsed()),
            _ => {
                println!("ImageMagick ({convert}) not available: install the imagemagick package to compare.");
                break;
            }
        }
    }
    if magick.len() == runs {
        let magick = median(magick);
        println!(
            "ImageMagick convert (thumb + print only): median {:.0} ms; ratio ours/ImageMagick = {:.2}",
            magick.as_secs_f64() * 1e3,
            ours.as_secs_f64() / magick.as_secs_f64()
        );
    }

    let before = peak_rss_mib();
    let mut at_10 = 0.0;
    for i in 0..50 {
        binder.add_picture(&keys, NewEntry::picture(Section::Past, ""), &variant(&photo, 1000 + i), "").unwrap();
        if i == 9 {
            at_10 = peak_rss_mib();
        }
    }
    println!(
        "peak memory: {before:.0} MiB before, {at_10:.0} MiB after 10 more imports, {:.0} MiB after 50",
        peak_rss_mib()
    );
}
