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
        let (text, end) = block(input.as_mut()).map_err(|e| {
            format!("không đọc được {name} sau dòng {line} (cannot read it after line {line}): {e}")
        })?;
        meter.add(text.len() as u64);
        let first = line + 1;
        line += memchr::memchr_iter(b'\n', &text).count() as u64;
        if !text.is_empty() {
            line += u64::from(text.last() != Some(&b'\n'));
            sink(Item::Lines(Block { first, text }))?;
        }
        if end {
            return Ok(());
        }
    }
}

/// Reads about [`BLOCK_BYTES`] of whole lines (fewer at the end of the input); true when the
/// input has ended.
fn block(input: &mut dyn BufRead) -> std::io::Result<(Vec<u8>, bool)> {
    let mut text = Vec::with_capacity(BLOCK_BYTES + (BLOCK_BYTES >> 2));
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok((text, true));
        }
        // All of it while the block is short; else up to the last line end that fits, or
        // the first one beyond (a line longer than a block).
        let room = BLOCK_BYTES.saturating_sub(text.len());
        let cut = if buf.len() < room {
            None
        } else {
            let within = buf.get(..room).and_then(|b| memchr::memrchr(b'\n', b));
            within.or_else(|| {
                let beyond = buf.get(room..).and_then(|b| memchr::memchr(b'\n', b));
                beyond.map(|i| i + room)
            })
        };
        let take = cut.map_or(buf.len(), |i| i + 1);
        text.extend_from_slice(buf.get(..take).unwrap_or_default());
        input.consume(take);
        if cut.is_some() {
            return Ok((text, false));
        }
    }
}

impl Block {
    /// Every non-blank line with its number: its text, or why it cannot be read.
    pub fn lines(&self) -> impl Iterator<Item = (u64, Result<&str, RecordError>)> {
        let bytes = self.text.as_slice();
        // Checked once for the whole block, with SIMD instructions (several times faster than
        // the standard check on Vietnamese text); line by line only when some line is not UTF-8.
        let whole = simdutf8::basic::from_utf8(bytes).ok();
        let ends = memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]);
        let mut start = 0;
        ends.map(move |end| {
            let range = start..end;
            start = end + 1;
            range
        })
        .zip(self.first..)
        .filter(|(r, _)| {
            let line = bytes.get(r.clone()).unwrap_or_default();
            !line.iter().all(u8::is_ascii_whitespace)
        })
        .map(move |(mut r, at)| {
            if bytes.get(r.end.wrapping_sub(1)) == Some(&b'\r') {
                r.end -= 1;
            }
            let text = match whole {
                Some(whole) => Ok(whole.get(r).unwrap_or_default()),
                None => line_text(bytes.get(r).unwrap_or_default()),
            };
            (at, text)
        })
    }
}

/// A line's text, or where it stops being UTF-8.
fn line_text(line: &[u8]) -> Result<&str, RecordError> {
    std::str::from_utf8(line).map_err(|e| {
        problem(
            "R001",
            format!(
                "dòng không phải văn bản UTF-8 hợp lệ (byte thứ {}); hãy lưu tệp với bảng mã UTF-8",
                e.valid_up_to() + 1
            ),
        )
    })
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

    /// Reads `text` in blocks as `each` does, through a buffer of `capacity` bytes: (first
    /// line, text) of each block.
    fn blocks(text: &[u8], capacity: usize) -> Vec<(u64, Vec<u8>)> {
        let mut out = Vec::new();
        let input: Box<dyn BufRead> = Box::new(std::io::BufReader::with_capacity(
            capacity,
            std::io::Cursor::new(text.to_vec()),
        ));
        each(input, "x", &Meter::default(), &mut |item| {
            if let Item::Lines(b) = item {
                out.push((b.first, b.text));
            }
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn blocks_hold_whole_lines_and_count_them() {
        let line = |i: usize| {
            format!(
                "{{\"n\":{i},\"pad\":\"{}\"}}\n",
                "x".repeat(if i == 300 { 3000 } else { i % 700 })
            )
        };
        let mut text: Vec<u8> = (0..600).flat_map(|i| line(i).into_bytes()).collect();
        text.extend_from_slice(b"{\"last\":true}");
        // Small reads, and reads near the size of a block.
        for capacity in [1000, 48 * 1024] {
            let got = blocks(&text, capacity);
            assert!(got.len() > 2, "{} blocks", got.len());
            let mut next = 1;
            for (first, block) in &got {
                assert_eq!(*first, next);
                let last = got.last().map(|(f, _)| *f) == Some(*first);
                assert!(
                    last || block.ends_with(b"\n"),
                    "block at line {first} cut mid-line"
                );
                // A block ends at the last line end that fits, or the first one beyond.
                assert!(
                    block.len() <= BLOCK_BYTES + 3100,
                    "block at line {first} holds {} bytes",
                    block.len()
                );
                next +=
                    block.split(|b| *b == b'\n').count() as u64 - u64::from(block.ends_with(b"\n"));
            }
            assert_eq!(next, 602);
            let joined: Vec<u8> = got.into_iter().flat_map(|(_, b)| b).collect();
            assert_eq!(joined, text);
        }
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
