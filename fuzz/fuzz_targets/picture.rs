//! Any bytes as a picture: the whole import pipeline (bar storage) never
//! panics and never exceeds its limits.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lifestory::picture::dry_run(data);
});
