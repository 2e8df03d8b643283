//! What values an expression can take, read from the declared input ranges: the checker uses
//! it to find conditions that never or always hold, bands that an earlier band hides, and
//! tiers that no total reaches.
//!
//! Every answer here over-approximates: a range may be wider than the values an expression
//! really takes (an exclusive bound is taken as inclusive, a division or a list aggregate is
//! mostly unbounded, conditions joined by `and` are taken as independent), never narrower.
//! So "never holds" and "always holds" are only said when they are certain.

use rust_decimal::Decimal;
use tieuchi_syntax::ast::BinOp;

use super::error::ValueRange;
use super::expr::Scope;
use crate::program::{Agg, Bounds, Builtin, CExpr, FieldType, ItemDef};
use crate::value::Value;

/// Numbers from `lo` to `hi`, both included; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Interval {
    pub lo: Option<Decimal>,
    pub hi: Option<Decimal>,
}

/// Whether a yes/no value can be true, and whether it can be false.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Truth {
    pub can_hold: bool,
    pub can_fail: bool,
}

impl Truth {
    /// Either may happen.
    pub const EITHER: Truth = Truth {
        can_hold: true,
        can_fail: true,
    };

    fn exactly(b: bool) -> Truth {
        Truth {
            can_hold: b,
            can_fail: !b,
        }
    }
}

/// The values an expression can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abs {
    /// A number within an interval.
    Num(Interval),
    /// A yes/no value.
    Bool(Truth),
    /// Anything else, or not worked out.
    Any,
}

impl Abs {
    /// The truth of a yes/no value (either, for anything else).
    pub fn truth(self) -> Truth {
        match self {
            Abs::Bool(t) => t,
            _ => Truth::EITHER,
        }
    }

    /// The interval of a number (none for anything else).
    pub fn interval(self) -> Option<Interval> {
        match self {
            Abs::Num(i) => Some(i),
            _ => None,
        }
    }

    /// The smallest range holding both.
    fn join(self, other: Abs) -> Abs {
        match (self, other) {
            (Abs::Num(a), Abs::Num(b)) => Abs::Num(a.hull(b)),
            (Abs::Bool(a), Abs::Bool(b)) => Abs::Bool(Truth {
                can_hold: a.can_hold || b.can_hold,
                can_fail: a.can_fail || b.can_fail,
            }),
            _ => Abs::Any,
        }
    }
}

impl Interval {
    /// Every number.
    pub const ALL: Interval = Interval { lo: None, hi: None };

    /// Exactly `v`.
    pub fn point(v: Decimal) -> Interval {
        Interval {
            lo: Some(v),
            hi: Some(v),
        }
    }

    /// The declared bounds of a number field (an exclusive upper bound taken as included).
    pub fn of_bounds(b: &Bounds) -> Interval {
        Interval {
            lo: b.min,
            hi: b.max,
        }
    }

    /// True when 0 is within: a divisor of this range may be 0 (C019).
    pub fn holds_zero(self) -> bool {
        self.lo.is_none_or(|lo| lo <= Decimal::ZERO) && self.hi.is_none_or(|hi| hi >= Decimal::ZERO)
    }

    /// The bounds as written in messages.
    pub fn written(self) -> ValueRange {
        let text = |v: Option<Decimal>| v.map(|d| d.normalize().to_string());
        ValueRange {
            lo: text(self.lo),
            hi: text(self.hi),
        }
    }

    /// The larger of two numbers of these ranges: at least the larger lower bound, at most
    /// the larger upper bound.
    fn larger(self, o: Interval) -> Interval {
        Interval {
            lo: match (self.lo, o.lo) {
                (Some(a), Some(b)) => Some(most(a, b)),
                (a, b) => a.or(b),
            },
            hi: self.hi.zip(o.hi).map(|(a, b)| most(a, b)),
        }
    }

    /// The smaller of two numbers of these ranges.
    fn smaller(self, o: Interval) -> Interval {
        self.neg().larger(o.neg()).neg()
    }

    fn is_point(self) -> bool {
        self.lo.is_some() && self.lo == self.hi
    }

