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

/// A keyword or word operator of the rule language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kw {
    /// `model` — `mô hình`.
    Model,
    /// `extends` — `kế thừa`.
    Extends,
    /// `english` — `tên tiếng Anh`.
    English,
    /// `version` — `phiên bản`.
    Version,
    /// `source` — `nguồn`.
    Source,
    /// `valid` — `hiệu lực`.
    Valid,
    /// `from` — `từ`.
    From,
    /// `to` of `valid from … to …` — `đến`.
    To,
    /// `jurisdiction` — `địa bàn`.
    Jurisdiction,
    /// `national` — `toàn quốc`.
    National,
    /// `max` — `tối đa`.
    Max,
    /// `points` — `điểm`.
    Points,
    /// `rounding` — `làm tròn`.
    Rounding,
    /// `scope` — `phạm vi`.
    Scope,
    /// `provisional` — `tạm thời`.
    Provisional,
    /// `uses` — `sử dụng`.
    Uses,
    /// `input` — `đầu vào`.
    Input,
    /// `optional` — `không bắt buộc`.
    Optional,
    /// `en` (an English label) — `tiếng Anh`.
    En,
    /// `bool` — `có/không`.
    Bool,
    /// `int` — `số nguyên`.
    Int,
    /// `decimal` — `số thập phân`.
    Decimal,
    /// `text` — `văn bản`.
    Text,
    /// `date` — `ngày`.
    Date,
    /// `one` of `one of` — `một`.
    One,
    /// `of` of `one of` — `trong`.
    Of,
    /// `list` — `danh sách`.
    List,
    /// `of` of `list of` — `gồm`.
    ListOf,
    /// `require` — `yêu cầu`.
    Require,
    /// `let` — `đặt`.
    Let,
    /// `criterion` — `tiêu chí`.
    Criterion,
    /// `override` — `điều chỉnh`.
    Override,
    /// `indicator` — `chỉ tiêu`.
    Indicator,
    /// `deduct` — `trừ`.
    Deduct,
    /// `floor` — `điểm sàn`.
    Floor,
    /// `award` — `cho điểm`.
    Award,
    /// `whole` — `trọn`.
    Whole,
    /// `when` — `khi`.
    When,
    /// `proportional` — `theo tỷ lệ`.
    Proportional,
    /// `to` of `proportional to` — `của`.
    ProportionalTo,
    /// `bands` — `theo bậc`.
    Bands,
    /// `otherwise` — `còn lại`.
    Otherwise,
    /// `per` — `cho mỗi`.
    Per,
    /// `value` — `bằng`.
    Value,
    /// `pass` — `đạt`.
    Pass,
    /// `at` — `ở`.
    At,
    /// `level` — `mức`.
    Level,
    /// `not` — `không`.
    Not,
    /// `applicable` — `áp dụng`.
    Applicable,
    /// `counts` — `tính`.
    Counts,
    /// `as` — `là`.
    As,
    /// `full` — `đủ điểm`.
    Full,
    /// `excluded` — `loại trừ`.
    Excluded,
    /// `reason` — `lý do`.
    Reason,
    /// `met` — `khi đạt`.
    Met,
    /// `partial` — `khi đạt một phần`.
    Partial,
    /// `unmet` — `khi chưa đạt`.
    Unmet,
    /// `recognized` — `công nhận`.
    Recognized,
    /// `total` — `tổng điểm`.
    Total,
    /// `each` — `mỗi`.
    Each,
    /// `tier` — `xếp loại`.
    Tier,
    /// `test` — `kiểm thử`.
    Test,
    /// `expect` — `mong đợi`.
    Expect,
    /// `status` — `trạng thái`.
    Status,
    /// `none` — `không có`.
    None,
    /// `error` — `lỗi`.
    Error,
    /// `missing` — `thiếu`.
    Missing,
    /// `true` — `đúng`.
    True,
    /// `false` — `sai`.
    False,
    /// `and` — `và`.
    And,
    /// `or` — `hoặc`.
    Or,
    /// `in` — `thuộc`.
    In,
    /// `where` — `mà`.
    Where,
    /// `if` — `nếu`.
    If,
    /// `then` — `thì`.
    Then,
    /// `else` — `ngược lại`.
    Else,
}

