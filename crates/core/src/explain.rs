//! Turns an [`Evaluation`] into the [`Answer`]: labels, reasons, what is missing, what would
//! get the record further. Reason text is rendered only for [`Detail::Full`].

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;
use tieuchi_syntax::ast::NaEffect;

use crate::answer::{Answer, CriterionAnswer, FloorFailed, IndicatorAnswer, NestedAnswer, Num};
use crate::eval::{Evaluation, IndicatorResult, Outcome};
use crate::expression::{Env, Read, rows as rows_of};
use crate::order::by_points_desc;
use crate::program::{
    AwardDef, FieldDef, FieldType, IndicatorDef, ItemDef, OUTCOME_FIELDS, Program,
};
use crate::record::{Decoded, RecordError, pointer};
use crate::rule_text::Reason;
use crate::value::{Value, cmp_num};
use crate::wording::{format_number, format_template};

/// How much an answer says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Points and outcomes, without `missing` and `to_reach` (for the rows of a table: CSV
    /// and Excel answers show neither).
    Scores,
    /// Points and outcomes only (fast, for batch runs).
    Summary,
    /// Everything, reasons included.
    Full,
}

/// Builds the answer for a decoded and evaluated record.
pub fn explain<'p>(
    program: &'p Program,
    decoded: &Decoded,
    ev: &Evaluation,
    detail: Detail,
) -> Answer<'p> {
    let errors = decoded.errors.iter().chain(&ev.errors).cloned().collect();
    let errors = (errors, decoded.errors.len());
    let values = &decoded.values;
    answer(
        program,
        values,
        ev,
        errors,
        Nested::of(decoded),
        detail,
        true,
    )
}

/// The evaluations of the items scored by another model (made while decoding), and the JSON
/// path of the record being answered for: empty for the record itself, `/families/0` for a
/// family of a clan.
#[derive(Clone, Copy)]
struct Nested<'a> {
    evaluations: &'a HashMap<String, Evaluation>,
    at: &'a str,
}

impl<'a> Nested<'a> {
    /// The record's own.
    fn of(decoded: &'a Decoded) -> Self {
        Nested {
            evaluations: &decoded.nested,
            at: "",
        }
    }

    /// The same evaluations, for the item at `at`.
    fn inside(self, at: &'a str) -> Self {
        Nested { at, ..self }
    }

    /// The evaluation of the item at `path` (relative to this record) by `sub`: the one made
    /// while decoding, else made now (for values not read by the decoder).
    fn evaluation(self, sub: &Program, path: &str, values: &[Value]) -> Cow<'a, Evaluation> {
        let found = (!self.evaluations.is_empty())
            .then(|| self.evaluations.get(&format!("{}{path}", self.at)))
            .flatten();
        match found {
            Some(ev) => Cow::Borrowed(ev),
            None => {
                let mut ev = crate::eval::evaluate(sub, values);
                // Its problems are among the record's, at their full paths.
                ev.errors.clear();
                Cow::Owned(ev)
            }
        }
    }
}

