//! Tokens read straight from the text: whitespace and comments, words, numbers, dates, strings.

use std::cell::{Cell, RefCell};

use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1};
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};

use super::words::{is_reserved, read_keyword};
use crate::ast::{DateLit, Ident, Number, Str};
use crate::error::{Nest, ParseErrorKind, Want};
use crate::keywords::{KeywordLang, Kw};
use crate::limits::{MAX_EXPR_DEPTH, MAX_NESTING};
use crate::span::Span;

/// A failed parse: where (as bytes left to read) and what was expected there.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PErr {
    /// Bytes of input left at the failure; smaller means further into the file.
    pub rest: usize,
    /// Things that would have been accepted.
    pub expected: Vec<Want>,
    /// A specific error (unterminated string...) instead of "expected ...".
    pub special: Option<(ParseErrorKind, usize)>,
}

impl<'a> ParseError<&'a str> for PErr {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PErr {
            rest: input.len(),
            expected: Vec::new(),
            special: None,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        if self.special.is_some() && self.rest <= other.rest {
            return self;
        }
        if other.special.is_some() && other.rest <= self.rest {
            return other;
        }
        match self.rest.cmp(&other.rest) {
            std::cmp::Ordering::Less => self,
            std::cmp::Ordering::Greater => other,
            std::cmp::Ordering::Equal => {
                let mut merged = self;
                for e in other.expected {
                    if !merged.expected.contains(&e) {
                        merged.expected.push(e);
                    }
                }
                merged
            }
        }
    }
}

/// Parser result over the source text.
pub(crate) type PResult<'a, T> = IResult<&'a str, T, PErr>;

/// Shared parsing context: the source length (to turn suffixes into offsets) and collected errors.
pub(crate) struct Cx {
    len: usize,
    /// Offset of this file in the source map: added to every span.
    base: usize,
    pub errors: RefCell<Vec<PErr>>,
    /// Current nesting of `(`, calls, `not` and unary `-` in the expression being read.
    depth: Cell<usize>,
    /// Current nesting of types or test values being read (see [`MAX_NESTING`]).
    nest: Cell<usize>,
    /// Keywords read so far in English and in Vietnamese (each place counted once).
    keywords: Cell<[u32; 2]>,
    /// Where the last keyword counted ends: a keyword read again there after backtracking
    /// is not counted again.
    keywords_end: Cell<usize>,
    /// The language of the first keyword read.
    first_keyword: Cell<Option<KeywordLang>>,
}

impl Cx {
    /// A context for a source of `len` bytes placed at `base` in the source map.
    pub fn new(len: usize, base: usize) -> Self {
        Cx {
            len,
            base,
            errors: RefCell::new(Vec::new()),
            depth: Cell::new(0),
            nest: Cell::new(0),
            keywords: Cell::new([0, 0]),
            keywords_end: Cell::new(0),
            first_keyword: Cell::new(None),
        }
    }

    /// Counts a keyword in `lang` read from `at` to `end` (suffixes of the source), unless
    /// it is at or before one already counted.
    fn saw_keyword(&self, at: &str, end: &str, lang: KeywordLang) {
        let (start, stop) = (self.offset(at), self.offset(end));
        if start < self.keywords_end.get() {
            return;
        }
        self.keywords_end.set(stop);
        let mut counts = self.keywords.get();
        if let Some(n) = counts.get_mut(usize::from(lang == KeywordLang::Vi)) {
            *n = n.saturating_add(1);
        }
        self.keywords.set(counts);
        if self.first_keyword.get().is_none() {
            self.first_keyword.set(Some(lang));
        }
    }

    /// The language most keywords read were written in (on a tie, the first one's); `None`
    /// when no keyword was read.
    pub fn keyword_lang(&self) -> Option<KeywordLang> {
        let [en, vi] = self.keywords.get();
        match en.cmp(&vi) {
            std::cmp::Ordering::Greater => Some(KeywordLang::En),
            std::cmp::Ordering::Less => Some(KeywordLang::Vi),
            std::cmp::Ordering::Equal => self.first_keyword.get(),
        }
    }

