//! The canonical layout of a rule file (`tieuchi fmt`).
//!
//! [`format`] reads a rule file and writes it back in one layout, whatever the layout it was
//! written in, keeping every comment. A file with syntax errors is not formatted: the
//! parser's diagnostics are returned instead.
//!
//! The layout:
//! - two spaces of indentation per block level; `{` ends the line that opens a block, `}`
//!   stands alone on its line (after a field's type or a test value the labels follow it);
//! - one statement per line, in the order written; a statement written over several lines
//!   is joined onto one (the line is not broken at any width);
//! - one space between words and around binary operators (`a + b`, `x >= 5`, `a and b`), none
//!   inside parentheses and brackets, `, ` between items (`f(a, b)`, `x in [a, b]`);
//!   parentheses only where precedence needs them (plus around an `if` inside an `if`);
//! - a blank line before and after each criterion, indicator, input block and test; other
//!   blank lines are kept where the source had one or more (at most one), never right after
//!   `{` nor right before `}`;
//! - strings in double quotes with `\"`, `\\` and `\n` escaped (and `\{`, `\}` in messages);
//!   other characters as they are;
//! - numbers exactly as written (`90%` stays `90%`, `0.90` stays `0.90`); dates as
//!   `YYYY-MM-DD`;
//! - enumerations without labels on one line (`one of { a, b }`), with labels one value per
//!   line; test values on one line, except a list of records: one record per line;
//! - `jurisdiction national` without quotes; `list(10) of` for an exact list size.
//!
//! Comments stay where they were; see `layout` for the rules.
//!
//! Keywords are written in one language: the one asked for ([`format_with`]), else the
//! language most of the file's keywords are written in (a file written in Vietnamese
//! keywords stays in Vietnamese; a keyword in the other language is converted to the
//! file's). Converting a file to the other language and back gives the same text.

mod comments;
mod expr;
mod items;
mod layout;

use crate::diagnostic::Diagnostic;
use crate::keywords::KeywordLang;
use crate::parse::parse;

/// The text of a rule file in the canonical layout, or the syntax errors that prevent it
/// (the file must be fixed first). Formatting a formatted text gives the same text, and the
/// result parses to the same syntax tree as `src` (spans aside). Keywords are written in the
/// language most of the file's keywords are written in.
pub fn format(src: &str) -> Result<String, Vec<Diagnostic>> {
    format_with(src, None)
}

/// [`format`], with every keyword written in `keywords` when it is given (`tieuchi fmt
/// --lang vi|en`).
pub fn format_with(src: &str, keywords: Option<KeywordLang>) -> Result<String, Vec<Diagnostic>> {
    let parsed = parse(src);
    let file = match parsed.file {
        Some(file) if !parsed.diagnostics.iter().any(Diagnostic::is_error) => file,
        _ => return Err(parsed.diagnostics),
    };
    let lang = keywords.or(parsed.keywords).unwrap_or(KeywordLang::En);
    let mut out = layout::Out::new(src, lang);
    out.model(&file.model);
    let found = comments::find(src, &mut out.strings);
    Ok(out.finish(&found))
}
