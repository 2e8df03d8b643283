//! Vietnamese messages of the checker (the style: `MESSAGES.md`).

use tieuchi_syntax::catalog::Texts;

use crate::check::error::{
    CheckError, Divisor, Invalid, Kind, Link, Style, TestFailure, Thing, Threshold, TierOrder,
    ValueRange,
};

/// The message and help line of a checker problem.
pub fn check_error(e: &CheckError) -> Texts {
    match e {
        CheckError::UnknownName {
            name,
            what,
            suggestion,
        } => Texts::new(
            format!("không tìm thấy {} `{}`", thing(*what), name),
            match suggestion {
                Some(s) => format!("có phải là `{}` không?", s),
                None => format!("khai báo `{}` trước, hoặc kiểm tra lại chính tả", name),
            },
        ),
        CheckError::TypeMismatch { expected, found } => Texts::new(
            format!("ở đây cần {}, nhưng đây là {}", kind(expected), kind(found)),
            "sửa biểu thức cho đúng kiểu cần dùng",
        ),
        CheckError::Duplicate { what, name, .. } => Texts::new(
            format!("{} `{}` được khai báo hai lần", thing(*what), name),
            "đổi tên hoặc bỏ một trong hai",
        ),
        CheckError::CriterionSum { id, declared, sum } => Texts::new(
            format!(
                "các chỉ tiêu của `{}` cộng lại được {} điểm, nhưng `{}` ghi {} điểm",
                id, sum, id, declared
            ),
            "sửa điểm tối đa của các chỉ tiêu cho cộng lại bằng điểm tối đa của tiêu chí",
        ),
        CheckError::ModelSum { declared, sum } => Texts::new(
            format!(
                "các tiêu chí cộng lại được {} điểm, nhưng mô hình ghi \u{1}max {} points\u{2}",
                sum, declared
            ),
            "sửa điểm tối đa của các tiêu chí cho cộng lại bằng điểm tối đa của mô hình",
        ),
        CheckError::Unreachable { what, value, max } => Texts::new(
            format!(
                "{} là {}, cao hơn {} điểm có thể đạt",
                threshold(what),
                value,
                max
            ),
            format!("hạ xuống tối đa {}", max),
        ),
        CheckError::TierOverlap { other, .. } => Texts::new(
            format!("mức xếp loại này trùng một phần với mức \"{}\"", other),
            "mỗi tổng điểm phải thuộc đúng một mức; dùng `..<` để không lấy cận trên",
        ),
        CheckError::TierOrder(t) => Texts::new(
            tier_order(t),
            "liệt kê các mức từ cao xuống thấp, cùng nhau phủ từ 0 đến điểm tối đa",
        ),
        CheckError::NoAward {
            id,
            by_levels: false,
        } => Texts::new(
            format!("chỉ tiêu `{}` chưa có quy tắc cho điểm \u{1}award\u{2}", id),
            "thêm \u{1}award whole when ...\u{2}, \u{1}award proportional to ...\u{2}, \u{1}award bands { ... }\u{2}, \u{1}award deduct N per ...\u{2} hoặc \u{1}award value ...\u{2}",
        ),
        CheckError::NoAward {
            id,
            by_levels: true,
        } => Texts::new(
            format!(
                "chỉ tiêu `{}` chưa có điều kiện đạt mức 1 \u{1}pass when\u{2}",
                id
            ),
            "thêm \u{1}pass when ...\u{2}; mức cao hơn có thể thêm \u{1}pass at level 2 when ...\u{2}",
        ),
        CheckError::NoDecision => Texts::new(
            "mô hình không có quy tắc nào quyết định công nhận",
            "thêm \u{1}recognized when total >= N\u{2} hoặc các mức xếp loại có ghi \u{1}recognized\u{2}",
        ),
        CheckError::InvalidLiteral(l) => literal(l),
        CheckError::MissingHeader { statement } => Texts::new(
            format!("mô hình thiếu câu lệnh \u{1}{}\u{2}", statement),
            format!("thêm \u{1}{} ...\u{2} vào phần đầu của mô hình", statement),
        ),
        CheckError::NoSource { id } => Texts::new(
            format!("`{}` không dẫn nguồn văn bản nào", id),
            "thêm \u{1}source \"văn bản, điều khoản\"\u{2}, hoặc \u{1}provisional \"lý do\"\u{2} khi chưa có văn bản chính thức",
        ),
        CheckError::FromLoop { test, chain } => Texts::new(
            format!(
                "bài kiểm thử \"{}\" qua \u{1}from\u{2} lại bắt đầu từ chính nó: {}",
                test,
                quoted_chain(chain)
            ),
            "cho chuỗi \u{1}from\u{2} kết thúc ở một bài kiểm thử không có \u{1}from\u{2}",
        ),
        CheckError::BadLink(l) => link(l),
        CheckError::ScoringStyle(s) => style(s),
        CheckError::PointsOverflow { within } => Texts::new(
            format!(
                "tổng điểm của {} vượt quá số lớn nhất bộ máy lưu được, khoảng 7,9×10²⁸",
                match within {
                    Some(id) => format!("các chỉ tiêu của `{id}`"),
                    None => "các tiêu chí của mô hình".to_string(),
                }
            ),
            "dùng số điểm nhỏ hơn",
        ),
        CheckError::ZeroDivisor(Divisor::Field(name)) => Texts::new(
            format!(
                "số chia có thể bằng 0: miền giá trị của trường `{}` gồm cả 0; bản ghi có {} = 0 sẽ bị báo lỗi R012",
                name, name
            ),
            format!(
                "khai báo miền giá trị 1.. cho trường `{}`, hoặc viết \u{1}if {} == 0 then … else …\u{2}",
                name, name
            ),
        ),
        CheckError::ZeroDivisor(_) => reasoning(e),
        CheckError::Repeated { statement, .. } => Texts::new(
            format!(
                "câu lệnh \u{1}{statement}\u{2} được viết hai lần: chỉ lần viết sau có tác dụng"
            ),
            format!("giữ một câu lệnh \u{1}{statement}\u{2} và xoá câu còn lại"),
        ),
        CheckError::NeverHolds { .. }
        | CheckError::AlwaysHolds { .. }
        | CheckError::ShadowedBand { .. }
        | CheckError::Unsatisfiable { .. }
        | CheckError::NoTotalReaches { .. }
        | CheckError::Unused { .. } => reasoning(e),
        CheckError::Provisional { id, why } => Texts::new(
            format!("`{}` là tạm thời: {}", id, why),
            "thay bằng quy định chính thức khi có văn bản",
        ),
    }
}

