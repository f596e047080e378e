//! Any text as a narrative: rendering never panics and never lets raw HTML through.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = lifestory::markdown::to_html(text);
    assert!(!html.contains("<script"), "raw HTML rendered");
    let _ = lifestory::markdown::to_plain_text(text);
});