    /// Runs `f` one expression level deeper; past [`MAX_EXPR_DEPTH`] levels it fails at `at`
    /// (underlining `len` bytes) instead.
    pub fn nested<'a, T>(
        &self,
        at: &'a str,
        len: usize,
        f: impl FnOnce() -> PResult<'a, T>,
    ) -> PResult<'a, T> {
        let too_deep = ParseErrorKind::TooDeep {
            what: Nest::Expression,
            limit: MAX_EXPR_DEPTH,
        };
        deeper(&self.depth, MAX_EXPR_DEPTH, too_deep, at, len, f)
    }

    /// Runs `f` one level deeper in a nested type or test value (`what`, in Vietnamese and
    /// English); past [`MAX_NESTING`] levels it fails at `at` (underlining `len` bytes).
    pub fn nested_value<'a, T>(
        &self,
        at: &'a str,
        len: usize,
        what: Nest,
        f: impl FnOnce() -> PResult<'a, T>,
    ) -> PResult<'a, T> {
        let too_deep = ParseErrorKind::TooDeep {
            what,
            limit: MAX_NESTING,
        };
        deeper(&self.nest, MAX_NESTING, too_deep, at, len, f)
    }

    /// Current expression depth, to restore with [`Cx::set_depth`].
    pub fn depth(&self) -> usize {
        self.depth.get()
    }

    /// Restores the expression depth.
    pub fn set_depth(&self, depth: usize) {
        self.depth.set(depth);
    }

    /// Byte offset of a suffix of the source.
    pub fn offset(&self, rest: &str) -> usize {
        self.base + self.len.saturating_sub(rest.len())
    }

    /// Span from the start of `before` to the start of `after` (both suffixes of the source).
    pub fn span(&self, before: &str, after: &str) -> Span {
        Span::new(self.offset(before), self.offset(after))
    }

    /// Records an error and goes on.
    pub fn report(&self, err: PErr) {
        self.errors.borrow_mut().push(err);
    }
}

/// Runs `f` with `counter` one higher, or fails with `too_deep` when it is at `limit`.
fn deeper<'a, T>(
    counter: &Cell<usize>,
    limit: usize,
    too_deep: ParseErrorKind,
    at: &'a str,
    len: usize,
    f: impl FnOnce() -> PResult<'a, T>,
) -> PResult<'a, T> {
    let depth = counter.get();
    if depth >= limit {
        return special(at, too_deep, len.min(at.len()));
    }
    counter.set(depth + 1);
    let result = f();
    counter.set(depth);
    result
}

/// An error at `input` saying what was expected.
pub(crate) fn expected<'a, T>(input: &'a str, what: Want) -> PResult<'a, T> {
    Err(nom::Err::Error(PErr {
        rest: input.len(),
        expected: vec![what],
        special: None,
    }))
}

/// An error at `input` saying which of `what` would have been accepted.
pub(crate) fn expected_any<'a, T>(input: &'a str, what: &[Want]) -> PResult<'a, T> {
    Err(nom::Err::Error(PErr {
        rest: input.len(),
        expected: what.to_vec(),
        special: None,
    }))
}

/// A non-recoverable error of a specific kind at `input`, `len` bytes long.
pub(crate) fn special<T>(input: &str, kind: ParseErrorKind, len: usize) -> PResult<'_, T> {
    Err(nom::Err::Failure(PErr {
        rest: input.len(),
        expected: Vec::new(),
        special: Some((kind, len)),
    }))
}

