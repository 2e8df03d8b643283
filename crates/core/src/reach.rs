//! What a record that falls short needs (`to_reach`): for recognition and for the next tier or
//! level up, the fewest indicators to change, each with the points it adds to the total.
//!
//! A change brings one indicator to full points (for a deduction: nothing taken off; for an
//! unknown indicator: its missing inputs given and met). Recognition first takes the changes it
//! cannot do without: indicators below their floor, then the largest changes of each criterion
//! below its floor. The rest is searched: no set smaller than the largest gains added up can
//! reach the total, and sets of each size from there are tried, largest changes first, until
//! some reach it; up to [`MAX_SETS`] of that size are given. Whether a set reaches the target is
//! checked exactly: criteria clamped at 0, the total rescaled and rounded as the evaluator
//! does. The search stops after [`MAX_STEPS`] steps (then the largest changes are given, one by
//! one until the total is reached), so its cost is bounded on any rule file.

use rust_decimal::Decimal;

use crate::answer::{Gain, Goal, Num};
use crate::eval::{Evaluation, Outcome, Status, rescale, sat_add, sat_sub};
use crate::order::sort_points_desc;
use crate::program::{IndicatorDef, Program, Rounding};
use crate::terms::{Tries, change_in_terms};
use crate::value::Value;
use crate::value::cmp_num;

/// Sets of changes given per goal, the first included.
const MAX_SETS: usize = 5;
/// Steps of the search for other sets of the same size: bounds its cost on any rule file.
const MAX_STEPS: usize = 10_000;

/// One possible change: indicator `at` (its position in the program), in `criterion`, could
/// add `gain` points to its criterion before clamping.
#[derive(Clone, Copy)]
struct Change {
    at: usize,
    criterion: usize,
    gain: Decimal,
}

/// The record's points with some changes applied, updated one change at a time.
struct Tally {
    /// Per criterion: its indicators' points, before the criterion is clamped at 0.
    raw: Vec<Decimal>,
    /// The criteria's points (clamped), added up.
    sum: Decimal,
    /// The maxima counted (of what was not excluded), the model's maximum, and its rounding:
    /// to rescale the sum as the evaluator does.
    counted: Decimal,
    max: Decimal,
    rescaled: bool,
    rounding: Rounding,
}

impl Tally {
    #[inline(never)]
    fn new(program: &Program, ev: &Evaluation) -> Tally {
        let mut raw = Vec::with_capacity(program.criteria.len());
        let mut results = ev.indicators.iter();
        for c in &program.criteria {
            let points = results.by_ref().take(c.indicators.len());
            raw.push(points.fold(Decimal::ZERO, |s, r| sat_add(s, r.points.lo)));
        }
        let clamped = raw.iter().map(|r| at_least_zero(*r));
        Tally {
            sum: clamped.fold(Decimal::ZERO, sat_add),
            raw,
            counted: ev
                .criteria
                .iter()
                .fold(Decimal::ZERO, |s, p| sat_add(s, p.max)),
            max: ev.total.max,
            rescaled: ev.rescaled,
            rounding: program.model.rounding,
        }
    }

    /// Points of criterion `c` (clamped at 0).
    fn criterion(&self, c: usize) -> Decimal {
        self.raw
            .get(c)
            .map_or(Decimal::ZERO, |r| (*r).max(Decimal::ZERO))
    }

    /// Applies `gain` (or takes it back, when negative) to criterion `c`; returns how much the
    /// criterion's points rose (or fell).
    #[inline(never)]
    fn apply(&mut self, c: usize, gain: Decimal) -> Decimal {
        let Some(raw) = self.raw.get_mut(c) else {
            return Decimal::ZERO;
        };
        let before = at_least_zero(*raw);
        *raw = sat_add(*raw, gain);
        let moved = sat_sub(at_least_zero(*raw), before);
        self.sum = sat_add(self.sum, moved);
        moved
    }

