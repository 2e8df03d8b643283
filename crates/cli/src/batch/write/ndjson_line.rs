//! NDJSON lines: an answer, or a rejected record's problems, each led by the record's
//! position (`line` or `row`) and id.

use serde::Serialize;
use tieuchi_core::{Answer, RecordError};

/// An answer with the record's position and id in front.
#[derive(Serialize)]
struct Scored<'a> {
    /// Line number, for a text input.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    /// Row number, for a sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    /// The record's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// The answer's own fields.
    #[serde(flatten)]
    answer: &'a Answer,
}

/// A rejected record: where, its id, and every problem.
#[derive(Serialize)]
struct Rejected<'a> {
    /// Line number, for a text input.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    /// Row number, for a sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    /// The record's id, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// The problems, each with its JSON path, code and Vietnamese message.
    errors: &'a [RecordError],
}

/// `(line, row)`: the position under the name the input uses.
fn place(position: &str, at: u64) -> (Option<u64>, Option<u64>) {
    if position == "row" {
        (None, Some(at))
    } else {
        (Some(at), None)
    }
}

/// Serializes one value as a line.
fn line(value: &impl Serialize) -> Result<Vec<u8>, String> {
    let mut out = serde_json::to_vec(value).map_err(|e| format!("cannot write JSON: {e}"))?;
    out.push(b'\n');
    Ok(out)
}

/// The line of a scored record.
pub fn answer(
    position: &str,
    at: u64,
    id: Option<&str>,
    answer: &Answer,
) -> Result<Vec<u8>, String> {
    let (line_no, row) = place(position, at);
    line(&Scored {
        line: line_no,
        row,
        id,
        answer,
    })
}

/// The line of a rejected record.
pub fn rejected(
    position: &str,
    at: u64,
    id: Option<&str>,
    errors: &[RecordError],
) -> Result<Vec<u8>, String> {
    let (line_no, row) = place(position, at);
    line(&Rejected {
        line: line_no,
        row,
        id,
        errors,
    })
}
