//! Criteria, indicators and the decision rules (pass threshold, floors, tiers).

use super::block::{block, repeated, unknown_statement};
use super::expr::{expr, range, template};
use super::lex::{
    Cx, PResult, cut_err, expected, expected_any, ident, item_id, keyword, number, peek_keyword,
    string, symbol, ws,
};
use crate::ast::{
    Award, Band, Criterion, Decision, Indicator, Level, Meta, NaEffect, NotApplicable, Number,
    Pass, Reason, ReasonKind, RoundingSpec, Str, Tier,
};
use crate::error::Want;
use crate::keywords::Kw;

const CRITERION_CLOSERS: &[Kw] = &[
    Kw::Criterion,
    Kw::Tier,
    Kw::Level,
    Kw::Test,
    Kw::Let,
    Kw::Input,
    Kw::Recognized,
];
const INDICATOR_CLOSERS: &[Kw] = &[
    Kw::Indicator,
    Kw::Criterion,
    Kw::Tier,
    Kw::Level,
    Kw::Test,
    Kw::Let,
    Kw::Input,
    Kw::Recognized,
];

/// Reads `criterion ID "label" N points { ... }`.
pub(crate) fn criterion<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Criterion> {
    let start = ws(s);
    let (r, _) = keyword(cx, Kw::Criterion)(start)?;
    let (r, id) = cut_err(item_id(cx, r))?;
    let (r, label) = cut_err(string(cx, r))?;
    let (r, max) = optional_points(cx, r)?;
    let mut meta = Meta::default();
    let mut indicators = Vec::new();
    let (r, _) = cut_err(block(cx, r, CRITERION_CLOSERS, |st| {
        if let Some(done) = meta_statement(cx, st, &mut meta)? {
            return Ok((done, ()));
        }
        if keyword(cx, Kw::Indicator)(st).is_ok() {
            let (r, ind) = indicator(cx, st)?;
            indicators.push(ind);
            return Ok((r, ()));
        }
        unknown_statement(
            st,
            &[
                Want::Keyword(Kw::Indicator),
                Want::Keyword(Kw::Source),
                Want::Keyword(Kw::Provisional),
                Want::Keyword(Kw::English),
                Want::Keyword(Kw::Floor),
            ],
        )
    }))?;
    Ok((
        r,
        Criterion {
            id,
            label,
            max,
            meta,
            indicators,
            span: cx.span(start, r),
        },
    ))
}

/// Reads `N points` when a number comes next (models decided by levels have no points).
fn optional_points<'a>(cx: &Cx, r: &'a str) -> PResult<'a, Option<Number>> {
    if !ws(r).starts_with(|c: char| c.is_ascii_digit()) {
        return Ok((r, None));
    }
    let (r, max) = cut_err(number(cx, r))?;
    let (r, _) = cut_err(keyword(cx, Kw::Points)(r))?;
    Ok((r, Some(max)))
}

/// Reads `english`, `source`, `provisional` or `floor` when one starts `st`.
fn meta_statement<'a>(
    cx: &Cx,
    st: &'a str,
    meta: &mut Meta,
) -> Result<Option<&'a str>, nom::Err<super::lex::PErr>> {
    if let Ok((r, _)) = keyword(cx, Kw::English)(st) {
        let (r, v) = cut_err(string(cx, r))?;
        if meta.english.is_some() {
            repeated(cx, st, &[Kw::English]);
        }
        meta.english = Some(v);
        return Ok(Some(r));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Source)(st) {
        let (r, v) = cut_err(string(cx, r))?;
        meta.sources.push(v);
        return Ok(Some(r));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Provisional)(st) {
        let (r, v) = cut_err(string(cx, r))?;
        if meta.provisional.is_some() {
            repeated(cx, st, &[Kw::Provisional]);
        }
        meta.provisional = Some(v);
        return Ok(Some(r));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Floor)(st) {
        let (r, v) = cut_err(number(cx, r))?;
        if meta.floor.is_some() {
            repeated(cx, st, &[Kw::Floor]);
        }
        meta.floor = Some(v);
        return Ok(Some(r));
    }
    Ok(None)
}

const INDICATOR_STATEMENTS: &[Want] = &[
    Want::Keyword(Kw::Award),
    Want::Keyword(Kw::Pass),
    Want::Keywords(&[Kw::Not, Kw::Applicable]),
    Want::Keyword(Kw::Reason),
    Want::Keyword(Kw::Met),
    Want::Keyword(Kw::Partial),
    Want::Keyword(Kw::Unmet),
    Want::Keyword(Kw::Source),
    Want::Keyword(Kw::Provisional),
    Want::Keyword(Kw::English),
    Want::Keyword(Kw::Floor),
    Want::Keyword(Kw::Rounding),
];

