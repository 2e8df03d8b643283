//! The summary answer written straight from an evaluation, for batch runs: the same bytes as
//! the [`Answer`](crate::Answer) that `explain(…, Detail::Summary)` builds, written by
//! [`Answer::write_fields`](crate::Answer::write_fields), without building it (a test compares
//! the two for every rule file and example).

use super::{JsonOut, citation, head, tail, write_floors_failed};
use crate::answer::Num;
use crate::eval::{Evaluation, Outcome};
use crate::explain::{Nested, Rows, by_stake, floors_failed, unknown_inputs};
use crate::program::{AwardDef, Program};
use crate::reach::to_reach;
use crate::record::Decoded;
use crate::value::cmp_num;

/// Writes the fields of the summary answer of a decoded and evaluated record (without the
/// braces, as [`Answer::write_fields`](crate::Answer::write_fields) does).
pub fn write_summary_fields(
    w: &mut JsonOut<'_>,
    program: &Program,
    decoded: &Decoded,
    ev: &Evaluation,
) {
    w.comma();
    w.out.push_str("\"model\":");
    w.str(&program.model.id);
    key!(w, "version");
    w.str(&program.model.version);
    w.status(ev.status.code());
    key!(w, "tier");
    match ev.tier.and_then(|t| program.decision.label(t)) {
        Some(t) => w.str(t),
        None => w.null(),
    }
    if let Some(i) = ev.tier.filter(|_| !program.decision.levels.is_empty()) {
        key!(w, "level");
        w.uint(i as u64 + 1);
    }
    key!(w, "total");
    w.num(Num(ev.total.lo));
    key!(w, "max");
    w.num(Num(ev.total.max));
    if cmp_num(ev.total.hi, ev.total.lo).is_ne() {
        key!(w, "total_possible");
        w.num(Num(ev.total.hi));
    }
    if ev.rescaled {
        key!(w, "rescaled");
        w.bool(true);
    }
    key!(w, "criteria");
    w.out.push('[');
    let mut results = ev.indicators.iter();
    // Built at the first unknown indicator.
    let mut rows: Option<Rows<'_>> = None;
    let mut stakes = Vec::new();
    for (ci, (c, sub)) in program.criteria.iter().zip(&ev.criteria).enumerate() {
        if ci > 0 {
            w.out.push(',');
        }
        let status = ev.criteria_outcomes.get(ci).copied();
        let status = status.unwrap_or(Outcome::Unknown).code();
        let id = (c.id_json.as_str(), Some(&c.id_json));
        head(w, id, None, Num(sub.lo), Num(sub.max), status);
        citation(w, None, c.provisional.is_some());
        key!(w, "indicators");
        w.out.push('[');
        for (ii, def) in c.indicators.iter().enumerate() {
            let Some(r) = results.next() else { break };
            if ii > 0 {
                w.out.push(',');
            }
            let id = (def.id_json.as_str(), Some(&def.id_json));
            let status = r.outcome.code();
            head(w, id, None, Num(r.points.lo), Num(r.points.max), status);
            if def.deduction {
                key!(w, "deduct_max");
                w.num(Num(def.max));
            }
            if matches!(def.award, AwardDef::Pass(_)) {
                key!(w, "level");
                w.uint(r.levels.lo as u64);
            }
            citation(w, None, def.provisional.is_some());
            if r.outcome == Outcome::Unknown {
                let rows = rows.get_or_insert_with(|| {
                    Rows::new(program, &decoded.values, &ev.lets, Nested::of(decoded))
                });
                let gaps = unknown_inputs(program, def, &decoded.values, &ev.lets, rows);
                if !gaps.is_empty() {
                    key!(w, "missing");
                    let paths: Vec<&str> = gaps.iter().map(|g| g.path.as_str()).collect();
                    w.array(&paths, |w, p| w.str(p));
                    stakes.push((gaps, r.points.hi.saturating_sub(r.points.lo)));
                }
            }
            w.end_object();
        }
        w.out.push(']');
        w.end_object();
    }
    w.out.push(']');
    w.first = false;
    let missing = by_stake(stakes);
    let goals = to_reach(program, &decoded.values, ev, false, false);
    tail(w, &missing, &goals, &decoded.errors);
    write_floors_failed(w, &floors_failed(program, ev));
}
