//! The model item: header statements, the input declaration and `let` values.

use nom::Parser;

use super::block::{block, repeated, unknown_statement};
use super::expr::{expr, range, template};
use super::lex::{
    Cx, PErr, PResult, cut_err, date, expected, ident, keyword, number, string, symbol, ws,
};
use super::{scoring, test_case};
use crate::ast::{
    Constraint, Field, HeaderItem, InputBlock, ItemType, Let, Model, Range, Str, TypeExpr, Variant,
};
use crate::error::{Nest, Want};
use crate::keywords::Kw;

const MODEL_STATEMENTS: &[Want] = &[
    Want::Keyword(Kw::Source),
    Want::Keyword(Kw::Version),
    Want::Keyword(Kw::Valid),
    Want::Keyword(Kw::Jurisdiction),
    Want::Keyword(Kw::Max),
    Want::Keyword(Kw::Rounding),
    Want::Keyword(Kw::Uses),
    Want::Keyword(Kw::Scope),
    Want::Keyword(Kw::Provisional),
    Want::Keyword(Kw::English),
    Want::Keyword(Kw::Input),
    Want::Keyword(Kw::Let),
    Want::Keyword(Kw::Criterion),
    Want::Keyword(Kw::Override),
    Want::Keyword(Kw::Recognized),
    Want::Keyword(Kw::Floor),
    Want::Keyword(Kw::Tier),
    Want::Keyword(Kw::Level),
    Want::Keyword(Kw::Test),
];

/// Reads `model ID "title" { ... }`.
pub(crate) fn model<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Model> {
    let i = ws(input);
    let (rest, _) = keyword(cx, Kw::Model)(i)?;
    let (rest, id) = cut_err(ident(cx, rest))?;
    let (rest, title) = cut_err(string(cx, rest))?;
    let (rest, extends) = match keyword(cx, Kw::Extends)(rest) {
        Ok((r, _)) => {
            let (r, path) = cut_err(string(cx, r))?;
            (r, Some(path))
        }
        Err(_) => (rest, None),
    };
    let mut m = Model {
        id,
        title,
        extends,
        header: Vec::new(),
        input: None,
        lets: Vec::new(),
        criteria: Vec::new(),
        overrides: Vec::new(),
        decisions: Vec::new(),
        tests: Vec::new(),
        span: cx.span(i, rest),
    };
    let (rest, _) = cut_err(block(cx, rest, &[], |s| model_statement(cx, s, &mut m)))?;
    m.span = cx.span(i, rest);
    Ok((rest, m))
}

fn model_statement<'a>(cx: &Cx, s: &'a str, m: &mut Model) -> PResult<'a, ()> {
    let header_str = |kw: Kw, make: fn(Str) -> HeaderItem, m: &mut Model| -> PResult<'a, ()> {
        let (r, _) = keyword(cx, kw)(s)?;
        let (r, v) = cut_err(string(cx, r))?;
        m.header.push(make(v));
        Ok((r, ()))
    };
    if keyword(cx, Kw::English)(s).is_ok() {
        return header_str(Kw::English, HeaderItem::English, m);
    }
    if keyword(cx, Kw::Version)(s).is_ok() {
        return header_str(Kw::Version, HeaderItem::Version, m);
    }
    if keyword(cx, Kw::Source)(s).is_ok() {
        return header_str(Kw::Source, HeaderItem::Source, m);
    }
    if let Ok((r, _)) = keyword(cx, Kw::Valid)(s) {
        let (r, _) = cut_err(keyword(cx, Kw::From)(r))?;
        let (r, from) = cut_err(date(cx, r))?;
        let (r, to) = match keyword(cx, Kw::To)(r) {
            Ok((r2, _)) => {
                let (r2, d) = cut_err(date(cx, r2))?;
                (r2, Some(d))
            }
            Err(_) => (r, None),
        };
        m.header.push(HeaderItem::Valid {
            from,
            to,
            span: cx.span(ws(s), r),
        });
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Jurisdiction)(s) {
        let r0 = ws(r);
        let (r, v) = match keyword(cx, Kw::National)(r0) {
            Ok((r2, _)) => (
                r2,
                Str {
                    value: "national".into(),
                    span: cx.span(r0, r2),
                },
            ),
            Err(_) => cut_err(string(cx, r0).or_else(|_| expected(r0, Want::Jurisdiction)))?,
        };
        m.header.push(HeaderItem::Jurisdiction(v));
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Max)(s) {
        let (r, n) = cut_err(number(cx, r))?;
        let (r, _) = cut_err(keyword(cx, Kw::Points)(r))?;
        m.header.push(HeaderItem::Max(n));
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Scope)(s) {
        let (r, name) = cut_err(ident(cx, r))?;
        m.header.push(HeaderItem::Scope(name));
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Provisional)(s) {
        let (r, why) = cut_err(string(cx, r))?;
        m.header.push(HeaderItem::Provisional(why));
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Uses)(s) {
        let (r, name) = cut_err(ident(cx, r))?;
        let (r, path) = cut_err(string(cx, r))?;
        m.header.push(HeaderItem::Uses(name, path));
        return Ok((r, ()));
    }
    if keyword(cx, Kw::Rounding)(s).is_ok() {
        let (r, spec) = scoring::rounding_spec(cx, s)?;
        m.header.push(HeaderItem::Rounding(spec));
        return Ok((r, ()));
    }
    if keyword(cx, Kw::Input)(s).is_ok() {
        let (r, block) = input_block(cx, s)?;
        if m.input.is_some() {
            repeated(cx, s, &[Kw::Input]);
        } else {
            m.input = Some(block);
        }
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Let)(s) {
        let (r, name) = cut_err(ident(cx, r))?;
        let (r, _) = cut_err(symbol("=")(r))?;
        let (r, value) = cut_err(expr(cx, r))?;
        m.lets.push(Let {
            name,
            value,
            span: cx.span(ws(s), r),
        });
        return Ok((r, ()));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Override)(s) {
        let (r, ind) = cut_err(scoring::indicator(cx, r))?;
        m.overrides.push(ind);
        return Ok((r, ()));
    }
    if keyword(cx, Kw::Criterion)(s).is_ok() {
        let (r, c) = scoring::criterion(cx, s)?;
        m.criteria.push(c);
        return Ok((r, ()));
    }
    if let Some((r, d)) = scoring::decision(cx, s)? {
        m.decisions.push(d);
        return Ok((r, ()));
    }
    if keyword(cx, Kw::Test)(s).is_ok() {
        let (r, t) = test_case::test(cx, s)?;
        m.tests.push(t);
        return Ok((r, ()));
    }
    unknown_statement(s, MODEL_STATEMENTS)
}

