//! The kind language check on a 2,000-word page, as it runs on every
//! keystroke: median time over many runs.
//!
//! Run: `scripts/bench` (or `cargo bench --bench language_check`).
//! Target (issue 7): under 5 ms.

use std::time::{Duration, Instant};

const SENTENCES: [&str; 5] = [
    "Sam went to the park with Jo after school and fed the ducks by the pond.",
    "Following the placement breakdown in March, contact with mum moved to Saturdays.",
    "She wears a contact lens and contacted the school about the trip to the seaside.",
    "He refused to go to respite and absconded for an hour before coming home.",
    "Mae cyswllt gyda mam ar ddydd Sadwrn ac mae'r manylion cyswllt ar y ffurflen.",
];

fn main() {
    let mut page = String::new();
    let mut words = 0;
    let mut i = 0;
    while words < 2000 {
        let s = SENTENCES[i % SENTENCES.len()];
        words += s.split_whitespace().count();
        page += s;
        page += if i % 6 == 5 { "\n\n" } else { " " };
        i += 1;
    }
    let flags = lifestory::language::check(&page).len(); // warm up (loads the lists once)
    let runs = 500;
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(lifestory::language::check(std::hint::black_box(&page)));
            start.elapsed()
        })
        .collect();
    samples.sort();
    println!(
        "Language check of a {words}-word page ({flags} flags): median {:.3} ms over {runs} runs (min {:.3}, max {:.3})",
        samples[runs / 2].as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3,
        samples[runs - 1].as_secs_f64() * 1e3
    );
}