    /// Points on the total's scale.
    fn scaled(&self, points: Decimal) -> Decimal {
        if self.rescaled {
            rescale(points, self.counted, self.max, self.rounding)
        } else {
            points
        }
    }

    /// The total, as the evaluator would give it.
    fn total(&self) -> Decimal {
        self.scaled(self.sum)
    }
}

/// A step up: its name in the answer, the total it needs, and whether it needs the floors
/// (it grants recognition).
struct Target<'p> {
    name: &'p str,
    at: Decimal,
    floors: bool,
}

/// For a record below recognition or below the top tier (or level): what the next steps up
/// need. A record below its floors also gets the `floor` goal (each indicator below its
/// minimum and the points it lacks).
pub(crate) fn to_reach<'p>(
    program: &'p Program,
    values: &[Value],
    ev: &Evaluation,
    full: bool,
    in_terms: bool,
) -> Vec<Goal<'p>> {
    let d = &program.decision;
    if !d.levels.is_empty() {
        return to_next_level(program, ev, full);
    }
    let mut targets: Vec<Target<'p>> = Vec::with_capacity(2);
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
        // Recognition may be held back by a floor alone: then it needs no more total.
        let at = needed.unwrap_or(Decimal::ZERO);
        targets.push(Target {
            name: "recognized",
            at,
            floors: true,
        });
    }
    // The tier of the secured points (the record's own shows no recognised tier when a floor
    // holds it back).
    if let Some(i) = d.tier_of(ev.total.lo).filter(|i| *i > 0)
        && let Some(up) = d.tiers.get(i - 1)
        && let Some(lo) = up.range.min
    {
        targets.push(Target {
            name: &up.label,
            at: lo,
            floors: up.recognized,
        });
    }
    // The next tier up is often the first recognised one: say it once (the stricter wins).
    if let [first, second] = targets.as_slice()
        && cmp_num(first.at, second.at).is_eq()
    {
        targets.truncate(1);
    }
    // Only the targets not reached yet need a search (and what it allocates).
    targets.retain(|target| {
        let reached = cmp_num(ev.total.lo, target.at).is_ge();
        !(reached && (!target.floors || ev.status == Status::Recognized))
    });
    let mut goals: Vec<Goal> = Vec::with_capacity(targets.len() + 1);
    if targets.is_empty() {
        if ev.status != Status::Recognized {
            goals.extend(below_floor(program, ev, full));
        }
        return goals;
    }
    let changes = changes(program, ev);
    let defs: Vec<&IndicatorDef> = program.indicators().map(|(_, def)| def).collect();
    let mut terms = Terms {
        record: None,
        values,
        criterion_of: program.indicators().map(|(c, _)| c).collect(),
        tried: 0,
        tries: Tries {
            left: MAX_TRIES,
            indicator: 0,
            done: Vec::new(),
        },
    };
    for target in &targets {
        let Some(sets) = fewest(program, ev, &changes, target) else {
            continue;
        };
        let mut sets = sets.iter().map(|set| {
            set.iter()
                .filter_map(|&(at, points)| {
                    let mut g = gain(&defs, at, points, full)?;
                    if in_terms {
                        g.change = terms.of(program, ev, &defs, target, set, at);
                    }
                    Some(g)
                })
                .collect::<Vec<_>>()
        });
        let indicators = sets.next().unwrap_or_default();
        if indicators.is_empty() {
            continue;
        }
        goals.push(Goal {
            target: target.name,
            points_needed: Num(at_least_zero(sat_sub(target.at, ev.total.lo))),
            indicators,
            alternatives: sets.collect(),
        });
    }
    if ev.status != Status::Recognized {
        goals.extend(below_floor(program, ev, full));
    }
    goals
}

