//! The evaluator: scores one decoded record. The one code path behind every answer; the
//! explanation is built from what it records.
//!
//! Rounding rule: each indicator's points are rounded to the model's `rounding` decimal
//! places (default 2), half away from zero unless it names another mode; a proportional award
//! whose share is a quotient is rounded once from the exact product (see `quotient`).
//! Criterion subtotals and the total are exact sums of those rounded points. When indicators
//! are excluded as not applicable, the total is rescaled to the model maximum (total × max ÷
//! applicable maximum) and rounded the same way.

use rust_decimal::{Decimal, RoundingStrategy};
use tieuchi_syntax::ast::NaEffect;

use crate::expression::{Env, Read, Watch, eval, eval_owned};
use crate::program::{
    AwardDef, CExpr, ConstraintDef, DecisionDef, IndicatorDef, LetDef, Program, Rounding,
    RoundingMode,
};
use crate::record_error::RecordError;
pub use crate::status::{Outcome, Status, vocabulary};
use crate::value::{Val, Value, clamp_num, cmp_num, div_num, round_half_away};

mod quotient;

/// Points of an item as a range: `lo` is secured, `hi` is the most still possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Points {
    /// Points secured.
    pub lo: Decimal,
    /// Most points still possible (equal to `lo` when nothing is unknown).
    pub hi: Decimal,
    /// Maximum counted for this item (0 for an excluded indicator).
    pub max: Decimal,
}

/// The scored indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorResult {
    /// Outcome.
    pub outcome: Outcome,
    /// Points.
    pub points: Points,
    /// True when excluded from the maximum (not applicable, `counts as excluded`).
    pub excluded: bool,
    /// Levels held, for models decided by levels: `lo` surely, `hi` at most.
    pub levels: LevelRange,
}

/// How many levels (from level 1) an indicator or a record holds: `lo` for sure, `hi` at most
/// (they differ when inputs are missing). Both 0 in a points model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LevelRange {
    /// Levels surely held.
    pub lo: usize,
    /// Most levels possibly held.
    pub hi: usize,
}

/// A scored record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Values of the `let`s, in order.
    pub lets: Vec<Value>,
    /// One result per indicator, in program order.
    pub indicators: Vec<IndicatorResult>,
    /// One subtotal per criterion.
    pub criteria: Vec<Points>,
    /// One outcome per criterion, from its indicators' outcomes.
    pub criteria_outcomes: Vec<Outcome>,
    /// Total (rescaled when indicators were excluded), with the model maximum as `max`.
    pub total: Points,
    /// True when the total was rescaled because of excluded indicators.
    pub rescaled: bool,
    /// Decision.
    pub status: Status,
    /// Tier index, when the tier is decided (a recognised tier only for a recognised record).
    pub tier: Option<usize>,
    /// Problems of the record met while scoring it: a divisor of 0 (R012). The values they
    /// affect are unknown.
    pub errors: Vec<RecordError>,
}

/// Rounds points to `places` decimals, half away from zero (the default rule).
#[inline]
pub fn round_points(p: Decimal, places: u32) -> Decimal {
    round_half_away(p, places)
}

/// Rounds points by a `rounding` rule.
#[inline]
pub fn round_by(p: Decimal, rounding: Rounding) -> Decimal {
    let strategy = match rounding.mode {
        // The quick path gives rust_decimal's MidpointAwayFromZero result (tested in value.rs).
        RoundingMode::HalfUp => return round_half_away(p, rounding.places),
        RoundingMode::Down => RoundingStrategy::ToZero,
        RoundingMode::Up => RoundingStrategy::AwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
    };
    p.round_dp_with_strategy(rounding.places, strategy)
}

/// Scores a record (slot values as decoded; invalid or missing inputs are `Unknown`).
#[inline]
pub fn evaluate(program: &Program, record: &[Value]) -> Evaluation {
    evaluate_in(program, record, None)
}

