//! Expressions in Vietnamese: conditions, values, lists and their aggregates.

use rust_decimal::Decimal;
use tieuchi_syntax::ast::BinOp;

use super::INLINE_LIMIT;
use super::words::{bare, copula, filter_join, in_sentence, negate_statement};
use crate::program::{Agg, Bounds, Builtin, CExpr, FieldDef, FieldType, ItemDef, Program, Ty};
use crate::value::Value;
use crate::wording::format_number;

/// What a phrase is, for joining it into a larger one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A word or a phrase that needs no parentheses.
    Atom,
    /// A list with a condition on its items ("thành viên có tuổi từ 6 đến 14").
    Filtered,
    /// Conditions joined by "và".
    And,
    /// Conditions joined by "hoặc".
    Or,
    /// A sum or difference (parenthesised under ×).
    Sum,
    /// A phrase of a function ("số nhỏ hơn giữa … và …"), parenthesised inside arithmetic.
    Call,
}

/// A phrase with its kind; `ratio` when it is a share (its constants read as percentages).
#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    kind: Kind,
    ratio: bool,
}

impl Phrase {
    fn atom(text: String) -> Self {
        Phrase {
            text,
            kind: Kind::Atom,
            ratio: false,
        }
    }

    fn ratio(text: String) -> Self {
        Phrase {
            text,
            kind: Kind::Atom,
            ratio: true,
        }
    }

    fn of(text: String, kind: Kind) -> Self {
        Phrase {
            text,
            kind,
            ratio: false,
        }
    }
}

/// How a constant is read: its type (for an enumeration value's label) and whether it is
/// compared with a share (then `0.9` reads `90%`).
#[derive(Debug, Clone, Copy, Default)]
struct Hint {
    ty: Option<Ty>,
    percent: bool,
}

/// The fields of an enclosing list item.
#[derive(Debug, Clone, Copy)]
enum Item<'p> {
    /// A record item and its fields.
    Fields(&'p [FieldDef]),
    /// A plain value of this type, read as "giá trị".
    Scalar(&'p FieldType),
}

/// Phrases expressions of one program; the `let` values are phrased once.
pub(super) struct Phraser<'p> {
    program: &'p Program,
    /// The phrase of each `let` so far, in order.
    lets: Vec<Phrase>,
    /// The negated phrase of each `let`, once asked for.
    negated: Vec<Option<Phrase>>,
    /// Enclosing list items, innermost last.
    items: Vec<Item<'p>>,
}

impl<'p> Phraser<'p> {
    /// Phrases every `let` value of `program` (each may use only those before it).
    pub(super) fn new(program: &'p Program) -> Self {
        let mut p = Phraser {
            program,
            lets: Vec::with_capacity(program.lets.len()),
            negated: vec![None; program.lets.len()],
            items: Vec::new(),
        };
        for l in &program.lets {
            let phrase = p.phrase(&l.expr, Hint::default());
            p.lets.push(phrase);
        }
        p
    }

