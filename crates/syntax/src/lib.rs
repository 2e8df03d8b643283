//! `tieuchi-syntax`: reads rule files (`*.rules`) into a spanned syntax tree.
//!
//! This is the only crate that knows the parser library. It never fails on bad text: it
//! returns every syntax error found, each with a stable code, a message, a help line and a span.

pub mod ast;
pub mod catalog;
pub mod diagnostic;
pub mod error;
pub mod format;
pub mod keywords;
pub mod limits;
pub mod message;
mod parse;
pub mod source_map;
pub mod span;

pub use diagnostic::{Diagnostic, Label, Severity, sort_diagnostics};
pub use format::{format, format_with};
pub use keywords::{KeywordLang, Kw};
pub use message::{Lang, Message};
pub use parse::{Parsed, parse, parse_at};
pub use source_map::{SourceFile, SourceMap};
pub use span::{LineCol, Span, line_col};
