//! Fixed texts of the rules (titles, labels, citations) as answers show them.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

/// A text of the rule file: a title, a label, a citation, the fixed part of a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(Box<str>);

impl Text {
    /// A text.
    pub fn new(plain: impl Into<String>) -> Self {
        Text(plain.into().into_boxed_str())
    }

    /// Several texts joined with `; `, or none when there are none.
    pub fn joined(parts: &[String]) -> Option<Self> {
        (!parts.is_empty()).then(|| Text::new(parts.join("; ")))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
