//! Scoring one record: the version in force (for a directory of versions), decoding,
//! evaluation, the answer and its output line. A record with any problem is rejected with
//! every problem found, each at its JSON path.

use std::borrow::Cow;
use std::path::Path;

use tieuchi_core::program::FieldType;
use tieuchi_core::value::Value;
use tieuchi_core::{
    Decoded, Detail, Evaluation, Outcome as Met, Program, RecordError, decode_str, decode_value,
    evaluate,
};

use super::columns::{Columns, ItemPlace, strip_position};
use super::write::Lines;
use super::{Body, Done, Outcome, Raw, problem};
use crate::cmd::versions::{Selectors, Versions};
use crate::error::{CliError, Usage};
use tieuchi_core::RecordCode;

/// The rules records are scored by, compiled once for the whole run.
pub enum Rules {
    /// One rule file.
    One(Box<Program>),
    /// A directory of versions: the one in force is picked for each record.
    Versions {
        /// Every version without errors.
        versions: Versions,
        /// `--province` and `--scope`, else each record's `province_code` and `scope`.
        selectors: Selectors,
    },
}

impl Rules {
    /// Compiles a rule file, or every version in a directory; problems go to stderr.
    pub fn load(path: &Path, selectors: &Selectors) -> Result<Self, CliError> {
        if !path.is_dir() {
            return match crate::cmd::load(path) {
                Some((_, program)) => {
                    selectors.check_file(&program)?;
                    Ok(Rules::One(Box::new(program)))
                }
                None => Err(CliError::RulesHaveErrors(path.to_path_buf())),
            };
        }
        let versions = Versions::load(path)?;
        if versions.all().is_empty() {
            return Err(CliError::NoUsableRules(path.to_path_buf()));
        }
        Ok(Rules::Versions {
            versions,
            selectors: selectors.clone(),
        })
    }

    /// The place of `program` (one of these rules' programs) in [`Rules::programs`].
    pub fn position(&self, program: &Program) -> usize {
        match self {
            Rules::One(_) => 0,
            Rules::Versions { versions, .. } => versions
                .all()
                .iter()
                .position(|v| std::ptr::eq(&v.program, program))
                .unwrap_or(0),
        }
    }

    /// Every program, in the order versions are listed.
    pub fn programs(&self) -> Vec<&Program> {
        match self {
            Rules::One(p) => vec![p],
            Rules::Versions { versions, .. } => versions.all().iter().map(|v| &v.program).collect(),
        }
    }

    /// Decodes and evaluates a record read by [`read`] under these rules; the problems already
    /// found in its cells (`errors`) reject it too. A rejected record comes back with every
    /// problem and its id when it could be read.
    pub fn judge<'s>(
        &'s self,
        input: &mut Input<'_>,
        mut errors: Vec<RecordError>,
        id_field: Option<&'s str>,
        located: Option<(&Columns, &[ItemPlace])>,
    ) -> Result<Judged<'s>, (Vec<RecordError>, Option<String>)> {
        let program = match self.program_for(input) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                return Err((errors, None));
            }
        };
        let mut decoded = decode(program, input);
        // A cell already reported is not reported again as missing.
        let cell_paths: Vec<String> = errors.iter().map(|e| e.path.clone()).collect();
        errors.extend(
            std::mem::take(&mut decoded.errors)
                .into_iter()
                .filter(|e| !(e.code == RecordCode::MissingField && cell_paths.contains(&e.path))),
        );
        // Problems inside joined items name the item table's row and column.
        if let Some((columns, places)) = located.filter(|(_, p)| !p.is_empty()) {
            columns.locate(places, &mut errors);
        }
        if !errors.is_empty() {
            let id = id_of(program, &decoded.values, id_field).map(Cow::into_owned);
            return Err((errors, id));
        }
        let ev = evaluate(program, &decoded.values);
        // A divisor of 0 met while scoring (R012) rejects the record like a decoding problem.
        if !ev.errors.is_empty() {
            let id = id_of(program, &decoded.values, id_field).map(Cow::into_owned);
            return Err((ev.errors, id));
        }
        Ok(Judged {
            program,
            decoded,
            ev,
            id_field,
        })
    }

    /// The program to score the record by: the one rule file, or the version in force (the
    /// record is then parsed, to read its date and province).
    fn program_for(&self, input: &mut Input<'_>) -> Result<&Program, RecordError> {
        let (versions, selectors) = match self {
            Rules::One(p) => return Ok(p),
            Rules::Versions {
                versions,
                selectors,
            } => (versions, selectors),
        };
        if let Input::Text(text) = *input {
            let value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
            *input = Input::Value(value);
        }
        let Input::Value(value) = input else {
            return Err(problem(
                RecordCode::NoVersion,
                "bản ghi không đọc được".to_string(),
            ));
        };
        match (versions.pick(value, selectors), versions.all().first()) {
            (Ok((version, _)), _) => Ok(&version.program),
            // Not an object: any version's decoder says so (R002).
            (Err(_), Some(first)) if !value.is_object() => Ok(&first.program),
            (Err(e), _) => Err(problem(RecordCode::NoVersion, e.to_string())),
        }
    }

    /// The slot of `--group-by FIELD` in every program; an unknown field is an error that
    /// names the known fields and the closest one.
    pub fn check_field(&self, option: &str, name: &str) -> Result<(), CliError> {
        let programs = self.programs();
        if programs.iter().any(|p| p.field_slot(name).is_some()) {
            return Ok(());
        }
        let fields: Vec<&str> = distinct_fields(&programs);
        let suggestion = tieuchi_core::suggest::suggest(name, fields.iter().copied());
        Err(CliError::Usage(Usage::UnknownField {
            option: option.to_string(),
            name: name.to_string(),
            suggestion,
            fields: fields.into_iter().map(str::to_string).collect(),
        }))
    }
}

