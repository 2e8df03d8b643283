//! The search for a record that reaches what no test reaches: the record of an existing
//! test with one value changed (an input field, or a field of one item of a list), trying
//! values near the test's own first.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde_json::{Number, Value as Json};

use super::block::{Suggestion, block, item_of, literal_text};
use super::sites::{EdgeKind, Site, Subject};
use super::{Observed, outcome, possible};
use crate::eval::broken;
use crate::expression::Env;
use crate::program::{FieldDef, FieldType, ItemDef, Program};
use crate::record::decode_str;
use crate::status::Outcome;
use crate::value::Value;

/// Most records scored in the search for one block: the search stops there and suggests
/// nothing for that target (a long search costs seconds on a large file).
const BUDGET: usize = 1500;
/// Most records scored in all the searches for one file, so that a file with thousands of
/// thresholds no test reaches is still answered in seconds: the rest get no block.
const TOTAL_BUDGET: usize = 60_000;
/// Most tests whose record a search starts from, the nearest first.
const BASES: usize = 3;
/// Most values tried for one field: that many on each side of the test's own value (steps
/// of 1 for whole numbers, 0,01 for decimals, a year for dates).
const SPREAD: i64 = 1000;
/// Most items of a list whose fields are changed, from the first (a citizen's ten scores).
const ITEMS: usize = 12;
/// Most blocks suggested for one file.
const MOST: usize = 100;

/// Something a test can reach.
#[derive(Clone, Copy)]
pub(super) enum Target<'s, 'p> {
    /// An outcome of the indicator at this position among all indicators.
    Outcome(usize, Outcome),
    /// An edge of a threshold.
    Edge(&'s Site<'p>, EdgeKind),
    /// The tier or level at this position.
    Decision(usize),
}

impl Target<'_, '_> {
    fn reached(&self, r: &Observed) -> bool {
        match self {
            Target::Outcome(flat, o) => outcome(r, *flat) == Some(*o),
            Target::Edge(site, edge) => r.reaches(site, *edge),
            Target::Decision(i) => r.ev.tier == Some(*i),
        }
    }

    /// How far a record is from reaching it (smaller is nearer), to choose where to start.
    fn distance(&self, program: &Program, r: &Observed) -> Decimal {
        let far = Decimal::MAX;
        let gap = |v: &Value, t: &Value| match (v, t) {
            (Value::Num(a), Value::Num(b)) => (*a - *b).abs(),
            (Value::Enum(a), Value::Enum(b)) => Decimal::from(a.abs_diff(*b)),
            _ => far,
        };
        match self {
            Target::Outcome(..) => Decimal::ZERO,
            Target::Edge(site, _) => r
                .values_of(site.subject)
                .iter()
                .map(|v| gap(v, &site.threshold))
                .min()
                .unwrap_or(far),
            Target::Decision(i) => {
                let d = &program.decision;
                match (d.levels.is_empty(), d.tiers.get(*i), r.ev.tier) {
                    (true, Some(t), _) => {
                        let total = r.ev.total.lo;
                        let below = t.range.min.map_or(Decimal::ZERO, |m| m - total);
                        let above = t.range.max.map_or(Decimal::ZERO, |m| total - m);
                        below.max(above).max(Decimal::ZERO)
                    }
                    (false, _, Some(at)) => Decimal::from(at.abs_diff(*i)),
                    _ => far,
                }
            }
        }
    }
}

