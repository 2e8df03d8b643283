//! Writing the results: the output format from the extension or `--output-format`, each
//! scored record as a line, rejected records to the rejects file, and every file written
//! under a temporary name and renamed into place only when the run completes.

pub mod atomic;
mod csv_line;
pub use csv_line::record as csv_record;
mod ndjson_line;
pub mod xlsx_book;

use std::io::{BufWriter, ErrorKind, Stdout, Write};
use std::path::Path;

use tieuchi_core::{Detail, RecordError, explain};

use super::score::Judged;
use crate::error::CliError;

use atomic::Atomic;
use xlsx_book::Book;

/// Formats of the output file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Mỗi dòng một câu trả lời JSON (one JSON answer per line: `.ndjson`, `.jsonl`).
    Ndjson,
    /// Mỗi bản ghi một dòng: vị trí, mã, phiên bản, trạng thái, xếp loại, tổng điểm, điểm
    /// từng tiêu chí, chỉ tiêu chưa đạt (one row per record: `.csv`).
    Csv,
    /// Tệp Excel: trang "Kết quả" với các cột như CSV, trang "Bị loại" với lỗi của bản ghi bị
    /// từ chối (an Excel workbook: `.xlsx`).
    Xlsx,
}

impl OutputFormat {
    /// The format a file name's extension says, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ndjson" | "jsonl" => Some(Self::Ndjson),
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

/// Turns answers into output lines; shared by the scoring threads.
pub enum Lines {
    /// JSON answers, each starting with the record's position and id.
    Ndjson {
        /// `line` or `row`.
        position: &'static str,
    },
    /// CSV rows.
    Csv {
        /// `line` or `row`.
        position: &'static str,
        /// Criterion ids, one column each, in order.
        criteria: Vec<String>,
    },
    /// Rows of the XLSX output, as JSON arrays of cells for [`Book::write`].
    Xlsx {
        /// Criterion ids, one column each, in order.
        criteria: Vec<String>,
    },
}

impl Lines {
    /// The first line of the output (the CSV header), if any.
    pub fn header(&self) -> Result<Vec<u8>, CliError> {
        match self {
            Lines::Ndjson { .. } | Lines::Xlsx { .. } => Ok(Vec::new()),
            Lines::Csv { position, criteria } => csv_line::header(position, criteria),
        }
    }

    /// Appends the output line of a scored record, newline included, to `out`, from its
    /// answer with `detail`.
    pub fn line(
        &self,
        at: u64,
        id: Option<&str>,
        judged: &Judged<'_>,
        detail: Detail,
        out: &mut String,
    ) -> Result<(), CliError> {
        let answer = explain(judged.program, &judged.decoded, &judged.ev, detail);
        let row = match self {
            Lines::Ndjson { position } => {
                ndjson_line::answer(position, at, id, &answer, out);
                return Ok(());
            }
            Lines::Csv { criteria, .. } => csv_line::row(at, id, &answer, criteria)?,
            Lines::Xlsx { criteria } => xlsx_book::row(at, id, &answer, criteria),
        };
        let row = std::str::from_utf8(&row).map_err(CliError::Row)?;
        out.push_str(row);
        Ok(())
    }
}

/// The line of a rejected record in the rejects file (NDJSON), newline included.
pub fn reject_line(position: &str, at: u64, id: Option<&str>, errors: &[RecordError]) -> Vec<u8> {
    ndjson_line::rejected(position, at, id, errors)
}

/// Where an output goes: standard output, or a file written atomically.
pub enum Target {
    /// Standard output (`-`).
    Stdout(BufWriter<Stdout>),
    /// A file, renamed into place by [`atomic::finish_all`].
    File(Atomic),
    /// A device or pipe such as `/dev/null`, written in place.
    Device(BufWriter<std::fs::File>),
    /// An Excel workbook, assembled into a file written atomically at the end.
    Xlsx(Box<Book>),
}

impl Target {
    /// Opens `name` for writing (`-` is standard output); a file is created under a
    /// temporary name beside it.
    pub fn create(name: &str) -> Result<Self, CliError> {
        if name == "-" {
            return Ok(Target::Stdout(BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )));
        }
        let path = Path::new(name);
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|source| CliError::Write {
                    name: name.to_string(),
                    source,
                })?;
            return Ok(Target::Device(BufWriter::new(file)));
        }
        Atomic::create(path).map(Target::File)
    }

    /// Writes bytes; a closed standard output gives [`CliError::Closed`].
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        match self {
            Target::Stdout(out) => out.write_all(bytes).map_err(CliError::stdout),
            Target::File(file) => file.write(bytes),
            Target::Device(out) => out.write_all(bytes).map_err(CliError::WriteDevice),
            Target::Xlsx(book) => book.write(bytes),
        }
    }

    /// Takes a rejected record's line: the XLSX output lists it on its sheet "Bị loại";
    /// the other outputs leave it out.
    pub fn rejected(&mut self, line: &[u8]) -> Result<(), CliError> {
        match self {
            Target::Xlsx(book) => book.rejected(line),
            Target::Stdout(_) | Target::File(_) | Target::Device(_) => Ok(()),
        }
    }

    /// True when rejected records go into the output itself (XLSX).
    pub fn takes_rejected(&self) -> bool {
        matches!(self, Target::Xlsx(_))
    }

    /// Flushes standard output; returns the file to rename, if any.
    pub fn close(self) -> Result<Option<Atomic>, CliError> {
        match self {
            Target::Stdout(mut out) => match out.flush() {
                Ok(()) => Ok(None),
                Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(None),
                Err(e) => Err(CliError::WriteStdout(e)),
            },
            Target::File(file) => Ok(Some(file)),
            Target::Device(mut out) => out.flush().map(|()| None).map_err(CliError::WriteDevice),
            Target::Xlsx(book) => book.close().map(Some),
        }
    }
}
