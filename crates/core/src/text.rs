//! Fixed texts of the rules (titles, labels, citations), turned into JSON once when the rules
//! are compiled, so that answers copy them instead of escaping them again for every record.

use std::fmt;
use std::ops::Deref;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::json_text::{self as json, Encoding, JsonOut, Num};

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

/// The id of a criterion or an indicator with the JSON its answers begin with, made once
/// when the rules are compiled: `{"id":"U1.1"`, and the same followed by the fields of an
/// answer with full marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdJson {
    /// The id.
    id: Box<str>,
    /// Full marks: the declared maximum, as its bits (comparing them is quicker than
    /// comparing the numbers; a maximum written with other digits is simply not matched).
    max: [u8; 16],
    /// `{"id":"U1.1"`, in UTF-8 and in ASCII.
    open: [Box<str>; 2],
    /// `{"id":"U1.1","points":M,"max":M,"status":"met"` for `M` the maximum, in UTF-8 and in
    /// ASCII.
    met: [Box<str>; 2],
}

impl IdJson {
    /// An id and its JSON, for a maximum of `max` points.
    pub fn new(id: &str, max: Decimal) -> Self {
        let mut marks = String::from(",\"points\":");
        JsonOut::new(&mut marks, Encoding::Utf8).num(Num(max));
        marks.push_str(",\"max\":");
        JsonOut::new(&mut marks, Encoding::Utf8).num(Num(max));
        marks.push_str(",\"status\":\"met\"");
        let open = |encoding| {
            let mut out = String::from("{\"id\":");
            json::escape(&mut out, id, encoding);
            out
        };
        let (utf8, ascii) = (open(Encoding::Utf8), open(Encoding::Ascii));
        IdJson {
            id: id.into(),
            max: max.serialize(),
            met: [utf8.clone() + &marks, ascii.clone() + &marks].map(String::into_boxed_str),
            open: [utf8, ascii].map(String::into_boxed_str),
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// `{"id":"U1.1"`.
    pub fn open(&self, encoding: Encoding) -> &str {
        let [utf8, ascii] = &self.open;
        match encoding {
            Encoding::Utf8 => utf8,
            Encoding::Ascii => ascii,
        }
    }

    /// `{"id":"U1.1","points":M,"max":M,"status":"met"`, when an answer has full marks:
    /// points and maximum this maximum, status `met`.
    #[inline]
    pub fn met(&self, points: Num, max: Num, status: &str, encoding: Encoding) -> Option<&str> {
        let [utf8, ascii] = &self.met;
        let full =
            status == "met" && points.0.serialize() == self.max && max.0.serialize() == self.max;
        full.then_some(match encoding {
            Encoding::Utf8 => utf8,
            Encoding::Ascii => ascii,
        })
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
