//! The syntax stage's message catalogues, one per language: every syntax error's message and
//! help line. The checker's are in `tieuchi-core` (`check/catalog`), in the same shape.

pub mod en;
pub mod vi;

use std::borrow::Cow;

use crate::keywords::{KeywordLang, Kw, phrase};

/// A problem's message and help line in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    /// What is wrong, in one line.
    pub message: Cow<'static, str>,
    /// What to do about it, in one line.
    pub help: Cow<'static, str>,
}

impl Texts {
    /// Texts from a message and a help line: fixed texts are borrowed, not copied (with a
    /// copy made in each of the catalogues' arms, the two of them took 4 KB more of the
    /// gzipped browser module; measured).
    pub fn new(message: impl Into<Cow<'static, str>>, help: impl Into<Cow<'static, str>>) -> Self {
        Texts {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// `template` with its keywords filled in, spelled in `lang`: each `@` is the next phrase of
/// `phrases` in backquotes (`` `not applicable` ``, `` `không áp dụng` ``), each `^` the next
/// one bare (inside a longer quote: `` `5 ^ ...` ``). One function instead of a `format!` per
/// message keeps the browser module small.
pub fn fill(template: &str, phrases: &[&[Kw]], lang: KeywordLang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = phrases.iter();
    for c in template.chars() {
        match c {
            '@' | '^' => {
                let quoted = c == '@';
                if quoted {
                    out.push('`');
                }
                out.push_str(&phrase(next.next().copied().unwrap_or(&[]), lang));
                if quoted {
                    out.push('`');
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `a`, `a or b`, `a, b or c`: alternatives joined by `or`, the word of a language.
pub fn join_alternatives(items: &[String], or: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
    }
}
