//! `--items FIELD=SOURCE`: the items of a list field (the members of a household) read from a
//! second table and joined to the records by a key column present in both tables (`--key`,
//! default: the first column of the main table). SOURCE is a sheet of the input workbook, or
//! a CSV or XLSX file (first sheet). The item tables are read whole into memory, grouped by
//! key; the main table still streams. A record's items keep the order of the item table;
//! item rows whose key matches no record are reported, never dropped silently.

use std::collections::HashMap;
use std::path::Path;

use tieuchi_core::record::pointer;
use tieuchi_core::{Program, RecordError};

use super::columns::{Columns, ItemColumns, key_text, norm};
use super::read::{self, InputFormat, Item, column_letter};
use super::{Body, Cell, Raw, problem};
use crate::error::{CliError, TableProblem, Usage};
use tieuchi_core::RecordCode;

/// One `--items FIELD=SOURCE` option.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The list field.
    pub field: String,
    /// A sheet of the input workbook, or a file.
    pub source: String,
}

/// Reads `FIELD=SOURCE` (for clap).
pub fn parse_spec(text: &str) -> Result<Spec, CliError> {
    match text.split_once('=') {
        Some((field, source)) if !field.trim().is_empty() && !source.trim().is_empty() => {
            Ok(Spec {
                field: field.trim().to_string(),
                source: source.trim().to_string(),
            })
        }
        _ => Err(CliError::Usage(Usage::ItemsSpec {
            text: text.to_string(),
        })),
    }
}

/// Rows of one item table, grouped by key.
struct Table {
    /// The list field.
    field: String,
    /// The table as messages name it.
    origin: String,
    /// `line` or `row`.
    position: &'static str,
    /// Rows by key, each in table order, not yet joined.
    groups: HashMap<String, Vec<(u64, Vec<Cell>)>>,
    /// Keys in the order first seen, for reporting leftovers in table order.
    order: Vec<String>,
    /// Rows that could not be read, or have no key.
    unusable: Vec<(u64, String)>,
}

/// The item tables of a run and the key column of the main table.
pub struct Join {
    /// Index of the key column in the main table.
    key_col: usize,
    /// The key column's header, for messages.
    key_header: String,
    /// Where the key column is (`A` or `1`).
    key_place: String,
    /// `line` or `row` in the main table.
    position: &'static str,
    /// The item tables, in the order the options name them.
    tables: Vec<Table>,
    /// Keys of records already read, with their line or row.
    seen: HashMap<String, u64>,
}

/// An item row (or several with the same key) that joined no record.
pub struct Leftover {
    /// Row or line of the first of them in its table.
    pub at: u64,
    /// Their key, when they have one.
    pub key: Option<String>,
    /// What is wrong, with every row number.
    pub error: RecordError,
}

/// Where an item table is: a file, its format, a sheet, and how messages name it.
fn locate(
    spec: &Spec,
    main: &str,
    main_format: InputFormat,
) -> Result<(String, InputFormat, Option<String>, String), CliError> {
    let mut sheets = Vec::new();
    if main_format == InputFormat::Xlsx {
        sheets = read::sheet_names(main)?;
        if sheets.contains(&spec.source) {
            return Ok((
                main.to_string(),
                InputFormat::Xlsx,
                Some(spec.source.clone()),
                format!("trang «{}» của {main}", spec.source),
            ));
        }
    }
    let path = Path::new(&spec.source);
    if path.is_file() {
        return match InputFormat::from_name(&spec.source) {
            Some(f @ (InputFormat::Csv | InputFormat::Xlsx)) => {
                Ok((spec.source.clone(), f, None, spec.source.clone()))
            }
            _ => Err(CliError::Usage(Usage::ItemsNotTable {
                field: spec.field.clone(),
                source: spec.source.clone(),
            })),
        };
    }
    Err(CliError::Usage(Usage::ItemsNotFound {
        field: spec.field.clone(),
        source: spec.source.clone(),
        main: main.to_string(),
        sheets,
    }))
}

/// Where column `i` is, as messages name it.
fn place(format: InputFormat, i: usize) -> String {
    match format {
        InputFormat::Xlsx => column_letter(i),
        InputFormat::Csv | InputFormat::Ndjson => (i + 1).to_string(),
    }
}

/// The index of the column headed `key` (compared without case or extra spaces).
fn find(header: &[String], key: &str) -> Option<usize> {
    let key = norm(key);
    header.iter().position(|h| norm(h) == key)
}

