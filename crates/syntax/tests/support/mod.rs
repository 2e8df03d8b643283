//! Shared by the test files of this crate.

pub mod span_free;