/// Turns a recoverable error into a failure, so that `alt` stops trying other branches.
pub(crate) fn cut_err<T>(r: PResult<'_, T>) -> PResult<'_, T> {
    r.map_err(|e| match e {
        nom::Err::Error(e) => nom::Err::Failure(e),
        other => other,
    })
}

/// Skips spaces, newlines and `#` comments.
pub(crate) fn ws(mut i: &str) -> &str {
    loop {
        let trimmed = i.trim_start();
        if let Some(comment) = trimmed.strip_prefix('#') {
            i = comment
                .find('\n')
                .and_then(|n| comment.get(n..))
                .unwrap_or("");
        } else {
            return trimmed;
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Reads the keyword `kw` in English or Vietnamese (not a prefix of a longer word), and counts
/// the language it is written in.
pub(crate) fn keyword<'a>(cx: &Cx, kw: Kw) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |input: &'a str| read_keyword_at(cx, input, kw)
}

/// The body of [`keyword`], kept out of line: it is called from a hundred places, and
/// inlined into each it made the browser module larger.
#[inline(never)]
fn read_keyword_at<'a>(cx: &Cx, input: &'a str, kw: Kw) -> PResult<'a, &'a str> {
    let i = ws(input);
    match read_keyword(i, kw) {
        Some((n, lang)) => {
            let (word, rest) = (i.get(..n).unwrap_or(""), i.get(n..).unwrap_or(""));
            cx.saw_keyword(i, rest, lang);
            Ok((rest, word))
        }
        None => expected(i, Want::Keyword(kw)),
    }
}

/// True when the next word is `kw`, in either language (nothing is counted).
pub(crate) fn peek_keyword(i: &str, kw: Kw) -> bool {
    read_keyword(ws(i), kw).is_some()
}

/// Reads the symbol `sym` such as `{` or `..<`.
pub(crate) fn symbol<'a>(sym: &'static str) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |input: &'a str| {
        let i = ws(input);
        match tag::<_, _, PErr>(sym).parse(i) {
            Ok(ok) => Ok(ok),
            Err(_) => expected(i, Want::Token(sym)),
        }
    }
}

/// Reads a plain name: a letter or `_`, then letters, digits or `_`.
pub(crate) fn ident<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Ident> {
    let i = ws(input);
    let start = i;
    let first_ok = i
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_');
    if !first_ok {
        return expected(i, Want::Name);
    }
    let (rest, name) = take_while1(is_word_char).parse(i)?;
    if is_reserved(i) {
        return expected(i, Want::Name);
    }
    Ok((
        rest,
        Ident {
            name: name.to_string(),
            span: cx.span(start, rest),
        },
    ))
}

/// Reads a criterion or indicator id such as `U2.1`.
pub(crate) fn item_id<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Ident> {
    let i = ws(input);
    let (mut rest, first) = ident(cx, i).or_else(|_| expected(i, Want::Id))?;
    let mut name = first.name;
    while let Some(after_dot) = rest.strip_prefix('.') {
        match take_while1::<_, _, PErr>(is_word_char).parse(after_dot) {
            Ok((r, part)) => {
                name.push('.');
                name.push_str(part);
                rest = r;
            }
            Err(_) => break,
        }
    }
    Ok((
        rest,
        Ident {
            name,
            span: cx.span(i, rest),
        },
    ))
}

/// Reads a number such as `85`, `0.9`, `-2` or `90%` (a percent is divided by 100).
pub(crate) fn number<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Number> {
    let i = ws(input);
    let (rest, minus) = nom::combinator::opt(char::<_, PErr>('-')).parse(i)?;
    let (rest, whole) = digit1::<_, PErr>(rest).or_else(|_| expected(i, Want::Number))?;
    let (rest, frac) = match rest.strip_prefix('.') {
        Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => {
            let (r, f) = digit1(after)?;
            (r, Some(f))
        }
        _ => (rest, None),
    };
    let (rest, percent) = match rest.strip_prefix('%') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    if rest.starts_with(is_word_char) {
        return expected(i, Want::Number);
    }
    let sign = if minus.is_some() { "-" } else { "" };
    let mut text = match frac {
        Some(f) => format!("{sign}{whole}.{f}"),
        None => format!("{sign}{whole}"),
    };
    if percent {
        text = shift_two_places(&text);
    }
    let integral = frac.is_none() && !percent;
    Ok((
        rest,
        Number {
            text,
            integral,
            span: cx.span(i, rest),
        },
    ))
}

/// Divides a decimal text by 100 without arithmetic: `"90"` → `"0.90"`, `"12.5"` → `"0.125"`.
fn shift_two_places(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let padded = format!("{int:0>3}");
    let cut = padded.len() - 2;
    let (hi, lo) = padded.split_at(cut);
    let hi = hi.trim_start_matches('0');
    let hi = if hi.is_empty() { "0" } else { hi };
    format!("{sign}{hi}.{lo}{frac}")
}

