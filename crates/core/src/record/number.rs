//! JSON numbers read exactly from their text, never through a binary float: `0.9999999999999999`
//! stays below 1 and `10.0000000000000000001` above 10.

use rust_decimal::Decimal;

/// Digits a whole part may have before a number is beyond every limit of the decoder
/// (10^20 is far above both [`super::INT_LIMIT`] and [`super::DECIMAL_LIMIT`]).
const WHOLE_DIGITS: i64 = 20;
/// Decimal places and significant digits a decimal holds exactly.
const DECIMAL_DIGITS: i64 = 28;

/// A JSON number as the decoder sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exact {
    /// Its exact value (trailing zeros of the fraction dropped: `1.50` is 1.5, `1.0` is 1).
    Num(Decimal),
    /// At least 10^20 in magnitude: beyond every limit.
    Huge,
    /// More than 28 decimal places or significant digits: a decimal cannot hold it, and it is
    /// not a whole number.
    TooPrecise,
}

/// The exact value of the JSON number `text` (`-12.5e3`); `None` when `text` is not a JSON
/// number. Linear in the length of the text; the exponent is read saturating.
pub fn exact(text: &str) -> Option<Exact> {
    let b = text.as_bytes();
    let (negative, rest) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    let whole_len = digits(rest);
    if whole_len == 0 {
        return None;
    }
    let (whole, rest) = rest.split_at(whole_len);
    let (fraction, rest) = match rest.split_first() {
        Some((b'.', after)) => match digits(after) {
            0 => return None,
            n => after.split_at(n),
        },
        _ => (&[][..], rest),
    };
    let exponent = match rest.split_first() {
        None => 0i64,
        Some((b'e' | b'E', after)) => {
            let (sign, after) = match after.split_first() {
                Some((b'-', a)) => (-1, a),
                Some((b'+', a)) => (1, a),
                _ => (1, after),
            };
            if after.is_empty() || digits(after) != after.len() {
                return None;
            }
            let e = after.iter().fold(0i64, |e, d| {
                e.saturating_mul(10).saturating_add(i64::from(d - b'0'))
            });
            sign * e
        }
        _ => return None,
    };
    // The significant digits, without leading or trailing zeros; the value is
    // significant × 10^(−scale).
    let all = whole.iter().chain(fraction);
    let count = whole.len() + fraction.len();
    let lead = all.clone().take_while(|d| **d == b'0').count();
    if lead == count {
        return Some(Exact::Num(Decimal::ZERO));
    }
    // Below `count − lead`: a digit other than zero stops it.
    let trail = all.clone().rev().take_while(|d| **d == b'0').count();
    let significant = count - lead - trail;
    let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let scale = to_i64(fraction.len())
        .saturating_sub(exponent)
        .saturating_sub(to_i64(trail));
    let k = to_i64(significant);
    if k.saturating_sub(scale) > WHOLE_DIGITS {
        return Some(Exact::Huge);
    }
    if scale > DECIMAL_DIGITS || k > DECIMAL_DIGITS {
        return Some(Exact::TooPrecise);
    }
    // At most 28 significant digits, or a whole number of at most 20 digits: fits an i128.
    let mut m: i128 = all
        .skip(lead)
        .take(significant)
        .fold(0, |m, d| m * 10 + i128::from(d - b'0'));
    let mut scale = scale;
    while scale < 0 {
        m *= 10;
        scale += 1;
    }
    if negative {
        m = -m;
    }
    let scale = u32::try_from(scale).ok()?;
    Decimal::try_from_i128_with_scale(m, scale)
        .ok()
        .map(Exact::Num)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Exact {
        Exact::Num(s.parse().unwrap())
    }

    #[test]
    fn numbers_are_read_exactly() {
        let cases = [
            ("0", num("0")),
            ("-0.0", num("0")),
            ("1", num("1")),
            ("1.0", num("1")),
            ("1.50", num("1.5")),
            ("0.9999999999999999", num("0.9999999999999999")),
            ("0.99999999999999999999", num("0.99999999999999999999")),
            ("10.0000000000000000001", num("10.0000000000000000001")),
            ("-12.5e3", num("-12500")),
            ("125E-2", num("1.25")),
            ("1e+2", num("100")),
            ("0.000e999999999999999999999", num("0")),
            ("9007199254740993", num("9007199254740993")),
            ("1e19", num("10000000000000000000")),
            ("1e20", Exact::Huge),
            ("-1e300", Exact::Huge),
            ("123456789012345678901", Exact::Huge),
            ("1e-28", num("0.0000000000000000000000000001")),
            ("1e-29", Exact::TooPrecise),
            ("1e-999999999999999999999", Exact::TooPrecise),
            ("0.12345678901234567890123456789", Exact::TooPrecise),
            ("1.0000000000000000000000000001", Exact::TooPrecise),
        ];
        for (text, expected) in cases {
            assert_eq!(exact(text), Some(expected), "{text}");
        }
        for text in [
            "", "-", "a", "1.", ".5", "1e", "1e+", "01x", "1.5.2", "\"1\"", "--1",
        ] {
            assert_eq!(exact(text), None, "{text}");
        }
    }
}
