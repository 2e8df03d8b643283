//! NDJSON (JSON Lines): one record per line; blank lines are skipped, line numbers counted.

use std::io::BufRead;

use super::{Meter, Sink};
use crate::batch::{Body, Raw, problem};

/// Hands every non-blank line of `input` to `sink` with its line number.
pub fn each(
    mut input: Box<dyn BufRead>,
    name: &str,
    meter: &Meter,
    sink: Sink<'_>,
) -> Result<(), String> {
    let mut line = 0u64;
    loop {
        let mut buf = Vec::new();
        let n = input.read_until(b'\n', &mut buf).map_err(|e| {
            format!("không đọc được {name} sau dòng {line} (cannot read it after line {line}): {e}")
        })?;
        if n == 0 {
            return Ok(());
        }
        meter.add(n as u64);
        line += 1;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let body = match String::from_utf8(buf) {
            Ok(text) => Body::Json(text),
            Err(e) => Body::Broken(problem(
                "R001",
                format!(
                    "dòng không phải văn bản UTF-8 hợp lệ (byte thứ {}); hãy lưu tệp với bảng mã UTF-8",
                    e.utf8_error().valid_up_to() + 1
                ),
            )),
        };
        sink(Raw { at: line, body })?;
    }
}
