//! Syntax trees compared without their spans: every span is set to the empty span at 0, then
//! the trees are compared with `==`. Each node is taken apart field by field (no `..`), so a
//! field added to the tree must be added here before this compiles.

use tieuchi_syntax::Span;
use tieuchi_syntax::ast::*;

/// `file` with every span erased.
pub fn erased(file: &File) -> File {
    let mut f = file.clone();
    model(&mut f.model);
    f
}

fn z(s: &mut Span) {
    *s = Span::default();
}

fn ident(i: &mut Ident) {
    z(&mut i.span);
}

fn string(s: &mut Str) {
    z(&mut s.span);
}

fn number(n: &mut Number) {
    z(&mut n.span);
}

fn date(d: &mut DateLit) {
    z(&mut d.span);
}

fn model(m: &mut Model) {
    let Model {
        id,
        title,
        extends,
        header,
        input,
        lets,
        criteria,
        overrides,
        decisions,
        tests,
        span,
    } = m;
    ident(id);
    string(title);
    extends.iter_mut().for_each(string);
    header.iter_mut().for_each(header_item);
    input.iter_mut().for_each(input_block);
    for Let { name, value, span } in lets {
        ident(name);
        expr(value);
        z(span);
    }
    criteria.iter_mut().for_each(criterion);
    overrides.iter_mut().for_each(indicator);
    decisions.iter_mut().for_each(decision);
    tests.iter_mut().for_each(test);
    z(span);
}

fn header_item(h: &mut HeaderItem) {
    match h {
        HeaderItem::English(s)
        | HeaderItem::Version(s)
        | HeaderItem::Source(s)
        | HeaderItem::Jurisdiction(s)
        | HeaderItem::Provisional(s) => string(s),
        HeaderItem::Valid { from, to, span } => {
            date(from);
            to.iter_mut().for_each(date);
            z(span);
        }
        HeaderItem::Max(n) => number(n),
        HeaderItem::Rounding(r) => rounding(r),
        HeaderItem::Scope(i) => ident(i),
        HeaderItem::Uses(i, s) => {
            ident(i);
            string(s);
        }
    }
}

fn rounding(r: &mut RoundingSpec) {
    let RoundingSpec { places, mode, span } = r;
    number(places);
    mode.iter_mut().for_each(ident);
    z(span);
}

fn input_block(b: &mut InputBlock) {
    let InputBlock {
        fields,
        constraints,
        span,
    } = b;
    fields.iter_mut().for_each(field);
    for Constraint {
        condition,
        message,
        span,
    } in constraints
    {
        expr(condition);
        template(message);
        z(span);
    }
    z(span);
}

fn field(f: &mut Field) {
    let Field {
        name,
        optional: _,
        ty,
        label,
        english,
        span,
    } = f;
    ident(name);
    type_expr(ty);
    label.iter_mut().for_each(string);
    english.iter_mut().for_each(string);
    z(span);
}

fn type_expr(t: &mut TypeExpr) {
    match t {
        TypeExpr::Bool(s) | TypeExpr::Text(s) | TypeExpr::Date(s) => z(s),
        TypeExpr::Int(r, s) | TypeExpr::Decimal(r, s) => {
            r.iter_mut().for_each(range);
            z(s);
        }
        TypeExpr::OneOf(variants, s) => {
            for Variant { name, label } in variants {
                ident(name);
                label.iter_mut().for_each(string);
            }
            z(s);
        }
        TypeExpr::List(size, item, s) => {
            size.iter_mut().for_each(range);
            match item.as_mut() {
                ItemType::Record(fields) => fields.iter_mut().for_each(field),
                ItemType::Scalar(t) => type_expr(t),
                ItemType::Model(i) => ident(i),
            }
            z(s);
        }
    }
}

fn range(r: &mut Range) {
    let Range {
        lo,
        hi,
        hi_exclusive: _,
        span,
    } = r;
    lo.iter_mut().for_each(number);
    hi.iter_mut().for_each(number);
    z(span);
}

fn meta(m: &mut Meta) {
    let Meta {
        english,
        sources,
        provisional,
        floor,
    } = m;
    english.iter_mut().for_each(string);
    sources.iter_mut().for_each(string);
    provisional.iter_mut().for_each(string);
    floor.iter_mut().for_each(number);
}

fn criterion(c: &mut Criterion) {
    let Criterion {
        id,
        label,
        max,
        meta: m,
        indicators,
        span,
    } = c;
    ident(id);
    string(label);
    max.iter_mut().for_each(number);
    meta(m);
    indicators.iter_mut().for_each(indicator);
    z(span);
}

