//! XLSX: the first (or a named) sheet of an Excel workbook, read cell by cell (never the whole sheet at
//! once). The first non-empty row is the header; rows are numbered as Excel shows them.

use std::fs::File;
use std::io::BufReader;

use calamine::{DataRef, Reader, Xlsx, XlsxCellReader};

use super::{Item, Meter, Sink};
use crate::batch::{Body, Cell, Raw, problem};
use crate::error::{CliError, TableProblem, WorkbookProblem};
use tieuchi_core::RecordCode;

/// The first sheet of a workbook and where its header is.
pub struct Sheet {
    /// The workbook.
    book: Xlsx<BufReader<File>>,
    /// Name of the first sheet.
    sheet: String,
    /// Row index (from 0) of the header.
    header_row: u32,
    /// Number of header columns (from column A).
    width: usize,
    /// The file name, for messages.
    name: String,
    /// Rows read so far, out of the rows the sheet declares.
    meter: Meter,
}

/// A cell as this program reads it.
fn cell(value: &DataRef<'_>) -> Cell {
    let text = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            iso_date(s).unwrap_or_else(|| text(s))
        }
        DataRef::SharedString(s) => text(s),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            time::Month::try_from(m)
                .ok()
                .and_then(|m| time::Date::from_calendar_date(i32::from(y), m, day).ok())
                .map_or(Cell::Number(d.as_f64()), Cell::Date)
        }
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// An ISO date cell (`2024-05-01` or `2024-05-01T00:00:00`) as a date.
fn iso_date(s: &str) -> Option<Cell> {
    let day = s.get(..10)?;
    let rest = s.get(10..)?;
    if !(rest.is_empty() || rest.starts_with('T')) {
        return None;
    }
    tieuchi_core::record::parse_date(day).map(Cell::Date)
}

/// Cells of the current row, placed by column.
struct RowCells {
    /// Row index from 0.
    row: u32,
    /// Cells by column index from 0.
    cells: Vec<Cell>,
}

/// Reads the sheet cell by cell and calls `each` with every completed row that has a
/// non-empty cell. `each` returns false to stop early.
fn rows(
    reader: &mut XlsxCellReader<'_, BufReader<File>>,
    name: &str,
    each: &mut dyn FnMut(RowCells) -> Result<bool, CliError>,
) -> Result<(), CliError> {
    let mut current: Option<RowCells> = None;
    loop {
        let next = reader.next_cell().map_err(|e| CliError::Workbook {
            name: name.to_string(),
            problem: WorkbookProblem::Cells(e),
        })?;
        let Some(c) = next else { break };
        let (row, col) = c.get_position();
        let value = cell(c.get_value());
        if current.as_ref().is_some_and(|r| r.row != row)
            && let Some(done) = current.take()
            && !each(done)?
        {
            return Ok(());
        }
        if value == Cell::Empty {
            continue;
        }
        let r = current.get_or_insert_with(|| RowCells {
            row,
            cells: Vec::new(),
        });
        let col = usize::try_from(col).unwrap_or(usize::MAX);
        if col >= r.cells.len() {
            r.cells.resize(col.saturating_add(1), Cell::Empty);
        }
        if let Some(slot) = r.cells.get_mut(col) {
            *slot = value;
        }
    }
    if let Some(done) = current {
        each(done)?;
    }
    Ok(())
}

/// `A`, `B`, … `Z`, `AA`: the Excel name of a column index from 0.
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(col % 26).unwrap_or(0)));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.iter().rev().collect()
}

impl Sheet {
    /// Opens the workbook and reads the header row of its first sheet, or of the sheet
    /// named `wanted`.
    pub fn open(name: &str, wanted: Option<&str>) -> Result<(Vec<String>, Self), CliError> {
        let mut book = workbook(name)?;
        let names = book.sheet_names();
        let found = match wanted {
            None => names.first(),
            Some(w) => names.iter().find(|n| n.as_str() == w),
        };
        let Some(sheet) = found.cloned() else {
            return Err(CliError::Workbook {
                name: name.to_string(),
                problem: WorkbookProblem::NoSheet {
                    wanted: wanted.map(str::to_string),
                    sheets: names,
                },
            });
        };
        let mut header: Option<RowCells> = None;
        let meter = Meter::default();
        {
            let mut reader = book
                .worksheet_cells_reader(&sheet)
                .map_err(|e| unreadable_sheet(name, &sheet, e))?;
            meter.total(u64::from(reader.dimensions().end.0) + 1);
            rows(&mut reader, name, &mut |r| {
                header = Some(r);
                Ok(false)
            })?;
        }
        let Some(header) = header else {
            return Err(CliError::Table {
                name: name.to_string(),
                problem: TableProblem::Empty { sheet: Some(sheet) }.into(),
            });
        };
        let mut names = Vec::with_capacity(header.cells.len());
        for (i, c) in header.cells.iter().enumerate() {
            names.push(match c {
                Cell::Empty => String::new(),
                Cell::Text(t) => t.clone(),
                other => {
                    return Err(CliError::Table {
                        name: name.to_string(),
                        problem: TableProblem::HeaderNotText {
                            column: i,
                            row: header.row + 1,
                            value: other.clone(),
                        }
                        .into(),
                    });
                }
            });
        }
        let sheet = Sheet {
            book,
            sheet,
            header_row: header.row,
            width: names.len(),
            name: name.to_string(),
            meter,
        };
        Ok((names, sheet))
    }

