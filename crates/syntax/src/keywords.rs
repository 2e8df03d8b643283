//! Every keyword of the rule language, in English and in Vietnamese: the one table of
//! keyword spellings, read by the parser (both spellings, even mixed in one file) and written
//! by the formatter (one of them).
//!
//! How the Vietnamese forms were chosen: each reads aloud as an official would say the
//! statement (`chỉ tiêu U2.1 "…" 10 điểm`, `cho điểm theo tỷ lệ của a / b`, `đạt khi …`,
//! `xếp loại "Tốt" khi tổng điểm thuộc 85..`); no form equals another form or an English
//! keyword; the word operators (`và`, `hoặc`, `không`, `thuộc`, `mà`, `đúng`, `sai`, `nếu`,
//! `thì`, `ngược lại`) cannot name a field, as their English forms cannot. A form may be
//! several words (one or more spaces or tabs between them when read). Where a form is the
//! first words of a longer one (`khi` and `khi đạt`, `không` and `không có`, `điểm` and
//! `điểm sàn`), the longer one is read ("longest form first"); no valid rule has the shorter
//! form followed by the rest of the longer one.
//!
//! Two keywords share an English spelling and differ in Vietnamese, because one Vietnamese
//! word does not fit both places: `to` of `valid from … to …` (`đến`) and of `award
//! proportional to …` (`của`); `of` of `one of` (`trong`) and of `list of` (`gồm`).

/// The language keywords are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeywordLang {
    /// English keywords (`criterion`, `points`, `when`).
    En,
    /// Vietnamese keywords (`tiêu chí`, `điểm`, `khi`).
    Vi,
}

impl KeywordLang {
    /// The language named `en` or `vi`.
    pub fn from_name(name: &str) -> Option<KeywordLang> {
        match name.trim().to_ascii_lowercase().as_str() {
            "en" => Some(KeywordLang::En),
            "vi" => Some(KeywordLang::Vi),
            _ => None,
        }
    }
}

/// Declares [`Kw`] and the spellings of every keyword from one list: variant, English,
/// Vietnamese (NFC). The spellings are kept as two texts with `|` after each, and the place
/// where each ends (computed at compile time): smaller in the browser module than a table of
/// string slices.
macro_rules! keywords {
    ($($name:ident $en:literal $vi:literal,)*) => {
        /// A keyword or word operator of the rule language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Kw {
            $(
                #[doc = concat!("`", $en, "` — `", $vi, "`.")]
                $name,
            )*
        }

        /// Every keyword, in the order of the list.
        const ALL: &[Kw] = &[$(Kw::$name,)*];
        /// The English spellings, each followed by `|`.
        const EN: &str = concat!($($en, "|",)*);
        /// The Vietnamese spellings, each followed by `|`.
        const VI: &str = concat!($($vi, "|",)*);
    };
}

// The one table of keyword spellings: variant, English, Vietnamese.
keywords! {
    Model "model" "mô hình",
    Extends "extends" "kế thừa",
    English "english" "tên tiếng Anh",
    Version "version" "phiên bản",
    Source "source" "nguồn",
    Valid "valid" "hiệu lực",
    From "from" "từ",
    To "to" "đến",
    Jurisdiction "jurisdiction" "địa bàn",
    National "national" "toàn quốc",
    Max "max" "tối đa",
    Points "points" "điểm",
    Rounding "rounding" "làm tròn",
    Scope "scope" "phạm vi",
    Provisional "provisional" "tạm thời",
    Uses "uses" "sử dụng",
    Input "input" "đầu vào",
    Optional "optional" "không bắt buộc",
    En "en" "tiếng Anh",
    Bool "bool" "có/không",
    Int "int" "số nguyên",
    Decimal "decimal" "số thập phân",
    Text "text" "văn bản",
    Date "date" "ngày",
    One "one" "một",
    Of "of" "trong",
    List "list" "danh sách",
    ListOf "of" "gồm",
    Require "require" "yêu cầu",
    Let "let" "đặt",
    Criterion "criterion" "tiêu chí",
    Override "override" "điều chỉnh",
    Indicator "indicator" "chỉ tiêu",
    Deduct "deduct" "trừ",
    Floor "floor" "điểm sàn",
    Award "award" "cho điểm",
    Whole "whole" "trọn",
    When "when" "khi",
    Proportional "proportional" "theo tỷ lệ",
    ProportionalTo "to" "của",
    Bands "bands" "theo bậc",
    Otherwise "otherwise" "còn lại",
    Per "per" "cho mỗi",
    Value "value" "bằng",
    Pass "pass" "đạt",
    At "at" "ở",
    Level "level" "mức",
    Not "not" "không",
    Applicable "applicable" "áp dụng",
    Counts "counts" "tính",
    As "as" "là",
    Full "full" "đủ điểm",
    Excluded "excluded" "loại trừ",
    Reason "reason" "lý do",
    Met "met" "khi đạt",
    Partial "partial" "khi đạt một phần",
    Unmet "unmet" "khi chưa đạt",
    Recognized "recognized" "công nhận",
    Total "total" "tổng điểm",
    Each "each" "mỗi",
    Tier "tier" "xếp loại",
    Test "test" "kiểm thử",
    Expect "expect" "mong đợi",
    Status "status" "trạng thái",
    None "none" "không có",
    Error "error" "lỗi",
    Missing "missing" "thiếu",
    True "true" "đúng",
    False "false" "sai",
    And "and" "và",
    Or "or" "hoặc",
    In "in" "thuộc",
    Where "where" "mà",
    If "if" "nếu",
    Then "then" "thì",
    Else "else" "ngược lại",
}

