//! Reading one field's JSON value into a slot: plain values, enumerations, and lists of values
//! or of nested records. A wrong value is reported at its JSON path and read as unknown.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::number::{Exact, exact};
use super::{DECIMAL_LIMIT, INT_LIMIT, RecordError, SELECTOR_FIELDS, pointer};
use crate::eval::Status;
use crate::program::{Bounds, FieldDef, FieldType, ItemDef, OUTCOME_FIELDS, Program};
use crate::record_error::RecordCode;
use crate::suggest::suggest;
use crate::value::Value;

/// What decoding finds beside the values: the record's problems, and the evaluations of the
/// items scored by another model (a clan's families), by their JSON paths.
#[derive(Default)]
pub(crate) struct Found {
    /// Problems, in the order met.
    pub(crate) errors: Vec<RecordError>,
    /// Each item scored by another model, evaluated once (a repeated key's later items
    /// replace the earlier ones at the same paths; those left over are never looked up).
    pub(crate) nested: std::collections::HashMap<String, crate::eval::Evaluation>,
}

/// Reads the fields of a JSON object (the record, or an item of a list) at `object` into
/// slots. Missing required fields are reported.
pub(super) fn read_fields<'de, A: MapAccess<'de>>(
    program: &Program,
    fields: &[FieldDef],
    object: &Place<'_>,
    mut map: A,
    found: &mut Found,
) -> Result<Vec<Value>, A::Error> {
    let mut values: Vec<Value> = (0..fields.len()).map(|_| Value::Unknown).collect();
    let mut visited = Visited::new(fields.len());
    // Records usually list their fields in the declared order: the field after the last one
    // found is tried first.
    let mut next = 0;
    // Per slot, the errors its last value added (`errors[start..end]`), and the ranges of
    // errors of values replaced by a repeated key, to drop after the loop.
    let mut added: Vec<(usize, usize)> = vec![(0, 0); fields.len()];
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    while let Some(key) = map.next_key_seed(KeySeed { fields, next })? {
        let (slot, field) = match key {
            Key::Field(slot, field) => (slot, field),
            // The fields that choose a version are read by every model that does not
            // declare them, and checked against its header.
            Key::Unknown(key)
                if matches!(object, Place::Root) && SELECTOR_FIELDS.contains(&key.as_str()) =>
            {
                let value: serde_json::Value = map.next_value()?;
                found
                    .errors
                    .extend(super::selector_error(program, &key, &value));
                continue;
            }
            Key::Unknown(key) => {
                map.next_value::<IgnoredAny>()?;
                let hint = suggest(&key, fields.iter().map(|f| f.name.as_str()))
                    .map(|s| format!("; có phải ý bạn là \"{s}\"?"))
                    .unwrap_or_default();
                let message =
                    format!("trường \"{key}\" không có trong khai báo đầu vào của mô hình{hint}");
                found.errors.push(RecordError {
                    path: format!("{}{}", object.path(), pointer(&key)),
                    code: RecordCode::UnknownField,
                    message,
                });
                continue;
            }
        };
        // A repeated key replaces the earlier value, and its problems: those are the errors
        // its earlier value added, dropped together after the loop. (Dropping them at once,
        // with a scan of every error, was quadratic in a record of repeated and unknown keys.)
        if visited.insert(slot)
            && let Some(&(start, end)) = added.get(slot)
            && start < end
        {
            dropped.push((start, end));
        }
        next = slot + 1;
        let start = found.errors.len();
        let at = Place::Field {
            object,
            name: &field.name,
        };
        let value = map.next_value_seed(FieldSeed {
            program,
            ty: &field.ty,
            field,
            at: &at,
            found,
        })?;
        if let Some(v) = values.get_mut(slot) {
            *v = value;
        }
        if let Some(range) = added.get_mut(slot) {
            *range = (start, found.errors.len());
        }
    }
    // A required field without a known value: missing, unless its value was already
    // reported as invalid (by an error its last value added).
    let mut missing = Vec::new();
    for ((field, value), &(start, end)) in fields.iter().zip(&values).zip(&added) {
        if field.optional || !value.is_unknown() {
            continue;
        }
        let path = format!("{}{}", object.path(), pointer(&field.name));
        let own = found.errors.get(start..end).unwrap_or_default();
        if !own.iter().any(|e| e.path == path) {
            missing.push((field, path));
        }
    }
    drop_ranges(&mut found.errors, &dropped);
    for (field, path) in missing {
        let message = format!(
            "thiếu trường bắt buộc «{}»{} ({})",
            field.display_label(),
            object.context(),
            field.name
        );
        found.errors.push(RecordError {
            path,
            code: RecordCode::MissingField,
            message,
        });
    }
    Ok(values)
}