/// [`evaluate`], gathering what `watch` asks for on the way.
pub(crate) fn evaluate_in(
    program: &Program,
    record: &[Value],
    watch: Option<&Watch>,
) -> Evaluation {
    let faults = std::cell::RefCell::new(Vec::new());
    let lets = lets_in(program, record, Some(&faults), watch);
    let env = Env {
        watch,
        ..Env::with_faults(record, &lets, &faults)
    };
    let rounding = program.model.rounding;
    let mut indicators = Vec::with_capacity(program.indicator_count());
    let mut criteria = Vec::with_capacity(program.criteria.len());
    let mut criteria_outcomes = Vec::with_capacity(program.criteria.len());
    let mut sum = Points::default();
    // Sums saturate rather than panic: they cannot overflow, since every indicator's points
    // lie in 0..=its maximum and the checker refuses (C018) maxima whose sums overflow; the
    // saturation only keeps a program built some other way from panicking.
    // The most possible points are the secured ones plus what unknown indicators could add:
    // summed apart, only when there are some.
    let mut sum_open: Option<Decimal> = None;
    for (ci, c) in program.criteria.iter().enumerate() {
        let mut sub = Points::default();
        let mut open: Option<Decimal> = None;
        let mut excluded = false;
        let first = indicators.len();
        for ind in &c.indicators {
            let r = indicator(&program.lets, ind, env);
            sub.lo = sat_add(sub.lo, r.points.lo);
            if r.outcome == Outcome::Unknown {
                let unsure = sat_sub(r.points.hi, r.points.lo);
                open = Some(sat_add(open.unwrap_or_default(), unsure));
            }
            excluded |= r.excluded;
            indicators.push(r);
        }
        let results = indicators.get(first..).unwrap_or_default();
        // The maximum is the criterion's own unless an indicator is excluded.
        sub.max = match program.criterion_max.get(ci) {
            Some(&Some(m)) if !excluded => m,
            _ => results
                .iter()
                .fold(Decimal::ZERO, |s, r| sat_add(s, r.points.max)),
        };
        criteria_outcomes.push(criterion_outcome(results));
        sub.hi = open.map_or(sub.lo, |o| sat_add(sub.lo, o));
        // Deductions never take a criterion below 0.
        sub.lo = sub.lo.max(Decimal::ZERO);
        sub.hi = sub.hi.max(Decimal::ZERO);
        sum.lo = sat_add(sum.lo, sub.lo);
        sum.max = sat_add(sum.max, sub.max);
        if open.is_some() {
            // What is open on the criterion after clamping, not what its indicators leave open.
            let o = sat_sub(sub.hi, sub.lo);
            sum_open = Some(sat_add(sum_open.unwrap_or_default(), o));
        }
        criteria.push(sub);
    }
    sum.hi = sum_open.map_or(sum.lo, |o| sat_add(sum.lo, o));
    let max = program.model.max;
    let rescaled = cmp_num(sum.max, max).is_ne();
    let total = if rescaled {
        Points {
            lo: rescale(sum.lo, sum.max, max, rounding),
            hi: rescale(sum.hi, sum.max, max, rounding),
            max,
        }
    } else {
        Points {
            lo: sum.lo,
            hi: sum.hi,
            max,
        }
    };
    let (status, tier) = decide(program, &indicators, &criteria, total);
    let errors = faults.into_inner();
    Evaluation {
        errors,
        lets,
        indicators,
        criteria,
        criteria_outcomes,
        total,
        rescaled,
        status,
        tier,
    }
}

