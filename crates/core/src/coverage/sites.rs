//! The thresholds of a program: every comparison of a value with a constant (`share >= 70%`,
//! `age in 15..60`), and the decision's bounds on points (the pass mark, tiers, floors); with
//! the two values on either side of each ("edges") that a boundary test should reach.

use std::collections::HashSet;

use rust_decimal::Decimal;
use tieuchi_syntax::Message;
use tieuchi_syntax::ast::BinOp;

use crate::program::{Agg, AwardDef, Builtin, CExpr, FieldType, ItemDef, Program, Ty};
use crate::value::{Value, cmp_num};

/// What a threshold compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Subject {
    /// A value computed by the rules, known by where its expression is (as
    /// `expression::Seen::side`).
    Expr(*const CExpr),
    /// The model's total.
    Total,
    /// A criterion's points, by position.
    Criterion(usize),
    /// An indicator's points, by position among all the model's indicators.
    Indicator(usize),
}

/// Where a threshold is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In the award or the scope (`not applicable when`) of an indicator (its id).
    Indicator(String),
    /// In a `let` (its name).
    Let(String),
    /// The pass mark (`recognized when total >= N`).
    Pass,
    /// The range of a tier (its label).
    Tier(String),
    /// The floor of a criterion (its id).
    CriterionFloor(String),
    /// The floor of an indicator (its id).
    IndicatorFloor(String),
}

impl Place {
    /// Where, in words ("Xếp loại Tốt", "U3.3").
    pub fn words(&self) -> Message {
        match self {
            Place::Indicator(id) => Message::new(id.clone(), id.clone()),
            Place::Let(name) => Message::new(format!("`{name}`"), format!("`{name}`")),
            Place::Pass => Message::new("Công nhận", "Recognition"),
            Place::Tier(l) => Message::new(format!("Xếp loại {l}"), format!("Tier {l}")),
            Place::CriterionFloor(id) | Place::IndicatorFloor(id) => {
                Message::new(format!("Điểm sàn {id}"), format!("Floor of {id}"))
            }
        }
    }
}

/// How a value is compared with its threshold, the value on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
    Ne,
}

/// Which value near a threshold a test should reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// Exactly the threshold.
    At,
    /// The nearest value below it (see [`Grain`]).
    Below,
    /// The nearest value above it.
    Above,
    /// Any other value (for `==` and `!=`).
    Other,
}

impl EdgeKind {
    /// Which value, in words ("ngay dưới").
    pub fn words(self) -> Message {
        match self {
            EdgeKind::At => Message::new("đúng", "at"),
            EdgeKind::Below => Message::new("ngay dưới", "just below"),
            EdgeKind::Above => Message::new("ngay trên", "just above"),
            EdgeKind::Other => Message::new("khác", "other than"),
        }
    }
}

/// How far apart neighbouring values are, for "just below" and "just above".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grain {
    /// Whole numbers: the neighbour is 1 away.
    Whole,
    /// Decimal numbers: a value up to this far away is a neighbour.
    Fine(Decimal),
    /// Enumeration values in declared order, or days.
    Ordinal,
}

/// One threshold.
#[derive(Debug, Clone)]
pub(crate) struct Site<'p> {
    pub place: Place,
    pub subject: Subject,
    /// The comparison as written, for its wording; `None` for the decision's bounds.
    pub node: Option<&'p CExpr>,
    pub cmp: Cmp,
    pub threshold: Value,
    pub grain: Grain,
    /// Top-level input fields the compared value reads (through `let`s too), by slot.
    pub fields: Vec<usize>,
    /// The enumeration compared, by position in [`Program::enums`], when it is one.
    pub enumeration: Option<usize>,
    /// The top-level input field compared, by slot, when the compared value is one.
    pub field: Option<usize>,
    /// The two edges a test should reach, those that the value can take.
    pub edges: Vec<EdgeKind>,
}

