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

const CRITERION_CLOSERS: &[&str] = &[
    "criterion",
    "tier",
    "level",
    "test",
    "let",
    "input",
    "recognized",
];
const INDICATOR_CLOSERS: &[&str] = &[
    "indicator",
    "criterion",
    "tier",
    "level",
    "test",
    "let",
    "input",
    "recognized",
];

/// Reads `criterion ID "label" N points { ... }`.
pub(crate) fn criterion<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Criterion> {
    let start = ws(s);
    let (r, _) = keyword("criterion")(start)?;
    let (r, id) = cut_err(item_id(cx, r))?;
    let (r, label) = cut_err(string(cx, r))?;
    let (r, max) = optional_points(cx, r)?;
    let mut meta = Meta::default();
    let mut indicators = Vec::new();
    let (r, _) = cut_err(block(cx, r, CRITERION_CLOSERS, |st| {
        if let Some(done) = meta_statement(cx, st, &mut meta)? {
            return Ok((done, ()));
        }
        if keyword("indicator")(st).is_ok() {
            let (r, ind) = indicator(cx, st)?;
            indicators.push(ind);
            return Ok((r, ()));
        }
        unknown_statement(
            st,
            &[
                Want::Token("indicator"),
                Want::Token("source"),
                Want::Token("provisional"),
                Want::Token("english"),
                Want::Token("floor"),
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
    let (r, _) = cut_err(keyword("points")(r))?;
    Ok((r, Some(max)))
}

/// Reads `english`, `source`, `provisional` or `floor` when one starts `st`.
fn meta_statement<'a>(
    cx: &Cx,
    st: &'a str,
    meta: &mut Meta,
) -> Result<Option<&'a str>, nom::Err<super::lex::PErr>> {
    if let Ok((r, _)) = keyword("english")(st) {
        let (r, v) = cut_err(string(cx, r))?;
        if meta.english.is_some() {
            repeated(cx, st, "english", 7);
        }
        meta.english = Some(v);
        return Ok(Some(r));
    }
    if let Ok((r, _)) = keyword("source")(st) {
        let (r, v) = cut_err(string(cx, r))?;
        meta.sources.push(v);
        return Ok(Some(r));
    }
    if let Ok((r, _)) = keyword("provisional")(st) {
        let (r, v) = cut_err(string(cx, r))?;
        if meta.provisional.is_some() {
            repeated(cx, st, "provisional", 11);
        }
        meta.provisional = Some(v);
        return Ok(Some(r));
    }
    if let Ok((r, _)) = keyword("floor")(st) {
        let (r, v) = cut_err(number(cx, r))?;
        if meta.floor.is_some() {
            repeated(cx, st, "floor", 5);
        }
        meta.floor = Some(v);
        return Ok(Some(r));
    }
    Ok(None)
}

const INDICATOR_STATEMENTS: &[Want] = &[
    Want::Token("award"),
    Want::Token("pass"),
    Want::Token("not applicable"),
    Want::Token("reason"),
    Want::Token("met"),
    Want::Token("partial"),
    Want::Token("unmet"),
    Want::Token("source"),
    Want::Token("provisional"),
    Want::Token("english"),
    Want::Token("floor"),
    Want::Token("rounding"),
];

/// Reads `rounding N [mode]`; the mode is a word on the same line (checked later).
pub(crate) fn rounding_spec<'a>(cx: &Cx, s: &'a str) -> PResult<'a, RoundingSpec> {
    let start = ws(s);
    let (r, _) = keyword("rounding")(start)?;
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
    let (r, _) = keyword("indicator")(start)?;
    let (r, id) = cut_err(item_id(cx, r))?;
    let (r, label) = cut_err(string(cx, r))?;
    let (r, deduction) = match keyword("deduct")(r) {
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
    if keyword("award")(st).is_ok() {
        let (r, a) = award(cx, st)?;
        if ind.award.is_some() {
            repeated(cx, st, "award", 5);
        } else {
            ind.award = Some(a);
        }
        return Ok((r, ()));
    }
    if keyword("rounding")(st).is_ok() {
        let (r, spec) = rounding_spec(cx, st)?;
        if ind.rounding.is_some() {
            repeated(cx, st, "rounding", 8);
        } else {
            ind.rounding = Some(spec);
        }
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword("pass")(st) {
        let (r, level) = match keyword("at")(r) {
            Ok((r2, _)) => {
                let (r2, _) = cut_err(keyword("level")(r2))?;
                let (r2, n) = cut_err(number(cx, r2))?;
                (r2, Some(n))
            }
            Err(_) => (r, None),
        };
        let (r, _) = cut_err(keyword("when")(r))?;
        let (r, when) = cut_err(expr(cx, r))?;
        ind.passes.push(Pass {
            level,
            when,
            span: cx.span(ws(st), r),
        });
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword("not")(st) {
        let (r, _) = cut_err(keyword("applicable")(r))?;
        if ws(r).starts_with('"') {
            let (r, text) = cut_err(template(cx, r))?;
            ind.reasons.push(Reason {
                kind: ReasonKind::NotApplicable,
                text,
            });
            return Ok((r, ()));
        }
        let (r, _) = cut_err(keyword("when")(r))?;
        let (r, when) = cut_err(expr(cx, r))?;
        let (r, _) = cut_err(keyword("counts")(r))?;
        let (r, _) = cut_err(keyword("as")(r))?;
        let r0 = ws(r);
        let (r, effect) = if let Ok((r2, _)) = keyword("full")(r0) {
            (r2, NaEffect::Full)
        } else if let Ok((r2, _)) = keyword("excluded")(r0) {
            (r2, NaEffect::Excluded)
        } else {
            return cut_err(expected(r0, Want::FullOrExcluded));
        };
        if ind.not_applicable.is_some() {
            repeated(cx, st, "not applicable", 14);
        }
        ind.not_applicable = Some(NotApplicable {
            when,
            effect,
            span: cx.span(ws(st), r),
        });
        return Ok((r, ()));
    }
    for (kw, kind) in [
        ("reason", ReasonKind::Any),
        ("met", ReasonKind::Met),
        ("partial", ReasonKind::Partial),
        ("unmet", ReasonKind::Unmet),
    ] {
        if let Ok((r, _)) = keyword(kw)(st) {
            let (r, text) = cut_err(template(cx, r))?;
            ind.reasons.push(Reason { kind, text });
            return Ok((r, ()));
        }
    }
    unknown_statement(st, INDICATOR_STATEMENTS)
}

fn award<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Award> {
    let start = ws(s);
    let (r, _) = keyword("award")(start)?;
    if let Ok((r, _)) = keyword("whole")(r) {
        let (r, _) = cut_err(keyword("when")(r))?;
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Whole(e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword("proportional")(r) {
        let (r, _) = cut_err(keyword("to")(r))?;
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Proportional(e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword("deduct")(r) {
        let (r, n) = cut_err(number(cx, r))?;
        let (r, _) = cut_err(keyword("per")(r))?;
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Deduct(n, e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword("value")(r) {
        let (r, e) = cut_err(expr(cx, r))?;
        return Ok((r, Award::Value(e, cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword("bands")(r) {
        let (mut r, _) = cut_err(symbol("{")(r))?;
        let mut bands = Vec::new();
        let mut otherwise = None;
        loop {
            if let Ok((after, _)) = symbol("}")(r) {
                return Ok((after, Award::Bands(bands, otherwise, cx.span(start, after))));
            }
            if let Ok((after, _)) = keyword("otherwise")(r) {
                let (after, n) = cut_err(number(cx, after))?;
                otherwise = Some(n);
                r = after;
                continue;
            }
            let (after, points) = cut_err(number(cx, r).or_else(|_| expected(ws(r), Want::Band)))?;
            let (after, _) = cut_err(keyword("when")(after))?;
            let (after, when) = cut_err(expr(cx, after))?;
            bands.push(Band { points, when });
            r = after;
        }
    }
    cut_err(expected_any(
        ws(r),
        &[
            Want::Token("whole"),
            Want::Token("proportional"),
            Want::Token("bands"),
            Want::Token("deduct"),
            Want::Token("value"),
        ],
    ))
}

/// Reads `"label" [en "English label"]`.
pub(crate) fn labels<'a>(cx: &Cx, r: &'a str) -> PResult<'a, (Str, Option<Str>)> {
    let (r, label) = string(cx, r)?;
    match keyword("en")(r) {
        Ok((r2, _)) => {
            let (r2, english) = cut_err(string(cx, r2))?;
            Ok((r2, (label, Some(english))))
        }
        Err(_) => Ok((r, (label, None))),
    }
}

/// Reads an optional `recognized` mark (not the start of `recognized when …` on the next line).
fn recognized_mark(r: &str) -> (&str, bool) {
    match keyword("recognized")(r) {
        Ok((r2, _)) if !peek_keyword(r2, "when") => (r2, true),
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
    if let Ok((r, _)) = keyword("recognized")(start) {
        let (r, _) = cut_err(keyword("when")(r))?;
        let (r, _) = cut_err(keyword("total")(r))?;
        let (r, _) = cut_err(symbol(">=")(r))?;
        let (r, n) = cut_err(number(cx, r))?;
        // A guessed threshold says so: `recognized when total >= 80 provisional "why"`.
        let (r, why) = match keyword("provisional")(r) {
            Ok((r2, _)) => {
                let (r2, why) = cut_err(string(cx, r2))?;
                (r2, Some(why))
            }
            Err(_) => (r, None),
        };
        return Ok(Some((r, Decision::Pass(n, why, cx.span(start, r)))));
    }
    if let Ok((r, _)) = keyword("floor")(start) {
        let (r, _) = cut_err(keyword("each")(r))?;
        let (r, _) = cut_err(keyword("indicator")(r))?;
        let (r, n) = cut_err(number(cx, r))?;
        return Ok(Some((
            r,
            Decision::FloorEachIndicator(n, cx.span(start, r)),
        )));
    }
    if let Ok((r, _)) = keyword("level")(start) {
        let (r, (label, english)) = cut_err(labels(cx, r))?;
        let (r, recognized) = recognized_mark(r);
        let level = Level {
            label,
            english,
            recognized,
            span: cx.span(start, r),
        };
        return Ok(Some((r, Decision::Level(level))));
    }
    if let Ok((r, _)) = keyword("tier")(start) {
        let (r, (label, english)) = cut_err(labels(cx, r))?;
        let (r, _) = cut_err(keyword("when")(r))?;
        let (r, _) = cut_err(keyword("total")(r))?;
        let (r, _) = cut_err(keyword("in")(r))?;
        let (r, rg) = cut_err(range(cx, r))?;
        let (r, recognized) = recognized_mark(r);
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
