//! Checking the input declaration, its constraints and the `let` values.

use std::collections::HashMap;

use rust_decimal::Decimal;
use std::sync::Arc;

use tieuchi_syntax::ast::{Field, Ident, InputBlock, ItemType, Model, Range, TypeExpr};

use super::Checker;
use super::error::{CheckError, Invalid, Kind, Thing};
use super::expr::Scope;
use super::range::Ranges;
use crate::program::{
    Bounds, CExpr, ConstraintDef, EnumDef, FieldDef, FieldType, ItemDef, LetDef, ListDef, Program,
    Ty, VariantDef,
};
use crate::suggest::suggest;

/// The checked input declaration: fields by slot, and the enumeration and list types they use.
#[derive(Default)]
pub(super) struct Inputs {
    pub fields: Vec<FieldDef>,
    pub index: HashMap<String, usize>,
    pub enums: Vec<EnumDef>,
    pub lists: Vec<ListDef>,
    pub models: Vec<Arc<Program>>,
    /// Each used program already copied into these tables: where it is, and by how much its
    /// tables were shifted. A program is copied once however often it is named: two names
    /// for one file, each copying the tables of the one below, doubled them at every level
    /// (a diamond of `uses` 30 deep never finished).
    pub copied: Vec<(usize, Shift)>,
}

