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