    fn hull(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo.zip(o.lo).map(|(a, b)| least(a, b)),
            hi: self.hi.zip(o.hi).map(|(a, b)| most(a, b)),
        }
    }

    fn add(self, o: Interval) -> Interval {
        let both = |a: Option<Decimal>, b: Option<Decimal>| plus(a?, b?);
        Interval {
            lo: both(self.lo, o.lo),
            hi: both(self.hi, o.hi),
        }
    }

    fn neg(self) -> Interval {
        Interval {
            lo: self.hi.map(|v| -v),
            hi: self.lo.map(|v| -v),
        }
    }

    fn mul(self, o: Interval) -> Interval {
        let (Some(a), Some(b), Some(c), Some(d)) = (self.lo, self.hi, o.lo, o.hi) else {
            // Both not negative: the product is at least the product of the lower bounds.
            let nonneg = |i: Interval| i.lo.is_some_and(|v| v >= Decimal::ZERO);
            if nonneg(self) && nonneg(o) {
                return Interval {
                    lo: self.lo.zip(o.lo).and_then(|(a, b)| times(a, b)),
                    hi: None,
                };
            }
            return Interval::ALL;
        };
        let products = [times(a, c), times(a, d), times(b, c), times(b, d)];
        let mut lo: Option<Decimal> = None;
        let mut hi: Option<Decimal> = None;
        for p in products {
            let Some(p) = p else {
                return Interval::ALL;
            };
            lo = Some(lo.map_or(p, |l| least(l, p)));
            hi = Some(hi.map_or(p, |h| most(h, p)));
        }
        Interval { lo, hi }
    }

    /// `self / o`, only where it is simple: a number not below 0 divided by one above 0 is
    /// not below 0, and below the largest divided by the smallest (rounded up past what a
    /// division rounded to 28 digits could hide).
    fn div(self, o: Interval) -> Interval {
        let num_nonneg = self.lo.is_some_and(|v| v >= Decimal::ZERO);
        let den_pos = o.lo.is_some_and(|v| v > Decimal::ZERO);
        if !(num_nonneg && den_pos) {
            return Interval::ALL;
        }
        let hi = self
            .hi
            .zip(o.lo)
            .and_then(|(a, b)| a.checked_div(b)?.ceil().checked_add(Decimal::ONE));
        Interval {
            lo: Some(Decimal::ZERO),
            hi,
        }
    }

    /// True when every number of `self` is within `b`.
    fn within(self, b: &Bounds) -> bool {
        let above = match (b.min, self.lo) {
            (None, _) => true,
            (Some(m), Some(lo)) => lo >= m,
            (Some(_), None) => false,
        };
        let below = match (b.max, self.hi) {
            (None, _) => true,
            (Some(m), Some(hi)) => hi < m || (hi == m && !b.max_exclusive),
            (Some(_), None) => false,
        };
        above && below
    }

    /// True when no number of `self` is within `b`.
    fn outside(self, b: &Bounds) -> bool {
        let below_min = matches!((b.min, self.hi), (Some(m), Some(hi)) if hi < m);
        let above_max = matches!((b.max, self.lo), (Some(m), Some(lo))
            if lo > m || (lo == m && b.max_exclusive));
        below_min || above_max
    }
}

// Decimal arithmetic of the analysis, never inlined: rust_decimal's operations are large,
// and inlined at each of their dozen call sites here they took about 25 KB of the browser
// module (measured); the analysis runs once per rule file, not per record.

/// `a + b`, `None` past the decimal range.
#[inline(never)]
pub(super) fn plus(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// `a − b`, `None` past the decimal range.
#[inline(never)]
pub(super) fn minus(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b)
}

