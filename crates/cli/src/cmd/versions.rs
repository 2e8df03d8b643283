//! Several versions of a model in one directory: the version in force for a record's
//! assessment date, province and scope, and the check that no two versions of the same
//! scope and jurisdiction are in force at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tieuchi_core::Program;
use tieuchi_syntax::Message;
use time::Date;

use crate::error::{CliError, NoVersion};
use crate::{files, render};

/// A checked rule file of a directory.
pub struct Version {
    /// Its path.
    pub path: PathBuf,
    /// The checked program.
    pub program: Program,
}

/// Checks every rule file under `dir`; files with errors are left out (and named on stderr).
pub fn load_all(dir: &Path) -> Result<Vec<Version>, CliError> {
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

/// Model id, jurisdiction and scope: versions that must not be in force on the same day.
type Group<'a> = (&'a str, &'a str, Option<&'a str>);
/// A version with its name in messages.
type Named<'a> = (&'a str, &'a Program);

/// Versions of the same model, jurisdiction and scope that are in force on a same day: one
/// C017 per group of versions whose periods overlap, listing them. The versions of each
/// model, jurisdiction and scope are sorted by start date and swept once, so time and memory
/// grow with the number of versions, not with the number of pairs (4,000 versions in force
/// at once made 8 million pair messages, 3.2 GB, before).
pub fn overlaps(versions: &[(String, &Program)]) -> Vec<Overlap> {
    let mut groups: BTreeMap<Group<'_>, Vec<Named<'_>>> = BTreeMap::new();
    for (name, p) in versions {
        let m = &p.model;
        groups
            .entry((m.id.as_str(), m.jurisdiction.as_str(), m.scope.as_deref()))
            .or_default()
            .push((name.as_str(), p));
    }
    let mut out = Vec::new();
    for ((model, jurisdiction, scope), mut group) in groups {
        // No start date sorts first: such a version is in force from the beginning.
        group.sort_by_key(|(name, p)| (p.model.valid_from, *name));
        let mut cluster: Vec<(&str, &Program)> = Vec::new();
        // The latest end of the cluster (`None`: open-ended).
        let mut end: Option<Date> = None;
        for (name, p) in group {
            let joins = !cluster.is_empty()
                && match (p.model.valid_from, end) {
                    (Some(from), Some(end)) => from <= end,
                    _ => true,
                };
            if !joins {
                out.extend(c017(model, jurisdiction, scope, &cluster));
                cluster.clear();
                end = p.model.valid_to;
            } else {
                end = end.zip(p.model.valid_to).map(|(a, b)| a.max(b));
            }
            cluster.push((name, p));
        }
        out.extend(c017(model, jurisdiction, scope, &cluster));
    }
    out
}

/// C017: versions of one model, jurisdiction and scope in force on the same days.
pub struct Overlap {
    /// What is wrong.
    pub message: Message,
    /// What to do.
    pub help: Message,
    /// The versions: file and period.
    pub versions: Vec<(String, String)>,
}

impl Overlap {
    /// The stable code.
    pub const CODE: &'static str = "C017";

    /// The problem as `tieuchi check` prints it.
    pub fn human(&self) -> String {
        let list: Vec<String> = self
            .versions
            .iter()
            .map(|(name, period)| format!("  - {name} ({period})"))
            .collect();
        format!(
            "error[{}]: {}:\n{}\n  help: {}",
            Self::CODE,
            render::say(&self.message),
            list.join("\n"),
            render::say(&self.help)
        )
    }

    /// The problem as a JSON object, in the shape of the diagnostics of `check --format json`.
    pub fn json(&self) -> serde_json::Value {
        let lang = render::lang();
        serde_json::json!({
            "code": Self::CODE,
            "severity": "error",
            "message": self.message.show(lang),
            "help": self.help.show(lang),
            "versions": self.versions.iter()
                .map(|(file, period)| serde_json::json!({"file": file, "period": period}))
                .collect::<Vec<_>>(),
        })
    }
}

