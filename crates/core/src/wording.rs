//! How values read in Vietnamese text: `87,5` for numbers, `31/12/2024` for dates, `có` /
//! `không` for yes/no, labels for enumeration values.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::eval::round_points;
use crate::expression::{Env, eval_owned};
use crate::program::{CPart, CTemplate, Program, Ty};
use crate::rule_text::Reason;
use crate::value::Val;

/// A number with a decimal comma, at most 2 decimal places (half away from zero), no trailing zeros.
pub fn format_number(d: Decimal) -> String {
    let mut out = String::new();
    write_number(&mut out, d);
    out
}

/// [`format_number`], appended to `out`.
pub fn write_number(out: &mut String, d: Decimal) {
    let rounded = round_points(d, 2);
    let (mut mantissa, mut scale) = (rounded.mantissa(), rounded.scale());
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    if mantissa < 0 {
        out.push('-');
    }
    let pow = 10u128.pow(scale);
    let (whole, fraction) = (mantissa.unsigned_abs() / pow, mantissa.unsigned_abs() % pow);
    // Writing into a String cannot fail.
    let _ = if scale == 0 {
        write!(out, "{whole}")
    } else {
        write!(out, "{whole},{fraction:0width$}", width = scale as usize)
    };
}

/// A value as it reads in a Vietnamese sentence.
pub fn format_value(program: &Program, v: Val<'_>, ty: Ty) -> String {
    let mut out = String::new();
    write_value(&mut out, program, v, ty);
    out
}

/// [`format_value`], appended to `out`.
pub fn write_value(out: &mut String, program: &Program, v: Val<'_>, ty: Ty) {
    // Writing into a String cannot fail.
    let _ = match v {
        Val::Unknown => out.write_str("?"),
        Val::Bool(true) => out.write_str("có"),
        Val::Bool(false) => out.write_str("không"),
        Val::Num(n) => {
            write_number(out, n);
            Ok(())
        }
        Val::Text(t) => out.write_str(t),
        Val::Date(d) => write!(
            out,
            "{:02}/{:02}/{:04}",
            d.day(),
            u8::from(d.month()),
            d.year()
        ),
        Val::Enum(i) => {
            let variant = match ty {
                Ty::Enum(id) => program
                    .enums
                    .get(id)
                    .and_then(|e| e.variants.get(i as usize)),
                _ => None,
            };
            match variant {
                Some(v) => out.write_str(v.label.as_deref().unwrap_or(&v.name)),
                None => write!(out, "{i}"),
            }
        }
        Val::List(rows) => write!(out, "{} mục", rows.len()),
        Val::Picked(_, items) => write!(out, "{} mục", items.len()),
    };
}

/// Fills a message template with values from a record; its own words stay the rule file's.
pub(crate) fn format_template<'p>(program: &Program, t: &'p CTemplate, env: Env<'_>) -> Reason<'p> {
    let holes = t
        .parts
        .iter()
        .filter(|p| matches!(p, CPart::Hole(..)))
        .count();
    let mut out = Reason::with_capacity(t.parts.len(), holes);
    for p in &t.parts {
        match p {
            CPart::Text(s) => out.push_fixed(s),
            // A filtered list is gathered first, so that it reads like a stored one ("3 mục").
            CPart::Hole(e, ty) => {
                let owned = eval_owned(e, env);
                out.push_own(|buf| write_value(buf, program, owned.as_val(), *ty));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_decimal_comma() {
        assert_eq!(format_number(Decimal::new(875, 1)), "87,5");
        assert_eq!(format_number(Decimal::new(8500, 2)), "85");
        assert_eq!(format_number(Decimal::new(66_6666, 4)), "66,67");
        assert_eq!(format_number(Decimal::new(2024, 0)), "2024");
        assert_eq!(format_number(Decimal::new(-49, 1)), "-4,9");
        assert_eq!(format_number(Decimal::new(105, 3)), "0,11");
        assert_eq!(format_number(Decimal::new(-1, 3)), "0");
        assert_eq!(format_number(Decimal::new(1_000_005, 2)), "10000,05");
        assert_eq!(format_number(Decimal::ZERO), "0");
    }
}
