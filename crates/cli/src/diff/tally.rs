//! Counts of a diff, kept while results arrive in input order (never the records: the
//! changed ones are listed up to a cap), the CSV row of each changed record, and the
//! summary printed at the end.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use tieuchi_core::RecordError;
use tieuchi_core::wording::format_number;

use super::{Cause, Compared, Direction, Pair, Side};
use crate::batch::pipeline::Take;
use crate::batch::problem_line;
use crate::batch::progress::Progress;
use crate::batch::write::{Target, csv_record as record};
use crate::error::CliError;
use crate::report::{Identity, tier_rank, vi_key};

/// Changed records kept for the summary and the report.
pub const LISTED: usize = 500;
/// Changed records printed in the summary.
const PRINTED: usize = 50;
/// Rejected records kept with their first problem.
const SAMPLES: usize = 10;

/// A changed record, as listed.
pub struct Listed {
    /// Line or row.
    pub at: u64,
    /// Its id.
    pub id: Option<String>,
    /// The comparison.
    pub compared: Compared,
}

/// Counts of one group.
#[derive(Default)]
pub struct GroupDiff {
    /// Records compared.
    pub compared: u64,
    /// Records whose status or tier changed.
    pub changed: u64,
    /// Moved up.
    pub up: u64,
    /// Moved down.
    pub down: u64,
}

/// Counts of a diff run.
pub struct DiffTally {
    /// `line` or `row`.
    pub position: &'static str,
    /// Tier labels, highest first, over both.
    pub order: Vec<String>,
    /// OLD's rules.
    pub old: Identity,
    /// NEW's rules.
    pub new: Identity,
    /// Records compared, by the version of OLD and of NEW that scored them.
    pub used: (Vec<u64>, Vec<u64>),
    /// `--group-by` field name and label.
    pub field: Option<(String, String)>,
    /// Records read.
    pub read: u64,
    /// Records scored by both.
    pub compared: u64,
    /// Records rejected by OLD only, NEW only, both.
    pub rejected: [u64; 3],
    /// Records whose status or tier changed: up, down, other.
    pub moved: [u64; 3],
    /// Records whose points changed but not their status or tier.
    pub points_only: u64,
    /// Records by (old tier, new tier), as ranks in `order` (`order.len()`: no tier).
    pub matrix: BTreeMap<(usize, usize), u64>,
    /// Counts by group, in Vietnamese order.
    pub groups: BTreeMap<(Vec<u32>, Vec<u8>, String), GroupDiff>,
    /// The first changed records.
    pub listed: Vec<Listed>,
    /// The first rejected records: position, id, which rules, first problem.
    pub samples: Vec<(u64, Option<String>, Side, String)>,
}

impl DiffTally {
    /// Empty counts.
    pub fn new(
        position: &'static str,
        order: Vec<String>,
        old: Identity,
        new: Identity,
        field: Option<(String, String)>,
    ) -> Self {
        DiffTally {
            position,
            order,
            used: (vec![0; old.version_count()], vec![0; new.version_count()]),
            old,
            new,
            field,
            read: 0,
            compared: 0,
            rejected: [0; 3],
            moved: [0; 3],
            points_only: 0,
            matrix: BTreeMap::new(),
            groups: BTreeMap::new(),
            listed: Vec::new(),
            samples: Vec::new(),
        }
    }

    /// Records whose status or tier changed.
    pub fn changed(&self) -> u64 {
        self.moved.iter().sum()
    }