/// Reads a date `YYYY-MM-DD` (the checker validates the calendar).
pub(crate) fn date<'a>(cx: &Cx, input: &'a str) -> PResult<'a, DateLit> {
    let i = ws(input);
    let digits = |n: usize| take_while_m_n_digits(n);
    let (rest, (y, _, m, _, d)) = (digits(4), char('-'), digits(2), char('-'), digits(2))
        .parse(i)
        .or_else(|_: nom::Err<PErr>| expected(i, Want::Date))?;
    if rest.starts_with(is_word_char) {
        return expected(i, Want::Date);
    }
    let span = cx.span(i, rest);
    let year = y.parse().unwrap_or(0);
    let month = m.parse().unwrap_or(0);
    let day = d.parse().unwrap_or(0);
    Ok((
        rest,
        DateLit {
            year,
            month,
            day,
            span,
        },
    ))
}

fn take_while_m_n_digits<'a>(n: usize) -> impl Parser<&'a str, Output = &'a str, Error = PErr> {
    nom::bytes::complete::take_while_m_n(n, n, |c: char| c.is_ascii_digit())
}

/// One piece of a string literal as read.
pub(crate) enum StrPiece<'a> {
    /// Literal text (unescaped).
    Text(String),
    /// An unescaped `{`: the text from just after it.
    Open(&'a str),
}

/// Reads the next piece of a string body. `Ok(None)` at the closing quote (consumed).
pub(crate) fn str_piece<'a>(body: &'a str, holes: bool) -> PResult<'a, Option<StrPiece<'a>>> {
    if let Some(rest) = body.strip_prefix('"') {
        return Ok((rest, None));
    }
    if let Some(rest) = body.strip_prefix('{').filter(|_| holes) {
        return Ok((rest, Some(StrPiece::Open(rest))));
    }
    let mut text = String::new();
    let mut i = body;
    loop {
        let (rest, chunk) =
            take_while(|c: char| c != '"' && c != '\\' && c != '\n' && !(holes && c == '{'))
                .parse(i)?;
        text.push_str(chunk);
        i = rest;
        if let Some(esc) = i.strip_prefix('\\') {
            let mut chars = esc.chars();
            // A backslash at the end of the line or file: the string is not closed.
            let Some(c) = chars.next().filter(|c| *c != '\n') else {
                return Err(nom::Err::Error(PErr {
                    rest: esc.len(),
                    expected: Vec::new(),
                    special: None,
                }));
            };
            let unescaped = match c {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                '{' => '{',
                '}' => '}',
                other => {
                    return special(
                        i,
                        ParseErrorKind::InvalidEscape(other),
                        1 + other.len_utf8(),
                    );
                }
            };
            text.push(unescaped);
            i = chars.as_str();
            continue;
        }
        if i.is_empty() || i.starts_with('\n') {
            return Err(nom::Err::Error(PErr {
                rest: i.len(),
                expected: Vec::new(),
                special: None,
            }));
        }
        return Ok((i, Some(StrPiece::Text(text))));
    }
}

/// Reads a plain string literal (braces are ordinary characters).
pub(crate) fn string<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Str> {
    let i = ws(input);
    let Some(mut body) = i.strip_prefix('"') else {
        return expected(i, Want::Str);
    };
    let mut value = String::new();
    loop {
        match str_piece(body, false) {
            Ok((rest, None)) => {
                return Ok((
                    rest,
                    Str {
                        value,
                        span: cx.span(i, rest),
                    },
                ));
            }
            Ok((rest, Some(StrPiece::Text(t)))) => {
                value.push_str(&t);
                body = rest;
            }
            Ok((rest, Some(StrPiece::Open(_)))) => body = rest,
            Err(nom::Err::Error(_)) => {
                let len = i.find('\n').unwrap_or(i.len());
                return special(i, ParseErrorKind::UnterminatedString, len);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Reads `true` or `false` (`đúng`, `sai`).
pub(crate) fn boolean<'a>(cx: &Cx, input: &'a str) -> PResult<'a, bool> {
    let i = ws(input);
    if let Ok((r, _)) = keyword(cx, Kw::True)(i) {
        return Ok((r, true));
    }
    if let Ok((r, _)) = keyword(cx, Kw::False)(i) {
        return Ok((r, false));
    }
    expected(i, Want::TrueOrFalse)
}

/// True when a `YYYY-MM-DD` date starts the remaining input.
pub(crate) fn is_date_ahead(i: &str) -> bool {
    let b = ws(i).as_bytes();
    b.len() >= 10
        && b.iter().take(4).all(u8::is_ascii_digit)
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
}
