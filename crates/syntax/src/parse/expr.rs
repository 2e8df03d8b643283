//! Expressions, by precedence: `or`, `and`, `not`, comparisons and `in`, `+ -`, `* /`, unary `-`;
//! `if … then … else …` is read where a value is, and its `else` branch extends to the end.

use nom::Parser;

use super::lex::{
    Cx, PResult, StrPiece, boolean, cut_err, date, expected, expected_any, ident, is_date_ahead,
    keyword, number, special, str_piece, string, symbol, ws,
};
use crate::ast::{BinOp, Expr, ExprKind, Range, Template, TemplatePart};
use crate::error::ParseErrorKind;
use crate::error::Want;
use crate::keywords::Kw;

/// Reads a full expression, with an optional `where` filter (`members where age >= 6`).
pub(crate) fn expr<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Expr> {
    let i = ws(input);
    let (rest, e) = or_expr(cx, i)?;
    let Ok((after, _)) = keyword(cx, Kw::Where)(rest) else {
        return Ok((rest, e));
    };
    let (after, cond) = cut_err(cx.nested(ws(rest), 5, || or_expr(cx, after)))?;
    let span = cx.span(i, after);
    Ok((
        after,
        Expr {
            kind: ExprKind::Where(Box::new(e), Box::new(cond)),
            span,
        },
    ))
}

fn or_expr<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Expr> {
    binary_chain(cx, i, &[(Op::Word(Kw::Or), BinOp::Or)], and_expr)
}

fn and_expr<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Expr> {
    binary_chain(cx, i, &[(Op::Word(Kw::And), BinOp::And)], not_expr)
}

fn not_expr<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Expr> {
    let i = ws(input);
    if let Ok((rest, _)) = keyword(cx, Kw::Not)(i) {
        let (rest, inner) = cut_err(cx.nested(i, 3, || not_expr(cx, rest)))?;
        let span = cx.span(i, rest);
        return Ok((
            rest,
            Expr {
                kind: ExprKind::Not(Box::new(inner)),
                span,
            },
        ));
    }
    comparison(cx, i)
}

const COMPARISONS: &[(&str, BinOp)] = &[
    ("==", BinOp::Eq),
    ("!=", BinOp::Ne),
    ("<=", BinOp::Le),
    (">=", BinOp::Ge),
    ("<", BinOp::Lt),
    (">", BinOp::Gt),
];

fn comparison<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Expr> {
    let i = ws(input);
    let (rest, lhs) = additive(cx, i)?;
    for (sym, op) in COMPARISONS {
        if let Ok((after, _)) = symbol(sym)(rest) {
            let (after, rhs) = cut_err(additive(cx, after))?;
            let span = cx.span(i, after);
            return Ok((
                after,
                Expr {
                    kind: ExprKind::Binary(*op, Box::new(lhs), Box::new(rhs)),
                    span,
                },
            ));
        }
    }
    if let Ok((after, _)) = keyword(cx, Kw::In)(rest) {
        if let Ok((after_open, _)) = symbol("[")(after) {
            let (after, items) = cut_err(list_items(cx, after_open))?;
            let span = cx.span(i, after);
            return Ok((
                after,
                Expr {
                    kind: ExprKind::InList(Box::new(lhs), items),
                    span,
                },
            ));
        }
        let (after, range) = cut_err(range(cx, after))?;
        let span = cx.span(i, after);
        return Ok((
            after,
            Expr {
                kind: ExprKind::InRange(Box::new(lhs), range),
                span,
            },
        ));
    }
    Ok((rest, lhs))
}

fn list_items<'a>(cx: &Cx, mut i: &'a str) -> PResult<'a, Vec<Expr>> {
    let mut items = Vec::new();
    if let Ok((rest, _)) = symbol("]")(i) {
        return Ok((rest, items));
    }
    loop {
        let (rest, item) = additive(cx, i)?;
        items.push(item);
        if let Ok((rest, _)) = symbol(",")(rest) {
            i = rest;
            continue;
        }
        let (rest, _) = symbol("]")(rest)
            .or_else(|_| expected_any(ws(rest), &[Want::Token(","), Want::Token("]")]))?;
        return Ok((rest, items));
    }
}

