//! Fixed texts of the rules (titles, labels, citations), turned into JSON once when the rules
//! are compiled, so that answers copy them instead of escaping them again for every record.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::json::{self, Encoding};

/// A text of the rule file, with its JSON string form ready to copy into answers.
#[derive(Debug, Clone)]
pub struct Text {
    /// The text itself.
    plain: Box<str>,
    /// The same text as a JSON string, quotes and escapes included.
    json: Box<RawValue>,
    /// The JSON string in ASCII only.
    ascii: Box<RawValue>,
}

impl Text {
    /// A text and its JSON form.
    pub fn new(plain: impl Into<String>) -> Self {
        let plain: String = plain.into();
        let raw = |encoding| {
            let literal = String::from_utf8(json::string_literal(&plain, encoding));
            // A string literal is valid JSON; `null` keeps answers valid if it ever was not.
            literal
                .ok()
                .and_then(|l| RawValue::from_string(l).ok())
                .unwrap_or_else(|| RawValue::NULL.to_owned())
        };
        Text {
            json: raw(Encoding::Utf8),
            ascii: raw(Encoding::Ascii),
            plain: plain.into_boxed_str(),
        }
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
        if json::writing_ascii() {
            self.ascii.serialize(s)
        } else {
            self.json.serialize(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_the_escaped_string() {
        let t = Text::new("Tiêu chí \"1\"\n\\ «a»");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            serde_json::to_string(t.as_str()).unwrap()
        );
        let ascii = json::to_string(&t, Encoding::Ascii).unwrap();
        assert_eq!(ascii, json::to_string(t.as_str(), Encoding::Ascii).unwrap());
        assert!(ascii.is_ascii());
        let v = serde_json::to_value([&t]).unwrap();
        assert_eq!(v[0], t.as_str());
        assert_eq!(Text::joined(&[]), None);
        assert_eq!(
            Text::joined(&["a".into(), "b".into()]).unwrap().as_str(),
            "a; b"
        );
    }
}
