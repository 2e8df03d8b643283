//! NDJSON (JSON Lines): one record per line. The reader hands on blocks of whole lines, so that
//! the scoring threads, not the reading thread, split them; blank lines are skipped there, line
//! numbers counted here.

use std::io::BufRead;

use super::{Item, Meter, Sink};
use crate::batch::problem;
use tieuchi_core::RecordError;

/// Bytes of text per block: a few hundred records.
const BLOCK_BYTES: usize = 64 * 1024;

/// Whole lines of an NDJSON input.
pub struct Block {
    /// The number of the block's first line, from 1.
    pub first: u64,
    /// The lines, each with its newline (the last one may lack it).
    pub text: Vec<u8>,
}

/// Hands the lines of `input` to `sink` in blocks of whole lines.
pub fn each(
    mut input: Box<dyn BufRead>,
    name: &str,
    meter: &Meter,
    sink: Sink<'_>,
) -> Result<(), String> {
    let mut line = 0u64;
    loop {
        let first = line + 1;
        let mut text = Vec::with_capacity(BLOCK_BYTES + 1024);
        let mut end = false;
        while text.len() < BLOCK_BYTES {
            let n = input.read_until(b'\n', &mut text).map_err(|e| {
                format!(
                    "không đọc được {name} sau dòng {line} (cannot read it after line {line}): {e}"
                )
            })?;
            if n == 0 {
                end = true;
                break;
            }
            line += 1;
        }
        meter.add(text.len() as u64);
        if !text.is_empty() {
            sink(Item::Lines(Block { first, text }))?;
        }
        if end {
            return Ok(());
        }
    }
}

impl Block {
    /// Every non-blank line with its number: its text, or why it cannot be read.
    pub fn lines(&self) -> impl Iterator<Item = (u64, Result<&str, RecordError>)> {
        let text = self.text.as_slice();
        let ends = memchr::memchr_iter(b'\n', text).chain([text.len()]);
        let mut start = 0;
        ends.map(move |end| {
            let line = text.get(start..end).unwrap_or_default();
            start = end + 1;
            line
        })
        .zip(self.first..)
        .filter(|(line, _)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(line, at)| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let text = std::str::from_utf8(line).map_err(|e| {
                problem(
                    "R001",
                    format!(
                        "dòng không phải văn bản UTF-8 hợp lệ (byte thứ {}); hãy lưu tệp với bảng mã UTF-8",
                        e.valid_up_to() + 1
                    ),
                )
            });
            (at, text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8]) -> Vec<(u64, Result<String, String>)> {
        let block = Block {
            first: 7,
            text: text.to_vec(),
        };
        block
            .lines()
            .map(|(at, l)| (at, l.map(str::to_string).map_err(|e| e.message)))
            .collect()
    }

    #[test]
    fn numbers_lines_skips_blank_ones_and_strips_line_ends() {
        let got = lines(b"{\"a\":1}\r\n\n  \t\n{\"b\":2}\n{\"c\":3}");
        let want = [
            (7, Ok("{\"a\":1}".to_string())),
            (10, Ok("{\"b\":2}".to_string())),
            (11, Ok("{\"c\":3}".to_string())),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_located_by_byte() {
        let got = lines(b"{}\nab\xff\n");
        assert_eq!(got.len(), 2);
        let (at, err) = &got[1];
        assert_eq!(*at, 8);
        assert!(
            err.as_ref().is_err_and(|m| m.contains("byte thứ 3")),
            "{err:?}"
        );
    }
}
