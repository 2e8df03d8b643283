//! The input declaration as a JSON Schema (draft 2020-12) for form builders. A property test
//! keeps it exact: the record decoder accepts exactly what this schema accepts, apart from
//! the `require` constraints, which JSON Schema cannot express.

use rust_decimal::Decimal;
use serde_json::{Map, Value as Json, json};

use crate::program::{Bounds, FieldDef, FieldType, ItemDef, Program};
use crate::record::{DECIMAL_LIMIT, INT_LIMIT, SELECTOR_FIELDS};

/// The JSON Schema of a program's input records.
pub fn input_schema(program: &Program) -> Json {
    let m = &program.model;
    let mut description = m
        .sources
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if !program.constraints.is_empty() {
        description.push_str(". Ràng buộc giữa các trường được kiểm tra khi chấm điểm.");
    }
    let mut schema = object_schema(program, &program.fields);
    if let Some(Json::Object(properties)) = schema.get_mut("properties") {
        for name in SELECTOR_FIELDS {
            if !program.fields.iter().any(|f| f.name == name) {
                properties.insert(name.into(), selector_schema(program, name));
            }
        }
    }
    if let Json::Object(o) = &mut schema {
        o.insert(
            "$schema".into(),
            Json::from("https://json-schema.org/draft/2020-12/schema"),
        );
        o.insert("title".into(), Json::from(m.title.as_str()));
        o.insert("description".into(), Json::from(description));
    }
    schema
}

/// A version selector the input does not declare (`scope`, `province_code`,
/// `assessment_date`): optional text that must agree with the model's header, marked
/// `"x-tieuchi-selector": true` so that forms leave it out (the page chooses the rules).
fn selector_schema(program: &Program, name: &str) -> Json {
    let m = &program.model;
    let only = match name {
        "scope" => m.scope.clone(),
        "province_code" if m.jurisdiction != "national" => Some(m.jurisdiction.clone()),
        _ => None,
    };
    let mut s = Map::new();
    s.insert("x-tieuchi-selector".into(), Json::Bool(true));
    match only {
        Some(value) => {
            s.insert("enum".into(), json!([value, null]));
        }
        None => {
            s.insert("type".into(), json!(["string", "null"]));
        }
    }
    if name == "assessment_date" {
        s.insert("format".into(), Json::from("date"));
        s.insert("pattern".into(), Json::from("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    }
    Json::Object(s)
}

/// An object with exactly these fields (the record, or an item of a list).
fn object_schema(program: &Program, fields: &[FieldDef]) -> Json {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        properties.insert(f.name.clone(), field_schema(program, f));
        if !f.optional {
            required.push(Json::String(f.name.clone()));
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn number(d: Decimal) -> Json {
    let d = d.normalize();
    if d.fract().is_zero()
        && let Ok(i) = i64::try_from(d)
    {
        return Json::from(i);
    }
    d.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Json::Null, Json::Number)
}

fn bounded(ty: &str, b: &Bounds, limit: i64, out: &mut Map<String, Json>) {
    out.insert("type".into(), Json::from(ty));
    let limit = Decimal::from(limit);
    let min = b.min.map_or(-limit, |m| m.max(-limit));
    out.insert("minimum".into(), number(min));
    match b.max {
        Some(hi) if b.max_exclusive && hi <= limit => {
            out.insert("exclusiveMaximum".into(), number(hi));
        }
        Some(hi) => {
            out.insert("maximum".into(), number(hi.min(limit)));
        }
        None => {
            out.insert("maximum".into(), number(limit));
        }
    }
}

fn field_schema(program: &Program, f: &FieldDef) -> Json {
    let mut s = Map::new();
    if let Some(l) = &f.label {
        s.insert("title".into(), Json::from(l.as_str()));
    }
    if let Some(e) = &f.english {
        s.insert("description".into(), Json::from(e.as_str()));
    }
    type_schema(program, &f.ty, &mut s);
    if f.optional {
        return json!({ "anyOf": [Json::Object(s), { "type": "null" }] });
    }
    Json::Object(s)
}

/// Adds the keywords of a type to a schema object.
fn type_schema(program: &Program, ty: &FieldType, s: &mut Map<String, Json>) {
    match ty {
        FieldType::Bool => {
            s.insert("type".into(), Json::from("boolean"));
        }
        FieldType::Int(b) => bounded("integer", b, INT_LIMIT, s),
        FieldType::Decimal(b) => bounded("number", b, DECIMAL_LIMIT, s),
        FieldType::Text => {
            s.insert("type".into(), Json::from("string"));
        }
        FieldType::Date => {
            s.insert("type".into(), Json::from("string"));
            s.insert("format".into(), Json::from("date"));
            s.insert("pattern".into(), Json::from("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
        }
        FieldType::Enum(id) => {
            let variants = program
                .enums
                .get(*id)
                .map(|e| e.variants.as_slice())
                .unwrap_or_default();
            let one_of: Vec<Json> = variants
                .iter()
                .map(|v| match &v.label {
                    Some(l) => json!({ "const": v.name, "title": l }),
                    None => json!({ "const": v.name }),
                })
                .collect();
            s.insert("oneOf".into(), Json::Array(one_of));
        }
        FieldType::List(id) => {
            let Some(list) = program.lists.get(*id) else {
                return;
            };
            s.insert("type".into(), Json::from("array"));
            let items = match &list.item {
                ItemDef::Record(fields) => object_schema(program, fields),
                ItemDef::Model { model, .. } => match program.models.get(*model) {
                    Some(sub) => object_schema(sub, &sub.fields),
                    None => Json::Bool(false),
                },
                ItemDef::Scalar(t) => {
                    let mut item = Map::new();
                    type_schema(program, t, &mut item);
                    Json::Object(item)
                }
            };
            s.insert("items".into(), items);
            if let Some(min) = list.size.min.filter(|m| *m > Decimal::ZERO) {
                s.insert("minItems".into(), number(min));
            }
            if let Some(max) = list.size.max {
                let max = if list.size.max_exclusive {
                    max - Decimal::ONE
                } else {
                    max
                };
                s.insert("maxItems".into(), number(max));
            }
        }
    }
}
