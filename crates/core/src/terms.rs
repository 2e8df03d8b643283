//! A change of `to_reach` said in the record's own terms: the one input to change, and to
//! what, for an indicator to get the points it needs ("«Số thành viên có kế hoạch tự học
//! được phê duyệt» thêm 12 (từ 88 lên 100)").
//!
//! Each yes/no, choice or whole-number field the indicator reads is tried in turn, the others
//! kept as they are: a yes/no flipped, each other choice in declared order, a number raised
//! (else lowered) by the least amount that gives enough points, found by doubling steps and
//! then halving them (points assumed to grow with the number in that direction; the value
//! found is checked; a way that lowers the points is left at once). A change is kept only when
//! the record's `require` constraints still hold. Decimal and list inputs are not tried. The
//! tries of an answer are bounded (see `reach`): a batch of full answers stays fast.

use rust_decimal::Decimal;

use crate::eval::points_with;
use crate::program::{FieldType, IndicatorDef, Program};
use crate::value::Value;
use crate::wording::format_number;

/// The most doublings of a step: numbers up to 2^40 away are tried.
const MAX_DOUBLINGS: u32 = 40;

/// How `def` could get points that are `enough` by changing one input of `record`, in
/// Vietnamese; `None` when no single change of a tried field does it. Raising a number (or
/// setting a yes/no or a choice) is preferred to lowering one: every field is tried that way
/// first. `record` is restored before returning.
#[inline(never)]
pub(crate) fn change_in_terms(
    program: &Program,
    def: &IndicatorDef,
    record: &mut [Value],
    now: Decimal,
    enough: &mut dyn FnMut(Decimal) -> bool,
    tries: &mut Tries,
) -> Option<String> {
    let mut probe = |record: &mut [Value], slot: usize, value: Value| {
        let at = tries.indicator;
        let known = tries
            .done
            .iter()
            .find(|(i, s, v, _)| *i == at && *s == slot && *v == value)
            .map(|(_, _, _, p)| *p);
        let points = match known {
            Some(p) => p,
            None => {
                // Each try scores the indicator again: an answer spends at most its budget.
                let Some(left) = tries.left.checked_sub(1) else {
                    return Probe::Over;
                };
                tries.left = left;
                match record.get_mut(slot) {
                    Some(v) => *v = value.clone(),
                    None => return Probe::Over,
                }
                let p = points_with(program, def, record);
                tries.done.push((at, slot, value, p));
                p
            }
        };
        match points {
            None => Probe::Over,
            Some(p) if enough(p) => Probe::Enough,
            // Fewer points than now: this way goes down, not up.
            Some(p) if p < now => Probe::Over,
            Some(_) => Probe::Short,
        }
    };
    for raise in [true, false] {
        for &slot in &def.inputs {
            let current = record.get(slot)?.clone();
            let found = change_of(program, record, slot, &current, raise, &mut probe);
            if let Some(slot_value) = record.get_mut(slot) {
                *slot_value = current;
            }
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// The change of the field in `slot` (now `current`) that gives enough points, raised or
/// lowered for a number (a yes/no or a choice only when `raise`).
#[inline(never)]
fn change_of(
    program: &Program,
    record: &mut [Value],
    slot: usize,
    current: &Value,
    raise: bool,
    probe: &mut dyn FnMut(&mut [Value], usize, Value) -> Probe,
) -> Option<String> {
    let field = program.fields.get(slot)?;
    let label = field.display_label();
    match (&field.ty, current) {
        (FieldType::Bool, Value::Bool(b)) if raise => {
            let said = if *b { "không" } else { "có" };
            (probe(record, slot, Value::Bool(!b)) == Probe::Enough)
                .then(|| format!("«{label}»: {said}"))
        }
        (FieldType::Enum(id), Value::Enum(now)) if raise => {
            let variants = program.enums.get(*id).map_or(&[][..], |e| &e.variants);
            (0u32..)
                .zip(variants)
                .filter(|(i, _)| i != now)
                .find(|(i, _)| probe(record, slot, Value::Enum(*i)) == Probe::Enough)
                .map(|(_, v)| format!("«{label}»: {}", v.label.as_deref().unwrap_or(&v.name)))
        }
        (FieldType::Int(bounds), Value::Num(now)) => {
            let mut try_value = |record: &mut [Value], v: Decimal| {
                if bounds.contains(v) {
                    probe(record, slot, Value::Num(v))
                } else {
                    Probe::Over
                }
            };
            let v = least_step(record, *now, raise, &mut try_value)?;
            let by = format_number(v.checked_sub(*now).unwrap_or_default().abs());
            let (verb, to) = if raise {
                ("thêm", "lên")
            } else {
                ("bớt", "xuống")
            };
            Some(format!(
                "«{label}» {verb} {by} (từ {} {to} {})",
                format_number(*now),
                format_number(v)
            ))
        }
        _ => None,
    }
}

/// The tries of changed records left to an answer, and what each gave (the same values come
/// back for each set of changes an indicator is in).
pub(crate) struct Tries {
    /// Tries left.
    pub(crate) left: usize,
    /// The indicator being said (its position in the program).
    pub(crate) indicator: usize,
    /// (indicator, slot, value tried, the indicator's points then).
    pub(crate) done: Vec<(usize, usize, Value, Option<Decimal>)>,
}

/// What a tried value gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Probe {
    /// Enough points, the record's constraints holding.
    Enough,
    /// Not full points yet.
    Short,
    /// Past what the record allows (a constraint fails, or out of the field's bounds).
    Over,
}

/// The whole number nearest `now` in one direction that gives enough points: steps doubled
/// until one is not short, then halved down to the first that is not short, which must give
/// enough. In `i64` (whole numbers): `Decimal` arithmetic here made the browser module 12 KB
/// larger.
#[inline(never)]
fn least_step(
    record: &mut [Value],
    now: Decimal,
    up: bool,
    try_value: &mut dyn FnMut(&mut [Value], Decimal) -> Probe,
) -> Option<Decimal> {
    let now = i64::try_from(now).ok()?;
    let at = |step: i64| {
        if up {
            now.checked_add(step)
        } else {
            now.checked_sub(step)
        }
    };
    let mut try_step = |record: &mut [Value], step: i64| match at(step) {
        Some(v) => try_value(record, Decimal::from(v)),
        None => Probe::Over,
    };
    let (mut short, mut step) = (0i64, 1i64);
    let mut doublings = 0;
    while try_step(record, step) == Probe::Short {
        doublings += 1;
        if doublings > MAX_DOUBLINGS {
            return None;
        }
        short = step;
        step = step.checked_mul(2)?;
    }
    // `short` gives too little, `step` does not: halve the gap.
    while step - short > 1 {
        let mid = short + (step - short) / 2;
        if try_step(record, mid) == Probe::Short {
            short = mid;
        } else {
            step = mid;
        }
    }
    let enough = try_step(record, step) == Probe::Enough;
    at(step).filter(|_| enough).map(Decimal::from)
}
