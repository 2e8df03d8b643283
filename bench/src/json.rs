//! JSON values that keep their keys in the order given (the order of the input declaration),
//! written straight to a buffer.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A JSON value built by a generator.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    /// A plain value (number, string, boolean).
    V(serde_json::Value),
    /// An object, keys in order.
    O(Vec<(String, J)>),
    /// An array.
    A(Vec<J>),
}

impl Serialize for J {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            J::V(v) => v.serialize(s),
            J::O(fields) => {
                let mut m = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
            J::A(items) => {
                let mut q = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    q.serialize_element(v)?;
                }
                q.end()
            }
        }
    }
}

impl J {
    /// A string.
    pub fn text(s: impl Into<String>) -> J {
        J::V(serde_json::Value::String(s.into()))
    }

    /// A whole number.
    pub fn int(n: i64) -> J {
        J::V(serde_json::Value::from(n))
    }

    /// A boolean.
    pub fn bool(b: bool) -> J {
        J::V(serde_json::Value::Bool(b))
    }

    /// The whole number held, if any.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            J::V(v) => v.as_i64(),
            _ => None,
        }
    }
}