/// [`explain`] for the record with `values` (the record itself or an item scored by another
/// model) and its `errors`, the first `read` of them found while decoding (only those are
/// handed on to the items' answers, as the items' own); `in_terms`: say `to_reach`'s changes in the record's terms (full
/// answers). The answers nested in another (a clan's families) leave them out: no output
/// shows them, and they are the dearest part of an answer.
fn answer<'p>(
    program: &'p Program,
    values: &[Value],
    ev: &Evaluation,
    (errors, read): (Vec<RecordError>, usize),
    nested: Nested<'_>,
    detail: Detail,
    in_terms: bool,
) -> Answer<'p> {
    let full = detail == Detail::Full;
    let env = Env::new(values, &ev.lets);
    let unknown =
        detail != Detail::Scores && ev.indicators.iter().any(|r| r.outcome == Outcome::Unknown);
    let rows = unknown.then(|| Rows::new(program, values, &ev.lets, nested));
    let mut results = ev.indicators.iter();
    let mut criteria = Vec::with_capacity(program.criteria.len());
    let mut stakes = Vec::new();
    for (ci, (c, sub)) in program.criteria.iter().zip(&ev.criteria).enumerate() {
        let mut indicators = Vec::with_capacity(c.indicators.len());
        for def in &c.indicators {
            let Some(r) = results.next() else { break };
            let gaps = match &rows {
                Some(rows) if r.outcome == Outcome::Unknown => {
                    unknown_inputs(program, def, values, &ev.lets, rows)
                }
                _ => Vec::new(),
            };
            let answer = indicator(program, def, r, env, &gaps, detail);
            if !gaps.is_empty() {
                stakes.push((gaps, r.points.hi.saturating_sub(r.points.lo)));
            }
            indicators.push(answer);
        }
        criteria.push(CriterionAnswer {
            id: &c.id,
            label: full.then_some(&c.label),
            points: Num(sub.lo),
            max: Num(sub.max),
            status: ev
                .criteria_outcomes
                .get(ci)
                .copied()
                .unwrap_or(Outcome::Unknown),
            source: c.source.as_ref().filter(|_| full),
            provisional: c.provisional.is_some(),
            indicators,
        });
    }
    let tier = ev.tier.and_then(|t| program.decision.label(t));
    let by_levels = !program.decision.levels.is_empty();
    Answer {
        model: &program.model.id,
        version: &program.model.version,
        title: full.then_some(&program.model.title),
        status: ev.status,
        tier,
        level: ev.tier.filter(|_| by_levels).map(|i| i + 1),
        total: Num(ev.total.lo),
        max: Num(ev.total.max),
        total_possible: cmp_num(ev.total.hi, ev.total.lo)
            .is_ne()
            .then_some(Num(ev.total.hi)),
        rescaled: ev.rescaled,
        criteria,
        missing: by_stake(stakes),
        to_reach: if detail == Detail::Scores {
            Vec::new()
        } else {
            crate::reach::to_reach(program, values, ev, full, full && in_terms)
        },
        floors_failed: floors_failed(program, ev),
        sources: full.then_some(program.model.sources.as_slice()),
        nested: if full {
            let decoding = errors.get(..read).unwrap_or_default();
            nested_answers(program, values, decoding, nested)
        } else {
            Vec::new()
        },
        errors,
    }
}

/// The answers for the items of lists scored by another model (each family of a clan), from
/// the evaluations made while decoding; `errors` are the record's found while decoding, each
/// item's own given to its answer.
fn nested_answers<'p>(
    program: &'p Program,
    values: &[Value],
    errors: &[RecordError],
    nested: Nested<'_>,
) -> Vec<NestedAnswer<'p>> {
    let mut out = Vec::new();
    for (field, value) in program.fields.iter().zip(values) {
        let (FieldType::List(id), Value::List(rows)) = (&field.ty, value) else {
            continue;
        };
        let Some(ItemDef::Model { model, .. }) = program.lists.get(*id).map(|l| &l.item) else {
            continue;
        };
        let Some(sub) = program.models.get(*model) else {
            continue;
        };
        let list = format!("{}{}/", nested.at, pointer(&field.name));
        // Each item's errors, in one pass over the record's (`/families/2/…` to item 2).
        let mut own: HashMap<&str, Vec<RecordError>> = HashMap::new();
        for e in errors {
            let index = e
                .path
                .strip_prefix(&list)
                .and_then(|rest| rest.split_once('/'));
            if let Some((i, _)) = index {
                own.entry(i).or_default().push(e.clone());
            }
        }
        for (i, row) in rows.iter().enumerate() {
            let path = format!("{}/{i}", pointer(&field.name));
            let inner = row.get(OUTCOME_FIELDS..).unwrap_or_default();
            let full_path = format!("{}{path}", nested.at);
            let ev = nested.evaluation(sub, &path, inner);
            let errors = own.remove(i.to_string().as_str()).unwrap_or_default();
            let read = errors.len();
            let inside = nested.inside(&full_path);
            let answer = answer(sub, inner, &ev, (errors, read), inside, Detail::Full, false);
            out.push(NestedAnswer { path, answer });
        }
    }
    out
}

