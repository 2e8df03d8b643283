//! NDJSON lines: an answer, or a rejected record's problems, each led by the record's
//! position (`line` or `row`) and id.

use tieuchi_core::answer_json::{Encoding, JsonOut};
use tieuchi_core::{Answer, RecordError};

/// One line, appended to `out`: `{"line": N, "id": "…", <fields>}` and a newline (`row` for a
/// sheet; no `id` when the record has none).
fn line(
    position: &str,
    at: u64,
    id: Option<&str>,
    out: &mut String,
    fields: impl FnOnce(&mut JsonOut<'_>),
) {
    let mut w = JsonOut::new(out, Encoding::Utf8);
    w.begin_object();
    w.key(if position == "row" { "row" } else { "line" });
    w.uint(at);
    if let Some(id) = id {
        w.key("id");
        w.str(id);
    }
    fields(&mut w);
    w.end_object();
    out.push('\n');
}

/// Appends the line of a scored record to `out`.
pub fn answer(position: &str, at: u64, id: Option<&str>, answer: &Answer<'_>, out: &mut String) {
    line(position, at, id, out, |w| answer.write_fields(w));
}

/// The line of a rejected record: where, its id, and every problem (JSON path, code and
/// Vietnamese message).
pub fn rejected(position: &str, at: u64, id: Option<&str>, errors: &[RecordError]) -> Vec<u8> {
    let mut out = String::with_capacity(512);
    line(position, at, id, &mut out, |w| {
        w.key("errors");
        w.array(errors, |w, e| e.write(w));
    });
    out.into_bytes()
}
