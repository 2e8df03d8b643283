//! The record decoder accepts exactly what the generated JSON Schema accepts, with the
//! `jsonschema` crate (draft 2020-12, formats validated) as the oracle. Cross-field `require`
//! constraints (`R009`) cannot be written in JSON Schema and are left out of the comparison,
//! and so is a record with a number of more digits than a decimal keeps exactly (`R011`, e.g.
//! `1e-30`: always rejected, never rounded), which the schema cannot describe either.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value as Json, json};
use tieuchi_core::program::{Bounds, FieldDef, FieldType, ItemDef};
use tieuchi_core::record::{DECIMAL_LIMIT, INT_LIMIT};
use tieuchi_core::schema::input_schema;
use tieuchi_core::{Program, compile, decode_value};

const UNIT_RULES: &str = include_str!("../../../rules/unit/tt22-2020.rules");
/// Real models with lists: household members (records with nested lists) and ten scores.
const FAMILY_RULES: &str = include_str!("../../../rules/family/qd448-2015.rules");
const CITIZEN_RULES: &str = include_str!("../../../rules/citizen/qd324-2023.rules");

/// A model that uses every input type, every kind of range and optional fields, and lists: of
/// records (with a nested enumeration, optional fields, a date and a nested list) and of values,
/// of an exact size, a range of sizes, an exclusive maximum and no size at all.
const SYNTHETIC_RULES: &str = r#"
model synthetic "Mô hình tổng hợp để kiểm thử" {
  source "Kiểm thử bộ giải mã và JSON Schema"
  max 10 points

  input {
    flag: bool "Cờ" en "Flag"
    small: int 0..10 "Số nhỏ"
    positive: int 1.. "Số dương"
    below_five: int ..<5 "Nhỏ hơn 5"
    signed: int -5..5
    plain_int: int
    ratio: decimal 0..1 "Tỷ lệ"
    middle: decimal 0.5..<2.5 "Khoảng giữa"
    from_minus: decimal -1.5..
    tenths: decimal 0.1..0.3
    plain_decimal: decimal
    name: text "Tên"
    day: date "Ngày"
    level: one of {
      low "Thấp"
      medium
      high "Cao"
    } "Mức"
    opt_flag: optional bool
    opt_count: optional int 0..100
    opt_amount: optional decimal 0..<1000
    opt_note: optional text
    opt_day: optional date
    opt_level: optional one of { a "A" b c }
    people: list(1..) of {
      who: text "Họ tên"
      born: date "Ngày sinh"
      kind: one of { child "Trẻ em" adult "Người lớn" elder } "Loại"
      grade: optional one of { a "A" b c } "Xếp loại"
      note: optional text
      hours: optional decimal 0..<100 "Số giờ"
      visits: int 0..
      tags: optional list(..<3) of text "Nhãn"
    } "Danh sách người" en "People"
    scores: list(3) of decimal 0..10 "Ba điểm"
    counts: list(1..4) of int "Từ 1 đến 4 số nguyên"
    opt_marks: optional list(..<3) of one of { x "X" y } "Dấu"
    opt_days: optional list of date

    require small <= positive "Số nhỏ ({small}) không được lớn hơn số dương ({positive})"
  }

  criterion C1 "Tiêu chí" 10 points {
    source "Kiểm thử"
    indicator C1.1 "Chỉ số" 10 points {
      source "Kiểm thử"
      award whole when flag and small >= 1 and ratio > 0.5 and level >= medium
    }
  }

  tier "Đạt" when total in 5..10 recognized
  tier "Chưa đạt" when total in 0..<5
}
"#;

/// A compiled program with its schema and the oracle built from that schema.
struct Model {
    name: &'static str,
    program: Program,
    schema: Json,
    validator: jsonschema::Validator,
}

