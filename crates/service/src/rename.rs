//! Renaming a field, value, `let`, criterion or indicator everywhere it is written.

use tieuchi_syntax::Message;
use tieuchi_syntax::keywords::{RESERVED, keyword_at};

use crate::index::SymbolKind;
use crate::{Analysis, Location, TextEdit};

/// Why a rename is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    /// No name that can be renamed is at that place.
    NoName,
    /// Tests are named by their title, a string: edit it instead.
    Test,
    /// The new name is not a name of the rule language (or is a keyword).
    NotAName(String),
    /// The new name is already declared.
    Taken(String),
}

impl RenameError {
    /// What is wrong, in Vietnamese and English.
    pub fn message(&self) -> Message {
        match self {
            RenameError::NoName => Message::new(
                "ở đây không có tên nào để đổi",
                "there is no name to rename here",
            ),
            RenameError::Test => Message::new(
                "tên bài kiểm thử là một chuỗi: hãy sửa trực tiếp",
                "a test is named by a string: edit it directly",
            ),
            RenameError::NotAName(n) => Message::new(
                format!(
                    "`{n}` không dùng được làm tên: tên bắt đầu bằng chữ cái hoặc `_`, tiếp theo là chữ cái, chữ số hoặc `_`, và không trùng từ khoá"
                ),
                format!(
                    "`{n}` cannot be a name: a name starts with a letter or `_`, goes on with letters, digits or `_`, and is not a keyword"
                ),
            ),
            RenameError::Taken(n) => Message::new(
                format!("tên `{n}` đã được dùng"),
                format!("the name `{n}` is already taken"),
            ),
        }
    }
}

/// The place of the name at `offset`, if it can be renamed.
pub(crate) fn prepare(a: &Analysis, offset: usize) -> Result<Location, RenameError> {
    let (occ, sym) = a.index().at(0, offset).ok_or(RenameError::NoName)?;
    if sym.kind == SymbolKind::Test {
        return Err(RenameError::Test);
    }
    a.location(0, occ.span).ok_or(RenameError::NoName)
}

/// True when `part` is a plain name of the language (not a word operator such as `and`).
fn plain_name(part: &str) -> bool {
    let mut chars = part.chars();
    let first = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    first
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && keyword_at(part).is_none_or(|(kw, n, _)| n != part.len() || !RESERVED.contains(&kw))
}

/// True when `name` can name a symbol of `kind` (ids of criteria and indicators may have
/// dotted parts: `U2.1`).
pub(crate) fn valid_name(kind: SymbolKind, name: &str) -> bool {
    match kind {
        SymbolKind::Criterion | SymbolKind::Indicator => {
            let mut parts = name.split('.');
            parts.next().is_some_and(plain_name)
                && parts
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'))
        }
        _ => plain_name(name),
    }
}

pub(crate) fn rename(
    a: &Analysis,
    offset: usize,
    new_name: &str,
) -> Result<Vec<TextEdit>, RenameError> {
    prepare(a, offset)?;
    let (occ, sym) = a.index().at(0, offset).ok_or(RenameError::NoName)?;
    if sym.name == new_name {
        return Ok(Vec::new());
    }
    if !valid_name(sym.kind, new_name) {
        return Err(RenameError::NotAName(new_name.to_string()));
    }
    if a.index().is_taken(new_name) {
        return Err(RenameError::Taken(new_name.to_string()));
    }
    let edits: Vec<TextEdit> = a
        .index()
        .occurrences_of(occ.symbol)
        .into_iter()
        .filter_map(|o| {
            Some(TextEdit {
                at: a.location(o.file, o.span)?,
                text: new_name.to_string(),
            })
        })
        .collect();
    // The file must read as well after the change as before (a name the parser would take
    // for a keyword at some place is refused).
    let main = &a.main().name;
    let mut changed = a.main().text.clone();
    let mut mine: Vec<&TextEdit> = edits.iter().filter(|e| &e.at.file == main).collect();
    mine.sort_by_key(|e| std::cmp::Reverse(e.at.span.start));
    for e in mine {
        let range = e.at.span.start as usize..e.at.span.end as usize;
        if changed.get(range.clone()).is_none() {
            return Err(RenameError::NoName);
        }
        changed.replace_range(range, &e.text);
    }
    let syntax_errors = |text: &str| tieuchi_syntax::parse(text).diagnostics.len();
    if syntax_errors(&changed) > syntax_errors(&a.main().text) {
        return Err(RenameError::NotAName(new_name.to_string()));
    }
    Ok(edits)
}
