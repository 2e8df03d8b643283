//! Completion: what may be written at a place. In a test, after `expect` the ids of
//! indicators and criteria, after `field:` the field's values, else the field names; in
//! rules, the values of the enumeration just compared (`title == |`), then fields, `let`s,
//! functions, every value, and the keywords in the file's own keyword language.

use tieuchi_syntax::keywords::keyword_at;
use tieuchi_syntax::{KeywordLang, Kw, Span};

use crate::index::SymbolKind;
use crate::{Analysis, Location};

/// What a completion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// An input field (or a field of list items).
    Field,
    /// A `let`.
    Let,
    /// An enumeration value.
    Value,
    /// A criterion id.
    Criterion,
    /// An indicator id.
    Indicator,
    /// A function.
    Function,
    /// A keyword.
    Keyword,
}

/// One thing that may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The text written.
    pub label: String,
    /// What it is.
    pub kind: CompletionKind,
    /// A label beside it (a field's Vietnamese label).
    pub detail: Option<String>,
    /// The word it replaces (the part of it written before the cursor).
    pub replace: Location,
    /// Lower first: how likely it is here.
    pub rank: u8,
}

/// Functions of the rule language.
const FUNCTIONS: &[&str] = &[
    "count", "all", "any", "sum", "share", "min", "max", "abs", "age", "date", "year",
];

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.' || ('\u{300}'..='\u{36F}').contains(&c)
}

pub(crate) fn completions(a: &Analysis, offset: usize) -> Vec<Completion> {
    let text = a.main().text.as_str();
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or("");
    let prefix_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| word_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let Some(replace) = a.location(0, Span::new(prefix_start, offset)) else {
        return Vec::new();
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.get(line_start..prefix_start).unwrap_or("");
    let mut out = Out {
        items: Vec::new(),
        replace,
    };
    let index = a.index();
    let in_test = a.ast(0).is_some_and(|f| {
        f.model
            .tests
            .iter()
            .any(|t| (t.span.start as usize) < offset && offset < t.span.end as usize)
    });
    let lang = a.keyword_lang();
    let trimmed = line.trim_start();
    if in_test {
        if let Some((Kw::Expect, n, _)) = keyword_at(trimmed) {
            if trimmed.get(n..).is_some_and(|r| r.trim().is_empty()) {
                for (_, s) in index.of_kind(SymbolKind::Indicator) {
                    out.push(&s.name, CompletionKind::Indicator, None, 0);
                }
                for (_, s) in index.of_kind(SymbolKind::Criterion) {
                    out.push(&s.name, CompletionKind::Criterion, None, 0);
                }
                for kw in [Kw::Status, Kw::Tier, Kw::Total, Kw::Error] {
                    out.keyword(kw, lang, 1);
                }
            }
            return out.items;
        }
        if let Some(colon) = trimmed.rfind(':') {
            let name = trimmed
                .get(..colon)
                .unwrap_or("")
                .trim()
                .rsplit(|c: char| !word_char(c))
                .next()
                .unwrap_or("");
            for v in index.values_of(name) {
                out.push(&v.name, CompletionKind::Value, None, 0);
            }
            for kw in [Kw::True, Kw::False, Kw::Missing] {
                out.keyword(kw, lang, 1);
            }
            return out.items;
        }
        for (_, s) in index.of_kind(SymbolKind::Field) {
            out.push(&s.name, CompletionKind::Field, None, 0);
        }
        for kw in [Kw::Input, Kw::Expect] {
            out.keyword(kw, lang, 1);
        }
        return out.items;
    }
    // The enumeration field just compared: `title == `, `title in [a, `.
    let compared = compared_field(line);
    if let Some(field) = &compared {
        for v in index.values_of(field) {
            out.push(&v.name, CompletionKind::Value, Some(field.clone()), 0);
        }
    }
    let label_of = |s: &crate::Symbol| -> Option<String> {
        let src = a.files().get(s.file)?.text.as_str();
        let decl = s.decl.text(src);
        let start = decl.find('"')?;
        let rest = decl.get(start + 1..)?;
        Some(rest.get(..rest.find('"')?)?.to_string())
    };
    for (_, s) in index.of_kind(SymbolKind::Field) {
        out.push(&s.name, CompletionKind::Field, label_of(s), 1);
    }
    for (_, s) in index.of_kind(SymbolKind::Let) {
        out.push(&s.name, CompletionKind::Let, None, 1);
    }
    for (_, s) in index.of_kind(SymbolKind::ItemField) {
        out.push(&s.name, CompletionKind::Field, label_of(s), 2);
    }
    for f in FUNCTIONS {
        out.push(f, CompletionKind::Function, None, 2);
    }
    if compared.is_none() {
        for (_, s) in index.of_kind(SymbolKind::Value) {
            out.push(&s.name, CompletionKind::Value, s.owner.clone(), 3);
        }
    }
    for kw in Kw::all() {
        out.keyword(kw, lang, 4);
    }
    out.items
}

/// The field compared just before the cursor (`name ==`, `name in [a, `), if any.
fn compared_field(line: &str) -> Option<String> {
    let t = line.trim_end();
    let ops = ["==", "!=", "<=", ">=", "<", ">"];
    let head = if let Some(op) = ops.iter().find(|op| t.ends_with(*op)) {
        t.get(..t.len() - op.len())?
    } else if t.ends_with('[') || t.ends_with(',') {
        let open = t.rfind('[')?;
        let head = t.get(..open)?.trim_end();
        // `in` or `thuộc` before the bracket.
        let word_start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map_or(head.len(), |(i, _)| i);
        let word = head.get(word_start..)?;
        if !matches!(keyword_at(word), Some((Kw::In, n, _)) if n == word.len()) {
            return None;
        }
        head.get(..word_start)?
    } else {
        return None;
    };
    let name: String = head
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| word_char(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

struct Out {
    items: Vec<Completion>,
    replace: Location,
}

impl Out {
    fn push(&mut self, label: &str, kind: CompletionKind, detail: Option<String>, rank: u8) {
        if self.items.iter().any(|c| c.label == label) {
            return;
        }
        self.items.push(Completion {
            label: label.to_string(),
            kind,
            detail,
            replace: self.replace.clone(),
            rank,
        });
    }

    fn keyword(&mut self, kw: Kw, lang: KeywordLang, rank: u8) {
        self.push(kw.spelling(lang), CompletionKind::Keyword, None, rank);
    }
}
