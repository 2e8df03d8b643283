//! English messages of syntax errors (the style: `MESSAGES.md`).

use super::{Texts, join_alternatives};
use crate::error::{Found, Nest, ParseErrorKind, Want};
use crate::limits::MAX_RULE_FILE_BYTES;

/// The message and help line of a syntax error.
pub fn parse_error(kind: &ParseErrorKind) -> Texts {
    match kind {
        ParseErrorKind::Unexpected { expected, found } => {
            let list: Vec<String> = expected.iter().map(|w| want(*w)).collect();
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
            format!("`{}` is written twice here", what),
            format!("keep a single `{}` statement in this block", what),
        ),
        ParseErrorKind::TooDeep { what, limit } => {
            let (thing, help) = match what {
                Nest::Expression => ("an expression", "split it with `let`"),
                Nest::Type => ("a type", "flatten the data: fewer nested levels"),
                Nest::Value => ("a value", "flatten the data: fewer nested levels"),
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
            "split it into smaller files joined with `extends` or `uses`",
        ),
    }
}

/// What the parser would have accepted.
pub fn want(w: Want) -> String {
    let text = match w {
        Want::Token(t) => return format!("`{}`", t),
        Want::EndOfFile => "the end of the file",
        Want::Name => "a name",
        Want::Id => "an id such as `U1` or `U2.1`",
        Want::Number => "a number",
        Want::Date => "a date such as 2024-12-31",
        Want::Str => "a string in double quotes",
        Want::MessageStr => "a message in double quotes",
        Want::Operand => "a value (a number, a name, a string or `(`)",
        Want::TestValue => "a value (`true`, a number, a date, a string, a word or `missing`)",
        Want::Type => {
            "a type (`bool`, `int`, `decimal`, `text`, `date`, `one of { ... }` or `list of ...`)"
        }
        Want::ItemType => "`{ fields }`, a type, or a model named by `uses`",
        Want::FieldDecl => "a field `name: type`",
        Want::FieldValue => "a field `name: value`",
        Want::EnumValueOrClose => "a value name or `}`",
        Want::TrueOrFalse => "`true` or `false`",
        Want::FullOrExcluded => "`full` or `excluded`",
        Want::Jurisdiction => "`national` or a province code in quotes",
        Want::PointsOrOutcome => "points or an outcome such as `met`",
        Want::Band => "points such as `5 when ...`, `otherwise` or `}`",
        Want::DeductMax => "the most points it takes off, such as `5 points`",
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
