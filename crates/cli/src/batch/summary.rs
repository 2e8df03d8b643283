//! Counts kept while results are written, and the summary printed on stderr at the end:
//! read = scored + rejected, counts by status, by tier and (for a directory) by version.

use std::time::Duration;

use tieuchi_core::{Program, Status};

use super::{Done, Outcome, problem_line};
use crate::report::tier_labels;

/// How many rejected records are shown on stderr when there is no rejects file.
const SHOWN: usize = 10;

/// Counts of a run.
pub struct Summary {
    /// Records read.
    pub read: u64,
    /// Records scored.
    pub scored: u64,
    /// Records rejected.
    pub rejected: u64,
    /// Scored records by status, in first-seen order.
    status: Vec<(Status, u64)>,
    /// Scored records by program and tier position (`None`: no tier decided), first-seen order.
    tiers: Vec<((usize, Option<usize>), u64)>,
    /// Scored records by program, in the programs' order.
    used: Vec<u64>,
    /// Each program's version label and tier labels.
    names: Vec<(String, Vec<String>)>,
    /// The first rejected records, one line each, for stderr.
    samples: Vec<String>,
}

/// Adds one to the count of `key`.
fn bump<K: PartialEq>(counts: &mut Vec<(K, u64)>, key: K) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => counts.push((key, 1)),
    }
}

impl Summary {
    /// Empty counts for a run over `programs`.
    pub fn new(programs: &[&Program]) -> Self {
        Summary {
            read: 0,
            scored: 0,
            rejected: 0,
            status: Vec::new(),
            tiers: Vec::new(),
            used: vec![0; programs.len()],
            names: programs
                .iter()
                .map(|p| (p.model.version.clone(), tier_labels(p)))
                .collect(),
            samples: Vec::new(),
        }
    }

    /// Counts a result; `position` is `line` or `row`.
    pub fn add(&mut self, done: &Done, position: &str) {
        self.read += 1;
        match &done.outcome {
            Outcome::Scored {
                status,
                tier,
                program,
                ..
            } => {
                self.scored += 1;
                bump(&mut self.status, *status);
                bump(&mut self.tiers, (*program, *tier));
                if let Some(n) = self.used.get_mut(*program) {
                    *n += 1;
                }
            }
            Outcome::Rejected { errors, .. } => {
                self.rejected += 1;
                if self.samples.len() < SHOWN {
                    let first = errors.first().map_or(String::new(), problem_line);
                    let more = if errors.len() > 1 {
                        format!(" (+{} more)", errors.len() - 1)
                    } else {
                        String::new()
                    };
                    self.samples
                        .push(format!("  {} {}: {first}{more}", said(position), done.at));
                }
            }
        }
    }

    /// Scored records by tier label (`None`: no tier decided), in first-seen order.
    fn by_tier(&self) -> Vec<(Option<String>, u64)> {
        let mut out = Vec::new();
        for ((program, tier), n) in &self.tiers {
            let label = tier.and_then(|t| self.names.get(*program)?.1.get(t).cloned());
            match out.iter_mut().find(|(l, _)| *l == label) {
                Some((_, m)) => *m += n,
                None => out.push((label, *n)),
            }
        }
        out
    }

    /// The summary text. `tier_order` lists the tier labels as the rules declare them;
    /// `rejects` names the rejects file, if any; `versions` asks for the count by version.
    pub fn text(
        &self,
        tier_order: &[&str],
        rejects: Option<&str>,
        versions: bool,
        took: Duration,
    ) -> String {
        let mut out = String::new();
        if self.rejected > 0 {
            match rejects {
                Some(file) => out.push_str(&format!(
                    "{n} bản ghi bị loại, có lý do trong {file} ({n} records rejected, listed with their reasons in {file})\n",
                    n = self.rejected
                )),
                None => {
                    out.push_str("bản ghi bị loại, không có trong kết quả (rejected records, not in the output):\n");
                    for s in &self.samples {
                        out.push_str(s);
                        out.push('\n');
                    }
                    if self.rejected > self.samples.len() as u64 {
                        out.push_str(&format!(
                            "  … và {} bản ghi nữa (and more)\n",
                            self.rejected - self.samples.len() as u64
                        ));
                    }
                    out.push_str("  gợi ý (help): thêm --rejects FILE để ghi mọi bản ghi bị loại cùng mọi lỗi của nó (add --rejects FILE to list every rejected record with all its problems)\n");
                }
            }
        }
        out.push_str(&format!(
            "đã đọc (read) {} bản ghi (records): {} được chấm (scored), {} bị loại (rejected)\n",
            self.read, self.scored, self.rejected
        ));
        let mut status = self.status.clone();
        let rank = |s: &Status| Status::ALL.iter().position(|x| x == s);
        status.sort_by_key(|(s, _)| rank(s));
        let status_name = |s: &Status| format!("{} ({})", s.label_vi().to_lowercase(), s.code());
        out.push_str(&format!(
            "kết quả (status): {}\n",
            list(status.iter().map(|(s, n)| (status_name(s), *n)))
        ));
        let mut tiers = self.by_tier();
        let place = |t: &Option<String>| match t {
            Some(t) => tier_order
                .iter()
                .position(|x| x == t)
                .unwrap_or(usize::MAX - 1),
            None => usize::MAX,
        };
        tiers.sort_by_key(|(t, _)| place(t));
        out.push_str(&format!(
            "xếp loại (tier): {}\n",
            list(
                tiers
                    .into_iter()
                    .map(|(t, n)| (t.unwrap_or_else(|| "không xếp loại (none)".into()), n))
            )
        ));
        if versions {
            out.push_str(&format!(
                "phiên bản (version): {}\n",
                list(
                    self.names
                        .iter()
                        .zip(&self.used)
                        .filter(|(_, n)| **n > 0)
                        .map(|((v, _), n)| (v.clone(), *n))
                )
            ));
        }
        let secs = took.as_secs_f64();
        if secs > 0.0 {
            out.push_str(&format!(
                "thời gian (took) {secs:.2} s ({:.0} bản ghi/giây, records/s)\n",
                self.read as f64 / secs
            ));
        }
        out
    }
}

/// `a 3, b 2`, or `-` for nothing.
fn list(items: impl Iterator<Item = (String, u64)>) -> String {
    let parts: Vec<String> = items.map(|(k, n)| format!("{k} {n}")).collect();
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(", ")
    }
}

/// A record's position named in Vietnamese: `dòng` for a line of a text file or a row of a
/// sheet (`line`, `row` are the keys of the machine-readable outputs).
fn said(position: &str) -> &'static str {
    match position {
        "row" => "dòng (row)",
        _ => "dòng (line)",
    }
}