/// `: giá trị so sánh chỉ từ 0 đến 10`, when the compared range is known.
fn because(why: Option<&ValueRange>) -> String {
    let Some(r) = why else {
        return String::new();
    };
    let range = match (&r.lo, &r.hi) {
        (Some(lo), Some(hi)) if lo == hi => format!("luôn bằng {lo}"),
        (Some(lo), Some(hi)) => format!("chỉ từ {lo} đến {hi}"),
        (Some(lo), None) => format!("chỉ từ {lo} trở lên"),
        (None, Some(hi)) => format!("chỉ từ {hi} trở xuống"),
        (None, None) => return String::new(),
    };
    format!(": giá trị được so sánh {range}")
}

/// `; tổng điểm gần nhất có thể đạt: 80 và 90`.
fn nearest(below: Option<&str>, above: Option<&str>) -> String {
    match (below, above) {
        (Some(b), Some(a)) => format!("; tổng điểm gần nhất có thể đạt: {b} và {a}"),
        (Some(t), None) | (None, Some(t)) => format!("; tổng điểm gần nhất có thể đạt: {t}"),
        (None, None) => String::new(),
    }
}

/// `nhận giá trị từ -10 đến 10`: the values a divisor takes.
fn takes(r: &ValueRange) -> String {
    match (&r.lo, &r.hi) {
        (Some(lo), Some(hi)) => format!("nhận giá trị từ {lo} đến {hi}"),
        (Some(lo), None) => format!("nhận giá trị từ {lo} trở lên"),
        (None, Some(hi)) => format!("nhận giá trị từ {hi} trở xuống"),
        (None, None) => "có thể nhận mọi giá trị".to_string(),
    }
}