/// The C017 error of a group of overlapping versions, when there are at least two.
fn c017(
    model: &str,
    jurisdiction: &str,
    scope: Option<&str>,
    cluster: &[(&str, &Program)],
) -> Option<Overlap> {
    if cluster.len() < 2 {
        return None;
    }
    let n = cluster.len();
    let (vi_scope, en_scope) = match scope {
        Some(s) => (format!(", phạm vi {s}"), format!(", scope {s}")),
        None => (String::new(), String::new()),
    };
    let message = Message::new(
        format!(
            "{n} phiên bản của mô hình `{model}` ({jurisdiction}{vi_scope}) có hiệu lực chồng lên nhau"
        ),
        format!(
            "{n} versions of model `{model}` ({jurisdiction}{en_scope}) are in force on the same days"
        ),
    );
    let help = Message::new(
        "hãy cho phiên bản cũ kết thúc trước ngày phiên bản mới bắt đầu (`valid from … to …`), hoặc đặt `jurisdiction` hay `scope` khác nhau",
        "end the older version before the newer one starts, or give them different jurisdictions or scopes",
    );
    let versions = cluster
        .iter()
        .map(|(name, p)| ((*name).to_string(), period(p)))
        .collect();
    Some(Overlap {
        message,
        help,
        versions,
    })
}

/// `2020-09-21 → 2023-12-10`, `2024-02-12 →`.
fn period(p: &Program) -> String {
    let d = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("{} → {}", d(p.model.valid_from), d(p.model.valid_to))
        .trim_end()
        .to_string()
}

/// A version as messages name it: path, scope, validity and jurisdiction.
fn describe(v: &Version) -> String {
    let m = &v.program.model;
    format!(
        "{} (phạm vi (scope) {}, hiệu lực (valid) {}, {})",
        v.path.display(),
        m.scope.as_deref().unwrap_or("–"),
        period(&v.program),
        if m.jurisdiction == "national" {
            "toàn quốc (national)".to_string()
        } else {
            format!("tỉnh mã (province) {}", m.jurisdiction)
        }
    )
}

/// The assessment date of a record: `assessment_date`, or 31 December of `assessment_year`.
/// An `assessment_date` that is not a date is an error, never passed over for the year.
fn record_date(record: &serde_json::Value) -> Result<Date, NoVersion> {
    if let Some(d) = record.get("assessment_date").filter(|d| !d.is_null()) {
        return d
            .as_str()
            .and_then(tieuchi_core::record::parse_date)
            .ok_or_else(|| NoVersion::BadDate(d.clone()));
    }
    record
        .get("assessment_year")
        .and_then(serde_json::Value::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .and_then(|y| Date::from_calendar_date(y, time::Month::December, 31).ok())
        .ok_or(NoVersion::NoDate)
}

/// For a record scored under one rule file named on the command line: a warning when its
/// assessment date (`assessment_date`, or 31 December of `assessment_year`) falls outside
/// the file's validity, so that an answer under rules not in force that day is never given
/// without saying so. Nothing when the record states no date or is not JSON.
pub fn out_of_force(file: &Path, program: &Program, record: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(record).ok()?;
    let date = record_date(&value).ok()?;
    let m = &program.model;
    let in_force = m.valid_from.is_none_or(|f| f <= date) && m.valid_to.is_none_or(|t| date <= t);
    (!in_force).then(|| {
        format!(
            "cảnh báo (warning): ngày đánh giá {date} nằm ngoài thời gian hiệu lực của {} ({}): kết quả dưới đây theo quy định không có hiệu lực vào ngày đó; hãy chỉ định thư mục các phiên bản (ví dụ `{}`) để chọn đúng phiên bản (the assessment date is outside the file's validity: the answer below follows rules not in force that day; name the directory of versions to pick the right one)",
            file.display(),
            period(program),
            file.parent().map_or_else(|| ".".to_string(), |d| format!("{}/", d.display())),
        )
    })
}

/// A text selector of the record (`province_code`, `scope`); a value that is not text is
/// an error rather than ignored.
fn record_text<'r>(
    record: &'r serde_json::Value,
    name: &str,
) -> Result<Option<&'r str>, NoVersion> {
    match record.get(name) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => v.as_str().map(Some).ok_or_else(|| NoVersion::NotText {
            name: name.to_string(),
            value: v.clone(),
        }),
    }
}

/// What chooses the version besides the record: `--province` and `--scope`.
#[derive(Default, Clone)]
pub struct Selectors {
    /// `--province`: replaces the record's `province_code`.
    pub province: Option<String>,
    /// `--scope`: the scope of every record (a record stating another is refused).
    pub scope: Option<String>,
}

impl Selectors {
    /// The problem with the options for a single rule file (not a directory): a `--scope`
    /// or `--province` the file is not for.
    pub fn check_file(&self, program: &Program) -> Result<(), CliError> {
        let options = [("scope", &self.scope), ("province_code", &self.province)];
        for (name, value) in options {
            if let Some(v) = value
                && let Some(e) = tieuchi_core::record::selector_error(
                    program,
                    name,
                    &serde_json::Value::String(v.clone()),
                )
            {
                return Err(CliError::Selector(e));
            }
        }
        Ok(())
    }
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
    pub fn load(dir: &Path) -> Result<Self, CliError> {
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
        selectors: &Selectors,
    ) -> Result<(&Version, String), CliError> {
        let record: serde_json::Value = serde_json::from_str(text).map_err(NoVersion::NotJson)?;
        self.pick(&record, selectors)
    }