/// Reads `rounding N [mode]`; the mode is a word on the same line (checked later).
pub(crate) fn rounding_spec<'a>(cx: &Cx, s: &'a str) -> PResult<'a, RoundingSpec> {
    let start = ws(s);
    let (r, _) = keyword(cx, Kw::Rounding)(start)?;
    let (r, places) = cut_err(number(cx, r))?;
    let same_line = r.trim_start_matches([' ', '\t']);
    let (r, mode) = if same_line.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        let (r, m) = cut_err(ident(cx, r))?;
        (r, Some(m))
    } else {
        (r, None)
    };
    Ok((
        r,
        RoundingSpec {
            places,
            mode,
            span: cx.span(start, r),
        },
    ))
}

/// Reads `indicator ID "label" [deduct] N points { ... }`.
pub(crate) fn indicator<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Indicator> {
    let start = ws(s);
    let (r, _) = keyword(cx, Kw::Indicator)(start)?;
    let (r, id) = cut_err(item_id(cx, r))?;
    let (r, label) = cut_err(string(cx, r))?;
    let (r, deduction) = match keyword(cx, Kw::Deduct)(r) {
        Ok((after, _)) => {
            let at = ws(r);
            let span = cx.span(at, after);
            if !ws(after).starts_with(|c: char| c.is_ascii_digit()) {
                return cut_err(expected(ws(after), Want::DeductMax));
            }
            (after, Some(span))
        }
        Err(_) => (r, None),
    };
    let (r, max) = optional_points(cx, r)?;
    let mut ind = Indicator {
        id,
        label,
        max,
        deduction,
        meta: Meta::default(),
        award: None,
        passes: Vec::new(),
        not_applicable: None,
        reasons: Vec::new(),
        rounding: None,
        span: cx.span(start, r),
    };
    let (r, _) = cut_err(block(cx, r, INDICATOR_CLOSERS, |st| {
        indicator_statement(cx, st, &mut ind)
    }))?;
    ind.span = cx.span(start, r);
    Ok((r, ind))
}

fn indicator_statement<'a>(cx: &Cx, st: &'a str, ind: &mut Indicator) -> PResult<'a, ()> {
    if let Some(done) = meta_statement(cx, st, &mut ind.meta)? {
        return Ok((done, ()));
    }
    if keyword(cx, Kw::Award)(st).is_ok() {
        let (r, a) = award(cx, st)?;
        if ind.award.is_some() {
            repeated(cx, st, &[Kw::Award]);
        } else {
            ind.award = Some(a);
        }
        return Ok((r, ()));
    }
    if keyword(cx, Kw::Rounding)(st).is_ok() {
        let (r, spec) = rounding_spec(cx, st)?;
        if ind.rounding.is_some() {
            repeated(cx, st, &[Kw::Rounding]);
        } else {
            ind.rounding = Some(spec);
        }
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Pass)(st) {
        let (r, level) = match keyword(cx, Kw::At)(r) {
            Ok((r2, _)) => {
                let (r2, _) = cut_err(keyword(cx, Kw::Level)(r2))?;
                let (r2, n) = cut_err(number(cx, r2))?;
                (r2, Some(n))
            }
            Err(_) => (r, None),
        };
        let (r, _) = cut_err(keyword(cx, Kw::When)(r))?;
        let (r, when) = cut_err(expr(cx, r))?;
        ind.passes.push(Pass {
            level,
            when,
            span: cx.span(ws(st), r),
        });
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Not)(st) {
        let (r, _) = cut_err(keyword(cx, Kw::Applicable)(r))?;
        if ws(r).starts_with('"') {
            let (r, text) = cut_err(template(cx, r))?;
            ind.reasons.push(Reason {
                kind: ReasonKind::NotApplicable,
                text,
            });
            return Ok((r, ()));
        }
        let (r, _) = cut_err(keyword(cx, Kw::When)(r))?;
        let (r, when) = cut_err(expr(cx, r))?;
        let (r, _) = cut_err(keyword(cx, Kw::Counts)(r))?;
        let (r, _) = cut_err(keyword(cx, Kw::As)(r))?;
        let r0 = ws(r);
        let (r, effect) = if let Ok((r2, _)) = keyword(cx, Kw::Full)(r0) {
            (r2, NaEffect::Full)
        } else if let Ok((r2, _)) = keyword(cx, Kw::Excluded)(r0) {
            (r2, NaEffect::Excluded)
        } else {
            return cut_err(expected(r0, Want::FullOrExcluded));
        };
        if ind.not_applicable.is_some() {
            repeated(cx, st, &[Kw::Not, Kw::Applicable]);
        }
        ind.not_applicable = Some(NotApplicable {
            when,
            effect,
            span: cx.span(ws(st), r),
        });
        return Ok((r, ()));
    }
    for (kw, kind) in [
        (Kw::Reason, ReasonKind::Any),
        (Kw::Met, ReasonKind::Met),
        (Kw::Partial, ReasonKind::Partial),
        (Kw::Unmet, ReasonKind::Unmet),
    ] {
        if let Ok((r, _)) = keyword(cx, kw)(st) {
            let (r, text) = cut_err(template(cx, r))?;
            ind.reasons.push(Reason { kind, text });
            return Ok((r, ()));
        }
    }
    unknown_statement(st, INDICATOR_STATEMENTS)
}