const INPUT_CLOSERS: &[Kw] = &[
    Kw::Criterion,
    Kw::Let,
    Kw::Tier,
    Kw::Level,
    Kw::Test,
    Kw::Recognized,
];

fn input_block<'a>(cx: &Cx, s: &'a str) -> PResult<'a, InputBlock> {
    let start = ws(s);
    let (r, _) = keyword(cx, Kw::Input)(start)?;
    let mut fields = Vec::new();
    let mut constraints = Vec::new();
    let (r, _) = cut_err(block(cx, r, INPUT_CLOSERS, |st| {
        if let Ok((r, _)) = keyword(cx, Kw::Require)(st) {
            let (r, condition) = cut_err(expr(cx, r))?;
            let (r, message) = cut_err(template(cx, r))?;
            constraints.push(Constraint {
                condition,
                message,
                span: cx.span(ws(st), r),
            });
            return Ok((r, ()));
        }
        // Once `name:` is read the statement is a field: report its own error (a bad type,
        // an unquoted label...) rather than "expected a field".
        let (r, f) = field(cx, st).or_else(|e| match e {
            nom::Err::Failure(_) => Err(e),
            _ => unknown_statement(st, &[Want::FieldDecl, Want::Keyword(Kw::Require)]),
        })?;
        fields.push(f);
        Ok((r, ()))
    }))?;
    Ok((
        r,
        InputBlock {
            fields,
            constraints,
            span: cx.span(start, r),
        },
    ))
}

fn field<'a>(cx: &Cx, s: &'a str) -> PResult<'a, Field> {
    let start = ws(s);
    let (r, name) = ident(cx, start)?;
    let (r, _) = symbol(":")(r)?;
    let (r, optional) = match keyword(cx, Kw::Optional)(r) {
        Ok((r2, _)) => (r2, true),
        Err(_) => (r, false),
    };
    let (r, ty) = cut_err(type_expr(cx, r))?;
    let (r, label) = if ws(r).starts_with('"') {
        let (r2, l) = cut_err(string(cx, r))?;
        (r2, Some(l))
    } else {
        (r, None)
    };
    let (r, english) = match keyword(cx, Kw::En)(r) {
        Ok((r2, _)) => {
            let (r2, l) = cut_err(string(cx, r2))?;
            (r2, Some(l))
        }
        Err(_) => (r, None),
    };
    Ok((
        r,
        Field {
            name,
            optional,
            ty,
            label,
            english,
            span: cx.span(start, r),
        },
    ))
}

/// Reads a type, one nesting level deeper than the type around it.
fn type_expr<'a>(cx: &Cx, s: &'a str) -> PResult<'a, TypeExpr> {
    let start = ws(s);
    let word = start
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(start.len());
    cx.nested_value(start, word.max(1), Nest::Type, || type_inner(cx, start))
}