/// Test blocks for the targets no record of `runs` reaches, in the order of the report.
pub(crate) fn suggest(
    program: &Program,
    sites: &[Site<'_>],
    runs: &[(usize, Observed)],
) -> Vec<Suggestion> {
    // Thresholds and decisions first, a missing answer last: the blocks that matter most
    // come before the limit.
    let mut targets = Vec::new();
    for s in sites {
        targets.extend(s.edges.iter().map(|e| Target::Edge(s, *e)));
    }
    targets.extend((0..program.decision.labels().count()).map(Target::Decision));
    for unknown in [false, true] {
        for (flat, (_, ind)) in program.indicators().enumerate() {
            let outcomes = possible(program, ind).into_iter();
            let outcomes = outcomes.filter(|o| (*o == Outcome::Unknown) == unknown);
            targets.extend(outcomes.map(|o| Target::Outcome(flat, o)));
        }
    }
    let mut names: Names = program.tests.iter().map(|t| t.name.clone()).collect();
    // The thresholds and their neighbours are tried first for every number: a value on an
    // edge is often one of them (a score of 5 on a floor of 5 points).
    let mut hints: Vec<Decimal> = sites
        .iter()
        .flat_map(|s| {
            let edges = s.edges.iter().filter_map(|e| s.value_on(*e));
            std::iter::once(s.threshold.clone()).chain(edges)
        })
        .filter_map(|v| match v {
            Value::Num(n) => Some(n),
            _ => None,
        })
        .collect();
    hints.sort_unstable();
    hints.dedup();
    // Records of the blocks suggested so far: what they reach needs no other block. They are
    // not started from, since a block names a test of the file as where it starts.
    let mut suggested: Vec<Observed> = Vec::new();
    let mut out = Vec::new();
    let mut left = TOTAL_BUDGET;
    for target in targets {
        if out.len() >= MOST || left == 0 {
            break;
        }
        let reached = |r: &Observed| target.reached(r);
        if runs.iter().map(|r| &r.1).chain(&suggested).any(reached) {
            continue;
        }
        if let Some(found) = search(program, target, runs, &hints, &mut left) {
            out.push(block(program, target, &found, &mut names));
            suggested.push(found.observed);
        }
    }
    out
}

/// Where a record is changed: an input field, or a field of one item of a list of records
/// (`field` 0 for a list of plain values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    /// The input field at this slot.
    Field(usize),
    /// A field of an item.
    Item {
        /// The list's slot.
        list: usize,
        /// The item's position.
        index: usize,
        /// The field's slot in the item.
        field: usize,
    },
}

/// A record that reaches a target: a test's record with one value changed.
pub(super) struct Found {
    /// The test started from, by position.
    pub base: usize,
    /// Where the record is changed.
    pub at: At,
    /// The new value.
    pub value: Value,
    pub observed: Observed,
}

fn search(
    program: &Program,
    target: Target<'_, '_>,
    runs: &[(usize, Observed)],
    hints: &[Decimal],
    left: &mut usize,
) -> Option<Found> {
    let mut bases: Vec<&(usize, Observed)> = runs.iter().collect();
    bases.sort_by_key(|(_, r)| target.distance(program, r));
    let mut budget = BUDGET;
    let slots = fields(program, target);
    for (base, r) in bases.into_iter().take(BASES) {
        let tries: Vec<(At, Vec<Value>)> = places(program, &slots, &r.values)
            .into_iter()
            .map(|(at, def, own)| (at, candidates(program, target, (at, def, own), hints)))
            .collect();
        let longest = tries.iter().map(|t| t.1.len()).max().unwrap_or(0);
        // The nearest values of every place first.
        for rank in 0..longest {
            for (at, values) in &tries {
                let Some(value) = values.get(rank) else {
                    continue;
                };
                budget = budget.checked_sub(1)?;
                *left = left.checked_sub(1)?;
                let observed = Observed::new(program, changed(&r.values, *at, value));
                let env = Env::new(&observed.values, &observed.ev.lets);
                let rejected =
                    !observed.ev.errors.is_empty() || broken(program, env).next().is_some();
                if !rejected && target.reached(&observed) && accepted(program, *base, *at, value) {
                    return Some(Found {
                        base: *base,
                        at: *at,
                        value: value.clone(),
                        observed,
                    });
                }
            }
        }
    }
    None
}

/// The places a search may change, for the input fields at `slots`: each field itself, or
/// for a list of records (or of plain values) each field of its first items; with the
/// field's definition (`None` for a plain value) and its value in the record.
fn places<'v, 'p>(
    program: &'p Program,
    slots: &[usize],
    values: &'v [Value],
) -> Vec<(At, Spot<'p>, Option<&'v Value>)> {
    let mut out = Vec::new();
    for &slot in slots {
        let Some(def) = program.fields.get(slot) else {
            continue;
        };
        let own = values.get(slot);
        let Some(item) = item_of(program, &def.ty) else {
            out.push((At::Field(slot), Spot::Field(def), own));
            continue;
        };
        let Some(Value::List(rows)) = own else {
            continue;
        };
        for (index, row) in rows.iter().enumerate().take(ITEMS) {
            match item {
                ItemDef::Record(fields) => {
                    for (field, def) in fields.iter().enumerate() {
                        let at = At::Item {
                            list: slot,
                            index,
                            field,
                        };
                        out.push((at, Spot::Field(def), row.get(field)));
                    }
                }
                ItemDef::Scalar(ty) => {
                    let at = At::Item {
                        list: slot,
                        index,
                        field: 0,
                    };
                    out.push((at, Spot::Plain(ty), row.first()));
                }
                // An item scored by another model keeps its outcome from when it was read:
                // changing one of its fields here would not change it.
                ItemDef::Model { .. } => {}
            }
        }
    }
    out
}