impl Site<'_> {
    /// True when `v`, a value of the compared side, lies on `edge`.
    pub fn on(&self, edge: EdgeKind, v: &Value) -> bool {
        let ord = match (v, &self.threshold) {
            (Value::Num(a), Value::Num(t)) => cmp_num(*a, *t),
            (Value::Enum(a), Value::Enum(t)) => a.cmp(t),
            (Value::Date(a), Value::Date(t)) => a.cmp(t),
            _ => return false,
        };
        match edge {
            EdgeKind::At => ord.is_eq(),
            EdgeKind::Other => ord.is_ne(),
            EdgeKind::Below => ord.is_lt() && self.near(v),
            EdgeKind::Above => ord.is_gt() && self.near(v),
        }
    }

    /// True when `v` is a neighbour of the threshold (within the grain).
    fn near(&self, v: &Value) -> bool {
        match (v, &self.threshold, self.grain) {
            (Value::Num(a), Value::Num(t), Grain::Whole) => (*a - *t).abs() <= Decimal::ONE,
            (Value::Num(a), Value::Num(t), Grain::Fine(step)) => (*a - *t).abs() <= step,
            (Value::Enum(a), Value::Enum(t), _) => a.abs_diff(*t) <= 1,
            (Value::Date(a), Value::Date(t), _) => (*a - *t).whole_days().abs() <= 1,
            _ => false,
        }
    }

    /// The value on `edge` a record could give (the nearest one), when there is one.
    pub fn value_on(&self, edge: EdgeKind) -> Option<Value> {
        let step = match self.grain {
            Grain::Whole | Grain::Ordinal => Decimal::ONE,
            Grain::Fine(step) => step,
        };
        match (&self.threshold, edge) {
            (t, EdgeKind::At) => Some(t.clone()),
            (_, EdgeKind::Other) => None,
            (Value::Num(t), EdgeKind::Below) => t.checked_sub(step).map(Value::Num),
            (Value::Num(t), EdgeKind::Above) => t.checked_add(step).map(Value::Num),
            (Value::Enum(t), EdgeKind::Below) => t.checked_sub(1).map(Value::Enum),
            (Value::Enum(t), EdgeKind::Above) => t.checked_add(1).map(Value::Enum),
            (Value::Date(t), EdgeKind::Below) => t.previous_day().map(Value::Date),
            (Value::Date(t), EdgeKind::Above) => t.next_day().map(Value::Date),
            _ => None,
        }
    }
}

/// Every threshold of `program`, each once, in the order written: `let`s, indicators, then
/// the decision.
pub(crate) fn sites(program: &Program) -> Vec<Site<'_>> {
    let mut walk = Walk {
        program,
        items: Vec::new(),
        place: Place::Pass,
        out: Vec::new(),
    };
    for l in &program.lets {
        walk.place = Place::Let(l.name.clone());
        walk.expr(&l.expr);
    }
    for (_, ind) in program.indicators() {
        walk.place = Place::Indicator(ind.id.clone());
        match &ind.award {
            AwardDef::Whole(e)
            | AwardDef::Proportional(e)
            | AwardDef::Deduct(_, e)
            | AwardDef::Value(e) => walk.expr(e),
            AwardDef::Bands(bands, _) => bands.iter().for_each(|(_, c)| walk.expr(c)),
            AwardDef::Pass(levels) => levels.iter().for_each(|c| walk.expr(c)),
        }
        if let Some((c, _)) = &ind.not_applicable {
            walk.expr(c);
        }
    }
    let mut out = walk.out;
    out.extend(decision_sites(program));
    // A tier's lower bound is the next tier's upper one: each threshold once.
    let mut seen = HashSet::new();
    out.retain(|s| {
        let mut edges = s.edges.clone();
        edges.sort_unstable();
        seen.insert((s.subject, format!("{:?}", s.threshold), edges))
    });
    out
}