/// An input that is missing or invalid: its JSON path and how to name it to a person.
struct Gap {
    /// The JSON path of the input.
    path: String,
    label: String,
}

/// Where each item of the record's lists is (by the address of its row), to name the values
/// an evaluation read by their JSON paths. Built once per answer, only when some indicator is
/// unknown.
struct Rows<'a> {
    at: HashMap<*const Value, RowAt<'a>>,
    nested: Nested<'a>,
}

/// One list item: its path, position, list and what the list holds.
#[derive(Clone)]
struct RowAt<'a> {
    path: String,
    index: usize,
    list: &'a FieldDef,
    item: &'a ItemDef,
    values: &'a [Value],
}

impl<'a> Rows<'a> {
    /// The items of every list of the record `values`, lists inside items included, and of
    /// the `let`s holding lists (`members where …`): their rows are copies, each mapped to the
    /// record's item it was copied from.
    fn new(
        program: &'a Program,
        values: &'a [Value],
        lets: &'a [Value],
        nested: Nested<'a>,
    ) -> Self {
        let mut rows = Rows {
            at: HashMap::new(),
            nested,
        };
        rows.add(program, &program.fields, values, "");
        for (l, value) in program.lets.iter().zip(lets) {
            let Value::List(copies) = value else {
                continue;
            };
            // The same items, in the same order, as when the `let` was computed (`lets`
            // before this one hold their final values), borrowed where they came from.
            let Some(from) = rows_of(&l.expr, Env::new(values, lets)) else {
                continue;
            };
            for (copy, original) in copies.iter().zip(from) {
                if let Some(at) = rows.at.get(&original.as_ptr()) {
                    let at = at.clone();
                    rows.at.insert(copy.as_ptr(), at);
                }
            }
        }
        rows
    }

    fn add(&mut self, program: &'a Program, fields: &'a [FieldDef], values: &'a [Value], at: &str) {
        for (field, value) in fields.iter().zip(values) {
            let (FieldType::List(id), Value::List(items)) = (&field.ty, value) else {
                continue;
            };
            let Some(item) = program.lists.get(*id).map(|l| &l.item) else {
                continue;
            };
            // An item without values can have none read (and shares its address).
            let filled = items.iter().enumerate().filter(|(_, row)| !row.is_empty());
            for (index, row) in filled {
                let path = format!("{at}{}/{index}", pointer(&field.name));
                if let ItemDef::Record(inner) = item {
                    self.add(program, inner, row, &path);
                }
                self.at.insert(
                    row.as_ptr(),
                    RowAt {
                        path,
                        index,
                        list: field,
                        item,
                        values: row,
                    },
                );
            }
        }
    }
}

/// The unknown inputs an unknown indicator depends on: whole fields, single values inside a
/// list (`/members/1/grade`), or what an item scored by another model still needs. Only what
/// the result depends on: a question that does not apply to a member is not named.
fn unknown_inputs(
    program: &Program,
    def: &IndicatorDef,
    values: &[Value],
    lets: &[Value],
    rows: &Rows<'_>,
) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = Vec::new();
    for read in crate::eval::unknown_reads(program, def, values, lets) {
        match read {
            Read::Field(slot) => {
                if let Some(field) = program.fields.get(slot) {
                    gaps.push(Gap {
                        path: pointer(&field.name),
                        label: format!("«{}»", field.display_label()),
                    });
                }
            }
            Read::Cell { row, slot } => {
                let Some(at) = rows.at.get(&row) else {
                    continue;
                };
                let n = at.index + 1;
                let list = at.list.display_label();
                match at.item {
                    ItemDef::Model { model, .. } if slot < OUTCOME_FIELDS => {
                        // An item scored by another model: what that model still needs.
                        let Some(sub) = program.models.get(*model) else {
                            continue;
                        };
                        let inner = at.values.get(OUTCOME_FIELDS..).unwrap_or_default();
                        let ev = rows.nested.evaluation(sub, &at.path, inner);
                        let full_path = format!("{}{}", rows.nested.at, at.path);
                        let inside = rows.nested.inside(&full_path);
                        for p in missing(sub, inner, &ev, inside) {
                            gaps.push(Gap {
                                label: format!("{p} (mục {n} của «{list}»)"),
                                path: format!("{}{p}", at.path),
                            });
                        }
                    }
                    ItemDef::Scalar(_) => gaps.push(Gap {
                        path: at.path.clone(),
                        label: format!("mục {n} của «{list}»"),
                    }),
                    item => {
                        if let Some(f) = item.fields().get(slot) {
                            gaps.push(Gap {
                                path: format!("{}{}", at.path, pointer(&f.name)),
                                label: format!(
                                    "«{}» của mục {n} trong «{list}»",
                                    f.display_label()
                                ),
                            });
                        }
                    }
                }
            }
            Read::Let(_) => {}
        }
    }
    let mut seen = std::collections::HashSet::new();
    gaps.retain(|g| seen.insert(g.path.clone()));
    gaps
}