fn build(name: &'static str, src: &str) -> Model {
    let compiled = compile(src);
    let program = compiled
        .program
        .unwrap_or_else(|| panic!("{name} does not compile: {:#?}", compiled.diagnostics));
    let schema = input_schema(&program);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the schema of {name} is not a valid JSON Schema: {e}"));
    Model {
        name,
        program,
        schema,
        validator,
    }
}

fn unit() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| build("unit", UNIT_RULES))
}

fn synthetic() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| build("synthetic", SYNTHETIC_RULES))
}

fn family() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| build("family", FAMILY_RULES))
}

fn citizen() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| build("citizen", CITIZEN_RULES))
}

/// Compares decoder and schema on one record; `Err` with a full report on disagreement.
fn agree(m: &Model, record: &Json) -> Result<(), String> {
    let decoded = decode_value(&m.program, record);
    if decoded.errors.iter().any(|e| e.code == "R011") {
        return Ok(());
    }
    let errors: Vec<_> = decoded.errors.iter().filter(|e| e.code != "R009").collect();
    let decoder_ok = errors.is_empty();
    let schema_ok = m.validator.is_valid(record);
    if decoder_ok == schema_ok {
        return Ok(());
    }
    let schema_errors: Vec<String> = m
        .validator
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    // The schema fragments of the fields either side complained about.
    let mut fragments = Map::new();
    let props = &m.schema["properties"];
    let mut names: Vec<String> = errors
        .iter()
        .map(|e| e.path.trim_start_matches('/').to_string())
        .collect();
    names.extend(m.validator.iter_errors(record).map(|e| {
        e.instance_path()
            .to_string()
            .trim_start_matches('/')
            .to_string()
    }));
    for n in names {
        // `/people/0/born` is described by the fragment of `people`.
        let n = n.split('/').next().unwrap_or_default().to_string();
        if let Some(f) = props.get(&n) {
            fragments.insert(n, f.clone());
        }
    }
    Err(format!(
        "decoder and schema disagree on a {} record\n\
         record: {record}\n\
         decoder accepts: {decoder_ok}; errors: {errors:#?}\n\
         schema accepts: {schema_ok}; errors: {schema_errors:#?}\n\
         schema fragments: {}",
        m.name,
        serde_json::to_string_pretty(&Json::Object(fragments)).unwrap()
    ))
}

/// Inclusive integer bounds of an int field, within the decoder's limits.
fn int_range(b: &Bounds) -> (i64, i64) {
    let lo = b
        .min
        .map_or(-INT_LIMIT, |d| d.to_i64().unwrap().max(-INT_LIMIT));
    let hi = match b.max {
        Some(d) if b.max_exclusive => d.to_i64().unwrap() - 1,
        Some(d) => d.to_i64().unwrap(),
        None => INT_LIMIT,
    }
    .min(INT_LIMIT);
    (lo, hi)
}

/// Decimal bounds of a decimal field in thousandths, inclusive, within the decoder's limits.
fn milli_range(b: &Bounds) -> (i64, i64) {
    let k = Decimal::from(1000);
    let limit = DECIMAL_LIMIT * 1000;
    let lo = b.min.map_or(-limit, |d| (d * k).ceil().to_i64().unwrap());
    let hi = match b.max {
        Some(d) if b.max_exclusive => (d * k).ceil().to_i64().unwrap() - 1,
        Some(d) => (d * k).floor().to_i64().unwrap(),
        None => limit,
    };
    (lo.max(-limit), hi.min(limit))
}

/// A number in thousandths as JSON (an integer when whole).
fn milli_json(m: i64) -> Json {
    if m % 1000 == 0 {
        json!(m / 1000)
    } else {
        let d = Decimal::new(m, 3);
        json!(d.to_string().parse::<f64>().unwrap())
    }
}