/// The problems found by reasoning about values (C019 on a divisor that is not a plain field,
/// C021–C026); without it (the browser's forms module) they are never found, and their texts
/// are left out of the module.
fn reasoning(e: &CheckError) -> Texts {
    if !crate::check::AUTHORING {
        return Texts::new("", "");
    }
    match e {
        CheckError::ZeroDivisor(Divisor::Values(r)) => Texts::new(
            format!(
                "số chia có thể bằng 0: theo miền giá trị đã khai báo, nó {}; bản ghi làm nó bằng 0 sẽ bị báo lỗi R012",
                takes(r)
            ),
            "viết \u{1}if … == 0 then … else …\u{2} với chính số chia này, hoặc sửa miền giá trị đã khai báo của các trường nó dùng",
        ),
        CheckError::ZeroDivisor(Divisor::Count) => Texts::new(
            "số chia có thể bằng 0: danh sách được đếm có thể không có phần tử nào; bản ghi có danh sách rỗng sẽ bị báo lỗi R012",
            "khai báo `list(1..)` nếu danh sách luôn có phần tử, viết \u{1}if count(…) == 0 then … else …\u{2}, hoặc dùng `share(danh sách, điều kiện)` nếu đây là một tỷ lệ",
        ),
        CheckError::NeverHolds { why } => Texts::new(
            format!("điều kiện này không bao giờ đúng{}", because(why.as_ref())),
            "sửa ngưỡng so sánh, hoặc sửa miền giá trị đã khai báo của trường",
        ),
        CheckError::AlwaysHolds { why } => Texts::new(
            format!("điều kiện này luôn đúng{}", because(why.as_ref())),
            "sửa ngưỡng so sánh nếu điều kiện cần loại trừ một số trường hợp, hoặc bỏ điều kiện",
        ),
        CheckError::ShadowedBand { by, .. } => Texts::new(
            format!(
                "mức điểm này không bao giờ được áp dụng: mọi trường hợp của nó đã thuộc mức thứ {by} ở trên"
            ),
            "các mức được xét từ trên xuống, mức đầu tiên đúng được chọn: đặt mức chặt hơn lên trước",
        ),
        CheckError::Unsatisfiable { why } => Texts::new(
            format!(
                "mọi bản ghi sẽ bị từ chối: không bản ghi nào thoả được điều kiện \u{1}require\u{2} này{}",
                because(why.as_ref())
            ),
            "sửa điều kiện, hoặc sửa miền giá trị đã khai báo của các trường",
        ),
        CheckError::NoTotalReaches { tier, below, above } => Texts::new(
            format!(
                "không tổng điểm nào các chỉ tiêu có thể cho rơi vào {}{}",
                match tier {
                    Some(t) => format!("mức xếp loại \"{t}\""),
                    None => "ngưỡng công nhận".to_string(),
                },
                nearest(below.as_deref(), above.as_deref())
            ),
            "sửa khoảng điểm của mức, hoặc cách cho điểm của các chỉ tiêu",
        ),
        CheckError::Unused { is_let, name } => Texts::new(
            if *is_let {
                format!("giá trị \u{1}let {name}\u{2} không được dùng ở đâu")
            } else {
                format!("trường `{name}` không được dùng trong quy tắc nào")
            },
            "dùng nó trong một điều kiện hay cách tính điểm, hoặc xoá nó",
        ),
        _ => Texts::new("", ""),
    }
}

/// The text under a secondary underline, for problems that have one.
pub fn label(e: &CheckError) -> Option<String> {
    match e {
        CheckError::Duplicate { .. } => Some("khai báo lần đầu ở đây".to_string()),
        CheckError::Repeated { .. } => Some("viết lần đầu ở đây".to_string()),
        CheckError::ShadowedBand { .. } => Some("mức điểm được chọn trước".to_string()),
        CheckError::TierOverlap { .. } => Some("mức bị trùng".to_string()),
        _ => None,
    }
}