    /// Picks the version for a record, and says which and why. The scope is stated (the
    /// record's `scope` or `--scope`), never guessed: when the directory's versions differ in
    /// scope and none is stated, the record is refused. Among the versions of that scope (and
    /// those declaring none), the ones in force on the assessment date for the province; a
    /// province's own version replaces the national version of the same scope only.
    pub fn pick(
        &self,
        record: &serde_json::Value,
        selectors: &Selectors,
    ) -> Result<(&Version, String), CliError> {
        let date = record_date(record)?;
        let province = match &selectors.province {
            Some(p) => Some(p.as_str()),
            None => record_text(record, "province_code")?,
        };
        let stated = record_text(record, "scope")?;
        let scope = match (selectors.scope.as_deref(), stated) {
            (Some(option), Some(record)) if option != record => {
                return Err(NoVersion::ScopeConflict {
                    record: record.to_string(),
                    option: option.to_string(),
                }
                .into());
            }
            (option, record) => option.or(record),
        };
        let scopes = self.scopes();
        let of_scope: Vec<&Version> = match scope {
            Some(s) => {
                let found: Vec<&Version> = self
                    .all
                    .iter()
                    .filter(|v| v.program.model.scope.as_deref().is_none_or(|x| x == s))
                    .collect();
                if found.is_empty() {
                    return Err(NoVersion::NoScope {
                        dir: self.dir.clone(),
                        scope: s.to_string(),
                        scopes,
                    }
                    .into());
                }
                found
            }
            None if scopes.len() > 1 => {
                return Err(NoVersion::ScopesDiffer {
                    dir: self.dir.clone(),
                    scopes,
                }
                .into());
            }
            None => self.all.iter().collect(),
        };
        let in_force = |p: &Program| {
            p.model.valid_from.is_none_or(|f| f <= date)
                && p.model.valid_to.is_none_or(|t| date <= t)
        };
        let applies = |p: &Program| {
            p.model.jurisdiction == "national" || Some(p.model.jurisdiction.as_str()) == province
        };
        let mut candidates: Vec<&Version> = of_scope
            .iter()
            .copied()
            .filter(|v| in_force(&v.program) && applies(&v.program))
            .collect();
        if candidates.is_empty() {
            return Err(NoVersion::NoneInForce {
                dir: self.dir.clone(),
                date,
                scope: scope.map(str::to_string),
                versions: of_scope.iter().map(|v| describe(v)).collect(),
            }
            .into());
        }
        // A province's own adaptation replaces the national version of the same scope.
        let provincial: Vec<Option<String>> = candidates
            .iter()
            .filter(|v| v.program.model.jurisdiction != "national")
            .map(|v| v.program.model.scope.clone())
            .collect();
        candidates.retain(|v| {
            v.program.model.jurisdiction != "national"
                || !provincial.contains(&v.program.model.scope)
        });
        let chosen = match candidates.as_slice() {
            [only] => *only,
            several => {
                return Err(NoVersion::Several {
                    date,
                    versions: several.iter().map(|v| describe(v)).collect(),
                }
                .into());
            }
        };
        let why = format!(
            "Đã chọn {} ({}): có hiệu lực {} cho {}{}, áp dụng cho ngày đánh giá {}",
            chosen.path.display(),
            chosen.program.model.version,
            period(&chosen.program),
            if chosen.program.model.jurisdiction == "national" {
                "toàn quốc".to_string()
            } else {
                format!("tỉnh/thành phố mã {}", chosen.program.model.jurisdiction)
            },
            chosen
                .program
                .model
                .scope
                .as_deref()
                .map(|s| format!(", phạm vi {s}"))
                .unwrap_or_default(),
            date
        );
        Ok((chosen, why))
    }

    /// The distinct scopes the versions declare, each with its versions' file names, sorted.
    fn scopes(&self) -> Vec<(String, Vec<String>)> {
        let mut out: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for v in &self.all {
            if let Some(s) = v.program.model.scope.as_deref() {
                let name = v.path.file_name().map_or_else(
                    || v.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                out.entry(s).or_default().push(name);
            }
        }
        out.into_iter()
            .map(|(s, files)| (s.to_string(), files))
            .collect()
    }
}
