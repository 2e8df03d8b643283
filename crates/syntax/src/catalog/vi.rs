//! Vietnamese messages of syntax errors (the style: `MESSAGES.md`).

use super::{Texts, fill, join_alternatives};
use crate::error::{Found, Nest, ParseErrorKind, Want};
use crate::keywords::{KeywordLang, Kw};
use crate::limits::MAX_RULE_FILE_BYTES;

/// The message and help line of a syntax error; keywords are quoted in `keywords`, the
/// language of the file's keywords (when not known, in this catalogue's language).
pub fn parse_error(kind: &ParseErrorKind, keywords: Option<KeywordLang>) -> Texts {
    let k = keywords.unwrap_or(KeywordLang::Vi);
    match kind {
        ParseErrorKind::Unexpected { expected, found } => {
            let list: Vec<String> = expected.iter().map(|w| want(*w, k)).collect();
            let list = join_alternatives(&list, "hoặc");
            let found = self::found(found);
            if list.is_empty() {
                Texts::new(
                    format!("không hiểu {} ở đây", found),
                    "xoá hoặc viết lại phần này; xem hướng dẫn ngôn ngữ trong README.md",
                )
            } else {
                Texts::new(
                    format!("cần {} ở đây, nhưng gặp {}", list, found),
                    format!("viết {} vào đây", list),
                )
            }
        }
        ParseErrorKind::UnterminatedString => Texts::new(
            "chuỗi này chưa được đóng",
            "kết thúc chuỗi bằng `\"` trên cùng dòng",
        ),
        ParseErrorKind::UnclosedBlock => {
            Texts::new("khối này chưa được đóng", "thêm dấu `}` tương ứng")
        }
        ParseErrorKind::InvalidEscape(c) => Texts::new(
            format!("cách viết `\\{}` trong chuỗi không hợp lệ", c),
            "dùng `\\\"`, `\\\\`, `\\n`, `\\{` hoặc `\\}`",
        ),
        ParseErrorKind::UnclosedHole => Texts::new(
            "dấu `{` trong thông báo chưa được đóng",
            "đóng tên giá trị bằng `}`, hoặc viết `\\{` nếu muốn in dấu `{`",
        ),
        ParseErrorKind::Repeated(what) => Texts::new(
            fill("câu lệnh @ được viết hai lần", &[what], k),
            fill("chỉ giữ một câu lệnh @ trong khối này", &[what], k),
        ),
        ParseErrorKind::TooDeep { what, limit } => {
            let thing = match what {
                Nest::Expression => "biểu thức",
                Nest::Type => "kiểu",
                Nest::Value => "giá trị",
            };
            let help = match what {
                Nest::Expression => fill("tách biểu thức bằng @", &[&[Kw::Let]], k),
                Nest::Type | Nest::Value => "làm phẳng dữ liệu: ít tầng lồng nhau hơn".to_string(),
            };
            Texts::new(
                format!("lồng quá sâu: {} sâu hơn {} tầng", thing, limit),
                help,
            )
        }
        ParseErrorKind::TooLarge { size } => Texts::new(
            format!(
                "tệp quy tắc quá lớn: {} byte, tối đa {} byte",
                size, MAX_RULE_FILE_BYTES
            ),
            fill(
                "chia thành nhiều tệp nhỏ hơn, nối với nhau bằng @ hoặc @",
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
        Want::EndOfFile => ("hết tệp", &[]),
        Want::Name => ("một tên", &[]),
        Want::Id => ("một mã như `U1` hoặc `U2.1`", &[]),
        Want::Number => ("một số", &[]),
        Want::Date => ("một ngày dạng 2024-12-31", &[]),
        Want::Str => ("một chuỗi trong dấu ngoặc kép", &[]),
        Want::MessageStr => ("một thông báo trong dấu ngoặc kép", &[]),
        Want::Operand => ("một giá trị (số, tên, chuỗi hoặc `(`)", &[]),
        Want::TestValue => (
            "một giá trị (@, số, ngày, chuỗi, từ hoặc @)",
            &[&[Kw::True], &[Kw::Missing]],
        ),
        Want::Type => (
            "một kiểu (@, @, @, @, @, `^ { ... }` hoặc `^ ...`)",
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
            "`{ fields }`, một kiểu, hoặc tên một mô hình khai báo bằng @",
            &[&[Kw::Uses]],
        ),
        Want::FieldDecl => ("một trường `tên: kiểu`", &[]),
        Want::FieldValue => ("một trường `tên: giá trị`", &[]),
        Want::EnumValueOrClose => ("tên một giá trị hoặc `}`", &[]),
        Want::TrueOrFalse => ("@ hoặc @", &[&[Kw::True], &[Kw::False]]),
        Want::FullOrExcluded => ("@ hoặc @", &[&[Kw::Full], &[Kw::Excluded]]),
        Want::Jurisdiction => ("@ hoặc mã tỉnh trong dấu ngoặc kép", &[&[Kw::National]]),
        Want::PointsOrOutcome => ("số điểm hoặc một kết quả như `met`", &[]),
        Want::Band => (
            "điểm của một mức như `5 ^ ...`, @ hoặc `}`",
            &[&[Kw::When], &[Kw::Otherwise]],
        ),
        Want::DeductMax => ("số điểm trừ tối đa, như `5 ^`", &[&[Kw::Points]]),
    };
    fill(template, phrases, k)
}

fn found(f: &Found) -> String {
    match f {
        Found::Token(t) => format!("`{}`", t),
        Found::Str => "một chuỗi".to_string(),
        Found::EndOfFile => "hết tệp".to_string(),
    }
}