    /// The program phrased.
    pub(super) fn program(&self) -> &'p Program {
        self.program
    }

    /// An expression at the top of a sentence.
    pub(super) fn top(&mut self, e: &CExpr) -> String {
        self.phrase(e, Hint::default()).text
    }

    /// "cho mỗi …" for a deduction per counted item, else "nhân với …".
    pub(super) fn per(&mut self, e: &CExpr) -> String {
        if let CExpr::Agg(Agg::Count, list, None, _) = e {
            let noun = self.phrase(list, Hint::default()).text;
            return format!("cho mỗi {}", bare(&noun));
        }
        format!("nhân với {}", self.phrase(e, Hint::default()).text)
    }

    /// A proportional award: "Điểm theo tỷ lệ … (tối đa 10 điểm)"; a share against a target
    /// (`min(1, share / 70%)`) says that the target earns full points.
    pub(super) fn proportional(&mut self, e: &CExpr, max: Decimal) -> String {
        let max_text = super::points(max);
        let inner = match e {
            CExpr::Call(Builtin::Min, args) => match args.as_slice() {
                [CExpr::Const(Value::Num(one)), x] | [x, CExpr::Const(Value::Num(one))]
                    if *one == Decimal::ONE =>
                {
                    x
                }
                _ => e,
            },
            _ => e,
        };
        if let CExpr::Div(share, target, _) | CExpr::Binary(BinOp::Div, share, target) = inner
            && let CExpr::Const(Value::Num(t)) = target.as_ref()
            && *t > Decimal::ZERO
            && *t < Decimal::ONE
        {
            let share = self.phrase(share, Hint::default());
            let target = percent(*t);
            return format!(
                "Điểm theo {} so với mức {target}: đạt {target} trở lên được đủ {max_text}, thấp hơn thì theo tỷ lệ (tối đa {max_text})",
                share.text
            );
        }
        let share = self.phrase(e, Hint::default());
        let text = if share.ratio {
            share.text
        } else {
            format!("tỷ lệ {}", share.text)
        };
        format!("Điểm theo {text} (tối đa {max_text})")
    }

    /// The `let` values whose phrase is too long to repeat: name and phrase.
    pub(super) fn named_lets(&self) -> Vec<(String, String)> {
        self.program
            .lets
            .iter()
            .zip(&self.lets)
            .filter(|(_, p)| !short(&p.text))
            .map(|(l, p)| (l.name.clone(), p.text.clone()))
            .collect()
    }

    /// Every `let` value: name and phrase.
    pub(super) fn all_lets(&self) -> Vec<(String, String)> {
        self.program
            .lets
            .iter()
            .zip(&self.lets)
            .map(|(l, p)| (l.name.clone(), p.text.clone()))
            .collect()
    }

    /// The type of an expression, as far as phrasing needs it (enumerations and lists).
    fn ty_of(&self, e: &CExpr) -> Option<Ty> {
        match e {
            CExpr::Const(v) => match v {
                Value::Bool(_) => Some(Ty::Bool),
                Value::Num(_) => Some(Ty::Decimal),
                Value::Text(_) => Some(Ty::Text),
                Value::Date(_) => Some(Ty::Date),
                _ => None,
            },
            CExpr::Field(s) => self.program.fields.get(*s).map(|f| field_ty(&f.ty)),
            CExpr::Let(i) => self.program.lets.get(*i).map(|l| l.ty),
            CExpr::Item { depth, slot } => {
                let item = self.items.len().checked_sub(depth + 1)?;
                match self.items.get(item)? {
                    Item::Fields(fields) => fields.get(*slot).map(|f| field_ty(&f.ty)),
                    Item::Scalar(t) => Some(field_ty(t)),
                }
            }
            CExpr::Where(list, _) => self.ty_of(list),
            CExpr::Index(list, _) => match self.list_item(list)? {
                ItemDef::Scalar(t) => Some(field_ty(t)),
                _ => None,
            },
            CExpr::Agg(Agg::Min | Agg::Max, _, Some(_), _) => None,
            CExpr::Call(Builtin::Date, _) => Some(Ty::Date),
            CExpr::If(branches, other) => branches
                .first()
                .and_then(|(_, v)| self.ty_of(v))
                .or_else(|| self.ty_of(other)),
            _ => None,
        }
    }

    /// What the items of a list expression are.
    fn list_item(&self, list: &CExpr) -> Option<&'p ItemDef> {
        match self.ty_of(list)? {
            Ty::List(l) => self.program.lists.get(l).map(|d| &d.item),
            _ => None,
        }
    }

    /// Phrases `body` inside the items of `list`.
    fn within<T>(&mut self, list: &CExpr, body: impl FnOnce(&mut Self) -> T) -> T {
        let item = match self.list_item(list) {
            Some(ItemDef::Scalar(t)) => Some(Item::Scalar(t)),
            Some(d) => Some(Item::Fields(d.fields())),
            None => None,
        };
        let pushed = item.is_some();
        if let Some(item) = item {
            self.items.push(item);
        }
        let out = body(self);
        if pushed {
            self.items.pop();
        }
        out
    }

    /// A field's label inside a sentence.
    fn field(f: &FieldDef) -> Phrase {
        Phrase::atom(in_sentence(f.display_label()))
    }

    /// The phrase of an expression.
    fn phrase(&mut self, e: &CExpr, hint: Hint) -> Phrase {
        match e {
            CExpr::Const(v) => Phrase::atom(self.constant(v, hint)),
            CExpr::Field(s) => match self.program.fields.get(*s) {
                Some(f) => Self::field(f),
                None => Phrase::atom("?".into()),
            },
            CExpr::Let(i) => self.let_phrase(*i),
            CExpr::Item { depth, slot } => {
                let at = self.items.len().checked_sub(depth + 1);
                match at.and_then(|a| self.items.get(a)) {
                    Some(Item::Fields(fields)) => match fields.get(*slot) {
                        Some(f) => Self::field(f),
                        None => Phrase::atom("?".into()),
                    },
                    _ => Phrase::atom("giá trị".into()),
                }
            }
            CExpr::Not(x) => self.negate(x),
            CExpr::Neg(x) => {
                let x = self.phrase(x, hint);
                Phrase::atom(format!("−{}", paren(&x, &[Kind::Sum, Kind::And, Kind::Or])))
            }
            CExpr::Binary(op, a, b) => self.binary(*op, a, b),
            CExpr::Div(a, b, _) => self.divide(a, b),
            CExpr::InList(x, items) => self.in_list(x, items, false),
            CExpr::InRange(x, bounds) => {
                let xp = self.phrase(x, Hint::default());
                let h = Hint {
                    ty: self.ty_of(x),
                    percent: xp.ratio,
                };
                Phrase::atom(format!("{} {}", xp.text, self.range(bounds, h)))
            }
            CExpr::Call(f, args) => self.call(*f, args),
            CExpr::Where(list, cond) => {
                let l = self.phrase(list, Hint::default());
                let c = self.within(list, |p| p.phrase(cond, Hint::default()));
                let c = paren(&c, &[Kind::Or]);
                let text = if l.kind == Kind::Filtered {
                    format!("{} và {c}", l.text)
                } else {
                    format!("{}{}{c}", l.text, filter_join(&c))
                };
                Phrase::of(text, Kind::Filtered)
            }
            CExpr::Index(list, n) => {
                let l = self.phrase(list, Hint::default()).text;
                let n = self.phrase(n, Hint::default()).text;
                Phrase::atom(format!("mục thứ {n} của {l}"))
            }
            CExpr::Agg(agg, list, each, empty) => {
                self.aggregate(*agg, list, each.as_deref(), empty.as_deref())
            }
            CExpr::If(branches, other) => {
                let mut parts = Vec::with_capacity(branches.len() + 1);
                for (c, v) in branches {
                    let v = self.phrase(v, hint).text;
                    let c = self.phrase(c, Hint::default()).text;
                    parts.push(format!("{v} nếu {c}"));
                }
                let other = self.phrase(other, hint).text;
                parts.push(format!("còn lại {other}"));
                Phrase::of(format!("({})", parts.join("; ")), Kind::Atom)
            }
        }
    }

    /// A constant as it reads.
    fn constant(&self, v: &Value, hint: Hint) -> String {
        match v {
            Value::Unknown => "không rõ".into(),
            Value::Bool(true) => "có".into(),
            Value::Bool(false) => "không".into(),
            Value::Num(n) if hint.percent => percent(*n),
            Value::Num(n) => format_number(*n),
            Value::Text(t) => format!("«{t}»"),
            Value::Date(d) => format!(
                "ngày {:02}/{:02}/{:04}",
                d.day(),
                u8::from(d.month()),
                d.year()
            ),
            Value::Enum(i) => {
                let variant = match hint.ty {
                    Some(Ty::Enum(id)) => self
                        .program
                        .enums
                        .get(id)
                        .and_then(|e| e.variants.get(*i as usize)),
                    _ => None,
                };
                match variant {
                    Some(v) => format!("«{}»", v.label.as_deref().unwrap_or(&v.name)),
                    None => format!("giá trị thứ {}", u64::from(*i) + 1),
                }
            }
            Value::List(rows) => format!("{} mục", rows.len()),
            Value::Picked(_, items) => format!("{} mục", items.len()),
        }
    }

    /// A `let` value: its phrase when short, else its name.
    fn let_phrase(&self, i: usize) -> Phrase {
        match self.lets.get(i) {
            Some(p) if short(&p.text) => p.clone(),
            Some(p) => Phrase {
                text: self.let_name(i),
                kind: Kind::Atom,
                ratio: p.ratio,
            },
            None => Phrase::atom(self.let_name(i)),
        }
    }

    /// How a `let` too long to repeat is named.
    fn let_name(&self, i: usize) -> String {
        let name = self.program.lets.get(i).map_or("?", |l| l.name.as_str());
        format!("giá trị «{name}»")
    }

    /// `a op b`.
    fn binary(&mut self, op: BinOp, a: &CExpr, b: &CExpr) -> Phrase {
        match op {
            BinOp::And | BinOp::Or => {
                let mut operands = Vec::new();
                flatten(op, a, &mut operands);
                flatten(op, b, &mut operands);
                let parts: Vec<Phrase> = operands
                    .into_iter()
                    .map(|x| self.phrase(x, Hint::default()))
                    .collect();
                join(op == BinOp::And, parts)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                self.compare(op, a, b)
            }
            BinOp::Div => self.divide(a, b),
            BinOp::Add | BinOp::Sub | BinOp::Mul => {
                if op == BinOp::Mul
                    && let CExpr::Const(Value::Num(c)) = a
                    && *c > Decimal::ZERO
                    && *c < Decimal::ONE
                {
                    let x = self.phrase(b, Hint::default());
                    if !x.ratio {
                        return Phrase::atom(format!("{} {}", percent(*c), x.text));
                    }
                }
                let ap = self.phrase(a, Hint::default());
                let bp = self.phrase(b, Hint::default());
                let (sign, kind, wrap): (&str, Kind, &[Kind]) = match op {
                    BinOp::Add => ("+", Kind::Sum, &[Kind::And, Kind::Or, Kind::Call]),
                    BinOp::Sub => ("−", Kind::Sum, &[Kind::And, Kind::Or, Kind::Call]),
                    _ => (
                        "×",
                        Kind::Atom,
                        &[Kind::Sum, Kind::And, Kind::Or, Kind::Call],
                    ),
                };
                // The right operand of a difference is parenthesised when itself a sum.
                let right_wrap: &[Kind] = if op == BinOp::Sub {
                    &[Kind::Sum, Kind::And, Kind::Or, Kind::Call]
                } else {
                    wrap
                };
                let text = format!("{} {sign} {}", paren(&ap, wrap), paren(&bp, right_wrap));
                Phrase {
                    text,
                    kind,
                    ratio: ap.ratio && bp.ratio,
                }
            }
        }
    }

    /// `a / b`: a share of a count ("tỷ lệ thành viên … trên tổng số thành viên"), a value
    /// against a target, or a plain division.
    fn divide(&mut self, a: &CExpr, b: &CExpr) -> Phrase {
        let ap = self.phrase(a, Hint::default());
        if let CExpr::Const(Value::Num(t)) = b
            && ap.ratio
        {
            return Phrase::ratio(format!("{} so với mức {}", ap.text, percent(*t)));
        }
        let bp = self.phrase(b, Hint::default());
        let wrap = [Kind::Sum, Kind::And, Kind::Or];
        match ap.text.strip_prefix("số ") {
            Some(counted) if ap.kind == Kind::Atom => {
                Phrase::ratio(format!("tỷ lệ {counted} trên {}", paren(&bp, &wrap)))
            }
            _ => Phrase::ratio(format!(
                "{} chia cho {}",
                paren(&ap, &wrap),
                paren(&bp, &wrap)
            )),
        }
    }

    /// A comparison.
    fn compare(&mut self, op: BinOp, a: &CExpr, b: &CExpr) -> Phrase {
        // "count(list) == 0": there is none; "count(list) > 0": there is one.
        if let (CExpr::Agg(Agg::Count, list, None, _), CExpr::Const(Value::Num(n))) = (a, b) {
            let none = op == BinOp::Eq && n.is_zero()
                || op == BinOp::Lt && *n == Decimal::ONE
                || op == BinOp::Le && n.is_zero();
            let some = (op == BinOp::Gt || op == BinOp::Ne) && n.is_zero()
                || op == BinOp::Ge && *n == Decimal::ONE;
            if none || some {
                let noun = self.phrase(list, Hint::default());
                let filtered = noun.kind == Kind::Filtered;
                let noun = bare(&noun.text);
                return Phrase::atom(match (none, filtered) {
                    (true, false) => format!("không có {noun} nào"),
                    (true, true) => format!("không có {noun}"),
                    (false, _) => format!("có {noun}"),
                });
            }
        }
        let ap = self.phrase(a, Hint::default());
        let a_ty = self.ty_of(a);
        let bp = self.phrase(
            b,
            Hint {
                ty: a_ty,
                percent: ap.ratio,
            },
        );
        // A constant on the left is read with the right's type.
        let ap = if matches!(a, CExpr::Const(_)) {
            self.phrase(
                a,
                Hint {
                    ty: self.ty_of(b),
                    percent: bp.ratio,
                },
            )
        } else {
            ap
        };
        let ty = a_ty.or_else(|| self.ty_of(b));
        let wrap = [Kind::And, Kind::Or];
        let (x, y) = (paren(&ap, &wrap), paren(&bp, &wrap));
        let is_date = ty == Some(Ty::Date);
        let is_named = matches!(ty, Some(Ty::Enum(_) | Ty::Text | Ty::Bool));
        let text = match op {
            BinOp::Eq if is_named => format!("{x}{}{y}", copula(&x)),
            BinOp::Eq => format!("{x} bằng {y}"),
            BinOp::Ne if is_named => format!("{x} không phải là {y}"),
            BinOp::Ne => format!("{x} khác {y}"),
            BinOp::Ge if is_date => format!("{x} từ {y} trở về sau"),
            BinOp::Ge => format!("{x} từ {y} trở lên"),
            BinOp::Gt if is_date => format!("{x} sau {y}"),
            BinOp::Gt => format!("{x} lớn hơn {y}"),
            BinOp::Le if is_date => format!("{x} không muộn hơn {y}"),
            BinOp::Le => format!("{x} không quá {y}"),
            BinOp::Lt if is_date => format!("{x} trước {y}"),
            _ => format!("{x} dưới {y}"),
        };
        Phrase::atom(text)
    }

    /// `x in [a, b]` (or its negation).
    fn in_list(&mut self, x: &CExpr, items: &[CExpr], negated: bool) -> Phrase {
        let xp = self.phrase(x, Hint::default());
        let hint = Hint {
            ty: self.ty_of(x),
            percent: xp.ratio,
        };
        let values: Vec<String> = items.iter().map(|i| self.phrase(i, hint).text).collect();
        let text = match (values.as_slice(), negated) {
            ([one], false) => format!("{}{}{one}", xp.text, copula(&xp.text)),
            ([one], true) => format!("{} không phải là {one}", xp.text),
            (_, false) => format!(
                "{}{}một trong: {}",
                xp.text,
                copula(&xp.text),
                values.join(", ")
            ),
            (_, true) => format!("{} không là một trong: {}", xp.text, values.join(", ")),
        };
        Phrase::atom(text)
    }

    /// `from 6 to 14`, `từ 50 đến dưới 70`, `từ 1 trở lên`.
    fn range(&self, b: &Bounds, hint: Hint) -> String {
        let n = |d: Decimal| self.constant(&Value::Num(d), hint);
        match (b.min, b.max) {
            (Some(lo), Some(hi)) if b.max_exclusive => format!("từ {} đến dưới {}", n(lo), n(hi)),
            (Some(lo), Some(hi)) => format!("từ {} đến {}", n(lo), n(hi)),
            (Some(lo), None) => format!("từ {} trở lên", n(lo)),
            (None, Some(hi)) if b.max_exclusive => format!("dưới {}", n(hi)),
            (None, Some(hi)) => format!("không quá {}", n(hi)),
            (None, None) => "bất kỳ".into(),
        }
    }

    /// A built-in function.
    fn call(&mut self, f: Builtin, args: &[CExpr]) -> Phrase {
        let mut ps: Vec<Phrase> = args
            .iter()
            .map(|a| self.phrase(a, Hint::default()))
            .collect();
        let texts: Vec<String> = ps.iter().map(|p| p.text.clone()).collect();
        match (f, texts.as_slice()) {
            (Builtin::Min | Builtin::Max, _) => {
                let word = if f == Builtin::Min { "nhỏ" } else { "lớn" };
                let ratio = ps.iter().all(|p| p.ratio);
                let text = match texts.as_slice() {
                    [a, b] => format!("số {word} hơn giữa {a} và {b}"),
                    _ => format!("số {word} nhất trong các số {}", texts.join("; ")),
                };
                Phrase {
                    text,
                    kind: Kind::Call,
                    ratio,
                }
            }
            (Builtin::Abs, [_]) => {
                let a = ps
                    .first()
                    .map(|p| paren(p, &[Kind::Sum, Kind::Call]))
                    .unwrap_or_default();
                Phrase::of(format!("giá trị tuyệt đối của {a}"), Kind::Call)
            }
            (Builtin::Age, [birth, on]) => {
                Phrase::atom(format!("số tuổi theo {birth} tính đến {on}"))
            }
            (Builtin::Year, [d]) => Phrase::atom(format!("năm của {d}")),
            (Builtin::Date, [y, m, d]) => {
                let consts: Vec<Option<Decimal>> = args
                    .iter()
                    .map(|a| match a {
                        CExpr::Const(Value::Num(n)) => Some(*n),
                        _ => None,
                    })
                    .collect();
                let two = |n: Decimal| format!("{:0>2}", format_number(n));
                let text = match consts.as_slice() {
                    [Some(yy), Some(mm), Some(dd)] => {
                        format!("ngày {}/{}/{}", two(*dd), two(*mm), format_number(*yy))
                    }
                    [None, Some(mm), Some(dd)] => {
                        format!("ngày {}/{} của {y}", two(*dd), two(*mm))
                    }
                    _ => format!("ngày {d}, tháng {m}, {y}"),
                };
                Phrase::atom(text)
            }
            _ => {
                let first = ps.drain(..).next().map(|p| p.text).unwrap_or_default();
                Phrase::atom(first)
            }
        }
    }

    /// An aggregate over a list.
    fn aggregate(
        &mut self,
        agg: Agg,
        list: &CExpr,
        each: Option<&CExpr>,
        empty: Option<&CExpr>,
    ) -> Phrase {
        let noun = self.phrase(list, Hint::default()).text;
        let noun = bare(&noun).to_string();
        let each = each.map(|e| self.within(list, |p| p.phrase(e, Hint::default())));
        let cond = |c: &Phrase| paren(c, &[Kind::Or]);
        match (agg, each) {
            (Agg::Count, None) => Phrase::atom(format!("số {noun}")),
            (Agg::Count, Some(c)) => {
                let c = cond(&c);
                Phrase::atom(format!("số {noun}{}{c}", filter_join(&c)))
            }
            (Agg::All, Some(c)) if c.text.starts_with("mọi ") => {
                Phrase::atom(format!("với mọi {noun}, {}", c.text))
            }
            (Agg::All, Some(c)) => Phrase::atom(format!("mọi {noun} đều {}", c.text)),
            (Agg::Any, Some(c)) => {
                let c = cond(&c);
                Phrase::atom(format!("có ít nhất một {noun}{}{c}", filter_join(&c)))
            }
            (Agg::Share, Some(c)) => {
                let c = cond(&c);
                let mut text = format!("tỷ lệ {noun}{}{c}", filter_join(&c));
                let empty = match empty {
                    Some(e) => self.phrase(
                        e,
                        Hint {
                            ty: None,
                            percent: true,
                        },
                    ),
                    None => Phrase::atom("100%".into()),
                };
                text.push_str(&format!(
                    " (tính là {} khi không có {noun} nào)",
                    empty.text
                ));
                Phrase::ratio(text)
            }
            (Agg::Sum, Some(v)) => Phrase::atom(format!("tổng {} của mọi {noun}", v.text)),
            (Agg::Min, Some(v)) => Phrase::atom(format!("{} nhỏ nhất trong các {noun}", v.text)),
            (Agg::Max, Some(v)) => Phrase::atom(format!("{} lớn nhất trong các {noun}", v.text)),
            (Agg::All, None) => Phrase::atom(format!("mọi {noun}")),
            (Agg::Any, None) => Phrase::atom(format!("có {noun}")),
            (Agg::Share, None) => Phrase::ratio(format!("tỷ lệ {noun}")),
            (Agg::Sum, None) => Phrase::atom(format!("tổng các {noun}")),
            (Agg::Min, None) => Phrase::atom(format!("giá trị nhỏ nhất trong các {noun}")),
            (Agg::Max, None) => Phrase::atom(format!("giá trị lớn nhất trong các {noun}")),
        }
    }

    /// The negation of a condition, said directly where possible ("dưới 5" for `not (x >= 5)`,
    /// De Morgan for `and` and `or`).
    fn negate(&mut self, e: &CExpr) -> Phrase {
        match e {
            CExpr::Not(x) => self.phrase(x, Hint::default()),
            CExpr::Const(Value::Bool(b)) => Phrase::atom(if *b { "không" } else { "có" }.into()),
            CExpr::Binary(op @ (BinOp::And | BinOp::Or), a, b) => {
                let mut operands = Vec::new();
                flatten(*op, a, &mut operands);
                flatten(*op, b, &mut operands);
                let parts: Vec<Phrase> = operands.into_iter().map(|x| self.negate(x)).collect();
                join(*op == BinOp::Or, parts)
            }
            CExpr::Binary(op, a, b) => match flip(*op) {
                Some(flipped) => self.compare(flipped, a, b),
                None => self.otherwise_negated(e),
            },
            CExpr::InList(x, items) => self.in_list(x, items, true),
            CExpr::InRange(x, bounds) => {
                let xp = self.phrase(x, Hint::default());
                let h = Hint {
                    ty: self.ty_of(x),
                    percent: xp.ratio,
                };
                Phrase::atom(format!(
                    "{} ngoài khoảng {}",
                    xp.text,
                    self.range(bounds, h)
                ))
            }
            CExpr::Agg(Agg::All, list, Some(c), _) => {
                let noun = self.phrase(list, Hint::default()).text;
                let c = self.within(list, |p| p.negate(c));
                let c = paren(&c, &[Kind::Or]);
                Phrase::atom(format!(
                    "có ít nhất một {}{}{c}",
                    bare(&noun),
                    filter_join(&c)
                ))
            }
            CExpr::Agg(Agg::Any, list, Some(c), _) => {
                let noun = self.phrase(list, Hint::default()).text;
                let c = self.within(list, |p| p.negate(c));
                Phrase::atom(format!(
                    "mọi {} đều {}",
                    bare(&noun),
                    paren(&c, &[Kind::Or])
                ))
            }
            CExpr::Let(i) => self.negate_let(*i),
            CExpr::Field(_) | CExpr::Item { .. } => {
                let p = self.phrase(e, Hint::default());
                Phrase::atom(negate_statement(&p.text))
            }
            _ => self.otherwise_negated(e),
        }
    }

    /// "không phải trường hợp: …".
    fn otherwise_negated(&mut self, e: &CExpr) -> Phrase {
        let p = self.phrase(e, Hint::default());
        Phrase::atom(format!(
            "không phải trường hợp: {}",
            paren(&p, &[Kind::Or, Kind::And])
        ))
    }

    /// The negation of a `let` condition, phrased once.
    fn negate_let(&mut self, i: usize) -> Phrase {
        if let Some(Some(p)) = self.negated.get(i) {
            return self.short_or_named(i, p.clone());
        }
        let Some(def) = self.program.lets.get(i) else {
            return Phrase::atom(self.let_name(i));
        };
        let p = self.negate(&def.expr);
        if let Some(slot) = self.negated.get_mut(i) {
            *slot = Some(p.clone());
        }
        self.short_or_named(i, p)
    }

    /// A negated `let` phrase, or "không phải trường hợp: giá trị «name»" when too long.
    fn short_or_named(&self, i: usize, p: Phrase) -> Phrase {
        if short(&p.text) {
            p
        } else {
            Phrase::atom(format!("không phải trường hợp: {}", self.let_name(i)))
        }
    }
}