/// The possible changes, largest gain first (ties in program order).
fn changes(program: &Program, ev: &Evaluation) -> Vec<Change> {
    let mut order: Vec<(Decimal, usize)> = Vec::new();
    let mut criterion_of = Vec::with_capacity(ev.indicators.len());
    let mut results = ev.indicators.iter();
    for (ci, c) in program.criteria.iter().enumerate() {
        for r in results.by_ref().take(c.indicators.len()) {
            let gain = sat_sub(r.points.max, r.points.lo);
            if r.outcome != Outcome::NotApplicable && gain > Decimal::ZERO {
                order.push((gain, criterion_of.len()));
            }
            criterion_of.push(ci);
        }
    }
    sort_points_desc(&mut order);
    order
        .into_iter()
        .map(|(gain, at)| Change {
            at,
            criterion: criterion_of.get(at).copied().unwrap_or_default(),
            gain,
        })
        .collect()
}

/// The fewest changes that reach `target`, and other sets of as many (each change with the
/// points it adds to the total); `None` when even every change would not reach it.
fn fewest(
    program: &Program,
    ev: &Evaluation,
    changes: &[Change],
    target: &Target<'_>,
) -> Option<Vec<Vec<(usize, Decimal)>>> {
    let mut tally = Tally::new(program, ev);
    let mut taken = vec![false; changes.len()];
    let mut fixed: Vec<(usize, Decimal)> = Vec::new();
    let mut take = |k: usize, tally: &mut Tally, taken: &mut [bool]| {
        if let (Some(ch), Some(t)) = (changes.get(k), taken.get_mut(k))
            && !*t
        {
            *t = true;
            let up = tally.apply(ch.criterion, ch.gain);
            fixed.push((ch.at, tally.scaled(up)));
        }
    };
    if target.floors {
        let floors: Vec<Option<Decimal>> = program.indicators().map(|(_, i)| i.floor).collect();
        for (k, ch) in changes.iter().enumerate() {
            let lo = ev
                .indicators
                .get(ch.at)
                .map_or(Decimal::ZERO, |r| r.points.lo);
            if floors
                .get(ch.at)
                .copied()
                .flatten()
                .is_some_and(|f| cmp_num(lo, f).is_lt())
            {
                take(k, &mut tally, &mut taken);
            }
        }
        // Each criterion below its floor: its largest changes first.
        let mut by_criterion: Vec<Vec<usize>> = vec![Vec::new(); program.criteria.len()];
        for (k, ch) in changes.iter().enumerate() {
            if let Some(list) = by_criterion.get_mut(ch.criterion) {
                list.push(k);
            }
        }
        for (ci, c) in program.criteria.iter().enumerate() {
            let Some(floor) = c.floor else { continue };
            for &k in by_criterion.get(ci).map_or(&[][..], Vec::as_slice) {
                if cmp_num(tally.criterion(ci), floor).is_ge() {
                    break;
                }
                take(k, &mut tally, &mut taken);
            }
            if cmp_num(tally.criterion(ci), floor).is_lt() {
                return None;
            }
        }
    }
    // The rest: as few more changes as reach the total. Points added are at most the gains
    // (a criterion held at 0 by a deduction takes part of them), so no fewer than `least`
    // changes can reach it, the largest gains added up; sets of each size from there are
    // searched until one reaches.
    let free: Vec<&Change> = changes
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(c, _)| c)
        .collect();
    let prefix: Vec<Decimal> = free
        .iter()
        .scan(Decimal::ZERO, |s, c| {
            *s = sat_add(*s, c.gain);
            Some(*s)
        })
        .collect();
    let bound = |k: usize| match k.checked_sub(1) {
        None => tally.total(),
        Some(last) => tally.scaled(sat_add(
            tally.sum,
            prefix.get(last).copied().unwrap_or_default(),
        )),
    };
    let least = (0..=free.len()).find(|&k| cmp_num(bound(k), target.at).is_ge())?;
    let mut search = Search {
        free: &free,
        prefix: &prefix,
        at: target.at,
        steps: 0,
        picked: Vec::new(),
        sets: Vec::new(),
    };
    for size in least..=free.len() {
        search.run(&mut tally, 0, size);
        if !search.sets.is_empty() || search.steps >= MAX_STEPS {
            break;
        }
    }
    if search.sets.is_empty() {
        // The search ran out of steps: the largest changes, one by one, until the total is
        // reached (perhaps not the fewest).
        let mut set = Vec::new();
        for ch in &free {
            if cmp_num(tally.total(), target.at).is_ge() {
                break;
            }
            let up = tally.apply(ch.criterion, ch.gain);
            set.push((ch.at, tally.scaled(up)));
        }
        if cmp_num(tally.total(), target.at).is_lt() {
            return None;
        }
        search.sets.push(set);
    }
    Some(
        search
            .sets
            .into_iter()
            .map(|set| fixed.iter().copied().chain(set).collect())
            .collect(),
    )
}

