//! Statements and blocks: the model, its header, input, `let` values, criteria, indicators,
//! decisions and tests. Statements of a block are written in source order, one per line.

use super::comments::{find_char, test_places};
use super::layout::Out;
use crate::ast::{
    Award, Constraint, Criterion, Decision, Expect, Field, HeaderItem, Indicator, InputBlock,
    ItemExpect, ItemType, Let, Literal, Meta, Model, NaEffect, Number, Reason, ReasonKind,
    RoundingSpec, Str, Test, TestField, TypeExpr,
};
use crate::keywords::Kw;
use crate::span::Span;

/// A statement of the model block.
enum Top<'a> {
    Header(&'a HeaderItem),
    Input(&'a InputBlock),
    Let(&'a Let),
    Criterion(&'a Criterion),
    Override(&'a Indicator),
    Decision(&'a Decision),
    Test(&'a Test),
}

impl Top<'_> {
    /// Blocks get a blank line before and after them.
    fn is_block(&self) -> bool {
        matches!(
            self,
            Top::Input(_) | Top::Criterion(_) | Top::Override(_) | Top::Test(_)
        )
    }
}

/// A statement shared by criteria and indicators.
enum MetaItem<'a> {
    English(&'a Str),
    Source(&'a Str),
    Provisional(&'a Str),
    Floor(&'a Number),
}

/// The statements of `meta`, each with where it starts.
fn meta_items(meta: &Meta) -> Vec<(u32, MetaItem<'_>)> {
    let mut out = Vec::new();
    if let Some(s) = &meta.english {
        out.push((s.span.start, MetaItem::English(s)));
    }
    for s in &meta.sources {
        out.push((s.span.start, MetaItem::Source(s)));
    }
    if let Some(s) = &meta.provisional {
        out.push((s.span.start, MetaItem::Provisional(s)));
    }
    if let Some(n) = &meta.floor {
        out.push((n.span.start, MetaItem::Floor(n)));
    }
    out
}

/// A statement of an indicator block.
enum IndItem<'a> {
    Meta(MetaItem<'a>),
    Award(&'a Award),
    Pass(&'a crate::ast::Pass),
    NotApplicable(&'a crate::ast::NotApplicable),
    Reason(&'a Reason),
    Rounding(&'a RoundingSpec),
}

/// The last byte of a block's span is its closing `}`.
fn closer(span: Span) -> u32 {
    span.end.saturating_sub(1)
}

impl Out<'_> {
    /// Writes the whole model.
    pub fn model(&mut self, m: &Model) {
        self.open(0, m.span.start);
        self.kw_(Kw::Model);
        self.push(&m.id.name);
        self.push(" ");
        self.string(&m.title.value, m.title.span);
        let mut header_end = m.title.span.end;
        if let Some(path) = &m.extends {
            self.push(" ");
            self.kw_(Kw::Extends);
            self.string(&path.value, path.span);
            header_end = path.span.end;
        }
        self.push(" {");
        self.close_brace(header_end, m.span);

        let mut items: Vec<(u32, Top<'_>)> = Vec::new();
        for h in &m.header {
            items.push((header_start(h), Top::Header(h)));
        }
        if let Some(input) = &m.input {
            items.push((input.span.start, Top::Input(input)));
        }
        items.extend(m.lets.iter().map(|l| (l.span.start, Top::Let(l))));
        items.extend(m.criteria.iter().map(|c| (c.span.start, Top::Criterion(c))));
        items.extend(m.overrides.iter().map(|i| (i.span.start, Top::Override(i))));
        items.extend(
            m.decisions
                .iter()
                .map(|d| (decision_start(d), Top::Decision(d))),
        );
        items.extend(m.tests.iter().map(|t| (t.span.start, Top::Test(t))));
        items.sort_by_key(|(start, _)| *start);

        let mut prev_block = None;
        for (_, item) in &items {
            let block = item.is_block();
            if prev_block.is_some_and(|p| p || block) {
                self.blank();
            }
            prev_block = Some(block);
            match item {
                Top::Header(h) => self.header(h),
                Top::Input(i) => self.input(i),
                Top::Let(l) => self.let_(l),
                Top::Criterion(c) => self.criterion(c),
                Top::Override(i) => self.indicator(i, 1, true),
                Top::Decision(d) => self.decision(d),
                Top::Test(t) => self.test(t),
            }
        }
        self.close_line(0, m.span);
    }

    /// Ends a block's first line at its `{`, looked for from `after`.
    fn close_brace(&mut self, after: u32, block: Span) {
        let brace = find_char(self.src, after, block.end, b'{').unwrap_or(after);
        self.close_at(brace + 1);
    }

    /// Writes the `}` that closes the block spanning `block`.
    fn close_line(&mut self, indent: usize, block: Span) {
        self.open(indent, closer(block));
        self.push("}");
        self.close_at(block.end);
    }

    fn header(&mut self, h: &HeaderItem) {
        let start = header_start(h);
        self.open(1, start);
        let end = match h {
            HeaderItem::English(s) => self.kw_str(Kw::English, s),
            HeaderItem::Version(s) => self.kw_str(Kw::Version, s),
            HeaderItem::Source(s) => self.kw_str(Kw::Source, s),
            HeaderItem::Provisional(s) => self.kw_str(Kw::Provisional, s),
            HeaderItem::Valid { from, to, span } => {
                self.kw_(Kw::Valid);
                self.kw_(Kw::From);
                self.date(from);
                if let Some(to) = to {
                    self.push(" ");
                    self.kw_(Kw::To);
                    self.date(to);
                }
                span.end
            }
            HeaderItem::Jurisdiction(s) => {
                self.kw_(Kw::Jurisdiction);
                if s.value == "national" {
                    self.strings.push(s.span);
                    self.kw(Kw::National);
                } else {
                    self.string(&s.value, s.span);
                }
                s.span.end
            }
            HeaderItem::Max(n) => {
                self.kw_(Kw::Max);
                self.number(n);
                self.push(" ");
                self.kw(Kw::Points);
                n.span.end
            }
            HeaderItem::Rounding(spec) => self.rounding(spec),
            HeaderItem::Scope(id) => {
                self.kw_(Kw::Scope);
                self.push(&id.name);
                id.span.end
            }
            HeaderItem::Uses(id, path) => {
                self.kw_(Kw::Uses);
                self.push(&id.name);
                self.push(" ");
                self.string(&path.value, path.span);
                path.span.end
            }
        };
        self.close_at(end);
    }

    /// Writes `keyword "text"`; returns the end of the string.
    fn kw_str(&mut self, kw: Kw, s: &Str) -> u32 {
        self.kw_(kw);
        self.string(&s.value, s.span);
        s.span.end
    }

    /// Writes `rounding N [mode]` on the line under way; returns its end.
    fn rounding(&mut self, spec: &RoundingSpec) -> u32 {
        self.kw_(Kw::Rounding);
        self.number(&spec.places);
        if let Some(mode) = &spec.mode {
            self.push(" ");
            self.push(&mode.name);
        }
        spec.span.end
    }

    fn input(&mut self, input: &InputBlock) {
        self.open(1, input.span.start);
        self.kw_(Kw::Input);
        self.push("{");
        self.close_brace(input.span.start, input.span);
        enum Item<'a> {
            Field(&'a Field),
            Require(&'a Constraint),
        }
        let mut items: Vec<(u32, Item<'_>)> = Vec::new();
        items.extend(input.fields.iter().map(|f| (f.span.start, Item::Field(f))));
        items.extend(
            input
                .constraints
                .iter()
                .map(|c| (c.span.start, Item::Require(c))),
        );
        items.sort_by_key(|(start, _)| *start);
        for (_, item) in &items {
            match item {
                Item::Field(f) => self.field(f, 2),
                Item::Require(c) => {
                    self.open(2, c.span.start);
                    self.kw_(Kw::Require);
                    self.expr(&c.condition, 0);
                    self.push(" ");
                    self.template(&c.message);
                    self.close_at(c.span.end);
                }
            }
        }
        self.close_line(1, input.span);
    }

    fn field(&mut self, f: &Field, indent: usize) {
        self.open(indent, f.span.start);
        self.push(&f.name.name);
        self.push(": ");
        if f.optional {
            self.kw_(Kw::Optional);
        }
        self.type_expr(&f.ty, indent, f.name.span.end);
        if let Some(label) = &f.label {
            self.push(" ");
            self.string(&label.value, label.span);
        }
        if let Some(english) = &f.english {
            self.push(" ");
            self.kw_(Kw::En);
            self.string(&english.value, english.span);
        }
        self.close_at(f.span.end);
    }

    /// Writes a type; a record list and a labelled enumeration take lines of their own.
    /// `after` is where to look for their `{` from.
    fn type_expr(&mut self, ty: &TypeExpr, indent: usize, after: u32) {
        match ty {
            TypeExpr::Bool(_) => self.kw(Kw::Bool),
            TypeExpr::Text(_) => self.kw(Kw::Text),
            TypeExpr::Date(_) => self.kw(Kw::Date),
            TypeExpr::Int(range, _) | TypeExpr::Decimal(range, _) => {
                let int = matches!(ty, TypeExpr::Int(..));
                self.kw(if int { Kw::Int } else { Kw::Decimal });
                if let Some(r) = range {
                    self.push(" ");
                    self.range(r);
                }
            }
            TypeExpr::OneOf(variants, span) => {
                self.kw_(Kw::One);
                self.kw_(Kw::Of);
                if variants.iter().all(|v| v.label.is_none()) {
                    let names: Vec<&str> = variants.iter().map(|v| v.name.name.as_str()).collect();
                    if names.is_empty() {
                        self.push("{}");
                    } else {
                        self.push("{ ");
                        self.push(&names.join(", "));
                        self.push(" }");
                    }
                    return;
                }
                self.push("{");
                self.close_brace(after.max(span.start), *span);
                for v in variants {
                    self.open(indent + 1, v.name.span.start);
                    self.push(&v.name.name);
                    let mut end = v.name.span.end;
                    if let Some(label) = &v.label {
                        self.push(" ");
                        self.string(&label.value, label.span);
                        end = label.span.end;
                    }
                    self.close_at(end);
                }
                self.open(indent, closer(*span));
                self.push("}");
            }
            TypeExpr::List(size, item, span) => {
                self.kw(Kw::List);
                if let Some(size) = size {
                    self.push("(");
                    match (&size.lo, &size.hi) {
                        (Some(lo), Some(hi))
                            if !size.hi_exclusive
                                && lo.text == hi.text
                                && lo.integral == hi.integral =>
                        {
                            self.number(lo);
                        }
                        _ => self.range(size),
                    }
                    self.push(")");
                }
                self.push(" ");
                self.kw_(Kw::ListOf);
                match item.as_ref() {
                    ItemType::Model(id) => self.push(&id.name),
                    ItemType::Scalar(inner) => self.type_expr(inner, indent, after),
                    ItemType::Record(fields) => {
                        self.push("{");
                        self.close_brace(after.max(span.start), *span);
                        for f in fields {
                            self.field(f, indent + 1);
                        }
                        self.open(indent, closer(*span));
                        self.push("}");
                    }
                }
            }
        }
    }

    fn let_(&mut self, l: &Let) {
        self.open(1, l.span.start);
        self.kw_(Kw::Let);
        self.push(&l.name.name);
        self.push(" = ");
        self.expr(&l.value, 0);
        self.close_at(l.span.end);
    }

    fn criterion(&mut self, c: &Criterion) {
        self.open(1, c.span.start);
        self.kw_(Kw::Criterion);
        self.push(&c.id.name);
        self.push(" ");
        self.string(&c.label.value, c.label.span);
        let mut header_end = c.label.span.end;
        if let Some(max) = &c.max {
            self.push(" ");
            self.number(max);
            self.push(" ");
            self.kw(Kw::Points);
            header_end = max.span.end;
        }
        self.push(" {");
        self.close_brace(header_end, c.span);
        enum Item<'a> {
            Meta(MetaItem<'a>),
            Indicator(&'a Indicator),
        }
        let mut items: Vec<(u32, Item<'_>)> = meta_items(&c.meta)
            .into_iter()
            .map(|(s, m)| (s, Item::Meta(m)))
            .collect();
        items.extend(
            c.indicators
                .iter()
                .map(|i| (i.span.start, Item::Indicator(i))),
        );
        items.sort_by_key(|(start, _)| *start);
        let mut prev_block = None;
        for (_, item) in &items {
            let block = matches!(item, Item::Indicator(_));
            if prev_block.is_some_and(|p| p || block) {
                self.blank();
            }
            prev_block = Some(block);
            match item {
                Item::Meta(m) => self.meta_item(m, 2),
                Item::Indicator(i) => self.indicator(i, 2, false),
            }
        }
        self.close_line(1, c.span);
    }

    fn meta_item(&mut self, m: &MetaItem<'_>, indent: usize) {
        let (start, end) = match m {
            MetaItem::English(s) | MetaItem::Source(s) | MetaItem::Provisional(s) => {
                (s.span.start, s.span.end)
            }
            MetaItem::Floor(n) => (n.span.start, n.span.end),
        };
        self.open(indent, start);
        match m {
            MetaItem::English(s) => {
                self.kw_str(Kw::English, s);
            }
            MetaItem::Source(s) => {
                self.kw_str(Kw::Source, s);
            }
            MetaItem::Provisional(s) => {
                self.kw_str(Kw::Provisional, s);
            }
            MetaItem::Floor(n) => {
                self.kw_(Kw::Floor);
                self.number(n);
            }
        }
        self.close_at(end);
    }

    fn indicator(&mut self, ind: &Indicator, indent: usize, is_override: bool) {
        self.open(indent, ind.span.start);
        if is_override {
            self.kw_(Kw::Override);
        }
        self.kw_(Kw::Indicator);
        self.push(&ind.id.name);
        self.push(" ");
        self.string(&ind.label.value, ind.label.span);
        let mut header_end = ind.label.span.end;
        if let Some(deduct) = ind.deduction {
            self.push(" ");
            self.kw(Kw::Deduct);
            header_end = deduct.end;
        }
        if let Some(max) = &ind.max {
            self.push(" ");
            self.number(max);
            self.push(" ");
            self.kw(Kw::Points);
            header_end = max.span.end;
        }
        self.push(" {");
        self.close_brace(header_end, ind.span);

        let mut items: Vec<(u32, IndItem<'_>)> = meta_items(&ind.meta)
            .into_iter()
            .map(|(s, m)| (s, IndItem::Meta(m)))
            .collect();
        if let Some(a) = &ind.award {
            items.push((a.span().start, IndItem::Award(a)));
        }
        items.extend(ind.passes.iter().map(|p| (p.span.start, IndItem::Pass(p))));
        if let Some(na) = &ind.not_applicable {
            items.push((na.span.start, IndItem::NotApplicable(na)));
        }
        items.extend(
            ind.reasons
                .iter()
                .map(|r| (r.text.span.start, IndItem::Reason(r))),
        );
        if let Some(r) = &ind.rounding {
            items.push((r.span.start, IndItem::Rounding(r)));
        }
        items.sort_by_key(|(start, _)| *start);
        let inner = indent + 1;
        for (start, item) in &items {
            match item {
                IndItem::Meta(m) => self.meta_item(m, inner),
                IndItem::Award(a) => self.award(a, inner),
                IndItem::Pass(p) => {
                    self.open(inner, *start);
                    self.kw_(Kw::Pass);
                    if let Some(level) = &p.level {
                        self.kw_(Kw::At);
                        self.kw_(Kw::Level);
                        self.number(level);
                        self.push(" ");
                    }
                    self.kw_(Kw::When);
                    self.expr(&p.when, 0);
                    self.close_at(p.span.end);
                }
                IndItem::NotApplicable(na) => {
                    self.open(inner, *start);
                    self.kw_(Kw::Not);
                    self.kw_(Kw::Applicable);
                    self.kw_(Kw::When);
                    self.expr(&na.when, 0);
                    self.push(" ");
                    self.kw_(Kw::Counts);
                    self.kw_(Kw::As);
                    self.kw(match na.effect {
                        NaEffect::Full => Kw::Full,
                        NaEffect::Excluded => Kw::Excluded,
                    });
                    self.close_at(na.span.end);
                }
                IndItem::Reason(r) => {
                    self.open(inner, *start);
                    match r.kind {
                        ReasonKind::Any => self.kw_(Kw::Reason),
                        ReasonKind::Met => self.kw_(Kw::Met),
                        ReasonKind::Partial => self.kw_(Kw::Partial),
                        ReasonKind::Unmet => self.kw_(Kw::Unmet),
                        ReasonKind::NotApplicable => {
                            self.kw_(Kw::Not);
                            self.kw_(Kw::Applicable);
                        }
                    }
                    self.template(&r.text);
                    self.close_at(r.text.span.end);
                }
                IndItem::Rounding(spec) => {
                    self.open(inner, *start);
                    let end = self.rounding(spec);
                    self.close_at(end);
                }
            }
        }
        self.close_line(indent, ind.span);
    }

    fn award(&mut self, a: &Award, indent: usize) {
        let span = a.span();
        self.open(indent, span.start);
        self.kw_(Kw::Award);
        match a {
            Award::Whole(e, _) => {
                self.kw_(Kw::Whole);
                self.kw_(Kw::When);
                self.expr(e, 0);
            }
            Award::Proportional(e, _) => {
                self.kw_(Kw::Proportional);
                self.kw_(Kw::ProportionalTo);
                self.expr(e, 0);
            }
            Award::Deduct(n, e, _) => {
                self.kw_(Kw::Deduct);
                self.number(n);
                self.push(" ");
                self.kw_(Kw::Per);
                self.expr(e, 0);
            }
            Award::Value(e, _) => {
                self.kw_(Kw::Value);
                self.expr(e, 0);
            }
            Award::Bands(bands, otherwise, _) => {
                self.kw_(Kw::Bands);
                self.push("{");
                self.close_brace(span.start, span);
                for band in bands {
                    self.open(indent + 1, band.points.span.start);
                    self.number(&band.points);
                    self.push(" ");
                    self.kw_(Kw::When);
                    self.expr_closed(&band.when);
                    self.close_at(band.when.span.end);
                }
                if let Some(n) = otherwise {
                    self.open(indent + 1, n.span.start);
                    self.kw_(Kw::Otherwise);
                    self.number(n);
                    self.close_at(n.span.end);
                }
                self.close_line(indent, span);
                return;
            }
        }
        self.close_at(span.end);
    }

    fn decision(&mut self, d: &Decision) {
        self.open(1, decision_start(d));
        let end = match d {
            Decision::Pass(n, why, span) => {
                self.kw_(Kw::Recognized);
                self.kw_(Kw::When);
                self.kw_(Kw::Total);
                self.push(">= ");
                self.number(n);
                if let Some(why) = why {
                    self.push(" ");
                    self.kw_str(Kw::Provisional, why);
                }
                span.end
            }
            Decision::FloorEachIndicator(n, span) => {
                self.kw_(Kw::Floor);
                self.kw_(Kw::Each);
                self.kw_(Kw::Indicator);
                self.number(n);
                span.end
            }
            Decision::Tier(t) => {
                self.kw_(Kw::Tier);
                self.labels(&t.label, t.english.as_ref());
                self.push(" ");
                self.kw_(Kw::When);
                self.kw_(Kw::Total);
                self.kw_(Kw::In);
                self.range(&t.range);
                if t.recognized {
                    self.push(" ");
                    self.kw(Kw::Recognized);
                }
                t.span.end
            }
            Decision::Level(l) => {
                self.kw_(Kw::Level);
                self.labels(&l.label, l.english.as_ref());
                if l.recognized {
                    self.push(" ");
                    self.kw(Kw::Recognized);
                }
                l.span.end
            }
        };
        self.close_at(end);
    }

    /// Writes `"label" [en "English label"]`.
    fn labels(&mut self, label: &Str, english: Option<&Str>) {
        self.string(&label.value, label.span);
        if let Some(en) = english {
            self.push(" ");
            self.kw_(Kw::En);
            self.string(&en.value, en.span);
        }
    }

    fn test(&mut self, t: &Test) {
        self.open(1, t.span.start);
        self.kw_(Kw::Test);
        self.string(&t.name.value, t.name.span);
        let mut header_end = t.name.span.end;
        if let Some(from) = &t.from {
            self.push(" ");
            self.kw_(Kw::From);
            self.string(&from.value, from.span);
            header_end = from.span.end;
        }
        self.push(" {");
        let places = test_places(self.src, header_end, t.span.end);
        self.close_at(places.open.map_or(header_end, |o| o + 1));
        enum Item<'a> {
            Input,
            Expect(&'a Expect),
        }
        let mut items: Vec<(u32, Item<'_>)> = Vec::new();
        if !t.input.is_empty() {
            let first = t.input.first().map_or(header_end, |f| f.name.span.start);
            items.push((places.input.unwrap_or(first), Item::Input));
        }
        items.extend(
            t.expects
                .iter()
                .map(|e| (expect_span(e).start, Item::Expect(e))),
        );
        items.sort_by_key(|(start, _)| *start);
        for (start, item) in &items {
            match item {
                Item::Input => {
                    self.open(2, *start);
                    self.kw_(Kw::Input);
                    self.push("{");
                    self.close_at(places.input_open.map_or(*start, |o| o + 1));
                    for f in &t.input {
                        self.test_field(f, 3);
                    }
                    let close = places.input_close.unwrap_or(*start);
                    self.open(2, close);
                    self.push("}");
                    self.close_at(close + 1);
                }
                Item::Expect(e) => self.expect(e),
            }
        }
        self.close_line(1, t.span);
    }

    fn test_field(&mut self, f: &TestField, indent: usize) {
        self.open(indent, f.name.span.start);
        self.push(&f.name.name);
        self.push(": ");
        match &f.value {
            Literal::List(items, span)
                if items.iter().any(|i| matches!(i, Literal::Record(..))) =>
            {
                self.push("[");
                self.close_at(span.start + 1);
                for item in items {
                    let s = literal_span(item);
                    self.open(indent + 1, s.start);
                    self.literal(item);
                    self.close_at(s.end);
                }
                self.open(indent, closer(*span));
                self.push("]");
                self.close_at(span.end);
            }
            other => {
                self.literal(other);
                self.close_at(literal_span(other).end);
            }
        }
    }

    fn expect(&mut self, e: &Expect) {
        let span = expect_span(e);
        self.open(2, span.start);
        self.kw_(Kw::Expect);
        match e {
            Expect::Status(w) => {
                self.kw_(Kw::Status);
                self.push(&w.name);
            }
            Expect::Tier(label, _) => {
                self.kw_(Kw::Tier);
                match label {
                    Some(s) => self.string(&s.value, s.span),
                    None => self.kw(Kw::None),
                }
            }
            Expect::Total(n) => {
                self.kw_(Kw::Total);
                self.number(n);
            }
            Expect::Error(path) => {
                self.kw_str(Kw::Error, path);
            }
            Expect::Item(id, what) => {
                self.push(&id.name);
                self.push(" ");
                match what {
                    ItemExpect::Points(n) => self.number(n),
                    ItemExpect::Status(w) => self.push(&w.name),
                }
            }
        }
        self.close_at(span.end);
    }
}

/// Where a header statement's tree node starts (its keyword comes just before).
fn header_start(h: &HeaderItem) -> u32 {
    match h {
        HeaderItem::English(s)
        | HeaderItem::Version(s)
        | HeaderItem::Source(s)
        | HeaderItem::Jurisdiction(s)
        | HeaderItem::Provisional(s) => s.span.start,
        HeaderItem::Valid { span, .. } => span.start,
        HeaderItem::Max(n) => n.span.start,
        HeaderItem::Rounding(spec) => spec.span.start,
        HeaderItem::Scope(id) | HeaderItem::Uses(id, _) => id.span.start,
    }
}

fn decision_start(d: &Decision) -> u32 {
    match d {
        Decision::Pass(_, _, span) | Decision::FloorEachIndicator(_, span) => span.start,
        Decision::Tier(t) => t.span.start,
        Decision::Level(l) => l.span.start,
    }
}

/// The source of an expectation, `expect` excluded.
fn expect_span(e: &Expect) -> Span {
    match e {
        Expect::Status(w) => w.span,
        Expect::Tier(_, span) => *span,
        Expect::Total(n) => n.span,
        Expect::Error(s) => s.span,
        Expect::Item(id, what) => id.span.to(match what {
            ItemExpect::Points(n) => n.span,
            ItemExpect::Status(w) => w.span,
        }),
    }
}

/// Where a test value was written.
fn literal_span(lit: &Literal) -> Span {
    match lit {
        Literal::Bool(_, s) | Literal::Missing(s) | Literal::List(_, s) | Literal::Record(_, s) => {
            *s
        }
        Literal::Number(n) => n.span,
        Literal::Str(s) => s.span,
        Literal::Date(d) => d.span,
        Literal::Word(w) => w.span,
    }
}
