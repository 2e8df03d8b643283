//! Vietnamese messages of syntax errors (the style: `MESSAGES.md`).

use super::{Texts, join_alternatives, keywords as q};
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
            format!("câu lệnh {} được viết hai lần", q(what, k)),
            format!("chỉ giữ một câu lệnh {} trong khối này", q(what, k)),
        ),
        ParseErrorKind::TooDeep { what, limit } => {
            let thing = match what {
                Nest::Expression => "biểu thức",
                Nest::Type => "kiểu",
                Nest::Value => "giá trị",
            };
            let help = match what {
                Nest::Expression => format!("tách biểu thức bằng {}", q(&[Kw::Let], k)),
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
            format!(
                "chia thành nhiều tệp nhỏ hơn, nối với nhau bằng {} hoặc {}",
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
        Want::EndOfFile => "hết tệp",
        Want::Name => "một tên",
        Want::Id => "một mã như `U1` hoặc `U2.1`",
        Want::Number => "một số",
        Want::Date => "một ngày dạng 2024-12-31",
        Want::Str => "một chuỗi trong dấu ngoặc kép",
        Want::MessageStr => "một thông báo trong dấu ngoặc kép",
        Want::Operand => "một giá trị (số, tên, chuỗi hoặc `(`)",
        Want::TestValue => {
            return format!(
                "một giá trị ({}, số, ngày, chuỗi, từ hoặc {})",
                q(&[Kw::True], k),
                q(&[Kw::Missing], k)
            );
        }
        Want::Type => {
            return format!(
                "một kiểu ({}, {}, {}, {}, {}, `{} {{ ... }}` hoặc `{} ...`)",
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
                "`{{ fields }}`, một kiểu, hoặc tên một mô hình khai báo bằng {}",
                q(&[Kw::Uses], k)
            );
        }
        Want::FieldDecl => "một trường `tên: kiểu`",
        Want::FieldValue => "một trường `tên: giá trị`",
        Want::EnumValueOrClose => "tên một giá trị hoặc `}`",
        Want::TrueOrFalse => {
            return format!("{} hoặc {}", q(&[Kw::True], k), q(&[Kw::False], k));
        }
        Want::FullOrExcluded => {
            return format!("{} hoặc {}", q(&[Kw::Full], k), q(&[Kw::Excluded], k));
        }
        Want::Jurisdiction => {
            return format!("{} hoặc mã tỉnh trong dấu ngoặc kép", q(&[Kw::National], k));
        }
        Want::PointsOrOutcome => "số điểm hoặc một kết quả như `met`",
        Want::Band => {
            return format!(
                "điểm của một mức như `5 {} ...`, {} hoặc `}}`",
                Kw::When.spelling(k),
                q(&[Kw::Otherwise], k)
            );
        }
        Want::DeductMax => {
            return format!("số điểm trừ tối đa, như `5 {}`", Kw::Points.spelling(k));
        }
    };
    text.to_string()
}

fn found(f: &Found) -> String {
    match f {
        Found::Token(t) => format!("`{}`", t),
        Found::Str => "một chuỗi".to_string(),
        Found::EndOfFile => "hết tệp".to_string(),
    }
}