    /// Records rejected by either.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.iter().sum()
    }

    /// A tier's label from its rank (`không xếp loại` past the end).
    pub fn tier_name(&self, rank: usize) -> &str {
        self.order
            .get(rank)
            .map_or("không xếp loại", String::as_str)
    }

    /// Counts one result; returns it when it is a changed record (for the CSV file).
    pub fn add(&mut self, pair: Pair) -> Option<Listed> {
        self.read += 1;
        let c = match pair.result {
            Ok(c) => c,
            Err(rejection) => {
                let slot = match rejection.side {
                    Side::Old => 0,
                    Side::New => 1,
                    Side::Both => 2,
                };
                if let Some(n) = self.rejected.get_mut(slot) {
                    *n += 1;
                }
                if self.samples.len() < SAMPLES {
                    self.samples.push((
                        pair.at,
                        pair.id,
                        rejection.side,
                        first_problem(&rejection.errors),
                    ));
                }
                return None;
            }
        };
        self.compared += 1;
        let (o, n) = c.versions;
        if let Some(count) = self.used.0.get_mut(o) {
            *count += 1;
        }
        if let Some(count) = self.used.1.get_mut(n) {
            *count += 1;
        }
        let from = tier_rank(&self.order, c.old.tier.as_deref());
        let to = tier_rank(&self.order, c.new.tier.as_deref());
        *self.matrix.entry((from, to)).or_insert(0) += 1;
        let group = self.field.as_ref().map(|_| {
            let name = pair.group.as_deref().unwrap_or("(không có giá trị)");
            self.groups.entry(vi_key(name)).or_default()
        });
        let Some(direction) = c.direction else {
            if c.old.total != c.new.total {
                self.points_only += 1;
            }
            if let Some(g) = group {
                g.compared += 1;
            }
            return None;
        };
        let slot = match direction {
            Direction::Up => 0,
            Direction::Down => 1,
            Direction::Other => 2,
        };
        if let Some(n) = self.moved.get_mut(slot) {
            *n += 1;
        }
        if let Some(g) = group {
            g.compared += 1;
            g.changed += 1;
            g.up += u64::from(direction == Direction::Up);
            g.down += u64::from(direction == Direction::Down);
        }
        Some(Listed {
            at: pair.at,
            id: pair.id,
            compared: c,
        })
    }

    /// The summary: counts, moves by tier pair and by group, the first changed and rejected
    /// records. Vietnamese first, English in brackets.
    pub fn text(&self, output: Option<&str>) -> String {
        let mut out = format!(
            "đọc {} bản ghi (records read): {} so sánh được (compared), {} bị từ chối (rejected)\n",
            self.read,
            self.compared,
            self.rejected_total()
        );
        let [up, down, other] = self.moved;
        out.push_str(&format!(
            "đổi kết quả hoặc xếp loại (changed) {}: lên (up) {up}, xuống (down) {down}, khác (other) {other}; chỉ đổi điểm (points only): {}\n",
            self.changed(),
            self.points_only
        ));
        let pairs: Vec<String> = self
            .matrix
            .iter()
            .filter(|((a, b), _)| a != b)
            .map(|((a, b), n)| format!("  {} → {}: {n}\n", self.tier_name(*a), self.tier_name(*b)))
            .collect();
        if !pairs.is_empty() {
            out.push_str("xếp loại cũ → mới (old → new tier):\n");
            out.push_str(&pairs.concat());
        }
        if let Some((name, _)) = &self.field {
            out.push_str(&format!(
                "theo {name} (by group): so sánh, đổi, lên, xuống\n"
            ));
            for ((_, _, g), d) in &self.groups {
                out.push_str(&format!(
                    "  {g}: {} so sánh, {} đổi, {} lên, {} xuống\n",
                    d.compared, d.changed, d.up, d.down
                ));
            }
        }
        if !self.listed.is_empty() {
            out.push_str("bản ghi đổi xếp loại (changed records):\n");
            for l in self.listed.iter().take(PRINTED) {
                out.push_str(&format!("  {} {}: {}\n", self.position, l.at, line(l)));
            }
            let changed = self.changed();
            let shown = self.listed.len().min(PRINTED) as u64;
            if changed > shown {
                let hint = output.map_or_else(
                    || {
                        "thêm --output FILE.csv để có đủ (add --output FILE.csv for all)"
                            .to_string()
                    },
                    |f| format!("đủ trong {f} (all in {f})"),
                );
                out.push_str(&format!("  … và {} bản ghi nữa; {hint}\n", changed - shown));
            }
        }
        if !self.samples.is_empty() {
            out.push_str("bản ghi bị từ chối (rejected records):\n");
            for (at, _, side, why) in &self.samples {
                out.push_str(&format!(
                    "  {} {at} ({}): {why}\n",
                    self.position,
                    side.vi()
                ));
            }
            let total = self.rejected_total();
            if total > self.samples.len() as u64 {
                out.push_str(&format!(
                    "  … và {} bản ghi nữa\n",
                    total - self.samples.len() as u64
                ));
            }
        }
        out
    }
}

