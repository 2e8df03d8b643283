//! English messages of syntax errors (the style: `MESSAGES.md`).

use super::{Texts, fill, join_alternatives};
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
            fill("@ is written twice here", &[what], k),
            fill("keep a single @ statement in this block", &[what], k),
        ),
        ParseErrorKind::TooDeep { what, limit } => {
            let thing = match what {
                Nest::Expression => "an expression",
                Nest::Type => "a type",
                Nest::Value => "a value",
            };
            let help = match what {
                Nest::Expression => fill("split it with @", &[&[Kw::Let]], k),
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
            fill(
                "split it into smaller files joined with @ or @",
                &[&[Kw::Extends], &[Kw::Uses]],
                k,
            ),
        ),
    }
}

/// What the parser would have accepted, keywords in `k`.
pub fn want(w: Want, k: KeywordLang) -> String {
    let (template, phrases): (&str, &[&[Kw]]) = match w {
        Want::Token(t) => return format!("`{}`", t),
        Want::Keyword(kw) => return fill("@", &[&[kw]], k),
        Want::Keywords(kws) => return fill("@", &[kws], k),
        Want::EndOfFile => ("the end of the file", &[]),
        Want::Name => ("a name", &[]),
        Want::Id => ("an id such as `U1` or `U2.1`", &[]),
        Want::Number => ("a number", &[]),
        Want::Date => ("a date such as 2024-12-31", &[]),
        Want::Str => ("a string in double quotes", &[]),
        Want::MessageStr => ("a message in double quotes", &[]),
        Want::Operand => ("a value (a number, a name, a string or `(`)", &[]),
        Want::TestValue => (
            "a value (@, a number, a date, a string, a word or @)",
            &[&[Kw::True], &[Kw::Missing]],
        ),
        Want::Type => (
            "a type (@, @, @, @, @, `^ { ... }` or `^ ...`)",
            &[
                &[Kw::Bool],
                &[Kw::Int],
                &[Kw::Decimal],
                &[Kw::Text],
                &[Kw::Date],
                &[Kw::One, Kw::Of],
                &[Kw::List, Kw::ListOf],
            ],
        ),
        Want::ItemType => (
            "`{ fields }`, a type, or a model named by @",
            &[&[Kw::Uses]],
        ),
        Want::FieldDecl => ("a field `name: type`", &[]),
        Want::FieldValue => ("a field `name: value`", &[]),
        Want::EnumValueOrClose => ("a value name or `}`", &[]),
        Want::TrueOrFalse => ("@ or @", &[&[Kw::True], &[Kw::False]]),
        Want::FullOrExcluded => ("@ or @", &[&[Kw::Full], &[Kw::Excluded]]),
        Want::Jurisdiction => ("@ or a province code in quotes", &[&[Kw::National]]),
        Want::PointsOrOutcome => ("points or an outcome such as `met`", &[]),
        Want::Band => (
            "points such as `5 ^ ...`, @ or `}`",
            &[&[Kw::When], &[Kw::Otherwise]],
        ),
        Want::DeductMax => (
            "the most points it takes off, such as `5 ^`",
            &[&[Kw::Points]],
        ),
    };
    fill(template, phrases, k)
}

fn found(f: &Found) -> String {
    match f {
        Found::Token(t) => format!("`{}`", t),
        Found::Str => "a string".to_string(),
        Found::EndOfFile => "the end of the file".to_string(),
    }
}