fn thing(t: Thing) -> &'static str {
    match t {
        Thing::Name => "tên",
        Thing::Function => "hàm",
        Thing::Field => "trường",
        Thing::Let => "giá trị \u{1}let\u{2}",
        Thing::Test => "bài kiểm thử",
        Thing::Tier => "mức xếp loại",
        Thing::Level => "mức",
        Thing::Status => "trạng thái",
        Thing::Outcome => "kết quả",
        Thing::Value | Thing::EnumValue => "giá trị",
        Thing::CriterionOrIndicator => "tiêu chí hay chỉ tiêu",
        Thing::IndicatorToOverride => "chỉ tiêu (để ghi đè)",
        Thing::UsedModel => "mô hình (khai báo bằng \u{1}uses\u{2})",
    }
}

fn kind(k: &Kind) -> String {
    let text = match k {
        Kind::YesNo => "một giá trị có/không",
        Kind::WholeNumber => "một số nguyên",
        Kind::Number => "một số",
        Kind::Text => "văn bản",
        Kind::Date => "một ngày",
        Kind::ValueOf(field) => return format!("một giá trị của `{}`", field),
        Kind::EnumValue => "một giá trị liệt kê",
        Kind::List => "một danh sách",
        Kind::ListOfRecords => "một danh sách bản ghi",
        Kind::Condition => "một điều kiện đúng/sai",
        Kind::ShareIfEmpty => "tỷ lệ dùng khi danh sách rỗng",
        Kind::Share => "một tỷ lệ từ 0 đến 1",
        Kind::DateOfBirth => "một ngày sinh",
        Kind::AgeOn => "ngày tính tuổi",
        Kind::DatePart => "một số nguyên (năm, tháng, ngày)",
        Kind::Position => "một số nguyên (vị trí, từ 1)",
        Kind::Points => "một số điểm",
        Kind::Count => "một số đếm",
        Kind::NumberOrList => "một số hoặc một danh sách",
        Kind::ListOfNumbersOr(f) => {
            return format!("một danh sách số, hoặc `{}(danh sách, giá trị)`", f);
        }
        Kind::AggregateForms(f) => {
            return format!("`{}(danh sách)` hoặc `{}(danh sách, giá trị)`", f, f);
        }
        Kind::Arguments(f) => return format!("các đối số của `{}` ({})", f, usage(f)),
        Kind::ArgumentCount(n) => return format!("{} đối số", n),
        Kind::PlainList => "một danh sách giá trị đơn để lấy phần tử",
        Kind::Comparable => "số, ngày hoặc giá trị liệt kê để so sánh",
    };
    text.to_string()
}

fn usage(f: &str) -> &'static str {
    match f {
        "count" => "count(danh sách)",
        "all" => "all(danh sách, điều kiện)",
        "any" => "any(danh sách, điều kiện)",
        "share" => "share(danh sách, điều kiện) hoặc share(danh sách, điều kiện, giá trị khi rỗng)",
        "sum" => "sum(danh sách) hoặc sum(danh sách, giá trị)",
        "min" | "max" => "min(a, b, …), min(danh sách) hoặc min(danh sách, giá trị)",
        "abs" => "abs(số)",
        "year" => "year(ngày)",
        "age" => "age(ngày sinh, ngày tính tuổi)",
        _ => "date(năm, tháng, ngày)",
    }
}

fn threshold(t: &Threshold) -> String {
    match t {
        Threshold::FloorOf(id) => format!("điểm sàn của `{}`", id),
        Threshold::BandOf(id) => format!("một mức điểm của `{}`", id),
        Threshold::Pass => "ngưỡng công nhận".to_string(),
        Threshold::FloorEachIndicator => "điểm sàn của mỗi chỉ tiêu".to_string(),
        Threshold::TierFrom(t) => format!("cận dưới của mức xếp loại \"{}\"", t),
    }
}

