//! Lines of output, each with the part of the source it was printed from, and their
//! assembly with the comments of the source.
//!
//! How a comment finds its place: every output line knows the source bytes it covers (from
//! its first to its last token). A comment
//! - on its own line goes before the next line that starts after it, at that line's
//!   indentation; before a closing `}` or `]` it stays inside the block, one level deeper;
//!   after the last line it ends the file;
//! - after code on its line stays at the end of that output line;
//! - inside a statement written over several lines (which the printer writes on one) moves
//!   before the statement when it was on its own line, and to the end of the statement's
//!   line when it followed code.
//!
//! Blank lines: at most one in a row; one where the printer asks for it (around criteria,
//! indicators, the input block and tests) or where the source had one or more; never right
//! after a line that opens a block nor right before the line that closes it.

use super::comments::{Comment, blank_between};
use crate::keywords::KeywordLang;
use crate::span::Span;

/// Spaces per level of indentation.
const INDENT: usize = 2;

/// One line of output.
#[derive(Debug)]
struct Line {
    /// Indentation level.
    indent: usize,
    /// The text, without indentation.
    text: String,
    /// First source byte it covers.
    start: u32,
    /// One past the last source byte it covers.
    end: u32,
}

impl Line {
    fn opens(&self) -> bool {
        self.text.ends_with('{') || self.text.ends_with('[')
    }

    fn closes(&self) -> bool {
        self.text.starts_with('}') || self.text.starts_with(']')
    }
}

/// A piece of output: a line, or a blank line the printer asks for.
#[derive(Debug)]
enum Piece {
    Line(Line),
    Blank,
}

/// The output being built, line by line.
pub(super) struct Out<'s> {
    /// The source text.
    pub src: &'s str,
    pieces: Vec<Piece>,
    current: Option<Line>,
    /// Spans of the string literals written (so that a `#` inside one is no comment).
    pub strings: Vec<Span>,
    /// The language keywords are written in.
    pub keywords: KeywordLang,
}

impl<'s> Out<'s> {
    /// An empty output for `src`, its keywords written in `keywords`.
    pub fn new(src: &'s str, keywords: KeywordLang) -> Self {
        Out {
            src,
            pieces: Vec::new(),
            current: None,
            strings: Vec::new(),
            keywords,
        }
    }

    /// Starts a line at `indent` covering source from `start` (ends any line under way
    /// where it stands).
    pub fn open(&mut self, indent: usize, start: u32) {
        self.close_at(0);
        self.current = Some(Line {
            indent,
            text: String::new(),
            start,
            end: start,
        });
    }

    /// Appends text to the line under way.
    pub fn push(&mut self, text: &str) {
        if let Some(line) = self.current.as_mut() {
            line.text.push_str(text);
        }
    }

    /// Length in bytes of the line under way.
    pub fn text_len(&self) -> usize {
        self.current.as_ref().map_or(0, |l| l.text.len())
    }

    /// True when the line under way ends with `tail`.
    pub fn text_ends_with(&self, tail: &str) -> bool {
        self.current
            .as_ref()
            .is_some_and(|l| l.text.ends_with(tail))
    }

    /// The character at byte `at` of the line under way.
    pub fn char_at(&self, at: usize) -> Option<char> {
        self.current
            .as_ref()
            .and_then(|l| l.text.get(at..))
            .and_then(|t| t.chars().next())
    }

    /// Inserts `text` at byte `at` of the line under way (a character boundary).
    pub fn insert_at(&mut self, at: usize, text: &str) {
        if let Some(line) = self.current.as_mut()
            && line.text.is_char_boundary(at)
        {
            line.text.insert_str(at, text);
        }
    }

    /// Appends text and a space.
    pub fn word(&mut self, text: &str) {
        self.push(text);
        self.push(" ");
    }

    /// Ends the line under way, covering source up to `end`.
    pub fn close_at(&mut self, end: u32) {
        if let Some(mut line) = self.current.take() {
            line.end = line.end.max(end);
            let trimmed = line.text.trim_end().len();
            line.text.truncate(trimmed);
            self.pieces.push(Piece::Line(line));
        }
    }

    /// Asks for a blank line here.
    pub fn blank(&mut self) {
        self.close_at(0);
        self.pieces.push(Piece::Blank);
    }

