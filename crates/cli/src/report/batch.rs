//! The report of `tieuchi batch --report`: counts gathered while results are written (by
//! status, tier, version, `--group-by` value and failing indicator; the first rejected
//! records), then laid out as one HTML page.

use std::collections::BTreeMap;

use tieuchi_core::{Program, Status};

use super::page::{Page, count, esc, percent};
use super::svg::{Bar, bars};
use super::{Identity, position_header, tier_labels, tier_order, vi_key};
use crate::batch::{Done, Outcome, problem_line};

/// Rejected records listed with their first reason.
const SAMPLES: usize = 5;
/// Indicators listed among those failing most often.
const TOP: usize = 10;
/// The group of records without a value in the `--group-by` field.
const NO_VALUE: &str = "(không có giá trị)";

/// Counts of one group of records.
#[derive(Default)]
struct Group {
    /// Records scored.
    scored: u64,
    /// Records recognised.
    recognized: u64,
    /// Records by tier (as in [`BatchTally::order`], then no tier).
    tiers: Vec<u64>,
}

/// Counts of a batch run for its report; bounded by the number of tiers, indicators and
/// groups, whatever the number of records.
pub struct BatchTally {
    /// The rules.
    identity: Identity,
    /// `line` or `row`.
    position: &'static str,
    /// Tier labels, highest first.
    order: Vec<String>,
    /// For each program, its tier labels by position.
    labels: Vec<Vec<String>>,
    /// For each program, each indicator's place in `indicators`.
    places: Vec<Vec<usize>>,
    /// Indicators of every version, each id once: id and label (of the first version).
    indicators: Vec<(String, String)>,
    /// For each program, its indicators' labels, in the order of `places`.
    wording: Vec<Vec<String>>,
    /// Records read, scored, rejected.
    read: u64,
    /// Records scored.
    scored: u64,
    /// Records rejected.
    rejected: u64,
    /// Scored records by status (in the order of [`Status::ALL`]).
    status: [u64; 3],
    /// Scored records by tier (as in `order`, then no tier).
    tiers: Vec<u64>,
    /// Scored records by version (as in the programs).
    used: Vec<u64>,
    /// Scored records not meeting each indicator (unmet or partial).
    failing: Vec<u64>,
    /// `--group-by`: the field's name and label.
    field: Option<(String, String)>,
    /// Counts by group value, in Vietnamese order.
    groups: BTreeMap<(Vec<u32>, Vec<u8>, String), Group>,
    /// The first rejected records: position, id, first problem.
    samples: Vec<(u64, Option<String>, String)>,
}

impl BatchTally {
    /// Empty counts for a run over `programs`, grouped by `field` if given.
    pub fn new(programs: &[&Program], field: Option<&str>, position: &'static str) -> Self {
        let order = tier_order(programs.iter().copied());
        let mut indicators: Vec<(String, String)> = Vec::new();
        let mut places = Vec::with_capacity(programs.len());
        let mut wording = Vec::with_capacity(programs.len());
        for p in programs {
            let mut place = Vec::with_capacity(p.indicator_count());
            wording.push(
                p.indicators()
                    .map(|(_, ind)| ind.label.to_string())
                    .collect(),
            );
            for (_, ind) in p.indicators() {
                let at = match indicators.iter().position(|(id, _)| *id == ind.id) {
                    Some(at) => at,
                    None => {
                        indicators.push((ind.id.clone(), ind.label.to_string()));
                        indicators.len() - 1
                    }
                };
                place.push(at);
            }
            places.push(place);
        }
        let field = field.map(|name| {
            let label = programs
                .iter()
                .flat_map(|p| p.fields.iter())
                .find(|f| f.name == name)
                .map_or(name, |f| f.display_label());
            (name.to_string(), label.to_string())
        });
        BatchTally {
            identity: Identity::of(programs),
            position,
            tiers: vec![0; order.len() + 1],
            order,
            labels: programs.iter().map(|p| tier_labels(p)).collect(),
            failing: vec![0; indicators.len()],
            indicators,
            wording,
            places,
            read: 0,
            scored: 0,
            rejected: 0,
            status: [0; 3],
            used: vec![0; programs.len()],
            field,
            groups: BTreeMap::new(),
            samples: Vec::new(),
        }
    }