/// `Sở … : Khá 84,44 → Tốt 85,51 (lên) U2 …` for the summary.
fn line(l: &Listed) -> String {
    let c = &l.compared;
    let side = |v: &super::Verdict| {
        format!(
            "{} {}",
            v.tier.as_deref().unwrap_or(v.status.label_vi()),
            format_number(v.total)
        )
    };
    format!(
        "{}: {} → {} ({}); {}",
        l.id.as_deref().unwrap_or("-"),
        side(&c.old),
        side(&c.new),
        c.direction.map_or("", Direction::vi),
        causes_text(&c.causes, format_number)
    )
}

/// `U2 24,5→26 U2.4 3,5→5`; a missing side is `–`.
pub fn causes_text(causes: &[Cause], number: fn(Decimal) -> String) -> String {
    let side = |p: Option<Decimal>| p.map_or_else(|| "–".to_string(), number);
    causes
        .iter()
        .map(|c| format!("{} {}→{}", c.id, side(c.old), side(c.new)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A number as in the batch CSV (`84.44`, `85`).
fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// `[R009] /members_compliant: …`.
fn first_problem(errors: &[RecordError]) -> String {
    let Some(e) = errors.first() else {
        return String::new();
    };
    let more = if errors.len() > 1 {
        format!(" (+{})", errors.len() - 1)
    } else {
        String::new()
    };
    format!("{}{more}", problem_line(e))
}

/// The CSV header of `--output`.
pub fn header(position: &str, group: Option<&str>) -> Result<Vec<u8>, CliError> {
    let fixed = [
        position,
        "id",
        "old_status",
        "old_tier",
        "old_total",
        "new_status",
        "new_tier",
        "new_total",
        "direction",
        "changes",
    ];
    record(fixed.iter().copied().chain(group).map(str::to_string))
}

/// The CSV row of a changed record; `group` its `--group-by` value when asked for.
pub fn row(l: &Listed, group: Option<Option<&str>>) -> Result<Vec<u8>, CliError> {
    let c = &l.compared;
    let fields = [
        l.at.to_string(),
        l.id.clone().unwrap_or_default(),
        c.old.status.code().to_string(),
        c.old.tier.clone().unwrap_or_default(),
        plain(c.old.total),
        c.new.status.code().to_string(),
        c.new.tier.clone().unwrap_or_default(),
        plain(c.new.total),
        c.direction.map_or("", Direction::as_str).to_string(),
        causes_text(&c.causes, plain),
    ];
    let extra = group.map(|g| g.unwrap_or_default().to_string());
    record(fields.into_iter().chain(extra))
}

/// Where diff results go: the CSV file, the counts, the progress line.
pub struct DiffWriters {
    /// `--output`.
    pub output: Option<Target>,
    /// The counts.
    pub tally: DiffTally,
    /// The progress line.
    pub progress: Progress,
}

impl Take<Pair> for DiffWriters {
    fn take(&mut self, pair: Pair, _: &[u8]) -> Result<(), CliError> {
        let group = pair.group.clone();
        let Some(listed) = self.tally.add(pair) else {
            return Ok(());
        };
        if let Some(out) = &mut self.output {
            let g = self.tally.field.as_ref().map(|_| group.as_deref());
            out.write(&row(&listed, g)?)?;
        }
        if self.tally.listed.len() < LISTED {
            self.tally.listed.push(listed);
        }
        Ok(())
    }

    fn progress(&mut self) -> &mut Progress {
        &mut self.progress
    }
}
