//! Fixed texts of the rules (titles, labels, citations), turned into JSON once when the rules
//! are compiled, so that answers copy them instead of escaping them again for every record.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::json::{self, Encoding};

/// A text of the rule file, with its JSON string forms ready to copy into answers.
#[derive(Debug, Clone)]
pub struct Text {
    /// The text itself.
    plain: Box<str>,
    /// The same text as a JSON string, quotes and escapes included.
    json: Box<RawValue>,
    /// The JSON string in ASCII only.
    ascii: Box<str>,
}

impl Text {
    /// A text and its JSON forms.
    pub fn new(plain: impl Into<String>) -> Self {
        let plain: String = plain.into();
        let literal = |encoding| {
            let mut out = String::with_capacity(plain.len() + 2);
            json::escape(&mut out, &plain, encoding);
            out
        };
        // A string literal is valid JSON; `null` keeps answers valid if it ever was not.
        let json = RawValue::from_string(literal(Encoding::Utf8))
            .unwrap_or_else(|_| RawValue::NULL.to_owned());
        Text {
            json,
            ascii: literal(Encoding::Ascii).into_boxed_str(),
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

    /// The text as the inside of a JSON string literal (escaped, without the quotes).
    pub fn json_inner(&self, encoding: Encoding) -> &str {
        let literal = self.json(encoding);
        literal
            .get(1..literal.len().saturating_sub(1))
            .unwrap_or_default()
    }

    /// The text as a JSON string literal.
    pub fn json(&self, encoding: Encoding) -> &str {
        match encoding {
            Encoding::Utf8 => self.json.get(),
            Encoding::Ascii => &self.ascii,
        }
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
        assert_eq!(
            t.json(Encoding::Utf8),
            serde_json::to_string(t.as_str()).unwrap()
        );
        assert!(t.json(Encoding::Ascii).is_ascii());
        assert_eq!(
            serde_json::from_str::<String>(t.json(Encoding::Ascii)).unwrap(),
            t.as_str()
        );
        let v = serde_json::to_value([&t]).unwrap();
        assert_eq!(v[0], t.as_str());
        assert_eq!(Text::joined(&[]), None);
        assert_eq!(
            Text::joined(&["a".into(), "b".into()]).unwrap().as_str(),
            "a; b"
        );
    }
}
