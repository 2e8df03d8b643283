//! Tests written inside a rule file: an input record and what its answer must be.

use nom::Parser;

use super::block::{block, unknown_statement};
use super::lex::{
    Cx, PResult, boolean, cut_err, date, expected, expected_any, ident, is_date_ahead, item_id,
    keyword, number, string, symbol, ws,
};
use crate::ast::{Expect, ItemExpect, Literal, Test, TestField};
use crate::error::{Nest, Want};
use crate::keywords::Kw;

const TEST_CLOSERS: &[Kw] = &[Kw::Test, Kw::Criterion, Kw::Tier];

/// Reads `test "name" [from "other"] { input { ... } expect ... }`.
pub(crate) fn test<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Test> {
    let start = ws(s);
    let (r, _) = keyword(cx, Kw::Test)(start)?;
    let (r, name) = cut_err(string(cx, r))?;
    let (r, from) = match keyword(cx, Kw::From)(r) {
        Ok((r2, _)) => {
            let (r2, f) = cut_err(string(cx, r2))?;
            (r2, Some(f))
        }
        Err(_) => (r, None),
    };
    let mut input = Vec::new();
    let mut expects = Vec::new();
    let (r, _) = cut_err(block(cx, r, TEST_CLOSERS, |st| {
        if let Ok((r, _)) = keyword(cx, Kw::Input)(st) {
            return block(cx, r, TEST_CLOSERS, |fs| {
                let (r, name) =
                    ident(cx, fs).or_else(|_| unknown_statement(fs, &[Want::FieldValue]))?;
                let (r, _) = cut_err(symbol(":")(r))?;
                let (r, value) = cut_err(literal(cx, r))?;
                input.push(TestField { name, value });
                Ok((r, ()))
            })
            .map(|(r, _)| (r, ()));
        }
        if let Ok((r, _)) = keyword(cx, Kw::Expect)(st) {
            let (r, e) = cut_err(expectation(cx, r))?;
            expects.push(e);
            return Ok((r, ()));
        }
        unknown_statement(st, &[Want::Keyword(Kw::Input), Want::Keyword(Kw::Expect)])
    }))?;
    Ok((
        r,
        Test {
            name,
            from,
            input,
            expects,
            span: cx.span(start, r),
        },
    ))
}

fn literal<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Literal> {
    let i = ws(s);
    if is_date_ahead(i) {
        let (r, d) = date(cx, i)?;
        return Ok((r, Literal::Date(d)));
    }
    if i.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        let (r, n) = number(cx, i)?;
        return Ok((r, Literal::Number(n)));
    }
    if i.starts_with('"') {
        let (r, v) = string(cx, i)?;
        return Ok((r, Literal::Str(v)));
    }
    if let Ok((r, b)) = boolean(cx, i) {
        return Ok((r, Literal::Bool(b, cx.span(i, r))));
    }
    if let Some(mut r) = i.strip_prefix('[') {
        return cx.nested_value(i, 1, Nest::Value, || {
            let mut items = Vec::new();
            loop {
                if let Ok((after, _)) = symbol("]")(r) {
                    return Ok((after, Literal::List(items, cx.span(i, after))));
                }
                let (after, item) = literal(cx, r)?;
                items.push(item);
                r = nom::combinator::opt(symbol(",")).parse(after)?.0;
            }
        });
    }
    if i.starts_with('{') {
        return cx.nested_value(i, 1, Nest::Value, || {
            let mut fields = Vec::new();
            let (r, _) = block(cx, i, &[], |fs| {
                let (r, name) =
                    ident(cx, fs).or_else(|_| unknown_statement(fs, &[Want::FieldValue]))?;
                let (r, _) = cut_err(symbol(":")(r))?;
                let (r, value) = cut_err(literal(cx, r))?;
                fields.push(TestField { name, value });
                Ok((r, ()))
            })?;
            Ok((r, Literal::Record(fields, cx.span(i, r))))
        });
    }
    if let Ok((r, _)) = keyword(cx, Kw::Missing)(i) {
        return Ok((r, Literal::Missing(cx.span(i, r))));
    }
    match ident(cx, i) {
        Ok((r, w)) => Ok((r, Literal::Word(w))),
        Err(_) => expected(i, Want::TestValue),
    }
}

fn expectation<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Expect> {
    let i = ws(s);
    if let Ok((r, _)) = keyword(cx, Kw::Status)(i) {
        let (r, w) = cut_err(ident(cx, r))?;
        return Ok((r, Expect::Status(w)));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Tier)(i) {
        let r0 = ws(r);
        if let Ok((r2, _)) = keyword(cx, Kw::None)(r0) {
            return Ok((r2, Expect::Tier(None, cx.span(i, r2))));
        }
        let (r2, label) = cut_err(string(cx, r0))?;
        return Ok((r2, Expect::Tier(Some(label), cx.span(i, r2))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Total)(i) {
        let (r, n) = cut_err(number(cx, r))?;
        return Ok((r, Expect::Total(n)));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Error)(i) {
        let (r, path) = cut_err(string(cx, r))?;
        return Ok((r, Expect::Error(path)));
    }
    let (r, id) = item_id(cx, i).or_else(|_| {
        expected_any(
            i,
            &[
                Want::Keyword(Kw::Status),
                Want::Keyword(Kw::Tier),
                Want::Keyword(Kw::Total),
                Want::Keyword(Kw::Error),
                Want::Id,
            ],
        )
    })?;
    let r0 = ws(r);
    if r0.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        let (r2, n) = cut_err(number(cx, r0))?;
        return Ok((r2, Expect::Item(id, ItemExpect::Points(n))));
    }
    let (r2, w) = cut_err(ident(cx, r0).or_else(|_| expected(r0, Want::PointsOrOutcome)))?;
    Ok((r2, Expect::Item(id, ItemExpect::Status(w))))
}