fn indicator<'p>(
    program: &Program,
    def: &'p IndicatorDef,
    r: &IndicatorResult,
    env: Env<'_>,
    gaps: &[Gap],
    detail: Detail,
) -> IndicatorAnswer<'p> {
    let full = detail == Detail::Full;
    let reason = full.then(|| reason(program, def, r, gaps, env));
    IndicatorAnswer {
        id: &def.id,
        label: full.then_some(&def.label),
        points: Num(r.points.lo),
        max: Num(r.points.max),
        status: r.outcome,
        deduct_max: def.deduction.then_some(Num(def.max)),
        level: matches!(def.award, AwardDef::Pass(_)).then_some(r.levels.lo),
        reason,
        source: def.source.as_ref().filter(|_| full),
        provisional: def.provisional.is_some(),
        missing: gaps.iter().map(|g| g.path.clone()).collect(),
    }
}

fn reason<'p>(
    program: &Program,
    def: &'p IndicatorDef,
    r: &IndicatorResult,
    missing: &[Gap],
    env: Env<'_>,
) -> Reason<'p> {
    let rs = &def.reasons;
    let template = match r.outcome {
        Outcome::Met => rs.met.as_ref().or(rs.any.as_ref()),
        Outcome::Partial => rs.partial.as_ref().or(rs.any.as_ref()),
        Outcome::Unmet => rs.unmet.as_ref().or(rs.any.as_ref()),
        Outcome::NotApplicable => rs.not_applicable.as_ref(),
        Outcome::Unknown => None,
    };
    if let Some(t) = template {
        return format_template(program, t, env);
    }
    Reason::from(default_reason(program, def, r, missing))
}

/// The built-in reason of an indicator without a template for its outcome.
fn default_reason(
    program: &Program,
    def: &IndicatorDef,
    r: &IndicatorResult,
    missing: &[Gap],
) -> String {
    let pts = format_number(r.points.lo);
    let max = format_number(def.max);
    let by_levels = matches!(def.award, AwardDef::Pass(_));
    if def.deduction {
        let taken = format_number(-r.points.lo);
        match r.outcome {
            Outcome::Met => return "Không bị trừ điểm".to_string(),
            Outcome::Partial | Outcome::Unmet => {
                return format!("Bị trừ {taken} điểm (tối đa {max} điểm)");
            }
            Outcome::NotApplicable => return "Không áp dụng: không bị trừ điểm".to_string(),
            Outcome::Unknown => {}
        }
    }
    match r.outcome {
        Outcome::Met if by_levels => {
            match program.decision.levels.get(r.levels.lo.saturating_sub(1)) {
                Some(l) if program.decision.levels.len() > 1 => {
                    format!("Đạt yêu cầu của {}", l.label)
                }
                _ => "Đạt yêu cầu".to_string(),
            }
        }
        Outcome::Unmet if by_levels => "Chưa đạt yêu cầu".to_string(),
        Outcome::Met => format!("Đạt đủ {max}/{max} điểm"),
        Outcome::Partial => format!("Đạt {pts}/{max} điểm"),
        Outcome::Unmet => format!("Chưa đạt (0/{max} điểm)"),
        Outcome::NotApplicable => match def.not_applicable.as_ref().map(|(_, e)| *e) {
            Some(NaEffect::Excluded) => "Không áp dụng: không tính vào tổng điểm".to_string(),
            _ => format!("Không áp dụng: được tính đủ {max} điểm"),
        },
        Outcome::Unknown => {
            let names: Vec<&str> = missing.iter().map(|g| g.label.as_str()).collect();
            if names.is_empty() {
                "Chưa tính được điểm: giá trị không xác định (ví dụ chia cho 0)".to_string()
            } else {
                format!("Chưa đủ thông tin để chấm: thiếu {}", names.join(", "))
            }
        }
    }
}

