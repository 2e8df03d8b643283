//! Scoring one record: the version in force (for a directory of versions), decoding,
//! evaluation, the answer and its output line. A record with any problem is rejected with
//! every problem found, each at its JSON path.

use std::path::Path;

use tieuchi_core::program::FieldType;
use tieuchi_core::value::Value;
use tieuchi_core::{
    Decoded, Detail, Program, RecordError, decode_str, decode_value, evaluate, explain,
};

use super::columns::{Columns, strip_position};
use super::write::Lines;
use super::{Body, Done, Outcome, Raw, problem};
use crate::cmd::versions::Versions;

/// The rules records are scored by, compiled once for the whole run.
pub enum Rules {
    /// One rule file.
    One(Box<Program>),
    /// A directory of versions: the one in force is picked for each record.
    Versions {
        /// Every version without errors.
        versions: Versions,
        /// `--province`, else each record's `province_code`.
        province: Option<String>,
    },
}

impl Rules {
    /// Compiles a rule file, or every version in a directory; problems go to stderr.
    pub fn load(path: &Path, province: Option<&str>) -> Result<Self, String> {
        if !path.is_dir() {
            return match crate::cmd::load(path) {
                Some((_, program)) => Ok(Rules::One(Box::new(program))),
                None => Err(format!(
                    "{} has errors (shown above); run `tieuchi check {}`",
                    path.display(),
                    path.display()
                )),
            };
        }
        let versions = Versions::load(path)?;
        if versions.all().is_empty() {
            return Err(format!(
                "{} holds no rule file without errors",
                path.display()
            ));
        }
        Ok(Rules::Versions {
            versions,
            province: province.map(str::to_string),
        })
    }

    /// Every program, in the order versions are listed.
    pub fn programs(&self) -> Vec<&Program> {
        match self {
            Rules::One(p) => vec![p],
            Rules::Versions { versions, .. } => versions.all().iter().map(|v| &v.program).collect(),
        }
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
    /// How much each answer says.
    detail: Detail,
    /// How answers become output lines.
    lines: Lines,
}

/// A record on its way to the decoder.
enum Input {
    /// JSON text (NDJSON), decoded straight into slots.
    Text(String),
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
    ) -> Result<Self, String> {
        if let Some(name) = &id {
            let programs = rules.programs();
            if programs.iter().all(|p| p.field_slot(name).is_none()) {
                let fields: Vec<&str> = programs
                    .first()
                    .map(|p| p.fields.iter().map(|f| f.name.as_str()).collect())
                    .unwrap_or_default();
                return Err(format!(
                    "--id {name}: no input field has this name; use one of: {}",
                    fields.join(", ")
                ));
            }
        }
        Ok(Scorer {
            rules,
            columns,
            id,
            detail,
            lines,
        })
    }

    /// Scores one record; never fails: a problem rejects the record.
    pub fn score(&self, raw: Raw) -> Done {
        let at = raw.at;
        let reject = |errors: Vec<RecordError>, id: Option<String>| Done {
            at,
            id,
            outcome: Outcome::Rejected { errors },
        };
        let (mut input, mut errors) = match self.read(raw.body) {
            Ok(read) => read,
            Err(e) => return reject(vec![e], None),
        };
        let program = match self.program_for(&mut input) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                return reject(errors, None);
            }
        };
        let mut decoded = decode(program, &input);
        let id = self.id_of(program, &decoded.values);
        // A cell already reported is not reported again as missing.
        let cell_paths: Vec<String> = errors.iter().map(|e| e.path.clone()).collect();
        errors.extend(
            std::mem::take(&mut decoded.errors)
                .into_iter()
                .filter(|e| !(e.code == "R004" && cell_paths.contains(&e.path))),
        );
        if !errors.is_empty() {
            return reject(errors, id);
        }
        let ev = evaluate(program, &decoded.values);
        let answer = explain(program, &decoded, &ev, self.detail);
        match self.lines.line(at, id.as_deref(), &answer) {
            Ok(line) => Done {
                at,
                id,
                outcome: Outcome::Scored {
                    status: answer.status,
                    tier: answer.tier.map(str::to_string),
                    version: answer.version.to_string(),
                    line,
                },
            },
            Err(e) => reject(vec![problem("B002", e)], id),
        }
    }

    /// The record to decode, and the problems of table cells that cannot be passed on.
    fn read(&self, body: Body) -> Result<(Input, Vec<RecordError>), RecordError> {
        match body {
            Body::Broken(e) => Err(e),
            Body::Json(text) => Ok((Input::Text(text), Vec::new())),
            Body::Row(cells) => {
                let columns = self
                    .columns
                    .as_ref()
                    .ok_or_else(|| problem("B002", "bảng không có hàng tiêu đề".to_string()))?;
                let (value, errors) = columns.record(cells);
                Ok((Input::Value(value), errors))
            }
        }
    }

    /// The program to score the record by: the one rule file, or the version in force (the
    /// record is then parsed, to read its date and province).
    fn program_for(&self, input: &mut Input) -> Result<&Program, RecordError> {
        let (versions, province) = match &self.rules {
            Rules::One(p) => return Ok(p),
            Rules::Versions { versions, province } => (versions, province.as_deref()),
        };
        if let Input::Text(text) = input {
            let value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
            *input = Input::Value(value);
        }
        let Input::Value(value) = input else {
            return Err(problem("B001", "bản ghi không đọc được".to_string()));
        };
        match (versions.pick(value, province), versions.all().first()) {
            (Ok((version, _)), _) => Ok(&version.program),
            // Not an object: any version's decoder says so (R002).
            (Err(_), Some(first)) if !value.is_object() => Ok(&first.program),
            (Err(e), _) => Err(problem("B001", e)),
        }
    }

    /// The record's id: the `--id` field, else the first text field, as text.
    fn id_of(&self, program: &Program, values: &[Value]) -> Option<String> {
        let slot = match &self.id {
            Some(name) => program.field_slot(name)?,
            None => program
                .fields
                .iter()
                .position(|f| f.ty == FieldType::Text)?,
        };
        match values.get(slot)? {
            Value::Text(t) => Some(t.clone()),
            Value::Num(n) => Some(n.normalize().to_string()),
            Value::Date(d) => Some(d.to_string()),
            Value::Bool(b) => Some(b.to_string()),
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
                Some(variant.name.clone())
            }
            Value::Unknown | Value::List(_) => None,
        }
    }
}

/// Decodes a record; a JSON syntax error in a line is located by its column in the line.
fn decode(program: &Program, input: &Input) -> Decoded {
    match input {
        Input::Value(value) => decode_value(program, value),
        Input::Text(text) => {
            let mut decoded = decode_str(program, text);
            for e in &mut decoded.errors {
                if e.code == "R001"
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
        "R001",
        format!(
            "JSON không hợp lệ ở cột {}: {}; {hint}",
            e.column(),
            strip_position(e)
        ),
    )
}
