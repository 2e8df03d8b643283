//! NDJSON (JSON Lines): one record per line. The reader hands on blocks of whole lines, so that
//! the scoring threads, not the reading thread, split them; blank lines are skipped there, line
//! numbers counted here.

use std::io::BufRead;

use super::{Item, Meter, Sink};
use crate::batch::problem;
use crate::error::CliError;
use tieuchi_core::RecordCode;
use tieuchi_core::RecordError;

/// Bytes of text per block: a few hundred records.
const BLOCK_BYTES: usize = 64 * 1024;

/// Longest NDJSON line read, in bytes: the core's record limit (16 MiB). A longer line is
/// rejected as that line (B002), skipped without being kept in memory, and the run goes on.
pub const MAX_LINE_BYTES: usize = tieuchi_core::limits::MAX_RECORD_BYTES;

/// Whole lines of an NDJSON input.
pub struct Block {
    /// The number of the block's first line, from 1.
    pub first: u64,
    /// The lines, each with its newline (the last one may lack it); a line longer than
    /// [`MAX_LINE_BYTES`] is left empty here and listed in `long`.
    pub text: Vec<u8>,
    /// The lines too long to read: (line number, its length in bytes).
    pub long: Vec<(u64, u64)>,
}

/// Hands the lines of `input` to `sink` in blocks of whole lines.
pub fn each(
    mut input: Box<dyn BufRead>,
    name: &str,
    meter: &Meter,
    sink: Sink<'_>,
) -> Result<(), CliError> {
    let mut line = 0u64;
    loop {
        let read = block(input.as_mut()).map_err(|source| CliError::ReadPartway {
            name: name.to_string(),
            after_line: Some(line),
            source,
        })?;
        let text = read.text;
        meter.add(text.len() as u64 + read.long.iter().map(|(_, n)| n).sum::<u64>());
        let first = line + 1;
        line += memchr::memchr_iter(b'\n', &text).count() as u64;
        if !text.is_empty() {
            line += u64::from(text.last() != Some(&b'\n'));
            let long = read
                .long
                .into_iter()
                .map(|(before, bytes)| (first + before, bytes))
                .collect();
            sink(Item::Lines(Block { first, text, long }))?;
        }
        if read.end {
            return Ok(());
        }
    }
}

/// What one call of [`block`] read.
struct Read {
    /// Whole lines, a long one left empty.
    text: Vec<u8>,
    /// The lines too long: (lines of `text` before it, its length in bytes).
    long: Vec<(u64, u64)>,
    /// True when the input has ended.
    end: bool,
}

/// Reads about [`BLOCK_BYTES`] of whole lines (fewer at the end of the input).
fn block(input: &mut dyn BufRead) -> std::io::Result<Read> {
    let mut text = Vec::with_capacity(BLOCK_BYTES + (BLOCK_BYTES >> 2));
    let done = |text, long, end| Ok(Read { text, long, end });
    // All of each read while the block is short; then up to the last line end that fits.
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return done(text, Vec::new(), true);
        }
        let room = BLOCK_BYTES.saturating_sub(text.len());
        if buf.len() < room {
            text.extend_from_slice(buf);
            let n = buf.len();
            input.consume(n);
            continue;
        }
        if let Some(i) = buf.get(..room).and_then(|b| memchr::memrchr(b'\n', b)) {
            text.extend_from_slice(buf.get(..=i).unwrap_or_default());
            input.consume(i + 1);
            return done(text, Vec::new(), false);
        }
        break;
    }
    // The last line is longer than the room left: read it to its end, or drop it once it
    // passes the limit. Where it starts is looked for only when the block nears the limit.
    let mut line_start = None;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return done(text, Vec::new(), true);
        }
        let end = memchr::memchr(b'\n', buf);
        let more = end.unwrap_or(buf.len());
        if text.len().saturating_add(more) > MAX_LINE_BYTES {
            let start = *line_start
                .get_or_insert_with(|| memchr::memrchr(b'\n', &text).map_or(0, |i| i + 1));
            let so_far = text.len() - start;
            if so_far.saturating_add(more) > MAX_LINE_BYTES {
                let before = memchr::memchr_iter(b'\n', &text).count() as u64;
                text.truncate(start);
                let (bytes, end) = skip_line(input, so_far as u64)?;
                text.push(b'\n');
                return done(text, vec![(before, bytes)], end);
            }
        }
        let take = end.map_or(buf.len(), |i| i + 1);
        text.extend_from_slice(buf.get(..take).unwrap_or_default());
        input.consume(take);
        if end.is_some() {
            return done(text, Vec::new(), false);
        }
    }
}

