//! The totals a model's indicators can award together, for C025 (a tier or pass threshold
//! that no total reaches: ten indicators of 10 points awarded all or nothing make only the
//! multiples of 10, so a tier `85..<90` is empty).
//!
//! Each indicator's points are a set of closed intervals (`{0, 10}` for all or nothing,
//! `[0, 10]` for a share); the totals are their sums. The set is kept to at most
//! [`MAX_PIECES`] intervals by merging the closest ones, which only adds totals: a tier is
//! reported only when it is surely empty.

use rust_decimal::Decimal;
use tieuchi_syntax::ast::{Award, Indicator, NaEffect};

use super::range::{least, minus, most, plus};
use crate::program::{AwardDef, CriterionDef, IndicatorDef};

/// Most intervals kept: sums of many indicators stay small and linear in their number.
const MAX_PIECES: usize = 256;

/// Numbers in sorted, disjoint closed intervals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Totals(Vec<(Decimal, Decimal)>);

impl Totals {
    fn points(values: impl IntoIterator<Item = Decimal>) -> Totals {
        let mut out = Totals(Vec::new());
        for v in values {
            out = out.union(&Totals(vec![(v, v)]));
        }
        out
    }

    fn span(lo: Decimal, hi: Decimal) -> Totals {
        Totals(vec![(least(lo, hi), most(lo, hi))])
    }

    /// Both sets, merged in one pass over the two sorted lists (no sort: a sort instance
    /// of its own cost the browser module 5 KB; measured).
    fn union(&self, other: &Totals) -> Totals {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut out: Vec<(Decimal, Decimal)> = Vec::with_capacity(self.0.len() + other.0.len());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            let Some(&(lo, hi)) = next else {
                break;
            };
            match out.last_mut() {
                Some(last) if lo <= last.1 => last.1 = most(last.1, hi),
                _ => out.push((lo, hi)),
            }
        }
        Totals(out).capped()
    }

    /// At most [`MAX_PIECES`] intervals: neighbours closer than twice the smallest gap are
    /// joined, in one pass, until few enough are left (each pass linear; joining only adds
    /// totals).
    fn capped(self) -> Totals {
        let mut pieces = self.0;
        while pieces.len() > MAX_PIECES {
            let gaps = pieces.windows(2).filter_map(|w| match w {
                [x, y] => minus(y.0, x.1),
                _ => None,
            });
            let Some(limit) = gaps.min().and_then(|g| plus(g, g)) else {
                break;
            };
            let mut joined: Vec<(Decimal, Decimal)> = Vec::with_capacity(pieces.len());
            for (lo, hi) in pieces {
                match joined.last_mut() {
                    Some(last) if minus(lo, last.1).is_some_and(|gap| gap <= limit) => {
                        last.1 = most(last.1, hi);
                    }
                    _ => joined.push((lo, hi)),
                }
            }
            pieces = joined;
        }
        Totals(pieces)
    }

    /// Every sum of a number of `self` and one of `other` (`None` past the decimal range).
    fn plus(&self, other: &Totals) -> Option<Totals> {
        let mut out = Totals(Vec::new());
        for (c, d) in &other.0 {
            let mut shifted = Vec::with_capacity(self.0.len());
            for (a, b) in &self.0 {
                shifted.push((plus(*a, *c)?, plus(*b, *d)?));
            }
            out = out.union(&Totals(shifted));
        }
        Some(out)
    }

    /// True when some total is within `lo..hi` (`hi` excluded when `hi_excluded`; `None`
    /// unbounded).
    pub fn meets(&self, lo: Option<Decimal>, hi: Option<Decimal>, hi_excluded: bool) -> bool {
        self.0.iter().any(|(a, b)| {
            let above = lo.is_none_or(|lo| *b >= lo);
            let below = hi.is_none_or(|hi| *a < hi || (*a == hi && !hi_excluded));
            above && below
        })
    }

    /// The largest total below `v` and the smallest one from `v` on, as written in messages.
    pub fn nearest(&self, below: Decimal, from: Decimal) -> (Option<String>, Option<String>) {
        let text = |d: Decimal| d.normalize().to_string();
        let under = self
            .0
            .iter()
            .rev()
            .find(|(a, _)| *a < below)
            .map(|(a, b)| if *b < below { text(*b) } else { text(*a) });
        let over = self
            .0
            .iter()
            .find(|(_, b)| *b >= from)
            .map(|(a, b)| text(if *a >= from { *a } else { *b }));
        (under, over)
    }
}