impl Join {
    /// The key column of the main table (`--key`, default its first column), then every
    /// item table read and grouped by key, with the columns that type its cells.
    pub fn open(
        specs: &[Spec],
        key: Option<&str>,
        main: &str,
        main_format: InputFormat,
        header: &[String],
        programs: &[&Program],
    ) -> Result<(Self, Vec<ItemColumns>), CliError> {
        if main_format == InputFormat::Ndjson {
            return Err(CliError::Usage(Usage::ItemsNeedTable));
        }
        let key_header = match key {
            Some(k) => k.to_string(),
            None => header.first().cloned().unwrap_or_default(),
        };
        let key_col = find(header, &key_header).ok_or_else(|| CliError::Table {
            name: main.to_string(),
            problem: TableProblem::NoKeyColumn {
                key: key_header.clone(),
                columns: header.to_vec(),
            }
            .into(),
        })?;
        let mut tables = Vec::new();
        let mut columns = Vec::new();
        for spec in specs {
            if specs.iter().filter(|s| s.field == spec.field).count() > 1 {
                return Err(CliError::Usage(Usage::ItemsTwice {
                    field: spec.field.clone(),
                }));
            }
            let (file, format, sheet, origin) = locate(spec, main, main_format)?;
            let opened = read::open_sheet(&file, format, sheet.as_deref())?;
            let item_header = opened.header().unwrap_or_default().to_vec();
            let item_key = find(&item_header, &key_header).ok_or_else(|| CliError::Table {
                name: origin.clone(),
                problem: TableProblem::ItemsNoKey {
                    key: key_header.clone(),
                    main: main.to_string(),
                }
                .into(),
            })?;
            let cols = Columns::items(
                &item_header,
                programs,
                &spec.field,
                &origin,
                format,
                Some(&key_header),
            )?;
            let mut table = Table {
                field: spec.field.clone(),
                origin: origin.clone(),
                position: format.position(),
                groups: HashMap::new(),
                order: Vec::new(),
                unusable: Vec::new(),
            };
            opened.each(&mut |item| {
                if let Item::Record(raw) = item {
                    table.add(raw, item_key, &key_header, &place(format, item_key));
                }
                Ok(())
            })?;
            tables.push(table);
            columns.push(ItemColumns {
                field: spec.field.clone(),
                origin,
                position: format.position(),
                columns: cols,
            });
        }
        let join = Join {
            key_col,
            key_header,
            key_place: place(main_format, key_col),
            position: main_format.position(),
            tables,
            seen: HashMap::new(),
        };
        Ok((join, columns))
    }

    /// The record with its items joined; a record without a key, or with the key of an
    /// earlier record, is rejected.
    pub fn attach(&mut self, raw: Raw) -> Raw {
        let Raw { at, body } = raw;
        let Body::Row(cells) = body else {
            return Raw { at, body };
        };
        let Some(key) = cells.get(self.key_col).and_then(key_text) else {
            let message = format!(
                "ô khoá «{}» (cột {}) trống: không ghép được các dòng của {}; nhập mã của bản ghi",
                self.key_header,
                self.key_place,
                self.fields()
            );
            return Raw {
                at,
                body: Body::Broken(problem(RecordCode::BadKey, message)),
            };
        };
        if let Some(first) = self.seen.get(&key) {
            let message = format!(
                "mã «{key}» (cột {} «{}») trùng với {} {first}; mỗi bản ghi cần một mã riêng",
                self.key_place,
                self.key_header,
                if self.position == "row" {
                    "hàng"
                } else {
                    "dòng"
                }
            );
            return Raw {
                at,
                body: Body::Broken(problem(RecordCode::BadKey, message)),
            };
        }
        self.seen.insert(key.clone(), at);
        let items = self
            .tables
            .iter_mut()
            .map(|t| t.groups.remove(&key).unwrap_or_default())
            .collect();
        Raw {
            at,
            body: Body::Joined { key, cells, items },
        }
    }

    /// The list fields joined, for messages.
    fn fields(&self) -> String {
        self.tables
            .iter()
            .map(|t| t.field.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Item rows left once every record is read: keys that match no record, rows without a
    /// key, rows that could not be read; in table order.
    pub fn leftovers(self) -> Vec<Leftover> {
        let mut out = Vec::new();
        for mut t in self.tables {
            let where_ = if t.position == "row" {
                "hàng"
            } else {
                "dòng"
            };
            for (at, why) in std::mem::take(&mut t.unusable) {
                out.push(Leftover {
                    at,
                    key: None,
                    error: RecordError {
                        path: pointer(&t.field),
                        code: RecordCode::UnmatchedItems,
                        message: format!("{} {where_} {at}: {why}", t.origin),
                    },
                });
            }
            for key in &t.order {
                let Some(rows) = t.groups.remove(key) else {
                    continue;
                };
                let numbers: Vec<String> = rows.iter().map(|(at, _)| at.to_string()).collect();
                let at = rows.first().map_or(0, |(at, _)| *at);
                out.push(Leftover {
                    at,
                    key: Some(key.clone()),
                    error: RecordError {
                        path: pointer(&t.field),
                        code: RecordCode::UnmatchedItems,
                        message: format!(
                            "{} {where_} {}: mã «{key}» không khớp bản ghi nào của bảng chính ({} dòng không được ghép, không được chấm); sửa mã hoặc thêm bản ghi",
                            t.origin,
                            numbers.join(", "),
                            rows.len()
                        ),
                    },
                });
            }
        }
        out.sort_by_key(|l| l.at);
        out
    }
}

impl Table {
    /// Files one row of the item table under its key.
    fn add(&mut self, raw: Raw, key_col: usize, key_header: &str, key_place: &str) {
        let cells = match raw.body {
            Body::Row(cells) => cells,
            Body::Broken(e) => {
                self.unusable.push((raw.at, e.message));
                return;
            }
            Body::Joined { .. } => return,
        };
        let Some(key) = cells.get(key_col).and_then(key_text) else {
            self.unusable.push((
                raw.at,
                format!(
                    "ô khoá «{key_header}» (cột {key_place}) trống: dòng không ghép được vào bản ghi nào; nhập mã của bản ghi"
                ),
            ));
            return;
        };
        let group = self.groups.entry(key.clone()).or_default();
        if group.is_empty() {
            self.order.push(key);
        }
        group.push((raw.at, cells));
    }
}