/// The pass mark, the tiers' bounds and the floors, on points.
fn decision_sites(program: &Program) -> Vec<Site<'_>> {
    let places = program.model.rounding.places;
    let grain = Grain::Fine(Decimal::new(1, places));
    let max = program.model.max;
    let site = |place, subject, cmp, t: Decimal, top: Decimal| {
        let mut s = Site {
            place,
            subject,
            node: None,
            cmp,
            threshold: Value::Num(t),
            grain,
            fields: Vec::new(),
            enumeration: None,
            field: None,
            edges: Vec::new(),
        };
        // Points lie in 0..=their maximum: an edge outside is not asked for.
        s.edges = edges(cmp)
            .into_iter()
            .filter(|e| match s.value_on(*e) {
                Some(Value::Num(v)) => v >= Decimal::ZERO && v <= top,
                _ => true,
            })
            .collect();
        s
    };
    let mut out = Vec::new();
    let d = &program.decision;
    if let Some(pass) = d.pass {
        out.push(site(Place::Pass, Subject::Total, Cmp::Ge, pass, max));
    }
    for t in &d.tiers {
        let place = || Place::Tier(t.label.clone());
        if let Some(lo) = t.range.min {
            out.push(site(place(), Subject::Total, Cmp::Ge, lo, max));
        }
        if let Some(hi) = t.range.max {
            let cmp = if t.range.max_exclusive {
                Cmp::Lt
            } else {
                Cmp::Le
            };
            out.push(site(place(), Subject::Total, cmp, hi, max));
        }
    }
    let mut flat = 0usize;
    for (ci, c) in program.criteria.iter().enumerate() {
        if let Some(f) = c.floor {
            let place = Place::CriterionFloor(c.id.clone());
            out.push(site(place, Subject::Criterion(ci), Cmp::Ge, f, c.max));
        }
        for ind in &c.indicators {
            if let Some(f) = ind.floor {
                let place = Place::IndicatorFloor(ind.id.clone());
                out.push(site(place, Subject::Indicator(flat), Cmp::Ge, f, ind.max));
            }
            flat += 1;
        }
    }
    out.retain(|s| !s.edges.is_empty());
    out
}

/// The edges a test should reach for a comparison: where it starts or stops holding.
fn edges(cmp: Cmp) -> Vec<EdgeKind> {
    match cmp {
        Cmp::Ge => vec![EdgeKind::At, EdgeKind::Below],
        Cmp::Gt => vec![EdgeKind::Above, EdgeKind::At],
        Cmp::Le => vec![EdgeKind::At, EdgeKind::Above],
        Cmp::Lt => vec![EdgeKind::Below, EdgeKind::At],
        Cmp::Eq | Cmp::Ne => vec![EdgeKind::At, EdgeKind::Other],
    }
}

/// Walks expressions for comparisons with constants, knowing the list items it is inside.
struct Walk<'p> {
    program: &'p Program,
    /// The list items the walk is inside, innermost last.
    items: Vec<&'p ItemDef>,
    place: Place,
    out: Vec<Site<'p>>,
}

impl<'p> Walk<'p> {
    fn expr(&mut self, e: &'p CExpr) {
        match e {
            CExpr::Binary(op, a, b) => {
                if let Some(cmp) = comparison(*op) {
                    match (a.as_ref(), b.as_ref()) {
                        (side, CExpr::Const(t)) => self.site(e, side, cmp, t),
                        (CExpr::Const(t), side) => self.site(e, side, mirror(cmp), t),
                        _ => {}
                    }
                }
                self.expr(a);
                self.expr(b);
            }
            CExpr::InRange(a, bounds) => {
                if let Some(lo) = bounds.min {
                    self.site(e, a, Cmp::Ge, &Value::Num(lo));
                }
                if let Some(hi) = bounds.max {
                    let cmp = if bounds.max_exclusive {
                        Cmp::Lt
                    } else {
                        Cmp::Le
                    };
                    self.site(e, a, cmp, &Value::Num(hi));
                }
                self.expr(a);
            }
            CExpr::Agg(_, list, body, empty) => {
                self.expr(list);
                if let Some(body) = body {
                    self.inside(list, body);
                }
                if let Some(empty) = empty {
                    self.expr(empty);
                }
            }
            CExpr::Where(list, cond) => {
                self.expr(list);
                self.inside(list, cond);
            }
            CExpr::Not(a) | CExpr::Neg(a) => self.expr(a),
            CExpr::Div(a, b, _) | CExpr::Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            CExpr::InList(a, items) => {
                self.expr(a);
                items.iter().for_each(|i| self.expr(i));
            }
            CExpr::Call(_, args) => args.iter().for_each(|a| self.expr(a)),
            CExpr::If(branches, other) => {
                for (c, v) in branches {
                    self.expr(c);
                    self.expr(v);
                }
                self.expr(other);
            }
            CExpr::Const(_) | CExpr::Field(_) | CExpr::Let(_) | CExpr::Item { .. } => {}
        }
    }

