//! How values read in Vietnamese text: `87,5` for numbers, `31/12/2024` for dates, `có` /
//! `không` for yes/no, labels for enumeration values.

use rust_decimal::Decimal;

use crate::answer::Reason;
use crate::eval::round_points;
use crate::expr_eval::{Env, eval_owned};
use crate::program::{CPart, CTemplate, Program, Ty};
use crate::value::Val;

/// A number with a decimal comma, at most 2 decimal places (half away from zero), no trailing zeros.
pub fn format_number(d: Decimal) -> String {
    let rounded = round_points(d, 2);
    let (mut mantissa, mut scale) = (rounded.mantissa(), rounded.scale());
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    let sign = if mantissa < 0 { "-" } else { "" };
    let pow = 10u128.pow(scale);
    let (whole, fraction) = (mantissa.unsigned_abs() / pow, mantissa.unsigned_abs() % pow);
    if scale == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole},{fraction:0width$}", width = scale as usize)
    }
}

/// A value as it reads in a Vietnamese sentence.
pub fn format_value(program: &Program, v: Val<'_>, ty: Ty) -> String {
    match v {
        Val::Unknown => "?".to_string(),
        Val::Bool(true) => "có".to_string(),
        Val::Bool(false) => "không".to_string(),
        Val::Num(n) => format_number(n),
        Val::Text(t) => t.to_string(),
        Val::Date(d) => format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year()),
        Val::Enum(i) => {
            let variant = match ty {
                Ty::Enum(id) => program
                    .enums
                    .get(id)
                    .and_then(|e| e.variants.get(i as usize)),
                _ => None,
            };
            variant.map_or_else(
                || i.to_string(),
                |v| v.label.clone().unwrap_or_else(|| v.name.clone()),
            )
        }
        Val::List(rows) => format!("{} mục", rows.len()),
    }
}

/// Fills a message template with values from a record.
pub(crate) fn format_template(program: &Program, t: &CTemplate, env: Env<'_>) -> String {
    template_reason(program, t, env).text()
}

/// Fills a reason template with values from a record, keeping the template's own text
/// (already escaped for JSON) apart from the values.
pub(crate) fn template_reason<'p>(program: &Program, t: &'p CTemplate, env: Env<'_>) -> Reason<'p> {
    let mut out = Reason::default();
    for p in &t.parts {
        match p {
            CPart::Text(s) => out.push_fixed(s),
            // A filtered list is gathered first, so that it reads like a stored one ("3 mục").
            CPart::Hole(e, ty) => {
                let owned = eval_owned(e, env);
                out.push_own(format_value(program, owned.as_val(), *ty));
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