/// The unknown values an unknown indicator depends on, in the order read (perhaps more than
/// once): fields of the record and values of list items (a `let` it read is traced in its
/// turn, each once). What it
/// read for parts whose value was known (a member to whom a question does not apply) is left
/// out.
pub(crate) fn unknown_reads(
    program: &Program,
    ind: &IndicatorDef,
    record: &[Value],
    lets: &[Value],
) -> Vec<Read> {
    let watch = Watch::Unknowns(std::cell::RefCell::new(Vec::new()));
    let env = Env {
        watch: Some(&watch),
        ..Env::new(record, lets)
    };
    let Watch::Unknowns(trace) = &watch else {
        return Vec::new();
    };
    scored(&program.lets, ind, env);
    let mut pending = trace.take();
    // Each `let` traced once; reads may repeat (the caller keeps each path once).
    let mut traced = vec![false; program.lets.len()];
    let mut out = Vec::new();
    while !pending.is_empty() {
        for read in std::mem::take(&mut pending) {
            let Read::Let(k) = read else {
                out.push(read);
                continue;
            };
            if let (Some(l), Some(done)) = (program.lets.get(k), traced.get_mut(k))
                && !*done
            {
                *done = true;
                eval_owned(&l.expr, env);
                pending.append(&mut trace.borrow_mut());
            }
        }
    }
    out
}

/// Points out of `counted` (the maxima of what was not excluded) brought to the model's
/// `max`: `points × max / counted`, rounded by the model's rule; 0 when nothing is counted.
pub(crate) fn rescale(
    points: Decimal,
    counted: Decimal,
    max: Decimal,
    rounding: Rounding,
) -> Decimal {
    if counted.is_zero() {
        return Decimal::ZERO;
    }
    let scaled = points.checked_mul(max).and_then(|x| div_num(x, counted));
    round_by(scaled.unwrap_or_default(), rounding)
}

/// The values of the `let`s for a record, in order (problems met gathered in `faults`).
pub(crate) fn lets_of(
    program: &Program,
    record: &[Value],
    faults: Option<&std::cell::RefCell<Vec<RecordError>>>,
) -> Vec<Value> {
    lets_in(program, record, faults, None)
}

/// [`lets_of`], gathering what `watch` asks for on the way.
fn lets_in(
    program: &Program,
    record: &[Value],
    faults: Option<&std::cell::RefCell<Vec<RecordError>>>,
    watch: Option<&Watch>,
) -> Vec<Value> {
    let mut lets: Vec<Value> = Vec::with_capacity(program.lets.len());
    for l in &program.lets {
        let env = Env {
            faults,
            watch,
            ..Env::new(record, &lets)
        };
        let v = eval_owned(&l.expr, env);
        lets.push(v);
    }
    lets
}

/// The points an indicator gets for a record (a deduction: minus what it takes off); `None`
/// when they are unknown or the record breaks one of its constraints (`require`). To try a
/// change of the record.
#[inline(never)]
pub(crate) fn points_with(
    program: &Program,
    ind: &IndicatorDef,
    record: &[Value],
) -> Option<Decimal> {
    let lets = lets_of(program, record, None);
    let env = Env::new(record, &lets);
    let holds = broken(program, env).next().is_none();
    let r = indicator(&program.lets, ind, env);
    (holds && r.outcome != Outcome::Unknown).then_some(r.points.lo)
}

/// The `require` constraints a record surely breaks (its condition is false; unknown is not
/// a break).
pub(crate) fn broken<'p>(
    program: &'p Program,
    env: Env<'_>,
) -> impl Iterator<Item = &'p ConstraintDef> {
    program
        .constraints
        .iter()
        .filter(move |c| eval(&c.condition, env) == Val::Bool(false))
}

/// `a + b`, saturating. Not inlined, for size: `Decimal::saturating_add` inlined at each of
/// the sums of [`evaluate`] made its code in the browser module grow from 22,263 to 30,305
/// bytes when the sums began to saturate; with these two helpers it is 12,281 bytes plus
/// 3,920, and the gzipped module went from 274,036 to 269,662 bytes. The evaluate budget
/// still holds (unit record p50 8.4 µs, limit 10 µs): the addition itself is the cost.
#[inline(never)]
pub(crate) fn sat_add(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_add(b)
}

/// `a - b`, saturating; not inlined, as [`sat_add`].
#[inline(never)]
pub(crate) fn sat_sub(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_sub(b)
}

fn indicator(lets: &[LetDef], ind: &IndicatorDef, env: Env<'_>) -> IndicatorResult {
    let r = scored(lets, ind, env);
    if ind.deduction { as_deduction(r) } else { r }
}