/// Every keyword with its English and Vietnamese spellings, in the order of [`Kw`] (entry
/// `k as usize` is `k`'s; a test checks it).
const TABLE: &[(Kw, &str, &str)] = &[
    (Kw::Model, "model", "mô hình"),
    (Kw::Extends, "extends", "kế thừa"),
    (Kw::English, "english", "tên tiếng Anh"),
    (Kw::Version, "version", "phiên bản"),
    (Kw::Source, "source", "nguồn"),
    (Kw::Valid, "valid", "hiệu lực"),
    (Kw::From, "from", "từ"),
    (Kw::To, "to", "đến"),
    (Kw::Jurisdiction, "jurisdiction", "địa bàn"),
    (Kw::National, "national", "toàn quốc"),
    (Kw::Max, "max", "tối đa"),
    (Kw::Points, "points", "điểm"),
    (Kw::Rounding, "rounding", "làm tròn"),
    (Kw::Scope, "scope", "phạm vi"),
    (Kw::Provisional, "provisional", "tạm thời"),
    (Kw::Uses, "uses", "sử dụng"),
    (Kw::Input, "input", "đầu vào"),
    (Kw::Optional, "optional", "không bắt buộc"),
    (Kw::En, "en", "tiếng Anh"),
    (Kw::Bool, "bool", "có/không"),
    (Kw::Int, "int", "số nguyên"),
    (Kw::Decimal, "decimal", "số thập phân"),
    (Kw::Text, "text", "văn bản"),
    (Kw::Date, "date", "ngày"),
    (Kw::One, "one", "một"),
    (Kw::Of, "of", "trong"),
    (Kw::List, "list", "danh sách"),
    (Kw::ListOf, "of", "gồm"),
    (Kw::Require, "require", "yêu cầu"),
    (Kw::Let, "let", "đặt"),
    (Kw::Criterion, "criterion", "tiêu chí"),
    (Kw::Override, "override", "điều chỉnh"),
    (Kw::Indicator, "indicator", "chỉ tiêu"),
    (Kw::Deduct, "deduct", "trừ"),
    (Kw::Floor, "floor", "điểm sàn"),
    (Kw::Award, "award", "cho điểm"),
    (Kw::Whole, "whole", "trọn"),
    (Kw::When, "when", "khi"),
    (Kw::Proportional, "proportional", "theo tỷ lệ"),
    (Kw::ProportionalTo, "to", "của"),
    (Kw::Bands, "bands", "theo bậc"),
    (Kw::Otherwise, "otherwise", "còn lại"),
    (Kw::Per, "per", "cho mỗi"),
    (Kw::Value, "value", "bằng"),
    (Kw::Pass, "pass", "đạt"),
    (Kw::At, "at", "ở"),
    (Kw::Level, "level", "mức"),
    (Kw::Not, "not", "không"),
    (Kw::Applicable, "applicable", "áp dụng"),
    (Kw::Counts, "counts", "tính"),
    (Kw::As, "as", "là"),
    (Kw::Full, "full", "đủ điểm"),
    (Kw::Excluded, "excluded", "loại trừ"),
    (Kw::Reason, "reason", "lý do"),
    (Kw::Met, "met", "khi đạt"),
    (Kw::Partial, "partial", "khi đạt một phần"),
    (Kw::Unmet, "unmet", "khi chưa đạt"),
    (Kw::Recognized, "recognized", "công nhận"),
    (Kw::Total, "total", "tổng điểm"),
    (Kw::Each, "each", "mỗi"),
    (Kw::Tier, "tier", "xếp loại"),
    (Kw::Test, "test", "kiểm thử"),
    (Kw::Expect, "expect", "mong đợi"),
    (Kw::Status, "status", "trạng thái"),
    (Kw::None, "none", "không có"),
    (Kw::Error, "error", "lỗi"),
    (Kw::Missing, "missing", "thiếu"),
    (Kw::True, "true", "đúng"),
    (Kw::False, "false", "sai"),
    (Kw::And, "and", "và"),
    (Kw::Or, "or", "hoặc"),
    (Kw::In, "in", "thuộc"),
    (Kw::Where, "where", "mà"),
    (Kw::If, "if", "nếu"),
    (Kw::Then, "then", "thì"),
    (Kw::Else, "else", "ngược lại"),
];

/// The word operators: they cannot name a field or a value, in either spelling.
pub(crate) const RESERVED: &[Kw] = &[
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
        TABLE.get(self as usize).map_or("", |e| e.1)
    }

    /// The Vietnamese spelling in Unicode NFC (`tiêu chí`).
    pub fn vietnamese(self) -> &'static str {
        TABLE.get(self as usize).map_or("", |e| e.2)
    }

    /// Every keyword, in the order of the table.
    pub fn all() -> impl Iterator<Item = Kw> {
        TABLE.iter().map(|e| e.0)
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

/// Every keyword's Vietnamese spelling.
pub(crate) fn vietnamese_forms() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|e| e.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_enum() {
        for (i, (kw, _, _)) in TABLE.iter().enumerate() {
            assert_eq!(*kw as usize, i, "{kw:?}");
        }
        assert_eq!(Kw::all().count(), Kw::Else as usize + 1);
    }
}
