//! Entry point of the parser: reads a whole file and collects every syntax error in it.

mod block;
mod expr;
mod lex;
mod model;
mod scoring;
mod test_case;

use std::collections::HashSet;

use lex::{Cx, PErr, ws};

use crate::ast::File;
use crate::diagnostic::Diagnostic;
use crate::error::{Found, ParseErrorKind, Want};
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
            diagnostics: vec![kind.into_diagnostic(Span::new(0, 0)).shifted(base)],
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
    for err in cx.errors.into_inner() {
        let d = to_diagnostic(src, err).shifted(base);
        if places.insert(d.span.start) {
            diagnostics.push(d);
        }
    }
    // Starts are unique here (`places`), so sorting by (start, end) is sorting by start.
    crate::diagnostic::sort_diagnostics(&mut diagnostics);
    Parsed { file, diagnostics }
}

fn to_diagnostic(src: &str, err: PErr) -> Diagnostic {
    let at = src.len().saturating_sub(err.rest);
    if let Some((kind, len)) = err.special {
        return kind.into_diagnostic(Span::new(at, at + len));
    }
    let tail = src.get(at..).unwrap_or("");
    let token_start = at + (tail.len() - ws(tail).len());
    let (found, len) = describe_token(src.get(token_start..).unwrap_or(""));
    let kind = ParseErrorKind::Unexpected {
        expected: err.expected,
        found,
    };
    kind.into_diagnostic(Span::new(token_start, token_start + len))
}

/// How to name the token at the start of `rest` in a message, and its length.
fn describe_token(rest: &str) -> (Found, usize) {
    let Some(first) = rest.chars().next() else {
        return (Found::EndOfFile, 0);
    };
    if first.is_alphanumeric() || first == '_' {
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
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