/// Every field name of the programs, each once, in order.
fn distinct_fields<'a>(programs: &[&'a Program]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for f in programs.iter().flat_map(|p| p.fields.iter()) {
        if !out.contains(&f.name.as_str()) {
            out.push(&f.name);
        }
    }
    out
}

/// A record decoded and evaluated under one set of rules.
pub struct Judged<'a> {
    /// The program (version) that scored it.
    pub program: &'a Program,
    /// The decoded record.
    pub decoded: Decoded,
    /// Its evaluation.
    pub ev: Evaluation,
    /// `--id FIELD`, if given.
    id_field: Option<&'a str>,
}

impl Judged<'_> {
    /// The record's id: the `--id` field, else the first text field, as text.
    pub fn id(&self) -> Option<Cow<'_, str>> {
        id_of(self.program, &self.decoded.values, self.id_field)
    }

    /// Positions (in program order) of the indicators not met or only partly met.
    pub fn failing(&self) -> Vec<u32> {
        self.ev
            .indicators
            .iter()
            .zip(0u32..)
            .filter(|(r, _)| matches!(r.outcome, Met::Unmet | Met::Partial))
            .map(|(_, i)| i)
            .collect()
    }

    /// The value of a field as text (enumeration values by their label), if present.
    pub fn field_text(&self, name: &str) -> Option<String> {
        let slot = self.program.field_slot(name)?;
        value_text(self.program, &self.decoded.values, slot, true).map(Cow::into_owned)
    }
}

/// Everything needed to score a record, shared by the scoring threads.
pub struct Scorer {
    /// The rules.
    rules: Rules,
    /// How table cells become a record (CSV, XLSX).
    columns: Option<Columns>,
    /// `--id FIELD`; else the first text field of the input declaration.
    id: Option<String>,
    /// `--report`: each scored record carries its failing indicators for the report.
    report: bool,
    /// `--group-by FIELD`, whose value each scored record carries for the report.
    group: Option<String>,
    /// How much each answer says.
    detail: Detail,
    /// How answers become output lines.
    lines: Lines,
}

/// A record on its way to the decoder.
pub enum Input<'t> {
    /// JSON text (an NDJSON line), decoded straight into slots.
    Text(&'t str),
    /// A JSON value (a table row, or a line parsed to pick a version).
    Value(serde_json::Value),
}

impl Scorer {
    /// Prepares the scorer; fails when `--id` names no field of the rules.
    pub fn new(
        rules: Rules,
        columns: Option<Columns>,
        id: Option<String>,
        detail: Detail,
        lines: Lines,
    ) -> Result<Self, CliError> {
        if let Some(name) = &id {
            let programs = rules.programs();
            if programs.iter().all(|p| p.field_slot(name).is_none()) {
                let fields: Vec<String> = programs
                    .first()
                    .map(|p| p.fields.iter().map(|f| f.name.clone()).collect())
                    .unwrap_or_default();
                return Err(CliError::Usage(Usage::UnknownId {
                    name: name.clone(),
                    fields,
                }));
            }
        }
        Ok(Scorer {
            rules,
            columns,
            id,
            report: false,
            group: None,
            detail,
            lines,
        })
    }

    /// For `--report`: each scored record carries its failing indicators and the value of
    /// `group` (`--group-by`); fails when no version declares that field.
    pub fn for_report(mut self, report: bool, group: Option<String>) -> Result<Self, CliError> {
        if let Some(name) = &group {
            self.rules.check_field("--group-by", name)?;
        }
        self.report = report;
        self.group = group;
        Ok(self)
    }

    /// Scores one record, appending its output line to `out`; never fails: a problem rejects
    /// the record.
    pub fn score(&self, raw: Raw, out: &mut String) -> Done {
        let at = raw.at;
        // A joined record is known by its key, unless `--id` names a field.
        let key = match &raw.body {
            Body::Joined { key, .. } if self.id.is_none() => Some(key.clone()),
            _ => None,
        };
        match read(self.columns.as_ref(), raw.body) {
            Ok((mut input, errors, places)) => {
                let located = self.columns.as_ref().map(|c| (c, places.as_slice()));
                self.answer(at, key, &mut input, errors, located, out)
            }
            Err(e) => rejected(at, key, vec![e]),
        }
    }

    /// Scores one NDJSON line as [`Scorer::score`] does.
    pub fn score_line(&self, at: u64, text: &str, out: &mut String) -> Done {
        self.answer(at, None, &mut Input::Text(text), Vec::new(), None, out)
    }

