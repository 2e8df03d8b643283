//! Turns an [`Evaluation`] into the [`Answer`]: labels, reasons, what is missing, what would
//! get the record further. Reason text is rendered only for [`Detail::Full`].

use rust_decimal::Decimal;
use tieuchi_syntax::ast::NaEffect;

use crate::answer::{
    Answer, CriterionAnswer, FloorFailed, Gain, Goal, IndicatorAnswer, NestedAnswer, Num, Reason,
};
use crate::eval::{Evaluation, IndicatorResult, Outcome, Status};
use crate::expr_eval::Env;
use crate::format::{format_number, template_reason};
use crate::program::{AwardDef, FieldType, IndicatorDef, ItemDef, OUTCOME_FIELDS, Program};
use crate::record::{Decoded, pointer};
use crate::value::{Value, cmp_num};

/// How much an answer says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
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
    let full = detail == Detail::Full;
    let env = Env::new(&decoded.values, &ev.lets);
    let mut results = ev.indicators.iter();
    let mut criteria = Vec::with_capacity(program.criteria.len());
    for (ci, (c, sub)) in program.criteria.iter().zip(&ev.criteria).enumerate() {
        let mut indicators = Vec::with_capacity(c.indicators.len());
        for def in &c.indicators {
            let Some(r) = results.next() else { break };
            indicators.push(indicator(program, def, r, &decoded.values, env, detail));
        }
        criteria.push(CriterionAnswer {
            id: c.id_json.as_str(),
            id_json: Some(&c.id_json),
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
        missing: missing(program, &decoded.values, ev),
        to_reach: to_reach(program, ev, full),
        errors: decoded.errors.iter().chain(&ev.errors).cloned().collect(),
        floors_failed: floors_failed(program, ev),
        sources: full.then_some(program.model.sources.as_slice()),
        nested: if full {
            nested(program, decoded)
        } else {
            Vec::new()
        },
    }
}

/// The answers for the items of lists scored by another model (each family of a clan).
fn nested<'p>(program: &'p Program, decoded: &Decoded) -> Vec<NestedAnswer<'p>> {
    let mut out = Vec::new();
    for (field, value) in program.fields.iter().zip(&decoded.values) {
        let (FieldType::List(id), Value::List(rows)) = (&field.ty, value) else {
            continue;
        };
        let Some(ItemDef::Model { model, .. }) = program.lists.get(*id).map(|l| &l.item) else {
            continue;
        };
        let Some(sub) = program.models.get(*model) else {
            continue;
        };
        for (i, row) in rows.iter().enumerate() {
            let path = format!("{}/{i}", pointer(&field.name));
            let inside = format!("{path}/");
            let item = Decoded {
                values: row.get(OUTCOME_FIELDS..).unwrap_or_default().to_vec(),
                errors: decoded
                    .errors
                    .iter()
                    .filter(|e| e.path.starts_with(&inside))
                    .cloned()
                    .collect(),
            };
            let mut ev = crate::eval::evaluate(sub, &item.values);
            // Its problems met while scoring are among the record's, at their full paths.
            ev.errors.clear();
            out.push(NestedAnswer {
                path,
                answer: explain(sub, &item, &ev, Detail::Full),
            });
        }
    }
    out
}

/// An input that is missing or invalid: its JSON path and how to name it to a person.
pub(crate) struct Gap {
    /// The JSON path of the input.
    pub(crate) path: String,
    label: String,
}

