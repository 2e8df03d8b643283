//! How a program decides, in sentences: the pass mark, the floors, the tiers, the levels.

use crate::program::{AwardDef, Bounds, Program};
use crate::wording::format_number;

use super::points;

/// The decision rules of a program, one sentence each, in the order an appendix gives them:
/// the pass mark, the floors (each criterion's, then the indicators'), the tiers from the
/// highest, the levels from level 1.
pub fn decision(program: &Program) -> Vec<String> {
    let mut out = Vec::new();
    let d = &program.decision;
    let scale = program.model.max;
    if let Some(pass) = d.pass {
        out.push(format!(
            "Được công nhận khi tổng điểm đạt từ {} trở lên (trên tổng số {}).",
            points(pass),
            points(scale)
        ));
    }
    for c in &program.criteria {
        if let Some(f) = c.floor {
            out.push(format!(
                "Tiêu chí {} phải đạt từ {} trở lên.",
                c.id,
                points(f)
            ));
        }
    }
    let scored: Vec<_> = program
        .indicators()
        .map(|(_, i)| i)
        .filter(|i| !i.deduction && !matches!(i.award, AwardDef::Pass(_)))
        .collect();
    let floors: Vec<_> = scored.iter().filter_map(|i| i.floor).collect();
    match floors.first() {
        Some(f) if floors.len() == scored.len() && floors.iter().all(|x| x == f) => {
            out.push(format!("Mỗi chỉ tiêu phải đạt từ {} trở lên.", points(*f)));
        }
        _ => {
            for i in &scored {
                if let Some(f) = i.floor {
                    out.push(format!(
                        "Chỉ tiêu {} phải đạt từ {} trở lên.",
                        i.id,
                        points(f)
                    ));
                }
            }
        }
    }
    if !scored.is_empty() && (d.pass.is_some() || !d.tiers.is_empty()) && has_floor(program) {
        out.push(
            "Hồ sơ có tiêu chí hoặc chỉ tiêu dưới điểm sàn thì không được công nhận.".to_string(),
        );
    }
    for t in &d.tiers {
        let verdict = if t.recognized {
            "được công nhận"
        } else {
            "không được công nhận"
        };
        out.push(format!(
            "Xếp loại «{}»: tổng điểm {}; {verdict}.",
            t.label,
            range(&t.range)
        ));
    }
    for (n, l) in d.levels.iter().enumerate() {
        let verdict = if l.recognized {
            "được công nhận"
        } else {
            "không được công nhận"
        };
        let level = n + 1;
        let above = if level == 1 {
            String::new()
        } else {
            format!(" (mức cao hơn được xét khi đã đạt mức {})", level - 1)
        };
        out.push(format!(
            "Đạt «{}» khi mọi chỉ tiêu áp dụng đều đạt ở mức {level}{above}; {verdict}.",
            l.label
        ));
    }
    if !d.levels.is_empty() {
        out.push("Không đạt mức 1 thì không được công nhận.".to_string());
    }
    out
}

/// True when a criterion or an indicator has a floor.
fn has_floor(program: &Program) -> bool {
    program.criteria.iter().any(|c| c.floor.is_some())
        || program.indicators().any(|(_, i)| i.floor.is_some())
}

/// A range of totals: "từ 85 đến 100 điểm", "từ 70 đến dưới 85 điểm".
pub(super) fn range(b: &Bounds) -> String {
    let n = |d| format_number(d);
    match (b.min, b.max) {
        (Some(lo), Some(hi)) if b.max_exclusive => {
            format!("từ {} đến dưới {} điểm", n(lo), n(hi))
        }
        (Some(lo), Some(hi)) => format!("từ {} đến {} điểm", n(lo), n(hi)),
        (Some(lo), None) => format!("từ {} điểm trở lên", n(lo)),
        (None, Some(hi)) if b.max_exclusive => format!("dưới {} điểm", n(hi)),
        (None, Some(hi)) => format!("không quá {} điểm", n(hi)),
        (None, None) => "bất kỳ".to_string(),
    }
}