/// [`missing`] of a record's own values (the items scored by another model evaluated again),
/// for the questions a form asks (the `questions` module).
pub(crate) fn missing_paths(program: &Program, values: &[Value], ev: &Evaluation) -> Vec<String> {
    let none = HashMap::new();
    let nested = Nested {
        evaluations: &none,
        at: "",
    };
    missing(program, values, ev, nested)
}

/// Missing or invalid inputs that leave some indicator unknown, most points at stake first.
fn missing(
    program: &Program,
    values: &[Value],
    ev: &Evaluation,
    nested: Nested<'_>,
) -> Vec<String> {
    if ev.indicators.iter().all(|r| r.outcome != Outcome::Unknown) {
        return Vec::new();
    }
    let rows = Rows::new(program, values, &ev.lets, nested);
    let stakes = program
        .indicators()
        .zip(&ev.indicators)
        .filter(|(_, r)| r.outcome == Outcome::Unknown)
        .map(|((_, def), r)| {
            let gaps = unknown_inputs(program, def, values, &ev.lets, &rows);
            (gaps, r.points.hi.saturating_sub(r.points.lo))
        })
        .collect();
    by_stake(stakes)
}

/// The inputs of unknown indicators (with the points each indicator has at stake), once
/// each, most points at stake first; ties keep the order of the input declaration.
fn by_stake(unknown: Vec<(Vec<Gap>, Decimal)>) -> Vec<String> {
    let mut stake: Vec<(String, Decimal)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (gaps, at_stake) in unknown {
        for gap in gaps {
            match index.get(&gap.path).and_then(|&i| stake.get_mut(i)) {
                Some((_, w)) => *w = w.saturating_add(at_stake),
                None => {
                    index.insert(gap.path.clone(), stake.len());
                    stake.push((gap.path, at_stake));
                }
            }
        }
    }
    by_points_desc(stake, |s| s.1)
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

/// The criteria and indicators surely below their floor: even their most possible points
/// (`hi`) fall short, so recognition is withheld whatever the total. Criteria first, then
/// indicators, in program order; a not-applicable indicator has no floor.
pub(crate) fn floors_failed<'p>(program: &'p Program, ev: &Evaluation) -> Vec<FloorFailed<'p>> {
    let below = |hi: Decimal, floor: Decimal| cmp_num(hi, floor).is_lt();
    let criteria = program
        .criteria
        .iter()
        .zip(&ev.criteria)
        .filter_map(|(c, p)| {
            let floor = c.floor?;
            below(p.hi, floor).then_some(FloorFailed {
                id: &c.id,
                points: Num(p.lo),
                floor: Num(floor),
            })
        });
    let indicators = program
        .indicators()
        .zip(&ev.indicators)
        .filter(|(_, r)| r.outcome != Outcome::NotApplicable)
        .filter_map(|((_, def), r)| {
            let floor = def.floor?;
            below(r.points.hi, floor).then_some(FloorFailed {
                id: &def.id,
                points: Num(r.points.lo),
                floor: Num(floor),
            })
        });
    criteria.chain(indicators).collect()
}