/// The unknown inputs an indicator reads: whole fields, or single values inside a list
/// (`/members/1/birth_date`).
pub(crate) fn unknown_inputs(program: &Program, def: &IndicatorDef, values: &[Value]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for &slot in &def.inputs {
        let Some(field) = program.fields.get(slot) else {
            continue;
        };
        let path = pointer(&field.name);
        match values.get(slot) {
            Some(Value::List(rows)) => {
                let item = match field.ty {
                    FieldType::List(id) => program.lists.get(id).map(|l| &l.item),
                    _ => None,
                };
                if let Some(ItemDef::Model { model, .. }) = item {
                    // An item scored by another model: what that model still needs.
                    let Some(sub) = program.models.get(*model) else {
                        continue;
                    };
                    for (i, row) in rows.iter().enumerate() {
                        let decided = row.iter().take(2).all(|v| !v.is_unknown());
                        let values = row.get(OUTCOME_FIELDS..).unwrap_or_default();
                        if decided {
                            continue;
                        }
                        let ev = crate::eval::evaluate(sub, values);
                        for p in missing(sub, values, &ev) {
                            let label =
                                format!("{p} (mục {} của «{}»)", i + 1, field.display_label());
                            gaps.push(Gap {
                                path: format!("{path}/{i}{p}"),
                                label,
                            });
                        }
                    }
                    continue;
                }
                let item_fields = item.map(ItemDef::fields).unwrap_or_default();
                // Required fields of the items first: an optional one left empty is often not
                // what the indicator reads; they are named only when nothing else is missing.
                let required = |j: usize| item_fields.get(j).is_none_or(|f| !f.optional);
                let any_required = rows.iter().any(|row| {
                    row.iter()
                        .enumerate()
                        .any(|(j, v)| v.is_unknown() && required(j))
                });
                for (i, row) in rows.iter().enumerate() {
                    let wanted = |(j, v): &(usize, &Value)| {
                        v.is_unknown() && (!any_required || required(*j))
                    };
                    for (j, _) in row.iter().enumerate().filter(wanted) {
                        let (name, label) = match item_fields.get(j) {
                            Some(f) => (
                                pointer(&f.name),
                                format!(
                                    "«{}» của mục {} trong «{}»",
                                    f.display_label(),
                                    i + 1,
                                    field.display_label()
                                ),
                            ),
                            None => (
                                String::new(),
                                format!("mục {} của «{}»", i + 1, field.display_label()),
                            ),
                        };
                        gaps.push(Gap {
                            path: format!("{path}/{i}{name}"),
                            label,
                        });
                    }
                }
            }
            Some(v) if !v.is_unknown() => {}
            _ => gaps.push(Gap {
                path,
                label: format!("«{}»", field.display_label()),
            }),
        }
    }
    gaps
}

fn indicator<'p>(
    program: &Program,
    def: &'p IndicatorDef,
    r: &IndicatorResult,
    values: &[Value],
    env: Env<'_>,
    detail: Detail,
) -> IndicatorAnswer<'p> {
    let full = detail == Detail::Full;
    let missing_slots = if r.outcome == Outcome::Unknown {
        unknown_inputs(program, def, values)
    } else {
        Vec::new()
    };
    let reason = full.then(|| reason(program, def, r, &missing_slots, env));
    IndicatorAnswer {
        id: def.id_json.as_str(),
        id_json: Some(&def.id_json),
        label: full.then_some(&def.label),
        points: Num(r.points.lo),
        max: Num(r.points.max),
        status: r.outcome,
        level: matches!(def.award, AwardDef::Pass(_)).then_some(r.levels.lo),
        reason,
        source: def.source.as_ref().filter(|_| full),
        provisional: def.provisional.is_some(),
        missing: missing_slots.into_iter().map(|g| g.path).collect(),
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
        return template_reason(program, t, env);
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

/// `items` ordered by `points`, most first, ties in their order: a stable sort through one
/// unstable sort of `(points, index)` pairs. For size: each `sort_by`/`sort_by_key` of its own
/// element type compiles a copy of the standard stable sort into the browser module; this
/// shares one sort between its callers (measured with `tieuchi_syntax::sort_diagnostics`, the
/// same change for diagnostics: 282,739 to 278,604 bytes gzipped).
fn by_points_desc<T>(items: Vec<T>, points: impl Fn(&T) -> Decimal) -> Vec<T> {
    let mut order: Vec<(Decimal, usize)> = items.iter().map(&points).zip(0..).collect();
    sort_points_desc(&mut order);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    sorted.extend(
        order
            .iter()
            .filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take)),
    );
    sorted
}

/// Most points first, then by index (not generic: one copy of the sort).
fn sort_points_desc(order: &mut [(Decimal, usize)]) {
    order.sort_unstable_by(|a, b| cmp_num(b.0, a.0).then(a.1.cmp(&b.1)));
}

/// Missing or invalid inputs that leave some indicator unknown, most points at stake first.
pub(crate) fn missing(program: &Program, values: &[Value], ev: &Evaluation) -> Vec<String> {
    if ev.indicators.iter().all(|r| r.outcome != Outcome::Unknown) {
        return Vec::new();
    }
    let mut stake: Vec<(String, Decimal)> = Vec::new();
    for ((_, def), r) in program.indicators().zip(&ev.indicators) {
        if r.outcome != Outcome::Unknown {
            continue;
        }
        for gap in unknown_inputs(program, def, values) {
            let at_stake = r.points.hi - r.points.lo;
            match stake.iter_mut().find(|(p, _)| *p == gap.path) {
                Some((_, w)) => *w += at_stake,
                None => stake.push((gap.path, at_stake)),
            }
        }
    }
    // Most points at stake first; ties keep the order of the input declaration.
    by_points_desc(stake, |s| s.1)
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

/// For a model decided by levels: the next level up, and the indicators that do not hold it.
fn to_next_level<'p>(program: &'p Program, ev: &Evaluation, full: bool) -> Vec<Goal<'p>> {
    let held = ev.indicators.iter().map(|r| r.levels.lo).min().unwrap_or(0);
    let Some(next) = program.decision.levels.get(held) else {
        return Vec::new();
    };
    let indicators = program
        .indicators()
        .zip(&ev.indicators)
        .filter(|(_, r)| r.levels.lo <= held)
        .map(|((_, def), _)| Gain {
            id: def.id_json.as_str(),
            id_json: Some(&def.id_json),
            label: full.then_some(&def.label),
            points: Num(Decimal::ZERO),
        })
        .collect();
    vec![Goal {
        target: &next.label,
        points_needed: Num(Decimal::ZERO),
        indicators,
    }]
}

