//! Several versions of a model in one directory: the version in force for a record's
//! assessment date and province, and the check that no two versions are in force at once.

use std::path::{Path, PathBuf};

use tieuchi_core::{Program, decode_value};
use time::Date;

use crate::files;

/// A checked rule file of a directory.
pub struct Version {
    /// Its path.
    pub path: PathBuf,
    /// The checked program.
    pub program: Program,
}

/// Checks every rule file under `dir`; files with errors are left out (and named on stderr).
pub fn load_all(dir: &Path) -> Result<Vec<Version>, String> {
    let mut out = Vec::new();
    for path in files::rule_files(&[dir.to_path_buf()])? {
        let compiled = super::compile_path(&path)?;
        match compiled.program {
            Some(program) => out.push(Version { path, program }),
            None => errln!(
                "cảnh báo (warning): {} có lỗi nên bị bỏ qua (has errors and is left out); hãy chạy `tieuchi check` với tệp này",
                path.display()
            ),
        }
    }
    Ok(out)
}

/// True when the validity periods of two programs share a day.
fn overlap(a: &Program, b: &Program) -> bool {
    let starts_before_end = |x: &Program, y: &Program| match (x.model.valid_from, y.model.valid_to)
    {
        (Some(from), Some(to)) => from <= to,
        _ => true,
    };
    starts_before_end(a, b) && starts_before_end(b, a)
}

/// Pairs of versions of the same model, jurisdiction and scope that are in force on a same day.
pub fn overlaps<'a>(versions: &'a [(String, &'a Program)]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (na, a)) in versions.iter().enumerate() {
        for (nb, b) in versions.iter().skip(i + 1) {
            let same = a.model.id == b.model.id
                && a.model.jurisdiction == b.model.jurisdiction
                && a.model.scope == b.model.scope;
            if same && overlap(a, b) {
                let scope = a
                    .model
                    .scope
                    .as_deref()
                    .map(|s| format!(", scope {s}"))
                    .unwrap_or_default();
                out.push(format!(
                    "error[C017]: {na} ({}) and {nb} ({}) are both in force on some days for model `{}` ({}{scope})\n  help: end the older version with `valid from … to …`, or give them different `jurisdiction` or `scope`",
                    period(a),
                    period(b),
                    a.model.id,
                    a.model.jurisdiction,
                ));
            }
        }
    }
    out
}

/// `2020-09-21 → 2023-12-10`, `2024-02-12 →`.
fn period(p: &Program) -> String {
    let d = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("{} → {}", d(p.model.valid_from), d(p.model.valid_to))
        .trim_end()
        .to_string()
}

/// The assessment date of a record: `assessment_date`, or 31 December of `assessment_year`.
fn record_date(record: &serde_json::Value) -> Option<Date> {
    if let Some(d) = record
        .get("assessment_date")
        .and_then(|v| v.as_str())
        .and_then(tieuchi_core::record::parse_date)
    {
        return Some(d);
    }
    let year = i32::try_from(record.get("assessment_year")?.as_i64()?).ok()?;
    Date::from_calendar_date(year, time::Month::December, 31).ok()
}

/// Every checked version of a model directory, compiled once: pick the one in force for
/// each record without reading the files again.
pub struct Versions {
    /// The directory, for messages.
    dir: PathBuf,
    /// The versions without errors, sorted by path.
    all: Vec<Version>,
}

impl Versions {
    /// Checks every rule file under `dir` (files with errors are left out, named on stderr).
    pub fn load(dir: &Path) -> Result<Self, String> {
        Ok(Self {
            dir: dir.to_path_buf(),
            all: load_all(dir)?,
        })
    }

    /// The versions, sorted by path.
    pub fn all(&self) -> &[Version] {
        &self.all
    }

    /// Picks the version in force for a record given as JSON text, and says which and why.
    pub fn pick_text(
        &self,
        text: &str,
        province: Option<&str>,
    ) -> Result<(&Version, String), String> {
        let record: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            format!(
                "the record is not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            )
        })?;
        self.pick(&record, province)
    }

    /// Picks the version in force for a record, and says which and why: the record's
    /// assessment date, a province's own version before the national one, and among versions
    /// of different scopes the one whose input declaration fits the record best.
    pub fn pick(
        &self,
        record: &serde_json::Value,
        province: Option<&str>,
    ) -> Result<(&Version, String), String> {
        let date = record_date(record).ok_or(
            "bản ghi không có `assessment_date` hay `assessment_year` nên không chọn được phiên bản đang có hiệu lực (the record has no assessment date or year, so the version in force cannot be chosen); hãy thêm một trong hai, hoặc chỉ định một tệp quy tắc thay cho thư mục",
        )?;
        let province = province.or_else(|| record.get("province_code").and_then(|v| v.as_str()));
        let in_force = |p: &Program| {
            p.model.valid_from.is_none_or(|f| f <= date)
                && p.model.valid_to.is_none_or(|t| date <= t)
        };
        let applies = |p: &Program| {
            p.model.jurisdiction == "national" || Some(p.model.jurisdiction.as_str()) == province
        };
        let mut candidates: Vec<&Version> = self
            .all
            .iter()
            .filter(|v| in_force(&v.program) && applies(&v.program))
            .collect();
        if candidates.is_empty() {
            let listing: Vec<String> = self
                .all
                .iter()
                .map(|v| {
                    format!(
                        "{} ({}, {})",
                        v.path.display(),
                        period(&v.program),
                        v.program.model.jurisdiction
                    )
                })
                .collect();
            return Err(format!(
                "no rule file in {} is in force on {date} for this record; versions found: {}",
                self.dir.display(),
                listing.join("; ")
            ));
        }
        // A province's own adaptation wins over the national rules.
        if candidates
            .iter()
            .any(|v| v.program.model.jurisdiction != "national")
        {
            candidates.retain(|v| v.program.model.jurisdiction != "national");
        }
        let chosen = if let [only] = candidates.as_slice() {
            *only
        } else {
            // Several in force (different scopes): the one whose input fits the record.
            let mut scored: Vec<(usize, &Version)> = candidates
                .into_iter()
                .map(|v| (decode_value(&v.program, record).errors.len(), v))
                .collect();
            scored.sort_by_key(|(errors, _)| *errors);
            let mut scored = scored.into_iter();
            let Some((errors, chosen)) = scored.next() else {
                return Err("không có phiên bản nào để chọn (no version to choose)".to_string());
            };
            if let Some((tie, other)) = scored.next().filter(|(e, _)| *e == errors) {
                return Err(format!(
                    "{} and {} are both in force on {date} and fit the record equally ({tie} problems each); name the rule file to use",
                    chosen.path.display(),
                    other.path.display()
                ));
            }
            chosen
        };
        let why = format!(
            "Đã chọn {} ({}): có hiệu lực {} cho {}, áp dụng cho ngày đánh giá {}",
            chosen.path.display(),
            chosen.program.model.version,
            period(&chosen.program),
            if chosen.program.model.jurisdiction == "national" {
                "toàn quốc".to_string()
            } else {
                format!("tỉnh/thành phố mã {}", chosen.program.model.jurisdiction)
            },
            date
        );
        Ok((chosen, why))
    }
}
