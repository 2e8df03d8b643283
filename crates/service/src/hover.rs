//! Hover: what a name is, in Vietnamese first. A field: its type, range, labels and where it
//! is used; a value: its enumeration and label; a `let`: its definition, in the rule
//! language and in words; an indicator or criterion: its points, its rule in words (the
//! core's `prose`, when the file checks) and its citations.

use std::fmt::Write as _;

use tieuchi_syntax::ast::{Criterion, Field, Indicator, ItemType, Meta, Model, TypeExpr};
use tieuchi_syntax::{KeywordLang, Kw};

use crate::index::{Symbol, SymbolKind};
use crate::{Analysis, Location};

/// What to show over a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// The name hovered.
    pub at: Location,
    /// The text, in Markdown.
    pub markdown: String,
}

pub(crate) fn hover(a: &Analysis, offset: usize) -> Option<Hover> {
    let (occ, sym) = a.index().at(0, offset)?;
    let at = a.location(0, occ.span)?;
    let model = &a.ast(sym.file)?.model;
    let src = a.files().get(sym.file).map_or("", |f| f.text.as_str());
    let lang = a.keyword_lang();
    let mut md = format!("**`{}`** — {}\n\n", sym.name, sym.kind.describe());
    match sym.kind {
        SymbolKind::Field | SymbolKind::ItemField => {
            if let Some(f) = find_field(model, sym) {
                field(&mut md, f, src, lang);
            }
            uses(&mut md, a, occ.symbol);
        }
        SymbolKind::Value => {
            if let Some(owner) = &sym.owner {
                let _ = writeln!(md, "Giá trị của trường (value of the field) `{owner}`\n");
            }
            let decl = sym.decl.text(src);
            if let Some(label) = decl.find('"').and_then(|i| decl.get(i..)) {
                let _ = writeln!(md, "Nhãn (label): {label}\n");
            }
            uses(&mut md, a, occ.symbol);
        }
        SymbolKind::Let => {
            let _ = writeln!(md, "```tieuchi\n{}\n```\n", one_line(sym.decl.text(src)));
            if let Some(program) = &a.compiled().program
                && let Some((_, words)) = tieuchi_core::prose::lets(program)
                    .into_iter()
                    .find(|(n, _)| n == &sym.name)
            {
                let _ = writeln!(md, "Bằng lời (in words): {words}\n");
            }
            uses(&mut md, a, occ.symbol);
        }
        SymbolKind::Indicator => {
            if let Some(i) = find_indicator(model, &sym.name) {
                indicator(&mut md, a, i);
            }
            uses(&mut md, a, occ.symbol);
        }
        SymbolKind::Criterion => {
            if let Some(c) = model.criteria.iter().find(|c| c.id.name == sym.name) {
                criterion(&mut md, c);
            }
        }
        SymbolKind::Test => {
            uses(&mut md, a, occ.symbol);
        }
    }
    Some(Hover {
        at,
        markdown: md.trim_end().to_string(),
    })
}

/// The text on one line, runs of spaces and line breaks made one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find_field<'m>(model: &'m Model, sym: &Symbol) -> Option<&'m Field> {
    fn search<'m>(fields: &'m [Field], sym: &Symbol) -> Option<&'m Field> {
        for f in fields {
            if f.name.span == sym.span {
                return Some(f);
            }
            if let TypeExpr::List(_, item, _) = &f.ty
                && let ItemType::Record(inner) = item.as_ref()
                && let Some(found) = search(inner, sym)
            {
                return Some(found);
            }
        }
        None
    }
    search(&model.input.as_ref()?.fields, sym)
}

fn find_indicator<'m>(model: &'m Model, id: &str) -> Option<&'m Indicator> {
    model
        .criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .chain(&model.overrides)
        .find(|i| i.id.name == id)
}

