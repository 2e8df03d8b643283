//! What a rule file that `extends` another changes from it, side by side: header facts,
//! criteria, indicators (label, points, condition, citation, provisional mark) and the
//! decision. Both files are compiled whole; what is equal is left out.

use crate::program::{CriterionDef, IndicatorDef};
use crate::prose::{self, Prose, points};

use super::build::{Source, indicator_points, jurisdiction, scope, validity};
use super::{Block, Inline, Rich, text};

/// The section "what this file changes from its parent".
pub fn changes(parent: &Source<'_>, child: &Source<'_>) -> Vec<Block> {
    let (a, b) = (parent.program, child.program);
    let mut rows: Vec<Vec<Rich>> = Vec::new();
    let mut fact = |name: &str, old: String, new: String| {
        if old != new {
            rows.push(vec![text(name), text(old), text(new)]);
        }
    };
    fact(
        "Tên",
        a.model.title.as_str().to_string(),
        b.model.title.as_str().to_string(),
    );
    fact("Thời gian hiệu lực", validity(a), validity(b));
    fact("Phạm vi áp dụng", scope(a), scope(b));
    fact("Thẩm quyền", jurisdiction(a), jurisdiction(b));
    fact("Thang điểm", points(a.model.max), points(b.model.max));
    let added: Vec<&str> = b
        .model
        .sources
        .iter()
        .map(|s| s.as_str())
        .filter(|s| !a.model.sources.iter().any(|x| x.as_str() == *s))
        .collect();
    if !added.is_empty() {
        rows.push(vec![
            text("Văn bản ban hành, căn cứ"),
            text("—"),
            text(format!("thêm: {}", added.join("; "))),
        ]);
    }
    let by_levels_a = !a.decision.levels.is_empty();
    let by_levels_b = !b.decision.levels.is_empty();
    let (mut pa, mut pb) = (Prose::new(a), Prose::new(b));
    for cb in &b.criteria {
        let ca = a.criteria.iter().find(|c| c.id == cb.id);
        if ca.is_none_or(|ca| criterion_facts(ca) != criterion_facts(cb)) {
            rows.push(vec![
                text(format!("Tiêu chí {}", cb.id)),
                ca.map_or_else(|| text("— (không có)"), criterion_cell),
                criterion_cell(cb),
            ]);
        }
        for ib in &cb.indicators {
            let ia = a.indicators().map(|(_, i)| i).find(|i| i.id == ib.id);
            let new = indicator_cell(ib, &mut pb, by_levels_b);
            match ia {
                Some(ia) => {
                    let old = indicator_cell(ia, &mut pa, by_levels_a);
                    if old != new {
                        rows.push(vec![text(format!("Chỉ tiêu {}", ib.id)), old, new]);
                    }
                }
                None => rows.push(vec![
                    text(format!("Chỉ tiêu {} (mới)", ib.id)),
                    text("— (không có)"),
                    new,
                ]),
            }
        }
    }
    for ia in a.indicators().map(|(_, i)| i) {
        if !b.indicators().any(|(_, i)| i.id == ia.id) {
            rows.push(vec![
                text(format!("Chỉ tiêu {} (bỏ)", ia.id)),
                indicator_cell(ia, &mut pa, by_levels_a),
                text("— (bỏ)"),
            ]);
        }
    }
    let (da, db) = (prose::decision(a), prose::decision(b));
    if da != db || parent.pass_provisional != child.pass_provisional {
        rows.push(vec![
            text("Xét công nhận"),
            decision_cell(&da, parent.pass_provisional.as_deref()),
            decision_cell(&db, child.pass_provisional.as_deref()),
        ]);
    }
    let mut out = vec![
        Block::Heading("Những điểm thay đổi so với văn bản gốc".to_string()),
        Block::Para(text(format!(
            "Bộ tiêu chí này kế thừa «{}» (phiên bản {}, tệp {}) và thay đổi các nội dung dưới đây; mọi nội dung khác giữ nguyên như văn bản gốc.",
            a.model.title.as_str(),
            a.model.version,
            parent.file
        ))),
    ];
    if rows.is_empty() {
        out.push(Block::Para(text(
            "Không có thay đổi nào về nội dung tiêu chí so với văn bản gốc.",
        )));
    } else {
        out.push(Block::Table {
            head: vec![
                "Nội dung".to_string(),
                format!("Văn bản gốc ({})", a.model.version),
                format!("Văn bản này ({})", b.model.version),
            ],
            rows,
            widths: vec![16, 42, 42],
        });
    }
    out
}

/// What is compared of a criterion (its indicators are compared one by one).
fn criterion_facts(c: &CriterionDef) -> (String, String, Option<String>, Option<String>, String) {
    (
        c.label.as_str().to_string(),
        points(c.max),
        c.provisional.clone(),
        c.source.as_ref().map(|s| s.as_str().to_string()),
        c.floor.map(points).unwrap_or_default(),
    )
}

/// A criterion as one side of the comparison shows it.
fn criterion_cell(c: &CriterionDef) -> Rich {
    let mut out = vec![Inline::Text(format!(
        "{} ({})",
        c.label.as_str(),
        points(c.max)
    ))];
    if let Some(f) = c.floor {
        out.push(Inline::Text(format!("; sàn {}", points(f))));
    }
    if let Some(s) = &c.source {
        out.push(Inline::Break);
        out.push(Inline::Text(format!("Căn cứ: {}", s.as_str())));
    }
    if let Some(why) = &c.provisional {
        out.push(Inline::Break);
        out.push(Inline::Provisional(why.clone()));
    }
    out
}

/// An indicator as one side of the comparison shows it: label, points, condition,
/// citation, provisional mark.
fn indicator_cell(i: &IndicatorDef, prose: &mut Prose<'_>, by_levels: bool) -> Rich {
    let mut out = vec![
        Inline::Bold(format!("{}. {}", i.id, i.label.as_str())),
        Inline::Text(format!(" ({})", indicator_points(i, by_levels))),
        Inline::Break,
        Inline::Text(prose.indicator(i)),
    ];
    if let Some(s) = &i.source {
        out.push(Inline::Break);
        out.push(Inline::Text(format!("Căn cứ: {}", s.as_str())));
    }
    if let Some(why) = &i.provisional {
        out.push(Inline::Break);
        out.push(Inline::Provisional(why.clone()));
    }
    out
}

/// The decision sentences as one cell.
fn decision_cell(sentences: &[String], provisional: Option<&str>) -> Rich {
    let mut out = Vec::new();
    for (n, s) in sentences.iter().enumerate() {
        if n > 0 {
            out.push(Inline::Break);
        }
        out.push(Inline::Text(s.clone()));
    }
    if let Some(why) = provisional {
        out.push(Inline::Break);
        out.push(Inline::Provisional(why.to_string()));
    }
    out
}
