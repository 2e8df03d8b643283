//! Decoding a JSON record straight into the program's typed slots, with every problem named
//! by its JSON path. Decoding never stops at the first problem: a field that cannot be read
//! becomes unknown and is reported, and the rest of the record is still read.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::check::expr_suggest;
use crate::expr_eval::{Env, eval};
use crate::format::format_template;
use crate::program::{Bounds, FieldDef, FieldType, Program};
use crate::value::{Val, Value};

/// Largest whole number a record may hold: 2^53 − 1, exact in every JSON reader.
pub const INT_LIMIT: i64 = 9_007_199_254_740_991;
/// Largest magnitude of a decimal input: 10^15.
pub const DECIMAL_LIMIT: i64 = 1_000_000_000_000_000;

/// A problem with one record, at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordError {
    /// JSON pointer to the value (`""` for the whole record).
    pub path: String,
    /// Stable code (`R001`...).
    pub code: &'static str,
    /// Vietnamese message saying what was expected.
    pub message: String,
}

/// A decoded record: a value per slot (unknown when missing or invalid) and the problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// One value per input field, in declaration order.
    pub values: Vec<Value>,
    /// Problems found, in the order met.
    pub errors: Vec<RecordError>,
}

impl Decoded {
    /// True when the record was read without any problem.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Decodes a record from JSON text.
pub fn decode_str(program: &Program, text: &str) -> Decoded {
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
            code: "R001",
            message,
        }],
    }
}

/// JSON pointer of a field.
pub fn pointer(name: &str) -> String {
    format!("/{}", name.replace('~', "~0").replace('/', "~1"))
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

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decoded, A::Error> {
        let program = self.program;
        let mut values = vec![Value::Unknown; program.fields.len()];
        let mut present = vec![false; program.fields.len()];
        let mut errors = Vec::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let Some((slot, field)) = program
                .field_slot(&key)
                .and_then(|s| program.fields.get(s).map(|f| (s, f)))
            else {
                map.next_value::<IgnoredAny>()?;
                let hint = expr_suggest(&key, program.fields.iter().map(|f| f.name.as_str()))
                    .map(|s| format!("; có phải ý bạn là \"{s}\"?"))
                    .unwrap_or_default();
                errors.push(RecordError {
                    path: pointer(&key),
                    code: "R003",
                    message: format!(
                        "trường \"{key}\" không có trong khai báo đầu vào của mô hình{hint}"
                    ),
                });
                continue;
            };
            let read = map.next_value_seed(FieldSeed { field })?;
            let path = pointer(&field.name);
            errors.retain(|e: &RecordError| e.path != path);
            if let (Some(v), Some(p)) = (values.get_mut(slot), present.get_mut(slot)) {
                *p = !matches!(read, Ok(Value::Unknown));
                match read {
                    Ok(value) => *v = value,
                    Err((code, message)) => {
                        *v = Value::Unknown;
                        errors.push(RecordError {
                            path,
                            code,
                            message,
                        });
                    }
                }
            }
        }
        Ok(finish(program, values, &present, errors))
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
            code: "R002",
            message: format!(
                "bản ghi phải là một đối tượng JSON {{ \"tên_trường\": giá_trị, ... }}, nhưng nhận được {found}"
            ),
        }],
    }
}

/// Reports missing required fields, then checks the `require` constraints.
fn finish(
    program: &Program,
    mut values: Vec<Value>,
    present: &[bool],
    mut errors: Vec<RecordError>,
) -> Decoded {
    for (field, seen) in program.fields.iter().zip(present) {
        let path = pointer(&field.name);
        if !field.optional && !seen && !errors.iter().any(|e| e.path == path) {
            errors.push(RecordError {
                path,
                code: "R004",
                message: format!(
                    "thiếu trường bắt buộc «{}» ({})",
                    field.display_label(),
                    field.name
                ),
            });
        }
    }
    let mut blamed = Vec::new();
    for c in &program.constraints {
        let env = Env {
            record: &values,
            lets: &[],
        };
        if eval(&c.condition, env) == Val::Bool(false) {
            let name = program
                .fields
                .get(c.subject)
                .map_or("", |f| f.name.as_str());
            let message = format_template(program, &c.message, env);
            errors.push(RecordError {
                path: pointer(name),
                code: "R009",
                message,
            });
            blamed.push(c.subject);
        }
    }
    for slot in blamed {
        if let Some(v) = values.get_mut(slot) {
            *v = Value::Unknown;
        }
    }
    Decoded { values, errors }
}

/// Reads one field's value; a wrong value is `Err((code, message))`, never a serde error.
struct FieldSeed<'p> {
    field: &'p FieldDef,
}

type FieldResult = Result<Value, (&'static str, String)>;

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = FieldResult;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<FieldResult, D::Error> {
        d.deserialize_any(self)
    }
}