/// Removes the errors at the index ranges `dropped` (disjoint), in one pass, through a mask
/// of the errors to keep. Not by sorting the ranges, for size: `sort_unstable` of
/// `(usize, usize)` was 8 KB of code in the browser module (measured with the vector that
/// replaced a hash map in the checker's `Records`: 278,604 to 274,036 bytes gzipped).
fn drop_ranges(errors: &mut Vec<RecordError>, dropped: &[(usize, usize)]) {
    if dropped.is_empty() {
        return;
    }
    let mut keep = vec![true; errors.len()];
    for &(start, end) in dropped {
        if let Some(slots) = keep.get_mut(start..end.min(errors.len())) {
            slots.fill(false);
        }
    }
    let mut keep = keep.into_iter();
    errors.retain(|_| keep.next().unwrap_or(true));
}

/// A key of an object, as read: the field it names, or an unknown name.
enum Key<'f> {
    /// The field at this slot.
    Field(usize, &'f FieldDef),
    /// No field has this name.
    Unknown(String),
}

/// Reads a key and finds its field without copying it. Records usually list their fields in
/// the declared order: the field at `next` (after the last one found) is tried first.
struct KeySeed<'f> {
    fields: &'f [FieldDef],
    next: usize,
}

impl<'de, 'f> DeserializeSeed<'de> for KeySeed<'f> {
    type Value = Key<'f>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'f>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'f> Visitor<'_> for KeySeed<'f> {
    type Value = Key<'f>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key<'f>, E> {
        let found = match self.fields.get(self.next) {
            Some(f) if f.name == key => Some((self.next, f)),
            _ => self.fields.iter().enumerate().find(|(_, f)| f.name == key),
        };
        Ok(match found {
            Some((slot, field)) => Key::Field(slot, field),
            None => Key::Unknown(key.to_string()),
        })
    }
}

/// The slots of an object already read: a bit each for the first 64, a flag each beyond.
struct Visited {
    first: u64,
    rest: Vec<bool>,
}

impl Visited {
    fn new(slots: usize) -> Self {
        Visited {
            first: 0,
            rest: vec![false; slots.saturating_sub(64)],
        }
    }

    /// Marks `slot` as read; true when it already was.
    fn insert(&mut self, slot: usize) -> bool {
        if slot < 64 {
            let bit = 1u64 << slot;
            let seen = self.first & bit != 0;
            self.first |= bit;
            return seen;
        }
        self.rest
            .get_mut(slot - 64)
            .is_some_and(|seen| std::mem::replace(seen, true))
    }
}

/// Reads one value of type `ty` for `field` (for a list of plain values, `ty` is the item
/// type). Problems go to `errors`; the value is then unknown.
/// Where an object or a value is in the record: its JSON path and, inside a list item, the
/// words naming the item, both rendered only for a problem (a clean record allocates neither).
#[derive(Clone, Copy)]
pub(crate) enum Place<'s> {
    /// The record itself.
    Root,
    /// Field `name` of the object at `object`.
    Field {
        object: &'s Place<'s>,
        name: &'s str,
    },
    /// Item `index` (from 0) of the list at `list`; `label` names the list for an item that
    /// is a record (`None` for plain values).
    Item {
        list: &'s Place<'s>,
        index: usize,
        label: Option<&'s str>,
    },
}

impl Place<'_> {
    /// The JSON path.
    pub(crate) fn path(&self) -> String {
        match self {
            Place::Root => String::new(),
            Place::Field { object, name } => format!("{}{}", object.path(), pointer(name)),
            Place::Item { list, index, .. } => format!("{}/{index}", list.path()),
        }
    }

    /// For an item of a list, which one: " (mục 2 của «Thành viên»)", " (mục 2)".
    fn context(&self) -> String {
        match self {
            Place::Item {
                index,
                label: Some(l),
                ..
            } => format!(" (mục {} của «{l}»)", index + 1),
            Place::Item { index, .. } => format!(" (mục {})", index + 1),
            Place::Root | Place::Field { .. } => String::new(),
        }
    }
}

