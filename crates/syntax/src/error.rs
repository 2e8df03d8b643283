//! Syntax errors: their stable codes and how they read.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// What went wrong while reading a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// S001: something else was expected here, e.g. `max 100 pionts`.
    Unexpected {
        /// What would have been accepted, e.g. ``["`points`"]``.
        expected: Vec<&'static str>,
        /// What was found instead.
        found: String,
    },
    /// S002: a string is not closed before the end of the line, e.g. `source "TT 22`.
    UnterminatedString,
    /// S003: a `{` block is never closed, e.g. `input { a: int` at the end of the file.
    UnclosedBlock,
    /// S004: an unknown escape such as `\q` in a string.
    InvalidEscape(char),
    /// S005: a `{` hole in a message is not closed, e.g. `"còn {count thiếu"`.
    UnclosedHole,
    /// S006: a statement that may appear once appears again, e.g. two `award` lines.
    Repeated(&'static str),
    /// S007: nesting deeper than the limit, e.g. `list of list of …` 100 times.
    TooDeep {
        /// What is nested, in Vietnamese then English (`kiểu (type)`).
        what: &'static str,
        /// The deepest nesting allowed.
        limit: usize,
        /// What to do instead.
        help: &'static str,
    },
    /// S008: a rule file larger than [`crate::limits::MAX_RULE_FILE_BYTES`].
    TooLarge {
        /// Size of the file in bytes.
        size: usize,
    },
}

impl ParseErrorKind {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ParseErrorKind::Unexpected { .. } => "S001",
            ParseErrorKind::UnterminatedString => "S002",
            ParseErrorKind::UnclosedBlock => "S003",
            ParseErrorKind::InvalidEscape(_) => "S004",
            ParseErrorKind::UnclosedHole => "S005",
            ParseErrorKind::Repeated(_) => "S006",
            ParseErrorKind::TooDeep { .. } => "S007",
            ParseErrorKind::TooLarge { .. } => "S008",
        }
    }

    /// The diagnostic for this error at `span`.
    pub fn into_diagnostic(self, span: Span) -> Diagnostic {
        let code = self.code();
        match self {
            ParseErrorKind::Unexpected { expected, found } => {
                let list = join_alternatives(&expected);
                let message = if list.is_empty() {
                    format!("unexpected {found}")
                } else {
                    format!("expected {list}, found {found}")
                };
                let help = if list.is_empty() {
                    "remove or rewrite this part; see the language guide in README.md".to_string()
                } else {
                    format!("write {list} here")
                };
                Diagnostic::error(code, message, span).with_help(help)
            }
            ParseErrorKind::UnterminatedString => {
                Diagnostic::error(code, "this string is not closed", span)
                    .with_help("end the string with `\"` on the same line")
            }
            ParseErrorKind::UnclosedBlock => {
                Diagnostic::error(code, "this block is never closed", span)
                    .with_help("add the matching `}`")
            }
            ParseErrorKind::InvalidEscape(c) => {
                Diagnostic::error(code, format!("unknown escape `\\{c}` in a string"), span)
                    .with_help("use `\\\"`, `\\\\`, `\\n`, `\\{` or `\\}`")
            }
            ParseErrorKind::UnclosedHole => {
                Diagnostic::error(code, "this `{` in a message is not closed", span)
                    .with_help("close the value with `}`, or write `\\{` for a literal brace")
            }
            ParseErrorKind::Repeated(what) => {
                Diagnostic::error(code, format!("`{what}` is written twice here"), span)
                    .with_help(format!("keep a single `{what}` statement in this block"))
            }
            ParseErrorKind::TooDeep { what, limit, help } => Diagnostic::error(
                code,
                format!("lồng quá sâu (nested too deeply): {what} sâu hơn {limit} tầng (more than {limit} levels)"),
                span,
            )
            .with_help(help),
            ParseErrorKind::TooLarge { size } => Diagnostic::error(
                code,
                format!(
                    "tệp quy tắc quá lớn (rule file too large): {size} byte, tối đa (at most) {} byte",
                    crate::limits::MAX_RULE_FILE_BYTES
                ),
                span,
            )
            .with_help("chia tệp thành nhiều tệp nhỏ hơn và nối bằng `extends` hoặc `uses` (split the file, joined with `extends` or `uses`)"),
        }
    }
}

fn join_alternatives(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
