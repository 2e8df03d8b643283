//! The header of a table (CSV, XLSX) mapped to input fields by name or Vietnamese label, and
//! each row's cells typed by the declared field type into a JSON record for the decoder.
//! A cell that does not fit its type is passed on as text, so the decoder reports it at its
//! JSON path with the usual message.

use serde_json::{Map, Number, Value};
use tieuchi_core::RecordError;
use tieuchi_core::program::{FieldDef, FieldType, ItemDef, Program};
use tieuchi_core::record::{SELECTOR_FIELDS, exact, pointer};
use tieuchi_core::suggest;

use super::Cell;
use super::read::InputFormat;
use crate::error::{CliError, TableProblem, Usage};
use tieuchi_core::RecordCode;

/// The columns of a table: each mapped to a field, or ignored (an empty header, the key
/// column of `--items` when it names no field).
pub struct Columns {
    /// One per header cell, in order.
    cols: Vec<Option<Column>>,
    /// The item tables joined to each row (`--items`), in the order the options name them.
    items: Vec<ItemColumns>,
}

/// The columns of an item table and where its rows come from, for messages.
pub struct ItemColumns {
    /// The list field the rows become items of.
    pub field: String,
    /// The table, as messages name it (`members.csv`, `trang «Thành viên» của ho.xlsx`).
    pub origin: String,
    /// `line` (CSV) or `row` (XLSX).
    pub position: &'static str,
    /// How its cells are typed.
    pub columns: Columns,
}

/// Where the item at a JSON path (`/members/2`) was read: which item table, which row.
pub struct ItemPlace {
    /// JSON path of the item.
    prefix: String,
    /// Index of its table in [`Columns::items`].
    table: usize,
    /// Its row or line number.
    at: u64,
}

/// A column mapped to a field.
struct Column {
    /// The field name (the JSON key).
    name: String,
    /// The header as written, for messages.
    header: String,
    /// Where the column is, for messages: `6` in a CSV file, `F` in a sheet.
    place: String,
    /// How its cells are typed.
    kind: Kind,
}

/// How the cells of a column are typed.
enum Kind {
    /// `true`/`false`, `có`/`không`, `đúng`/`sai`, `1`/`0`, `x`.
    Bool,
    /// A number; `decimal` also accepts a decimal comma (`0,5`).
    Number {
        /// A decimal field.
        decimal: bool,
    },
    /// Text as written.
    Text,
    /// `YYYY-MM-DD`, `D/M/YYYY` or a spreadsheet date.
    Date,
    /// A value name or its Vietnamese label: (name, label as compared, label as written).
    Enum(Vec<(String, Option<String>, Option<String>)>),
    /// JSON text (`[ … ]`).
    List,
}