struct FieldSeed<'s> {
    program: &'s Program,
    ty: &'s FieldType,
    field: &'s FieldDef,
    at: &'s Place<'s>,
    found: &'s mut Found,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        // A number is read from its text, exactly: serde_json would hand it on as an f64.
        if matches!(self.ty, FieldType::Int(_) | FieldType::Decimal(_)) {
            return d.deserialize_newtype_struct(RAW_VALUE, RawNumber(self));
        }
        d.deserialize_any(self)
    }
}

/// The newtype name by which serde_json hands over the text of a value instead of the value
/// (the name `serde_json::value::RawValue` asks for). Asked this way rather than through
/// `Box<RawValue>`, the text of a number is borrowed from the record, not copied to the heap.
/// Tests (`tests/exact_numbers.rs`) fail if serde_json ever stops answering to it: numbers
/// would then arrive as floats.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// Reads the text of a number field's value: serde_json gives a map of one entry whose value
/// is the text; another deserializer gives the value itself.
struct RawNumber<'s>(FieldSeed<'s>);

impl<'de> Visitor<'de> for RawNumber<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if map.next_key::<IgnoredAny>()?.is_none() {
            return Err(serde::de::Error::custom("no value"));
        }
        map.next_value_seed(RawText(self.0))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// The JSON text of a number field's value.
struct RawText<'s>(FieldSeed<'s>);

impl<'de> DeserializeSeed<'de> for RawText<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for RawText<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the JSON text of a value")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Value, E> {
        self.0.raw(text.trim()).map_err(E::custom)
    }
}