/// `a × b`, `None` past the decimal range.
#[inline(never)]
fn times(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// The smaller.
#[inline(never)]
pub(super) fn least(a: Decimal, b: Decimal) -> Decimal {
    a.min(b)
}

/// The larger.
#[inline(never)]
pub(super) fn most(a: Decimal, b: Decimal) -> Decimal {
    a.max(b)
}

/// `a op b` over intervals, for a comparison.
fn compare(op: BinOp, a: Interval, b: Interval) -> Truth {
    // a < b surely when a.hi < b.lo; never when a.lo >= b.hi.
    let lt = |x: Interval, y: Interval| -> Truth {
        let always = matches!((x.hi, y.lo), (Some(h), Some(l)) if h < l);
        let never = matches!((x.lo, y.hi), (Some(l), Some(h)) if l >= h);
        Truth {
            can_hold: !never,
            can_fail: !always,
        }
    };
    let le = |x: Interval, y: Interval| -> Truth {
        let always = matches!((x.hi, y.lo), (Some(h), Some(l)) if h <= l);
        let never = matches!((x.lo, y.hi), (Some(l), Some(h)) if l > h);
        Truth {
            can_hold: !never,
            can_fail: !always,
        }
    };
    let not = |t: Truth| Truth {
        can_hold: t.can_fail,
        can_fail: t.can_hold,
    };
    match op {
        BinOp::Lt => lt(a, b),
        BinOp::Le => le(a, b),
        BinOp::Gt => lt(b, a),
        BinOp::Ge => le(b, a),
        BinOp::Eq | BinOp::Ne => {
            // Disjoint: all of one side below all of the other.
            let disjoint = !lt(a, b).can_fail || !lt(b, a).can_fail;
            let same_point = a.lo.is_some() && a.lo == a.hi && a == b;
            let eq = Truth {
                can_hold: !disjoint,
                can_fail: !same_point,
            };
            if op == BinOp::Eq { eq } else { not(eq) }
        }
        _ => Truth::EITHER,
    }
}

/// Works out ranges of expressions in a scope; `lets` holds those of the `let`s so far.
pub(crate) struct Ranges<'a, 'p> {
    pub scope: &'a Scope<'p>,
    pub lets: &'a [Abs],
}

impl Ranges<'_, '_> {
    /// The values `e` can take.
    pub fn of(&self, e: &CExpr) -> Abs {
        match e {
            CExpr::Const(Value::Num(n)) => Abs::Num(Interval::point(*n)),
            CExpr::Const(Value::Bool(b)) => Abs::Bool(Truth::exactly(*b)),
            CExpr::Const(_) => Abs::Any,
            CExpr::Field(slot) => self
                .scope
                .fields
                .get(*slot)
                .map_or(Abs::Any, |f| of_type(&f.ty)),
            CExpr::Let(i) => self.lets.get(*i).copied().unwrap_or(Abs::Any),
            CExpr::Item { depth, slot } => self.item(*depth, *slot),
            CExpr::Not(a) => match self.of(a) {
                Abs::Bool(t) => Abs::Bool(Truth {
                    can_hold: t.can_fail,
                    can_fail: t.can_hold,
                }),
                _ => Abs::Bool(Truth::EITHER),
            },
            CExpr::Neg(a) => self
                .of(a)
                .interval()
                .map_or(Abs::Any, |i| Abs::Num(i.neg())),
            CExpr::Binary(op, a, b) => self.binary(*op, a, b),
            CExpr::Div(a, b, _) => match (self.of(a).interval(), self.of(b).interval()) {
                (Some(x), Some(y)) => Abs::Num(x.div(y)),
                _ => Abs::Num(Interval::ALL),
            },
            CExpr::InRange(a, bounds) => match self.of(a).interval() {
                Some(i) => Abs::Bool(Truth {
                    can_hold: !i.outside(bounds),
                    can_fail: !i.within(bounds),
                }),
                None => Abs::Bool(Truth::EITHER),
            },
            CExpr::InList(..) => Abs::Bool(Truth::EITHER),
            CExpr::If(branches, other) => branches
                .iter()
                .fold(self.of(other), |acc, (_, v)| acc.join(self.of(v))),
            CExpr::Agg(Agg::Count, list, _, _) => Abs::Num(self.size(list)),
            CExpr::Agg(agg, _, body, empty) => {
                self.aggregate(*agg, body.as_deref(), empty.as_deref())
            }
            CExpr::Call(f @ (Builtin::Min | Builtin::Max), args) => {
                let ranges: Option<Vec<Interval>> =
                    args.iter().map(|a| self.of(a).interval()).collect();
                let pick = |a: Interval, b: Interval| match f {
                    Builtin::Min => a.smaller(b),
                    _ => a.larger(b),
                };
                match ranges.and_then(|r| r.into_iter().reduce(pick)) {
                    Some(i) => Abs::Num(i),
                    None => args
                        .iter()
                        .map(|a| self.of(a))
                        .reduce(Abs::join)
                        .unwrap_or(Abs::Any),
                }
            }
            CExpr::Call(..) | CExpr::Where(..) | CExpr::Index(..) => Abs::Any,
        }
    }

    /// For a condition that is a comparison with a constant (`score >= 11`, `x in 1..5`), the
    /// range of the other side: what a message shows to say why it never or always holds.
    pub fn deciding_range(&self, e: &CExpr) -> Option<ValueRange> {
        let side = match e {
            CExpr::Binary(op, a, b) if is_comparison(*op) => {
                match (self.of(a).interval(), self.of(b).interval()) {
                    (Some(x), Some(y)) if y.is_point() => x,
                    (Some(x), Some(y)) if x.is_point() => y,
                    _ => return None,
                }
            }
            CExpr::InRange(a, _) => self.of(a).interval()?,
            CExpr::Not(a) => return self.deciding_range(a),
            _ => return None,
        };
        Some(side.written())
    }

    /// How many items a list can have: the declared size of a list field (`list(1..)`),
    /// at most that many when filtered with `where`, else any number.
    fn size(&self, list: &CExpr) -> Interval {
        let declared = |e: &CExpr| match e {
            CExpr::Field(slot) => match self.scope.fields.get(*slot).map(|f| &f.ty) {
                Some(FieldType::List(id)) => self.scope.lists.get(*id).map(|l| &l.size),
                _ => None,
            },
            _ => None,
        };
        let any = Interval {
            lo: Some(Decimal::ZERO),
            hi: None,
        };
        match list {
            CExpr::Where(inner, _) => Interval {
                lo: Some(Decimal::ZERO),
                hi: declared(inner).and_then(|b| b.max),
            },
            _ => declared(list).map_or(any, |b| Interval {
                lo: Some(b.min.map_or(Decimal::ZERO, |m| most(m, Decimal::ZERO))),
                hi: b.max,
            }),
        }
    }

    fn binary(&self, op: BinOp, a: &CExpr, b: &CExpr) -> Abs {
        let (x, y) = (self.of(a), self.of(b));
        match op {
            BinOp::And => {
                let (p, q) = (x.truth(), y.truth());
                Abs::Bool(Truth {
                    can_hold: p.can_hold && q.can_hold,
                    can_fail: p.can_fail || q.can_fail,
                })
            }
            BinOp::Or => {
                let (p, q) = (x.truth(), y.truth());
                Abs::Bool(Truth {
                    can_hold: p.can_hold || q.can_hold,
                    can_fail: p.can_fail && q.can_fail,
                })
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let (Some(x), Some(y)) = (x.interval(), y.interval()) else {
                    return Abs::Num(Interval::ALL);
                };
                Abs::Num(match op {
                    BinOp::Add => x.add(y),
                    BinOp::Sub => x.add(y.neg()),
                    BinOp::Mul => x.mul(y),
                    _ => x.div(y),
                })
            }
            _ => match (x.interval(), y.interval()) {
                (Some(x), Some(y)) => Abs::Bool(compare(op, x, y)),
                // Yes/no values compared with `==`: either, unless both are fixed.
                _ => Abs::Bool(Truth::EITHER),
            },
        }
    }

    fn aggregate(&self, agg: Agg, body: Option<&CExpr>, empty: Option<&CExpr>) -> Abs {
        match agg {
            Agg::Count => Abs::Num(Interval {
                lo: Some(Decimal::ZERO),
                hi: None,
            }),
            Agg::Share => {
                let share = Abs::Num(Interval {
                    lo: Some(Decimal::ZERO),
                    hi: Some(Decimal::ONE),
                });
                match empty {
                    Some(e) => share.join(self.within_item(e)),
                    None => share,
                }
            }
            // Over the items, evaluated in their scope; the empty list gives true or false.
            Agg::All | Agg::Any => Abs::Bool(Truth::EITHER),
            Agg::Min | Agg::Max => body.map_or(Abs::Any, |b| self.within_item(b)),
            Agg::Sum => match body.map(|b| self.within_item(b)).and_then(Abs::interval) {
                Some(i) if i.lo.is_some_and(|v| v >= Decimal::ZERO) => Abs::Num(Interval {
                    lo: Some(Decimal::ZERO),
                    hi: None,
                }),
                _ => Abs::Num(Interval::ALL),
            },
        }
    }

    /// The range of a per-item expression. The checker's item scope has been left by now,
    /// so item slots are not looked up (a wider range, still right).
    fn within_item(&self, e: &CExpr) -> Abs {
        match e {
            CExpr::Item { .. } => Abs::Any,
            _ if mentions_items(e) => Abs::Any,
            _ => self.of(e),
        }
    }

    /// A slot of an enclosing list item, by the items in scope now (innermost last).
    fn item(&self, depth: usize, slot: usize) -> Abs {
        let items = self.scope.items.borrow();
        let Some(list) = items
            .len()
            .checked_sub(depth + 1)
            .and_then(|i| items.get(i))
        else {
            return Abs::Any;
        };
        match self.scope.lists.get(*list).map(|l| &l.item) {
            Some(ItemDef::Record(fields) | ItemDef::Model { fields, .. }) => {
                fields.get(slot).map_or(Abs::Any, |f| of_type(&f.ty))
            }
            Some(ItemDef::Scalar(ty)) => of_type(ty),
            None => Abs::Any,
        }
    }
}

/// A bound of a [`Region`]: the value, and whether it is included.
type Edge = Option<(Decimal, bool)>;

/// The numbers for which a condition on one expression holds: `x >= 5 and x < 8` is
/// `[5, 8)` of `x`. `None` edges are unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    lo: Edge,
    hi: Edge,
}