/// How a type is written, on one line (an enumeration's values listed, a list's item
/// fields left out).
fn type_text(ty: &TypeExpr, src: &str, lang: KeywordLang) -> String {
    match ty {
        TypeExpr::OneOf(variants, _) => {
            let names: Vec<&str> = variants.iter().map(|v| v.name.name.as_str()).collect();
            format!(
                "{} {} {{ {} }}",
                Kw::One.spelling(lang),
                Kw::Of.spelling(lang),
                names.join(", ")
            )
        }
        TypeExpr::List(_, item, span) => {
            let written = span.text(src);
            match item.as_ref() {
                ItemType::Record(_) => {
                    let head = written.split('{').next().unwrap_or(written);
                    format!("{} {{ … }}", one_line(head))
                }
                _ => one_line(written),
            }
        }
        TypeExpr::Bool(s) | TypeExpr::Text(s) | TypeExpr::Date(s) => one_line(s.text(src)),
        TypeExpr::Int(_, s) | TypeExpr::Decimal(_, s) => one_line(s.text(src)),
    }
}

fn field(md: &mut String, f: &Field, src: &str, lang: KeywordLang) {
    let _ = writeln!(
        md,
        "```tieuchi\n{}: {}{}\n```\n",
        f.name.name,
        if f.optional {
            format!("{} ", Kw::Optional.spelling(lang))
        } else {
            String::new()
        },
        type_text(&f.ty, src, lang)
    );
    if let TypeExpr::Int(Some(r), _) | TypeExpr::Decimal(Some(r), _) = &f.ty {
        let _ = writeln!(md, "Khoảng giá trị (range): `{}`\n", r.span.text(src));
    }
    if let Some(label) = &f.label {
        let _ = write!(md, "Nhãn (label): {}", label.value);
        if let Some(en) = &f.english {
            let _ = write!(md, " ({})", en.value);
        }
        md.push_str("\n\n");
    }
    if f.optional {
        md.push_str(
            "Không bắt buộc: bản ghi có thể bỏ trống (optional: a record may leave it out)\n\n",
        );
    }
}

fn meta(md: &mut String, m: &Meta) {
    for s in &m.sources {
        let _ = writeln!(md, "Nguồn (source): {}\n", s.value);
    }
    if let Some(p) = &m.provisional {
        let _ = writeln!(md, "⚠ Tạm thời (provisional): {}\n", p.value);
    }
}

fn indicator(md: &mut String, a: &Analysis, i: &Indicator) {
    let _ = write!(md, "{}", i.label.value);
    if let Some(max) = &i.max {
        let verb = if i.deduction.is_some() {
            "trừ tối đa (deducts up to)"
        } else {
            "tối đa (up to)"
        };
        let _ = write!(md, " — {verb} {} điểm (points)", max.text);
    }
    md.push_str("\n\n");
    if let Some(program) = &a.compiled().program
        && let Some((_, words)) = tieuchi_core::prose::indicators(program)
            .into_iter()
            .find(|(id, _)| id == &i.id.name)
    {
        let _ = writeln!(md, "{words}\n");
    }
    meta(md, &i.meta);
}

fn criterion(md: &mut String, c: &Criterion) {
    let _ = write!(md, "{}", c.label.value);
    if let Some(max) = &c.max {
        let _ = write!(md, " — {} điểm (points)", max.text);
    }
    md.push_str("\n\n");
    let ids: Vec<&str> = c.indicators.iter().map(|i| i.id.name.as_str()).collect();
    if !ids.is_empty() {
        let _ = writeln!(md, "Chỉ tiêu (indicators): {}\n", ids.join(", "));
    }
    meta(md, &c.meta);
}

/// Where a symbol is used: the lines (of this file, or `file:line` for another), at most
/// ten, and how many in all.
fn uses(md: &mut String, a: &Analysis, symbol: usize) {
    let places: Vec<String> = a
        .index()
        .occurrences_of(symbol)
        .into_iter()
        .filter(|o| !o.decl)
        .filter_map(|o| {
            let loc = a.location(o.file, o.span)?;
            let line = loc.start.line + 1;
            Some(if o.file == 0 {
                line.to_string()
            } else {
                format!("{}:{line}", loc.file)
            })
        })
        .collect();
    if places.is_empty() {
        md.push_str("Chưa được dùng ở đâu (not used anywhere)\n");
        return;
    }
    let shown: Vec<&str> = places.iter().take(10).map(String::as_str).collect();
    let more = if places.len() > 10 { ", …" } else { "" };
    let _ = writeln!(
        md,
        "Dùng ở {n} chỗ, dòng (used in {n} places, lines): {}{more}",
        shown.join(", "),
        n = places.len()
    );
}