/// The totals the criteria can award together; `None` when not worked out (a model decided
/// by levels, an indicator left out of the maximum when not applicable, which rescales the
/// total, or numbers past the decimal range). `unchecked` holds, by criterion (its position),
/// the points of each indicator that did not check (an unknown name in its condition): what
/// [`unchecked`] read from how it is written, or `None` when that is not known either.
pub(crate) fn reachable(
    criteria: &[CriterionDef],
    unchecked: &[(usize, Option<Totals>)],
) -> Option<Totals> {
    let mut total = Totals::points([Decimal::ZERO]);
    for (at, c) in criteria.iter().enumerate() {
        let deducts = c.indicators.iter().any(|i| i.deduction);
        let mut sum = Totals::points([Decimal::ZERO]);
        for i in &c.indicators {
            if i.deduction {
                continue;
            }
            sum = sum.plus(&awards(i)?)?;
        }
        for (_, points) in unchecked.iter().filter(|(k, _)| *k == at) {
            sum = sum.plus(points.as_ref()?)?;
        }
        if deducts {
            // What deductions take off leaves any total from 0 up to the highest one.
            let top = sum.0.last().map_or(Decimal::ZERO, |p| p.1);
            sum = Totals::span(Decimal::ZERO, top);
        }
        total = total.plus(&sum)?;
    }
    Some(total)
}

/// The points one indicator can award.
fn awards(i: &IndicatorDef) -> Option<Totals> {
    match &i.not_applicable {
        Some((_, NaEffect::Excluded)) => return None,
        Some((_, NaEffect::Full)) => {
            let own = awards_alone(i)?;
            return Some(own.union(&Totals::points([i.max])));
        }
        None => {}
    }
    awards_alone(i)
}

/// The points an indicator that did not check can award, from how its award is written
/// (`award whole when …` gives all or nothing whatever its condition says); `None` for a
/// deduction, an indicator left out when not applicable, or points not known.
pub(crate) fn unchecked(i: &Indicator, max: Decimal) -> Option<Totals> {
    if i.deduction.is_some() {
        return None;
    }
    let number = |n: &tieuchi_syntax::ast::Number| Decimal::from_str_exact(&n.text).ok();
    let own = match i.award.as_ref()? {
        Award::Whole(..) => Totals::points([Decimal::ZERO, max]),
        Award::Bands(bands, otherwise, _) => {
            let other = match otherwise {
                Some(n) => number(n)?,
                None => Decimal::ZERO,
            };
            let points: Option<Vec<Decimal>> = bands.iter().map(|b| number(&b.points)).collect();
            Totals::points(points?.into_iter().chain([other]))
        }
        Award::Proportional(..) | Award::Value(..) | Award::Deduct(..) => {
            Totals::span(Decimal::ZERO, max)
        }
    };
    match i.not_applicable.as_ref().map(|na| na.effect) {
        Some(NaEffect::Excluded) => None,
        Some(NaEffect::Full) => Some(own.union(&Totals::points([max]))),
        None => Some(own),
    }
}

fn awards_alone(i: &IndicatorDef) -> Option<Totals> {
    Some(match &i.award {
        AwardDef::Whole(_) => Totals::points([Decimal::ZERO, i.max]),
        AwardDef::Bands(bands, otherwise) => {
            Totals::points(bands.iter().map(|(p, _)| *p).chain([*otherwise]))
        }
        AwardDef::Proportional(_) | AwardDef::Value(_) | AwardDef::Deduct(..) => {
            Totals::span(Decimal::ZERO, i.max)
        }
        AwardDef::Pass(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn all_or_nothing_awards_leave_gaps() {
        let ten = Totals::points([d(0), d(10)]);
        let mut total = Totals::points([d(0)]);
        for _ in 0..10 {
            total = total.plus(&ten).unwrap();
        }
        assert_eq!(total.0.len(), 11);
        assert!(!total.meets(Some(d(85)), Some(d(90)), true));
        assert!(total.meets(Some(d(85)), Some(d(90)), false));
        assert!(total.meets(Some(d(80)), None, false));
        assert_eq!(
            total.nearest(d(85), d(90)),
            (Some("80".into()), Some("90".into()))
        );
    }

    #[test]
    fn shares_fill_the_gaps() {
        let share = Totals::span(d(0), d(10));
        let ten = Totals::points([d(0), d(10)]);
        let total = share.plus(&ten).unwrap();
        assert_eq!(total.0, vec![(d(0), d(20))]);
    }

    #[test]
    fn many_pieces_are_merged_not_lost() {
        // 2^20 subsets of distinct powers of two: capped, every true total still inside.
        let mut total = Totals::points([d(0)]);
        for k in 0..20 {
            total = total.plus(&Totals::points([d(0), d(1 << k)])).unwrap();
        }
        assert!(total.0.len() <= MAX_PIECES);
        for t in [0, 1, 12345, (1 << 20) - 1] {
            assert!(total.meets(Some(d(t)), Some(d(t)), false), "{t}");
        }
    }
}