impl Region {
    const ALL: Region = Region { lo: None, hi: None };

    fn intersect(self, o: Region) -> Region {
        let lo = match (self.lo, o.lo) {
            (Some(a), Some(b)) => Some(if a.0 > b.0 || (a.0 == b.0 && !a.1) {
                a
            } else {
                b
            }),
            (a, b) => a.or(b),
        };
        let hi = match (self.hi, o.hi) {
            (Some(a), Some(b)) => Some(if a.0 < b.0 || (a.0 == b.0 && !a.1) {
                a
            } else {
                b
            }),
            (a, b) => a.or(b),
        };
        Region { lo, hi }
    }

    /// True when every number of `inner` is in `self`.
    pub fn covers(self, inner: Region) -> bool {
        let lo_ok = match (self.lo, inner.lo) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((a, a_in)), Some((b, b_in))) => a < b || (a == b && (a_in || !b_in)),
        };
        let hi_ok = match (self.hi, inner.hi) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((a, a_in)), Some((b, b_in))) => a > b || (a == b && (a_in || !b_in)),
        };
        lo_ok && hi_ok
    }
}

/// The expression a condition compares with constants, and the numbers for which it holds:
/// comparisons with a number, `in lo..hi`, and `and` of those over the same expression.
pub(crate) fn region(e: &CExpr) -> Option<(&CExpr, Region)> {
    let constant = |c: &CExpr| match c {
        CExpr::Const(Value::Num(n)) => Some(*n),
        _ => None,
    };
    match e {
        CExpr::Binary(BinOp::And, a, b) => {
            let ((ka, ra), (kb, rb)) = (region(a)?, region(b)?);
            (ka == kb).then(|| (ka, ra.intersect(rb)))
        }
        CExpr::Binary(op, a, b) if is_comparison(*op) => {
            let (key, k, op) = match (constant(a), constant(b)) {
                (None, Some(k)) => (a.as_ref(), k, *op),
                (Some(k), None) => (b.as_ref(), k, flip(*op)?),
                _ => return None,
            };
            let r = match op {
                BinOp::Ge => Region {
                    lo: Some((k, true)),
                    hi: None,
                },
                BinOp::Gt => Region {
                    lo: Some((k, false)),
                    hi: None,
                },
                BinOp::Le => Region {
                    lo: None,
                    hi: Some((k, true)),
                },
                BinOp::Lt => Region {
                    lo: None,
                    hi: Some((k, false)),
                },
                BinOp::Eq => Region {
                    lo: Some((k, true)),
                    hi: Some((k, true)),
                },
                _ => return None,
            };
            Some((key, r))
        }
        CExpr::InRange(a, b) => Some((
            a.as_ref(),
            Region {
                lo: b.min.map(|m| (m, true)),
                hi: b.max.map(|m| (m, !b.max_exclusive)),
            },
        )),
        _ => None,
    }
    .map(|(k, r)| (k, Region::ALL.intersect(r)))
}