impl FieldSeed<'_> {
    fn fail(self, code: RecordCode, message: String) -> Value {
        self.found.errors.push(RecordError {
            path: self.at.path(),
            code,
            message,
        });
        Value::Unknown
    }

    /// «label», with the item it is in for a field of a list item.
    fn label(&self) -> String {
        // A field names the item it is in; a plain value of a list, itself.
        let context = match self.at {
            Place::Field { object, .. } => object.context(),
            place => place.context(),
        };
        format!("«{}»{context}", self.field.display_label())
    }

    fn wrong(self, found: String) -> Value {
        let expected = match self.ty {
            FieldType::Bool => "true hoặc false".to_string(),
            FieldType::Int(_) => "một số nguyên".to_string(),
            FieldType::Decimal(_) => "một số".to_string(),
            FieldType::Text => "một chuỗi ký tự".to_string(),
            FieldType::Date => "một ngày dạng \"YYYY-MM-DD\"".to_string(),
            FieldType::Enum(id) => format!("một trong các giá trị: {}", self.variant_list(*id)),
            FieldType::List(_) => "một danh sách [ ... ]".to_string(),
        };
        let message = format!(
            "{} phải là {expected}, nhưng nhận được {found}",
            self.label()
        );
        self.fail(RecordCode::WrongType, message)
    }

    fn variant_list(&self, id: usize) -> String {
        let names = self.program.enums.get(id).map(|e| {
            e.variants
                .iter()
                .map(|v| v.name.as_str())
                .collect::<Vec<_>>()
        });
        names.unwrap_or_default().join(", ")
    }

    /// A value of a number field from its JSON text: a number exactly; anything else read as
    /// any JSON value is (and reported as not a number).
    fn raw(self, text: &str) -> Result<Value, serde_json::Error> {
        let limit = match self.ty {
            FieldType::Int(_) => INT_LIMIT,
            _ => DECIMAL_LIMIT,
        };
        // Nearly every number is a small whole number: read at once, as serde_json reads it.
        if let Some(v) = small_integer(text) {
            return Ok(self.integer(i128::from(v), Decimal::from(v)));
        }
        Ok(match exact(text) {
            Some(Exact::Num(n)) if n.scale() == 0 => self.integer(n.mantissa(), n),
            Some(Exact::Num(n)) => self.number(n, &text),
            Some(Exact::Huge) => {
                let message = format!("{}: {text} vượt quá giới hạn ±{limit}", self.label());
                self.fail(RecordCode::OutOfRange, message)
            }
            Some(Exact::TooPrecise) if matches!(self.ty, FieldType::Int(_)) => {
                self.wrong(format!("số {text}"))
            }
            Some(Exact::TooPrecise) => {
                let message = format!(
                    "{}: {text} có nhiều chữ số hơn mức lưu được chính xác (more digits than a decimal keeps exactly): tối đa 28 chữ số sau dấu thập phân và 28 chữ số có nghĩa; hãy làm tròn số",
                    self.label()
                );
                self.fail(RecordCode::TooManyDigits, message)
            }
            None => {
                let mut de = serde_json::Deserializer::from_str(text);
                de.deserialize_any(self)?
            }
        })
    }

    /// A whole number from JSON: checked without the text of the number, which only a
    /// problem needs.
    fn integer(self, v: i128, n: Decimal) -> Value {
        let (bounds, limit) = match self.ty {
            FieldType::Int(b) => (b, i128::from(INT_LIMIT)),
            FieldType::Decimal(b) => (b, i128::from(DECIMAL_LIMIT)),
            _ => return self.number(n, &v),
        };
        if v.abs() <= limit && int_within(bounds, v, n) {
            return Value::Num(n);
        }
        self.number(n, &v)
    }

    fn number(self, n: Decimal, shown: &dyn fmt::Display) -> Value {
        let (bounds, limit) = match self.ty {
            FieldType::Int(b) if n.fract().is_zero() => (*b, Decimal::from(INT_LIMIT)),
            FieldType::Decimal(b) => (*b, Decimal::from(DECIMAL_LIMIT)),
            _ => return self.wrong(format!("số {shown}")),
        };
        if n.abs() > limit {
            let message = format!("{}: {shown} vượt quá giới hạn ±{limit}", self.label());
            return self.fail(RecordCode::OutOfRange, message);
        }
        if !bounds.contains(n) {
            let message = format!(
                "{} {}, nhưng nhận được {shown}",
                self.label(),
                bounds_phrase(&bounds)
            );
            return self.fail(RecordCode::OutOfRange, message);
        }
        Value::Num(n)
    }

    /// A non-zero number too small for a decimal (more than 28 decimal places, e.g. 1e-30):
    /// never a whole number; for a decimal field, compared with the bounds as the JSON number
    /// it is (as JSON Schema does), and kept rounded to 28 decimal places.
    fn tiny(self, v: f64, shown: &str) -> Value {
        let FieldType::Decimal(b) = self.ty else {
            return self.wrong(format!("số {shown}"));
        };
        let f64_of = |d: Decimal| d.to_string().parse::<f64>().unwrap_or(f64::NAN);
        let above = b.min.is_none_or(|m| v >= f64_of(m));
        let below = b.max.is_none_or(|m| {
            if b.max_exclusive {
                v < f64_of(m)
            } else {
                v <= f64_of(m)
            }
        });
        if !(above && below) {
            let message = format!(
                "{} {}, nhưng nhận được {shown}",
                self.label(),
                bounds_phrase(b)
            );
            return self.fail(RecordCode::OutOfRange, message);
        }
        Value::Num(shown.parse::<Decimal>().unwrap_or_default())
    }
}

/// A whole number of at most 18 digits, without sign, fraction or exponent: `None` for any
/// other text. (Measured on the unit records: reading every number through [`exact`] made
/// decoding a record a third slower; this path keeps it as it was.)
fn small_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = digits
        .bytes()
        .fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
    Some(if negative { -v } else { v })
}

/// Whether the whole number `v` (`n` as a decimal) is within `b`: compared as integers when
/// the bounds are whole numbers, as they nearly always are.
fn int_within(b: &Bounds, v: i128, n: Decimal) -> bool {
    let whole = |m: Option<Decimal>| m.is_none_or(|m| m.scale() == 0);
    if !(whole(b.min) && whole(b.max)) {
        return b.contains(n);
    }
    b.min.is_none_or(|m| v >= m.mantissa())
        && b.max.is_none_or(|m| {
            if b.max_exclusive {
                v < m.mantissa()
            } else {
                v <= m.mantissa()
            }
        })
}

