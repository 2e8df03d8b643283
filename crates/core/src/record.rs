//! Decoding a JSON record straight into the program's typed slots, with every problem named
//! by its JSON path. Decoding never stops at the first problem: a field that cannot be read
//! becomes unknown and is reported, and the rest of the record is still read.

mod field;
mod number;

use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::eval::Evaluation;
use crate::expression::Env;
use crate::program::Program;
pub use crate::record_error::{RecordCode, RecordError, pointer};
use crate::value::Value;
use crate::wording::format_template;

pub use field::parse_date;
use field::{Found, Place};
pub use number::{Exact, exact};

/// Largest whole number a record may hold: 2^53 − 1, exact in every JSON reader.
pub const INT_LIMIT: i64 = 9_007_199_254_740_991;
/// Largest magnitude of a decimal input: 10^15.
pub const DECIMAL_LIMIT: i64 = 1_000_000_000_000_000;

/// Fields a record may carry to say which version of a model scores it (its assessment date,
/// its province, its scope), read by every model even when its input does not declare them.
pub const SELECTOR_FIELDS: [&str; 3] = ["assessment_date", "province_code", "scope"];

/// The problem with the value of an undeclared selector field, if any: it must be text (or
/// `null`, absent),
/// `assessment_date` a date, and `province_code` and `scope` must agree with the model's
/// `jurisdiction` (a province's model) and `scope` (when the model declares one).
pub fn selector_error(
    program: &Program,
    name: &str,
    value: &serde_json::Value,
) -> Option<RecordError> {
    let error = |code, message| {
        Some(RecordError {
            path: pointer(name),
            code,
            message,
        })
    };
    // `null` is an absent value, as for declared fields.
    if value.is_null() {
        return None;
    }
    let Some(text) = value.as_str() else {
        return error(
            RecordCode::WrongType,
            format!("trường \"{name}\" phải là một chuỗi văn bản (must be text)"),
        );
    };
    let model = &program.model;
    match name {
        "assessment_date" if parse_date(text).is_none() => error(
            RecordCode::InvalidDate,
            format!(
                "ngày đánh giá \"{text}\" không hợp lệ (invalid assessment date): hãy ghi theo dạng YYYY-MM-DD"
            ),
        ),
        "province_code" if model.jurisdiction != "national" && model.jurisdiction != text => error(
            RecordCode::UnknownValue,
            format!(
                "bộ quy tắc này chỉ áp dụng cho tỉnh, thành phố mã {} nhưng bản ghi ghi mã {text} (these rules apply to another province)",
                model.jurisdiction
            ),
        ),
        "scope" => match &model.scope {
            Some(scope) if scope != text => error(
                RecordCode::UnknownValue,
                format!(
                    "bộ quy tắc này dành cho phạm vi {scope} nhưng bản ghi ghi phạm vi {text} (these rules are for another scope): hãy dùng bộ quy tắc của phạm vi {text}"
                ),
            ),
            _ => None,
        },
        _ => None,
    }
}

/// A decoded record: a value per slot (unknown when missing or invalid) and the problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// One value per input field, in declaration order.
    pub values: Vec<Value>,
    /// Problems found, in the order met.
    pub errors: Vec<RecordError>,
    /// The evaluations of the items scored by another model (each family of a clan), by
    /// their JSON paths (`/families/0`): each item is scored once, while it is decoded, and
    /// its answer is made from this evaluation.
    pub nested: HashMap<String, Evaluation>,
}

