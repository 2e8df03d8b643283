//! `tieuchi-core`: checks rule files and scores records against them, explaining every point.
//!
//! Pure and synchronous: no I/O, so it runs the same natively and in WebAssembly.
//! `source text -> compile -> Program -> decode -> evaluate -> explain -> Answer (JSON)`.

pub mod answer;
pub mod check;
pub mod eval;
mod explain;
mod expr_eval;
pub mod format;
pub mod json;
pub mod limits;
pub mod program;
mod reach;
pub mod record;
pub mod schema;
mod terms;
pub mod testing;
pub mod text;
pub mod value;

pub use answer::Answer;
pub use check::{CheckError, Compiled, Loader, compile, compile_file};
pub use eval::{Evaluation, Outcome, Status, evaluate};
pub use explain::{Detail, explain};
pub use program::Program;
pub use record::{Decoded, RecordError, RecordSeed, decode_str, decode_value};