/// For a record below recognition or below the top tier: the points needed for the next
/// step up, and the indicators that still have points to give.
pub(crate) fn to_reach<'p>(program: &'p Program, ev: &Evaluation, full: bool) -> Vec<Goal<'p>> {
    let d = &program.decision;
    let mut targets: Vec<(&str, Decimal)> = Vec::with_capacity(2);
    if ev.status != Status::Recognized {
        let tier_floor = d
            .tiers
            .iter()
            .filter(|t| t.recognized)
            .filter_map(|t| t.range.min)
            .min_by(|a, b| cmp_num(*a, *b));
        let needed = [d.pass, tier_floor]
            .into_iter()
            .flatten()
            .max_by(|a, b| cmp_num(*a, *b));
        if let Some(n) = needed {
            targets.push(("recognized", n));
        }
    }
    if !d.levels.is_empty() {
        return to_next_level(program, ev, full);
    }
    // The tier of the secured points (the record's own shows no recognised tier when a floor
    // holds it back).
    let current = d.tier_of(ev.total.lo);
    if let Some(i) = current.filter(|i| *i > 0)
        && let Some(up) = d.tiers.get(i - 1)
        && let Some(lo) = up.range.min
    {
        targets.push((&up.label, lo));
    }
    // The next tier up is often the first recognized one: say it once.
    targets.dedup_by(|later, first| cmp_num(later.1, first.1).is_eq());
    targets.retain(|(_, at)| cmp_num(*at, ev.total.lo).is_gt());
    let mut goals: Vec<Goal> = Vec::with_capacity(targets.len() + 1);
    if let Some((&(last, last_at), rest)) = targets.split_last() {
        // Sized once: growing it would reallocate.
        let mut gains: Vec<Gain> = Vec::with_capacity(ev.indicators.len());
        let mut results = ev.indicators.iter();
        for c in &program.criteria {
            for (def, r) in c.indicators.iter().zip(&mut results) {
                if r.outcome != Outcome::NotApplicable && cmp_num(r.points.max, r.points.lo).is_gt()
                {
                    gains.push(Gain {
                        id: def.id_json.as_str(),
                        id_json: Some(&def.id_json),
                        label: full.then_some(&def.label),
                        points: Num(r.points.max - r.points.lo),
                    });
                }
            }
        }
        let gains = by_points_desc(gains, |g| g.points.0);
        let needed = |at: Decimal| Num(at - ev.total.lo);
        for &(target, at) in rest {
            goals.push(Goal {
                target,
                points_needed: needed(at),
                indicators: gains.clone(),
            });
        }
        goals.push(Goal {
            target: last,
            points_needed: needed(last_at),
            indicators: gains,
        });
    }
    if ev.status != Status::Recognized {
        goals.extend(below_floor(program, ev, full));
    }
    goals
}

/// Indicators below their minimum (`floor`): recognition needs each of them raised.
fn below_floor<'p>(program: &'p Program, ev: &Evaluation, full: bool) -> Option<Goal<'p>> {
    let indicators: Vec<Gain> = program
        .indicators()
        .zip(&ev.indicators)
        .filter(|(_, r)| r.outcome != Outcome::NotApplicable)
        .filter_map(|((_, def), r)| {
            let floor = def.floor?;
            cmp_num(r.points.lo, floor).is_lt().then(|| Gain {
                id: def.id_json.as_str(),
                id_json: Some(&def.id_json),
                label: full.then_some(&def.label),
                points: Num(floor - r.points.lo),
            })
        })
        .collect();
    (!indicators.is_empty()).then_some(Goal {
        target: "floor",
        points_needed: Num(Decimal::ZERO),
        indicators,
    })
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
                id: c.id_json.as_str(),
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
                id: def.id_json.as_str(),
                points: Num(r.points.lo),
                floor: Num(floor),
            })
        });
    criteria.chain(indicators).collect()
}