/// What is at a place: a field with its definition, or a plain value of a list.
#[derive(Clone, Copy)]
pub(super) enum Spot<'p> {
    Field(&'p FieldDef),
    Plain(&'p FieldType),
}

impl<'p> Spot<'p> {
    fn ty(self) -> &'p FieldType {
        match self {
            Spot::Field(f) => &f.ty,
            Spot::Plain(t) => t,
        }
    }
}

/// `values` with the value at `at` replaced.
fn changed(values: &[Value], at: At, value: &Value) -> Vec<Value> {
    let mut out = values.to_vec();
    let slot = match at {
        At::Field(slot) => out.get_mut(slot),
        At::Item { list, index, field } => match out.get_mut(list) {
            Some(Value::List(rows)) => rows.get_mut(index).and_then(|r| r.get_mut(field)),
            _ => None,
        },
    };
    if let Some(v) = slot {
        *v = value.clone();
    }
    out
}

/// True when the record of the test at `base`, changed as a test block writes it, is read
/// without a problem, as the test runner will read it.
fn accepted(program: &Program, base: usize, at: At, value: &Value) -> bool {
    match changed_record(program, base, at, value) {
        Some(record) => {
            let text = serde_json::to_string(&record).unwrap_or_default();
            decode_str(program, &text).errors.is_empty()
        }
        None => false,
    }
}

/// The record of the test at `base` as JSON with the value at `at` set to `value` (left out
/// for an unknown value); `None` when the record has no such place.
pub(super) fn changed_record(
    program: &Program,
    base: usize,
    at: At,
    value: &Value,
) -> Option<Json> {
    let mut record = Json::Object(program.tests.get(base)?.record.clone());
    let json = match value {
        Value::Unknown => None,
        Value::Bool(b) => Some(Json::Bool(*b)),
        Value::Num(n) => {
            let text = n.normalize().to_string();
            let int = text.parse::<i64>().ok().map(Json::from);
            let dec = || {
                text.parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64)
                    .map(Json::Number)
            };
            int.or_else(dec)
        }
        Value::Text(t) => Some(Json::String(t.clone())),
        other => Some(Json::String(literal_text(program, at, other))),
    };
    set_json(program, &mut record, at, json).then_some(record)
}

/// Sets (or with `None` removes) the value at `at` of a record as JSON; false when the record
/// has no such place.
fn set_json(program: &Program, record: &mut Json, at: At, json: Option<Json>) -> bool {
    let name = |slot: usize| program.fields.get(slot).map(|f| f.name.as_str());
    let (holder, key) = match at {
        At::Field(slot) => (Some(&mut *record), name(slot)),
        At::Item { list, index, field } => {
            let item = name(list)
                .and_then(|n| record.get_mut(n))
                .and_then(|l| l.get_mut(index));
            let item_field = program
                .fields
                .get(list)
                .and_then(|f| item_of(program, &f.ty))
                .and_then(|i| i.fields().get(field))
                .map(|f| f.name.as_str());
            match (item, item_field) {
                // A plain value is the item itself.
                (Some(item), None) => {
                    match json {
                        Some(j) => *item = j,
                        None => return false,
                    }
                    return true;
                }
                (item, key) => (item, key),
            }
        }
    };
    let (Some(Json::Object(map)), Some(key)) = (holder, key) else {
        return false;
    };
    match json {
        Some(j) => map.insert(key.to_string(), j),
        None => map.remove(key),
    };
    true
}