/// The search for sets of exactly `left` more changes that reach the total.
struct Search<'c> {
    /// The changes not already taken, largest first.
    free: &'c [&'c Change],
    /// `prefix[i]`: the gains of `free[..=i]` added up.
    prefix: &'c [Decimal],
    at: Decimal,
    steps: usize,
    /// The changes tried so far, with the points each adds to the total.
    picked: Vec<(usize, Decimal)>,
    sets: Vec<Vec<(usize, Decimal)>>,
}

impl Search<'_> {
    /// Depth first, larger changes first, so the first set found is the largest changes; a
    /// branch stops as soon as even its largest remaining changes cannot reach the total
    /// (points added can only be fewer than the gains, clamping aside).
    fn run(&mut self, tally: &mut Tally, from: usize, left: usize) {
        if left == 0 {
            if cmp_num(tally.total(), self.at).is_ge() {
                self.sets.push(self.picked.clone());
            }
            return;
        }
        for i in from..self.free.len() {
            if self.sets.len() >= MAX_SETS || self.steps >= MAX_STEPS {
                return;
            }
            self.steps += 1;
            let before = i.checked_sub(1).and_then(|b| self.prefix.get(b)).copied();
            let best = self
                .prefix
                .get(i + left - 1)
                .map(|p| sat_sub(*p, before.unwrap_or_default()));
            let Some(best) = best else { return };
            if cmp_num(tally.scaled(sat_add(tally.sum, best)), self.at).is_lt() {
                return;
            }
            let Some(ch) = self.free.get(i).copied() else {
                return;
            };
            let up = tally.apply(ch.criterion, ch.gain);
            self.picked.push((ch.at, tally.scaled(up)));
            self.run(tally, i + 1, left - 1);
            self.picked.pop();
            tally.apply(ch.criterion, -ch.gain);
        }
    }
}

/// The answer's entry for a change of indicator `at` adding `points` to the total.
fn gain<'p>(defs: &[&'p IndicatorDef], at: usize, points: Decimal, full: bool) -> Option<Gain<'p>> {
    Some(gain_of(defs.get(at)?, points, full))
}

/// The answer's entry for indicator `def` with `points` (its label in full answers).
fn gain_of(def: &IndicatorDef, points: Decimal, full: bool) -> Gain<'_> {
    Gain {
        id: &def.id,
        label: full.then_some(&def.label),
        points: Num(points),
        change: None,
    }
}

/// The changes of `to_reach` in the record's terms: for each indicator of a set, the least
/// change of one input that, with the set's other changes made, reaches the target (not
/// always its full points). At most [`MAX_TERMS`] are tried per answer: each try scores the
/// record again a few dozen times.
struct Terms<'v> {
    /// A copy of the record to try changes on, made at the first try.
    record: Option<Vec<Value>>,
    values: &'v [Value],
    /// The criterion of each indicator.
    criterion_of: Vec<usize>,
    tried: usize,
    /// Tries of changed records: how many are left, and what each gave.
    tries: Tries,
}

/// Changes said in the record's terms, per answer.
const MAX_TERMS: usize = 25;
/// Tries of changed records per answer: a unit record below recognition spends about 100.
const MAX_TRIES: usize = 400;

