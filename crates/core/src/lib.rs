//! `tieuchi-core`: checks rule files and scores records against them, explaining every point.
//!
//! Pure and synchronous: no I/O, so it runs the same natively and in WebAssembly.
//!
//! # Architecture
//!
//! ```text
//! rule text ──(tieuchi-syntax: parse)──▶ AST ──check──▶ Program (no output caches)
//! record JSON ──record (decode)──▶ Decoded: values, problems, and the evaluations of the
//!                                  items scored by another model (each scored once)
//! Program + Decoded.values ──eval──▶ Evaluation
//! Program + Decoded + Evaluation ──explain (with reach, terms)──▶ Answer (borrows the
//!     program's texts) ──answer_json──▶ JSON text (full or summary: one writer)
//!                      ──CLI──▶ table, CSV and XLSX rows; ──wasm──▶ the browser
//! ```
//!
//! The modules form layers, each using only those listed before it (`tests/layers.rs`
//! checks it):
//!
//! - `value`: the values of a record and exact decimal helpers;
//! - `limits`: sizes refused with a clear error (record size, suggestions);
//! - `suggest`: did-you-mean, without case or Vietnamese marks;
//! - `status`: statuses and outcomes, with their Vietnamese and English names;
//! - `record_error`: a problem with one record (R codes) at a JSON path;
//! - `json_writer`: JSON written by hand (escaping, exact numbers as [`answer::Num`]);
//! - `order`: most points first, ties in order;
//! - `rule_text`: texts of the rules (titles, labels, citations) and reasons made of them;
//! - `program`: the checked program the evaluator runs;
//! - `check`: rule text to [`Program`], with diagnostics (C and N codes, worded by one
//!   catalogue per language in `check/catalog`) and the file's tests;
//! - `expression`: three-valued evaluation of expressions;
//! - `eval`: the points, outcomes, status and tier of a record ([`Evaluation`]);
//! - `wording`: numbers and values in Vietnamese, message templates filled;
//! - `record`: JSON to values, with record problems (R codes);
//! - `answer`: the answer's shape (what JSON and the browser show);
//! - `terms`: a change of the record said in its own terms;
//! - `reach`: what a record that falls short needs (`to_reach`);
//! - `explain`: [`Evaluation`] to [`Answer`], reasons and missing inputs included;
//! - `questions`: which inputs a form asks, given the answers so far;
//! - `answer_json`: the answer's JSON writer (a summary is the same answer with less
//!   detail), and `Escaped`, the rules' texts escaped once by a binding;
//! - `schema`, `testing`: the record's JSON Schema; the rule file's own tests;
//! - `diagnostic_json`: diagnostics and test results as JSON objects (the CLI's
//!   `--format json`, the browser);
//! - `prose`: the rules in Vietnamese prose (award rules, conditions, the decision) for the
//!   document a council signs (`tieuchi doc`);
//! - `coverage`: what the rule file's tests reach (outcomes, both sides of each threshold,
//!   tiers and levels) and the tests that would reach the rest (`tieuchi test --coverage`);
//! - `doc` (feature `authoring`): that document laid out as blocks, an `extends` file's
//!   changes beside its parent's, written as an HTML page or Markdown (`tieuchi doc`, the
//!   playground's document tab).

pub mod answer;
pub mod answer_json;
pub mod check;
pub mod coverage;
pub mod diagnostic_json;
#[cfg(feature = "authoring")]
pub mod doc;
pub mod eval;
mod explain;
mod expression;
mod json_writer;
pub mod limits;
mod order;
pub mod program;
pub mod prose;
pub mod questions;
mod reach;
pub mod record;
mod record_error;
pub mod rule_text;
pub mod schema;
mod status;
pub mod suggest;
mod terms;
pub mod testing;
pub mod value;
pub mod wording;

pub use answer::Answer;
pub use check::{CheckError, Compiled, Loader, compile, compile_file};
pub use eval::{Evaluation, Outcome, Status, evaluate};
pub use explain::{Detail, explain};
pub use program::Program;
pub use record::{Decoded, RecordCode, RecordError, RecordSeed, decode_str, decode_value};
