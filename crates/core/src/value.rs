//! Runtime values: what a record holds in each slot and what expressions compute.

use std::borrow::Cow;
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
    /// Some items of the list in the record's input field at this slot, by position: what a
    /// `let` that filters a list input (`members where …`) holds, instead of copies of them.
    Picked(usize, Vec<u32>),
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
    /// Some items of a list input field, by position (see [`Value::Picked`]).
    Picked(usize, &'a [u32]),
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
            Value::Picked(field, items) => Val::Picked(*field, items),
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
            Val::Picked(field, items) => Value::Picked(field, items.to_vec()),
        }
    }
}

/// `text` in Unicode normalisation form C, as Vietnamese is usually typed (`ế` one character,
/// not `e` + U+0302 + U+0301 as some Mac and web forms save it): texts and labels are
/// compared in this form. The quick check answers without copying for text already in NFC,
/// nearly all of it.
///
/// With the default feature `nfc-tables` this uses the `unicode-normalization` crate. Without
/// it (the browser build, where the crate's tables were about 64 KB of the 338 KB gzipped
/// module), text that is not plain goes to the normaliser installed with [`set_normalizer`]
/// (in the browser, `String.prototype.normalize("NFC")`), or stays as it is when none is
/// installed. Browsers normalise with their own Unicode tables: the results are the same for
/// Vietnamese; they can differ only for characters added in very recent Unicode versions that
/// one side's tables do not know yet.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.chars().all(plain) {
        return Cow::Borrowed(text);
    }
    normalize(text)
}

/// [`nfc`] of text that is not all [`plain`], with the crate's tables.
#[cfg(feature = "nfc-tables")]
fn normalize(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// [`nfc`] of text that is not all [`plain`], with the installed normaliser, if any.
#[cfg(not(feature = "nfc-tables"))]
fn normalize(text: &str) -> Cow<'_, str> {
    match NORMALIZER.get() {
        Some(normalizer) => {
            let out = normalizer(text);
            if out == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(out)
            }
        }
        None => Cow::Borrowed(text),
    }
}

/// The normaliser installed by [`set_normalizer`].
static NORMALIZER: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Installs the function that puts text in NFC when tieuchi-core is built without its
/// feature `nfc-tables` (the browser build installs one calling the browser's
/// `String.prototype.normalize("NFC")`). Only the first call installs; it returns whether
/// this one did. With `nfc-tables` the crate's tables are used and the function is not called.
pub fn set_normalizer(normalizer: fn(&str) -> String) -> bool {
    NORMALIZER.set(normalizer).is_ok()
}

