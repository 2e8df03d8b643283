//! Name resolution and type checking of expressions and message templates.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use tieuchi_syntax::ast::{BinOp, DateLit, Expr, ExprKind, Number, Template, TemplatePart};

use super::Checker;
use super::error::{CheckError, Divisor, Invalid, Kind, Thing};
use super::range::{Abs, Ranges};
use crate::program::{
    Agg, CExpr, CPart, CTemplate, EnumDef, FieldDef, FieldType, ItemDef, ListDef, Ty,
};
use crate::rule_text::Text;
use crate::suggest::suggest;
use crate::value::Value;

/// The names an expression may use: fields, and the `let`s declared before it.
pub(crate) struct Scope<'p> {
    pub fields: &'p [FieldDef],
    pub field_index: &'p HashMap<String, usize>,
    pub enums: &'p [EnumDef],
    pub lists: &'p [ListDef],
    /// The list items an expression is inside (`all(members, …)`), innermost last.
    pub items: RefCell<Vec<usize>>,
    pub lets: Vec<(String, Ty, Vec<usize>)>,
    pub let_index: HashMap<String, usize>,
    /// Divisors an enclosing `if` has shown not to be 0 (`if x == 0 then … else a / x`), as
    /// written (see `written`).
    pub nonzero: RefCell<Vec<String>>,
    /// Fields and `let`s that are declared but could not be checked (already reported):
    /// their uses are skipped silently instead of being reported as unknown names.
    pub broken: HashSet<String>,
    /// The values each `let` so far can take (see [`range`](super::range)).
    pub let_ranges: Vec<Abs>,
    /// Whether some expression names each input field (by slot) and each `let` (by
    /// position); kept only with the value reasoning ([`super::AUTHORING`]).
    pub used: RefCell<(Vec<bool>, Vec<bool>)>,
}

/// Sets `used[i]`, growing `used` as needed (only with the value reasoning).
fn mark(used: &mut Vec<bool>, i: usize) {
    if !super::AUTHORING {
        return;
    }
    if used.len() <= i {
        used.resize(i + 1, false);
    }
    if let Some(u) = used.get_mut(i) {
        *u = true;
    }
}

