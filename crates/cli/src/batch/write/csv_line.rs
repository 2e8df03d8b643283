//! CSV rows: position, id, version, status, tier, total, the points of each criterion and
//! the indicators that did not get full points (unmet, partial or unknown), space-separated.

use tieuchi_core::answer::Num;
use tieuchi_core::answer_json::{Encoding, JsonOut};
use tieuchi_core::{Answer, Outcome};

use crate::error::CliError;

/// One CSV record as bytes, newline included (for `batch` and `diff` alike).
pub fn record<I: IntoIterator<Item = String>>(fields: I) -> Result<Vec<u8>, CliError> {
    // A row is short: not the writer's default 8 KB buffer, zeroed for every row (with the
    // numbers written by the answer's writer: 200,000 unit records to CSV on one core, 0.92 to
    // 0.90 s).
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(256)
        .from_writer(Vec::with_capacity(256));
    w.write_record(fields).map_err(CliError::Csv)?;
    w.into_inner()
        .map_err(|e| CliError::Csv(csv::Error::from(e.into_error())))
}

/// A number as JSON writes it (`85`, `84.99`), by the answer's own writer.
fn number(n: Num) -> String {
    let mut out = String::new();
    JsonOut::new(&mut out, Encoding::Utf8).num(n);
    out
}

/// The header row.
pub fn header(position: &str, criteria: &[String]) -> Result<Vec<u8>, CliError> {
    let fixed = [position, "id", "version", "status", "tier", "total"];
    record(
        fixed
            .into_iter()
            .map(str::to_string)
            .chain(criteria.iter().cloned())
            .chain(["failing".to_string()]),
    )
}

/// The row of a scored record; a criterion its version does not have is left empty.
pub fn row(
    at: u64,
    id: Option<&str>,
    answer: &Answer,
    criteria: &[String],
) -> Result<Vec<u8>, CliError> {
    let points = criteria.iter().map(|c| {
        answer
            .criteria
            .iter()
            .find(|a| a.id == *c)
            .map(|a| number(a.points))
            .unwrap_or_default()
    });
    let fields = [
        at.to_string(),
        id.unwrap_or_default().to_string(),
        answer.version.to_string(),
        answer.status.code().to_string(),
        answer.tier.unwrap_or_default().to_string(),
        number(answer.total),
    ];
    record(
        fields
            .into_iter()
            .chain(points)
            .chain([failing(answer).join(" ")]),
    )
}

/// The indicators without full points (unmet, partial or unknown), in order.
pub fn failing<'a>(answer: &Answer<'a>) -> Vec<&'a str> {
    answer
        .criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .filter(|i| {
            matches!(
                i.status,
                Outcome::Unmet | Outcome::Partial | Outcome::Unknown
            )
        })
        .map(|i| i.id)
        .collect()
}