/// Reads `lo..hi`, `lo..<hi`, `lo..` or `..hi` (numbers only).
pub(crate) fn range<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Range> {
    let i = ws(input);
    let (rest, lo) = nom::combinator::opt(|s| number(cx, s)).parse(i)?;
    let (rest, _) = symbol("..")(rest)?;
    let (rest, exclusive) = match rest.strip_prefix('<') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let (rest, hi) = if exclusive {
        let (r, n) = number(cx, rest)?;
        (r, Some(n))
    } else {
        nom::combinator::opt(|s| number(cx, s)).parse(rest)?
    };
    Ok((
        rest,
        Range {
            lo,
            hi,
            hi_exclusive: exclusive,
            span: cx.span(i, rest),
        },
    ))
}

fn additive<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Expr> {
    binary_chain(
        cx,
        i,
        &[(Op::Sym("+"), BinOp::Add), (Op::Sym("-"), BinOp::Sub)],
        multiplicative,
    )
}

fn multiplicative<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Expr> {
    binary_chain(
        cx,
        i,
        &[(Op::Sym("*"), BinOp::Mul), (Op::Sym("/"), BinOp::Div)],
        unary,
    )
}

/// A binary operator as written: a word operator (`and`, `và`) or a symbol.
enum Op {
    Word(Kw),
    Sym(&'static str),
}

/// Left-associative chain `next (op next)*`.
fn binary_chain<'a>(
    cx: &Cx,
    input: &'a str,
    ops: &[(Op, BinOp)],
    next: for<'b> fn(&Cx, &'b str) -> PResult<'b, Expr>,
) -> PResult<'a, Expr> {
    let i = ws(input);
    let (mut rest, mut acc) = next(cx, i)?;
    let base = cx.depth();
    'outer: loop {
        for (written, op) in ops {
            let matched = match written {
                Op::Word(kw) => keyword(cx, *kw)(rest),
                Op::Sym(sym) => symbol(sym)(rest),
            };
            if let Ok((after, word)) = matched {
                // Each operator of a chain deepens the (left-leaning) tree by one level.
                let parsed = cx.nested(ws(rest), word.len(), || cut_err(next(cx, after)));
                let (after, rhs) = match parsed {
                    Ok(ok) => ok,
                    Err(e) => {
                        cx.set_depth(base);
                        return Err(e);
                    }
                };
                cx.set_depth(cx.depth() + 1);
                let span = cx.span(i, after);
                acc = Expr {
                    kind: ExprKind::Binary(*op, Box::new(acc), Box::new(rhs)),
                    span,
                };
                rest = after;
                continue 'outer;
            }
        }
        cx.set_depth(base);
        return Ok((rest, acc));
    }
}

fn unary<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Expr> {
    let i = ws(input);
    if i.starts_with('-')
        && !i
            .get(1..)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        let (rest, _) = symbol("-")(i)?;
        let (rest, inner) = cut_err(cx.nested(i, 1, || unary(cx, rest)))?;
        let span = cx.span(i, rest);
        return Ok((
            rest,
            Expr {
                kind: ExprKind::Neg(Box::new(inner)),
                span,
            },
        ));
    }
    primary(cx, i)
}

fn primary<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Expr> {
    let i = ws(input);
    if is_date_ahead(i) {
        let (rest, d) = date(cx, i)?;
        return Ok((
            rest,
            Expr {
                kind: ExprKind::Date(d),
                span: d.span,
            },
        ));
    }
    if i.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        let (rest, n) = number(cx, i)?;
        let span = n.span;
        return Ok((
            rest,
            Expr {
                kind: ExprKind::Number(n),
                span,
            },
        ));
    }
    if i.starts_with('"') {
        let (rest, s) = string(cx, i)?;
        return Ok((
            rest,
            Expr {
                kind: ExprKind::Str(s.value),
                span: s.span,
            },
        ));
    }
    if let Ok((rest, b)) = boolean(cx, i) {
        return Ok((
            rest,
            Expr {
                kind: ExprKind::Bool(b),
                span: cx.span(i, rest),
            },
        ));
    }
    if let Ok((rest, _)) = keyword(cx, Kw::If)(i) {
        // The whole chain is one level of depth: its branches are read in a loop.
        return cut_err(cx.nested(i, 2, || conditional(cx, i, rest)));
    }
    if let Ok((rest, _)) = symbol("(")(i) {
        let (rest, inner) = cut_err(cx.nested(i, 1, || expr(cx, rest)))?;
        let (rest, _) = cut_err(symbol(")")(rest))?;
        return Ok((
            rest,
            Expr {
                kind: inner.kind,
                span: cx.span(i, rest),
            },
        ));
    }
    match ident(cx, i) {
        Ok((rest, name)) => {
            if rest.starts_with('(') {
                let (after, _) = symbol("(")(rest)?;
                let (after, args) = cut_err(cx.nested(rest, 1, || call_args(cx, after)))?;
                return Ok((
                    after,
                    Expr {
                        kind: ExprKind::Call(name, args),
                        span: cx.span(i, after),
                    },
                ));
            }
            let span = name.span;
            let named = Expr {
                kind: ExprKind::Name(name),
                span,
            };
            // `scores[3]`: an index written right after the name.
            if let Some(after_open) = rest.strip_prefix('[') {
                let (after, index) = cut_err(cx.nested(rest, 1, || expr(cx, after_open)))?;
                let (after, _) = cut_err(symbol("]")(after))?;
                let span = cx.span(i, after);
                return Ok((
                    after,
                    Expr {
                        kind: ExprKind::Index(Box::new(named), Box::new(index)),
                        span,
                    },
                ));
            }
            Ok((rest, named))
        }
        Err(_) => expected(i, Want::Operand),
    }
}