    /// Walks `e` as evaluated for each item of `list`.
    fn inside(&mut self, list: &'p CExpr, e: &'p CExpr) {
        match self.item_of(list) {
            Some(item) => {
                self.items.push(item);
                self.expr(e);
                self.items.pop();
            }
            None => self.expr(e),
        }
    }

    fn site(&mut self, node: &'p CExpr, side: &'p CExpr, cmp: Cmp, t: &Value) {
        let grain = match t {
            Value::Num(n) if self.integral(side) && n.fract().is_zero() => Grain::Whole,
            Value::Num(n) => {
                let places = n
                    .normalize()
                    .scale()
                    .max(self.program.model.rounding.places);
                Grain::Fine(Decimal::new(1, places.min(12)))
            }
            Value::Enum(_) | Value::Date(_) => Grain::Ordinal,
            _ => return,
        };
        let mut fields = Vec::new();
        self.fields_read(side, &mut fields, &mut vec![false; self.program.lets.len()]);
        fields.sort_unstable();
        fields.dedup();
        let mut s = Site {
            place: self.place.clone(),
            subject: Subject::Expr(side as *const CExpr),
            node: Some(node),
            cmp,
            threshold: t.clone(),
            grain,
            fields,
            enumeration: self.enum_of(side),
            field: match side {
                CExpr::Field(slot) => Some(*slot),
                _ => None,
            },
            edges: edges(cmp),
        };
        // A field's declared bounds or enumeration rule out some edges.
        if let CExpr::Field(slot) = side
            && let Some(f) = self.program.fields.get(*slot)
        {
            let possible = |v: &Value| match (&f.ty, v) {
                (FieldType::Int(b) | FieldType::Decimal(b), Value::Num(n)) => b.contains(*n),
                (FieldType::Enum(e), Value::Enum(i)) => self
                    .program
                    .enums
                    .get(*e)
                    .is_some_and(|e| (*i as usize) < e.variants.len()),
                _ => true,
            };
            let edges = s.edges.clone();
            s.edges = edges
                .into_iter()
                .filter(|e| s.value_on(*e).is_none_or(|v| possible(&v)))
                .collect();
        }
        if let Some(count) = s
            .enumeration
            .and_then(|en| self.program.enums.get(en))
            .map(|en| en.variants.len())
        {
            let edges = s.edges.clone();
            s.edges = edges
                .into_iter()
                .filter(|e| match s.value_on(*e) {
                    Some(Value::Enum(i)) => (i as usize) < count,
                    _ => true,
                })
                .collect();
        }
        if !s.edges.is_empty() {
            self.out.push(s);
        }
    }

