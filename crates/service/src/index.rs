//! The names of a rule file and of the files it `extends`: where each field, value, `let`,
//! criterion, indicator and test is declared, and every place that names it.
//!
//! The files are read from the first ancestor down to the file itself, so that a name
//! redeclared by an adapting file (a field retyped, `override indicator U2.4`) is a place
//! naming the ancestor's declaration, and renaming it renames both.

use std::collections::HashMap;

use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{
    Award, BinOp, Expect, Expr, ExprKind, Field, File, Indicator, ItemType, Literal, Model,
    Template, TemplatePart, Test, TestField, TypeExpr,
};

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// An input field of the record.
    Field,
    /// A field of the items of a list (`members: list of { age: int }`).
    ItemField,
    /// A value of an enumeration (`one of { a, b }`).
    Value,
    /// A `let`.
    Let,
    /// A criterion.
    Criterion,
    /// An indicator.
    Indicator,
    /// A test (named by `from "…"`).
    Test,
}

impl SymbolKind {
    /// What it is called, Vietnamese first.
    pub fn describe(self) -> &'static str {
        match self {
            SymbolKind::Field => "trường đầu vào (input field)",
            SymbolKind::ItemField => "trường của phần tử danh sách (field of a list item)",
            SymbolKind::Value => "giá trị liệt kê (enumeration value)",
            SymbolKind::Let => "giá trị dẫn xuất `let` (derived value)",
            SymbolKind::Criterion => "tiêu chí (criterion)",
            SymbolKind::Indicator => "chỉ tiêu (indicator)",
            SymbolKind::Test => "bài kiểm thử (test)",
        }
    }
}

/// A declared name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// What it names.
    pub kind: SymbolKind,
    /// The name (for a test, its title).
    pub name: String,
    /// The file it is declared in (0: the file analysed; then the files it extends, in order).
    pub file: usize,
    /// Where the name is written in its file.
    pub span: Span,
    /// The whole declaration in its file.
    pub decl: Span,
    /// For a value, the field whose enumeration holds it; for an item field, the list field.
    pub owner: Option<String>,
}

/// A place where a name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The file (as in [`Symbol::file`]).
    pub file: usize,
    /// Where, in that file.
    pub span: Span,
    /// What it names (an index into [`Index::symbols`]).
    pub symbol: usize,
    /// True at the declaration itself.
    pub decl: bool,
}

/// Every symbol of a chain of files and every place naming one.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// The declared names.
    pub symbols: Vec<Symbol>,
    /// The places naming them, in no particular order.
    pub occurrences: Vec<Occurrence>,
    /// By (kind, owner, name).
    by_key: HashMap<(SymbolKind, Option<String>, String), usize>,
    /// The values of each enumeration field, by the field's name.
    values: HashMap<String, Vec<usize>>,
    /// Each list-of-records field's name, for `where` conditions.
    lists: Vec<String>,
    /// The value of each `let` as written (for the items a `let` list holds).
    let_values: HashMap<String, Expr>,
    /// The type of each field and item field, by name, to tell enumerations apart.
    enum_fields: HashMap<String, String>,
}

impl Index {
    /// Indexes `files` (the file analysed first, then the files it extends in order); a file
    /// that did not parse is skipped.
    pub fn build(files: &[Option<&File>]) -> Index {
        let mut index = Index::default();
        for (at, file) in files.iter().enumerate().rev() {
            if let Some(file) = file {
                let mut w = Walker {
                    index: &mut index,
                    file: at,
                };
                w.model(&file.model);
            }
        }
        index
    }

    /// The symbol named at byte `offset` of file `file`, with the occurrence there.
    pub fn at(&self, file: usize, offset: usize) -> Option<(&Occurrence, &Symbol)> {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let hit = self
            .occurrences
            .iter()
            .filter(|o| o.file == file && o.span.start <= offset && offset <= o.span.end)
            // The innermost when spans nest; the later one when two touch (`a+b` at `+`).
            .min_by_key(|o| (o.span.len(), u32::MAX - o.span.start))?;
        Some((hit, self.symbols.get(hit.symbol)?))
    }