/// `k op x` written as `x op' k`.
fn flip(op: BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::Le => BinOp::Ge,
        BinOp::Gt => BinOp::Lt,
        BinOp::Ge => BinOp::Le,
        BinOp::Eq => BinOp::Eq,
        _ => return None,
    })
}

/// True for `==`, `!=`, `<`, `<=`, `>`, `>=`.
fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
    )
}

/// True when `e` reads a list item's slot anywhere.
fn mentions_items(e: &CExpr) -> bool {
    match e {
        CExpr::Item { .. } => true,
        CExpr::Const(_) | CExpr::Field(_) | CExpr::Let(_) => false,
        CExpr::Not(a) | CExpr::Neg(a) | CExpr::InRange(a, _) => mentions_items(a),
        CExpr::Binary(_, a, b) | CExpr::Div(a, b, _) | CExpr::Where(a, b) | CExpr::Index(a, b) => {
            mentions_items(a) || mentions_items(b)
        }
        CExpr::InList(a, items) => mentions_items(a) || items.iter().any(mentions_items),
        CExpr::Call(_, args) => args.iter().any(mentions_items),
        CExpr::Agg(_, l, body, empty) => {
            mentions_items(l)
                || body.as_deref().is_some_and(mentions_items)
                || empty.as_deref().is_some_and(mentions_items)
        }
        CExpr::If(branches, other) => {
            mentions_items(other)
                || branches
                    .iter()
                    .any(|(c, v)| mentions_items(c) || mentions_items(v))
        }
    }
}