/// "phải từ 1 trở lên", "phải từ 0 đến 10", "phải nhỏ hơn 5"...
fn bounds_phrase(b: &Bounds) -> String {
    let n = |d: Decimal| d.normalize().to_string();
    match (b.min, b.max, b.max_exclusive) {
        (Some(lo), Some(hi), false) if lo == hi => format!("phải có đúng {}", n(lo)),
        (Some(lo), Some(hi), false) => format!("phải từ {} đến {}", n(lo), n(hi)),
        (Some(lo), Some(hi), true) => format!("phải từ {} đến dưới {}", n(lo), n(hi)),
        (Some(lo), None, _) => format!("phải từ {} trở lên", n(lo)),
        (None, Some(hi), false) => format!("không được lớn hơn {}", n(hi)),
        (None, Some(hi), true) => format!("phải nhỏ hơn {}", n(hi)),
        (None, None, _) => "nằm ngoài giới hạn cho phép".to_string(),
    }
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
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(match self.ty {
            FieldType::Bool => Value::Bool(v),
            _ => self.wrong(format!("{v}")),
        })
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(self.integer(i128::from(v), Decimal::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(self.integer(i128::from(v), Decimal::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        let shown = v.to_string();
        // Exactly, never rounded: rounding 1e-30 to 0 would make it a whole number and
        // -1e-30 not below a minimum of 0.
        Ok(match Decimal::from_str_exact(&shown).ok() {
            Some(d) => self.number(d, &shown),
            None if v.abs() < 1.0 => self.tiny(v, &shown),
            None => {
                let message = format!("{}: {shown} vượt quá giới hạn cho phép", self.label());
                self.fail(RecordCode::OutOfRange, message)
            }
        })
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(match self.ty {
            FieldType::Text => Value::Text(crate::value::nfc(v).into_owned()),
            FieldType::Date => match parse_date(v) {
                Some(d) => Value::Date(d),
                None => {
                    let message = format!(
                        "{}: \"{v}\" không phải là một ngày hợp lệ dạng YYYY-MM-DD",
                        self.label()
                    );
                    self.fail(RecordCode::InvalidDate, message)
                }
            },
            FieldType::Enum(id) => {
                let variants = self
                    .program
                    .enums
                    .get(*id)
                    .map(|e| e.variants.as_slice())
                    .unwrap_or_default();
                let v = crate::value::nfc(v);
                let v = v.as_ref();
                match variants.iter().position(|x| x.name == v) {
                    Some(i) => Value::Enum(u32::try_from(i).unwrap_or(u32::MAX)),
                    None => {
                        let hint = suggest(v, variants.iter().map(|x| x.name.as_str()))
                            .map(|s| format!("; có phải ý bạn là \"{s}\"?"))
                            .unwrap_or_default();
                        let list = self.variant_list(*id);
                        let message = format!(
                            "{}: giá trị \"{v}\" không có trong danh sách cho phép ({list}){hint}",
                            self.label()
                        );
                        self.fail(RecordCode::UnknownValue, message)
                    }
                }
            }
            _ => self.wrong(format!("chuỗi \"{v}\"")),
        })
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(
            if self.field.optional && std::ptr::eq(self.ty, &self.field.ty) {
                Value::Unknown
            } else {
                self.wrong("null".to_string())
            },
        )
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let FieldType::List(id) = self.ty else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(self.wrong("một danh sách".to_string()));
        };
        let Some(list) = self.program.lists.get(*id) else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Value::Unknown);
        };
        let mut rows = Vec::new();
        loop {
            let item = Place::Item {
                list: self.at,
                index: rows.len(),
                label: match list.item {
                    ItemDef::Scalar(_) => None,
                    _ => Some(self.field.display_label()),
                },
            };
            let row = match &list.item {
                ItemDef::Record(fields) => {
                    let seed = ItemVisitor {
                        program: self.program,
                        fields,
                        scored: false,
                        field: self.field,
                        place: &item,
                        found: self.found,
                    };
                    seq.next_element_seed(seed)?
                }
                ItemDef::Model { model, .. } => {
                    let Some(sub) = self.program.models.get(*model) else {
                        break;
                    };
                    let seed = ItemVisitor {
                        program: sub,
                        fields: &sub.fields,
                        scored: true,
                        field: self.field,
                        place: &item,
                        found: self.found,
                    };
                    seq.next_element_seed(seed)?
                }
                ItemDef::Scalar(ty) => {
                    let seed = FieldSeed {
                        program: self.program,
                        ty,
                        field: self.field,
                        at: &item,
                        found: self.found,
                    };
                    seq.next_element_seed(seed)?.map(|v| vec![v])
                }
            };
            match row {
                Some(row) => rows.push(row),
                None => break,
            }
        }
        let count = Decimal::from(rows.len());
        if !list.size.contains(count) {
            let message = format!(
                "{} {} mục, nhưng có {} mục",
                self.label(),
                bounds_phrase(&list.size),
                rows.len()
            );
            return Ok(self.fail(RecordCode::WrongItemCount, message));
        }
        Ok(Value::List(rows))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.wrong("một đối tượng".to_string()))
    }
}