impl Scope<'_> {
    /// Resolves a name: fields of the enclosing list items first (innermost first; `each` is a
    /// plain value), then input fields, then `let`s.
    fn lookup(&self, name: &str) -> Option<(CExpr, Ty)> {
        for (depth, list) in self.items.borrow().iter().rev().enumerate() {
            match self.lists.get(*list).map(|l| &l.item) {
                Some(ItemDef::Record(fields) | ItemDef::Model { fields, .. }) => {
                    if let Some((slot, f)) = fields.iter().enumerate().find(|(_, f)| f.name == name)
                    {
                        return Some((CExpr::Item { depth, slot }, field_ty(&f.ty)));
                    }
                }
                Some(ItemDef::Scalar(ty)) if name == "each" => {
                    return Some((CExpr::Item { depth, slot: 0 }, field_ty(ty)));
                }
                _ => {}
            }
        }
        if let Some(&slot) = self.field_index.get(name) {
            let ty = self.fields.get(slot).map(|f| field_ty(&f.ty))?;
            mark(&mut self.used.borrow_mut().0, slot);
            return Some((CExpr::Field(slot), ty));
        }
        let idx = *self.let_index.get(name)?;
        let (_, ty, _) = self.lets.get(idx)?;
        mark(&mut self.used.borrow_mut().1, idx);
        Some((CExpr::Let(idx), *ty))
    }

    /// True for a bare name that is neither a field nor a `let` (maybe an enumeration value).
    fn is_unresolved(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name(n)
            if self.lookup(&n.name).is_none() && !self.broken.contains(&n.name))
    }

    fn known_names(&self) -> Vec<String> {
        let items = self.items.borrow();
        let item_fields = items
            .iter()
            .filter_map(|l| self.lists.get(*l))
            .flat_map(|l| l.item.fields());
        item_fields
            .chain(self.fields.iter())
            .map(|f| f.name.clone())
            .chain(self.lets.iter().map(|(n, _, _)| n.clone()))
            .collect()
    }

    /// Runs `f` with the items of list `list` in scope.
    pub fn within<T>(&self, list: usize, f: impl FnOnce() -> T) -> T {
        self.items.borrow_mut().push(list);
        let out = f();
        self.items.borrow_mut().pop();
        out
    }

    /// A type as named in messages.
    pub fn ty_name(&self, ty: Ty) -> Kind {
        match ty {
            Ty::Bool => Kind::YesNo,
            Ty::Int => Kind::WholeNumber,
            Ty::Decimal => Kind::Number,
            Ty::Text => Kind::Text,
            Ty::Date => Kind::Date,
            Ty::Enum(id) => match self.enums.get(id) {
                Some(e) => Kind::ValueOf(e.field.clone()),
                None => Kind::EnumValue,
            },
            Ty::List(_) => Kind::List,
        }
    }

    /// Input slots an expression reads, through `let`s too.
    pub fn inputs_of(&self, e: &CExpr, out: &mut Vec<usize>) {
        match e {
            CExpr::Const(_) => {}
            CExpr::Field(s) => out.push(*s),
            CExpr::Let(i) => {
                if let Some((_, _, deps)) = self.lets.get(*i) {
                    out.extend(deps.iter().copied());
                }
            }
            CExpr::Not(a) | CExpr::Neg(a) | CExpr::InRange(a, _) => self.inputs_of(a, out),
            CExpr::Binary(_, a, b) | CExpr::Div(a, b, _) => {
                self.inputs_of(a, out);
                self.inputs_of(b, out);
            }
            CExpr::InList(a, items) => {
                self.inputs_of(a, out);
                items.iter().for_each(|i| self.inputs_of(i, out));
            }
            CExpr::Call(_, args) => args.iter().for_each(|a| self.inputs_of(a, out)),
            CExpr::Item { .. } => {}
            CExpr::Where(a, b) | CExpr::Index(a, b) => {
                self.inputs_of(a, out);
                self.inputs_of(b, out);
            }
            CExpr::Agg(_, list, body, empty) => {
                self.inputs_of(list, out);
                body.iter()
                    .chain(empty)
                    .for_each(|e| self.inputs_of(e, out));
            }
            CExpr::If(branches, other) => {
                for (c, v) in branches {
                    self.inputs_of(c, out);
                    self.inputs_of(v, out);
                }
                self.inputs_of(other, out);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// `x == 0` (true: the condition says x is 0), or `x != 0` or `x > 0` (false: it says x is
/// not 0), with the expression `x` as [`written`] (a name, or `b - c` in `b - c == 0`).
fn zero_test(e: &Expr) -> Option<(String, bool)> {
    let ExprKind::Binary(op, a, b) = &e.kind else {
        return None;
    };
    let zero = |e: &Expr| {
        matches!(&e.kind, ExprKind::Number(n)
            if Decimal::from_str_exact(&n.text).is_ok_and(|d| d.is_zero()))
    };
    match op {
        BinOp::Eq if zero(b) => Some((written(a)?, true)),
        BinOp::Eq if zero(a) => Some((written(b)?, true)),
        BinOp::Ne | BinOp::Gt if zero(b) => Some((written(a)?, false)),
        _ => None,
    }
}

/// A number expression as written, wherever it is (spaces and parentheses aside), to tell a
/// guard on the same divisor: names, numbers, `-`, `+ - * /` and calls; `None` for any other
/// kind, so that a guard it would make is not seen (a warning too many, never one too few).
fn written(e: &Expr) -> Option<String> {
    let mut out = String::new();
    write_expr(e, &mut out)?;
    Some(out)
}

fn write_expr(e: &Expr, out: &mut String) -> Option<()> {
    match &e.kind {
        ExprKind::Name(n) => out.push_str(&n.name),
        ExprKind::Number(n) => out.push_str(&n.text),
        ExprKind::Neg(a) => {
            out.push('-');
            write_expr(a, out)?;
        }
        ExprKind::Binary(op, a, b) => {
            let op = match op {
                BinOp::Add => '+',
                BinOp::Sub => '-',
                BinOp::Mul => '*',
                BinOp::Div => '/',
                _ => return None,
            };
            out.push('(');
            write_expr(a, out)?;
            out.push(op);
            write_expr(b, out)?;
            out.push(')');
        }
        ExprKind::Call(f, args) => {
            out.push_str(&f.name);
            out.push('(');
            for a in args {
                write_expr(a, out)?;
                out.push(',');
            }
            out.push(')');
        }
        _ => return None,
    }
    Some(())
}

/// The type of the field named `name` (a field of an enclosing list item first), when it is one.
fn number_field(scope: &Scope, name: &str) -> Option<FieldType> {
    let items = scope.items.borrow();
    let item_field = items
        .iter()
        .rev()
        .filter_map(|l| scope.lists.get(*l))
        .flat_map(|l| l.item.fields())
        .find(|f| f.name == name);
    let field = item_field.or_else(|| {
        let slot = scope.field_index.get(name)?;
        scope.fields.get(*slot)
    });
    field.map(|f| f.ty.clone())
}

/// The static type of a field's values.
pub(crate) fn field_ty(ty: &FieldType) -> Ty {
    match ty {
        FieldType::Bool => Ty::Bool,
        FieldType::Int(_) => Ty::Int,
        FieldType::Decimal(_) => Ty::Decimal,
        FieldType::Text => Ty::Text,
        FieldType::Date => Ty::Date,
        FieldType::Enum(id) => Ty::Enum(*id),
        FieldType::List(id) => Ty::List(*id),
    }
}

impl Checker {
    /// Parses a number literal exactly.
    pub(crate) fn decimal(&mut self, n: &Number) -> Option<Decimal> {
        match Decimal::from_str_exact(&n.text) {
            Ok(d) => Some(d),
            Err(_) => {
                let problem = Invalid::Inexact(n.text.clone());
                self.report(CheckError::InvalidLiteral(problem).at(n.span));
                None
            }
        }
    }

    /// Validates a date literal against the calendar.
    pub(crate) fn date(&mut self, d: &DateLit) -> Option<time::Date> {
        let date = time::Month::try_from(d.month)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(d.year, m, d.day).ok());
        if date.is_none() {
            let written = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
            let problem = Invalid::NotADate(written);
            self.report(CheckError::InvalidLiteral(problem).at(d.span));
        }
        date
    }

    /// Checks a yes/no condition, and warns when the declared ranges make it never hold
    /// (C021) or always hold (C022).
    pub(crate) fn condition(&mut self, scope: &Scope, e: &Expr) -> Option<CExpr> {
        let c = self.expect_ty(scope, e, Ty::Bool, Kind::Condition)?;
        if !super::AUTHORING {
            return Some(c);
        }
        let ranges = Ranges {
            scope,
            lets: &scope.let_ranges,
        };
        let truth = ranges.of(&c).truth();
        let why = ranges.deciding_range(&c);
        if !truth.can_hold {
            self.report(CheckError::NeverHolds { why }.at(e.span));
        } else if !truth.can_fail {
            self.report(CheckError::AlwaysHolds { why }.at(e.span));
        }
        Some(c)
    }

    /// Checks an expression that must have type `want`.
    pub(crate) fn expect_ty(
        &mut self,
        scope: &Scope,
        e: &Expr,
        want: Ty,
        what: Kind,
    ) -> Option<CExpr> {
        let (c, ty) = self.expr(scope, e)?;
        let ok = ty == want || (want == Ty::Decimal && ty.is_number());
        if !ok {
            let found = scope.ty_name(ty);
            self.report(
                CheckError::TypeMismatch {
                    expected: what,
                    found,
                }
                .at(e.span),
            );
            return None;
        }
        Some(c)
    }

    /// Checks an expression and returns it with its type.
    pub(crate) fn expr(&mut self, scope: &Scope, e: &Expr) -> Option<(CExpr, Ty)> {
        match &e.kind {
            ExprKind::Number(n) => {
                let d = self.decimal(n)?;
                Some((
                    CExpr::Const(Value::Num(d)),
                    if n.integral { Ty::Int } else { Ty::Decimal },
                ))
            }
            ExprKind::Bool(b) => Some((CExpr::Const(Value::Bool(*b)), Ty::Bool)),
            ExprKind::Str(s) => Some((CExpr::Const(Value::Text(s.clone())), Ty::Text)),
            ExprKind::Date(d) => Some((CExpr::Const(Value::Date(self.date(d)?)), Ty::Date)),
            ExprKind::Name(id) => match scope.lookup(&id.name) {
                Some(found) => Some(found),
                None if scope.broken.contains(&id.name) => None,
                None => {
                    let known = scope.known_names();
                    let suggestion = suggest(&id.name, known.iter().map(String::as_str));
                    let err = CheckError::UnknownName {
                        name: id.name.clone(),
                        what: Thing::Name,
                        suggestion,
                    };
                    self.report(err.at(id.span));
                    None
                }
            },
            ExprKind::Not(a) => {
                let a = self.expect_ty(scope, a, Ty::Bool, Kind::YesNo)?;
                Some((CExpr::Not(Box::new(a)), Ty::Bool))
            }
            ExprKind::Neg(a) => {
                let (c, ty) = self.number(scope, a)?;
                Some((CExpr::Neg(Box::new(c)), ty))
            }
            ExprKind::Binary(op, a, b) => self.binary(scope, *op, a, b),
            ExprKind::InList(a, items) => {
                let (ca, ty) = self.expr(scope, a)?;
                let mut out = Vec::new();
                for item in items {
                    out.push(self.against(scope, item, ty)?);
                }
                Some((CExpr::InList(Box::new(ca), out), Ty::Bool))
            }
            ExprKind::InRange(a, range) => {
                let (ca, _) = self.number(scope, a)?;
                let bounds = self.bounds(range)?;
                Some((CExpr::InRange(Box::new(ca), bounds), Ty::Bool))
            }
            ExprKind::Call(name, args) => self.call(scope, name, args),
            ExprKind::Where(list, cond) => {
                let (cl, id) = self.list(scope, list)?;
                let cc = scope.within(id, || self.condition(scope, cond))?;
                Some((CExpr::Where(Box::new(cl), Box::new(cc)), Ty::List(id)))
            }
            ExprKind::Index(list, index) => {
                let (cl, id) = self.list(scope, list)?;
                let Some(ItemDef::Scalar(item)) = scope.lists.get(id).map(|l| &l.item) else {
                    self.report(
                        CheckError::TypeMismatch {
                            expected: Kind::PlainList,
                            found: Kind::ListOfRecords,
                        }
                        .at(list.span),
                    );
                    return None;
                };
                let ci = self.expect_ty(scope, index, Ty::Int, Kind::Position)?;
                Some((CExpr::Index(Box::new(cl), Box::new(ci)), field_ty(item)))
            }
            ExprKind::If(branches, other) => self.conditional(scope, branches, other),
        }
    }

    /// Checks `if … then … else …`: yes/no conditions, and values all of one type (a whole
    /// number and a decimal mix into a decimal). The type is taken from the first value that
    /// is not a bare enumeration value, so `if a then small else kind` is read.
    fn conditional(
        &mut self,
        scope: &Scope,
        branches: &[(Expr, Expr)],
        other: &Expr,
    ) -> Option<(CExpr, Ty)> {
        let values: Vec<&Expr> = branches
            .iter()
            .map(|(_, v)| v)
            .chain(std::iter::once(other))
            .collect();
        let anchor = values
            .iter()
            .position(|v| !scope.is_unresolved(v))
            .unwrap_or(0);
        // What value `at` may divide by: what its own condition says is not 0, and what an
        // earlier condition tested for 0. Returns how many were added to the scope.
        let guard = |at: usize| {
            let guards: Vec<String> = branches
                .iter()
                .enumerate()
                .take(at + 1)
                .filter_map(|(k, (c, _))| match zero_test(c) {
                    Some((x, is_zero)) if is_zero == (k < at) => Some(x),
                    _ => None,
                })
                .collect();
            let pushed = guards.len();
            scope.nonzero.borrow_mut().extend(guards);
            pushed
        };
        let unguard = |pushed: usize| {
            let mut nonzero = scope.nonzero.borrow_mut();
            let keep = nonzero.len().saturating_sub(pushed);
            nonzero.truncate(keep);
        };
        let pushed = guard(anchor);
        let first = self.expr(scope, values.get(anchor)?);
        unguard(pushed);
        let (anchor_c, mut ty) = first?;
        let mut anchor_c = Some(anchor_c);
        let mut checked = Vec::with_capacity(values.len());
        for (at, v) in values.iter().enumerate() {
            let pushed = if at == anchor { 0 } else { guard(at) };
            let c = if at == anchor {
                anchor_c.take()
            } else if ty.is_number() {
                self.number(scope, v).map(|(c, t)| {
                    if t != Ty::Int {
                        ty = Ty::Decimal;
                    }
                    c
                })
            } else {
                self.against(scope, v, ty)
            };
            unguard(pushed);
            checked.push(c);
        }
        let mut conds = Vec::with_capacity(branches.len());
        for (cond, _) in branches {
            conds.push(self.condition(scope, cond));
        }
        let mut checked = checked.into_iter().collect::<Option<Vec<CExpr>>>()?;
        let other = checked.pop()?;
        let conds = conds.into_iter().collect::<Option<Vec<CExpr>>>()?;
        let out = conds.into_iter().zip(checked).collect();
        Some((CExpr::If(out, Box::new(other)), ty))
    }

    /// Checks an expression that must be a list; returns it with its list type.
    pub(crate) fn list(&mut self, scope: &Scope, e: &Expr) -> Option<(CExpr, usize)> {
        let (c, ty) = self.expr(scope, e)?;
        match ty {
            Ty::List(id) => Some((c, id)),
            other => {
                let found = scope.ty_name(other);
                self.report(
                    CheckError::TypeMismatch {
                        expected: Kind::List,
                        found,
                    }
                    .at(e.span),
                );
                None
            }
        }
    }

    pub(crate) fn number(&mut self, scope: &Scope, e: &Expr) -> Option<(CExpr, Ty)> {
        let (c, ty) = self.expr(scope, e)?;
        if !ty.is_number() {
            let found = scope.ty_name(ty);
            self.report(
                CheckError::TypeMismatch {
                    expected: Kind::Number,
                    found,
                }
                .at(e.span),
            );
            return None;
        }
        Some((c, ty))
    }

    fn binary(&mut self, scope: &Scope, op: BinOp, a: &Expr, b: &Expr) -> Option<(CExpr, Ty)> {
        match op {
            BinOp::And | BinOp::Or => {
                let ca = self.expect_ty(scope, a, Ty::Bool, Kind::YesNo);
                let cb = self.expect_ty(scope, b, Ty::Bool, Kind::YesNo);
                Some((CExpr::Binary(op, Box::new(ca?), Box::new(cb?)), Ty::Bool))
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let ca = self.number(scope, a);
                let cb = self.number(scope, b);
                let ((ca, ta), (cb, tb)) = (ca?, cb?);
                let ty = if ta == Ty::Int && tb == Ty::Int && op != BinOp::Div {
                    Ty::Int
                } else {
                    Ty::Decimal
                };
                if op == BinOp::Div {
                    self.divisor_may_be_zero(scope, b, &cb);
                    let mut slots = Vec::new();
                    scope.inputs_of(&cb, &mut slots);
                    let names = slots
                        .iter()
                        .filter_map(|s| scope.fields.get(*s).map(|f| f.name.clone()))
                        .collect();
                    return Some((CExpr::Div(Box::new(ca), Box::new(cb), names), ty));
                }
                Some((CExpr::Binary(op, Box::new(ca), Box::new(cb)), ty))
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (ca, cb, ty) = if scope.is_unresolved(a) && !scope.is_unresolved(b) {
                    // `value == field`: the right side names the enumeration.
                    let (cb, tb) = self.expr(scope, b)?;
                    (self.against(scope, a, tb)?, cb, tb)
                } else {
                    let (ca, ta) = self.expr(scope, a)?;
                    (ca, self.against(scope, b, ta)?, ta)
                };
                let ordered = matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
                if matches!(ty, Ty::List(_)) || (ordered && matches!(ty, Ty::Bool | Ty::Text)) {
                    let found = scope.ty_name(ty);
                    let expected = Kind::Comparable;
                    self.report(CheckError::TypeMismatch { expected, found }.at(a.span.to(b.span)));
                    return None;
                }
                Some((CExpr::Binary(op, Box::new(ca), Box::new(cb)), Ty::Bool))
            }
        }
    }

    /// Warns (C019) when a divisor may be 0, unless an enclosing `if` has ruled 0 out (`if x
    /// == 0 then … else a / x`, with the same divisor written in the condition). A number
    /// field is judged by its declared range (an excluded bound kept exact); any other
    /// divisor (`b - c`, a `let`, `count(members)`) by the values worked out from the declared
    /// ranges, which is part of the value reasoning ([`super::AUTHORING`]). Those values are
    /// never narrower than the real ones, so 0 is missed only when it truly cannot occur.
    fn divisor_may_be_zero(&mut self, scope: &Scope, divisor: &Expr, compiled: &CExpr) {
        if let Some(w) = written(divisor)
            && scope.nonzero.borrow().contains(&w)
        {
            return;
        }
        if let ExprKind::Name(id) = &divisor.kind
            && let Some(ty) = number_field(scope, &id.name)
        {
            let (FieldType::Int(b) | FieldType::Decimal(b)) = &ty else {
                return;
            };
            let above = b.min.is_some_and(|m| m > Decimal::ZERO);
            let below = b
                .max
                .is_some_and(|m| m < Decimal::ZERO || (b.max_exclusive && m.is_zero()));
            if !above && !below {
                let why = Divisor::Field(id.name.clone());
                self.report(CheckError::ZeroDivisor(why).at(divisor.span));
            }
            return;
        }
        if !super::AUTHORING {
            return;
        }
        let ranges = Ranges {
            scope,
            lets: &scope.let_ranges,
        };
        let Some(values) = ranges.of(compiled).interval() else {
            return;
        };
        if !values.holds_zero() {
            return;
        }
        let why = match compiled {
            CExpr::Agg(Agg::Count, ..) => Divisor::Count,
            _ => Divisor::Values(values.written()),
        };
        self.report(CheckError::ZeroDivisor(why).at(divisor.span));
    }

    /// Checks `e` where a value of type `want` is expected; a bare name may be an enumeration value.
    pub(crate) fn against(&mut self, scope: &Scope, e: &Expr, want: Ty) -> Option<CExpr> {
        if let (ExprKind::Name(n), Ty::Enum(id)) = (&e.kind, want)
            && scope.lookup(&n.name).is_none()
            && !scope.broken.contains(&n.name)
        {
            let def = scope.enums.get(id)?;
            if let Some(pos) = def.variants.iter().position(|v| v.name == n.name) {
                return Some(CExpr::Const(Value::Enum(
                    u32::try_from(pos).unwrap_or(u32::MAX),
                )));
            }
            let suggestion = suggest(&n.name, def.variants.iter().map(|v| v.name.as_str()));
            let what = Thing::EnumValue;
            self.report(
                CheckError::UnknownName {
                    name: n.name.clone(),
                    what,
                    suggestion,
                }
                .at(n.span),
            );
            return None;
        }
        let (c, ty) = self.expr(scope, e)?;
        let compatible = ty == want || (ty.is_number() && want.is_number());
        if !compatible {
            let expected = scope.ty_name(want);
            let found = scope.ty_name(ty);
            self.report(CheckError::TypeMismatch { expected, found }.at(e.span));
            return None;
        }
        Some(c)
    }

    /// Checks a message template.
    pub(crate) fn template(&mut self, scope: &Scope, t: &Template) -> Option<CTemplate> {
        let mut parts = Vec::new();
        let mut ok = true;
        for p in &t.parts {
            match p {
                TemplatePart::Text(s) => parts.push(CPart::Text(Text::new(s.as_str()))),
                TemplatePart::Hole(e) => match self.expr(scope, e) {
                    Some((c, ty)) => parts.push(CPart::Hole(c, ty)),
                    None => ok = false,
                },
            }
        }
        ok.then_some(CTemplate { parts })
    }
}
