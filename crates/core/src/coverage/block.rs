//! Writing a suggested test: a block that starts `from` an existing test, changes one value,
//! and expects what the rules give now. It is a draft: the author checks each expectation
//! against the official text before pasting ([`DRAFT_NOTE`]).

use rust_decimal::Decimal;
use serde_json::Value as Json;
use tieuchi_syntax::{Lang, Message};

use super::search::{At, Found, Names, Target, changed_record};
use super::sites::EdgeKind;
use super::{Observed, Place, shown};
use crate::program::{AwardDef, FieldDef, FieldType, ItemDef, Program, VariantDef};
use crate::status::Outcome;
use crate::value::Value;

/// The note to print once above the blocks suggested, as comment lines.
pub const DRAFT_NOTE: &str = "  # Kết quả mong đợi của các bài kiểm thử gợi ý là kết quả của bộ quy tắc hiện tại: hãy đối chiếu\n  # với văn bản trước khi dán (the expectations of the suggested tests are what the rules give\n  # now: check them against the document before pasting).\n";

/// A test block that reaches something no test of the file reaches.
#[derive(Debug, Clone)]
pub struct Suggestion {
    /// What it reaches.
    pub covers: Message,
    /// The block, indented to paste inside the model, after its last test.
    pub text: String,
}

/// The test block for a record found.
pub(super) fn block(
    program: &Program,
    target: Target<'_, '_>,
    found: &Found,
    names: &mut Names,
) -> Suggestion {
    let base = program
        .tests
        .get(found.base)
        .map_or("", |t| t.name.as_str());
    let (covers, stem, item) = describe(program, target);
    let (line, short) = changed_line(program, found);
    let mut name = format!("{stem} ({short})").replace(['"', '\\'], "'");
    let first = name.clone();
    let mut n = 2;
    while !names.insert(name.clone()) {
        name = format!("{first} ({n})");
        n += 1;
    }
    let mut text = format!("  # {}\n", covers.show(Lang::Both));
    text.push_str(&format!("  test \"{name}\" from \"{base}\" {{\n"));
    text.push_str(&format!("    input {{\n      {line}\n    }}\n"));
    for e in expectations(program, &found.observed, item) {
        text.push_str(&format!("    expect {e}\n"));
    }
    text.push_str("  }\n");
    Suggestion { covers, text }
}

/// The `input` line of a block (`field: value`, or a whole list with one item changed) and
/// a short form for the test's name (`members[2].birth_date: 2018-01-01`).
fn changed_line(program: &Program, found: &Found) -> (String, String) {
    let name = |slot: usize| program.fields.get(slot).map_or("", |f| f.name.as_str());
    match found.at {
        At::Field(slot) => {
            let value = literal(program, found.at, &found.value);
            (
                format!("{}: {value}", name(slot)),
                format!("{}: {value}", name(slot)),
            )
        }
        At::Item { list, index, field } => {
            let value = literal(program, found.at, &found.value);
            let def = program.fields.get(list);
            let item_field = def
                .and_then(|d| item_of(program, &d.ty))
                .and_then(|i| i.fields().get(field))
                .map(|f| format!(".{}", f.name))
                .unwrap_or_default();
            let short = format!("{}[{}]{item_field}: {value}", name(list), index + 1);
            // The whole list, as the test's record has it, with the one value changed.
            let record = changed_record(program, found.base, found.at, &found.value);
            let list_json = record
                .and_then(|r| r.get(name(list)).cloned())
                .unwrap_or(Json::Null);
            let ty = def.map_or(&FieldType::Text, |d| &d.ty);
            let text = json_literal(program, ty, &list_json, Layout::Lines("      "));
            (format!("{}: {text}", name(list)), short)
        }
    }
}

