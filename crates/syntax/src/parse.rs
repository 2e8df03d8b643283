//! Entry point of the parser: reads a whole file and collects every syntax error in it.

mod block;
mod expr;
mod lex;
mod model;
mod scoring;
mod test_case;
mod words;

pub(crate) use words::read_keyword;

use std::collections::HashSet;

use lex::{Cx, PErr, ws};

use crate::ast::File;
use crate::diagnostic::Diagnostic;
use crate::error::{Found, ParseErrorKind, Want};
use crate::keywords::KeywordLang;
use crate::limits::MAX_RULE_FILE_BYTES;
use crate::span::Span;

/// The result of parsing: the tree (when the file had a readable `model` header) and every
/// syntax error found. A tree with errors is still useful for tooling but must not be scored.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The syntax tree, when a model header could be read.
    pub file: Option<File>,
    /// Syntax errors in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The language most of the file's keywords are written in (on a tie, that of its first
    /// keyword); `None` when no keyword could be read. Messages quote keywords in it, and the
    /// formatter writes them in it unless asked for another.
    pub keywords: Option<KeywordLang>,
}

/// Parses a rule file, collecting all syntax errors rather than stopping at the first.
pub fn parse(src: &str) -> Parsed {
    parse_at(src, 0)
}

/// Parses a rule file placed at byte `base` of a [`crate::SourceMap`]: every span is shifted
/// by `base`, so that spans from several files never collide.
pub fn parse_at(src: &str, base: usize) -> Parsed {
    if src.len() > MAX_RULE_FILE_BYTES {
        let kind = ParseErrorKind::TooLarge { size: src.len() };
        return Parsed {
            file: None,
            diagnostics: vec![kind.into_diagnostic(Span::new(0, 0), None).shifted(base)],
            keywords: None,
        };
    }
    let cx = Cx::new(src.len(), base);
    let file = match model::model(&cx, src) {
        Ok((rest, model)) => {
            let rest = ws(rest);
            if !rest.is_empty() {
                cx.report(PErr {
                    rest: rest.len(),
                    expected: vec![Want::EndOfFile],
                    special: None,
                });
            }
            Some(File { model })
        }
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
            cx.report(e);
            None
        }
        Err(nom::Err::Incomplete(_)) => None,
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    // One diagnostic per place, the first reported; a set rather than a scan of those kept,
    // which made 16,000 errors take seconds.
    let mut places = HashSet::new();
    let keywords = cx.keyword_lang();
    for err in cx.errors.into_inner() {
        let d = to_diagnostic(src, err, keywords).shifted(base);
        if places.insert(d.span.start) {
            diagnostics.push(d);
        }
    }
    // Starts are unique here (`places`), so sorting by (start, end) is sorting by start.
    crate::diagnostic::sort_diagnostics(&mut diagnostics);
    Parsed {
        file,
        diagnostics,
        keywords,
    }
}

fn to_diagnostic(src: &str, err: PErr, keywords: Option<KeywordLang>) -> Diagnostic {
    let at = src.len().saturating_sub(err.rest);
    if let Some((kind, len)) = err.special {
        return kind.into_diagnostic(Span::new(at, at + len), keywords);
    }
    let tail = src.get(at..).unwrap_or("");
    let token_start = at + (tail.len() - ws(tail).len());
    let (found, len) = describe_token(src.get(token_start..).unwrap_or(""));
    let kind = ParseErrorKind::Unexpected {
        expected: err.expected,
        found,
    };
    kind.into_diagnostic(Span::new(token_start, token_start + len), keywords)
}

/// How to name the token at the start of `rest` in a message, and its length.
fn describe_token(rest: &str) -> (Found, usize) {
    let Some(first) = rest.chars().next() else {
        return (Found::EndOfFile, 0);
    };
    if first.is_alphanumeric() || first == '_' {
        // A keyword of several words is named whole (`tiêu chí`, not `tiêu`).
        let len = words::any_keyword(rest).unwrap_or_else(|| {
            rest.find(|c: char| {
                !(c.is_alphanumeric() || c == '_' || c == '.' || words::is_combining(c))
            })
            .unwrap_or(rest.len())
        });
        let word = rest.get(..len).unwrap_or(rest);
        return (Found::Token(word.to_string()), len);
    }
    if first == '"' {
        let len = rest
            .get(1..)
            .and_then(|r| r.find(['"', '\n']))
            .map_or(rest.len(), |n| n + 2);
        return (Found::Str, len.min(rest.len()));
    }
    (Found::Token(first.to_string()), first.len_utf8())
}
