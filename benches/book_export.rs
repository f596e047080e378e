//! Exporting the printed book of a big binder: 200 narrative pages and
//! 300 photos (1600 × 1200 JPEGs, a third in each section). Median wall
//! time over several exports, each in a fresh process so its peak memory
//! is its own; then the peak for a third of the pictures, to show memory
//! does not grow with the number of pictures.
//!
//! Run: `scripts/bench` (or `cargo bench --bench book_export`).
//! Targets (issue 4): under 5 s and under 300 MB.

#[path = "../tests/common/fixtures.rs"]
mod fixtures;
mod common;
use common::peak_rss_mib;

use std::ops::ControlFlow;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use lifestory::book::BookOptions;
use lifestory::{Audience, Binder, KeyCost, NewBinder, NewEntry, Party, Role, SecretString, Section};

fn pass() -> SecretString {
    SecretString::from("a long passphrase for the bench".to_owned())
}

const WORDS: &str = "we went to the park and fed the ducks then Nan bought chips and we sat on the wall by the sea and watched the boats come in while Biscuit barked at the gulls";

fn narrative(i: usize) -> String {
    let mut text = format!("## Day {i}\n\n");
    for p in 0..6 {
        let words: Vec<&str> = WORDS.split(' ').cycle().skip(i + p).take(60).collect();
        text += &words.join(" ");
        text += if p == 2 { " *It was the best day.* Dw i'n hoffi'r môr. أحب البحر.\n\n" } else { ".\n\n" };
    }
    text += "- chips\n- ducks\n- boats\n";
    text
}

fn build(path: &Path) {
    let (binder, _) = Binder::create(path, NewBinder { child_name: "Bench", member_name: "Jo", role: Role::Carer, passphrase: pass(), cost: KeyCost::insecure_for_tests() }).unwrap();
    let keys = binder.unlock("Jo", &pass()).unwrap();
    let share = Audience::only(Party::YoungPerson);
    let sections = [Section::Present, Section::Past, Section::Future];
    for i in 0..200 {
        binder.add_entry(&keys, NewEntry::narrative(sections[i % 3], format!("Page {i}"), narrative(i)).shared_with(share, "yes")).unwrap();
    }
    let base = fixtures::photo(1600, 1200, 3);
    for i in 0..300 {
        // A different picture each time (the binder refuses duplicates).
        let mut img = base.clone();
        img.put_pixel((i % 1600) as u32, 0, image::Rgb([i as u8, 7, 9]));
        let jpeg = fixtures::jpeg(&img, 88);
        binder.add_picture(&keys, NewEntry::picture(sections[i / 100], &format!("Photo {i}")).shared_with(share, "yes"), &jpeg, &format!("Photo {i}")).unwrap();
    }
}

/// In a child process: export once and print "seconds peak_mib pages bytes".
fn export_once(binder: &Path, out: &Path, only_past: bool) {
    let binder = Binder::open(binder).unwrap();
    let keys = binder.unlock("Jo", &pass()).unwrap();
    let mut options = BookOptions::for_audience(Party::YoungPerson);
    if only_past {
        options.sections = vec![Section::Past];
    }
    let start = Instant::now();
    let report = binder.export_book(&keys, &options, out, &mut |_| ControlFlow::Continue(())).unwrap();
    println!("{} {} {} {} {}", start.elapsed().as_secs_f64(), peak_rss_mib(), report.pages, report.bytes, report.pictures);
}

fn run_child(binder: &Path, out: &Path, only_past: bool) -> (f64, f64, usize, u64, usize) {
    let _ = std::fs::remove_file(out);
    let output = Command::new(std::env::current_exe().unwrap()).arg("--export-once").arg(binder).arg(out).arg(if only_past { "past" } else { "all" }).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let line = String::from_utf8(output.stdout).unwrap();
    let v: Vec<&str> = line.split_whitespace().collect();
    (v[0].parse().unwrap(), v[1].parse().unwrap(), v[2].parse().unwrap(), v[3].parse().unwrap(), v[4].parse().unwrap())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--export-once") {
        export_once(Path::new(&args[i + 1]), Path::new(&args[i + 2]), args[i + 3] == "past");
        return;
    }
    let runs: usize = std::env::var("RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let binder = dir.path().join("bench.binder");
    let out = dir.path().join("book.pdf");
    let start = Instant::now();
    build(&binder);
    println!("Built a binder of 200 narrative pages and 300 photos in {:.1} s", start.elapsed().as_secs_f64());

    let mut times = Vec::new();
    let mut peaks = Vec::new();
    let mut last = (0, 0, 0);
    for _ in 0..runs {
        let (secs, peak, pages, bytes, pictures) = run_child(&binder, &out, false);
        times.push(secs);
        peaks.push(peak);
        last = (pages, bytes as usize, pictures);
    }
    times.sort_by(f64::total_cmp);
    peaks.sort_by(f64::total_cmp);
    println!(
        "Whole book ({} pages, {} pictures, {:.1} MB PDF): median {:.2} s over {runs} runs (min {:.2}, max {:.2}); peak memory median {:.0} MiB",
        last.0,
        last.2,
        last.1 as f64 / 1e6,
        times[runs / 2],
        times[0],
        times[runs - 1],
        peaks[runs / 2]
    );
    let (secs, peak, pages, _, pictures) = run_child(&binder, &out, true);
    println!("One section ({pages} pages, {pictures} pictures): {secs:.2} s, peak memory {peak:.0} MiB");
}
