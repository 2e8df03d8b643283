//! Reading the input: the format from the extension or `--input-format`, the header of a
//! table, then the records one by one, each handed to a sink as soon as it is read.

mod csv_rows;
mod ndjson;
mod xlsx_rows;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

pub use csv_rows::parse_delimiter;
pub use ndjson::Block;
pub use xlsx_rows::{column_letter, sheet_names};

use super::Raw;
use super::progress::Meter;
use crate::error::{CliError, Usage};

/// Formats of the input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Mỗi dòng một bản ghi JSON (one JSON record per line: `.ndjson`, `.jsonl`).
    Ndjson,
    /// Giá trị phân cách bằng dấu phẩy, chấm phẩy hoặc tab, có dòng tiêu đề (values with a
    /// header row: `.csv`).
    Csv,
    /// Trang đầu của tệp Excel, có dòng tiêu đề (the first sheet of a workbook: `.xlsx`).
    Xlsx,
}

impl InputFormat {
    /// The format a file name's extension says, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ndjson" | "jsonl" => Some(Self::Ndjson),
            "csv" => Some(Self::Csv),
            "xlsx" | "xlsm" => Some(Self::Xlsx),
            _ => None,
        }
    }

    /// How a record's position is named: `line` in a text file, `row` in a sheet.
    pub fn position(self) -> &'static str {
        match self {
            Self::Xlsx => "row",
            Self::Ndjson | Self::Csv => "line",
        }
    }
}

/// What a reader hands on: a record of a table, or a block of NDJSON lines.
pub enum Item {
    /// One record (a table row).
    Record(Raw),
    /// Whole lines of an NDJSON input, split by the scoring threads.
    Lines(Block),
}

/// Receives each record as it is read; an error stops reading.
pub type Sink<'a> = &'a mut dyn FnMut(Item) -> Result<(), CliError>;

/// An opened input, its header read (for a table).
pub struct Opened {
    /// The name given on the command line, for messages.
    name: String,
    /// The header cells of a table; `None` for NDJSON.
    header: Option<Vec<String>>,
    /// Where the records come from.
    source: Source,
    /// How far reading has got.
    meter: Meter,
}

/// The reader of each format.
enum Source {
    /// JSON lines.
    Ndjson(Box<dyn BufRead>),
    /// CSV rows after the header.
    Csv(Box<csv_rows::Rows>),
    /// Sheet rows after the header.
    Xlsx(Box<xlsx_rows::Sheet>),
}

/// Opens the input (`-` is standard input) and reads a table's header; errors say what to do.
/// `delimiter` forces the separator of a CSV file (guessed otherwise).
pub fn open(name: &str, format: InputFormat, delimiter: Option<u8>) -> Result<Opened, CliError> {
    open_table(name, format, None, delimiter)
}

/// Opens the input as [`open`] does, reading the sheet named `sheet` of a workbook instead of
/// the first one.
pub fn open_sheet(
    name: &str,
    format: InputFormat,
    sheet: Option<&str>,
) -> Result<Opened, CliError> {
    open_table(name, format, sheet, None)
}

/// Opens the input: the sheet `sheet` of a workbook, a CSV file split at `delimiter`.
fn open_table(
    name: &str,
    format: InputFormat,
    sheet: Option<&str>,
    delimiter: Option<u8>,
) -> Result<Opened, CliError> {
    let meter = Meter::default();
    if name != "-"
        && let Ok(m) = std::fs::metadata(name)
    {
        meter.total(m.len());
    }
    let (header, source, meter) = match format {
        InputFormat::Ndjson => (None, Source::Ndjson(text_input(name)?), meter),
        InputFormat::Csv => {
            let (header, rows) =
                csv_rows::Rows::open(text_input(name)?, name, meter.clone(), delimiter)?;
            (Some(header), Source::Csv(Box::new(rows)), meter)
        }
        InputFormat::Xlsx => {
            if name == "-" {
                return Err(CliError::Usage(Usage::ExcelFromStdin));
            }
            check_file(name)?;
            let (header, sheet) = xlsx_rows::Sheet::open(name, sheet)?;
            let meter = sheet.meter();
            (Some(header), Source::Xlsx(Box::new(sheet)), meter)
        }
    };
    Ok(Opened {
        name: name.to_string(),
        header,
        source,
        meter,
    })
}

impl Opened {
    /// The header cells of a table, in column order (`None` for NDJSON).
    pub fn header(&self) -> Option<&[String]> {
        self.header.as_deref()
    }

    /// How far reading has got, for the progress line.
    pub fn meter(&self) -> Meter {
        self.meter.clone()
    }

    /// Reads every record into `sink`, in file order (NDJSON in blocks of lines). Errors are
    /// read failures of the file itself (a record that cannot be read is handed on as
    /// [`super::Body::Broken`]).
    pub fn each(self, sink: Sink<'_>) -> Result<(), CliError> {
        match self.source {
            Source::Ndjson(input) => ndjson::each(input, &self.name, &self.meter, sink),
            Source::Csv(rows) => rows.each(sink),
            Source::Xlsx(sheet) => sheet.each(sink),
        }
    }
}

/// Fails with a clear message when `name` is missing or a directory.
fn check_file(name: &str) -> Result<(), CliError> {
    match std::fs::metadata(name) {
        Ok(m) if m.is_dir() => Err(CliError::IsDirectory(name.to_string())),
        Ok(_) => Ok(()),
        Err(source) => Err(CliError::Read {
            name: name.to_string(),
            source,
        }),
    }
}

/// A buffered text input (`-` is standard input), a UTF-8 byte order mark skipped.
fn text_input(name: &str) -> Result<Box<dyn BufRead>, CliError> {
    let mut input: Box<dyn BufRead> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        check_file(name)?;
        let file = File::open(name).map_err(|source| CliError::Read {
            name: name.to_string(),
            source,
        })?;
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let buf = input.fill_buf().map_err(|source| CliError::ReadPartway {
        name: name.to_string(),
        after_line: None,
        source,
    })?;
    if buf.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    Ok(input)
}