impl Checker {
    pub(super) fn fields(&mut self, input: Option<&InputBlock>) -> Inputs {
        let mut out = Inputs::default();
        let declared = input.map(|i| i.fields.as_slice()).unwrap_or_default();
        let fields = self.field_list(declared, &mut out);
        out.fields = fields;
        out.index = out
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i))
            .collect();
        out
    }

    /// Checks a list of field declarations (the input, or the items of a list).
    fn field_list(&mut self, declared: &[Field], tables: &mut Inputs) -> Vec<FieldDef> {
        let mut fields = Vec::new();
        let mut seen = HashMap::new();
        for f in declared {
            if !self.unique(&mut seen, Thing::Field, &f.name.name, f.name.span) {
                continue;
            }
            let Some(ty) = self.field_type(&f.name.name, &f.ty, tables) else {
                continue;
            };
            fields.push(FieldDef {
                name: f.name.name.clone(),
                label: f.label.as_ref().map(|s| s.value.clone()),
                english: f.english.as_ref().map(|s| s.value.clone()),
                optional: f.optional,
                ty,
                span: f.span,
            });
        }
        fields
    }

    fn field_type(&mut self, name: &str, ty: &TypeExpr, tables: &mut Inputs) -> Option<FieldType> {
        Some(match ty {
            TypeExpr::Bool(_) => FieldType::Bool,
            TypeExpr::Text(_) => FieldType::Text,
            TypeExpr::Date(_) => FieldType::Date,
            TypeExpr::Int(r, _) => {
                let b = match r {
                    Some(r) => self.bounds(r)?,
                    None => Bounds::default(),
                };
                if !whole(b) {
                    let detail = Invalid::FractionalBounds;
                    if let Some(r) = r {
                        self.report(CheckError::InvalidLiteral(detail).at(r.span));
                    }
                    return None;
                }
                FieldType::Int(b)
            }
            TypeExpr::Decimal(r, _) => FieldType::Decimal(match r {
                Some(r) => self.bounds(r)?,
                None => Bounds::default(),
            }),
            TypeExpr::OneOf(variants, span) => {
                if variants.is_empty() {
                    let detail = Invalid::EmptyOneOf;
                    self.report(CheckError::InvalidLiteral(detail).at(*span));
                    return None;
                }
                let mut seen = HashMap::new();
                let mut out = Vec::new();
                for v in variants {
                    if self.unique(&mut seen, Thing::Value, &v.name.name, v.name.span) {
                        out.push(VariantDef {
                            name: v.name.name.clone(),
                            label: v.label.as_ref().map(|l| l.value.clone()),
                        });
                    }
                }
                tables.enums.push(EnumDef {
                    field: name.to_string(),
                    variants: out,
                });
                FieldType::Enum(tables.enums.len() - 1)
            }
            TypeExpr::List(size, item, _) => {
                let size = match size {
                    Some(r) => self.bounds(r)?,
                    None => Bounds::default(),
                };
                let negative = size.min.is_some_and(|m| m < Decimal::ZERO);
                if !whole(size) || negative {
                    let detail = Invalid::ItemCount;
                    if let TypeExpr::List(Some(r), _, _) = ty {
                        self.report(CheckError::InvalidLiteral(detail).at(r.span));
                    }
                    return None;
                }
                let item = match item.as_ref() {
                    ItemType::Record(fields) => ItemDef::Record(self.field_list(fields, tables)),
                    ItemType::Model(id) => self.model_item(id, tables)?,
                    ItemType::Scalar(TypeExpr::List(_, _, span)) => {
                        let detail = Invalid::ListOfLists;
                        self.report(CheckError::InvalidLiteral(detail).at(*span));
                        return None;
                    }
                    ItemType::Scalar(t) => ItemDef::Scalar(self.field_type(name, t, tables)?),
                };
                tables.lists.push(ListDef { size, item });
                FieldType::List(tables.lists.len() - 1)
            }
        })
    }

    /// Items of a model named by `uses`: its enumerations, lists and models are copied into
    /// this program's tables (their positions shifted), and its fields follow the outcome fields.
    fn model_item(&mut self, id: &Ident, tables: &mut Inputs) -> Option<ItemDef> {
        let Some(sub) = self
            .used
            .iter()
            .find(|(n, _)| *n == id.name)
            .map(|(_, p)| Arc::clone(p))
        else {
            let suggestion = suggest(&id.name, self.used.iter().map(|(n, _)| n.as_str()));
            let err = CheckError::UnknownName {
                name: id.name.clone(),
                what: Thing::UsedModel,
                suggestion,
            };
            self.report(err.at(id.span));
            return None;
        };
        let known = tables
            .copied
            .iter()
            .find(|(at, _)| tables.models.get(*at).is_some_and(|m| Arc::ptr_eq(m, &sub)));
        if let Some((at, shift)) = known {
            let mut fields = outcome_fields(&sub);
            fields.extend(sub.fields.iter().map(|f| shift.field(f)));
            return Some(ItemDef::Model { model: *at, fields });
        }
        let shift = Shift {
            enums: tables.enums.len(),
            lists: tables.lists.len(),
            models: tables.models.len(),
        };
        tables.enums.extend(sub.enums.iter().cloned());
        tables.models.extend(sub.models.iter().cloned());
        tables.lists.extend(sub.lists.iter().map(|l| ListDef {
            size: l.size,
            item: shift.item(&l.item),
        }));
        let mut fields = outcome_fields(&sub);
        fields.extend(sub.fields.iter().map(|f| shift.field(f)));
        tables.models.push(sub);
        let at = tables.models.len() - 1;
        tables.copied.push((at, shift));
        Some(ItemDef::Model { model: at, fields })
    }

    /// Checks a range literal: numbers, and lower bound not above upper bound.
    pub(crate) fn bounds(&mut self, r: &Range) -> Option<Bounds> {
        let min = match &r.lo {
            Some(n) => Some(self.decimal(n)?),
            None => None,
        };
        let max = match &r.hi {
            Some(n) => Some(self.decimal(n)?),
            None => None,
        };
        if let (Some(lo), Some(hi)) = (min, max)
            && (lo > hi || (r.hi_exclusive && lo == hi))
        {
            let detail = Invalid::EmptyRange;
            self.report(CheckError::InvalidLiteral(detail).at(r.span));
            return None;
        }
        Some(Bounds {
            min,
            max,
            max_exclusive: r.hi_exclusive,
        })
    }

    pub(super) fn constraints(
        &mut self,
        scope: &Scope,
        input: Option<&InputBlock>,
    ) -> Vec<ConstraintDef> {
        let mut out = Vec::new();
        for c in input.map(|i| i.constraints.as_slice()).unwrap_or_default() {
            let cond = self.expect_ty(scope, &c.condition, Ty::Bool, Kind::Condition);
            if super::AUTHORING
                && let Some(cond) = &cond
            {
                let ranges = Ranges {
                    scope,
                    lets: &scope.let_ranges,
                };
                if !ranges.of(cond).truth().can_hold {
                    let why = ranges.deciding_range(cond);
                    self.report(CheckError::Unsatisfiable { why }.at(c.condition.span));
                }
            }
            let message = self.template(scope, &c.message);
            let (Some(condition), Some(message)) = (cond, message) else {
                continue;
            };
            let Some(subject) = first_field(&condition) else {
                let detail = Invalid::RequireWithoutField;
                self.report(CheckError::InvalidLiteral(detail).at(c.condition.span));
                continue;
            };
            out.push(ConstraintDef {
                condition,
                message,
                subject,
            });
        }
        out
    }

    pub(super) fn lets(
        &mut self,
        scope: &mut Scope,
        m: &Model,
        field_index: &HashMap<String, usize>,
    ) -> Vec<LetDef> {
        let mut out = Vec::new();
        let mut seen: HashMap<String, tieuchi_syntax::Span> = HashMap::new();
        for l in &m.lets {
            if field_index.contains_key(&l.name.name) {
                let first = scope
                    .fields
                    .iter()
                    .find(|f| f.name == l.name.name)
                    .map(|f| f.span)
                    .unwrap_or_default();
                self.report(
                    CheckError::Duplicate {
                        what: Thing::Name,
                        name: l.name.name.clone(),
                        first,
                    }
                    .at(l.name.span),
                );
                continue;
            }
            if !self.unique(&mut seen, Thing::Let, &l.name.name, l.name.span) {
                continue;
            }
            let Some((expr, ty)) = self.expr(scope, &l.value) else {
                scope.broken.insert(l.name.name.clone());
                continue;
            };
            let mut deps = Vec::new();
            scope.inputs_of(&expr, &mut deps);
            if super::AUTHORING {
                let range = Ranges {
                    scope,
                    lets: &scope.let_ranges,
                }
                .of(&expr);
                scope.let_ranges.push(range);
            }
            scope.let_index.insert(l.name.name.clone(), out.len());
            scope.lets.push((l.name.name.clone(), ty, deps));
            out.push(LetDef {
                name: l.name.name.clone(),
                expr,
                ty,
            });
        }
        out
    }
}