fn indicator(i: &mut Indicator) {
    let Indicator {
        id,
        label,
        max,
        deduction,
        meta: m,
        award,
        passes,
        not_applicable,
        reasons,
        rounding: r,
        span,
    } = i;
    ident(id);
    string(label);
    max.iter_mut().for_each(number);
    deduction.iter_mut().for_each(z);
    meta(m);
    if let Some(a) = award {
        match a {
            Award::Whole(e, s) | Award::Proportional(e, s) | Award::Value(e, s) => {
                expr(e);
                z(s);
            }
            Award::Deduct(n, e, s) => {
                number(n);
                expr(e);
                z(s);
            }
            Award::Bands(bands, otherwise, s) => {
                for Band { points, when } in bands {
                    number(points);
                    expr(when);
                }
                otherwise.iter_mut().for_each(number);
                z(s);
            }
        }
    }
    for Pass { level, when, span } in passes {
        level.iter_mut().for_each(number);
        expr(when);
        z(span);
    }
    if let Some(NotApplicable {
        when,
        effect: _,
        span,
    }) = not_applicable
    {
        expr(when);
        z(span);
    }
    for Reason { kind: _, text } in reasons {
        template(text);
    }
    r.iter_mut().for_each(rounding);
    z(span);
}

fn decision(d: &mut Decision) {
    match d {
        Decision::Pass(n, why, s) => {
            number(n);
            why.iter_mut().for_each(string);
            z(s);
        }
        Decision::FloorEachIndicator(n, s) => {
            number(n);
            z(s);
        }
        Decision::Tier(Tier {
            label,
            english,
            range: r,
            recognized: _,
            span,
        }) => {
            string(label);
            english.iter_mut().for_each(string);
            range(r);
            z(span);
        }
        Decision::Level(Level {
            label,
            english,
            recognized: _,
            span,
        }) => {
            string(label);
            english.iter_mut().for_each(string);
            z(span);
        }
    }
}

fn test(t: &mut Test) {
    let Test {
        name,
        from,
        input,
        expects,
        span,
    } = t;
    string(name);
    from.iter_mut().for_each(string);
    input.iter_mut().for_each(test_field);
    for e in expects {
        match e {
            Expect::Status(i) => ident(i),
            Expect::Tier(label, s) => {
                label.iter_mut().for_each(string);
                z(s);
            }
            Expect::Total(n) => number(n),
            Expect::Item(i, what) => {
                ident(i);
                match what {
                    ItemExpect::Points(n) => number(n),
                    ItemExpect::Status(w) => ident(w),
                }
            }
            Expect::Error(s) => string(s),
        }
    }
    z(span);
}

fn test_field(f: &mut TestField) {
    let TestField { name, value } = f;
    ident(name);
    literal(value);
}

fn literal(l: &mut Literal) {
    match l {
        Literal::Bool(_, s) | Literal::Missing(s) => z(s),
        Literal::Number(n) => number(n),
        Literal::Str(s) => string(s),
        Literal::Date(d) => date(d),
        Literal::Word(w) => ident(w),
        Literal::List(items, s) => {
            items.iter_mut().for_each(literal);
            z(s);
        }
        Literal::Record(fields, s) => {
            fields.iter_mut().for_each(test_field);
            z(s);
        }
    }
}

fn template(t: &mut Template) {
    for part in &mut t.parts {
        if let TemplatePart::Hole(e) = part {
            expr(e);
        }
    }
    z(&mut t.span);
}

fn expr(e: &mut Expr) {
    z(&mut e.span);
    match &mut e.kind {
        ExprKind::Number(n) => number(n),
        ExprKind::Bool(_) | ExprKind::Str(_) => {}
        ExprKind::Date(d) => date(d),
        ExprKind::Name(i) => ident(i),
        ExprKind::Not(a) | ExprKind::Neg(a) => expr(a),
        ExprKind::Binary(_, a, b) | ExprKind::Where(a, b) | ExprKind::Index(a, b) => {
            expr(a);
            expr(b);
        }
        ExprKind::InList(a, items) => {
            expr(a);
            items.iter_mut().for_each(expr);
        }
        ExprKind::InRange(a, r) => {
            expr(a);
            range(r);
        }
        ExprKind::Call(name, args) => {
            ident(name);
            args.iter_mut().for_each(expr);
        }
        ExprKind::If(branches, other) => {
            for (c, v) in branches {
                expr(c);
                expr(v);
            }
            expr(other);
        }
    }
}
