//! `{ ... }` blocks of statements, with recovery: a bad statement is reported and skipped.

use super::lex::{Cx, PErr, PResult, symbol, ws};
use super::words::read_keyword;
use crate::error::ParseErrorKind;
use crate::error::Want;
use crate::keywords::Kw;
use crate::span::Span;

/// Reads `{ statement* }`. Each statement is read by `stmt`; when it fails, the error is
/// recorded and reading resumes on the next line. A keyword in `closers` (one that only
/// makes sense in an enclosing block) ends the block as if its `}` had been forgotten.
pub(crate) fn block<'a>(
    cx: &Cx,
    input: &'a str,
    closers: &[Kw],
    mut stmt: impl FnMut(&'a str) -> PResult<'a, ()>,
) -> PResult<'a, Span> {
    let i = ws(input);
    let (mut rest, _) = symbol("{")(i)?;
    loop {
        let r = ws(rest);
        if let Some(after) = r.strip_prefix('}') {
            return Ok((after, cx.span(i, after)));
        }
        if r.is_empty() || closers.iter().any(|kw| is_closer(*kw, r)) {
            report_unclosed(cx, i);
            return Ok((r, cx.span(i, r)));
        }
        match stmt(r) {
            Ok((after, ())) => rest = after,
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                cx.report(e);
                rest = skip_statement(r);
            }
            Err(nom::Err::Incomplete(_)) => rest = skip_statement(r),
        }
    }
}

/// True when `r` starts with the keyword `kw` used as a statement (not as a field name `kw:`).
fn is_closer(kw: Kw, r: &str) -> bool {
    read_keyword(r, kw)
        .and_then(|(n, _)| r.get(n..))
        .is_some_and(|after| !ws(after).starts_with(':'))
}

fn report_unclosed(cx: &Cx, open: &str) {
    cx.report(PErr {
        rest: open.len(),
        expected: Vec::new(),
        special: Some((ParseErrorKind::UnclosedBlock, 1)),
    });
}

/// Skips the rest of a bad statement: to the end of its line, or past a block it opens, and
/// never past the `}` that closes the enclosing block.
pub(crate) fn skip_statement(i: &str) -> &str {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in i.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' => in_string = false,
                _ => {}
            }
            if c != '\n' {
                continue;
            }
        }
        match c {
            '"' => in_string = true,
            '#' => {
                // A comment runs to the end of the line.
                let line_end = i
                    .get(at..)
                    .and_then(|s| s.find('\n'))
                    .map_or(i.len(), |n| at + n);
                if depth == 0 {
                    return i.get(line_end..).unwrap_or("");
                }
            }
            '{' => depth += 1,
            '}' if depth == 0 => {
                if at == 0 {
                    return i.get(1..).unwrap_or("");
                }
                return i.get(at..).unwrap_or("");
            }
            '}' => {
                depth -= 1;
            }
            '\n' if depth == 0 && at > 0 => return i.get(at..).unwrap_or(""),
            _ => {}
        }
    }
    ""
}

/// Fails with the list of statements a block accepts.
pub(crate) fn unknown_statement<'a, T>(i: &'a str, accepted: &[Want]) -> PResult<'a, T> {
    Err(nom::Err::Error(PErr {
        rest: ws(i).len(),
        expected: accepted.to_vec(),
        special: None,
    }))
}

/// Records an error for a statement that may appear only once, written at `at` with the
/// keywords `what` (underlined as written, in either language).
pub(crate) fn repeated(cx: &Cx, at: &str, what: &'static [Kw]) {
    let start = ws(at);
    let mut rest = start;
    for kw in what {
        let word = ws(rest);
        match read_keyword(word, *kw).and_then(|(n, _)| word.get(n..)) {
            Some(after) => rest = after,
            None => break,
        }
    }
    cx.report(PErr {
        rest: start.len(),
        expected: Vec::new(),
        special: Some((ParseErrorKind::Repeated(what), start.len() - rest.len())),
    });
}

#[cfg(test)]
mod tests {
    use super::skip_statement;

    #[test]
    fn skips_line_and_nested_blocks() {
        assert_eq!(skip_statement("bad stuff\nnext"), "\nnext");
        assert_eq!(skip_statement("bad { a\n b }\nnext"), "\nnext");
        assert_eq!(skip_statement("bad }"), "}");
        assert_eq!(skip_statement("bad \"}\" x\nn"), "\nn");
    }
}