    /// Hands every non-empty row after the header to `sink`, numbered as in Excel.
    pub fn each(mut self, sink: Sink<'_>) -> Result<(), CliError> {
        let (name, sheet, header_row, width) = (self.name, self.sheet, self.header_row, self.width);
        let meter = self.meter;
        let mut reader = self
            .book
            .worksheet_cells_reader(&sheet)
            .map_err(|e| unreadable_sheet(&name, &sheet, e))?;
        rows(&mut reader, &name, &mut |r| {
            if r.row <= header_row {
                return Ok(true);
            }
            let at = u64::from(r.row) + 1;
            meter.set(at);
            let mut cells = r.cells;
            let body = match cells.get(width..).and_then(|extra| {
                extra
                    .iter()
                    .position(|c| *c != Cell::Empty)
                    .map(|i| i + width)
            }) {
                Some(col) => Body::Broken(problem(
                    RecordCode::Unreadable,
                    format!(
                        "ô {}{at} có giá trị nhưng cột {} không có tiêu đề; thêm tiêu đề ở hàng tiêu đề hoặc xoá giá trị",
                        column_letter(col),
                        column_letter(col)
                    ),
                )),
                None => {
                    cells.resize(width, Cell::Empty);
                    Body::Row(cells)
                }
            };
            sink(Item::Record(Raw { at, body }))?;
            Ok(true)
        })
    }
}

/// Largest uncompressed size of one part of a workbook (a sheet, the shared strings…): 1 GiB.
/// calamine keeps the shared strings in memory and the zip reader inflates what a part
/// declares: a 4 MB workbook declaring gigabytes took 6.8 GB of memory.
pub const MAX_PART_BYTES: u64 = 1 << 30;

/// Largest ratio of a part's uncompressed size to its compressed size. Parts of real workbooks
/// compress about 2 to 10 times (measured on rules/family/examples/batch/ho-gia-dinh-200.xlsx:
/// sheets 7.7 and 9.4); a zip bomb, hundreds of times.
pub const MAX_PART_RATIO: u64 = 100;

/// Parts smaller than this (1 MiB) are not held to [`MAX_PART_RATIO`]: they cost little.
const RATIO_FROM_BYTES: u64 = 1 << 20;

/// Refuses a workbook with a part larger than [`MAX_PART_BYTES`] or compressed more than
/// [`MAX_PART_RATIO`] times, from the sizes its zip directory declares (the zip reader inflates
/// no more than a part declares), before anything is inflated. A file that is no zip is left
/// to calamine, whose error says so.
fn check_sizes(name: &str) -> Result<(), CliError> {
    let Ok(file) = File::open(name) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (part.size(), part.compressed_size());
        let part_name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let refused = |problem| CliError::Workbook {
            name: name.to_string(),
            problem,
        };
        if size > MAX_PART_BYTES {
            return Err(refused(WorkbookProblem::PartTooLarge {
                part: part_name,
                size,
                limit: MAX_PART_BYTES,
            }));
        }
        if size >= RATIO_FROM_BYTES && size / packed.max(1) > MAX_PART_RATIO {
            return Err(refused(WorkbookProblem::PartTooCompressed {
                part: part_name,
                packed,
                size,
                ratio: MAX_PART_RATIO,
            }));
        }
    }
    Ok(())
}

/// Opens a workbook, its part sizes checked first; the error says what to do.
fn workbook(name: &str) -> Result<Xlsx<BufReader<File>>, CliError> {
    check_sizes(name)?;
    calamine::open_workbook(name).map_err(|e| CliError::Workbook {
        name: name.to_string(),
        problem: WorkbookProblem::Open(e),
    })
}

/// The error of a sheet whose cells cannot be read.
fn unreadable_sheet(name: &str, sheet: &str, source: calamine::XlsxError) -> CliError {
    CliError::Workbook {
        name: name.to_string(),
        problem: WorkbookProblem::Sheet {
            sheet: sheet.to_string(),
            source,
        },
    }
}

/// The names of a workbook's sheets, in order.
pub fn sheet_names(name: &str) -> Result<Vec<String>, CliError> {
    Ok(workbook(name)?.sheet_names())
}

impl Sheet {
    /// How far reading has got.
    pub fn meter(&self) -> Meter {
        self.meter.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn columns_are_named_as_in_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
