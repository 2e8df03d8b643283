//! Fixed texts of the rules (titles, labels, citations), turned into JSON once when the rules
//! are compiled, so that answers copy them instead of escaping them again for every record.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// A text of the rule file, with its JSON string form ready to copy into answers.
#[derive(Debug, Clone)]
pub struct Text {
    /// The text itself.
    plain: Box<str>,
    /// The same text as a JSON string, quotes and escapes included.
    json: Box<RawValue>,
}

impl Text {
    /// A text and its JSON form.
    pub fn new(plain: impl Into<String>) -> Self {
        let plain: String = plain.into();
        // Serializing a string cannot fail; `null` keeps the answer valid JSON if it ever did.
        let json =
            serde_json::value::to_raw_value(&plain).unwrap_or_else(|_| RawValue::NULL.to_owned());
        Text {
            plain: plain.into_boxed_str(),
            json,
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
        self.json.serialize(s)
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
        let v = serde_json::to_value(&[&t]).unwrap();
        assert_eq!(v[0], t.as_str());
        assert_eq!(Text::joined(&[]), None);
        assert_eq!(
            Text::joined(&["a".into(), "b".into()]).unwrap().as_str(),
            "a; b"
        );
    }
}