impl FieldSeed<'_> {
    fn wrong(&self, found: String) -> FieldResult {
        let f = self.field;
        let expected = match &f.ty {
            FieldType::Bool => "true hoặc false".to_string(),
            FieldType::Int(_) => "một số nguyên".to_string(),
            FieldType::Decimal(_) => "một số".to_string(),
            FieldType::Text => "một chuỗi ký tự".to_string(),
            FieldType::Date => "một ngày dạng \"YYYY-MM-DD\"".to_string(),
            FieldType::Enum(vs) => format!("một trong các giá trị: {}", variant_list(vs)),
        };
        Err((
            "R005",
            format!(
                "«{}» phải là {expected}, nhưng nhận được {found}",
                f.display_label()
            ),
        ))
    }

    fn number(&self, n: Decimal, shown: &str) -> FieldResult {
        let f = self.field;
        let (bounds, limit) = match &f.ty {
            FieldType::Int(b) => {
                if !n.fract().is_zero() {
                    return self.wrong(format!("số {shown}"));
                }
                (b, Decimal::from(INT_LIMIT))
            }
            FieldType::Decimal(b) => (b, Decimal::from(DECIMAL_LIMIT)),
            _ => return self.wrong(format!("số {shown}")),
        };
        if n.abs() > limit {
            return Err((
                "R006",
                format!(
                    "«{}»: {shown} vượt quá giới hạn ±{limit}",
                    f.display_label()
                ),
            ));
        }
        if !bounds.contains(n) {
            return Err((
                "R006",
                format!(
                    "«{}» {}, nhưng nhận được {shown}",
                    f.display_label(),
                    bounds_phrase(bounds)
                ),
            ));
        }
        Ok(Value::Num(n))
    }

    /// A non-zero number too small for a decimal (more than 28 decimal places, e.g. 1e-30):
    /// never a whole number; for a decimal field, compared with the bounds as the JSON number
    /// it is (as JSON Schema does), and kept rounded to 28 decimal places.
    fn tiny(&self, v: f64, shown: &str) -> FieldResult {
        let f = self.field;
        let FieldType::Decimal(b) = &f.ty else {
            return self.wrong(format!("số {shown}"));
        };
        let f64_of = |d: Decimal| d.to_string().parse::<f64>().unwrap_or(f64::NAN);
        let above = b.min.is_none_or(|m| v >= f64_of(m));
        let below = b.max.is_none_or(|m| {
            let m = f64_of(m);
            if b.max_exclusive { v < m } else { v <= m }
        });
        if !(above && below) {
            return Err((
                "R006",
                format!(
                    "«{}» {}, nhưng nhận được {shown}",
                    f.display_label(),
                    bounds_phrase(b)
                ),
            ));
        }
        Ok(Value::Num(shown.parse::<Decimal>().unwrap_or_default()))
    }
}

/// "phải từ 1 trở lên", "phải từ 0 đến 10", "phải nhỏ hơn 5"...
fn bounds_phrase(b: &Bounds) -> String {
    let n = |d: Decimal| d.normalize().to_string();
    match (b.min, b.max, b.max_exclusive) {
        (Some(lo), Some(hi), false) => format!("phải từ {} đến {}", n(lo), n(hi)),
        (Some(lo), Some(hi), true) => format!("phải từ {} đến dưới {}", n(lo), n(hi)),
        (Some(lo), None, _) => format!("phải từ {} trở lên", n(lo)),
        (None, Some(hi), false) => format!("không được lớn hơn {}", n(hi)),
        (None, Some(hi), true) => format!("phải nhỏ hơn {}", n(hi)),
        (None, None, _) => "nằm ngoài giới hạn cho phép".to_string(),
    }
}

fn variant_list(vs: &[crate::program::VariantDef]) -> String {
    vs.iter()
        .map(|v| v.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses a strict `YYYY-MM-DD` calendar date.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() != 10
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
    {
        return None;
    }
    let year = s.get(0..4)?.parse().ok()?;
    let month = time::Month::try_from(s.get(5..7)?.parse::<u8>().ok()?).ok()?;
    let day = s.get(8..10)?.parse().ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = FieldResult;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<FieldResult, E> {
        Ok(match self.field.ty {
            FieldType::Bool => Ok(Value::Bool(v)),
            _ => self.wrong(format!("{v}")),
        })
    }

    fn visit_i64<E>(self, v: i64) -> Result<FieldResult, E> {
        Ok(self.number(Decimal::from(v), &v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<FieldResult, E> {
        Ok(self.number(Decimal::from(v), &v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<FieldResult, E> {
        let shown = v.to_string();
        // Exactly, never rounded: rounding 1e-30 to 0 would make it a whole number and
        // -1e-30 not below a minimum of 0.
        let exact = Decimal::from_str_exact(&shown).ok();
        Ok(match exact {
            Some(d) => self.number(d, &shown),
            None if v.abs() < 1.0 => self.tiny(v, &shown),
            None => Err((
                "R006",
                format!(
                    "«{}»: {shown} vượt quá giới hạn cho phép",
                    self.field.display_label()
                ),
            )),
        })
    }

    fn visit_str<E>(self, v: &str) -> Result<FieldResult, E> {
        let f = self.field;
        Ok(match &f.ty {
            FieldType::Text => Ok(Value::Text(v.to_string())),
            FieldType::Date => match parse_date(v) {
                Some(d) => Ok(Value::Date(d)),
                None => Err((
                    "R008",
                    format!(
                        "«{}»: \"{v}\" không phải là một ngày hợp lệ dạng YYYY-MM-DD",
                        f.display_label()
                    ),
                )),
            },
            FieldType::Enum(vs) => match vs.iter().position(|x| x.name == v) {
                Some(i) => Ok(Value::Enum(u32::try_from(i).unwrap_or(u32::MAX))),
                None => {
                    let hint = expr_suggest(v, vs.iter().map(|x| x.name.as_str()))
                        .map(|s| format!("; có phải ý bạn là \"{s}\"?"))
                        .unwrap_or_default();
                    Err((
                        "R007",
                        format!(
                            "«{}»: giá trị \"{v}\" không có trong danh sách cho phép ({}){hint}",
                            f.display_label(),
                            variant_list(vs)
                        ),
                    ))
                }
            },
            _ => self.wrong(format!("chuỗi \"{v}\"")),
        })
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<FieldResult, E> {
        Ok(if self.field.optional {
            Ok(Value::Unknown)
        } else {
            self.wrong("null".to_string())
        })
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<FieldResult, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldResult, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.wrong("một danh sách".to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldResult, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.wrong("một đối tượng".to_string()))
    }
}
