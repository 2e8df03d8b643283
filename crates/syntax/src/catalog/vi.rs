//! Vietnamese messages of syntax errors (the style: `MESSAGES.md`).

use super::{Texts, join_alternatives};
use crate::error::{Found, Nest, ParseErrorKind, Want};
use crate::limits::MAX_RULE_FILE_BYTES;

/// The message and help line of a syntax error.
pub fn parse_error(kind: &ParseErrorKind) -> Texts {
    match kind {
        ParseErrorKind::Unexpected { expected, found } => {
            let list: Vec<String> = expected.iter().map(|w| want(*w)).collect();
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
            format!("câu lệnh `{}` được viết hai lần", what),
            format!("chỉ giữ một câu lệnh `{}` trong khối này", what),
        ),
        ParseErrorKind::TooDeep { what, limit } => {
            let (thing, help) = match what {
                Nest::Expression => ("biểu thức", "tách biểu thức bằng `let`"),
                Nest::Type => ("kiểu", "làm phẳng dữ liệu: ít tầng lồng nhau hơn"),
                Nest::Value => ("giá trị", "làm phẳng dữ liệu: ít tầng lồng nhau hơn"),
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
            "chia thành nhiều tệp nhỏ hơn, nối với nhau bằng `extends` hoặc `uses`",
        ),
    }
}

/// What the parser would have accepted.
pub fn want(w: Want) -> String {
    let text = match w {
        Want::Token(t) => return format!("`{}`", t),
        Want::EndOfFile => "hết tệp",
        Want::Name => "một tên",
        Want::Id => "một mã như `U1` hoặc `U2.1`",
        Want::Number => "một số",
        Want::Date => "một ngày dạng 2024-12-31",
        Want::Str => "một chuỗi trong dấu ngoặc kép",
        Want::MessageStr => "một thông báo trong dấu ngoặc kép",
        Want::Operand => "một giá trị (số, tên, chuỗi hoặc `(`)",
        Want::TestValue => "một giá trị (`true`, số, ngày, chuỗi, từ hoặc `missing`)",
        Want::Type => {
            "một kiểu (`bool`, `int`, `decimal`, `text`, `date`, `one of { ... }` hoặc `list of ...`)"
        }
        Want::ItemType => "`{ fields }`, một kiểu, hoặc tên một mô hình khai báo bằng `uses`",
        Want::FieldDecl => "một trường `tên: kiểu`",
        Want::FieldValue => "một trường `tên: giá trị`",
        Want::EnumValueOrClose => "tên một giá trị hoặc `}`",
        Want::TrueOrFalse => "`true` hoặc `false`",
        Want::FullOrExcluded => "`full` hoặc `excluded`",
        Want::Jurisdiction => "`national` hoặc mã tỉnh trong dấu ngoặc kép",
        Want::PointsOrOutcome => "số điểm hoặc một kết quả như `met`",
        Want::Band => "điểm của một mức như `5 when ...`, `otherwise` hoặc `}`",
        Want::DeductMax => "số điểm trừ tối đa, như `5 points`",
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