/// How many keywords there are.
const COUNT: usize = ALL.len();
/// Where each English spelling ends in [`EN`].
const EN_ENDS: [u16; COUNT] = ends(EN);
/// Where each Vietnamese spelling ends in [`VI`].
const VI_ENDS: [u16; COUNT] = ends(VI);

/// The byte offset of each `|` in `text`, in order (evaluated at compile time only).
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of bounds fails the build, never a run"
)]
const fn ends(text: &str) -> [u16; COUNT] {
    let mut out = [0u16; COUNT];
    let bytes = text.as_bytes();
    let (mut at, mut n) = (0usize, 0usize);
    while at < bytes.len() {
        if bytes[at] == b'|' {
            out[n] = at as u16;
            n += 1;
        }
        at += 1;
    }
    out
}

/// Spelling number `i` in `text` (ends at `ends`).
fn nth(text: &'static str, ends: &[u16; COUNT], i: usize) -> &'static str {
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before).map_or(0, |e| usize::from(*e) + 1),
        None => 0,
    };
    let end = ends.get(i).map_or(0, |e| usize::from(*e));
    text.get(start..end).unwrap_or("")
}

/// The word operators: they cannot name a field or a value, in either spelling.
pub const RESERVED: &[Kw] = &[
    Kw::And,
    Kw::Or,
    Kw::Not,
    Kw::In,
    Kw::Where,
    Kw::True,
    Kw::False,
    Kw::If,
    Kw::Then,
    Kw::Else,
];

impl Kw {
    /// The spelling of this keyword in `lang`.
    pub fn spelling(self, lang: KeywordLang) -> &'static str {
        match lang {
            KeywordLang::En => self.english(),
            KeywordLang::Vi => self.vietnamese(),
        }
    }

    /// The English spelling (`criterion`).
    pub fn english(self) -> &'static str {
        nth(EN, &EN_ENDS, self as usize)
    }

    /// The Vietnamese spelling in Unicode NFC (`tiêu chí`).
    pub fn vietnamese(self) -> &'static str {
        nth(VI, &VI_ENDS, self as usize)
    }

    /// Every keyword, in the order of the table.
    pub fn all() -> impl Iterator<Item = Kw> {
        ALL.iter().copied()
    }
}

/// Spellings of the keywords in `phrase` in `lang`, joined by spaces (`not applicable`,
/// `không áp dụng`).
pub fn phrase(phrase: &[Kw], lang: KeywordLang) -> String {
    let mut out = String::new();
    for kw in phrase {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(kw.spelling(lang));
    }
    out
}

/// A snippet of rule text written with English keywords (`recognized when total >= N`,
/// `award proportional to ...`) with its keywords spelled in `lang`; other words, numbers,
/// symbols and quoted text are kept. `to` and `of` are told apart by the word before them
/// (`proportional to`, `one of`, `list of`).
pub fn translate(snippet: &str, lang: KeywordLang) -> String {
    if lang == KeywordLang::En {
        return snippet.to_string();
    }
    let mut out = String::with_capacity(snippet.len() + 16);
    let mut previous = "";
    let mut quoted = false;
    for (i, word) in snippet.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let kw = if quoted || word.starts_with('"') {
            None
        } else {
            match word {
                "to" if previous == "proportional" => Some(Kw::ProportionalTo),
                "of" if previous.starts_with("list") => Some(Kw::ListOf),
                _ => ALL.iter().copied().find(|k| k.english() == word),
            }
        };
        match kw {
            Some(kw) => out.push_str(kw.spelling(lang)),
            None => out.push_str(word),
        }
        quoted ^= word.matches('"').count() % 2 == 1;
        previous = word;
    }
    out
}

/// The longest keyword written at the start of `input` (no space before it), in either
/// spelling and in any Unicode form the parser reads: which keyword, the bytes it takes and
/// the language it is written in (for editors that colour keywords).
pub fn keyword_at(input: &str) -> Option<(Kw, usize, KeywordLang)> {
    let mut longest: Option<(Kw, usize, KeywordLang)> = None;
    for kw in Kw::all() {
        if let Some((n, lang)) = crate::parse::read_keyword(input, kw)
            && longest.is_none_or(|(_, m, _)| n > m)
        {
            longest = Some((kw, n, lang));
        }
    }
    longest
}

/// Every keyword's Vietnamese spelling.
pub(crate) fn vietnamese_forms() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|kw| kw.vietnamese())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_translated_keyword_by_keyword() {
        let vi = |s| translate(s, KeywordLang::Vi);
        assert_eq!(
            vi("recognized when total >= N"),
            "công nhận khi tổng điểm >= N"
        );
        assert_eq!(
            vi("award proportional to ..."),
            "cho điểm theo tỷ lệ của ..."
        );
        assert_eq!(
            vi("valid from 2020-01-01 to ..."),
            "hiệu lực từ 2020-01-01 đến ..."
        );
        assert_eq!(vi("one of"), "một trong");
        assert_eq!(vi("source \"to when\" max"), "nguồn \"to when\" tối đa");
        assert_eq!(translate("pass when ...", KeywordLang::En), "pass when ...");
    }

    #[test]
    fn every_keyword_has_both_spellings_in_order() {
        let en: Vec<&str> = EN.split_terminator('|').collect();
        let vi: Vec<&str> = VI.split_terminator('|').collect();
        assert_eq!((en.len(), vi.len()), (COUNT, COUNT));
        for (i, kw) in Kw::all().enumerate() {
            assert_eq!(kw as usize, i, "{kw:?}");
            assert_eq!(kw.english(), en[i]);
            assert_eq!(kw.vietnamese(), vi[i]);
        }
        assert_eq!(Kw::Model.english(), "model");
        assert_eq!(Kw::Else.vietnamese(), "ngược lại");
        assert!(usize::from(u16::MAX) > VI.len());
    }
}