    /// Every place naming symbol `symbol`, declarations first.
    pub fn occurrences_of(&self, symbol: usize) -> Vec<Occurrence> {
        let mut all: Vec<Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| o.symbol == symbol)
            .copied()
            .collect();
        all.sort_by_key(|o| (!o.decl, o.file, o.span.start));
        all.dedup_by_key(|o| (o.file, o.span));
        all
    }

    /// The symbol of a kind, owner and name.
    pub fn find(&self, kind: SymbolKind, owner: Option<&str>, name: &str) -> Option<usize> {
        self.by_key
            .get(&(kind, owner.map(str::to_string), name.to_string()))
            .copied()
    }

    /// The symbols of a kind, in declaration order of their files.
    pub fn of_kind(&self, kind: SymbolKind) -> impl Iterator<Item = (usize, &Symbol)> {
        self.symbols
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.kind == kind)
    }

    /// The values of an enumeration field (or a list of them), by the field's name.
    pub fn values_of(&self, field: &str) -> Vec<&Symbol> {
        self.values
            .get(field)
            .into_iter()
            .flatten()
            .filter_map(|i| self.symbols.get(*i))
            .collect()
    }

    /// True when some declared name of any kind but tests is `name`.
    pub fn is_taken(&self, name: &str) -> bool {
        self.symbols
            .iter()
            .any(|s| s.kind != SymbolKind::Test && s.name == name)
    }
}

/// Walks one file's model, declaring and resolving names.
struct Walker<'i> {
    index: &'i mut Index,
    file: usize,
}

/// Item fields of the list being filtered take precedence over top-level names.
#[derive(Clone, Copy)]
struct Cx<'a> {
    /// The list field whose items are in scope (`members where age > 6`), when known.
    items: Option<&'a str>,
    /// True inside a condition on list items, even when the list is not known.
    in_items: bool,
}

const TOP: Cx<'static> = Cx {
    items: None,
    in_items: false,
};

