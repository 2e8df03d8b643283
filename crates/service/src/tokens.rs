//! Semantic tokens: what each word of a rule file is, for colouring. Keywords are found in
//! both keyword languages, multi-word Vietnamese forms as one token (`tiêu chí`); names by
//! what they name; numbers and dates; strings, with `source` citations marked as
//! documentation and the `{holes}` of messages coloured as the names they hold; comments.

use std::collections::HashMap;

use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{HeaderItem, Meta};
use tieuchi_syntax::keywords::keyword_at;

use crate::Analysis;
use crate::index::SymbolKind;

/// The token types, in the order of [`TokenType`] (the legend an LSP server announces).
pub const TOKEN_TYPES: &[&str] = &[
    "keyword",
    "property",
    "enumMember",
    "variable",
    "class",
    "function",
    "method",
    "number",
    "string",
    "comment",
    "namespace",
];

/// The token modifiers, each a bit in [`SemanticToken::modifiers`]: `declaration` (1) and
/// `documentation` (2, a `source` citation).
pub const MODIFIERS: &[&str] = &["declaration", "documentation"];

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenType {
    /// A keyword or word operator, in either language.
    Keyword = 0,
    /// An input field or a field of list items.
    Field = 1,
    /// An enumeration value.
    Value = 2,
    /// A `let`.
    Let = 3,
    /// A criterion id.
    Criterion = 4,
    /// An indicator id.
    Indicator = 5,
    /// A function such as `count`.
    Function = 6,
    /// A number or a date.
    Number = 7,
    /// A string (a citation when its modifiers have bit 2).
    String = 8,
    /// A `#` comment.
    Comment = 9,
    /// The model's kind (`unit`).
    Model = 10,
}

/// One token: where, what, and its modifier bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SemanticToken {
    /// The bytes, in the file analysed (never more than one line).
    pub span: Span,
    /// What it is.
    pub ty: TokenType,
    /// Bits of [`MODIFIERS`].
    pub modifiers: u32,
}

/// Bit of `declaration`.
const DECLARATION: u32 = 1;
/// Bit of `documentation`.
const DOCUMENTATION: u32 = 2;

fn kind_type(kind: SymbolKind) -> TokenType {
    match kind {
        SymbolKind::Field | SymbolKind::ItemField => TokenType::Field,
        SymbolKind::Value => TokenType::Value,
        SymbolKind::Let => TokenType::Let,
        SymbolKind::Criterion => TokenType::Criterion,
        SymbolKind::Indicator => TokenType::Indicator,
        SymbolKind::Test => TokenType::String,
    }
}

fn citations(meta: &Meta, out: &mut Vec<u32>) {
    out.extend(meta.sources.iter().map(|s| s.span.start));
}