/// Unicode NFC, lower case, trimmed, inner spaces collapsed: how headers and labels are
/// compared (a file saved with decomposed Vietnamese marks reads as one typed whole).
pub fn norm(s: &str) -> String {
    tieuchi_core::value::nfc(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Kind {
    /// The kind of cells for a field of `program`.
    fn of(program: &Program, field: &FieldDef) -> Kind {
        match &field.ty {
            FieldType::Bool => Kind::Bool,
            FieldType::Int(_) => Kind::Number { decimal: false },
            FieldType::Decimal(_) => Kind::Number { decimal: true },
            FieldType::Text => Kind::Text,
            FieldType::Date => Kind::Date,
            FieldType::Enum(id) => Kind::Enum(
                program
                    .enums
                    .get(*id)
                    .map(|e| {
                        e.variants
                            .iter()
                            .map(|v| {
                                (
                                    v.name.clone(),
                                    v.label.as_ref().map(|l| norm(l)),
                                    v.label.clone(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            FieldType::List(_) => Kind::List,
        }
    }
}

impl Columns {
    /// Maps each header cell to a field of the first program that declares it, by name or by
    /// Vietnamese (or English) label. Unknown or repeated headers are errors that say what
    /// to do; a column with an empty header is ignored.
    /// A column headed `key` that names no field is ignored (the key of `--items`).
    pub fn new(
        header: &[String],
        programs: &[&Program],
        input: &str,
        format: InputFormat,
        key: Option<&str>,
    ) -> Result<Self, CliError> {
        let fields: Vec<(&Program, &FieldDef)> = programs
            .iter()
            .flat_map(|p| p.fields.iter().map(move |f| (*p, f)))
            .collect();
        Self::build(header, &fields, input, format, key)
    }

    /// The columns of an item table for the list field `list` (declared as a list of
    /// records by one of `programs`); `origin` names the table in messages.
    pub fn items(
        header: &[String],
        programs: &[&Program],
        list: &str,
        origin: &str,
        format: InputFormat,
        key: Option<&str>,
    ) -> Result<Self, CliError> {
        let mut fields: Vec<(&Program, &FieldDef)> = Vec::new();
        let mut found = false;
        for p in programs {
            let Some(field) = p.fields.iter().find(|f| f.name == list) else {
                continue;
            };
            found = true;
            if let FieldType::List(id) = field.ty
                && let Some(def) = p.lists.get(id)
                && let ItemDef::Record(item_fields) = &def.item
            {
                fields.extend(item_fields.iter().map(|f| (*p, f)));
            }
        }
        if fields.is_empty() {
            let lists: Vec<&str> = programs
                .iter()
                .flat_map(|p| p.fields.iter())
                .filter(|f| {
                    matches!(f.ty, FieldType::List(id) if programs.iter().any(|p| p.lists.get(id).is_some_and(|d| matches!(d.item, ItemDef::Record(_)))))
                })
                .map(|f| f.name.as_str())
                .collect();
            return Err(CliError::Usage(Usage::NotAList {
                list: list.to_string(),
                found,
                lists: lists.into_iter().map(str::to_string).collect(),
            }));
        }
        Self::build(header, &fields, origin, format, key)
    }

    /// Joins item tables to each row.
    pub fn with_items(mut self, items: Vec<ItemColumns>) -> Self {
        self.items = items;
        self
    }

    /// True when a column holds the field `name`.
    pub fn has_field(&self, name: &str) -> bool {
        self.cols.iter().flatten().any(|c| c.name == name)
    }

    /// Where the column of the field `name` is, and its header (`D «Ngày sinh»`).
    fn place_of(&self, name: &str) -> Option<String> {
        self.cols
            .iter()
            .flatten()
            .find(|c| c.name == name)
            .map(|c| format!("{} «{}»", c.place, c.header))
    }

    /// Maps the header cells to `fields`.
    fn build(
        header: &[String],
        fields: &[(&Program, &FieldDef)],
        input: &str,
        format: InputFormat,
        key: Option<&str>,
    ) -> Result<Self, CliError> {
        let ignored = key.map(norm);
        let mut cols: Vec<Option<Column>> = Vec::with_capacity(header.len());
        for (i, h) in header.iter().enumerate() {
            let place = match format {
                InputFormat::Xlsx => super::read::column_letter(i),
                InputFormat::Csv | InputFormat::Ndjson => (i + 1).to_string(),
            };
            if h.trim().is_empty() {
                cols.push(None);
                continue;
            }
            let key = norm(h);
            let by_name = fields.iter().find(|(_, f)| norm(&f.name) == key);
            let by_label = || {
                fields.iter().find(|(_, f)| {
                    f.label.as_deref().map(norm).as_ref() == Some(&key)
                        || f.english.as_deref().map(norm).as_ref() == Some(&key)
                })
            };
            let Some((program, field)) = by_name.or_else(by_label) else {
                if ignored.as_ref() == Some(&key) {
                    cols.push(None);
                    continue;
                }
                // A version selector that the input does not declare (`scope`…): read as the
                // record's own, so a table picks versions as NDJSON records do.
                if let Some(name) = SELECTOR_FIELDS.iter().find(|n| **n == key) {
                    let kind = match *name {
                        "assessment_date" => Kind::Date,
                        _ => Kind::Text,
                    };
                    let (name, header) = ((*name).to_string(), h.clone());
                    cols.push(Some(Column {
                        name,
                        header,
                        place,
                        kind,
                    }));
                    continue;
                }
                let problem = match title_row(header) {
                    Some(title) => TableProblem::TitleRow {
                        title: title.to_string(),
                    },
                    None => unknown_header(h, place, fields),
                };
                return Err(CliError::Table {
                    name: input.to_string(),
                    problem: problem.into(),
                });
            };
            if let Some(Some(earlier)) = cols
                .iter()
                .find(|c| c.as_ref().is_some_and(|c| c.name == field.name))
            {
                return Err(CliError::Table {
                    name: input.to_string(),
                    problem: TableProblem::SameField {
                        first: (earlier.place.clone(), earlier.header.clone()),
                        second: (place, h.clone()),
                        field: field.name.clone(),
                        label: field.display_label().to_string(),
                    }
                    .into(),
                });
            }
            cols.push(Some(Column {
                name: field.name.clone(),
                header: h.clone(),
                place,
                kind: Kind::of(program, field),
            }));
        }
        Ok(Columns {
            cols,
            items: Vec::new(),
        })
    }

    /// The record of one row: a JSON object of the non-empty cells, typed, and the problems
    /// of cells that cannot be passed on (a spreadsheet error, a list that is not JSON).
    pub fn record(&self, cells: Vec<Cell>) -> (Value, Vec<RecordError>) {
        let mut object = Map::new();
        let mut errors = Vec::new();
        for (col, cell) in self.cols.iter().zip(cells) {
            let Some(col) = col else {
                continue;
            };
            match col.value(cell) {
                Ok(Some(v)) => {
                    object.insert(col.name.clone(), v);
                }
                Ok(None) => {}
                Err((code, message)) => errors.push(RecordError {
                    path: pointer(&col.name),
                    code,
                    message,
                }),
            }
        }
        (Value::Object(object), errors)
    }

    /// The record of a row and the rows of its item tables: each table's rows become the
    /// items of its list field, in table order; also where each item was read.
    pub fn joined(
        &self,
        cells: Vec<Cell>,
        items: Vec<Vec<(u64, Vec<Cell>)>>,
    ) -> (Value, Vec<RecordError>, Vec<ItemPlace>) {
        let (mut value, mut errors) = self.record(cells);
        let mut places = Vec::new();
        for (table, (def, rows)) in self.items.iter().zip(items).enumerate() {
            let mut list = Vec::with_capacity(rows.len());
            for (i, (at, cells)) in rows.into_iter().enumerate() {
                let prefix = format!("{}/{i}", pointer(&def.field));
                let (item, item_errors) = def.columns.record(cells);
                errors.extend(item_errors.into_iter().map(|mut e| {
                    e.path = format!("{prefix}{}", e.path);
                    e
                }));
                list.push(item);
                places.push(ItemPlace { prefix, table, at });
            }
            if let Value::Object(object) = &mut value {
                object.insert(def.field.clone(), Value::Array(list));
            }
        }
        (value, errors, places)
    }

    /// Adds to each problem of an item where the item was read: its table, row or line,
    /// and column (`(trang «Thành viên» của ho.xlsx, hàng 14, cột D «Ngày sinh»)`).
    pub fn locate(&self, places: &[ItemPlace], errors: &mut [RecordError]) {
        for e in errors {
            let Some((place, rest)) = places.iter().find_map(|p| {
                let rest = e.path.strip_prefix(&p.prefix)?;
                (rest.is_empty() || rest.starts_with('/')).then_some((p, rest))
            }) else {
                continue;
            };
            let Some(def) = self.items.get(place.table) else {
                continue;
            };
            let field = rest.trim_start_matches('/').split('/').next().unwrap_or("");
            let column = def
                .columns
                .place_of(field)
                .map(|c| format!(", cột {c}"))
                .unwrap_or_default();
            let position = if def.position == "row" {
                "hàng"
            } else {
                "dòng"
            };
            e.message = format!(
                "{} ({}, {position} {}{column})",
                e.message, def.origin, place.at
            );
        }
    }
}

/// A key cell as text (`12` for a number cell holding 12); `None` when empty.
pub fn key_text(cell: &Cell) -> Option<String> {
    let text = as_text(cell);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The text of a header row that holds a single non-empty cell among several columns or
/// alone, as a title above a table does (`Danh sách đơn vị năm 2024;;;`).
fn title_row(header: &[String]) -> Option<&str> {
    let mut filled = header.iter().filter(|h| !h.trim().is_empty());
    let first = filled.next()?;
    // One cell holding separators is a separator problem, not a title.
    let separated = header.len() == 1 && first.contains([',', ';', '\t']);
    (filled.next().is_none() && !separated).then_some(first.as_str())
}

/// The problem of a header that names no field, with the nearest field when one is close
/// (compared without case or Vietnamese marks).
fn unknown_header(h: &str, place: String, fields: &[(&Program, &FieldDef)]) -> TableProblem {
    let names_and_labels = || {
        fields.iter().flat_map(|(_, f)| {
            [Some(f.name.as_str()), f.label.as_deref()]
                .into_iter()
                .flatten()
                .map(move |t| (t, *f))
        })
    };
    let nearest = suggest::nearest(h, names_and_labels().map(|(t, _)| t))
        .and_then(|t| names_and_labels().find(|(c, _)| std::ptr::eq(*c, t)));
    let mut names: Vec<String> = fields.iter().map(|(_, f)| f.name.clone()).collect();
    names.dedup();
    TableProblem::UnknownColumn {
        place,
        header: h.to_string(),
        nearest: nearest.map(|(t, f)| (t.to_string(), f.name.clone())),
        fields: names,
    }
}

/// A whole number held in an `f64`, as a JSON number without a fraction.
fn number(f: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if f.fract() == 0.0 && f.abs() < EXACT {
        return Value::Number(Number::from(f as i64));
    }
    Number::from_f64(f).map_or_else(|| Value::String(f.to_string()), Value::Number)
}

/// The text of a cell that is not text, for a text field or a message.
fn as_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) | Cell::Error(t) => t.clone(),
        Cell::Number(f) => match number(*f) {
            Value::Number(n) => n.to_string(),
            other => other.to_string(),
        },
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.to_string(),
    }
}

/// `D/M/YYYY` (how dates are written in Vietnam) as `YYYY-MM-DD`.
fn day_month_year(t: &str) -> Option<String> {
    let mut parts = t.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    let date = time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()?;
    Some(date.to_string())
}

impl Column {
    /// The label of a value of an enumeration column that `key` (normalised) matches once
    /// Vietnamese marks are set aside: `trung hoc co so` for «Trung học cơ sở».
    fn unmarked_label(&self, key: &str) -> Option<&str> {
        let Kind::Enum(variants) = &self.kind else {
            return None;
        };
        let key = suggest::fold(key);
        variants
            .iter()
            .filter_map(|(_, label, written)| Some((label.as_deref()?, written.as_deref()?)))
            .find(|(label, _)| suggest::fold(label) == key)
            .map(|(_, written)| written)
    }

    /// The JSON value of a cell; `None` for an empty cell (the field is absent).
    fn value(&self, cell: Cell) -> Result<Option<Value>, (RecordCode, String)> {
        // Text in NFC, so that values, labels and the texts quoted in messages read the same
        // whichever way the file was saved.
        let cell = match cell {
            Cell::Text(t) => match tieuchi_core::value::nfc(&t) {
                std::borrow::Cow::Owned(n) => Cell::Text(n),
                std::borrow::Cow::Borrowed(_) => Cell::Text(t),
            },
            other => other,
        };
        if let Cell::Error(e) = &cell {
            return Err((
                RecordCode::WrongType,
                format!(
                    "ô «{}» (cột {}) chứa lỗi {e}; sửa công thức hoặc nhập giá trị",
                    self.header, self.place
                ),
            ));
        }
        let value = match (&self.kind, cell) {
            (_, Cell::Empty) => return Ok(None),
            (Kind::Bool, Cell::Bool(b)) => Value::Bool(b),
            (Kind::Bool, Cell::Number(f)) if f == 0.0 || f == 1.0 => Value::Bool(f == 1.0),
            (Kind::Bool, Cell::Text(t)) => match norm(&t).as_str() {
                "true" | "có" | "đúng" | "1" | "x" | "yes" => Value::Bool(true),
                "false" | "không" | "sai" | "0" | "no" => Value::Bool(false),
                _ => Value::String(t),
            },
            (Kind::Number { .. }, Cell::Number(f)) => number(f),
            (Kind::Number { decimal }, Cell::Text(t)) => {
                let comma = || t.replacen(',', ".", 1);
                let parsed = match t.parse::<Number>() {
                    Ok(n) => Some((n, None)),
                    Err(_) if *decimal && !t.contains('.') => {
                        let text = comma();
                        text.parse::<Number>().ok().map(|n| (n, Some(text)))
                    }
                    Err(_) => None,
                };
                let Some((n, text)) = parsed else {
                    return Ok(Some(Value::String(t)));
                };
                // The record is a JSON value, whose numbers are binary floats: a cell with
                // more digits than one holds is refused rather than rounded.
                let text = text.as_deref().unwrap_or(&t);
                if exact(text) != exact(&n.to_string()) {
                    return Err((
                        RecordCode::TooManyDigits,
                        format!(
                            "ô «{}» (cột {}): số {t} có nhiều chữ số hơn mức đọc được chính xác từ bảng (more digits than a table cell is read with exactly); hãy dùng tối đa 15 chữ số có nghĩa",
                            self.header, self.place
                        ),
                    ));
                }
                Value::Number(n)
            }
            (Kind::Text, cell) => Value::String(as_text(&cell)),
            (Kind::Date, Cell::Text(t)) => Value::String(day_month_year(&t).unwrap_or(t)),
            (Kind::Enum(variants), Cell::Text(t)) => {
                let key = norm(&t);
                let found = variants
                    .iter()
                    .find(|(name, ..)| *name == t)
                    .or_else(|| variants.iter().find(|(_, l, _)| l.as_ref() == Some(&key)))
                    .or_else(|| variants.iter().find(|(name, ..)| norm(name) == key));
                if let Some((name, ..)) = found {
                    Value::String(name.clone())
                } else if let Some(label) = self.unmarked_label(&key) {
                    return Err((
                        RecordCode::UnknownValue,
                        format!(
                            "ô «{}» (cột {}): «{t}» không phải giá trị cho phép (is not an allowed value); có phải ý bạn là «{label}»? (did you mean it?) Hãy gõ đủ dấu tiếng Việt",
                            self.header, self.place
                        ),
                    ));
                } else {
                    Value::String(t)
                }
            }
            (Kind::List, Cell::Text(t)) => serde_json::from_str(&t).map_err(|e| {
                (
                    RecordCode::BadJson,
                    format!(
                        "ô «{}» (cột {}) phải là một danh sách viết dạng JSON, ví dụ [{{\"tên_trường\": giá_trị}}], nhưng JSON không hợp lệ ở ký tự thứ {}: {}",
                        self.header,
                        self.place,
                        e.column(),
                        strip_position(&e)
                    ),
                )
            })?,
            (_, Cell::Number(f)) => number(f),
            (_, Cell::Bool(b)) => Value::Bool(b),
            (_, cell) => Value::String(as_text(&cell)),
        };
        Ok(Some(value))
    }
}

/// A serde_json message without its " at line L column C" tail.
pub fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&tail).unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::{day_month_year, norm};

    #[test]
    fn headers_compare_without_case_or_extra_spaces() {
        assert_eq!(norm("  Tổng  số THÀNH viên "), "tổng số thành viên");
    }

    #[test]
    fn vietnamese_dates_are_read_day_first() {
        assert_eq!(day_month_year("5/3/2024").as_deref(), Some("2024-03-05"));
        assert_eq!(day_month_year("31/02/2024"), None);
        assert_eq!(day_month_year("2024-03-05"), None);
    }
}