/// What a target is: in words, the stem of a test's name, and the indicator or criterion it
/// is about as (id, position among all indicators, or `None` for a criterion).
fn describe(
    program: &Program,
    target: Target<'_, '_>,
) -> (Message, String, Option<(String, Option<usize>)>) {
    match target {
        Target::Outcome(flat, o) => {
            let item = program
                .indicators()
                .nth(flat)
                .map(|(_, ind)| (ind.id.clone(), Some(flat)));
            let id = item.as_ref().map_or("", |i| i.0.as_str()).to_string();
            let m = Message::new(
                format!("{id}: {}", o.label_vi()),
                format!("{id}: {}", o.label_en()),
            );
            let stem = m.vi.clone();
            (m, stem, item)
        }
        Target::Edge(site, edge) => {
            let threshold = shown(program, site, &site.threshold);
            let value = site.value_on(edge).map(|v| shown(program, site, &v));
            let at = edge.words();
            let place = site.place.words();
            let stem = format!("Ngưỡng {}: {} {threshold}", place.vi, at.vi);
            let m = match value.filter(|_| matches!(edge, EdgeKind::Below | EdgeKind::Above)) {
                Some(v) => Message::new(
                    format!("{stem}, tức {v}"),
                    format!("Threshold {}: {} {threshold}, that is {v}", place.en, at.en),
                ),
                None => Message::new(
                    stem.clone(),
                    format!("Threshold {}: {} {threshold}", place.en, at.en),
                ),
            };
            let item = match &site.place {
                Place::Indicator(id) | Place::IndicatorFloor(id) => program
                    .indicators()
                    .position(|(_, i)| &i.id == id)
                    .map(|flat| (id.clone(), Some(flat))),
                Place::CriterionFloor(id) => Some((id.clone(), None)),
                _ => None,
            };
            (m, stem, item)
        }
        Target::Decision(i) => {
            let label = program.decision.label(i).unwrap_or_default();
            let m = if program.decision.levels.is_empty() {
                Message::new(format!("Xếp loại {label}"), format!("Tier {label}"))
            } else {
                Message::new(format!("Đạt {label}"), format!("Level {label}"))
            };
            let stem = m.vi.clone();
            (m, stem, None)
        }
    }
}

/// The expectations of a block: the points and outcome of the indicator or criterion it is
/// about, then the total, the tier or level and the status, as the rules give them now.
fn expectations(
    program: &Program,
    r: &Observed,
    item: Option<(String, Option<usize>)>,
) -> Vec<String> {
    let mut out = Vec::new();
    let number = |d: Decimal| d.normalize().to_string();
    match item {
        Some((id, Some(flat))) => {
            if let Some(res) = r.ev.indicators.get(flat) {
                let levels = program
                    .indicators()
                    .nth(flat)
                    .is_some_and(|(_, i)| matches!(i.award, AwardDef::Pass(_)));
                if !levels && res.outcome != Outcome::Unknown {
                    out.push(format!("{id} {}", number(res.points.lo)));
                }
                out.push(format!("{id} {}", res.outcome.code()));
            }
        }
        Some((id, None)) => {
            let at = program.criteria.iter().position(|c| c.id == id);
            if let Some(p) = at.and_then(|c| r.ev.criteria.get(c))
                && p.lo == p.hi
            {
                out.push(format!("{id} {}", number(p.lo)));
            }
        }
        None => {}
    }
    let d = &program.decision;
    if d.levels.is_empty() && r.ev.total.lo == r.ev.total.hi {
        out.push(format!("total {}", number(r.ev.total.lo)));
    }
    if !d.tiers.is_empty() || !d.levels.is_empty() {
        match r.ev.tier.and_then(|t| d.label(t)) {
            Some(label) => out.push(format!("tier \"{label}\"")),
            None => out.push("tier none".to_string()),
        }
    }
    out.push(format!("status {}", r.ev.status.code()));
    out
}

/// A value as written in a test's `input` block.
fn literal(program: &Program, at: At, v: &Value) -> String {
    match v {
        Value::Unknown => "missing".to_string(),
        Value::Text(t) => quote(t),
        _ => literal_text(program, at, v),
    }
}