impl Decoded {
    /// True when the record was read without any problem.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Decodes a record from JSON text; a text over [`crate::limits::MAX_RECORD_BYTES`] is
/// refused (R001) without being read.
pub fn decode_str(program: &Program, text: &str) -> Decoded {
    let limit = crate::limits::MAX_RECORD_BYTES;
    if text.len() > limit {
        return Decoded {
            values: vec![Value::Unknown; program.fields.len()],
            errors: vec![RecordError {
                path: String::new(),
                code: RecordCode::BadJson,
                message: format!(
                    "bản ghi dài {} byte, quá giới hạn {limit} byte (16 MiB) (record too large: {} bytes, limit {limit}); mỗi bản ghi là một hộ, một đơn vị hay một người",
                    text.len(),
                    text.len()
                ),
            }],
            nested: HashMap::new(),
        };
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = RecordSeed { program }
        .deserialize(&mut de)
        .and_then(|d| de.end().map(|()| d));
    result.unwrap_or_else(|e| syntax_error(program, &e))
}

/// Decodes a record from an already parsed JSON value.
pub fn decode_value(program: &Program, value: &serde_json::Value) -> Decoded {
    RecordSeed { program }
        .deserialize(value)
        .unwrap_or_else(|e| syntax_error(program, &e))
}

fn syntax_error(program: &Program, e: &serde_json::Error) -> Decoded {
    // serde_json ends its message with " at line L column C"; the position is given once,
    // in Vietnamese, in front.
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = format!(
        "JSON không hợp lệ ở dòng {}, cột {}: {}",
        e.line(),
        e.column(),
        text.strip_suffix(&suffix).unwrap_or(&text)
    );
    Decoded {
        values: vec![Value::Unknown; program.fields.len()],
        errors: vec![RecordError {
            path: String::new(),
            code: RecordCode::BadJson,
            message,
        }],
        nested: HashMap::new(),
    }
}

/// A serde seed that reads a record into the slots of `program`.
#[derive(Clone, Copy)]
pub struct RecordSeed<'p> {
    /// The program whose input declaration drives decoding.
    pub program: &'p Program,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Decoded;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Decoded, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Decoded;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Decoded, A::Error> {
        let program = self.program;
        let mut found = Found::default();
        let mut values =
            field::read_fields(program, &program.fields, &Place::Root, map, &mut found)?;
        check_constraints(program, &mut values, &mut found.errors, &Place::Root);
        Ok(Decoded {
            values,
            errors: found.errors,
            nested: found.nested,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Decoded, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(not_an_object(self.program, "một danh sách"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Decoded, E> {
        Ok(not_an_object(self.program, "giá trị đúng/sai"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Decoded, E> {
        Ok(not_an_object(self.program, "một số"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Decoded, E> {
        Ok(not_an_object(self.program, "một số"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Decoded, E> {
        Ok(not_an_object(self.program, "một số"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Decoded, E> {
        Ok(not_an_object(self.program, "một chuỗi ký tự"))
    }

    fn visit_unit<E>(self) -> Result<Decoded, E> {
        Ok(not_an_object(self.program, "null"))
    }
}

fn not_an_object(program: &Program, found: &str) -> Decoded {
    Decoded {
        values: vec![Value::Unknown; program.fields.len()],
        errors: vec![RecordError {
            path: String::new(),
            code: RecordCode::NotAnObject,
            message: format!(
                "bản ghi phải là một đối tượng JSON {{ \"tên_trường\": giá_trị, ... }}, nhưng nhận được {found}"
            ),
        }],
        nested: HashMap::new(),
    }
}

/// Checks the `require` constraints of a record at `at`; a field blamed by a failed
/// constraint becomes unknown.
pub(crate) fn check_constraints(
    program: &Program,
    values: &mut [Value],
    errors: &mut Vec<RecordError>,
    at: &Place<'_>,
) {
    let mut blamed = Vec::new();
    let env = Env::new(values, &[]);
    for c in crate::eval::broken(program, env) {
        let name = program
            .fields
            .get(c.subject)
            .map_or("", |f| f.name.as_str());
        let message = format_template(program, &c.message, env).text();
        let path = format!("{}{}", at.path(), pointer(name));
        errors.push(RecordError {
            path,
            code: RecordCode::ConstraintFailed,
            message,
        });
        blamed.push(c.subject);
    }
    for slot in blamed {
        if let Some(v) = values.get_mut(slot) {
            *v = Value::Unknown;
        }
    }
}