/// A deduction's result from what its award takes off (`d`, in `0..=N`): points `-d`, a
/// maximum of 0 (it adds nothing to the criterion's), met when nothing is taken off and unmet
/// when all of `N` is. Not applicable takes nothing off, whatever its effect.
fn as_deduction(r: IndicatorResult) -> IndicatorResult {
    let (outcome, lo, hi) = match r.outcome {
        Outcome::NotApplicable => (Outcome::NotApplicable, Decimal::ZERO, Decimal::ZERO),
        Outcome::Unknown => (Outcome::Unknown, -r.points.max, Decimal::ZERO),
        Outcome::Met => (Outcome::Unmet, -r.points.lo, -r.points.lo),
        Outcome::Unmet => (Outcome::Met, Decimal::ZERO, Decimal::ZERO),
        Outcome::Partial => (Outcome::Partial, -r.points.lo, -r.points.lo),
    };
    IndicatorResult {
        outcome,
        points: Points {
            lo,
            hi,
            max: Decimal::ZERO,
        },
        excluded: false,
        levels: r.levels,
    }
}

/// An indicator's points as its award gives them (for a deduction: what it takes off); `lets`
/// are the program's, for a share that one of them divides out.
fn scored(lets: &[LetDef], ind: &IndicatorDef, env: Env<'_>) -> IndicatorResult {
    let max = ind.max;
    let rounding = ind.rounding;
    let all_levels = match &ind.award {
        AwardDef::Pass(conds) => conds.len(),
        _ => 0,
    };
    if let Some((cond, effect)) = &ind.not_applicable {
        match eval(cond, env) {
            Val::Bool(true) => {
                let (points, excluded) = match effect {
                    NaEffect::Full => (
                        Points {
                            lo: max,
                            hi: max,
                            max,
                        },
                        false,
                    ),
                    NaEffect::Excluded => (Points::default(), true),
                };
                let levels = LevelRange {
                    lo: all_levels,
                    hi: all_levels,
                };
                return IndicatorResult {
                    outcome: Outcome::NotApplicable,
                    points,
                    excluded,
                    levels,
                };
            }
            Val::Bool(false) => {}
            _ => return unknown(max, all_levels),
        }
    }
    if let AwardDef::Pass(conds) = &ind.award {
        return passes(conds, env);
    }
    let Some(p) = award(lets, ind, env) else {
        return unknown(max, all_levels);
    };
    // Whole points (the maximum or none) need neither clamping nor rounding when the maximum
    // has no more decimals than are kept.
    // A proportional award (the maximum times a share clamped to 0..=1) is already within
    // 0..=max when the maximum is not negative.
    let p = match ind.award {
        AwardDef::Whole(_) if max.scale() <= rounding.places && !max.is_sign_negative() => p,
        AwardDef::Proportional(_) if !max.is_sign_negative() => round_by(p, rounding),
        _ => round_by(clamp_num(p, Decimal::ZERO, max), rounding),
    };
    let outcome = if cmp_num(p, max).is_eq() {
        Outcome::Met
    } else if p.is_zero() {
        Outcome::Unmet
    } else {
        Outcome::Partial
    };
    IndicatorResult {
        outcome,
        points: Points { lo: p, hi: p, max },
        excluded: false,
        levels: LevelRange::default(),
    }
}

/// A criterion's outcome from its indicators' (not-applicable ones aside): met when all are
/// met, unmet when all are unmet, unknown when one is unknown, partial otherwise.
fn criterion_outcome(results: &[IndicatorResult]) -> Outcome {
    let (mut counted, mut all_met, mut all_unmet) = (false, true, true);
    for r in results {
        match r.outcome {
            Outcome::NotApplicable => continue,
            Outcome::Unknown => return Outcome::Unknown,
            Outcome::Met => all_unmet = false,
            Outcome::Unmet => all_met = false,
            Outcome::Partial => {
                all_met = false;
                all_unmet = false;
            }
        }
        counted = true;
    }
    if !counted {
        Outcome::NotApplicable
    } else if all_met {
        Outcome::Met
    } else if all_unmet {
        Outcome::Unmet
    } else {
        Outcome::Partial
    }
}

