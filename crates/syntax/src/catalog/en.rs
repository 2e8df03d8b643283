//! English messages of syntax errors (the style: `MESSAGES.md`).

use super::{Texts, join_alternatives, keywords as q};
use crate::error::{Found, Nest, ParseErrorKind, Want};
use crate::keywords::{KeywordLang, Kw};
use crate::limits::MAX_RULE_FILE_BYTES;

/// The message and help line of a syntax error; keywords are quoted in `keywords`, the
/// language of the file's keywords (when not known, in this catalogue's language).
pub fn parse_error(kind: &ParseErrorKind, keywords: Option<KeywordLang>) -> Texts {
    let k = keywords.unwrap_or(KeywordLang::En);
    match kind {
        ParseErrorKind::Unexpected { expected, found } => {
            let list: Vec<String> = expected.iter().map(|w| want(*w, k)).collect();
            let list = join_alternatives(&list, "or");
            let found = self::found(found);
            if list.is_empty() {
                Texts::new(
                    format!("unexpected {}", found),
                    "remove or rewrite this part; see the language guide in README.md",
                )
            } else {
                Texts::new(
                    format!("expected {}, found {}", list, found),
                    format!("write {} here", list),
                )
            }
        }
        ParseErrorKind::UnterminatedString => Texts::new(
            "this string is not closed",
            "end the string with `\"` on the same line",
        ),
        ParseErrorKind::UnclosedBlock => {
            Texts::new("this block is never closed", "add the matching `}`")
        }
        ParseErrorKind::InvalidEscape(c) => Texts::new(
            format!("unknown escape `\\{}` in a string", c),
            "use `\\\"`, `\\\\`, `\\n`, `\\{` or `\\}`",
        ),
        ParseErrorKind::UnclosedHole => Texts::new(
            "this `{` in a message is not closed",
            "close the value with `}`, or write `\\{` for a literal brace",
        ),
        ParseErrorKind::Repeated(what) => Texts::new(
            format!("{} is written twice here", q(what, k)),
            format!("keep a single {} statement in this block", q(what, k)),
        ),
        ParseErrorKind::TooDeep { what, limit } => {
            let thing = match what {
                Nest::Expression => "an expression",
                Nest::Type => "a type",
                Nest::Value => "a value",
            };
            let help = match what {
                Nest::Expression => format!("split it with {}", q(&[Kw::Let], k)),
                Nest::Type | Nest::Value => "flatten the data: fewer nested levels".to_string(),
            };
            Texts::new(
                format!(
                    "nested too deeply: {} more than {} levels deep",
                    thing, limit
                ),
                help,
            )
        }
        ParseErrorKind::TooLarge { size } => Texts::new(
            format!(
                "rule file too large: {} bytes, at most {}",
                size, MAX_RULE_FILE_BYTES
            ),
            format!(
                "split it into smaller files joined with {} or {}",
                q(&[Kw::Extends], k),
                q(&[Kw::Uses], k)
            ),
        ),
    }
}

/// What the parser would have accepted, keywords in `k`.
pub fn want(w: Want, k: KeywordLang) -> String {
    let text = match w {
        Want::Token(t) => return format!("`{}`", t),
        Want::Keyword(kw) => return q(&[kw], k),
        Want::Keywords(kws) => return q(kws, k),
        Want::EndOfFile => "the end of the file",
        Want::Name => "a name",
        Want::Id => "an id such as `U1` or `U2.1`",
        Want::Number => "a number",
        Want::Date => "a date such as 2024-12-31",
        Want::Str => "a string in double quotes",
        Want::MessageStr => "a message in double quotes",
        Want::Operand => "a value (a number, a name, a string or `(`)",
        Want::TestValue => {
            return format!(
                "a value ({}, a number, a date, a string, a word or {})",
                q(&[Kw::True], k),
                q(&[Kw::Missing], k)
            );
        }
        Want::Type => {
            return format!(
                "a type ({}, {}, {}, {}, {}, `{} {{ ... }}` or `{} ...`)",
                q(&[Kw::Bool], k),
                q(&[Kw::Int], k),
                q(&[Kw::Decimal], k),
                q(&[Kw::Text], k),
                q(&[Kw::Date], k),
                crate::keywords::phrase(&[Kw::One, Kw::Of], k),
                crate::keywords::phrase(&[Kw::List, Kw::ListOf], k),
            );
        }
        Want::ItemType => {
            return format!(
                "`{{ fields }}`, a type, or a model named by {}",
                q(&[Kw::Uses], k)
            );
        }
        Want::FieldDecl => "a field `name: type`",
        Want::FieldValue => "a field `name: value`",
        Want::EnumValueOrClose => "a value name or `}`",
        Want::TrueOrFalse => {
            return format!("{} or {}", q(&[Kw::True], k), q(&[Kw::False], k));
        }
        Want::FullOrExcluded => {
            return format!("{} or {}", q(&[Kw::Full], k), q(&[Kw::Excluded], k));
        }
        Want::Jurisdiction => {
            return format!("{} or a province code in quotes", q(&[Kw::National], k));
        }
        Want::PointsOrOutcome => "points or an outcome such as `met`",
        Want::Band => {
            return format!(
                "points such as `5 {} ...`, {} or `}}`",
                Kw::When.spelling(k),
                q(&[Kw::Otherwise], k)
            );
        }
        Want::DeductMax => {
            return format!(
                "the most points it takes off, such as `5 {}`",
                Kw::Points.spelling(k)
            );
        }
    };
    text.to_string()
}

fn found(f: &Found) -> String {
    match f {
        Found::Token(t) => format!("`{}`", t),
        Found::Str => "a string".to_string(),
        Found::EndOfFile => "the end of the file".to_string(),
    }
}