    /// The lines and the comments, as text.
    pub fn finish(mut self, comments: &[Comment]) -> String {
        self.close_at(0);
        let lines: Vec<&Line> = self
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Line(l) => Some(l),
                Piece::Blank => None,
            })
            .collect();
        let placed = place(&lines, comments);
        let mut w = Writer {
            src: self.src,
            text: String::new(),
            prev_end: None,
            after_opener: true,
            want_blank: false,
        };
        let mut index = 0usize;
        for piece in &self.pieces {
            let line = match piece {
                Piece::Blank => {
                    w.want_blank = true;
                    continue;
                }
                Piece::Line(l) => l,
            };
            let (before, trailing) = placed.get(index).map_or((&[][..], &[][..]), |p| {
                (p.before.as_slice(), p.trailing.as_slice())
            });
            index += 1;
            let comment_indent = line.indent + usize::from(line.closes());
            for c in before.iter().filter_map(|i| comments.get(*i)) {
                w.element(c.start, c.end, comment_indent, &c.text, false);
                w.after_opener = false;
            }
            let mut text = line.text.clone();
            let mut end = line.end;
            for c in trailing.iter().filter_map(|i| comments.get(*i)) {
                text.push(' ');
                text.push_str(&c.text);
                end = end.max(c.end);
            }
            w.element(line.start, end, line.indent, &text, line.closes());
            w.after_opener = line.opens();
        }
        w.want_blank = false;
        for c in placed
            .last()
            .map_or(&[][..], |p| p.after_all.as_slice())
            .iter()
            .filter_map(|i| comments.get(*i))
        {
            w.element(c.start, c.end, 0, &c.text, false);
            w.after_opener = false;
        }
        w.text
    }
}

/// Writes elements (lines and comment lines), deciding the blank lines between them.
struct Writer<'s> {
    src: &'s str,
    text: String,
    /// Source end of the last element written.
    prev_end: Option<u32>,
    /// The last line written opens a block (or nothing was written yet).
    after_opener: bool,
    /// The printer asked for a blank line before the next element.
    want_blank: bool,
}

impl Writer<'_> {
    fn element(&mut self, start: u32, end: u32, indent: usize, text: &str, closes: bool) {
        let source_blank = self
            .prev_end
            .is_some_and(|prev| blank_between(self.src, prev, start));
        if (self.want_blank || source_blank) && !self.after_opener && !closes {
            self.text.push('\n');
        }
        self.want_blank = false;
        for _ in 0..indent * INDENT {
            self.text.push(' ');
        }
        self.text.push_str(text);
        self.text.push('\n');
        self.prev_end = Some(end);
    }
}

/// The comments placed at one line (indices into the comments).
#[derive(Debug, Default, Clone)]
struct Placed {
    before: Vec<usize>,
    trailing: Vec<usize>,
    /// Only on the last line: comments after everything.
    after_all: Vec<usize>,
}

/// Where each comment goes: before or after which line (by index in output order).
fn place(lines: &[&Line], comments: &[Comment]) -> Vec<Placed> {
    let mut placed = vec![Placed::default(); lines.len().max(1)];
    let mut by_start: Vec<usize> = (0..lines.len()).collect();
    by_start.sort_by_key(|i| lines.get(*i).map_or(0, |l| l.start));
    let start_of = |k: usize| {
        by_start
            .get(k)
            .and_then(|i| lines.get(*i))
            .map_or(u32::MAX, |l| l.start)
    };
    for (ci, c) in comments.iter().enumerate() {
        // `k`: how many lines start at or before the comment.
        let k = by_start.partition_point(|i| lines.get(*i).is_some_and(|l| l.start <= c.start));
        let prev = k
            .checked_sub(1)
            .and_then(|p| by_start.get(p).copied())
            .and_then(|i| lines.get(i).map(|l| (i, l)));
        let target = match prev {
            Some((i, l)) if c.start < l.end => {
                // Inside a statement: before it, or at the end of its line.
                if c.own_line { (i, true) } else { (i, false) }
            }
            Some((i, _)) if !c.own_line => (i, false),
            _ => match by_start.get(k) {
                Some(next) if start_of(k) != u32::MAX => (*next, true),
                _ => {
                    if let Some(last) = placed.last_mut() {
                        last.after_all.push(ci);
                    }
                    continue;
                }
            },
        };
        if let Some(p) = placed.get_mut(target.0) {
            if target.1 {
                p.before.push(ci);
            } else {
                p.trailing.push(ci);
            }
        }
    }
    placed
}