/// The input fields whose change may reach the target, by slot.
fn fields(program: &Program, target: Target<'_, '_>) -> Vec<usize> {
    let of_indicators = |pick: &dyn Fn(usize, usize) -> bool| {
        let mut slots: Vec<usize> = program
            .indicators()
            .enumerate()
            .filter(|(flat, (c, _))| pick(*flat, *c))
            .flat_map(|(_, (_, ind))| ind.inputs.iter().copied())
            .collect();
        slots.sort_unstable();
        slots.dedup();
        slots
    };
    match target {
        Target::Outcome(flat, _) => of_indicators(&|f, _| f == flat),
        Target::Edge(site, _) => match site.subject {
            Subject::Expr(_) => site.fields.clone(),
            Subject::Indicator(i) => of_indicators(&|f, _| f == i),
            Subject::Criterion(c) => of_indicators(&|_, x| x == c),
            Subject::Total => of_indicators(&|_, _| true),
        },
        Target::Decision(_) => of_indicators(&|_, _| true),
    }
}

/// The values to try at a place: for a number its bounds and the `hints`, then the values
/// nearest to the record's own.
fn candidates(
    program: &Program,
    target: Target<'_, '_>,
    (at, place, own): (At, Spot<'_>, Option<&Value>),
    hints: &[Decimal],
) -> Vec<Value> {
    if let Target::Outcome(_, Outcome::Unknown) = target {
        let optional = matches!(place, Spot::Field(f) if f.optional);
        return if optional {
            vec![Value::Unknown]
        } else {
            Vec::new()
        };
    }
    // A threshold on the input field itself: the edge's value, nothing else.
    if let (Target::Edge(site, edge), At::Field(slot)) = (target, at)
        && site.field == Some(slot)
    {
        return match edge {
            EdgeKind::Other => [EdgeKind::Below, EdgeKind::Above]
                .iter()
                .filter_map(|e| site.value_on(*e))
                .collect(),
            _ => site.value_on(edge).into_iter().collect(),
        };
    }
    let nearest = |own: i64, lo: i64, hi: i64| {
        let mut out = Vec::new();
        for k in 1..=SPREAD {
            out.extend(
                [own - k, own + k]
                    .into_iter()
                    .filter(|v| (lo..=hi).contains(v)),
            );
        }
        out
    };
    match (place.ty(), own) {
        (FieldType::Bool, Some(Value::Bool(b))) => vec![Value::Bool(!b)],
        (FieldType::Bool, _) => vec![Value::Bool(true), Value::Bool(false)],
        (FieldType::Enum(e), own) => {
            let own = match own {
                Some(Value::Enum(i)) => i64::from(*i),
                _ => -1,
            };
            let count = program.enums.get(*e).map_or(0, |e| e.variants.len());
            let last = i64::try_from(count).unwrap_or(0) - 1;
            nearest(own, 0, last)
                .into_iter()
                .filter_map(|i| u32::try_from(i).ok().map(Value::Enum))
                .collect()
        }
        (FieldType::Date, Some(Value::Date(d))) => nearest(0, -SPREAD, SPREAD)
            .into_iter()
            .filter_map(|years| {
                let year = d.year().checked_add(i32::try_from(years).ok()?)?;
                d.replace_year(year)
                    .or_else(|_| d.replace_day(28).and_then(|d| d.replace_year(year)))
                    .ok()
                    .map(Value::Date)
            })
            .take(100)
            .collect(),
        (FieldType::Int(b) | FieldType::Decimal(b), own) => {
            let step = match place.ty() {
                FieldType::Int(_) => Decimal::ONE,
                _ => Decimal::new(1, 2),
            };
            let own = match own {
                Some(Value::Num(n)) => *n,
                _ => b.min.unwrap_or(Decimal::ZERO),
            };
            let whole = |n: &Decimal| step != Decimal::ONE || n.fract().is_zero();
            let hinted = hints.iter().copied().filter(whole);
            let mut out: Vec<Value> = b
                .min
                .into_iter()
                .chain(b.max)
                .chain(hinted)
                .map(Value::Num)
                .collect();
            for k in 1..=SPREAD {
                let d = step * Decimal::from(k);
                for v in [own.checked_sub(d), own.checked_add(d)]
                    .into_iter()
                    .flatten()
                {
                    out.push(Value::Num(v));
                }
            }
            out.retain(|v| matches!(v, Value::Num(n) if b.contains(*n) && *n != own));
            out
        }
        _ => Vec::new(),
    }
}

/// Which names are already test names: a block's name is made unique among them.
pub(super) type Names = HashSet<String>;