fn unknown(max: Decimal, all_levels: usize) -> IndicatorResult {
    IndicatorResult {
        outcome: Outcome::Unknown,
        points: Points {
            lo: Decimal::ZERO,
            hi: max,
            max,
        },
        excluded: false,
        levels: LevelRange {
            lo: 0,
            hi: all_levels,
        },
    }
}

/// An indicator of a model decided by levels: the levels it holds, counted from level 1
/// until a condition fails (`lo` also stops at an unknown one).
fn passes(conds: &[crate::program::CExpr], env: Env<'_>) -> IndicatorResult {
    let mut levels = LevelRange::default();
    let (mut lo_open, mut hi_open) = (true, true);
    for cond in conds {
        match eval(cond, env) {
            Val::Bool(true) => {}
            Val::Bool(false) => {
                lo_open = false;
                hi_open = false;
            }
            _ => lo_open = false,
        }
        levels.lo += usize::from(lo_open);
        levels.hi += usize::from(hi_open);
    }
    let outcome = if levels.lo >= 1 {
        Outcome::Met
    } else if levels.hi == 0 {
        Outcome::Unmet
    } else {
        Outcome::Unknown
    };
    IndicatorResult {
        outcome,
        points: Points::default(),
        excluded: false,
        levels,
    }
}

/// Raw points before clamping and rounding (a proportional award's already rounded when its
/// share is a quotient); `None` when they depend on an unknown.
fn award(lets: &[LetDef], ind: &IndicatorDef, env: Env<'_>) -> Option<Decimal> {
    let max = ind.max;
    match &ind.award {
        AwardDef::Whole(c) => match eval(c, env) {
            Val::Bool(b) => Some(if b { max } else { Decimal::ZERO }),
            _ => None,
        },
        AwardDef::Proportional(e) => match eval(e, env) {
            Val::Num(share) => exact_share(lets, e, env)
                .and_then(|(a, b)| quotient::rounded_quotient(max, a, b, ind.rounding))
                .or_else(|| max.checked_mul(clamp_num(share, Decimal::ZERO, Decimal::ONE))),
            _ => None,
        },
        AwardDef::Bands(bands, otherwise) => {
            for (points, cond) in bands {
                match eval(cond, env) {
                    Val::Bool(true) => return Some(*points),
                    Val::Bool(false) => {}
                    _ => return None,
                }
            }
            Some(*otherwise)
        }
        AwardDef::Deduct(per, e) => match eval(e, env) {
            Val::Num(n) => per
                .checked_mul(n)
                .and_then(|d| max.checked_sub(d))
                .or(Some(Decimal::ZERO)),
            _ => None,
        },
        AwardDef::Value(e) => match eval(e, env) {
            Val::Num(n) => Some(n),
            _ => None,
        },
        AwardDef::Pass(_) => Some(Decimal::ZERO),
    }
}

/// The share `e` as the quotient `a / b` it is, written so or as a `let` defined so, when
/// `a / b` lies strictly between 0 and 1 (a share outside is clamped, and whole points need no
/// quotient): for [`quotient::rounded_quotient`].
fn exact_share(lets: &[LetDef], e: &CExpr, env: Env<'_>) -> Option<(Decimal, Decimal)> {
    let e = match e {
        CExpr::Let(i) => &lets.get(*i)?.expr,
        e => e,
    };
    let CExpr::Div(a, b, _) = e else {
        return None;
    };
    let (Val::Num(a), Val::Num(b)) = (eval(a, env), eval(b, env)) else {
        return None;
    };
    // 0 < a / b < 1: a and b of one sign, and |a| < |b|.
    let inside = !a.is_zero()
        && a.is_sign_negative() == b.is_sign_negative()
        && cmp_num(a.abs(), b.abs()).is_lt();
    inside.then_some((a, b))
}