/// A value as plain text: a number with a decimal point, an enumeration value by its name, a
/// date as `YYYY-MM-DD`.
pub(super) fn literal_text(program: &Program, at: At, v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Num(n) => n.normalize().to_string(),
        Value::Text(t) => t.clone(),
        Value::Date(d) => format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
        Value::Enum(i) => enum_at(program, at)
            .and_then(|e| e.get(*i as usize))
            .map_or_else(|| i.to_string(), |v| v.name.clone()),
        Value::Unknown | Value::List(_) | Value::Picked(..) => String::new(),
    }
}

/// The values of the enumeration at a place, when it holds one.
fn enum_at(program: &Program, at: At) -> Option<&[VariantDef]> {
    let ty = match at {
        At::Field(slot) => &program.fields.get(slot)?.ty,
        At::Item { list, field, .. } => match item_of(program, &program.fields.get(list)?.ty)? {
            ItemDef::Scalar(ty) => ty,
            item => &item.fields().get(field)?.ty,
        },
    };
    match ty {
        FieldType::Enum(e) => program.enums.get(*e).map(|e| e.variants.as_slice()),
        _ => None,
    }
}

/// What a list type holds.
pub(super) fn item_of<'p>(program: &'p Program, ty: &FieldType) -> Option<&'p ItemDef> {
    match ty {
        FieldType::List(l) => program.lists.get(*l).map(|l| &l.item),
        _ => None,
    }
}

/// How a list is laid out: one item a line (at the top, indented so) or on one line (inside
/// an item).
#[derive(Clone, Copy)]
enum Layout {
    Lines(&'static str),
    Inline,
}

/// A value of a test record (JSON) as written in a test, typed by its field: enumeration
/// values and dates bare, text quoted, lists and items in brackets and braces.
fn json_literal(program: &Program, ty: &FieldType, j: &Json, layout: Layout) -> String {
    match (ty, j) {
        (_, Json::Array(items)) => {
            let item = item_of(program, ty);
            let each = |x: &Json| match item {
                Some(ItemDef::Scalar(t)) => json_literal(program, t, x, Layout::Inline),
                Some(def) => item_literal(program, def.fields(), x),
                None => json_literal(program, &FieldType::Text, x, Layout::Inline),
            };
            let records = !matches!(item, Some(ItemDef::Scalar(_)));
            match layout {
                Layout::Lines(indent) if records && !items.is_empty() => {
                    let lines: String = items
                        .iter()
                        .map(|x| format!("{indent}  {}\n", each(x)))
                        .collect();
                    format!("[\n{lines}{indent}]")
                }
                _ => format!(
                    "[{}]",
                    items.iter().map(each).collect::<Vec<_>>().join(", ")
                ),
            }
        }
        (_, Json::Object(_)) => item_literal(program, &[], j),
        (FieldType::Enum(_) | FieldType::Date, Json::String(s)) => s.clone(),
        (_, Json::String(s)) => quote(s),
        (_, Json::Bool(b)) => b.to_string(),
        (_, Json::Number(n)) => n.to_string(),
        (_, Json::Null) => "missing".to_string(),
    }
}

/// An item of a list of records: `{ name: value … }`.
fn item_literal(program: &Program, fields: &[FieldDef], j: &Json) -> String {
    let Json::Object(map) = j else {
        return json_literal(program, &FieldType::Text, j, Layout::Inline);
    };
    let parts: Vec<String> = map
        .iter()
        .map(|(k, v)| {
            let ty = fields
                .iter()
                .find(|f| &f.name == k)
                .map_or(&FieldType::Text, |f| &f.ty);
            format!("{k}: {}", json_literal(program, ty, v, Layout::Inline))
        })
        .collect();
    format!("{{ {} }}", parts.join(" "))
}

/// Text as a quoted string of the rule language.
fn quote(t: &str) -> String {
    format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The enumeration value at `i` of the enumeration a threshold compares.
pub(super) fn variant<'p>(
    program: &'p Program,
    s: &super::sites::Site<'_>,
    i: u32,
) -> Option<&'p VariantDef> {
    program
        .enums
        .get(s.enumeration?)
        .and_then(|e| e.variants.get(i as usize))
}
