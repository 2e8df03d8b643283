//! Runtime values: what a record holds in each slot and what expressions compute.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use time::Date;

/// A value stored in a record slot or computed by an expression. `Unknown` is a missing or
/// invalid input, or anything computed from one; it is never an error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// Not known (missing, invalid, or computed from such a value).
    #[default]
    Unknown,
    /// A yes/no answer.
    Bool(bool),
    /// An exact decimal number (integers included).
    Num(Decimal),
    /// Free text.
    Text(String),
    /// A calendar date.
    Date(Date),
    /// An enumeration value, by its position in the declaration.
    Enum(u32),
    /// A list: one row of slot values per item (a single slot for plain values).
    List(Vec<Vec<Value>>),
}

/// A value borrowed from a record or a program during evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val<'a> {
    /// Not known.
    Unknown,
    /// A yes/no answer.
    Bool(bool),
    /// An exact decimal number.
    Num(Decimal),
    /// Free text.
    Text(&'a str),
    /// A calendar date.
    Date(Date),
    /// An enumeration value by position.
    Enum(u32),
    /// A list of items.
    List(&'a [Vec<Value>]),
}

impl Value {
    /// Borrows this value for evaluation.
    #[inline]
    pub fn as_val(&self) -> Val<'_> {
        match self {
            Value::Unknown => Val::Unknown,
            Value::Bool(b) => Val::Bool(*b),
            Value::Num(n) => Val::Num(*n),
            Value::Text(t) => Val::Text(t),
            Value::Date(d) => Val::Date(*d),
            Value::Enum(e) => Val::Enum(*e),
            Value::List(rows) => Val::List(rows),
        }
    }

    /// True for [`Value::Unknown`].
    #[inline]
    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }
}

impl Val<'_> {
    /// True for [`Val::Unknown`].
    #[inline]
    pub fn is_unknown(self) -> bool {
        matches!(self, Val::Unknown)
    }

    /// The value as an owned [`Value`].
    #[inline]
    pub fn to_value(self) -> Value {
        match self {
            Val::Unknown => Value::Unknown,
            Val::Bool(b) => Value::Bool(b),
            Val::Num(n) => Value::Num(n),
            Val::Text(t) => Value::Text(t.to_string()),
            Val::Date(d) => Value::Date(d),
            Val::Enum(e) => Value::Enum(e),
            Val::List(rows) => Value::List(rows.to_vec()),
        }
    }
}

/// Powers of ten up to the largest scale of a decimal, 10^28 (below 2^94).
const POW10: [i128; 29] = [
    1,
    10,
    100,
    1000,
    10000,
    100000,
    1000000,
    10000000,
    100000000,
    1000000000,
    10000000000,
    100000000000,
    1000000000000,
    10000000000000,
    100000000000000,
    1000000000000000,
    10000000000000000,
    100000000000000000,
    1000000000000000000,
    10000000000000000000,
    100000000000000000000,
    1000000000000000000000,
    10000000000000000000000,
    100000000000000000000000,
    1000000000000000000000000,
    10000000000000000000000000,
    100000000000000000000000000,
    1000000000000000000000000000,
    10000000000000000000000000000,
];

/// Orders two decimals, the same as `Ord` does, quickly: points, counts and bounds have small
/// mantissas, which compare as integers once brought to one scale.
#[inline]
pub(crate) fn cmp_num(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    // Zeros and opposite signs are quick for `Ord` too.
    let quick = a.is_zero() || b.is_zero() || a.is_sign_negative() != b.is_sign_negative();
    let Some(&pow) = POW10.get(sa.abs_diff(sb) as usize).filter(|_| !quick) else {
        return a.cmp(&b);
    };
    // A mantissa below 2^63 times 10^18 at most, or below 2^33 times 10^28 at most: the
    // product is below 2^127 and cannot overflow.
    let limit: u128 = if sa.abs_diff(sb) <= 18 {
        1 << 63
    } else {
        1 << 33
    };
    let small = |m: i128| m.unsigned_abs() < limit;
    let (x, y) = (a.mantissa(), b.mantissa());
    if sa == sb {
        x.cmp(&y)
    } else if sa < sb && small(x) {
        x.wrapping_mul(pow).cmp(&y)
    } else if sa > sb && small(y) {
        x.cmp(&y.wrapping_mul(pow))
    } else {
        a.cmp(&b)
    }
}

/// `v` clamped to `lo..=hi` (as `Ord::clamp`, with [`cmp_num`]).
#[inline]
pub(crate) fn clamp_num(v: Decimal, lo: Decimal, hi: Decimal) -> Decimal {
    if cmp_num(v, lo).is_lt() {
        lo
    } else if cmp_num(v, hi).is_gt() {
        hi
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_order_as_decimals_do() {
        let mantissas = [
            0i128,
            1,
            7,
            10,
            99,
            1 << 33,
            (1 << 33) + 1,
            1 << 63,
            (1 << 96) - 1,
        ];
        let mut all = Vec::new();
        for m in mantissas {
            for scale in [0, 1, 2, 5, 18, 19, 27, 28] {
                for sign in [1, -1] {
                    all.push(Decimal::from_i128_with_scale(sign * m, scale));
                }
            }
        }
        for &a in &all {
            for &b in &all {
                assert_eq!(cmp_num(a, b), a.cmp(&b), "{a} {b}");
            }
        }
    }
}