/// The values a field of this type can hold.
fn of_type(ty: &FieldType) -> Abs {
    match ty {
        FieldType::Bool => Abs::Bool(Truth::EITHER),
        FieldType::Int(b) | FieldType::Decimal(b) => Abs::Num(Interval::of_bounds(b)),
        _ => Abs::Any,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An interval from two numbers (in either order) and a point inside it.
    fn with_point() -> impl Strategy<Value = (Interval, Decimal)> {
        (-1000i64..1000, -1000i64..1000, 0u32..=100).prop_map(|(a, b, t)| {
            let (lo, hi) = (a.min(b), a.max(b));
            let p = lo + (hi - lo) * i64::from(t) / 100;
            (iv(lo, hi), Decimal::from(p))
        })
    }

    fn holds(op: BinOp, a: Decimal, b: Decimal) -> bool {
        match op {
            BinOp::Lt => a < b,
            BinOp::Le => a <= b,
            BinOp::Gt => a > b,
            BinOp::Ge => a >= b,
            BinOp::Eq => a == b,
            _ => a != b,
        }
    }

    fn inside(i: Interval, v: Decimal) -> bool {
        i.lo.is_none_or(|lo| v >= lo) && i.hi.is_none_or(|hi| v <= hi)
    }

    proptest! {
        /// Sound: a comparison said never (always) to hold is false (true) for every pair of
        /// numbers within the ranges; sums, differences and products stay within theirs.
        #[test]
        fn ranges_never_exclude_a_real_value(
            (x, a) in with_point(),
            (y, b) in with_point(),
            op in prop::sample::select(vec![BinOp::Lt, BinOp::Le, BinOp::Gt, BinOp::Ge, BinOp::Eq, BinOp::Ne]),
        ) {
            let t = compare(op, x, y);
            let real = holds(op, a, b);
            prop_assert!(!real || t.can_hold, "{op:?} {x:?} {y:?}: {a} {b} holds");
            prop_assert!(real || t.can_fail, "{op:?} {x:?} {y:?}: {a} {b} fails");
            prop_assert!(inside(x.add(y), a + b));
            prop_assert!(inside(x.add(y.neg()), a - b));
            prop_assert!(inside(x.mul(y), a * b));
            if b > Decimal::ZERO && a >= Decimal::ZERO {
                prop_assert!(inside(x.div(y), a / b));
            }
        }
    }

    fn iv(lo: i64, hi: i64) -> Interval {
        Interval {
            lo: Some(Decimal::from(lo)),
            hi: Some(Decimal::from(hi)),
        }
    }

    #[test]
    fn comparisons_over_ranges() {
        let score = iv(0, 10);
        let k = |v: i64| Interval::point(Decimal::from(v));
        let never = Truth {
            can_hold: false,
            can_fail: true,
        };
        let always = Truth {
            can_hold: true,
            can_fail: false,
        };
        assert_eq!(compare(BinOp::Ge, score, k(11)), never);
        assert_eq!(compare(BinOp::Ge, score, k(10)), Truth::EITHER);
        assert_eq!(compare(BinOp::Ge, score, k(0)), always);
        assert_eq!(compare(BinOp::Gt, score, k(10)), never);
        assert_eq!(compare(BinOp::Lt, score, k(0)), never);
        assert_eq!(compare(BinOp::Le, score, k(10)), always);
        assert_eq!(compare(BinOp::Eq, score, k(12)), never);
        assert_eq!(compare(BinOp::Ne, score, k(12)), always);
        assert_eq!(compare(BinOp::Eq, k(3), k(3)), always);
        assert_eq!(compare(BinOp::Ge, Interval::ALL, k(3)), Truth::EITHER);
    }

    #[test]
    fn arithmetic_widens_never_narrows() {
        assert_eq!(iv(0, 10).add(iv(1, 2)), iv(1, 12));
        assert_eq!(iv(0, 10).add(iv(1, 2).neg()), iv(-2, 9));
        assert_eq!(iv(-2, 3).mul(iv(4, 5)), iv(-10, 15));
        assert_eq!(iv(0, 10).div(iv(2, 4)), iv(0, 6));
        // 10 / 3 is rounded: the bound is rounded up, past it.
        assert_eq!(iv(0, 10).div(iv(3, 4)), iv(0, 5));
        assert_eq!(iv(0, 10).div(iv(0, 4)), Interval::ALL);
        let max = Interval::point(Decimal::MAX);
        assert_eq!(max.add(max), Interval::ALL);
    }

    #[test]
    fn regions_cover_narrower_regions() {
        let x = CExpr::Field(0);
        let num = |v: i64| Box::new(CExpr::Const(Value::Num(Decimal::from(v))));
        let cmp = |op, v| CExpr::Binary(op, Box::new(x.clone()), num(v));
        let r = |e: &CExpr| region(e).map(|(_, r)| r).unwrap();
        assert!(r(&cmp(BinOp::Ge, 5)).covers(r(&cmp(BinOp::Ge, 7))));
        assert!(r(&cmp(BinOp::Ge, 5)).covers(r(&cmp(BinOp::Gt, 5))));
        assert!(!r(&cmp(BinOp::Gt, 5)).covers(r(&cmp(BinOp::Ge, 5))));
        assert!(!r(&cmp(BinOp::Ge, 7)).covers(r(&cmp(BinOp::Ge, 5))));
        let between = CExpr::Binary(
            BinOp::And,
            Box::new(cmp(BinOp::Ge, 5)),
            Box::new(cmp(BinOp::Lt, 8)),
        );
        assert!(r(&cmp(BinOp::Ge, 5)).covers(r(&between)));
        assert!(!r(&between).covers(r(&cmp(BinOp::Ge, 5))));
        // `5 <= x` is `x >= 5`.
        let flipped = CExpr::Binary(BinOp::Le, num(5), Box::new(x.clone()));
        assert_eq!(r(&flipped), r(&cmp(BinOp::Ge, 5)));
        // Different expressions are not compared.
        let y = CExpr::Binary(BinOp::Ge, Box::new(CExpr::Field(1)), num(9));
        assert_ne!(region(&y).map(|(k, _)| k.clone()), Some(x));
    }

    #[test]
    fn ranges_within_and_outside_bounds() {
        let b = Bounds {
            min: Some(Decimal::from(5)),
            max: Some(Decimal::from(10)),
            max_exclusive: true,
        };
        assert!(iv(5, 9).within(&b));
        assert!(!iv(5, 10).within(&b));
        assert!(iv(10, 12).outside(&b));
        assert!(iv(0, 4).outside(&b));
        assert!(!iv(4, 5).outside(&b));
    }
}
