//! The document of one rule file, and of a directory of versions, as blocks.

use crate::Program;
use crate::program::{AwardDef, CriterionDef, IndicatorDef};
use crate::prose::{self, Prose, points};
use time::Date;

use super::{Block, Inline, Rich, text};

/// A rule file to document: its program, its file name, and what the program does not keep.
pub struct Source<'a> {
    /// The checked program.
    pub program: &'a Program,
    /// The file name shown.
    pub file: String,
    /// Why the pass mark is provisional, when it is (`recognized when … provisional "…"`).
    pub pass_provisional: Option<String>,
}

/// `21/09/2020`.
pub fn date(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year())
}

/// The validity period in words.
pub fn validity(p: &Program) -> String {
    match (p.model.valid_from, p.model.valid_to) {
        (Some(f), Some(t)) => format!("từ ngày {} đến hết ngày {}", date(f), date(t)),
        (Some(f), None) => format!("từ ngày {} (chưa quy định ngày hết hiệu lực)", date(f)),
        (None, Some(t)) => format!("đến hết ngày {}", date(t)),
        (None, None) => "chưa quy định".to_string(),
    }
}

/// The units the rules apply to, in words.
pub fn scope(p: &Program) -> String {
    match p.model.scope.as_deref() {
        None => "mọi đơn vị của mô hình".to_string(),
        Some("commune") => "cấp xã (commune)".to_string(),
        Some("district_province") => {
            "cơ quan, đơn vị cấp huyện, cấp tỉnh (district_province)".to_string()
        }
        Some("village") => "thôn, bản, ấp, tổ dân phố (village)".to_string(),
        Some(other) => other.to_string(),
    }
}

/// Where the rules apply, in words.
pub fn jurisdiction(p: &Program) -> String {
    if p.model.jurisdiction == "national" {
        "toàn quốc".to_string()
    } else {
        format!("tỉnh, thành phố mã {}", p.model.jurisdiction)
    }
}

/// The scale of the model in words.
fn scale(p: &Program) -> String {
    if p.decision.levels.is_empty() {
        points(p.model.max)
    } else {
        let levels: Vec<String> = p
            .decision
            .levels
            .iter()
            .map(|l| format!("«{}»", l.label))
            .collect();
        format!("xét theo mức: {}", levels.join(", "))
    }
}

/// The document of one rule file.
pub fn document(src: &Source<'_>) -> Vec<Block> {
    let p = src.program;
    let mut out = Vec::new();
    let mut subtitle = vec![format!("Phiên bản {} — tệp {}", p.model.version, src.file)];
    if let Some(en) = &p.model.english {
        subtitle.push(en.clone());
    }
    out.push(Block::Title {
        kicker: "PHỤ LỤC".to_string(),
        title: format!("Tiêu chí đánh giá, công nhận «{}»", p.model.title.as_str()),
        subtitle,
    });
    if let Some(why) = &p.model.provisional {
        out.push(Block::Warning(vec![
            Inline::Bold("Toàn bộ bộ tiêu chí là tạm thời.".to_string()),
            Inline::Text(" ".to_string()),
            Inline::Provisional(why.clone()),
        ]));
    }
    out.extend(general(src));
    let mut prose = Prose::new(p);
    for c in &p.criteria {
        out.extend(criterion(p, c, &mut prose));
    }
    out.push(Block::Heading("Xét công nhận".to_string()));
    let mut sentences: Vec<Rich> = prose::decision(p).into_iter().map(text).collect();
    if let (Some(why), Some(first)) = (&src.pass_provisional, sentences.first_mut()) {
        first.push(Inline::Break);
        first.push(Inline::Provisional(why.clone()));
    }
    out.push(Block::List(sentences));
    let named = prose.named_lets();
    if !named.is_empty() {
        out.push(Block::Heading(
            "Giá trị dùng trong các điều kiện".to_string(),
        ));
        out.push(Block::Table {
            head: vec!["Tên".to_string(), "Cách tính".to_string()],
            rows: named
                .into_iter()
                .map(|(n, t)| vec![text(format!("«{n}»")), text(t)])
                .collect(),
            widths: vec![25, 75],
        });
    }
    out.extend(provisional_list(src));
    out
}