    /// The type of the items of a list expression.
    fn item_of(&self, list: &'p CExpr) -> Option<&'p ItemDef> {
        let p = self.program;
        let list_at = |l: usize| p.lists.get(l).map(|l| &l.item);
        match list {
            CExpr::Field(slot) => match p.fields.get(*slot).map(|f| &f.ty) {
                Some(FieldType::List(l)) => list_at(*l),
                _ => None,
            },
            CExpr::Let(i) => match p.lets.get(*i).map(|l| l.ty) {
                Some(Ty::List(l)) => list_at(l),
                _ => None,
            },
            CExpr::Item { depth, slot } => {
                let item = self.items.iter().rev().nth(*depth)?;
                match item.fields().get(*slot).map(|f| &f.ty) {
                    Some(FieldType::List(l)) => list_at(*l),
                    _ => None,
                }
            }
            CExpr::Where(base, _) => self.item_of(base),
            CExpr::If(branches, other) => branches
                .first()
                .map_or(Some(other.as_ref()), |(_, v)| Some(v))
                .and_then(|v| self.item_of(v)),
            _ => None,
        }
    }

    /// The enumeration of the values `e` gives, when it gives enumeration values.
    fn enum_of(&self, e: &CExpr) -> Option<usize> {
        let p = self.program;
        match e {
            CExpr::Field(slot) => match p.fields.get(*slot).map(|f| &f.ty) {
                Some(FieldType::Enum(en)) => Some(*en),
                _ => None,
            },
            CExpr::Let(i) => match p.lets.get(*i).map(|l| l.ty) {
                Some(Ty::Enum(en)) => Some(en),
                _ => None,
            },
            CExpr::Item { depth, slot } => {
                let item = self.items.iter().rev().nth(*depth)?;
                let ty = match item {
                    ItemDef::Scalar(ty) => Some(ty),
                    _ => item.fields().get(*slot).map(|f| &f.ty),
                };
                match ty {
                    Some(FieldType::Enum(en)) => Some(*en),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// True when `e` surely gives whole numbers.
    fn integral(&self, e: &CExpr) -> bool {
        let p = self.program;
        let int = |ty: Option<&FieldType>| matches!(ty, Some(FieldType::Int(_)));
        match e {
            CExpr::Const(Value::Num(n)) => n.fract().is_zero(),
            CExpr::Field(slot) => int(p.fields.get(*slot).map(|f| &f.ty)),
            CExpr::Let(i) => p.lets.get(*i).is_some_and(|l| l.ty == Ty::Int),
            CExpr::Item { depth, slot } => {
                self.items
                    .iter()
                    .rev()
                    .nth(*depth)
                    .is_some_and(|item| match item {
                        ItemDef::Scalar(ty) => int(Some(ty)),
                        _ => int(item.fields().get(*slot).map(|f| &f.ty)),
                    })
            }
            CExpr::Neg(a) => self.integral(a),
            CExpr::Binary(BinOp::Add | BinOp::Sub | BinOp::Mul, a, b) => {
                self.integral(a) && self.integral(b)
            }
            CExpr::Call(Builtin::Age | Builtin::Year, _) => true,
            CExpr::Call(Builtin::Min | Builtin::Max | Builtin::Abs, args) => {
                args.iter().all(|a| self.integral(a))
            }
            CExpr::Agg(Agg::Count, ..) => true,
            CExpr::If(branches, other) => {
                self.integral(other) && branches.iter().all(|(_, v)| self.integral(v))
            }
            _ => false,
        }
    }

    /// The top-level input fields `e` reads, directly or through `let`s (each `let` once).
    fn fields_read(&self, e: &CExpr, out: &mut Vec<usize>, lets_done: &mut Vec<bool>) {
        let mut each = |x: &CExpr| self.fields_read(x, out, lets_done);
        match e {
            CExpr::Field(slot) => out.push(*slot),
            CExpr::Let(i) => {
                if let (Some(l), Some(done)) = (self.program.lets.get(*i), lets_done.get_mut(*i))
                    && !*done
                {
                    *done = true;
                    self.fields_read(&l.expr, out, lets_done);
                }
            }
            CExpr::Const(_) | CExpr::Item { .. } => {}
            CExpr::Not(a) | CExpr::Neg(a) | CExpr::InRange(a, _) => each(a),
            CExpr::Binary(_, a, b)
            | CExpr::Div(a, b, _)
            | CExpr::Index(a, b)
            | CExpr::Where(a, b) => {
                each(a);
                each(b);
            }
            CExpr::InList(a, items) => {
                each(a);
                items.iter().for_each(each);
            }
            CExpr::Call(_, args) => args.iter().for_each(each),
            CExpr::Agg(_, list, body, empty) => {
                each(list);
                body.iter().chain(empty).for_each(|x| each(x));
            }
            CExpr::If(branches, other) => {
                for (c, v) in branches {
                    each(c);
                    each(v);
                }
                each(other);
            }
        }
    }
}

/// The comparison `op` is, if it is one.
fn comparison(op: BinOp) -> Option<Cmp> {
    Some(match op {
        BinOp::Ge => Cmp::Ge,
        BinOp::Gt => Cmp::Gt,
        BinOp::Le => Cmp::Le,
        BinOp::Lt => Cmp::Lt,
        BinOp::Eq => Cmp::Eq,
        BinOp::Ne => Cmp::Ne,
        _ => return None,
    })
}

/// The same comparison with its sides swapped (`5 <= x` is `x >= 5`).
fn mirror(cmp: Cmp) -> Cmp {
    match cmp {
        Cmp::Ge => Cmp::Le,
        Cmp::Gt => Cmp::Lt,
        Cmp::Le => Cmp::Ge,
        Cmp::Lt => Cmp::Gt,
        other => other,
    }
}
