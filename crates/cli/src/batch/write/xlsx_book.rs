//! XLSX output: a workbook with a sheet "Kết quả" (one row per scored record, as the CSV
//! output, numbers as numbers, frozen header, autofilter) and a sheet "Bị loại" (one row per
//! problem of a rejected record). Sheets are written in constant-memory mode: rows go to
//! temporary files as they come, and the workbook is assembled into the output's temporary
//! file when the run completes, then renamed into place like the other outputs.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde_json::Value;
use tieuchi_core::Answer;

use super::atomic::Atomic;
use super::csv_line::failing;
use crate::error::CliError;

/// Rows of an Excel sheet, the header included.
pub const MAX_ROWS: u32 = 1_048_576;

/// The sheet of results.
const RESULTS: &str = "Kết quả";
/// The sheet of rejected records.
const REJECTED: &str = "Bị loại";

/// An XLSX output being written.
pub struct Book {
    /// The workbook (sheet 0: results, sheet 1: rejected records).
    book: Workbook,
    /// The file it is saved to.
    file: Atomic,
    /// Rows written on each sheet, headers included.
    rows: [u32; 2],
    /// Columns of each sheet.
    cols: [u16; 2],
    /// The output name, for messages.
    name: String,
}

/// An error of the workbook writer, naming the file.
fn fail(name: &str) -> impl Fn(XlsxError) -> CliError + '_ {
    move |source| CliError::Xlsx {
        name: name.to_string(),
        source,
    }
}

/// A row handed to the workbook that is not the JSON array [`row`] makes, naming the file.
fn unreadable(name: &str) -> impl Fn(serde_json::Error) -> CliError + '_ {
    move |e| CliError::Write {
        name: name.to_string(),
        source: e.into(),
    }
}

/// The cells of a scored record's row, in order, as JSON values (numbers stay numbers):
/// position, id, version, status, tier, total, points per criterion, failing indicators.
pub fn row(at: u64, id: Option<&str>, answer: &Answer, criteria: &[String]) -> Vec<u8> {
    let mut cells = vec![
        Value::from(at),
        id.map_or(Value::Null, Value::from),
        Value::from(answer.version),
        Value::from(answer.status.label_vi()),
        answer.tier.map_or(Value::Null, Value::from),
        serde_json::to_value(answer.total).unwrap_or(Value::Null),
    ];
    cells.extend(criteria.iter().map(|c| {
        answer
            .criteria
            .iter()
            .find(|a| a.id == *c)
            .and_then(|a| serde_json::to_value(a.points).ok())
            .unwrap_or(Value::Null)
    }));
    cells.push(Value::from(failing(answer).join(" ")));
    serde_json::to_vec(&cells).unwrap_or_default()
}

/// Writes one cell: a number as a number, text as text, nothing for null.
fn cell(sheet: &mut Worksheet, row: u32, col: u16, value: &Value) -> Result<(), XlsxError> {
    match value {
        Value::Number(n) => {
            sheet.write_number(row, col, n.as_f64().unwrap_or_default())?;
        }
        Value::String(s) if !s.is_empty() => {
            sheet.write_string(row, col, s)?;
        }
        Value::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
        }
        _ => {}
    }
    Ok(())
}

/// Writes a header row in bold and sets the column widths.
fn header(sheet: &mut Worksheet, titles: &[(String, f64)]) -> Result<u16, XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDEBF7");
    let mut col: u16 = 0;
    for (title, width) in titles {
        sheet.set_column_width(col, *width)?;
        sheet.write_string_with_format(0, col, title, &bold)?;
        col = col.saturating_add(1);
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(col)
}

impl Book {
    /// Creates the workbook and its temporary file beside `name`; `position` is `line` or
    /// `row`; `criteria` are the criterion ids and titles, one column each.
    pub fn create(
        name: &str,
        position: &str,
        criteria: &[(String, String)],
    ) -> Result<Self, CliError> {
        let file = Atomic::create(std::path::Path::new(name))?;
        let err = fail(name);
        let mut book = Workbook::new();
        let where_ = if position == "row" {
            "Hàng (row)"
        } else {
            "Dòng (line)"
        };
        let mut titles = vec![
            (where_.to_string(), 8.0),
            ("Mã, tên (id)".to_string(), 30.0),
            ("Phiên bản (version)".to_string(), 14.0),
            ("Kết quả (status)".to_string(), 22.0),
            ("Xếp loại (tier)".to_string(), 12.0),
            ("Tổng điểm (total)".to_string(), 10.0),
        ];
        titles.extend(
            criteria
                .iter()
                .map(|(id, title)| (format!("{id}. {title}"), 14.0)),
        );
        titles.push(("Chỉ số chưa đủ điểm (failing)".to_string(), 30.0));
        let results = book.add_worksheet_with_constant_memory().map_err(&err)?;
        results.set_name(RESULTS).map_err(&err)?;
        let results_cols = header(results, &titles).map_err(&err)?;
        let rejected = book.add_worksheet_with_constant_memory().map_err(&err)?;
        rejected.set_name(REJECTED).map_err(&err)?;
        let rejected_titles = [
            (where_.to_string(), 8.0),
            ("Mã, tên (id)".to_string(), 30.0),
            ("Trường (path)".to_string(), 30.0),
            ("Mã lỗi (code)".to_string(), 10.0),
            ("Lý do (message)".to_string(), 90.0),
        ];
        let rejected_cols = header(rejected, &rejected_titles).map_err(&err)?;
        Ok(Book {
            book,
            file,
            rows: [1, 1],
            cols: [results_cols, rejected_cols],
            name: name.to_string(),
        })
    }