/// Issuing documents, validity, scope, jurisdiction, scale.
fn general(src: &Source<'_>) -> Vec<Block> {
    let p = src.program;
    let sources: Rich = p
        .model
        .sources
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let mut part = Vec::new();
            if i > 0 {
                part.push(Inline::Break);
            }
            part.push(Inline::Text(format!("{}. {}", i + 1, s.as_str())));
            part
        })
        .collect();
    let mut facts = vec![
        ("Văn bản ban hành, căn cứ".to_string(), sources),
        ("Thời gian hiệu lực".to_string(), text(validity(p))),
        ("Phạm vi áp dụng".to_string(), text(scope(p))),
        ("Thẩm quyền".to_string(), text(jurisdiction(p))),
        ("Thang đánh giá".to_string(), text(scale(p))),
    ];
    if p.decision.levels.is_empty() {
        facts.push((
            "Làm tròn điểm".to_string(),
            text(format!("{} chữ số thập phân", p.model.rounding.places)),
        ));
    }
    let count = p.indicator_count();
    facts.push((
        "Cấu trúc".to_string(),
        text(format!("{} tiêu chí, {} chỉ tiêu", p.criteria.len(), count)),
    ));
    vec![
        Block::Heading("Thông tin chung".to_string()),
        Block::Facts(facts),
    ]
}

/// A criterion: its heading, citation, provisional mark, floor, and the table of its
/// indicators.
fn criterion(p: &Program, c: &CriterionDef, prose: &mut Prose<'_>) -> Vec<Block> {
    let by_levels = !p.decision.levels.is_empty();
    let max = if by_levels {
        String::new()
    } else {
        format!(" ({})", points(c.max))
    };
    let mut out = vec![Block::Heading(format!(
        "Tiêu chí {}. {}{max}",
        c.id,
        c.label.as_str()
    ))];
    let mut about: Rich = Vec::new();
    if let Some(s) = &c.source {
        about.push(Inline::Bold("Căn cứ:".to_string()));
        about.push(Inline::Text(format!(" {}", s.as_str())));
    }
    if let Some(f) = c.floor {
        if !about.is_empty() {
            about.push(Inline::Break);
        }
        about.push(Inline::Bold("Điểm sàn:".to_string()));
        about.push(Inline::Text(format!(
            " tiêu chí phải đạt từ {} trở lên",
            points(f)
        )));
    }
    if let Some(why) = &c.provisional {
        if !about.is_empty() {
            about.push(Inline::Break);
        }
        about.push(Inline::Provisional(why.clone()));
    }
    if !about.is_empty() {
        out.push(Block::Para(about));
    }
    let head = [
        "Chỉ tiêu",
        if by_levels { "Yêu cầu" } else { "Điểm" },
        "Điều kiện",
        "Căn cứ",
    ];
    let rows = c
        .indicators
        .iter()
        .map(|i| indicator_row(i, prose, by_levels))
        .collect();
    out.push(Block::Table {
        head: head.iter().map(|h| (*h).to_string()).collect(),
        rows,
        widths: vec![28, 10, 40, 22],
    });
    out
}

/// The points column of an indicator.
pub fn indicator_points(i: &IndicatorDef, by_levels: bool) -> String {
    if by_levels || matches!(i.award, AwardDef::Pass(_)) {
        return "Đạt / không đạt".to_string();
    }
    let mut s = if i.deduction {
        format!("trừ tối đa {}", points(i.max))
    } else {
        points(i.max)
    };
    if let Some(f) = i.floor {
        s.push_str(&format!("; sàn {}", points(f)));
    }
    s
}

