//! The questions a form asks: for each input of a record, each value of each list item
//! included, whether the rules require it and whether its answer can still change the result
//! given the other answers (a 44-year-old is not asked about school conduct, an 8-year-old not
//! about literacy). From the rules themselves: what the explanation's `missing` says of an
//! unanswered input, asked of every answered one too.

use std::collections::HashSet;

use serde::Serialize;

use crate::eval::evaluate;
use crate::explain::missing_paths;
use crate::program::{FieldDef, FieldType, ItemDef, OUTCOME_FIELDS, Program};
use crate::record::{Decoded, pointer};
use crate::value::Value;

mod reads;

/// One input of a record, as a form asks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Its JSON pointer: `/assessment_year`, `/members` (the list), `/members/2/birth_date`.
    pub path: String,
    /// The rules require it: a record without it is rejected (an item's, when the item is
    /// there).
    pub required: bool,
    /// Its answer can change some indicator's outcome or points, given the other answers
    /// (for a list: whether items are added or removed).
    pub matters: bool,
    /// It has a valid answer.
    pub answered: bool,
    /// Some rule reads it, so it can change the result in some record (`matters` says whether
    /// it can in this one); an input no rule reads only describes the record (a name).
    pub read: bool,
}

/// At most this many answered inputs are checked by scoring the record without each; past
/// that, an answered input counts as mattering (a form keeps showing it), so that one call
/// costs at most this many scorings of the record, whatever its size.
pub const CHECKS: usize = 400;

/// The questions of a decoded record, in the order the inputs are declared (each list's
/// items in order, each item's inputs in their order). An unanswered input matters when an
/// unknown indicator depends on it (it is in the answer's `missing`); an answered one when
/// the record without its answer would have it there.
pub fn questions(program: &Program, decoded: &Decoded) -> Vec<Question> {
    let mut out = Vec::new();
    let mut budget = CHECKS;
    level(program, &decoded.values, "", &mut out, &mut budget);
    out
}

/// The questions of one record (`at` is its path: empty, or an item scored by another model).
fn level(
    program: &Program,
    values: &[Value],
    at: &str,
    out: &mut Vec<Question>,
    budget: &mut usize,
) {
    let ev = evaluate(program, values);
    let unanswered: HashSet<String> = missing_paths(program, values, &ev).into_iter().collect();
    let one = Level {
        program,
        values,
        at,
        unanswered,
        read: reads::read_paths(program),
    };
    one.inputs(&program.fields, values, "", &[], out, budget);
}

/// One record's inputs, and those of them an unknown indicator depends on now.
struct Level<'a> {
    program: &'a Program,
    values: &'a [Value],
    at: &'a str,
    unanswered: HashSet<String>,
    /// What the rules read, with `*` for list items.
    read: HashSet<String>,
}

impl Level<'_> {
    /// The questions of `fields` holding `row` (the record's, or a list item's at `prefix`,
    /// reached by the steps `place`), lists' items included.
    fn inputs(
        &self,
        fields: &[FieldDef],
        row: &[Value],
        prefix: &str,
        place: &[usize],
        out: &mut Vec<Question>,
        budget: &mut usize,
    ) {
        for (slot, field) in fields.iter().enumerate() {
            let path = format!("{prefix}{}", pointer(&field.name));
            let value = row.get(slot);
            let here = [place, &[slot]].concat();
            out.push(self.ask(&path, !field.optional, value, &here, budget));
            let (FieldType::List(id), Some(Value::List(items))) = (&field.ty, value) else {
                continue;
            };
            let Some(item) = self.program.lists.get(*id).map(|l| &l.item) else {
                continue;
            };
            for (i, item_row) in items.iter().enumerate() {
                let item_path = format!("{path}/{i}");
                let inside = [&here[..], &[i]].concat();
                match item {
                    ItemDef::Scalar(_) => {
                        let at = [&inside[..], &[0]].concat();
                        out.push(self.ask(&item_path, true, item_row.first(), &at, budget));
                    }
                    ItemDef::Record(inner) => {
                        self.inputs(inner, item_row, &item_path, &inside, out, budget);
                    }
                    // An item scored by another model: its own questions, by its rules.
                    ItemDef::Model { model, .. } => {
                        if let Some(sub) = self.program.models.get(*model) {
                            let inner = item_row.get(OUTCOME_FIELDS..).unwrap_or_default();
                            level(sub, inner, &format!("{}{item_path}", self.at), out, budget);
                        }
                    }
                }
            }
        }
    }

    /// The question of the input at `path` (relative to this record), whose value is reached
    /// by the steps `place` (slot, then item and slot within it, and so on).
    fn ask(
        &self,
        path: &str,
        required: bool,
        value: Option<&Value>,
        place: &[usize],
        budget: &mut usize,
    ) -> Question {
        let answered = value.is_some_and(|v| !v.is_unknown());
        let matters = if !answered {
            self.unanswered.contains(path)
        } else if *budget == 0 {
            true
        } else {
            *budget -= 1;
            let mut without = self.values.to_vec();
            if let Some(v) = value_at(&mut without, place) {
                *v = Value::Unknown;
            }
            let ev = evaluate(self.program, &without);
            missing_paths(self.program, &without, &ev)
                .iter()
                .any(|p| p == path)
        };
        let pattern = path
            .split('/')
            .map(|seg| {
                if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                    "*"
                } else {
                    seg
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        Question {
            path: format!("{}{path}", self.at),
            required,
            matters,
            answered,
            read: matters || self.read.contains(&pattern),
        }
    }
}

/// The value reached by the steps `place`: a slot of the record, then an item of the list
/// there and a slot of that item, and so on.
fn value_at<'v>(values: &'v mut [Value], place: &[usize]) -> Option<&'v mut Value> {
    let (&slot, rest) = place.split_first()?;
    let value = values.get_mut(slot)?;
    match rest.split_first() {
        None => Some(value),
        Some((&item, deeper)) => match value {
            Value::List(rows) => value_at(rows.get_mut(item)?, deeper),
            _ => None,
        },
    }
}