fn award<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Award> {
    let start = ws(s);
    let (r, _) = keyword(cx, Kw::Award)(start)?;
    if let Ok((r, _)) = keyword(cx, Kw::Whole)(r) {
        let (r, _) = cut_err(keyword(cx, Kw::When)(r))?;
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Whole(e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Proportional)(r) {
        let (r, _) = cut_err(keyword(cx, Kw::ProportionalTo)(r))?;
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Proportional(e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Deduct)(r) {
        let (r, n) = cut_err(number(cx, r))?;
        let (r, _) = cut_err(keyword(cx, Kw::Per)(r))?;
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Deduct(n, e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Value)(r) {
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Value(e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Bands)(r) {
        let (mut r, _) = cut_err(symbol("{")(r))?;
        let mut bands = Vec::new();
        let mut otherwise = None;
        loop {
            if let Ok((after, _)) = symbol("}")(r) {
                return Ok((after, Award::Bands(bands, otherwise, cx.span(start, after))));
            }
            if let Ok((after, _)) = keyword(cx, Kw::Otherwise)(r) {
                let (after, n) = cut_err(number(cx, after))?;
                otherwise = Some(n);
                r = after;
                continue;
            }
            let (after, points) = cut_err(number(cx, r).or_else(|_| expected(ws(r), Want::Band)))?;
            let (after, _) = cut_err(keyword(cx, Kw::When)(after))?;
            let (after, when) = cut_err(expr(cx, after))?;
            bands.push(Band { points, when });
            r = after;
        }
    }
    cut_err(expected_any(
        ws(r),
        &[
            Want::Keyword(Kw::Whole),
            Want::Keyword(Kw::Proportional),
            Want::Keyword(Kw::Bands),
            Want::Keyword(Kw::Deduct),
            Want::Keyword(Kw::Value),
        ],
    ))
}

/// Reads `"label" [en "English label"]`.
pub(crate) fn labels<'a>(cx: &Cx, r: &'a str) -> PResult<'a, (Str, Option<Str>)> {
    let (r, label) = string(cx, r)?;
    match keyword(cx, Kw::En)(r) {
        Ok((r2, _)) => {
            let (r2, english) = cut_err(string(cx, r2))?;
            Ok((r2, (label, Some(english))))
        }
        Err(_) => Ok((r, (label, None))),
    }
}

/// Reads an optional `recognized` mark (not the start of `recognized when …` on the next line).
fn recognized_mark<'a>(cx: &Cx, r: &'a str) -> (&'a str, bool) {
    match keyword(cx, Kw::Recognized)(r) {
        Ok((r2, _)) if !peek_keyword(r2, Kw::When) => (r2, true),
        _ => (r, false),
    }
}

/// Reads a decision statement when one starts `s`: `recognized when total >= N`,
/// `floor each indicator N` or `tier "label" [en "label"] when total in RANGE [recognized]`.
pub(crate) fn decision<'a>(
    cx: &Cx,
    s: &'a str,
) -> Result<Option<(&'a str, Decision)>, nom::Err<super::lex::PErr>> {
    let start = ws(s);
    if let Ok((r, _)) = keyword(cx, Kw::Recognized)(start) {
        let (r, _) = cut_err(keyword(cx, Kw::When)(r))?;
        let (r, _) = cut_err(keyword(cx, Kw::Total)(r))?;
        let (r, _) = cut_err(symbol(">=")(r))?;
        let (r, n) = cut_err(number(cx, r))?;
        // A guessed threshold says so: `recognized when total >= 80 provisional "why"`.
        let (r, why) = match keyword(cx, Kw::Provisional)(r) {
            Ok((r2, _)) => {
                let (r2, why) = cut_err(string(cx, r2))?;
                (r2, Some(why))
            }
            Err(_) => (r, None),
        };
        return Ok(Some((r, Decision::Pass(n, why, cx.span(start, r)))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Floor)(start) {
        let (r, _) = cut_err(keyword(cx, Kw::Each)(r))?;
        let (r, _) = cut_err(keyword(cx, Kw::Indicator)(r))?;
        let (r, n) = cut_err(number(cx, r))?;
        return Ok(Some((
            r,
            Decision::FloorEachIndicator(n, cx.span(start, r)),
        )));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Level)(start) {
        let (r, (label, english)) = cut_err(labels(cx, r))?;
        let (r, recognized) = recognized_mark(cx, r);
        let level = Level {
            label,
            english,
            recognized,
            span: cx.span(start, r),
        };
        return Ok(Some((r, Decision::Level(level))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Tier)(start) {
        let (r, (label, english)) = cut_err(labels(cx, r))?;
        let (r, _) = cut_err(keyword(cx, Kw::When)(r))?;
        let (r, _) = cut_err(keyword(cx, Kw::Total)(r))?;
        let (r, _) = cut_err(keyword(cx, Kw::In)(r))?;
        let (r, rg) = cut_err(range(cx, r))?;
        let (r, recognized) = recognized_mark(cx, r);
        let tier = Tier {
            label,
            english,
            range: rg,
            recognized,
            span: cx.span(start, r),
        };
        return Ok(Some((r, Decision::Tier(tier))));
    }
    Ok(None)
}
