//! Every limit on input, in one place, so that the CLI and the browser refuse the same things
//! with the same values. Rule-file limits are enforced by the parser (`tieuchi_syntax::limits`,
//! re-exported here); the record size is enforced by whoever reads records (lines, cells).

pub use tieuchi_syntax::limits::{MAX_EXPR_DEPTH, MAX_NESTING, MAX_RULE_FILE_BYTES};

/// Largest record read, in bytes (16 MiB): one NDJSON line, one JSON document or one row.
/// A real household record is under 10 KB.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// Longest name considered for a "did you mean" suggestion, in characters; a longer unknown
/// name gets no suggestion (comparing names costs the product of their lengths).
pub const MAX_SUGGEST_NAME_CHARS: usize = 64;

/// Most known names compared with an unknown one for a suggestion.
pub const MAX_SUGGEST_CANDIDATES: usize = 1000;