fn type_inner<'a>(cx: &Cx, start: &'a str) -> PResult<'a, TypeExpr> {
    let range_ahead = |r: &str| {
        let t = ws(r);
        t.starts_with(|c: char| c.is_ascii_digit() || c == '-') || t.starts_with("..")
    };
    if let Ok((r, _)) = keyword(cx, Kw::Bool)(start) {
        return Ok((r, TypeExpr::Bool(cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Text)(start) {
        return Ok((r, TypeExpr::Text(cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::Date)(start) {
        return Ok((r, TypeExpr::Date(cx.span(start, r))));
    }
    for (kw, is_int) in [(Kw::Int, true), (Kw::Decimal, false)] {
        if let Ok((r, _)) = keyword(cx, kw)(start) {
            let (r, rg) = if range_ahead(r) {
                let (r2, rg) = cut_err(range(cx, r))?;
                (r2, Some(rg))
            } else {
                (r, None)
            };
            let span = cx.span(start, r);
            let ty = if is_int {
                TypeExpr::Int(rg, span)
            } else {
                TypeExpr::Decimal(rg, span)
            };
            return Ok((r, ty));
        }
    }
    if let Ok((r, _)) = keyword(cx, Kw::List)(start) {
        let (r, size) = match symbol("(")(r) {
            Ok((r2, _)) => {
                let (r2, size) = cut_err(list_size(cx, r2))?;
                let (r2, _) = cut_err(symbol(")")(r2))?;
                (r2, Some(size))
            }
            Err(_) => (r, None),
        };
        let (r, _) = cut_err(keyword(cx, Kw::ListOf)(r))?;
        let (r, item) = if ws(r).starts_with('{') {
            let mut fields = Vec::new();
            let (r2, _) = cut_err(block(cx, r, &[], |st| {
                // A failure once `name:` is read (a bad or too deep type) is the field's own.
                let (r3, f) = field(cx, st).or_else(|e| match e {
                    nom::Err::Failure(_) => Err(e),
                    _ => unknown_statement(st, &[Want::FieldDecl]),
                })?;
                fields.push(f);
                Ok((r3, ()))
            }))?;
            (r2, ItemType::Record(fields))
        } else if let Some(scalar) = item_type(cx, r)? {
            scalar
        } else {
            let (r2, model) = ident(cx, r).or_else(|_| cut_err(expected(ws(r), Want::ItemType)))?;
            (r2, ItemType::Model(model))
        };
        return Ok((r, TypeExpr::List(size, Box::new(item), cx.span(start, r))));
    }
    if let Ok((r, _)) = keyword(cx, Kw::One)(start) {
        let (r, _) = cut_err(keyword(cx, Kw::Of)(r))?;
        let (r, _) = cut_err(symbol("{")(r))?;
        let (r, variants) = cut_err(variants(cx, r))?;
        return Ok((r, TypeExpr::OneOf(variants, cx.span(start, r))));
    }
    expected(start, Want::Type)
}

/// The item type of `list of` when it is a type (`None` when it is not, e.g. a model name);
/// a type that fails once recognised (e.g. too deep) is an error.
fn item_type<'a>(cx: &Cx, r: &'a str) -> Result<Option<(&'a str, ItemType)>, nom::Err<PErr>> {
    match type_expr(cx, r) {
        Ok((r2, ty)) => Ok(Some((r2, ItemType::Scalar(ty)))),
        Err(nom::Err::Failure(e)) if e.special.is_some() => Err(nom::Err::Failure(e)),
        Err(_) => Ok(None),
    }
}

/// `10` (exactly ten) or a range such as `1..` inside `list(...)`.
fn list_size<'a>(cx: &Cx, r: &'a str) -> PResult<'a, Range> {
    if let Ok(ok) = range(cx, r) {
        return Ok(ok);
    }
    let (r2, n) = number(cx, r)?;
    let span = n.span;
    Ok((
        r2,
        Range {
            lo: Some(n.clone()),
            hi: Some(n),
            hi_exclusive: false,
            span,
        },
    ))
}

fn variants<'a>(cx: &Cx, mut r: &'a str) -> PResult<'a, Vec<Variant>> {
    let mut out = Vec::new();
    loop {
        if let Ok((after, _)) = symbol("}")(r) {
            return Ok((after, out));
        }
        let (after, name) = ident(cx, r).or_else(|_| expected(ws(r), Want::EnumValueOrClose))?;
        let (after, label) = if ws(after).starts_with('"') {
            let (a, l) = string(cx, after)?;
            (a, Some(l))
        } else {
            (after, None)
        };
        out.push(Variant { name, label });
        r = nom::combinator::opt(symbol(",")).parse(after)?.0;
    }
}
