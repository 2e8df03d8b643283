//! `tieuchi batch`: many records in, one answer per record out, streamed in input order with
//! bounded memory and scored in parallel.
//!
//! `read` turns an input file into [`Raw`] records, `items` joins the rows of item tables to
//! them by a key column (`--items`), `columns` types the cells of a table,
//! `score` decodes, evaluates and explains one record, `pipeline` scores chunks on a thread
//! pool and hands the results back in order to `write`, `summary` and `progress`.

pub mod columns;
pub mod items;
pub mod pipeline;
pub mod progress;
pub mod read;
pub mod score;
pub mod summary;
pub mod write;

use tieuchi_core::{RecordError, Status};

/// One record as read, before decoding: where it is and what it holds.
pub struct Raw {
    /// Line number (NDJSON, CSV) or row number (XLSX), from 1.
    pub at: u64,
    /// The record.
    pub body: Body,
}

/// What a record holds as read.
pub enum Body {
    /// The cells of a table row, one per header column.
    Row(Vec<Cell>),
    /// A table row with the rows of its item tables (`--items`).
    Joined {
        /// The record's key (the id of its answer unless `--id` names a field).
        key: String,
        /// The cells of the row.
        cells: Vec<Cell>,
        /// For each item table, in the order the options name them, the rows whose key is
        /// the record's, as (row or line number, cells), in table order.
        items: Vec<Vec<(u64, Vec<Cell>)>>,
    },
    /// A record that could not be read at all (not UTF-8, a cell outside the header…).
    Broken(RecordError),
}

/// One cell of a table row, typed as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell: the field is absent.
    Empty,
    /// Text (every CSV cell).
    Text(String),
    /// A number (XLSX).
    Number(f64),
    /// A yes/no value (XLSX).
    Bool(bool),
    /// A date (XLSX date cell).
    Date(time::Date),
    /// A spreadsheet error such as `#DIV/0!` (XLSX).
    Error(String),
}

/// The result for one record, ready to be written (a scored record's output line is in the
/// output bytes of its chunk; see [`pipeline`]).
pub struct Done {
    /// Line or row number.
    pub at: u64,
    /// Scored or rejected.
    pub outcome: Outcome,
}

/// What became of a record.
pub enum Outcome {
    /// Scored: what the summary and the report count.
    Scored {
        /// The decision.
        status: Status,
        /// The tier or level decided, by its position in its program's decision.
        tier: Option<usize>,
        /// The position of its version among the rules' programs.
        program: usize,
        /// Positions (in program order) of the indicators not met or partly met.
        failing: Vec<u32>,
        /// The value of the `--group-by` field, when asked for and present.
        group: Option<String>,
    },
    /// Rejected: every problem found.
    Rejected {
        /// The record's id (its first text field, or `--id FIELD`), when it could be read.
        id: Option<String>,
        /// The problems, each with its JSON path.
        errors: Vec<RecordError>,
    },
}

/// A problem of a record on one line: `[R009] /members_compliant: …` (no path for the whole
/// record).
pub fn problem_line(e: &RecordError) -> String {
    if e.path.is_empty() {
        format!("[{}]: {}", e.code, e.message)
    } else {
        format!("[{}] {}: {}", e.code, e.path, e.message)
    }
}

/// A batch-level problem with a record (not a problem of its values): code and message.
pub fn problem(code: tieuchi_core::RecordCode, message: String) -> RecordError {
    RecordError {
        path: String::new(),
        code,
        message,
    }
}
