//! The human-readable answer: a Vietnamese table of criteria and indicators, then the verdict.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use tieuchi_core::answer::Num;
use tieuchi_core::rule_text::Text;
use tieuchi_core::wording::format_number;
use tieuchi_core::{Answer, Status};

fn n(x: Num) -> String {
    format_number(x.0)
}

/// A text of a full answer (summary answers have none).
fn label(text: Option<&Text>) -> &str {
    text.map_or("", Text::as_str)
}

/// Renders an answer as text.
pub fn answer(a: &Answer) -> String {
    // A model decided by levels has no points: show the level each indicator holds instead.
    let by_levels = a.max.0.is_zero();
    let score = |points: Num, max: Num, level: Option<usize>| match level {
        Some(0) => "—".to_string(),
        Some(k) => format!("mức {k}"),
        None if by_levels => String::new(),
        None => format!("{}/{}", n(points), n(max)),
    };
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(vec![
            "Mã",
            "Tiêu chí / chỉ tiêu",
            if by_levels { "Mức đạt" } else { "Điểm" },
            "Kết quả",
            "Lý do",
        ]);
    for c in &a.criteria {
        let mark = if c.provisional { " (tạm thời)" } else { "" };
        t.add_row(vec![
            c.id.to_string(),
            format!("{}{mark}", label(c.label).to_uppercase()),
            score(c.points, c.max, None),
            c.status.label_vi().to_string(),
            String::new(),
        ]);
        for i in &c.indicators {
            let mark = if i.provisional { " (tạm thời)" } else { "" };
            t.add_row(vec![
                format!("  {}", i.id),
                format!("{}{mark}", label(i.label)),
                match i.deduct_max {
                    // A deduction: what it takes off, of the most it can.
                    Some(most) => format!("trừ {}/{}", n(Num(-i.points.0)), n(most)),
                    None => score(i.points, i.max, i.level),
                },
                i.status.label_vi().to_string(),
                i.reason.as_ref().map(|r| r.text()).unwrap_or_default(),
            ]);
        }
    }
    let mut out = format!("{} — {}\n{t}\n", label(a.title), a.version);

    let open = match a.total_possible {
        Some(hi) => format!(" (có thể tới {})", n(hi)),
        None => String::new(),
    };
    if !by_levels {
        out.push_str(&format!("Tổng điểm: {}/{}{open}\n", n(a.total), n(a.max)));
    }
    if a.rescaled {
        out.push_str("(Tổng điểm đã quy đổi về thang điểm đầy đủ vì có chỉ tiêu không áp dụng.)\n");
    }
    let ranking = if by_levels {
        "Mức độ đạt"
    } else {
        "Xếp loại"
    };
    let unranked = match a.status {
        Status::NotRecognized if by_levels => "chưa đạt mức độ nào",
        _ => "chưa xác định",
    };
    // A points model without tiers has no ranking to show; an undecided tier shows as such
    // only where the status line does not already say the result is open.
    if by_levels || a.tier.is_some() {
        out.push_str(&format!("{ranking}: {}\n", a.tier.unwrap_or(unranked)));
    }
    let open_note = match a.status {
        Status::Undetermined => " (thiếu thông tin)",
        _ => "",
    };
    let verdict = a.status.label_vi().to_uppercase();
    out.push_str(&format!("Kết quả: {verdict}{open_note}\n"));
    // Why a record is held back whatever its total: the floors it falls below.
    if !a.floors_failed.is_empty() {
        let low: Vec<String> = a
            .floors_failed
            .iter()
            .map(|f| {
                format!(
                    "{} được {} điểm, cần ít nhất {}",
                    f.id,
                    n(f.points),
                    n(f.floor)
                )
            })
            .collect();
        out.push_str(&format!(
            "Lý do: dưới điểm sàn (below a floor): {}\n",
            low.join("; ")
        ));
    }
    if !a.errors.is_empty() {
        out.push_str(&format!(
            "Lưu ý: bản ghi có {} lỗi (xem bên dưới); các giá trị lỗi được coi như chưa khai báo, \
             kết quả trên là kết quả không phụ thuộc vào chúng.\n",
            a.errors.len()
        ));
    }
    if !a.missing.is_empty() {
        out.push_str(&format!("Cần bổ sung hoặc sửa: {}\n", a.missing.join(", ")));
    }
    for g in a.to_reach.iter().filter(|_| by_levels) {
        let ids: Vec<&str> = g.indicators.iter().map(|x| x.id).collect();
        out.push_str(&format!(
            "Để đạt {}: cần đạt thêm các chỉ tiêu {}\n",
            g.target,
            ids.join(", ")
        ));
    }
    for g in a.to_reach.iter().filter(|g| g.target == "floor") {
        let low: Vec<String> = g
            .indicators
            .iter()
            .map(|x| format!("{} (thiếu {} điểm)", x.id, n(x.points)))
            .collect();
        out.push_str(&format!("Chưa đạt điểm tối thiểu ở: {}\n", low.join(", ")));
    }
    for g in a
        .to_reach
        .iter()
        .filter(|g| !by_levels && g.target != "floor")
    {
        let target = if g.target == "recognized" {
            "được công nhận".to_string()
        } else {
            format!("đạt loại \"{}\"", g.target)
        };
        let set = |gains: &[tieuchi_core::answer::Gain]| {
            let each: Vec<String> = gains
                .iter()
                .map(|x| match &x.change {
                    Some(c) => format!("{} (tối đa +{}; đủ khi {c})", x.id, n(x.points)),
                    None => format!("{} (+{})", x.id, n(x.points)),
                })
                .collect();
            each.join(", ")
        };
        let needed = if g.points_needed.0.is_zero() {
            String::new()
        } else {
            format!("cần thêm {} điểm; ", n(g.points_needed))
        };
        out.push_str(&format!(
            "Để {target}: {needed}ít nhất {} chỉ tiêu: {}\n",
            g.indicators.len(),
            set(&g.indicators)
        ));
        for other in &g.alternatives {
            out.push_str(&format!("  hoặc: {}\n", set(other)));
        }
    }
    if !a.nested.is_empty() {
        out.push_str("Kết quả từng bản ghi thành phần:\n");
    }
    for nested in &a.nested {
        let b = &nested.answer;
        let verdict = b.status.label_vi().to_lowercase();
        let tier = b.tier.map(|t| format!(", {t}")).unwrap_or_default();
        out.push_str(&format!(
            "  {} ({}): {}/{} điểm{tier}, {verdict}\n",
            label(b.title),
            nested.path,
            n(b.total),
            n(b.max)
        ));
    }
    out
}
