//! Finding the comments of a source text, and the few source positions the syntax tree does
//! not record (the `{` that opens a block, the `input` block of a test).
//!
//! A `#` starts a comment anywhere outside a string literal. The printer hands over the span
//! of every string literal it wrote (the tree records them exactly), so a `#` inside a string,
//! or inside a string inside a `{hole}` of a message, is never taken for a comment.

use crate::keywords::Kw;
use crate::parse::read_keyword;
use crate::span::Span;

/// A `#` comment of the source.
#[derive(Debug, Clone)]
pub(super) struct Comment {
    /// Byte offset of the `#`.
    pub start: u32,
    /// Byte offset just past its last character (the newline excluded).
    pub end: u32,
    /// The text from `#`, trailing spaces removed.
    pub text: String,
    /// True when only spaces come before it on its line.
    pub own_line: bool,
}

/// Every comment of `src`, in order; `strings` are the spans of the string literals.
pub(super) fn find(src: &str, strings: &mut [Span]) -> Vec<Comment> {
    strings.sort_by_key(|s| s.start);
    let mut strings = strings.iter().peekable();
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut at = 0usize;
    while at < bytes.len() {
        while strings.peek().is_some_and(|s| (s.end as usize) <= at) {
            strings.next();
        }
        if let Some(s) = strings.peek()
            && (s.start as usize) <= at
        {
            at = s.end as usize;
            continue;
        }
        if bytes.get(at) != Some(&b'#') {
            at += 1;
            continue;
        }
        let line_end = src
            .get(at..)
            .and_then(|r| r.find('\n'))
            .map_or(src.len(), |n| at + n);
        let line_start = src
            .get(..at)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |n| n + 1);
        let before = src.get(line_start..at).unwrap_or("");
        let text = src.get(at..line_end).unwrap_or("#").trim_end();
        out.push(Comment {
            start: to_u32(at),
            end: to_u32(at + text.len()),
            text: text.to_string(),
            own_line: before.trim().is_empty(),
        });
        at = line_end;
    }
    out
}

/// A byte offset as `u32` (spans are `u32`; rule files are far smaller).
pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Offset of the first `ch` at or after `from`, skipping comments and plain strings; `None`
/// when there is none before `limit`.
pub(super) fn find_char(src: &str, from: u32, limit: u32, ch: u8) -> Option<u32> {
    let bytes = src.as_bytes();
    let mut at = from as usize;
    let limit = (limit as usize).min(bytes.len());
    while at < limit {
        match bytes.get(at) {
            Some(&b) if b == ch => return Some(to_u32(at)),
            Some(b'#') => at = skip_line(bytes, at),
            Some(b'"') => at = skip_string(bytes, at),
            _ => at += 1,
        }
    }
    None
}

/// Past the end of the line holding `at` (the newline not consumed).
fn skip_line(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| *b != b'\n') {
        at += 1;
    }
    at
}

/// Past the plain string literal that starts at `at` (a `"`).
fn skip_string(bytes: &[u8], mut at: usize) -> usize {
    at += 1;
    while let Some(b) = bytes.get(at) {
        match b {
            b'\\' => at += 2,
            b'"' => return at + 1,
            b'\n' => return at,
            _ => at += 1,
        }
    }
    at
}

/// Where the parts of a test sit in the source: its `{`, and the first `input` keyword, its
/// `{` and the `}` that closes the last `input` block.
#[derive(Debug, Default)]
pub(super) struct TestPlaces {
    /// The `{` of the test body.
    pub open: Option<u32>,
    /// The first `input` keyword.
    pub input: Option<u32>,
    /// The `{` after it.
    pub input_open: Option<u32>,
    /// The `}` that closes the last `input` block.
    pub input_close: Option<u32>,
}

/// Scans a test from `from` (after its name) to `end` (its span's end).
pub(super) fn test_places(src: &str, from: u32, end: u32) -> TestPlaces {
    let bytes = src.as_bytes();
    let mut places = TestPlaces::default();
    let mut depth = 0usize;
    let mut at = from as usize;
    let end = (end as usize).min(bytes.len());
    while at < end {
        let Some(&b) = bytes.get(at) else { break };
        match b {
            b'#' => at = skip_line(bytes, at),
            b'"' => at = skip_string(bytes, at),
            b'{' => {
                depth += 1;
                if depth == 1 && places.open.is_none() {
                    places.open = Some(to_u32(at));
                } else if depth == 2 && places.input_open.is_none() && places.input.is_some() {
                    places.input_open = Some(to_u32(at));
                }
                at += 1;
            }
            b'}' => {
                if depth == 2 {
                    places.input_close = Some(to_u32(at));
                }
                depth = depth.saturating_sub(1);
                at += 1;
            }
            _ if depth == 1 && word_starts(bytes, at) => match input_keyword(src, at) {
                Some(len) => {
                    if places.input.is_none() {
                        places.input = Some(to_u32(at));
                    }
                    at += len;
                }
                None => at += 1,
            },
            _ => at += 1,
        }
    }
    places
}

/// True when a word starts at `at` (not inside a longer word).
fn word_starts(bytes: &[u8], at: usize) -> bool {
    let word_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b >= 0x80;
    let before_ok = at == 0 || !bytes.get(at - 1).is_some_and(word_byte);
    before_ok && bytes.get(at).is_some_and(word_byte)
}

/// Length of the keyword `input` (`đầu vào`) written at `at`, in either language.
fn input_keyword(src: &str, at: usize) -> Option<usize> {
    read_keyword(src.get(at..)?, Kw::Input).map(|(len, _)| len)
}

/// True when the source between `from` and `to` holds an empty line.
pub(super) fn blank_between(src: &str, from: u32, to: u32) -> bool {
    if from >= to {
        return false;
    }
    let Some(gap) = src.get(from as usize..to as usize) else {
        return false;
    };
    let mut lines = gap.split('\n');
    // The first piece ends the line of `from`, the last starts the line of `to`: only the
    // pieces between them are whole lines.
    lines.next();
    let mut rest: Vec<&str> = lines.collect();
    rest.pop();
    rest.iter().any(|l| l.trim().is_empty())
}

/// The span of the string literal of a string expression written at `span` (which may
/// include parentheses around it, and comments inside them).
pub(super) fn string_in(src: &str, span: Span) -> Span {
    let bytes = src.as_bytes();
    let mut at = span.start as usize;
    let end = (span.end as usize).min(bytes.len());
    while at < end {
        match bytes.get(at) {
            Some(b'"') => return Span::new(at, skip_string(bytes, at)),
            Some(b'#') => at = skip_line(bytes, at),
            _ => at += 1,
        }
    }
    span
}