    /// Judges a record and writes its answer; `key` is its id when joined by `--key`.
    fn answer(
        &self,
        at: u64,
        key: Option<String>,
        input: &mut Input<'_>,
        errors: Vec<RecordError>,
        located: Option<(&Columns, &[ItemPlace])>,
        out: &mut String,
    ) -> Done {
        let judged = match self.rules.judge(input, errors, self.id.as_deref(), located) {
            Ok(j) => j,
            Err((errors, id)) => return rejected(at, key.or(id), errors),
        };
        let id = match &key {
            Some(k) => Some(Cow::Borrowed(k.as_str())),
            None => judged.id(),
        };
        let start = out.len();
        if let Err(e) = self
            .lines
            .line(at, id.as_deref(), &judged, self.detail, out)
        {
            out.truncate(start);
            let id = id.map(Cow::into_owned);
            return rejected(at, id, vec![problem(RecordCode::Unreadable, e.to_string())]);
        }
        Done {
            at,
            outcome: Outcome::Scored {
                status: judged.ev.status,
                tier: judged.ev.tier,
                program: self.rules.position(judged.program),
                failing: if self.report {
                    judged.failing()
                } else {
                    Vec::new()
                },
                group: self.group.as_deref().and_then(|g| judged.field_text(g)),
            },
        }
    }
}

/// A rejected record's result.
fn rejected(at: u64, id: Option<String>, errors: Vec<RecordError>) -> Done {
    Done {
        at,
        outcome: Outcome::Rejected { id, errors },
    }
}

/// The record to decode, the problems of table cells that cannot be passed on, and where
/// joined items (`--items`) were read.
pub fn read(
    columns: Option<&Columns>,
    body: Body,
) -> Result<(Input<'static>, Vec<RecordError>, Vec<ItemPlace>), RecordError> {
    let columns = || {
        columns.ok_or_else(|| {
            problem(
                RecordCode::Unreadable,
                "bảng không có hàng tiêu đề".to_string(),
            )
        })
    };
    match body {
        Body::Broken(e) => Err(e),
        Body::Row(cells) => {
            let (value, errors) = columns()?.record(cells);
            Ok((Input::Value(value), errors, Vec::new()))
        }
        Body::Joined { cells, items, .. } => {
            let (value, errors, places) = columns()?.joined(cells, items);
            Ok((Input::Value(value), errors, places))
        }
    }
}

/// The record's id: the `--id` field, else the first text field, as text.
fn id_of<'v>(
    program: &'v Program,
    values: &'v [Value],
    id_field: Option<&str>,
) -> Option<Cow<'v, str>> {
    let slot = match id_field {
        Some(name) => program.field_slot(name)?,
        None => program
            .fields
            .iter()
            .position(|f| f.ty == FieldType::Text)?,
    };
    value_text(program, values, slot, false)
}

/// The value in a slot as text; an enumeration value by its label when `label`, else its name.
fn value_text<'v>(
    program: &'v Program,
    values: &'v [Value],
    slot: usize,
    label: bool,
) -> Option<Cow<'v, str>> {
    Some(match values.get(slot)? {
        Value::Text(t) => Cow::Borrowed(t.as_str()),
        Value::Num(n) => Cow::Owned(n.normalize().to_string()),
        Value::Date(d) => Cow::Owned(d.to_string()),
        Value::Bool(b) => Cow::Owned(b.to_string()),
        Value::Enum(i) => {
            let field = program.fields.get(slot)?;
            let FieldType::Enum(e) = field.ty else {
                return None;
            };
            let variant = program
                .enums
                .get(e)?
                .variants
                .get(usize::try_from(*i).ok()?)?;
            Cow::Borrowed(match (&variant.label, label) {
                (Some(l), true) => l.as_str(),
                _ => variant.name.as_str(),
            })
        }
        Value::Unknown | Value::List(_) | Value::Picked(..) => return None,
    })
}

/// Decodes a record; a JSON syntax error in a line is located by its column in the line.
fn decode(program: &Program, input: &Input<'_>) -> Decoded {
    match input {
        Input::Value(value) => decode_value(program, value),
        Input::Text(text) => {
            let mut decoded = decode_str(program, text);
            for e in &mut decoded.errors {
                if e.code == RecordCode::BadJson
                    && let Err(syntax) = serde_json::from_str::<serde_json::Value>(text)
                {
                    *e = json_error(&syntax);
                }
            }
            decoded
        }
    }
}

/// A line that is not valid JSON: where in the line, what, and what to do.
fn json_error(e: &serde_json::Error) -> RecordError {
    let hint = if e.is_eof() {
        "bản ghi bị cắt ở cuối dòng: mỗi bản ghi phải nằm trọn trên một dòng"
    } else {
        "mỗi dòng phải là một bản ghi JSON { \"tên_trường\": giá_trị, ... } trọn vẹn"
    };
    problem(
        RecordCode::BadJson,
        format!(
            "JSON không hợp lệ ở cột {}: {}; {hint}",
            e.column(),
            strip_position(e)
        ),
    )
}
