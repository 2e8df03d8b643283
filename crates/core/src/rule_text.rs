//! Fixed texts of the rules (titles, labels, citations) as answers show them.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

/// A text of the rule file: a title, a label, a citation, the fixed part of a reason; with
/// its number in its program, by which the answer writer's `Escaped` finds it already escaped.
#[derive(Debug, Clone)]
pub struct Text {
    plain: Box<str>,
    number: u32,
}

impl Text {
    /// A text, not yet numbered.
    pub fn new(plain: impl Into<String>) -> Self {
        Text {
            plain: plain.into().into_boxed_str(),
            number: u32::MAX,
        }
    }

    /// Its number in its program (`u32::MAX` before the program is complete).
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Gives it number `n`.
    pub(crate) fn set_number(&mut self, n: u32) {
        self.number = n;
    }

    /// Several texts joined with `; `, or none when there are none.
    pub fn joined(parts: &[String]) -> Option<Self> {
        (!parts.is_empty()).then(|| Text::new(parts.join("; ")))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.plain
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.plain
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.plain == other.plain
    }
}

impl Eq for Text {}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain)
    }
}

/// A text made of texts of the rule file (a template's words) and text rendered for one
/// record (its values): an indicator's reason, a constraint's message. The rule file's part
/// is kept apart, so that a writer copies it already escaped.
#[derive(Debug, Clone, Default)]
pub struct Reason<'p> {
    /// The pieces, in order.
    pieces: Vec<Piece<'p>>,
    /// The text rendered for the record, all pieces of it one after another.
    own: String,
}

/// A piece of a [`Reason`] as it is kept.
#[derive(Debug, Clone)]
enum Piece<'p> {
    /// Text of the rule file.
    Fixed(&'p Text),
    /// Text rendered for the record: a byte range of `own`.
    Own(std::ops::Range<usize>),
}

/// A piece of a [`Reason`], to write it.
pub(crate) enum Part<'a> {
    /// Text of the rule file.
    Fixed(&'a Text),
    /// Text rendered for the record.
    Own(&'a str),
}

impl<'p> Reason<'p> {
    /// An empty reason with room for `pieces` pieces, `values` of them rendered for the
    /// record (a number or a name rarely needs more than 16 bytes).
    pub(crate) fn with_capacity(pieces: usize, values: usize) -> Self {
        Reason {
            pieces: Vec::with_capacity(pieces),
            own: String::with_capacity(16 * values),
        }
    }

    /// Adds text of the rule file.
    pub(crate) fn push_fixed(&mut self, text: &'p Text) {
        self.pieces.push(Piece::Fixed(text));
    }

    /// Adds text rendered for the record by `render`.
    pub(crate) fn push_own(&mut self, render: impl FnOnce(&mut String)) {
        let start = self.own.len();
        render(&mut self.own);
        self.pieces.push(Piece::Own(start..self.own.len()));
    }

    /// The pieces, in order.
    pub(crate) fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        self.pieces.iter().map(|p| match p {
            Piece::Fixed(t) => Part::Fixed(t),
            Piece::Own(range) => Part::Own(self.own.get(range.clone()).unwrap_or_default()),
        })
    }

    /// The whole text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for part in self.parts() {
            out.push_str(match part {
                Part::Fixed(t) => t.as_str(),
                Part::Own(s) => s,
            });
        }
        out
    }
}

impl From<String> for Reason<'_> {
    fn from(text: String) -> Self {
        Reason {
            pieces: vec![Piece::Own(0..text.len())],
            own: text,
        }
    }
}

impl PartialEq for Reason<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl std::fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl Serialize for Reason<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}