/// True when a phrase is short enough to be repeated where its `let` is used.
fn short(text: &str) -> bool {
    text.len() <= INLINE_LIMIT || text.chars().count() <= INLINE_LIMIT
}

/// The operands of a chain of the same `and` or `or`.
fn flatten<'e>(op: BinOp, e: &'e CExpr, out: &mut Vec<&'e CExpr>) {
    match e {
        CExpr::Binary(o, a, b) if *o == op => {
            flatten(op, a, out);
            flatten(op, b, out);
        }
        _ => out.push(e),
    }
}

/// Conditions joined by "và" (`and`) or "hoặc"; the other kind of chain inside is
/// parenthesised.
fn join(and: bool, parts: Vec<Phrase>) -> Phrase {
    let (word, kind, other) = if and {
        (" và ", Kind::And, Kind::Or)
    } else {
        (" hoặc ", Kind::Or, Kind::And)
    };
    let texts: Vec<String> = parts.iter().map(|p| paren(p, &[other])).collect();
    if texts.len() == 1 {
        return parts
            .into_iter()
            .next()
            .unwrap_or_else(|| Phrase::atom(String::new()));
    }
    Phrase::of(texts.join(word), kind)
}

/// The phrase's text, in parentheses when its kind is one of `kinds`.
fn paren(p: &Phrase, kinds: &[Kind]) -> String {
    if kinds.contains(&p.kind) {
        format!("({})", p.text)
    } else {
        p.text.clone()
    }
}

/// The comparison that holds exactly when `op` does not.
fn flip(op: BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::Eq => BinOp::Ne,
        BinOp::Ne => BinOp::Eq,
        BinOp::Lt => BinOp::Ge,
        BinOp::Ge => BinOp::Lt,
        BinOp::Gt => BinOp::Le,
        BinOp::Le => BinOp::Gt,
        _ => return None,
    })
}

/// A share as a percentage: `0.9` → `90%`.
fn percent(d: Decimal) -> String {
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", format_number(p)),
        None => format_number(d),
    }
}

/// The static type of a declared field.
fn field_ty(t: &FieldType) -> Ty {
    match t {
        FieldType::Bool => Ty::Bool,
        FieldType::Int(_) => Ty::Int,
        FieldType::Decimal(_) => Ty::Decimal,
        FieldType::Text => Ty::Text,
        FieldType::Date => Ty::Date,
        FieldType::Enum(e) => Ty::Enum(*e),
        FieldType::List(l) => Ty::List(*l),
    }
}
