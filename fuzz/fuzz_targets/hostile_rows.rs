//! A hostile value in a membership link, a page's proofs, a deletion's
//! proof, a page id or its dates: nothing a member then does panics, and an
//! exchange leaves a clean copy readable (tests/common/hostile_rows.rs).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/hostile_rows.rs"]
mod hostile_rows;

fuzz_target!(|data: &[u8]| hostile_rows::run(data));