const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// A valid value for a field of type `ty`.
fn valid_value(program: &Program, ty: &FieldType) -> BoxedStrategy<Json> {
    match ty.clone() {
        FieldType::Bool => any::<bool>().prop_map(Json::from).boxed(),
        FieldType::Int(b) => {
            let (lo, hi) = int_range(&b);
            prop_oneof![
                (lo..=hi).prop_map(Json::from),
                Just(Json::from(lo)),
                Just(Json::from(hi)),
                (lo.max(-3)..=hi.min(3).max(lo.max(-3))).prop_map(Json::from),
            ]
            .boxed()
        }
        FieldType::Decimal(b) => {
            let (lo, hi) = milli_range(&b);
            prop_oneof![
                (lo..=hi).prop_map(milli_json),
                Just(milli_json(lo)),
                Just(milli_json(hi)),
            ]
            .boxed()
        }
        FieldType::Text => "\\PC{0,12}".prop_map(Json::from).boxed(),
        FieldType::Date => (1900u32..=2100, 1u32..=12, 1u32..=31)
            .prop_map(|(y, mo, d)| {
                let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
                let max = if mo == 2 && !leap {
                    28
                } else {
                    DAYS[(mo - 1) as usize]
                };
                Json::from(format!("{y:04}-{mo:02}-{:02}", d.min(max)))
            })
            .boxed(),
        FieldType::Enum(id) => {
            let names: Vec<String> = program.enums[id]
                .variants
                .iter()
                .map(|v| v.name.clone())
                .collect();
            prop::sample::select(names).prop_map(Json::from).boxed()
        }
        FieldType::List(id) => {
            let list = &program.lists[id];
            let (lo, hi) = int_range(&list.size);
            let (lo, hi) = (lo.max(0) as usize, hi.min(4).max(lo.max(0)) as usize);
            let item = match &list.item {
                ItemDef::Record(fields) => object_value(program, fields),
                ItemDef::Scalar(t) => valid_value(program, t),
                ItemDef::Model { model, .. } => {
                    let sub = &program.models[*model];
                    object_value(sub, &sub.fields)
                }
            };
            prop::collection::vec(item, lo..=hi)
                .prop_map(Json::Array)
                .boxed()
        }
    }
}

/// A valid object for these fields: required ones set, optional ones set, null or absent.
fn object_value(
    program: &Program,
    fields: &[tieuchi_core::program::FieldDef],
) -> BoxedStrategy<Json> {
    let strategies: Vec<BoxedStrategy<Option<(String, Json)>>> = fields
        .iter()
        .map(|f| {
            let name = f.name.clone();
            let value = valid_value(program, &f.ty);
            if f.optional {
                let n1 = name.clone();
                prop_oneof![
                    3 => value.prop_map(move |v| Some((n1.clone(), v))),
                    1 => Just(Some((name.clone(), Json::Null))),
                    1 => Just(None),
                ]
                .boxed()
            } else {
                value.prop_map(move |v| Some((name.clone(), v))).boxed()
            }
        })
        .collect();
    strategies
        .prop_map(|pairs| Json::Object(pairs.into_iter().flatten().collect()))
        .boxed()
}

/// A valid record: every required field set, optional fields set, null or absent.
fn valid_record(program: &Program) -> BoxedStrategy<Map<String, Json>> {
    let fields: Vec<(String, bool, BoxedStrategy<Json>)> = program
        .fields
        .iter()
        .map(|f| (f.name.clone(), f.optional, valid_value(program, &f.ty)))
        .collect();
    let strategies: Vec<BoxedStrategy<Option<(String, Json)>>> = fields
        .into_iter()
        .map(|(name, optional, value)| {
            if optional {
                let n1 = name.clone();
                let n2 = name.clone();
                prop_oneof![
                    3 => value.prop_map(move |v| Some((n1.clone(), v))),
                    1 => Just(Some((n2, Json::Null))),
                    1 => Just(None),
                ]
                .boxed()
            } else {
                value.prop_map(move |v| Some((name.clone(), v))).boxed()
            }
        })
        .collect();
    strategies
        .prop_map(|pairs| pairs.into_iter().flatten().collect())
        .boxed()
}

