//! Limits on what a rule file may hold, so that reading and checking it stays linear in time
//! and within a small stack (WebAssembly's default stack is 1 MiB). `tieuchi_core::limits`
//! re-exports them beside the limits on records; the CLI and the browser use those values.

/// Largest rule file read, in bytes (4 MiB; the largest real rule file is under 40 KB).
pub const MAX_RULE_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Deepest nesting of types (`list of { q: list of … }`, `list of list of …`) and of test
/// input values (`[[…]]`, `{ b: { … } }`): each `list of`, `[` or `{` is a level, the field
/// itself the first. Real files use 3. Measured in a debug build (unoptimised frames are the
/// largest): record types 32 deep compile and run their tests within 768 KB of stack, 64
/// deep need 1.5 MiB; `crates/core/tests/hardening.rs` checks the deepest allowed file on a
/// 1 MiB stack, WebAssembly's default.
pub const MAX_NESTING: usize = 32;

/// Deepest syntax tree of one expression: each `(`, call, `not`, unary `-` and each operator
/// of a chain such as `a + b + c` is a level. The parser, checker and evaluator recurse once
/// per level. Real files use under 10; a longer expression can be split with `let`.
pub const MAX_EXPR_DEPTH: usize = 40;
