//! Messages for rule authors in Vietnamese and English, and the language they are shown in.
//!
//! Every message is written twice, once in each language's catalogue (`catalog/vi.rs` and
//! `catalog/en.rs` of the stage that finds the problem), and carried as a [`Message`]; the
//! front ends pick the language when they print it. The style the catalogues follow is in
//! `MESSAGES.md` at the root of the repository.

use std::borrow::Cow;
use std::fmt;

/// The language messages are shown in: both (Vietnamese first, English after it in
/// parentheses, the default), Vietnamese only, or English only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// `tiếng Việt (English)`.
    #[default]
    Both,
    /// Vietnamese only.
    Vi,
    /// English only.
    En,
}

impl Lang {
    /// The language named `vi`, `en` or `both` (also `vi-en`), case ignored.
    pub fn from_name(name: &str) -> Option<Lang> {
        match name.trim().to_ascii_lowercase().as_str() {
            "both" | "vi-en" | "vi+en" => Some(Lang::Both),
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message {
    /// The Vietnamese text, with full diacritics.
    pub vi: String,
    /// The English text.
    pub en: String,
}

impl Message {
    /// A message from its Vietnamese and English texts.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`: with [`Lang::Both`], `vi (en)`, or the text once when both
    /// are the same (a quoted name, a number).
    pub fn show(&self, lang: Lang) -> Cow<'_, str> {
        match lang {
            Lang::Vi => Cow::Borrowed(&self.vi),
            Lang::En => Cow::Borrowed(&self.en),
            Lang::Both if self.vi == self.en || self.en.is_empty() => Cow::Borrowed(&self.vi),
            Lang::Both => Cow::Owned(format!("{} ({})", self.vi, self.en)),
        }
    }
}

impl fmt::Display for Message {
    /// Both languages, as [`Message::show`] with [`Lang::Both`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.show(Lang::Both))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_each_language() {
        let m = Message::new("tên chưa khai báo `x`", "unknown name `x`");
        assert_eq!(m.show(Lang::Vi), "tên chưa khai báo `x`");
        assert_eq!(m.show(Lang::En), "unknown name `x`");
        assert_eq!(
            m.show(Lang::Both),
            "tên chưa khai báo `x` (unknown name `x`)"
        );
        assert_eq!(Message::new("`x`", "`x`").show(Lang::Both), "`x`");
    }

    #[test]
    fn names_languages() {
        assert_eq!(Lang::from_name("VI"), Some(Lang::Vi));
        assert_eq!(Lang::from_name("en"), Some(Lang::En));
        assert_eq!(Lang::from_name("both"), Some(Lang::Both));
        assert_eq!(Lang::from_name("fr"), None);
    }
}