/// One change that may make a record invalid.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove the field.
    Drop(usize),
    /// Set the field to `null`.
    Null(usize),
    /// Add a field the model does not declare.
    Unknown(usize),
    /// Put a value of another JSON type.
    OtherType(usize, usize),
    /// Put an out-of-range or extreme number.
    Extreme(usize, usize),
    /// Put a non-integral number in a field (2.5).
    Fraction(usize, usize),
    /// Put an integral float (5.0), which JSON Schema counts as an integer.
    IntegralFloat(usize),
    /// Put a string that is not one of the enumeration values.
    BadEnum(usize, usize),
    /// Put a string that is not a valid date.
    BadDate(usize, usize),
    /// Replace the whole record by something that is not an object.
    NotObject(usize),
    /// Change a list field: `List(which list field, which item, change)`.
    List(usize, usize, ItemChange),
}

/// One change to a list: its number of items, or one item.
#[derive(Debug, Clone, Copy)]
enum ItemChange {
    /// Append copies of the first item (1 to 5 of them): too many items.
    Grow(usize),
    /// Remove 1 to 4 items from the end: too few items.
    Shrink(usize),
    /// Replace the item by a value of another JSON type: a wrong value, or an item that is not
    /// an object.
    OtherType(usize),
    /// Put an extreme number in the item (a list of values) or in one of its fields.
    Extreme(usize, usize),
    /// Put a string that is not an enumeration value or not a date in the item or in one of
    /// its fields.
    BadString(usize, usize),
    /// Set one field of the item to a value of another JSON type.
    FieldOtherType(usize, usize),
    /// Remove one field of the item (a required item field goes missing).
    FieldDrop(usize),
    /// Set one field of the item to `null`.
    FieldNull(usize),
    /// Add a field the item does not declare.
    FieldUnknown(usize),
}