impl Terms<'_> {
    #[inline(never)]
    fn of(
        &mut self,
        program: &Program,
        ev: &Evaluation,
        defs: &[&IndicatorDef],
        target: &Target<'_>,
        set: &[(usize, Decimal)],
        at: usize,
    ) -> Option<String> {
        let now = ev.indicators.get(at)?;
        if now.outcome == Outcome::Unknown || self.tried >= MAX_TERMS {
            return None;
        }
        self.tried += 1;
        let def = defs.get(at)?;
        // The other changes of the set made, this one not.
        let mut tally = Tally::new(program, ev);
        for &(other, _) in set.iter().filter(|(o, _)| *o != at) {
            let (Some(r), Some(&c)) = (ev.indicators.get(other), self.criterion_of.get(other))
            else {
                continue;
            };
            tally.apply(c, sat_sub(r.points.max, r.points.lo));
        }
        let criterion = *self.criterion_of.get(at)?;
        let own_floor = def.floor.filter(|_| target.floors);
        let mut enough = |points: Decimal| {
            if own_floor.is_some_and(|f| cmp_num(points, f).is_lt()) {
                return false;
            }
            let up = sat_sub(points, now.points.lo);
            tally.apply(criterion, up);
            let reached = reaches(program, &tally, target);
            tally.apply(criterion, -up);
            reached
        };
        let record = self.record.get_or_insert_with(|| self.values.to_vec());
        change_in_terms(program, def, record, now.points.lo, &mut enough, {
            self.tries.indicator = at;
            &mut self.tries
        })
    }
}

/// `d`, or 0 when below (not inlined, for size: see [`sat_add`]).
#[inline(never)]
fn at_least_zero(d: Decimal) -> Decimal {
    d.max(Decimal::ZERO)
}

/// Whether the points of `tally` reach `target`: its total, and the criteria's floors when it
/// grants recognition.
fn reaches(program: &Program, tally: &Tally, target: &Target<'_>) -> bool {
    cmp_num(tally.total(), target.at).is_ge()
        && (!target.floors
            || program.criteria.iter().enumerate().all(|(ci, c)| {
                c.floor
                    .is_none_or(|f| cmp_num(tally.criterion(ci), f).is_ge())
            }))
}

/// For a model decided by levels: the next level up, and the indicators that do not hold it
/// (each must change: the only set).
fn to_next_level<'p>(program: &'p Program, ev: &Evaluation, full: bool) -> Vec<Goal<'p>> {
    let held = ev.indicators.iter().map(|r| r.levels.lo).min().unwrap_or(0);
    let Some(next) = program.decision.levels.get(held) else {
        return Vec::new();
    };
    let indicators = program
        .indicators()
        .zip(&ev.indicators)
        .filter(|(_, r)| r.levels.lo <= held)
        .map(|((_, def), _)| gain_of(def, Decimal::ZERO, full))
        .collect();
    vec![Goal {
        target: &next.label,
        points_needed: Num(Decimal::ZERO),
        indicators,
        alternatives: Vec::new(),
    }]
}

/// Indicators below their minimum (`floor`): recognition needs each of them raised.
fn below_floor<'p>(program: &'p Program, ev: &Evaluation, full: bool) -> Option<Goal<'p>> {
    let indicators: Vec<Gain> = program
        .indicators()
        .zip(&ev.indicators)
        .filter(|(_, r)| r.outcome != Outcome::NotApplicable)
        .filter_map(|((_, def), r)| {
            let floor = def.floor?;
            cmp_num(r.points.lo, floor)
                .is_lt()
                .then(|| gain_of(def, floor - r.points.lo, full))
        })
        .collect();
    (!indicators.is_empty()).then_some(Goal {
        target: "floor",
        points_needed: Num(Decimal::ZERO),
        indicators,
        alternatives: Vec::new(),
    })
}