    /// Counts one result.
    pub fn add(&mut self, done: &Done) {
        self.read += 1;
        let (status, tier, program, failing, group) = match &done.outcome {
            Outcome::Scored {
                status,
                tier,
                program,
                failing,
                group,
                ..
            } => (*status, *tier, *program, failing, group),
            Outcome::Rejected { id, errors } => {
                self.rejected += 1;
                if self.samples.len() < SAMPLES {
                    let first = errors.first().map_or(String::new(), problem_line);
                    self.samples.push((done.at, id.clone(), first));
                }
                return;
            }
        };
        self.scored += 1;
        if let Some(i) = Status::ALL.iter().position(|s| *s == status)
            && let Some(n) = self.status.get_mut(i)
        {
            *n += 1;
        }
        let label = tier.and_then(|t| self.labels.get(program)?.get(t));
        let t = super::tier_rank(&self.order, label.map(String::as_str));
        if let Some(n) = self.tiers.get_mut(t) {
            *n += 1;
        }
        if let Some(n) = self.used.get_mut(program) {
            *n += 1;
        }
        if let Some(place) = self.places.get(program) {
            for f in failing {
                let slot = usize::try_from(*f).ok().and_then(|f| place.get(f));
                if let Some(n) = slot.and_then(|s| self.failing.get_mut(*s)) {
                    *n += 1;
                }
            }
        }
        if self.field.is_some() {
            let name = group.as_deref().unwrap_or(NO_VALUE);
            let width = self.order.len() + 1;
            let g = self.groups.entry(vi_key(name)).or_insert_with(|| Group {
                tiers: vec![0; width],
                ..Group::default()
            });
            g.scored += 1;
            if status == Status::Recognized {
                g.recognized += 1;
            }
            if let Some(n) = g.tiers.get_mut(t) {
                *n += 1;
            }
        }
    }

    /// Tier labels for table headers, `không xếp loại` for records without a tier.
    fn tier_names(&self) -> Vec<String> {
        self.order
            .iter()
            .cloned()
            .chain(["Không xếp loại".to_string()])
            .collect()
    }