    /// The next row of a sheet; refuses to go past Excel's limit.
    fn next_row(&mut self, sheet: usize) -> Result<u32, CliError> {
        let Some(rows) = self.rows.get_mut(sheet) else {
            return Ok(0);
        };
        if *rows >= MAX_ROWS {
            return Err(CliError::SheetFull {
                name: self.name.clone(),
                sheet: if sheet == 0 { RESULTS } else { REJECTED },
                max_rows: MAX_ROWS,
            });
        }
        let row = *rows;
        *rows += 1;
        Ok(row)
    }

    /// Writes a scored record's row (made by [`row`]); empty bytes write nothing.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        if bytes.is_empty() {
            return Ok(());
        }
        let cells: Vec<Value> = serde_json::from_slice(bytes).map_err(unreadable(&self.name))?;
        let row = self.next_row(0)?;
        let err = fail(&self.name);
        let sheet = self.book.worksheet_from_index(0).map_err(&err)?;
        for (col, value) in (0u16..).zip(&cells) {
            cell(sheet, row, col, value).map_err(&err)?;
        }
        Ok(())
    }

    /// Writes a rejected record (a line of the rejects file): one row per problem.
    pub fn rejected(&mut self, line: &[u8]) -> Result<(), CliError> {
        let record: Value = serde_json::from_slice(line).map_err(unreadable(&self.name))?;
        let at = record.get("row").or_else(|| record.get("line"));
        let id = record.get("id");
        let errors = record
            .get("errors")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for e in &errors {
            let row = self.next_row(1)?;
            let err = fail(&self.name);
            let sheet = self.book.worksheet_from_index(1).map_err(&err)?;
            let cells = [
                at.cloned().unwrap_or(Value::Null),
                id.cloned().unwrap_or(Value::Null),
                e.get("path").cloned().unwrap_or(Value::Null),
                e.get("code").cloned().unwrap_or(Value::Null),
                e.get("message").cloned().unwrap_or(Value::Null),
            ];
            for (col, value) in (0u16..).zip(&cells) {
                cell(sheet, row, col, value).map_err(&err)?;
            }
        }
        Ok(())
    }

    /// Adds the autofilters and assembles the workbook into its temporary file.
    pub fn close(mut self) -> Result<Atomic, CliError> {
        let err = fail(&self.name);
        for (i, (rows, cols)) in self.rows.iter().zip(self.cols).enumerate() {
            let sheet = self.book.worksheet_from_index(i).map_err(&err)?;
            sheet
                .autofilter(0, 0, rows.saturating_sub(1), cols.saturating_sub(1))
                .map_err(&err)?;
        }
        let writer = self.file.writer().ok_or_else(|| CliError::Write {
            name: self.name.clone(),
            source: std::io::Error::other("tệp đã đóng (file closed)"),
        })?;
        self.book.save_to_writer(writer).map_err(&err)?;
        Ok(self.file)
    }
}

#[cfg(test)]
mod tests {
    use super::{Book, MAX_ROWS};

    #[test]
    fn a_sheet_past_excels_row_limit_is_refused_not_truncated() {
        let dir = std::env::temp_dir().join(format!("tieuchi-xlsx-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.xlsx");
        let mut book = Book::create(target.to_str().unwrap(), "line", &[]).unwrap();
        // As if all rows but the last were written already.
        book.rows[0] = MAX_ROWS - 1;
        book.write(br#"[1048576, "last"]"#).unwrap();
        let err = book
            .write(br#"[1048577, "one too many"]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("at most 1048576 rows"), "{err}");
        assert!(err.contains("--output results.csv"), "{err}");
        drop(book);
        // The temporary file is gone and no output was written.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