fn item_change() -> impl Strategy<Value = ItemChange> {
    let f = any::<usize>;
    prop_oneof![
        2 => f().prop_map(ItemChange::Grow),
        2 => f().prop_map(ItemChange::Shrink),
        2 => f().prop_map(ItemChange::OtherType),
        3 => (f(), f()).prop_map(|(a, b)| ItemChange::Extreme(a, b)),
        2 => (f(), f()).prop_map(|(a, b)| ItemChange::BadString(a, b)),
        2 => (f(), f()).prop_map(|(a, b)| ItemChange::FieldOtherType(a, b)),
        2 => f().prop_map(ItemChange::FieldDrop),
        2 => f().prop_map(ItemChange::FieldNull),
        1 => f().prop_map(ItemChange::FieldUnknown),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let f = any::<usize>;
    prop_oneof![
        2 => f().prop_map(Mutation::Drop),
        2 => f().prop_map(Mutation::Null),
        1 => f().prop_map(Mutation::Unknown),
        2 => (f(), f()).prop_map(|(a, b)| Mutation::OtherType(a, b)),
        3 => (f(), f()).prop_map(|(a, b)| Mutation::Extreme(a, b)),
        2 => (f(), f()).prop_map(|(a, b)| Mutation::Fraction(a, b)),
        2 => f().prop_map(Mutation::IntegralFloat),
        2 => (f(), f()).prop_map(|(a, b)| Mutation::BadEnum(a, b)),
        2 => (f(), f()).prop_map(|(a, b)| Mutation::BadDate(a, b)),
        1 => f().prop_map(Mutation::NotObject),
        5 => (f(), f(), item_change()).prop_map(|(a, b, c)| Mutation::List(a, b, c)),
    ]
}

fn pick<T: Clone>(items: &[T], i: usize) -> T {
    items[i % items.len()].clone()
}

/// Values of every JSON type.
fn other_types() -> Vec<Json> {
    vec![
        json!(true),
        json!(false),
        json!(1),
        json!(0),
        json!(-7),
        json!(1.5),
        json!("x"),
        json!(""),
        json!("1"),
        json!("true"),
        json!("2024-01-01"),
        json!([]),
        json!([1]),
        json!({}),
        json!({"a": 1}),
        Json::Null,
    ]
}

/// Extreme numbers for a field, around its bounds and the decoder's limits.
fn extremes(ty: &FieldType) -> Vec<Json> {
    let mut out = vec![
        json!(INT_LIMIT),
        json!(INT_LIMIT + 1),
        json!(-INT_LIMIT),
        json!(-INT_LIMIT - 1),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(DECIMAL_LIMIT),
        json!(DECIMAL_LIMIT + 1),
        json!(-DECIMAL_LIMIT),
        json!(-DECIMAL_LIMIT - 1),
        json!(1e15),
        json!(1.000_000_000_000_000_1e15),
        json!(1e16),
        json!(-1e16),
        json!(9_007_199_254_740_992.0),
        json!(1e300),
        json!(-1e300),
        json!(f64::MAX),
        json!(1e-30),
        json!(-1e-30),
        json!(5e-324),
        json!(-5e-324),
        json!(0.1),
        json!(-0.0),
        json!(0.000_000_000_000_000_000_000_000_01),
        json!(1.234_567_890_123_456_7e-10),
    ];
    let bounds = match ty {
        FieldType::Int(b) | FieldType::Decimal(b) => Some(b),
        _ => None,
    };
    if let Some(b) = bounds {
        let step = [Decimal::ONE, Decimal::new(1, 3), Decimal::new(1, 9)];
        for edge in [b.min, b.max].into_iter().flatten() {
            for s in step {
                for d in [edge - s, edge, edge + s] {
                    out.push(json!(d.to_string().parse::<f64>().unwrap()));
                    if d.fract().is_zero() {
                        out.push(json!(d.to_i64().unwrap()));
                    }
                }
            }
            // The closest doubles either side of the bound.
            let e = edge.to_string().parse::<f64>().unwrap();
            out.push(json!(e.next_up()));
            out.push(json!(e.next_down()));
        }
    }
    out
}

fn apply(program: &Program, record: &mut Json, m: &Mutation) {
    let fields = &program.fields;
    let field = |i: usize| &fields[i % fields.len()];
    let set = |record: &mut Json, name: &str, v: Json| {
        if let Some(obj) = record.as_object_mut() {
            obj.insert(name.to_string(), v);
        }
    };
    match *m {
        Mutation::Drop(i) => {
            if let Some(obj) = record.as_object_mut() {
                obj.remove(&field(i).name);
            }
        }
        Mutation::Null(i) => set(record, &field(i).name, Json::Null),
        Mutation::Unknown(i) => {
            let names = [
                format!("{}s", field(i).name),
                "extra".to_string(),
                String::new(),
                "Tên đơn vị".to_string(),
                field(i).name.to_uppercase(),
            ];
            set(record, &pick(&names, i / fields.len()), json!(1));
        }
        Mutation::OtherType(i, j) => set(record, &field(i).name, pick(&other_types(), j)),
        Mutation::Extreme(i, j) => {
            let f = field(i);
            set(record, &f.name, pick(&extremes(&f.ty), j));
        }
        Mutation::Fraction(i, j) => {
            let f = field(i);
            let base = match &f.ty {
                FieldType::Int(b) => {
                    let (lo, hi) = int_range(b);
                    (lo.max(-10)..=hi.min(10)).next().unwrap_or(0)
                }
                _ => 2,
            };
            let fractions = [0.5, 0.25, 0.1, 0.999, 1e-9];
            #[allow(clippy::cast_precision_loss, reason = "small numbers")]
            let v = base as f64 + pick(&fractions, j);
            set(record, &f.name, json!(v));
        }
        Mutation::IntegralFloat(i) => {
            let f = field(i);
            let v = match &f.ty {
                FieldType::Int(b) | FieldType::Decimal(b) => {
                    let (lo, hi) = int_range(b);
                    #[allow(clippy::cast_precision_loss, reason = "small numbers")]
                    let v = 5i64.clamp(lo, hi.max(lo)) as f64;
                    v
                }
                _ => 5.0,
            };
            set(record, &f.name, json!(v));
        }
        Mutation::BadEnum(i, j) => {
            let f = field(i);
            let bad = pick(&bad_enums(program, &f.ty), j);
            set(record, &f.name, Json::from(bad));
        }
        Mutation::BadDate(i, j) => {
            set(record, &field(i).name, Json::from(pick(BAD_DATES, j)));
        }
        Mutation::NotObject(j) => {
            *record = pick(
                &[
                    json!([]),
                    json!([{}]),
                    json!(1),
                    json!("{}"),
                    Json::Null,
                    json!(true),
                ],
                j,
            );
        }
        Mutation::List(i, at, change) => {
            let lists: Vec<&FieldDef> = fields
                .iter()
                .filter(|f| matches!(f.ty, FieldType::List(_)))
                .collect();
            if lists.is_empty() {
                return;
            }
            let f = lists[i % lists.len()];
            let FieldType::List(id) = f.ty else { return };
            let list = &program.lists[id];
            let scalar = match &list.item {
                ItemDef::Scalar(t) => Some(t),
                _ => None,
            };
            if let Some(items) = record.get_mut(&f.name).and_then(Json::as_array_mut) {
                change_items(program, items, at, change, list.item.fields(), scalar);
            }
        }
    }
}

/// Strings that are not valid dates.
const BAD_DATES: &[&str] = &[
    "2023-02-30",
    "2023-2-3",
    "2023-02-03x",
    "2023-02-29",
    "2024-02-29",
    "2023-13-01",
    "2023-00-10",
    "2023-01-00",
    "2023-04-31",
    "0000-01-01",
    "9999-12-31",
    "１２３４-01-01",
    " 2023-01-01",
    "2023-01-01\n",
    "2023/01/01",
    "20230101",
    "2023-01-01T00:00:00Z",
    "+2023-01-01",
    "-2023-01-01",
    "2023-1-01",
    "",
];

/// Strings that are not values of the enumeration of `ty` (and some that look like them).
fn bad_enums(program: &Program, ty: &FieldType) -> Vec<String> {
    let mut bad = vec![
        "unknown".to_string(),
        String::new(),
        "NONE".to_string(),
        " none".to_string(),
    ];
    if let FieldType::Enum(id) = ty {
        for v in &program.enums[*id].variants {
            bad.push(v.name.to_uppercase());
            bad.push(format!("{} ", v.name));
            if let Some(l) = &v.label {
                bad.push(l.clone());
            }
        }
    }
    bad
}

/// Bad strings for a value of type `ty`: bad dates for a date, bad names for an enumeration,
/// both for anything else.
fn bad_strings(program: &Program, ty: &FieldType) -> Vec<String> {
    let dates = BAD_DATES.iter().map(|d| (*d).to_string());
    match ty {
        FieldType::Date => dates.collect(),
        FieldType::Enum(_) => bad_enums(program, ty),
        _ => bad_enums(program, ty).into_iter().chain(dates).collect(),
    }
}

/// Applies `change` to the items of a list. `fields` are the item fields of a list of records
/// (empty for a list of values); `scalar` is the item type of a list of values.
fn change_items(
    program: &Program,
    items: &mut Vec<Json>,
    at: usize,
    change: ItemChange,
    fields: &[FieldDef],
    scalar: Option<&FieldType>,
) {
    match change {
        ItemChange::Grow(n) => {
            let copy = items.first().cloned().unwrap_or_else(|| {
                if scalar.is_some() {
                    json!(0)
                } else {
                    json!({})
                }
            });
            for _ in 0..=n % 5 {
                items.push(copy.clone());
            }
            return;
        }
        ItemChange::Shrink(n) => {
            items.truncate(items.len().saturating_sub(1 + n % 4));
            return;
        }
        _ => {}
    }
    if items.is_empty() {
        return;
    }
    let len = items.len();
    let item = &mut items[at % len];
    if let Some(ty) = scalar {
        // A list of values: the item itself is the value.
        *item = match change {
            ItemChange::OtherType(j) | ItemChange::FieldOtherType(_, j) => pick(&other_types(), j),
            ItemChange::Extreme(_, j) => pick(&extremes(ty), j),
            ItemChange::BadString(_, j) => Json::from(pick(&bad_strings(program, ty), j)),
            ItemChange::FieldDrop(_) => json!({}),
            ItemChange::FieldUnknown(_) => json!({ "extra": 1 }),
            _ => Json::Null,
        };
        return;
    }
    if let ItemChange::OtherType(j) = change {
        *item = pick(&other_types(), j);
        return;
    }
    let (Some(obj), false) = (item.as_object_mut(), fields.is_empty()) else {
        return;
    };
    let field = |x: usize| &fields[x % fields.len()];
    match change {
        ItemChange::Extreme(x, j) => {
            obj.insert(field(x).name.clone(), pick(&extremes(&field(x).ty), j));
        }
        ItemChange::BadString(x, j) => {
            let bad = pick(&bad_strings(program, &field(x).ty), j);
            obj.insert(field(x).name.clone(), Json::from(bad));
        }
        ItemChange::FieldOtherType(x, j) => {
            obj.insert(field(x).name.clone(), pick(&other_types(), j));
        }
        ItemChange::FieldDrop(x) => {
            obj.remove(&field(x).name);
        }
        ItemChange::FieldNull(x) => {
            obj.insert(field(x).name.clone(), Json::Null);
        }
        ItemChange::FieldUnknown(x) => {
            let names = [
                format!("{}s", field(x).name),
                "extra".to_string(),
                String::new(),
                field(x).name.to_uppercase(),
            ];
            obj.insert(pick(&names, x / fields.len()), json!(1));
        }
        _ => {}
    }
}

fn check_model(
    m: &Model,
    base: Map<String, Json>,
    mutations: &[Mutation],
) -> Result<(), TestCaseError> {
    let mut record = Json::Object(base);
    for mu in mutations {
        apply(&m.program, &mut record, mu);
    }
    agree(m, &record).map_err(TestCaseError::fail)
}

#[test]
fn schemas_are_valid_and_strict() {
    for m in [unit(), synthetic(), family(), citizen()] {
        assert_eq!(m.schema["additionalProperties"], json!(false));
        assert_eq!(
            m.schema["$schema"],
            json!("https://json-schema.org/draft/2020-12/schema")
        );
        let required = m.schema["required"].as_array().unwrap();
        let n_required = m.program.fields.iter().filter(|f| !f.optional).count();
        assert_eq!(required.len(), n_required, "{}", m.name);
    }
}

/// Every edge value in every field of a valid record, exhaustively.
#[test]
fn every_edge_value_in_every_field() {
    let mut failures = Vec::new();
    for m in [unit(), synthetic(), family(), citizen()] {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let base = valid_record(&m.program)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        if let Err(e) = agree(m, &Json::Object(base.clone())) {
            failures.push(e);
        }
        for f in &m.program.fields {
            let mut values = other_types();
            values.extend(extremes(&f.ty));
            for v in values {
                let mut r = base.clone();
                r.insert(f.name.clone(), v);
                if let Err(e) = agree(m, &Json::Object(r)) {
                    failures.push(e);
                }
            }
            let slot = m.program.field_slot(&f.name).unwrap();
            for k in 0..32 {
                for mu in [
                    Mutation::BadDate(slot, k),
                    Mutation::BadEnum(slot, k),
                    Mutation::Fraction(slot, k),
                    Mutation::IntegralFloat(slot),
                    Mutation::Null(slot),
                    Mutation::Drop(slot),
                ] {
                    let mut r = Json::Object(base.clone());
                    apply(&m.program, &mut r, &mu);
                    if let Err(e) = agree(m, &r) {
                        failures.push(e);
                    }
                }
            }
            if let FieldType::List(id) = f.ty {
                let which = m
                    .program
                    .fields
                    .iter()
                    .filter(|g| matches!(g.ty, FieldType::List(_)))
                    .position(|g| g.name == f.name)
                    .unwrap();
                let n_fields = m.program.lists[id].item.fields().len().max(1);
                for at in 0..3 {
                    for x in 0..n_fields {
                        for j in 0..64 {
                            for change in [
                                ItemChange::Grow(j),
                                ItemChange::Shrink(j),
                                ItemChange::OtherType(j),
                                ItemChange::Extreme(x, j),
                                ItemChange::BadString(x, j),
                                ItemChange::FieldOtherType(x, j),
                                ItemChange::FieldDrop(x),
                                ItemChange::FieldNull(x),
                                ItemChange::FieldUnknown(x + j * n_fields),
                            ] {
                                let mut r = Json::Object(base.clone());
                                apply(&m.program, &mut r, &Mutation::List(which, at, change));
                                if let Err(e) = agree(m, &r) {
                                    failures.push(e);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn unit_decoder_matches_schema(
        base in valid_record(&unit().program),
        mutations in prop::collection::vec(mutation(), 0..=3),
    ) {
        check_model(unit(), base, &mutations)?;
    }

    #[test]
    fn synthetic_decoder_matches_schema(
        base in valid_record(&synthetic().program),
        mutations in prop::collection::vec(mutation(), 0..=3),
    ) {
        check_model(synthetic(), base, &mutations)?;
    }

    #[test]
    fn family_decoder_matches_schema(
        base in valid_record(&family().program),
        mutations in prop::collection::vec(mutation(), 0..=3),
    ) {
        check_model(family(), base, &mutations)?;
    }

    #[test]
    fn citizen_decoder_matches_schema(
        base in valid_record(&citizen().program),
        mutations in prop::collection::vec(mutation(), 0..=3),
    ) {
        check_model(citizen(), base, &mutations)?;
    }

    /// Records built only from valid values are accepted by both sides.
    #[test]
    fn valid_records_are_accepted(base in valid_record(&synthetic().program)) {
        let record = Json::Object(base);
        prop_assert!(synthetic().validator.is_valid(&record), "schema rejects {record}");
        let decoded = decode_value(&synthetic().program, &record);
        if decoded.errors.iter().any(|e| e.code == "R011") {
        return Ok(());
    }
    let errors: Vec<_> = decoded.errors.iter().filter(|e| e.code != "R009").collect();
        prop_assert!(errors.is_empty(), "decoder rejects {record}: {errors:?}");
    }
}

/// The version selectors (`scope`, `province_code`, `assessment_date`) that a model does not
/// declare: the schema lists them and accepts what the decoder accepts.
#[test]
fn selector_fields_agree_with_the_decoder() {
    let mut failures = Vec::new();
    for m in [unit(), synthetic(), family(), citizen()] {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let base = valid_record(&m.program)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        for name in tieuchi_core::record::SELECTOR_FIELDS {
            if m.program.fields.iter().any(|f| f.name == name) {
                continue;
            }
            assert!(
                m.schema["properties"][name].is_object(),
                "{}: {name}",
                m.name
            );
            for v in [
                json!(null),
                json!(5),
                json!(true),
                json!("district_province"),
                json!("commune"),
                json!("01"),
                json!("2024-01-26"),
                json!("26/01/2024"),
            ] {
                let mut r = base.clone();
                r.insert(name.to_string(), v);
                if let Err(e) = agree(m, &Json::Object(r)) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