pub(crate) fn tokens(a: &Analysis) -> Vec<SemanticToken> {
    let text = a.main().text.as_str();
    // Names, by where they start.
    let mut names: HashMap<u32, SemanticToken> = HashMap::new();
    for o in a.index().occurrences.iter().filter(|o| o.file == 0) {
        let Some(sym) = a.index().symbols.get(o.symbol) else {
            continue;
        };
        if sym.kind == SymbolKind::Test {
            continue;
        }
        let modifiers = if o.decl { DECLARATION } else { 0 };
        names.insert(
            o.span.start,
            SemanticToken {
                span: o.span,
                ty: kind_type(sym.kind),
                modifiers,
            },
        );
    }
    let mut cited: Vec<u32> = Vec::new();
    let mut model_id = None;
    if let Some(file) = a.ast(0) {
        let m = &file.model;
        model_id = Some(m.id.span);
        for h in &m.header {
            if let HeaderItem::Source(s) = h {
                cited.push(s.span.start);
            }
        }
        for c in &m.criteria {
            citations(&c.meta, &mut cited);
            for i in &c.indicators {
                citations(&i.meta, &mut cited);
            }
        }
        for i in &m.overrides {
            citations(&i.meta, &mut cited);
        }
    }
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(rest) = text.get(at..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        let start = u32::try_from(at).unwrap_or(u32::MAX);
        if let Some(name) = names.get(&start)
            && (c.is_alphabetic() || c == '_')
        {
            out.push(*name);
            at = (name.span.end as usize).max(at + c.len_utf8());
            continue;
        }
        if c == '#' {
            let len = rest.find('\n').unwrap_or(rest.len());
            let len = rest
                .get(..len)
                .map_or(len, |l| l.trim_end_matches('\r').len());
            push(&mut out, at, at + len, TokenType::Comment, 0);
            at += len.max(1);
        } else if c == '"' {
            let len = string_len(rest);
            let modifiers = if cited.contains(&start) {
                DOCUMENTATION
            } else {
                0
            };
            // Pieces of the string around the names of its holes.
            let mut holes: Vec<&SemanticToken> = names
                .values()
                .filter(|n| n.span.start as usize > at && (n.span.end as usize) < at + len)
                .collect();
            holes.sort_by_key(|n| n.span.start);
            let mut from = at;
            for h in holes {
                push(
                    &mut out,
                    from,
                    h.span.start as usize,
                    TokenType::String,
                    modifiers,
                );
                out.push(*h);
                from = h.span.end as usize;
            }
            push(&mut out, from, at + len, TokenType::String, modifiers);
            at += len.max(1);
        } else if c.is_ascii_digit() {
            let len = number_len(rest);
            push(&mut out, at, at + len, TokenType::Number, 0);
            at += len.max(1);
        } else if c.is_alphabetic() || c == '_' {
            if let Some((_, n, _)) = keyword_at(rest) {
                push(&mut out, at, at + n, TokenType::Keyword, 0);
                at += n.max(1);
                continue;
            }
            let len = word_len(rest);
            let after = rest
                .get(len..)
                .unwrap_or("")
                .trim_start_matches([' ', '\t']);
            if model_id.is_some_and(|s: Span| s.start == start) {
                push(&mut out, at, at + len, TokenType::Model, DECLARATION);
            } else if after.starts_with('(') {
                push(&mut out, at, at + len, TokenType::Function, 0);
            }
            at += len.max(1);
        } else {
            at += c.len_utf8();
        }
    }
    out
}

fn push(out: &mut Vec<SemanticToken>, start: usize, end: usize, ty: TokenType, modifiers: u32) {
    if end > start {
        out.push(SemanticToken {
            span: Span::new(start, end),
            ty,
            modifiers,
        });
    }
}

/// Bytes of the string literal at the start of `rest` (to its closing quote, or to the end
/// of the line when it is not closed).
fn string_len(rest: &str) -> usize {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        match c {
            '\n' | '\r' => return i,
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return i + 1,
            _ => escaped = false,
        }
    }
    rest.len()
}

/// Bytes of the number or date at the start of `rest` (`85`, `0.9`, `90%`, `2020-09-21`;
/// not the `..` of a range).
fn number_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let digits = |from: usize| {
        bytes
            .get(from..)
            .map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let mut n = digits(0);
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    if n == 4 && bytes.get(n) == Some(&b'-') && digit_at(n + 1) {
        // A date: YYYY-MM-DD.
        n += 1 + digits(n + 1);
        if bytes.get(n) == Some(&b'-') && digit_at(n + 1) {
            n += 1 + digits(n + 1);
        }
        return n;
    }
    if bytes.get(n) == Some(&b'.') && digit_at(n + 1) {
        n += 1 + digits(n + 1);
    }
    if bytes.get(n) == Some(&b'%') {
        n += 1;
    }
    n
}

/// Bytes of the word at the start of `rest`: letters, digits, `_`, marks, and `.` between
/// parts of an id (`U2.1`).
fn word_len(rest: &str) -> usize {
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let part = c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36F}').contains(&c);
        let dot = c == '.'
            && end > 0
            && chars
                .peek()
                .is_some_and(|(_, n)| n.is_alphanumeric() || *n == '_');
        if !(part || dot) {
            break;
        }
        end = i + c.len_utf8();
    }
    end
}