/// Reads one item of a list of records. For an item of another model (`scored`), the record is
/// read with that model's declaration and scored by its rules; the item then starts with the
/// outcome slots (`recognized`, `total`, `tier`).
struct ItemVisitor<'s> {
    program: &'s Program,
    fields: &'s [FieldDef],
    scored: bool,
    field: &'s FieldDef,
    place: &'s Place<'s>,
    found: &'s mut Found,
}

impl<'de> DeserializeSeed<'de> for ItemVisitor<'_> {
    type Value = Vec<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Value>, D::Error> {
        d.deserialize_any(self)
    }
}

/// The outcome slots of an item scored by `sub`: what is decided, else unknown. Problems met
/// while scoring it (a divisor of 0, R012) are reported at the item's path; its evaluation is
/// kept, by that path, for its answer.
fn outcome(sub: &Program, values: &[Value], place: &Place<'_>, found: &mut Found) -> Vec<Value> {
    let mut ev = crate::eval::evaluate(sub, values);
    let at = place.path();
    found
        .errors
        .extend(ev.errors.drain(..).map(|e| RecordError {
            path: format!("{at}{}", e.path),
            ..e
        }));
    let recognized = match ev.status {
        Status::Recognized => Value::Bool(true),
        Status::NotRecognized => Value::Bool(false),
        Status::Undetermined => Value::Unknown,
    };
    let total = if ev.total.lo == ev.total.hi {
        Value::Num(ev.total.lo)
    } else {
        Value::Unknown
    };
    let tier = ev
        .tier
        .and_then(|t| sub.decision.label(t))
        .map_or(Value::Unknown, |l| Value::Text(l.to_string()));
    found.nested.insert(at, ev);
    vec![recognized, total, tier]
}

impl ItemVisitor<'_> {
    /// Not an object: reported, and read as an item whose fields are all unknown.
    fn not_an_object(self, found: &str) -> Vec<Value> {
        let label = self.field.display_label();
        let message = format!(
            "mỗi mục của «{label}» phải là một đối tượng {{ ... }}, nhưng nhận được {found}"
        );
        self.found.errors.push(RecordError {
            path: self.place.path(),
            code: RecordCode::WrongType,
            message,
        });
        let outcome = if self.scored { OUTCOME_FIELDS } else { 0 };
        vec![Value::Unknown; outcome + self.fields.len()]
    }
}

impl<'de> Visitor<'de> for ItemVisitor<'_> {
    type Value = Vec<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Value>, A::Error> {
        let mut values = read_fields(self.program, self.fields, self.place, map, self.found)?;
        if !self.scored {
            return Ok(values);
        }
        super::check_constraints(
            self.program,
            &mut values,
            &mut self.found.errors,
            self.place,
        );
        let mut row = outcome(self.program, &values, self.place, self.found);
        row.append(&mut values);
        Ok(row)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Value>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.not_an_object("một danh sách"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Vec<Value>, E> {
        Ok(self.not_an_object("giá trị đúng/sai"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Vec<Value>, E> {
        Ok(self.not_an_object("một số"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Vec<Value>, E> {
        Ok(self.not_an_object("một số"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Vec<Value>, E> {
        Ok(self.not_an_object("một số"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Vec<Value>, E> {
        Ok(self.not_an_object("một chuỗi ký tự"))
    }

    fn visit_unit<E>(self) -> Result<Vec<Value>, E> {
        Ok(self.not_an_object("null"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_slot_is_seen_once() {
        let mut v = Visited::new(100);
        for slot in [0, 5, 63, 64, 99] {
            assert!(!v.insert(slot));
            assert!(v.insert(slot));
        }
        assert!(!v.insert(1));
        assert!(!v.insert(70));
    }
}