fn tier_order(t: &TierOrder) -> String {
    match t {
        TierOrder::HighestShort { max } => {
            format!("mức xếp loại cao nhất không lên tới điểm tối đa {}", max)
        }
        TierOrder::LevelAboveRecognized(l) => format!(
            "mức \"{}\" không được công nhận nhưng đứng trên một mức được công nhận",
            l
        ),
        TierOrder::NotBelow(other) => format!(
            "mức xếp loại này không thấp hơn mức \"{}\"; hãy liệt kê từ cao xuống thấp",
            other
        ),
        TierOrder::Gap { hi, lo, exclusive } => {
            let from = if *exclusive { "từ" } else { "trên" };
            format!(
                "các tổng điểm {} {} đến dưới {} không thuộc mức xếp loại nào",
                from, hi, lo
            )
        }
        TierOrder::BelowLowest(min) => {
            format!("các tổng điểm dưới {} không thuộc mức xếp loại nào", min)
        }
        TierOrder::RecognizedBelow(t) => format!(
            "mức \"{}\" được công nhận nhưng đứng dưới một mức không được công nhận",
            t
        ),
    }
}

fn literal(l: &Invalid) -> Texts {
    let fix = "viết một giá trị hợp lệ ở đây";
    match l {
        Invalid::Inexact(n) => {
            Texts::new(format!("bộ máy không lưu chính xác được số `{}`", n), fix)
        }
        Invalid::NotADate(d) => Texts::new(format!("{} không phải là một ngày có thật", d), fix),
        Invalid::ValidityReversed => {
            Texts::new("thời hạn hiệu lực kết thúc trước khi bắt đầu", fix)
        }
        Invalid::MaxNotPositive => Texts::new("điểm tối đa phải lớn hơn 0", fix),
        Invalid::FractionalBounds => {
            Texts::new("cận của một trường số nguyên phải là số nguyên", fix)
        }
        Invalid::EmptyOneOf => Texts::new("\u{1}one of\u{2} cần ít nhất một giá trị", fix),
        Invalid::ItemCount => Texts::new("số phần tử phải là số nguyên không âm", fix),
        Invalid::ListOfLists => Texts::new(
            "chưa hỗ trợ danh sách của danh sách",
            "cho phần tử là bản ghi có một trường danh sách",
        ),
        Invalid::EmptyRange => Texts::new("khoảng này rỗng: cận dưới không nhỏ hơn cận trên", fix),
        Invalid::RequireWithoutField => Texts::new(
            "điều kiện \u{1}require\u{2} phải nhắc đến ít nhất một trường nhập",
            "viết điều kiện theo các trường trong \u{1}input\u{2}",
        ),
        Invalid::NoSuchLevel { level, levels } => Texts::new(
            format!("không có mức {} (mô hình khai báo {} mức)", level, levels),
            fix,
        ),
        Invalid::NegativeDeduction => Texts::new("số điểm trừ không được âm", fix),
        Invalid::RoundingPlaces => Texts::new(
            "số chữ số thập phân khi làm tròn phải là số nguyên từ 0 đến 6",
            fix,
        ),
        Invalid::RoundingMode(m) => Texts::new(
            format!("cách làm tròn `{}` không hợp lệ", m),
            "viết `half_up`, `down`, `up` hoặc `half_even`",
        ),
    }
}

fn link(l: &Link) -> Texts {
    let fix = "ghi tệp quy tắc của cùng mô hình, bằng đường dẫn tính từ tệp này";
    match l {
        // The loader's reason names the file, in both languages already.
        Link::Unreadable { why, .. } => Texts::new(why.clone(), fix),
        Link::ExtendsLoop(path) => Texts::new(
            format!(
                "`{}` lại \u{1}extends\u{2} tệp này: các tệp không được kế thừa nhau thành vòng",
                path
            ),
            fix,
        ),
        Link::UsesLoop(path) => Texts::new(
            format!(
                "`{}` lại \u{1}uses\u{2} tệp này: các mô hình không được dùng nhau thành vòng",
                path
            ),
            fix,
        ),
        Link::OtherModel { path, theirs, ours } => Texts::new(
            format!(
                "`{}` là mô hình `{}`, tệp này là mô hình `{}`",
                path, theirs, ours
            ),
            fix,
        ),
        Link::HasErrors { path, errors } => Texts::new(
            format!("`{}` có {} lỗi", path, errors),
            format!("chạy `tieuchi check {}` rồi sửa các lỗi đó", path),
        ),
    }
}

