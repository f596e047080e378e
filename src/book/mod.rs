//! The printed book.

pub mod typeset;