    /// The report page.
    pub fn page(&self) -> String {
        let mut page = Page::new(
            &format!(
                "Báo cáo chấm điểm: {}",
                self.identity.title(Some(&self.used))
            ),
            "Batch scoring report (tieuchi batch)",
        );
        page.section("Bộ tiêu chí", "Rules");
        self.identity.write(&mut page, Some(&self.used));

        page.section("Tổng quan", "Overview");
        page.para(&format!(
            "Đã đọc {} bản ghi = {} được chấm điểm + {} bị từ chối.",
            count(self.read),
            count(self.scored),
            count(self.rejected)
        ));
        let rows: Vec<Vec<String>> = Status::ALL
            .iter()
            .zip(self.status)
            .map(|(s, n)| vec![s.label_vi().to_string(), count(n), percent(n, self.scored)])
            .collect();
        page.table(&["Kết quả", "Số bản ghi", "Tỷ lệ"], &rows);

        page.section("Theo xếp loại", "By tier");
        let names = self.tier_names();
        let rows: Vec<Vec<String>> = names
            .iter()
            .zip(&self.tiers)
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| vec![t.clone(), count(*n), percent(*n, self.scored)])
            .collect();
        page.table(&["Xếp loại", "Số bản ghi", "Tỷ lệ"], &rows);
        let chart: Vec<Bar> = names
            .iter()
            .zip(&self.tiers)
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| Bar {
                label: t.clone(),
                value: *n,
                text: format!("{} ({})", count(*n), percent(*n, self.scored)),
            })
            .collect();
        page.raw(&bars("Số bản ghi theo xếp loại", &chart));

        if let Some((name, label)) = &self.field {
            self.groups_section(&mut page, name, label);
        }
        self.failing_section(&mut page);
        self.rejected_section(&mut page);
        page.finish()
    }

    /// Counts and recognition rate by tier for each group.
    fn groups_section(&self, page: &mut Page, name: &str, label: &str) {
        page.section(&format!("Theo {label}"), &format!("By {name}"));
        let names = self.tier_names();
        let mut header: Vec<&str> = vec![label, "Số bản ghi", "Được công nhận", "Tỷ lệ công nhận"];
        header.extend(names.iter().map(String::as_str));
        let rows: Vec<Vec<String>> = self
            .groups
            .iter()
            .map(|((_, _, group), g)| {
                let mut row = vec![
                    group.clone(),
                    count(g.scored),
                    count(g.recognized),
                    percent(g.recognized, g.scored),
                ];
                row.extend(g.tiers.iter().map(|n| count(*n)));
                row
            })
            .collect();
        page.table(&header, &rows);
        let chart: Vec<Bar> = self
            .groups
            .iter()
            .map(|((_, _, group), g)| Bar {
                label: group.clone(),
                value: g.recognized,
                text: format!(
                    "{}/{} ({})",
                    count(g.recognized),
                    count(g.scored),
                    percent(g.recognized, g.scored)
                ),
            })
            .collect();
        page.raw(&bars(&format!("Số được công nhận theo {label}"), &chart));
    }

    /// The wording of indicator `slot` in the first version that scored records, so that a
    /// directory's report shows the wording the records were scored under.
    fn label_used(&self, slot: usize) -> Option<&str> {
        self.places
            .iter()
            .zip(&self.wording)
            .zip(&self.used)
            .filter(|(_, n)| **n > 0)
            .find_map(|((place, words), _)| {
                let k = place.iter().position(|s| *s == slot)?;
                words.get(k).map(String::as_str)
            })
    }

    /// The indicators not met (or partly met) most often.
    fn failing_section(&self, page: &mut Page) {
        page.section(
            "Các chỉ tiêu chưa đạt nhiều nhất",
            "Indicators most often unmet or partly met",
        );
        let mut top: Vec<(usize, u64)> = self
            .failing
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .collect();
        // Most often first; the rules' order between equal counts.
        top.sort_by_key(|(i, n)| (std::cmp::Reverse(*n), *i));
        top.truncate(TOP);
        if top.is_empty() {
            page.para("Mọi bản ghi được chấm đều đạt đủ điểm ở mọi chỉ tiêu.");
            return;
        }
        page.para(&format!(
            "Số và tỷ lệ bản ghi được chấm (trên {}) có chỉ tiêu chưa đạt hoặc chỉ đạt một phần.",
            count(self.scored)
        ));
        let named: Vec<(&str, &str, u64)> = top
            .iter()
            .filter_map(|(i, n)| {
                self.indicators
                    .get(*i)
                    .map(|(id, label)| (id.as_str(), self.label_used(*i).unwrap_or(label), *n))
            })
            .collect();
        let rows: Vec<Vec<String>> = named
            .iter()
            .map(|(id, label, n)| {
                vec![
                    id.to_string(),
                    label.to_string(),
                    count(*n),
                    percent(*n, self.scored),
                ]
            })
            .collect();
        page.table(&["Chỉ tiêu", "Nội dung", "Số bản ghi", "Tỷ lệ"], &rows);
        let chart: Vec<Bar> = named
            .iter()
            .map(|(id, _, n)| Bar {
                label: id.to_string(),
                value: *n,
                text: format!("{} ({})", count(*n), percent(*n, self.scored)),
            })
            .collect();
        page.raw(&bars("Chỉ tiêu chưa đạt nhiều nhất", &chart));
    }

    /// The rejected count and the first reasons.
    fn rejected_section(&self, page: &mut Page) {
        page.section("Bản ghi bị từ chối", "Rejected records");
        if self.rejected == 0 {
            page.para("Không có bản ghi nào bị từ chối.");
            return;
        }
        page.para(&format!(
            "{} bản ghi bị từ chối (không được chấm điểm). {} đầu tiên:",
            count(self.rejected),
            self.samples.len()
        ));
        let position = position_header(self.position);
        let rows: Vec<Vec<String>> = self
            .samples
            .iter()
            .map(|(at, id, why)| vec![at.to_string(), id.clone().unwrap_or_default(), why.clone()])
            .collect();
        page.table(&[position, "Tên/mã", "Lý do"], &rows);
        if self.rejected > self.samples.len() as u64 {
            page.raw(&format!(
                "<p><small>{}</small></p>\n",
                esc("Thêm --rejects FILE để có danh sách đầy đủ (full list with --rejects FILE).")
            ));
        }
    }
}
