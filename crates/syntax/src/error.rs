//! Syntax errors: their stable codes and how they read.

use crate::catalog;
use crate::diagnostic::Diagnostic;
use crate::keywords::{KeywordLang, Kw};
use crate::message::Message;
use crate::span::Span;

/// What went wrong while reading a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// S001: something else was expected here, e.g. `max 100 pionts`.
    Unexpected {
        /// What would have been accepted.
        expected: Vec<Want>,
        /// What was found instead.
        found: Found,
    },
    /// S002: a string is not closed before the end of the line, e.g. `source "TT 22`.
    UnterminatedString,
    /// S003: a `{` block is never closed, e.g. `input { a: int` at the end of the file.
    UnclosedBlock,
    /// S004: an unknown escape such as `\q` in a string.
    InvalidEscape(char),
    /// S005: a `{` hole in a message is not closed, e.g. `"còn {count thiếu"`.
    UnclosedHole,
    /// S006: a statement that may appear once appears again, e.g. two `award` lines: its
    /// keywords (`award`; `not applicable`).
    Repeated(&'static [Kw]),
    /// S007: nesting deeper than the limit, e.g. `list of list of …` 100 times.
    TooDeep {
        /// What is nested.
        what: Nest,
        /// The deepest nesting allowed.
        limit: usize,
    },
    /// S008: a rule file larger than [`crate::limits::MAX_RULE_FILE_BYTES`].
    TooLarge {
        /// Size of the file in bytes.
        size: usize,
    },
}

/// Something the parser would have accepted at a place, named in messages by the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// A symbol (shown in backquotes): `{`, `,`.
    Token(&'static str),
    /// A keyword, shown in the language of the file's keywords: `points` or `điểm`.
    Keyword(Kw),
    /// Keywords in a row, shown in the language of the file's keywords: `not applicable`.
    Keywords(&'static [Kw]),
    /// The end of the file.
    EndOfFile,
    /// A name of a field, a `let` or a value.
    Name,
    /// A criterion or indicator id such as `U1` or `U2.1`.
    Id,
    /// A number.
    Number,
    /// A date such as `2024-12-31`.
    Date,
    /// A string in double quotes.
    Str,
    /// A message in double quotes.
    MessageStr,
    /// A value in an expression: a number, a name, a string or `(`.
    Operand,
    /// A value in a test: `true`, a number, a date, a string, a word or `missing`.
    TestValue,
    /// A field type.
    Type,
    /// The type of a list's items: `{ fields }`, a type, or a model named by `uses`.
    ItemType,
    /// An input field `name: type`.
    FieldDecl,
    /// A test field `name: value`.
    FieldValue,
    /// A value name of an enumeration, or `}`.
    EnumValueOrClose,
    /// `true` or `false`.
    TrueOrFalse,
    /// `full` or `excluded`.
    FullOrExcluded,
    /// `national` or a province code in quotes.
    Jurisdiction,
    /// Points or an outcome such as `met`.
    PointsOrOutcome,
    /// Points of a band such as `5 when ...`, `otherwise` or `}`.
    Band,
    /// The most points a deduction takes off, such as `5 points`.
    DeductMax,
}

/// What the parser found where it expected something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A word or a symbol, as written.
    Token(String),
    /// A string in double quotes.
    Str,
    /// The end of the file.
    EndOfFile,
}

/// What is nested too deeply (S007).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nest {
    /// An expression.
    Expression,
    /// A field type (`list of …`).
    Type,
    /// A value in a test.
    Value,
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

    /// The diagnostic for this error at `span`, worded by both catalogues; keywords are
    /// quoted in `keywords`, the language of the file's keywords (when it is not known, each
    /// catalogue quotes them in its own language).
    pub fn into_diagnostic(self, span: Span, keywords: Option<KeywordLang>) -> Diagnostic {
        let vi = catalog::vi::parse_error(&self, keywords);
        let en = catalog::en::parse_error(&self, keywords);
        Diagnostic::error(self.code(), Message::new(vi.message, en.message), span)
            .with_help(Message::new(vi.help, en.help))
    }
}