/// One row of a criterion's table.
fn indicator_row(i: &IndicatorDef, prose: &mut Prose<'_>, by_levels: bool) -> Vec<Rich> {
    let mut name = vec![
        Inline::Bold(i.id.clone()),
        Inline::Text(format!(". {}", i.label.as_str())),
    ];
    if let Some(en) = &i.english {
        name.push(Inline::Break);
        name.push(Inline::Text(format!("({en})")));
    }
    let mut condition = text(prose.indicator(i));
    if let Some(why) = &i.provisional {
        condition.push(Inline::Break);
        condition.push(Inline::Provisional(why.clone()));
    }
    let source = match &i.source {
        Some(s) => text(s.as_str()),
        None => text("—"),
    };
    vec![
        name,
        text(indicator_points(i, by_levels)),
        condition,
        source,
    ]
}

/// Every provisional item of the file in one table, for the council to settle.
fn provisional_list(src: &Source<'_>) -> Vec<Block> {
    let p = src.program;
    let mut rows: Vec<Vec<Rich>> = Vec::new();
    if let Some(why) = &p.model.provisional {
        rows.push(vec![text("Toàn bộ bộ tiêu chí"), text(why.clone())]);
    }
    for c in &p.criteria {
        if let Some(why) = &c.provisional {
            rows.push(vec![text(format!("Tiêu chí {}", c.id)), text(why.clone())]);
        }
        for i in &c.indicators {
            if let Some(why) = &i.provisional {
                rows.push(vec![text(format!("Chỉ tiêu {}", i.id)), text(why.clone())]);
            }
        }
    }
    if let Some(why) = &src.pass_provisional {
        rows.push(vec![text("Ngưỡng công nhận"), text(why.clone())]);
    }
    if rows.is_empty() {
        return vec![
            Block::Heading("Nội dung tạm thời".to_string()),
            Block::Para(text("Không có nội dung nào được đánh dấu tạm thời.")),
        ];
    }
    vec![
        Block::Heading(format!("Nội dung tạm thời ({})", rows.len())),
        Block::Para(text(
            "Các nội dung dưới đây được soạn khi chưa có đầy đủ văn bản chính thức (từ một phần văn bản hoặc theo suy luận có nêu lý do); cần được xem xét, quyết định trước khi thông qua.",
        )),
        Block::Table {
            head: vec!["Nội dung".to_string(), "Lý do tạm thời".to_string()],
            rows,
            widths: vec![25, 75],
        },
    ]
}

/// The table of the versions of a directory: one row per version, in order of scope,
/// jurisdiction and start date.
pub fn versions_table(versions: &[Source<'_>]) -> Block {
    let mut order: Vec<&Source<'_>> = versions.iter().collect();
    order.sort_by(|a, b| {
        let key = |s: &Source<'_>| {
            (
                s.program.model.scope.clone(),
                s.program.model.jurisdiction != "national",
                s.program.model.jurisdiction.clone(),
                s.program.model.valid_from,
            )
        };
        key(a).cmp(&key(b))
    });
    let rows = order
        .iter()
        .map(|s| {
            let p = s.program;
            let provisional = p.model.provisional.is_some()
                || p.criteria.iter().any(|c| {
                    c.provisional.is_some() || c.indicators.iter().any(|i| i.provisional.is_some())
                })
                || s.pass_provisional.is_some();
            vec![
                vec![
                    Inline::Bold(p.model.version.clone()),
                    Inline::Break,
                    Inline::Text(s.file.clone()),
                ],
                text(p.model.title.as_str()),
                text(scope(p)),
                text(jurisdiction(p)),
                text(validity(p)),
                text(if provisional { "có" } else { "không" }),
            ]
        })
        .collect();
    Block::Table {
        head: [
            "Phiên bản, tệp",
            "Tên",
            "Phạm vi",
            "Thẩm quyền",
            "Hiệu lực",
            "Có nội dung tạm thời",
        ]
        .iter()
        .map(|h| (*h).to_string())
        .collect(),
        rows,
        widths: vec![18, 22, 18, 12, 20, 10],
    }
}