/// A character that is in NFC and combines with nothing before it whatever surrounds it:
/// below the combining marks (U+0300), or a precomposed letter of Latin Extended Additional
/// (U+1E00–U+1EFF: ế, ạ, ờ…), which is how Vietnamese is written. Checked first because the
/// crate's quick check looks up two tables per character: measured on the unit records, it
/// made decoding a record half as slow again (1.09 µs to 1.6 µs) before this shortcut.
fn plain(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
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
pub(crate) fn cmp_num(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    let (x, y) = (a.mantissa(), b.mantissa());
    if sa == sb {
        return x.cmp(&y);
    }
    let diff = sa.abs_diff(sb) as usize;
    // A mantissa below 2^63 times 10^18 at most, or below 2^33 times 10^28 at most: the
    // product is below 2^127 and cannot overflow.
    let limit: u128 = if diff <= 18 { 1 << 63 } else { 1 << 33 };
    match POW10.get(diff) {
        Some(&pow) if sa < sb && x.unsigned_abs() < limit => x.wrapping_mul(pow).cmp(&y),
        Some(&pow) if sa > sb && y.unsigned_abs() < limit => x.cmp(&y.wrapping_mul(pow)),
        _ => a.cmp(&b),
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

/// `a / b` exactly as [`Decimal::checked_div`] gives it, quickly for the common share of
/// whole numbers `part / whole` (0 ≤ part ≤ whole < 2^32); other operands go to `checked_div`.
#[inline]
pub(crate) fn div_num(a: Decimal, b: Decimal) -> Option<Decimal> {
    let whole = |d: Decimal| {
        (d.scale() == 0 && !d.is_sign_negative())
            .then(|| u32::try_from(d.mantissa()).ok())
            .flatten()
    };
    match (whole(a), whole(b)) {
        (Some(x), Some(y)) if y != 0 && x <= y => share(u64::from(x), u64::from(y)),
        _ => None,
    }
    .or_else(|| a.checked_div(b))
}

/// `x / y` for 0 ≤ x ≤ y, 0 < y < 2^32, done as rust_decimal's division does it: a whole
/// quotient as is; otherwise long division 9, 9, 9 and 1 digits at a time (the quotient stays
/// below 10^28, so each step fits and rust_decimal takes these very steps), stopping when
/// nothing remains; at scale 28 a remainder rounds half to even; then trailing zeros are
/// dropped as rust_decimal's `unscale` drops them. A test compares it with `checked_div`.
fn share(x: u64, y: u64) -> Option<Decimal> {
    if x == 0 {
        return Some(Decimal::ZERO);
    }
    if x == y {
        return Some(Decimal::ONE);
    }
    let (mut q, mut r, mut scale) = (0u128, x, 0u32);
    for step in [9u32, 9, 9, 1] {
        let p = 10u64.pow(step);
        // r < y < 2^32 and p ≤ 10^9 < 2^30: no overflow.
        let n = r * p;
        q = q * u128::from(p) + u128::from(n / y);
        r = n % y;
        scale += step;
        if r == 0 {
            break;
        }
    }
    if r != 0 && (2 * r > y || (2 * r == y && q & 1 == 1)) {
        q += 1;
    }
    #[expect(clippy::cast_possible_truncation, reason = "the two 64-bit halves")]
    let (high, low) = ((q >> 64) as u64, q as u64);
    // Trailing zeros need a quotient divisible by 10: told from its halves (2^64 is 6 modulo
    // 10) before any 128-bit division.
    if (high % 10 * 6 + low % 10) % 10 == 0 {
        (q, scale) = strip_zeros(q, scale);
    }
    // q ≤ 10^28 < 2^96 and scale ≤ 28.
    #[expect(clippy::cast_possible_truncation, reason = "q is below 2^96")]
    let parts = (q as u32, (q >> 32) as u32, (q >> 64) as u32);
    (q < 1 << 96 && scale <= 28)
        .then(|| Decimal::from_parts(parts.0, parts.1, parts.2, false, scale))
}

/// `(q, scale)` without the trailing zeros of `q`, dropped as rust_decimal's `unscale` drops
/// them (eight at a time, then four, two, one).
fn strip_zeros(mut q: u128, mut scale: u32) -> (u128, u32) {
    while q & 0xFFFF_FFFF == 0 && scale >= 8 && q.is_multiple_of(100_000_000) {
        q /= 100_000_000;
        scale -= 8;
    }
    for (low_bits, digits, pow) in [(0xF, 4, 10_000), (0x3, 2, 100), (0x1, 1, 10)] {
        if q & low_bits == 0 && scale >= digits && q.is_multiple_of(pow) {
            q /= pow;
            scale -= digits;
        }
    }
    (q, scale)
}

/// `p` rounded to `places` decimals, half away from zero, exactly as
/// `round_dp_with_strategy(places, MidpointAwayFromZero)` gives it (same value, scale and
/// sign), with one division of the mantissa instead of rust_decimal's digit loops.
#[inline]
pub(crate) fn round_half_away(p: Decimal, places: u32) -> Decimal {
    let scale = p.scale();
    if scale <= places {
        return p;
    }
    let pow = POW10
        .get((scale - places) as usize)
        .map(|&p| p.unsigned_abs());
    let m = p.mantissa().unsigned_abs();
    let rounded = pow.filter(|_| m != 0).and_then(|pow| {
        let q = m / pow;
        // The fraction dropped is compared with one half (pow is even).
        let q = if m - q * pow >= pow / 2 { q + 1 } else { q };
        // 0 < q ≤ m < 2^96, and places < scale ≤ 28.
        #[expect(clippy::cast_possible_truncation, reason = "q is below 2^96")]
        let parts = (q as u32, (q >> 32) as u32, (q >> 64) as u32);
        let negative = p.is_sign_negative();
        (q != 0 && q < 1 << 96)
            .then(|| Decimal::from_parts(parts.0, parts.1, parts.2, negative, places))
    });
    rounded.unwrap_or_else(|| {
        p.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "nfc-tables")]
    fn plain_characters_are_nfc_and_start_nothing() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in ('\0'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}') {
            assert!(plain(c));
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(!plain('\u{301}'));
    }

    #[test]
    #[cfg(feature = "nfc-tables")]
    fn texts_are_put_in_nfc() {
        // "Trung học cơ sở" with its marks as separate combining characters (NFD).
        let nfd = "Trung ho\u{323}c \u{63}o\u{31b} so\u{31b}\u{309}";
        let cases = [
            (nfd, "Trung học cơ sở", false),
            ("Trung học cơ sở", "Trung học cơ sở", true),
            ("plain ascii", "plain ascii", true),
            ("", "", true),
        ];
        for (input, expected, borrowed) in cases {
            let out = nfc(input);
            assert_eq!(out, expected, "{input:?}");
            assert_eq!(matches!(out, Cow::Borrowed(_)), borrowed, "{input:?}");
        }
    }

    /// Without the tables (`cargo test -p tieuchi-core --no-default-features`): plain text is
    /// never handed to the normaliser, other text is, and stays as it is before one is
    /// installed.
    #[test]
    #[cfg(not(feature = "nfc-tables"))]
    fn texts_go_to_the_installed_normalizer() {
        fn marked(text: &str) -> String {
            format!("[{text}]")
        }
        assert!(matches!(nfc("e\u{301}"), Cow::Borrowed("e\u{301}")));
        assert!(set_normalizer(marked));
        assert!(!set_normalizer(marked));
        let cases = [
            ("Trung học cơ sở", "Trung học cơ sở"),
            ("e\u{301}", "[e\u{301}]"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(nfc(input), expected, "{input:?}");
        }
    }

    fn same(a: Decimal, b: Decimal) -> bool {
        a.serialize() == b.serialize()
    }

    #[test]
    fn shares_divide_as_decimals_do() {
        let check = |x: u64, y: u64| {
            let (a, b) = (Decimal::from(x), Decimal::from(y));
            let fast = div_num(a, b).unwrap();
            assert!(same(fast, a.checked_div(b).unwrap()), "{x}/{y}: {fast}");
        };
        for y in 1..=700u64 {
            for x in 0..=y {
                check(x, y);
            }
        }
        // Larger wholes: a pseudo-random walk, and the edges.
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..300_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let y = (s >> 32).max(1) >> (s % 32);
            let y = y.max(1);
            check((s & 0xFFFF_FFFF) % (y + 1), y);
        }
        for y in [
            u32::MAX as u64,
            (1 << 31) + 1,
            1 << 31,
            999_999_999,
            1_000_000_000,
        ] {
            for x in [1, 2, 3, y / 2, y / 2 + 1, y / 3, y - 1, y] {
                check(x, y);
            }
        }
        // Outside the quick case: the same as `checked_div`.
        for (a, b) in [
            ("7", "3"),
            ("-1", "3"),
            ("1.5", "3"),
            ("1", "0"),
            ("0", "0"),
        ] {
            let (a, b): (Decimal, Decimal) = (a.parse().unwrap(), b.parse().unwrap());
            assert_eq!(
                div_num(a, b).map(|d| d.serialize()),
                a.checked_div(b).map(|d| d.serialize())
            );
        }
    }

    #[test]
    fn rounding_matches_rust_decimal() {
        let slow = |d: Decimal, places: u32| {
            d.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        };
        let mut s = 0x2545_F491_4F6C_DD1Du64;
        let mut all = Vec::new();
        for m in [
            0i128,
            1,
            4,
            5,
            6,
            15,
            25,
            49,
            50,
            51,
            995,
            12_345,
            (1 << 96) - 1,
        ] {
            for scale in 0..=28 {
                for sign in [1, -1] {
                    all.push(Decimal::from_i128_with_scale(sign * m, scale));
                }
            }
        }
        for _ in 0..200_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let m = (i128::from(s) << 32 | i128::from(s >> 20)) >> (s % 90);
            let m = m % (1 << 96);
            let scale = u32::try_from(s % 29).unwrap();
            let sign = if s & 1 == 1 { -1 } else { 1 };
            all.push(Decimal::from_i128_with_scale(sign * m, scale));
        }
        for d in [
            Decimal::from(70) / Decimal::from(72) * Decimal::from(10),
            Decimal::ONE / Decimal::from(3),
        ] {
            all.push(d);
        }
        for d in all {
            for places in 0..=6 {
                assert!(
                    same(round_half_away(d, places), slow(d, places)),
                    "{d} {places}"
                );
            }
        }
    }

    /// Decimals at the edges of the quick paths: small and large mantissas, every kind of
    /// scale, both signs, and zeros with the sign flag set.
    fn edge_decimals() -> Vec<Decimal> {
        let mantissas = [
            0i128,
            1,
            7,
            10,
            99,
            1 << 33,
            (1 << 33) + 1,
            (1 << 63) - 1,
            1 << 63,
            (1 << 95) + 1,
            (1 << 96) - 1,
        ];
        let mut all = vec![-Decimal::ZERO, -Decimal::new(0, 2)];
        for m in mantissas {
            for scale in [0, 1, 2, 5, 18, 19, 27, 28] {
                for sign in [1, -1] {
                    all.push(Decimal::from_i128_with_scale(sign * m, scale));
                }
            }
        }
        all
    }

    #[test]
    fn numbers_order_as_decimals_do() {
        let all = edge_decimals();
        for &a in &all {
            for &b in &all {
                assert_eq!(cmp_num(a, b), a.cmp(&b), "{a} {b}");
            }
        }
    }
}
