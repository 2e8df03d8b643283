//! The outline of a rule file (document symbols): the model, its inputs, `let`s, criteria
//! with their indicators, and tests.

use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{Field, ItemType, Number, TypeExpr};

use crate::{Analysis, Location};

/// What an outline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// The model.
    Model,
    /// The input block.
    Input,
    /// An input field (or a field of list items).
    Field,
    /// A `let`.
    Let,
    /// A criterion.
    Criterion,
    /// An indicator.
    Indicator,
    /// A test.
    Test,
}

/// One entry of the outline, with its entries inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineSymbol {
    /// The name shown.
    pub name: String,
    /// A label beside it (the Vietnamese label, the points).
    pub detail: Option<String>,
    /// What it is.
    pub kind: OutlineKind,
    /// The whole item.
    pub range: Location,
    /// Its name.
    pub selection: Location,
    /// The entries inside it.
    pub children: Vec<OutlineSymbol>,
}

/// Builds outline entries of the file analysed.
struct Outliner<'a> {
    a: &'a Analysis,
}

impl Outliner<'_> {
    fn entry(
        &self,
        name: &str,
        detail: Option<String>,
        kind: OutlineKind,
        range: Span,
        selection: Span,
        children: Vec<OutlineSymbol>,
    ) -> Option<OutlineSymbol> {
        let range_loc = self.a.location(0, range)?;
        let inside = range.start <= selection.start && selection.end <= range.end;
        let selection = match self.a.location(0, selection) {
            Some(s) if inside => s,
            _ => range_loc.clone(),
        };
        Some(OutlineSymbol {
            name: if name.is_empty() { "?" } else { name }.to_string(),
            detail,
            kind,
            range: range_loc,
            selection,
            children,
        })
    }

    fn fields(&self, list: &[Field]) -> Vec<OutlineSymbol> {
        list.iter()
            .filter_map(|f| {
                let children = match &f.ty {
                    TypeExpr::List(_, item, _) => match item.as_ref() {
                        ItemType::Record(inner) => self.fields(inner),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let detail = f.label.as_ref().map(|l| l.value.clone());
                self.entry(
                    &f.name.name,
                    detail,
                    OutlineKind::Field,
                    f.span,
                    f.name.span,
                    children,
                )
            })
            .collect()
    }
}

/// `label — N điểm (points)`.
fn with_points(label: &str, max: Option<&Number>) -> String {
    match max {
        Some(n) => format!("{label} — {} điểm (points)", n.text),
        None => label.to_string(),
    }
}

pub(crate) fn outline(a: &Analysis) -> Vec<OutlineSymbol> {
    let Some(file) = a.ast(0) else {
        return Vec::new();
    };
    let m = &file.model;
    let o = Outliner { a };
    let mut children = Vec::new();
    if let Some(input) = &m.input {
        let inner = o.fields(&input.fields);
        let start = Span::new(input.span.start as usize, input.span.start as usize);
        children.extend(o.entry("input", None, OutlineKind::Input, input.span, start, inner));
    }
    for l in &m.lets {
        children.extend(o.entry(
            &l.name.name,
            None,
            OutlineKind::Let,
            l.span,
            l.name.span,
            Vec::new(),
        ));
    }
    for c in &m.criteria {
        let inds = c
            .indicators
            .iter()
            .filter_map(|i| {
                let detail = Some(with_points(&i.label.value, i.max.as_ref()));
                o.entry(
                    &i.id.name,
                    detail,
                    OutlineKind::Indicator,
                    i.span,
                    i.id.span,
                    Vec::new(),
                )
            })
            .collect();
        let detail = Some(with_points(&c.label.value, c.max.as_ref()));
        children.extend(o.entry(
            &c.id.name,
            detail,
            OutlineKind::Criterion,
            c.span,
            c.id.span,
            inds,
        ));
    }
    for i in &m.overrides {
        let detail = Some(with_points(&i.label.value, i.max.as_ref()));
        children.extend(o.entry(
            &i.id.name,
            detail,
            OutlineKind::Indicator,
            i.span,
            i.id.span,
            Vec::new(),
        ));
    }
    for t in &m.tests {
        children.extend(o.entry(
            &t.name.value,
            None,
            OutlineKind::Test,
            t.span,
            t.name.span,
            Vec::new(),
        ));
    }
    let title = Some(m.title.value.clone());
    o.entry(
        &m.id.name,
        title,
        OutlineKind::Model,
        m.span,
        m.id.span,
        children,
    )
    .into_iter()
    .collect()
}