/// Where another program's tables start in this one's.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Shift {
    enums: usize,
    lists: usize,
    models: usize,
}

impl Shift {
    fn ty(&self, ty: &FieldType) -> FieldType {
        match ty {
            FieldType::Enum(i) => FieldType::Enum(i + self.enums),
            FieldType::List(i) => FieldType::List(i + self.lists),
            other => other.clone(),
        }
    }

    fn field(&self, f: &FieldDef) -> FieldDef {
        FieldDef {
            ty: self.ty(&f.ty),
            ..f.clone()
        }
    }

    fn item(&self, item: &ItemDef) -> ItemDef {
        match item {
            ItemDef::Record(fields) => {
                ItemDef::Record(fields.iter().map(|f| self.field(f)).collect())
            }
            ItemDef::Scalar(t) => ItemDef::Scalar(self.ty(t)),
            ItemDef::Model { model, fields } => ItemDef::Model {
                model: model + self.models,
                fields: fields.iter().map(|f| self.field(f)).collect(),
            },
        }
    }
}

/// The outcome of an item scored by another model, readable in conditions:
/// `recognized`, `total` and `tier` (unknown while the item's own result is undetermined).
fn outcome_fields(sub: &Program) -> Vec<FieldDef> {
    let title = &sub.model.title;
    let field = |name: &str, label: String, ty: FieldType| FieldDef {
        name: name.to_string(),
        label: Some(label),
        english: None,
        optional: true,
        ty,
        span: tieuchi_syntax::Span::default(),
    };
    vec![
        field(
            "recognized",
            format!("Được công nhận «{title}»"),
            FieldType::Bool,
        ),
        field(
            "total",
            format!("Tổng điểm «{title}»"),
            FieldType::Decimal(Bounds::default()),
        ),
        field("tier", format!("Xếp loại «{title}»"), FieldType::Text),
    ]
}

/// True when both bounds are whole numbers.
fn whole(b: Bounds) -> bool {
    let whole = |d: Option<Decimal>| d.is_none_or(|d| d.fract().is_zero());
    whole(b.min) && whole(b.max)
}

/// The first input field an expression names, left to right.
fn first_field(e: &CExpr) -> Option<usize> {
    match e {
        CExpr::Field(s) => Some(*s),
        CExpr::Const(_) | CExpr::Let(_) => None,
        CExpr::Not(a) | CExpr::Neg(a) | CExpr::InRange(a, _) => first_field(a),
        CExpr::Binary(_, a, b) | CExpr::Div(a, b, _) => first_field(a).or_else(|| first_field(b)),
        CExpr::InList(a, items) => first_field(a).or_else(|| items.iter().find_map(first_field)),
        CExpr::Call(_, args) => args.iter().find_map(first_field),
        CExpr::Item { .. } => None,
        CExpr::Where(a, b) | CExpr::Index(a, b) => first_field(a).or_else(|| first_field(b)),
        CExpr::Agg(_, list, _, _) => first_field(list),
        CExpr::If(branches, other) => branches
            .iter()
            .find_map(|(c, v)| first_field(c).or_else(|| first_field(v)))
            .or_else(|| first_field(other)),
    }
}