/// Decides status and tier from the point ranges. Every condition is monotone in points, so
/// checking it at the secured points (`lo`) and at the most possible (`hi`) is exact.
fn decide(
    program: &Program,
    indicators: &[IndicatorResult],
    criteria: &[Points],
    total: Points,
) -> (Status, Option<usize>) {
    let d = &program.decision;
    if !d.levels.is_empty() {
        return decide_levels(program, indicators);
    }
    // The tiers of the lowest and highest totals still possible, found once.
    let tier_lo = d.tier_of(total.lo);
    let tier_hi = if cmp_num(total.hi, total.lo).is_eq() {
        tier_lo
    } else {
        d.tier_of(total.hi)
    };
    let holds = |at_hi: bool| {
        let pick = |p: &Points| if at_hi { p.hi } else { p.lo };
        let total_ok = d.pass.is_none_or(|p| cmp_num(pick(&total), p).is_ge());
        let tier_ok = d.tiers.is_empty()
            || if at_hi { tier_hi } else { tier_lo }
                .and_then(|t| d.tiers.get(t))
                .is_some_and(|t| t.recognized);
        let criteria_ok = program
            .criteria
            .iter()
            .zip(criteria)
            .all(|(c, p)| c.floor.is_none_or(|f| cmp_num(pick(p), f).is_ge()));
        let mut results = indicators.iter();
        let indicators_ok = program.criteria.iter().all(|c| {
            c.indicators.iter().zip(&mut results).all(|(def, r)| {
                r.outcome == Outcome::NotApplicable
                    || def
                        .floor
                        .is_none_or(|f| cmp_num(pick(&r.points), f).is_ge())
            })
        });
        total_ok && tier_ok && criteria_ok && indicators_ok
    };
    // Without an unknown indicator the most possible points are the secured ones.
    let open = indicators.iter().any(|r| r.outcome == Outcome::Unknown);
    let status = if holds(false) {
        Status::Recognized
    } else if !open || !holds(true) {
        Status::NotRecognized
    } else {
        Status::Undetermined
    };
    let tier = if tier_lo == tier_hi { tier_lo } else { None };
    (status, shown_tier(d, status, tier))
}

/// The tier an answer shows: a tier marked `recognized` only for a recognised record. A
/// record held back by a floor or the pass mark gets the model's tier for records not
/// recognised (the highest one, TT 22's "Chưa đạt"), or none when the model has no such
/// tier; an undetermined record gets none, since the missing inputs decide between them.
fn shown_tier(d: &DecisionDef, status: Status, tier: Option<usize>) -> Option<usize> {
    let recognized_tier = tier
        .and_then(|t| d.tiers.get(t))
        .is_some_and(|t| t.recognized);
    match status {
        Status::Recognized => tier,
        _ if !recognized_tier => tier,
        Status::NotRecognized => d.tiers.iter().position(|t| !t.recognized),
        Status::Undetermined => None,
    }
}

/// A record holds a level when every indicator holds it. The returned "tier" is the index of
/// the level held (level 1 is index 0), when it is decided and at least level 1.
fn decide_levels(program: &Program, indicators: &[IndicatorResult]) -> (Status, Option<usize>) {
    let levels = &program.decision.levels;
    let held = LevelRange {
        lo: indicators
            .iter()
            .map(|r| r.levels.lo)
            .min()
            .unwrap_or(levels.len()),
        hi: indicators
            .iter()
            .map(|r| r.levels.hi)
            .min()
            .unwrap_or(levels.len()),
    };
    let first_recognized = levels
        .iter()
        .position(|l| l.recognized)
        .map_or(usize::MAX, |i| i + 1);
    let status = if held.lo >= first_recognized {
        Status::Recognized
    } else if held.hi < first_recognized {
        Status::NotRecognized
    } else {
        Status::Undetermined
    };
    let tier = (held.lo == held.hi && held.lo >= 1).then(|| held.lo - 1);
    (status, tier)
}
