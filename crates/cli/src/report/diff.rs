//! The report of `tieuchi diff --report`: both rule sets, the counts, the transition matrix
//! (old tier × new tier), changes by group, the changed records (up to a cap) and the
//! rejected ones.

use tieuchi_core::wording::format_number;

use super::page::{Page, count, esc, percent};
use super::position_header;
use super::svg::{Bar, bars};
use crate::diff::tally::{DiffTally, causes_text};
use crate::diff::{Direction, Verdict};

/// `Khá (84,44)`, or the status when there is no tier.
fn verdict(v: &Verdict) -> String {
    format!(
        "{} ({})",
        v.tier.as_deref().unwrap_or(v.status.label_vi()),
        format_number(v.total)
    )
}

impl DiffTally {
    /// The report page.
    pub fn page(&self) -> String {
        let mut page = Page::new(
            &format!(
                "So sánh hai bộ tiêu chí: {} → {}",
                self.old.title(Some(&self.used.0)),
                self.new.title(Some(&self.used.1))
            ),
            "Comparison of two rule sets (tieuchi diff)",
        );
        page.section("Bộ tiêu chí cũ", "Old rules");
        self.old.write(&mut page, Some(&self.used.0));
        page.section("Bộ tiêu chí mới", "New rules");
        self.new.write(&mut page, Some(&self.used.1));

        page.section("Tổng quan", "Overview");
        page.para(&format!(
            "Đã đọc {} bản ghi = {} so sánh được + {} bị từ chối. {} bản ghi đổi kết quả hoặc xếp loại ({}); {} bản ghi chỉ đổi điểm.",
            count(self.read),
            count(self.compared),
            count(self.rejected_total()),
            count(self.changed()),
            percent(self.changed(), self.compared),
            count(self.points_only)
        ));
        let names = [
            "Lên hạng (up)",
            "Xuống hạng (down)",
            "Thay đổi khác (other)",
        ];
        let rows: Vec<Vec<String>> = names
            .iter()
            .zip(self.moved)
            .map(|(name, n)| vec![name.to_string(), count(n), percent(n, self.compared)])
            .collect();
        page.table(&["Hướng", "Số bản ghi", "Tỷ lệ"], &rows);
        let chart: Vec<Bar> = names
            .iter()
            .zip(self.moved)
            .map(|(name, n)| Bar {
                label: name.to_string(),
                value: n,
                text: count(n),
            })
            .collect();
        page.raw(&bars("Số bản ghi đổi xếp loại theo hướng", &chart));

        self.matrix_section(&mut page);
        if let Some((name, label)) = &self.field {
            page.section(&format!("Theo {label}"), &format!("By {name}"));
            let rows: Vec<Vec<String>> = self
                .groups
                .iter()
                .map(|((_, _, g), d)| {
                    vec![
                        g.clone(),
                        count(d.compared),
                        count(d.changed),
                        count(d.up),
                        count(d.down),
                    ]
                })
                .collect();
            page.table(&[label, "So sánh", "Thay đổi", "Lên", "Xuống"], &rows);
        }
        self.changed_section(&mut page);
        self.rejected_section(&mut page);
        page.finish()
    }

    /// Old tier × new tier counts; the diagonal (no change of tier) shaded.
    fn matrix_section(&self, page: &mut Page) {
        page.section(
            "Ma trận chuyển xếp loại",
            "Transition matrix: old tier (rows) × new tier (columns)",
        );
        let mut ranks: Vec<usize> = self.matrix.keys().flat_map(|(a, b)| [*a, *b]).collect();
        ranks.extend(0..self.order.len());
        ranks.sort_unstable();
        ranks.dedup();
        let mut html = String::from("<div class=\"scroll\"><table>\n<thead><tr><th>Cũ \\ Mới</th>");
        for r in &ranks {
            html.push_str(&format!("<th>{}</th>", esc(self.tier_name(*r))));
        }
        html.push_str("</tr></thead>\n<tbody>\n");
        for from in &ranks {
            html.push_str(&format!("<tr><th>{}</th>", esc(self.tier_name(*from))));
            for to in &ranks {
                let n = self.matrix.get(&(*from, *to)).copied().unwrap_or(0);
                let class = match from.cmp(to) {
                    std::cmp::Ordering::Equal => "n same",
                    _ if n == 0 => "n",
                    std::cmp::Ordering::Greater => "n up",
                    std::cmp::Ordering::Less => "n down",
                };
                html.push_str(&format!("<td class=\"{class}\">{}</td>", count(n)));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table></div>\n");
        page.raw(&html);
    }

    /// The changed records, capped.
    fn changed_section(&self, page: &mut Page) {
        page.section("Các bản ghi thay đổi", "Changed records");
        if self.listed.is_empty() {
            page.para("Không có bản ghi nào đổi kết quả hoặc xếp loại.");
            return;
        }
        let changed = self.changed();
        if changed > self.listed.len() as u64 {
            page.para(&format!(
                "Chỉ liệt kê {} bản ghi đầu tiên trong {} (listing capped); dùng --output FILE.csv để có đủ.",
                count(self.listed.len() as u64),
                count(changed)
            ));
        }
        let position = position_header(self.position);
        let rows: Vec<Vec<String>> = self
            .listed
            .iter()
            .map(|l| {
                let c = &l.compared;
                vec![
                    l.at.to_string(),
                    l.id.clone().unwrap_or_default(),
                    verdict(&c.old),
                    verdict(&c.new),
                    c.direction.map_or("", Direction::vi).to_string(),
                    causes_text(&c.causes, format_number),
                ]
            })
            .collect();
        page.table(
            &[
                position,
                "Tên/mã",
                "Cũ",
                "Mới",
                "Hướng",
                "Tiêu chí, chỉ tiêu đổi điểm (cũ→mới)",
            ],
            &rows,
        );
    }

    /// Records rejected by either rule set.
    fn rejected_section(&self, page: &mut Page) {
        page.section("Bản ghi bị từ chối", "Rejected records");
        let total = self.rejected_total();
        if total == 0 {
            page.para("Không có bản ghi nào bị từ chối.");
            return;
        }
        let [old, new, both] = self.rejected;
        page.para(&format!(
            "{} bản ghi bị từ chối: {} chỉ bởi bộ cũ, {} chỉ bởi bộ mới, {} bởi cả hai.",
            count(total),
            count(old),
            count(new),
            count(both)
        ));
        let position = position_header(self.position);
        let rows: Vec<Vec<String>> = self
            .samples
            .iter()
            .map(|(at, id, side, why)| {
                vec![
                    at.to_string(),
                    id.clone().unwrap_or_default(),
                    side.vi().to_string(),
                    why.clone(),
                ]
            })
            .collect();
        page.table(&[position, "Tên/mã", "Bị từ chối bởi", "Lý do"], &rows);
    }
}