/// Reads the rest of `if COND then A else B` after `if` (at `start`); `else if` continues
/// the same flat list of branches, so a long chain does not nest.
fn conditional<'a>(cx: &Cx, start: &'a str, mut rest: &'a str) -> PResult<'a, Expr> {
    let mut branches = Vec::new();
    loop {
        let (after, cond) = or_expr(cx, rest)?;
        let (after, _) = keyword(cx, Kw::Then)(after)?;
        let (after, value) = expr(cx, after)?;
        branches.push((cond, value));
        let (after, _) = keyword(cx, Kw::Else)(after)?;
        if let Ok((after, _)) = keyword(cx, Kw::If)(after) {
            rest = after;
            continue;
        }
        let (after, other) = expr(cx, after)?;
        return Ok((
            after,
            Expr {
                kind: ExprKind::If(branches, Box::new(other)),
                span: cx.span(start, after),
            },
        ));
    }
}

fn call_args<'a>(cx: &Cx, mut i: &'a str) -> PResult<'a, Vec<Expr>> {
    let mut args = Vec::new();
    if let Ok((rest, _)) = symbol(")")(i) {
        return Ok((rest, args));
    }
    loop {
        let (rest, arg) = expr(cx, i)?;
        args.push(arg);
        if let Ok((rest, _)) = symbol(",")(rest) {
            i = rest;
            continue;
        }
        let (rest, _) = symbol(")")(rest)
            .or_else(|_| expected_any(ws(rest), &[Want::Token(","), Want::Token(")")]))?;
        return Ok((rest, args));
    }
}

/// Reads a message string with `{expression}` holes.
pub(crate) fn template<'a>(cx: &Cx, input: &'a str) -> PResult<'a, Template> {
    let i = ws(input);
    let Some(mut body) = i.strip_prefix('"') else {
        return expected(i, Want::MessageStr);
    };
    let mut parts = Vec::new();
    loop {
        match str_piece(body, true) {
            Ok((rest, None)) => {
                return Ok((
                    rest,
                    Template {
                        parts,
                        span: cx.span(i, rest),
                    },
                ));
            }
            Ok((rest, Some(StrPiece::Text(t)))) => {
                parts.push(TemplatePart::Text(t));
                body = rest;
            }
            Ok((_, Some(StrPiece::Open(after)))) => {
                let open = body;
                let closed = expr(cx, after).and_then(|(r, e)| symbol("}")(r).map(|(r, _)| (r, e)));
                match closed {
                    Ok((rest, e)) => {
                        parts.push(TemplatePart::Hole(e));
                        body = rest;
                    }
                    Err(nom::Err::Failure(e)) if e.special.is_some() => {
                        return Err(nom::Err::Failure(e));
                    }
                    Err(_) => return special(open, ParseErrorKind::UnclosedHole, 1),
                }
            }
            Err(nom::Err::Error(_)) => {
                let len = i.find('\n').unwrap_or(i.len());
                return special(i, ParseErrorKind::UnterminatedString, len);
            }
            Err(e) => return Err(e),
        }
    }
}