fn style(s: &Style) -> Texts {
    match s {
        Style::DeductInLevels => Texts::new(
            "chỉ tiêu trừ điểm (\u{1}deduct N points\u{2}) trừ điểm, nhưng mô hình này xét theo mức, không có điểm",
            "bỏ \u{1}deduct N points\u{2} và viết điều kiện bằng \u{1}pass when ...\u{2}",
        ),
        Style::DeductFloor(id) => Texts::new(
            format!(
                "chỉ tiêu trừ điểm `{}` không có điểm sàn: nó chỉ trừ điểm của tiêu chí",
                id
            ),
            "đặt \u{1}floor\u{2} ở tiêu chí",
        ),
        Style::PassInPoints => Texts::new(
            "\u{1}pass\u{2} dùng cho mô hình xét theo mức; mô hình này chấm điểm",
            "dùng \u{1}award whole when ...\u{2}, hoặc khai báo các \u{1}level\u{2} của mô hình",
        ),
        Style::NoMax { criterion, id } => {
            let (what, kw) = if *criterion {
                ("tiêu chí", "criterion")
            } else {
                ("chỉ tiêu", "indicator")
            };
            Texts::new(
                format!("{} `{}` chưa có điểm tối đa", what, id),
                format!("ghi điểm sau tên: `{} {} \"...\" 10 points`", kw, id),
            )
        }
        Style::PointsInLevels => Texts::new(
            "mô hình xét theo mức không dùng điểm",
            "bỏ `N points`: ở mỗi mức, chỉ tiêu chỉ đạt hoặc không đạt",
        ),
        Style::AwardInLevels => Texts::new(
            "\u{1}award\u{2} cho điểm, nhưng mô hình này xét theo mức",
            "viết \u{1}pass when ...\u{2}; mức cao hơn thì thêm \u{1}pass at level 2 when ...\u{2}",
        ),
        Style::LevelsWithTiers => Texts::new(
            "không được trộn mức với xếp loại theo điểm hay ngưỡng điểm công nhận",
            "quyết định mô hình hoặc theo điểm (xếp loại, \u{1}recognized when total >= N\u{2}) hoặc theo mức",
        ),
    }
}

fn quoted_chain(chain: &[String]) -> String {
    let quoted: Vec<String> = chain.iter().map(|t| format!("\"{}\"", t)).collect();
    quoted.join(" → ")
}

/// What a test expected and what it got.
pub fn test_failure(f: &TestFailure) -> String {
    let or_none = |s: &Option<String>| {
        s.as_ref()
            .map_or("không có".to_string(), |s| format!("\"{}\"", s))
    };
    match f {
        TestFailure::Rejected { path, message } => format!(
            "bản ghi của bài kiểm thử bị từ chối tại `{}`: {}",
            path, message
        ),
        TestFailure::Status { want, got } => format!("cần trạng thái {}, nhưng được {}", want, got),
        TestFailure::Tier { want, got } => format!(
            "cần xếp loại {}, nhưng được {}",
            or_none(want),
            or_none(got)
        ),
        TestFailure::Total { want, got } => format!("cần tổng điểm {}, nhưng được {}", want, got),
        TestFailure::Points { id, want, got } => format!(
            "cần `{}` được {} điểm, nhưng được {}",
            id,
            want,
            got.as_deref().unwrap_or("không có")
        ),
        TestFailure::Outcome { id, want, got } => {
            format!("cần `{}` có kết quả {}, nhưng được {}", id, want, got)
        }
        TestFailure::NotRejected { path, got } => format!(
            "cần bản ghi bị từ chối tại `{}`, nhưng lỗi ở: {}",
            path,
            paths(got, "không có")
        ),
    }
}

fn paths(got: &[String], none: &str) -> String {
    if got.is_empty() {
        none.to_string()
    } else {
        format!("`{}`", got.join("`, `"))
    }
}