impl Walker<'_> {
    /// Declares a name, or notes the place as naming an ancestor's declaration of it.
    fn declare(
        &mut self,
        kind: SymbolKind,
        owner: Option<&str>,
        name: &str,
        span: Span,
        decl: Span,
    ) -> usize {
        let key = (kind, owner.map(str::to_string), name.to_string());
        if let Some(&existing) = self.index.by_key.get(&key) {
            self.occur(span, existing, false);
            return existing;
        }
        let id = self.index.symbols.len();
        self.index.symbols.push(Symbol {
            kind,
            name: name.to_string(),
            file: self.file,
            span,
            decl,
            owner: owner.map(str::to_string),
        });
        self.index.by_key.insert(key, id);
        self.occur(span, id, true);
        id
    }

    fn occur(&mut self, span: Span, symbol: usize, decl: bool) {
        self.index.occurrences.push(Occurrence {
            file: self.file,
            span,
            symbol,
            decl,
        });
    }

    fn model(&mut self, m: &Model) {
        if let Some(input) = &m.input {
            for f in &input.fields {
                self.field(f, None);
            }
        }
        for l in &m.lets {
            self.declare(SymbolKind::Let, None, &l.name.name, l.name.span, l.span);
            self.index
                .let_values
                .insert(l.name.name.clone(), l.value.clone());
        }
        for c in &m.criteria {
            self.declare(SymbolKind::Criterion, None, &c.id.name, c.id.span, c.span);
            for i in &c.indicators {
                self.declare(SymbolKind::Indicator, None, &i.id.name, i.id.span, i.span);
            }
        }
        for i in &m.overrides {
            self.declare(SymbolKind::Indicator, None, &i.id.name, i.id.span, i.span);
        }
        for t in &m.tests {
            self.declare(SymbolKind::Test, None, &t.name.value, t.name.span, t.span);
        }
        // Names used, now that every name of the file is declared.
        if let Some(input) = &m.input {
            for c in &input.constraints {
                self.expr(&c.condition, TOP);
                self.template(&c.message);
            }
        }
        for l in &m.lets {
            self.expr(&l.value, TOP);
        }
        for c in &m.criteria {
            for i in &c.indicators {
                self.indicator(i);
            }
        }
        for i in &m.overrides {
            self.indicator(i);
        }
        for t in &m.tests {
            self.test(t);
        }
    }

    fn field(&mut self, f: &Field, owner: Option<&str>) {
        let kind = if owner.is_some() {
            SymbolKind::ItemField
        } else {
            SymbolKind::Field
        };
        let name = f.name.name.as_str();
        self.declare(kind, owner, name, f.name.span, f.span);
        self.ty(&f.ty, name);
    }

    fn ty(&mut self, ty: &TypeExpr, field: &str) {
        match ty {
            TypeExpr::OneOf(variants, _) => {
                self.index
                    .enum_fields
                    .insert(field.to_string(), field.to_string());
                for v in variants {
                    let span = v
                        .label
                        .as_ref()
                        .map_or(v.name.span, |l| v.name.span.to(l.span));
                    let id = self.declare(
                        SymbolKind::Value,
                        Some(field),
                        &v.name.name,
                        v.name.span,
                        span,
                    );
                    let values = self.index.values.entry(field.to_string()).or_default();
                    if !values.contains(&id) {
                        values.push(id);
                    }
                }
            }
            TypeExpr::List(_, item, _) => match item.as_ref() {
                ItemType::Record(fields) => {
                    if !self.index.lists.iter().any(|l| l == field) {
                        self.index.lists.push(field.to_string());
                    }
                    for f in fields {
                        self.field(f, Some(field));
                    }
                }
                ItemType::Scalar(inner) => self.ty(inner, field),
                ItemType::Model(_) => {}
            },
            _ => {}
        }
    }

    fn indicator(&mut self, i: &Indicator) {
        match &i.award {
            Some(Award::Whole(e, _) | Award::Proportional(e, _) | Award::Value(e, _)) => {
                self.expr(e, TOP);
            }
            Some(Award::Deduct(_, e, _)) => self.expr(e, TOP),
            Some(Award::Bands(bands, _, _)) => {
                for b in bands {
                    self.expr(&b.when, TOP);
                }
            }
            None => {}
        }
        for p in &i.passes {
            self.expr(&p.when, TOP);
        }
        if let Some(na) = &i.not_applicable {
            self.expr(&na.when, TOP);
        }
        for r in &i.reasons {
            self.template(&r.text);
        }
    }

    fn template(&mut self, t: &Template) {
        for part in &t.parts {
            if let TemplatePart::Hole(e) = part {
                self.expr(e, TOP);
            }
        }
    }

    /// The list field whose items a list expression holds (`members`, a `let` filtering it).
    fn list_owner(&self, e: &Expr, depth: usize) -> Option<String> {
        if depth > 16 {
            return None;
        }
        match &e.kind {
            ExprKind::Name(id) => {
                if self.index.lists.contains(&id.name) {
                    Some(id.name.clone())
                } else {
                    let value = self.index.let_values.get(&id.name)?;
                    self.list_owner(value, depth + 1)
                }
            }
            ExprKind::Where(list, _) => self.list_owner(list, depth + 1),
            _ => None,
        }
    }

    /// The symbol a name in an expression refers to.
    fn resolve(&self, name: &str, cx: Cx<'_>) -> Option<usize> {
        let idx = &self.index;
        let item = |owner: Option<&str>| idx.find(SymbolKind::ItemField, owner, name);
        let any_item = || {
            idx.of_kind(SymbolKind::ItemField)
                .find(|(_, s)| s.name == name)
                .map(|(i, _)| i)
        };
        let in_items = if cx.in_items {
            cx.items.and_then(|o| item(Some(o))).or_else(any_item)
        } else {
            None
        };
        in_items
            .or_else(|| idx.find(SymbolKind::Let, None, name))
            .or_else(|| idx.find(SymbolKind::Field, None, name))
            .or_else(any_item)
            .or_else(|| {
                idx.of_kind(SymbolKind::Value)
                    .find(|(_, s)| s.name == name)
                    .map(|(i, _)| i)
            })
    }

    /// The enumeration field an expression reads, when it is a name of one.
    fn enum_of(&self, e: &Expr, cx: Cx<'_>) -> Option<String> {
        let ExprKind::Name(id) = &e.kind else {
            return None;
        };
        let sym = self.index.symbols.get(self.resolve(&id.name, cx)?)?;
        matches!(sym.kind, SymbolKind::Field | SymbolKind::ItemField)
            .then(|| self.index.enum_fields.get(&sym.name).cloned())
            .flatten()
    }

    /// A name compared with an enumeration field: a value of that field first.
    fn value_of(&mut self, e: &Expr, field: Option<&str>, cx: Cx<'_>) {
        if let (ExprKind::Name(id), Some(field)) = (&e.kind, field)
            && let Some(v) = self.index.find(SymbolKind::Value, Some(field), &id.name)
        {
            self.occur(id.span, v, false);
            return;
        }
        self.expr(e, cx);
    }

    fn expr(&mut self, e: &Expr, cx: Cx<'_>) {
        match &e.kind {
            ExprKind::Name(id) => {
                if let Some(s) = self.resolve(&id.name, cx) {
                    self.occur(id.span, s, false);
                }
            }
            ExprKind::Not(a) | ExprKind::Neg(a) => self.expr(a, cx),
            ExprKind::Binary(op, a, b) => {
                let compares = matches!(
                    op,
                    BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
                );
                let (ea, eb) = if compares {
                    (self.enum_of(a, cx), self.enum_of(b, cx))
                } else {
                    (None, None)
                };
                self.value_of(a, eb.as_deref(), cx);
                self.value_of(b, ea.as_deref(), cx);
            }
            ExprKind::InList(a, items) => {
                let field = self.enum_of(a, cx);
                self.expr(a, cx);
                for item in items {
                    self.value_of(item, field.as_deref(), cx);
                }
            }
            ExprKind::InRange(a, _) => self.expr(a, cx),
            ExprKind::Call(name, args) => {
                let mut list = None;
                for (n, arg) in args.iter().enumerate() {
                    let on_items =
                        n > 0 && matches!(name.name.as_str(), "all" | "any" | "share" | "sum");
                    if on_items {
                        let owner = list.as_deref();
                        self.expr(
                            arg,
                            Cx {
                                items: owner,
                                in_items: true,
                            },
                        );
                    } else {
                        self.expr(arg, cx);
                    }
                    if n == 0 {
                        list = self.list_owner(arg, 0);
                    }
                }
            }
            ExprKind::Where(list, cond) => {
                self.expr(list, cx);
                let owner = self.list_owner(list, 0);
                let inner = Cx {
                    items: owner.as_deref(),
                    in_items: true,
                };
                self.expr(cond, inner);
            }
            ExprKind::Index(list, at) => {
                self.expr(list, cx);
                self.expr(at, cx);
            }
            ExprKind::If(branches, otherwise) => {
                for (c, v) in branches {
                    self.expr(c, cx);
                    self.expr(v, cx);
                }
                self.expr(otherwise, cx);
            }
            ExprKind::Number(_) | ExprKind::Bool(_) | ExprKind::Str(_) | ExprKind::Date(_) => {}
        }
    }

    fn test(&mut self, t: &Test) {
        if let Some(from) = &t.from
            && let Some(s) = self.index.find(SymbolKind::Test, None, &from.value)
        {
            self.occur(from.span, s, false);
        }
        for f in &t.input {
            self.test_field(f, None);
        }
        for e in &t.expects {
            if let Expect::Error(path) = e {
                self.json_path(path);
            }
            if let Expect::Item(id, _) = e {
                let found = self
                    .index
                    .find(SymbolKind::Indicator, None, &id.name)
                    .or_else(|| self.index.find(SymbolKind::Criterion, None, &id.name));
                if let Some(s) = found {
                    self.occur(id.span, s, false);
                }
            }
        }
    }

    /// `expect error "/members/2/age"`: the fields the JSON path names (when the string is
    /// written without escapes, so that its bytes are the path's).
    fn json_path(&mut self, path: &tieuchi_syntax::ast::Str) {
        if path.span.len() != path.value.len() + 2 {
            return;
        }
        let mut owner: Option<String> = None;
        let mut at = path.span.start as usize + 1;
        for segment in path.value.split('/') {
            let start = at;
            at += segment.len() + 1;
            if segment.is_empty() || segment.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let kind = if owner.is_some() {
                SymbolKind::ItemField
            } else {
                SymbolKind::Field
            };
            let Some(s) = self.index.find(kind, owner.as_deref(), segment) else {
                return;
            };
            self.occur(Span::new(start, start + segment.len()), s, false);
            owner = Some(segment.to_string());
        }
    }

    /// `name: value` in a test, `owner` the list field when it is an item's field.
    fn test_field(&mut self, f: &TestField, owner: Option<&str>) {
        let kind = if owner.is_some() {
            SymbolKind::ItemField
        } else {
            SymbolKind::Field
        };
        let name = f.name.name.as_str();
        if let Some(s) = self.index.find(kind, owner, name) {
            self.occur(f.name.span, s, false);
        }
        self.literal(&f.value, name);
    }

    fn literal(&mut self, value: &Literal, field: &str) {
        match value {
            Literal::Word(w) => {
                if let Some(v) = self.index.find(SymbolKind::Value, Some(field), &w.name) {
                    self.occur(w.span, v, false);
                }
            }
            Literal::List(items, _) => {
                for item in items {
                    self.literal(item, field);
                }
            }
            Literal::Record(fields, _) => {
                for f in fields {
                    self.test_field(f, Some(field));
                }
            }
            Literal::Bool(..)
            | Literal::Number(_)
            | Literal::Str(_)
            | Literal::Date(_)
            | Literal::Missing(_) => {}
        }
    }
}
