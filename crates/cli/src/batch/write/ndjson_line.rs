//! NDJSON lines: an answer, or a rejected record's problems, each led by the record's
//! position (`line` or `row`) and id.

use serde::Serialize;
use tieuchi_core::{Answer, RecordError};

/// Where a record was read, and its id: the first fields of every line.
#[derive(Serialize)]
struct Place<'a> {
    /// Line number, for a text input.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    /// Row number, for a sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    /// The record's id, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
}

impl<'a> Place<'a> {
    /// The position under the name the input uses (`line` or `row`).
    fn new(position: &str, at: u64, id: Option<&'a str>) -> Self {
        let (line, row) = if position == "row" {
            (None, Some(at))
        } else {
            (Some(at), None)
        };
        Place { line, row, id }
    }
}

/// An answer with the record's position and id in front.
#[derive(Serialize)]
struct Scored<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    /// The answer's own fields.
    #[serde(flatten)]
    answer: &'a Answer<'a>,
}

/// A rejected record: where, its id, and every problem.
#[derive(Serialize)]
struct Rejected<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    /// The problems, each with its JSON path, code and Vietnamese message.
    errors: &'a [RecordError],
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
    line(&Scored {
        place: Place::new(position, at, id),
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
    line(&Rejected {
        place: Place::new(position, at, id),
        errors,
    })
}