/// Reads and drops the rest of a line, its newline included: its whole length in bytes
/// (`so_far` already read, the newline and a `\r` before it not counted), and true when
/// the input ended before a newline.
fn skip_line(input: &mut dyn BufRead, so_far: u64) -> std::io::Result<(u64, bool)> {
    let mut bytes = so_far;
    let mut last = 0u8;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok((bytes, true));
        }
        if let Some(i) = memchr::memchr(b'\n', buf) {
            let before = buf.get(..i).and_then(|b| b.last()).copied().unwrap_or(last);
            bytes = (bytes + i as u64).saturating_sub(u64::from(before == b'\r'));
            input.consume(i + 1);
            return Ok((bytes, false));
        }
        last = buf.last().copied().unwrap_or(last);
        bytes += buf.len() as u64;
        let n = buf.len();
        input.consume(n);
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
        .filter(|(r, at)| {
            let line = bytes.get(r.clone()).unwrap_or_default();
            !line.iter().all(u8::is_ascii_whitespace) || self.long_line(*at).is_some()
        })
        .map(move |(mut r, at)| {
            if let Some(len) = self.long_line(at) {
                return (at, Err(too_long(len)));
            }
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

impl Block {
    /// The length of line `at` when it was too long to read.
    fn long_line(&self, at: u64) -> Option<u64> {
        self.long.iter().find(|(l, _)| *l == at).map(|(_, n)| *n)
    }
}

/// The problem of a line longer than [`MAX_LINE_BYTES`].
fn too_long(bytes: u64) -> RecordError {
    problem(
        RecordCode::Unreadable,
        format!(
            "dòng dài {bytes} byte, quá giới hạn {MAX_LINE_BYTES} byte (16 MiB) nên không được đọc (line too long: {bytes} bytes, limit {MAX_LINE_BYTES}); mỗi dòng phải là một bản ghi JSON, hãy kiểm tra dòng này (each line must hold one JSON record)"
        ),
    )
}

/// A line's text, or where it stops being UTF-8.
fn line_text(line: &[u8]) -> Result<&str, RecordError> {
    std::str::from_utf8(line).map_err(|e| {
        problem(
            RecordCode::BadJson,
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

    fn lines(text: &[u8]) -> Vec<(u64, Result<String, RecordError>)> {
        let block = Block {
            first: 7,
            text: text.to_vec(),
            long: Vec::new(),
        };
        block
            .lines()
            .map(|(at, l)| (at, l.map(str::to_string)))
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
    fn a_line_over_the_limit_is_rejected_as_that_line_without_being_kept() {
        let long = |n: usize| "x".repeat(n).into_bytes();
        let mut text = b"{\"a\":1}\n".to_vec();
        text.extend(long(MAX_LINE_BYTES + 10));
        text.extend(b"\r\n{\"b\":2}\n");
        text.extend(long(MAX_LINE_BYTES));
        text.extend(b"\n{\"c\":3}\n");
        text.extend(long(MAX_LINE_BYTES + 1));
        for capacity in [1000, 64 * 1024, 1 << 20] {
            let got = blocks_with_long(&text, capacity);
            // No block holds a line over the limit.
            for b in &got {
                assert!(
                    b.text.len() <= MAX_LINE_BYTES + BLOCK_BYTES,
                    "{} bytes",
                    b.text.len()
                );
            }
            let mut seen = Vec::new();
            for block in got {
                for (at, line) in block.lines() {
                    seen.push((at, line.map(str::len).map_err(|e| (e.code, e.message))));
                }
            }
            assert_eq!(seen.len(), 6, "capacity {capacity}");
            assert_eq!(seen[0], (1, Ok(7)));
            assert_eq!(seen[2], (3, Ok(7)));
            assert_eq!(seen[3], (4, Ok(MAX_LINE_BYTES)));
            assert_eq!(seen[4], (5, Ok(7)));
            for (i, at, len) in [(1, 2, MAX_LINE_BYTES + 10), (5, 6, MAX_LINE_BYTES + 1)] {
                let (got_at, Err((code, message))) = &seen[i] else {
                    panic!("line {at} read: {:?}", seen[i].1);
                };
                assert_eq!((*got_at, *code), (at, RecordCode::Unreadable));
                assert!(
                    message.contains(&format!("dòng dài {len} byte")),
                    "{message}"
                );
            }
        }
    }

    /// Reads `text` as `each` does: its blocks.
    fn blocks_with_long(text: &[u8], capacity: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let input: Box<dyn BufRead> = Box::new(std::io::BufReader::with_capacity(
            capacity,
            std::io::Cursor::new(text.to_vec()),
        ));
        each(input, "x", &Meter::default(), &mut |item| {
            if let Item::Lines(b) = item {
                out.push(b);
            }
            Ok(())
        })
        .unwrap();
        out
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
            err.as_ref()
                .is_err_and(|e| e.message.contains("byte thứ 3")),
            "{err:?}"
        );
    }
}
