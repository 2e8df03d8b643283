//! CSV: a header row, then one record per row. The separator (`,`, `;` or tab) is guessed
//! from the first lines with quoting understood, or forced by `--delimiter`; every cell is
//! text, trimmed; an empty cell is an absent field.
//!
//! Rows are split here rather than by the csv crate, which numbers rows one line too low
//! after CRLF line ends and, on a quote that is never closed, reads the following rows into
//! one field with no way to resume. The rule: a quoted cell may span lines (as Excel writes a
//! cell holding a line break) only when the row then has exactly the header's number of cells
//! and the quote closes within [`SPAN_BYTES`]; otherwise the row is rejected (B002) at the
//! line where it starts, and reading resumes at the next line.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use super::{Item, Meter, Sink};
use crate::batch::{Body, Cell, Raw, problem};
use crate::error::{CliError, TableProblem, Usage};
use tieuchi_core::RecordCode;

/// Largest row whose quoted cells span lines, in bytes: a quote still open after this many
/// bytes is taken as unbalanced.
pub const SPAN_BYTES: usize = 1 << 20;

/// Longest line read, in bytes: the core's record limit (16 MiB). A longer line is cut
/// there, the rest skipped, and its row rejected (B002).
pub const MAX_LINE_BYTES: usize = tieuchi_core::limits::MAX_RECORD_BYTES;

/// Rows read to guess the separator.
const SAMPLE_ROWS: usize = 20;

/// The rows of a CSV file after its header.
pub struct Rows {
    /// The lines of the file.
    lines: Lines<Box<dyn BufRead>>,
    /// The separator.
    delimiter: u8,
    /// Number of header columns.
    width: usize,
    /// Bytes read so far.
    meter: Meter,
}

/// The physical lines of the input, numbered from 1, without their line ends (LF or CRLF);
/// lines given back after a rejected row are read again first.
struct Lines<R> {
    input: R,
    name: String,
    /// Number of the last line read from the input.
    last: u64,
    /// Bytes read from the input.
    bytes: u64,
    /// Lines to read again, in order.
    again: VecDeque<(u64, Vec<u8>)>,
}

impl<R: BufRead> Lines<R> {
    /// The next line and its number; `None` at the end. A line longer than
    /// [`MAX_LINE_BYTES`] is cut there and the rest of it skipped without being kept (the row
    /// is then rejected: see [`Lines::row`]).
    fn next(&mut self) -> Result<Option<(u64, Vec<u8>)>, CliError> {
        if let Some(line) = self.again.pop_front() {
            return Ok(Some(line));
        }
        let fail = |last: u64, name: &str, source: std::io::Error| CliError::ReadPartway {
            name: name.to_string(),
            after_line: Some(last),
            source,
        };
        let mut line = Vec::new();
        let limit = MAX_LINE_BYTES as u64 + 1;
        let mut n = (&mut self.input)
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(|e| fail(self.last, &self.name, e))?;
        if n == 0 {
            return Ok(None);
        }
        if line.len() > MAX_LINE_BYTES && line.last() != Some(&b'\n') {
            n += self
                .skip_line()
                .map_err(|e| fail(self.last, &self.name, e))?;
        }
        self.bytes += n as u64;
        self.last += 1;
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(Some((self.last, line)))
    }
}

impl<R: BufRead> Lines<R> {
    /// Skips the input up to and including the next line end; returns the bytes skipped.
    fn skip_line(&mut self) -> std::io::Result<usize> {
        let mut skipped = 0;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(skipped);
            }
            let (used, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            self.input.consume(used);
            skipped += used;
            if done {
                return Ok(skipped);
            }
        }
    }
}

/// The cells of one row, split: their bytes one after another, and where each ends.
#[derive(Default)]
struct Split {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Split {
    /// Number of cells.
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The cells, in order.
    fn cells(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(a, &b)| self.bytes.get(a..b).unwrap_or_default())
    }
}

/// Splits `text` into cells at `delimiter`; a cell starting with `"` is quoted (`""` inside
/// is one quote; text after the closing quote is kept, as the csv crate keeps it). Returns
/// `Some(end)` when a quote is still open at the end: after more text is appended, calling
/// again with `resume` set to that `end` goes on inside the open cell (each byte is read once).
fn split(text: &[u8], delimiter: u8, out: &mut Split, resume: Option<usize>) -> Option<usize> {
    let (mut i, mut quoted) = match resume {
        Some(at) => {
            out.ends.pop();
            (at, true)
        }
        None => {
            out.bytes.clear();
            out.ends.clear();
            let quoted = text.first() == Some(&b'"');
            (usize::from(quoted), quoted)
        }
    };
    loop {
        while quoted {
            let rest = text.get(i..).unwrap_or_default();
            let Some(q) = memchr::memchr(b'"', rest) else {
                out.bytes.extend_from_slice(rest);
                out.ends.push(out.bytes.len());
                return Some(text.len());
            };
            out.bytes
                .extend_from_slice(rest.get(..q).unwrap_or_default());
            i += q + 1;
            quoted = text.get(i) == Some(&b'"');
            if quoted {
                out.bytes.push(b'"');
                i += 1;
            }
        }
        let rest = text.get(i..).unwrap_or_default();
        let end = memchr::memchr(delimiter, rest).unwrap_or(rest.len());
        out.bytes
            .extend_from_slice(rest.get(..end).unwrap_or_default());
        out.ends.push(out.bytes.len());
        if end == rest.len() {
            return None;
        }
        i += end + 1;
        quoted = text.get(i) == Some(&b'"');
        i += usize::from(quoted);
    }
}

/// One row read: where it starts, and its cells or why it is rejected.
enum Row {
    /// The cells of a row starting at this line.
    Cells(u64),
    /// A row whose quote is unbalanced, at the line where it starts.
    Unbalanced(u64),
    /// A line longer than [`MAX_LINE_BYTES`], at its number.
    TooLong(u64),
}

impl<R: BufRead> Lines<R> {
    /// Reads the next row into `out`, joining lines while a quote is open. When `width` is
    /// given, a row spanning lines must have exactly that many cells; a rejected row gives
    /// its following lines back to be read again.
    fn row(
        &mut self,
        delimiter: u8,
        width: Option<usize>,
        out: &mut Split,
    ) -> Result<Option<Row>, CliError> {
        let Some((start, mut text)) = self.next()? else {
            return Ok(None);
        };
        if text.len() > MAX_LINE_BYTES {
            return Ok(Some(Row::TooLong(start)));
        }
        let Some(mut open) = split(&text, delimiter, out, None) else {
            return Ok(Some(Row::Cells(start)));
        };
        let mut taken: Vec<(u64, Vec<u8>)> = Vec::new();
        let closed = loop {
            if text.len() > SPAN_BYTES {
                break false;
            }
            let Some((n, line)) = self.next()? else {
                break false;
            };
            text.push(b'\n');
            text.extend_from_slice(&line);
            taken.push((n, line));
            match split(&text, delimiter, out, Some(open)) {
                Some(end) => open = end,
                None => break true,
            }
        };
        if closed && width.is_none_or(|w| out.len() == w) {
            return Ok(Some(Row::Cells(start)));
        }
        for line in taken.into_iter().rev() {
            self.again.push_front(line);
        }
        Ok(Some(Row::Unbalanced(start)))
    }
}

/// The separator that splits the first rows of `sample` most consistently: for each of `,`,
/// `;` and tab, the most common number of cells above one among the first rows, and how many
/// rows have it; the most rows wins, then the most cells, then the order `,` `;` tab. A title
/// row above the header, or a label holding another separator, does not mislead it.
fn separator(sample: &[u8]) -> u8 {
    // Whole lines only, unless the sample is all there is.
    let end = memchr::memrchr(b'\n', sample).map_or(sample.len(), |i| i + 1);
    let sample = sample.get(..end).unwrap_or_default();
    let mut best = (b',', 0usize, 0usize);
    let mut out = Split::default();
    for delimiter in [b',', b';', b'\t'] {
        let mut widths: Vec<usize> = Vec::new();
        let mut lines = Lines {
            input: sample,
            name: String::new(),
            last: 0,
            bytes: 0,
            again: VecDeque::new(),
        };
        while widths.len() < SAMPLE_ROWS {
            match lines.row(delimiter, None, &mut out) {
                Ok(Some(Row::Cells(_))) => widths.push(out.len()),
                Ok(Some(Row::Unbalanced(_) | Row::TooLong(_))) => {}
                Ok(None) | Err(_) => break,
            }
        }
        let (rows, cells) = widths
            .iter()
            .filter(|w| **w > 1)
            .map(|w| (widths.iter().filter(|x| *x == w).count(), *w))
            .max()
            .unwrap_or_default();
        if (rows, cells) > (best.1, best.2) {
            best = (delimiter, rows, cells);
        }
    }
    best.0
}

/// The separator a `--delimiter` value names: one ASCII character, or `tab`.
pub fn parse_delimiter(value: &str) -> Result<u8, CliError> {
    match value {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => match value.as_bytes() {
            [b] if b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r') => Ok(*b),
            _ => Err(CliError::Usage(Usage::Delimiter {
                value: value.to_string(),
            })),
        },
    }
}

impl Rows {
    /// Reads the header row; fails when the file is empty or the header is not UTF-8.
    /// `delimiter` forces the separator; otherwise it is guessed from the first rows.
    pub fn open(
        mut input: Box<dyn BufRead>,
        name: &str,
        meter: Meter,
        delimiter: Option<u8>,
    ) -> Result<(Vec<String>, Self), CliError> {
        let delimiter = match delimiter {
            Some(d) => d,
            None => separator(input.fill_buf().map_err(|source| CliError::ReadPartway {
                name: name.to_string(),
                after_line: None,
                source,
            })?),
        };
        let mut lines = Lines {
            input,
            name: name.to_string(),
            last: 0,
            bytes: 0,
            again: VecDeque::new(),
        };
        let mut split = Split::default();
        let bad = |problem: TableProblem| CliError::Table {
            name: name.to_string(),
            problem: problem.into(),
        };
        match lines.row(delimiter, None, &mut split)? {
            None => return Err(bad(TableProblem::Empty { sheet: None })),
            Some(Row::Cells(_)) => {}
            Some(Row::TooLong(_)) => {
                return Err(bad(TableProblem::HeaderTooLong {
                    limit: MAX_LINE_BYTES,
                }));
            }
            Some(Row::Unbalanced(line)) => {
                return Err(bad(TableProblem::HeaderQuote { line }));
            }
        }
        let header = split
            .cells()
            .enumerate()
            .map(|(i, cell)| {
                std::str::from_utf8(cell)
                    .map(|s| s.trim().to_string())
                    .map_err(|_| bad(TableProblem::HeaderNotUtf8 { column: i + 1 }))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let rows = Rows {
            lines,
            delimiter,
            width: header.len(),
            meter,
        };
        Ok((header, rows))
    }

    /// Hands every non-empty row to `sink`, numbered by the line it starts on.
    pub fn each(mut self, sink: Sink<'_>) -> Result<(), CliError> {
        let mut split = Split::default();
        while let Some(row) = self
            .lines
            .row(self.delimiter, Some(self.width), &mut split)?
        {
            self.meter.set(self.lines.bytes);
            let (at, body) = match row {
                Row::Cells(at) => match self.body(&split) {
                    Some(body) => (at, body),
                    None => continue,
                },
                Row::TooLong(at) => (
                    at,
                    Body::Broken(problem(
                        RecordCode::Unreadable,
                        format!(
                            "dòng {at} dài quá {MAX_LINE_BYTES} byte (16 MiB) nên không được đọc (line over {MAX_LINE_BYTES} bytes, not read); dòng bị loại, các dòng sau vẫn được đọc"
                        ),
                    )),
                ),
                Row::Unbalanced(at) => (
                    at,
                    Body::Broken(problem(
                        RecordCode::Unreadable,
                        format!(
                            "dòng {at} có dấu ngoặc kép \" không được đóng đúng chỗ (unbalanced quote): ô mở bằng \" phải kết thúc bằng \" ngay trước dấu phân cách; dòng bị loại, các dòng sau vẫn được đọc"
                        ),
                    )),
                ),
            };
            sink(Item::Record(Raw { at, body }))?;
        }
        Ok(())
    }

    /// The cells of a row; `None` for a row with every cell empty.
    fn body(&self, split: &Split) -> Option<Body> {
        let mut cells = Vec::with_capacity(self.width);
        for (i, bytes) in split.cells().enumerate() {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some(Body::Broken(problem(
                    RecordCode::Unreadable,
                    format!(
                        "ô ở cột {} không phải văn bản UTF-8; hãy lưu tệp dạng \"CSV UTF-8\"",
                        i + 1
                    ),
                )));
            };
            let text = text.trim();
            cells.push(if text.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(text.to_string())
            });
        }
        if cells.iter().all(|c| *c == Cell::Empty) {
            return None;
        }
        if cells.len() > self.width {
            let extra = cells.get(self.width..).unwrap_or_default();
            if extra.iter().any(|c| *c != Cell::Empty) {
                return Some(Body::Broken(problem(
                    RecordCode::Unreadable,
                    format!(
                        "dòng có {} ô nhưng tiêu đề chỉ có {} cột; kiểm tra dấu phân cách hoặc dấu ngoặc kép trong dòng",
                        cells.len(),
                        self.width
                    ),
                )));
            }
            cells.truncate(self.width);
        }
        cells.resize(self.width, Cell::Empty);
        Some(Body::Row(cells))
    }
}

#[cfg(test)]
mod tests {
    use super::{Split, parse_delimiter, separator, split};

    #[test]
    fn the_separator_is_guessed_from_the_first_rows() {
        let cases: [(&[u8], u8); 8] = [
            (b"a,b,c\n1;2", b','),
            (b"a;b;c\n1,2,3,4,5", b';'),
            (b"a\tb\tc", b'\t'),
            (b"a", b','),
            (b"\"x, y, z\";b;c", b';'),
            // A label with a comma, unquoted as Excel writes it with `;`.
            (
                b"T\xc3\xaan;S\xe1\xbb\x91, t\xe1\xbb\x95ng\nA;1\nB;2\n",
                b';',
            ),
            // A title row above the header.
            (b"Danh sach don vi\nten;so;nam\nA;1;2\nB;3;4\n", b';'),
            (b"Danh sach;;\nten;so;nam\nA;1,5;2\nB;3;4\n", b';'),
        ];
        for (sample, expected) in cases {
            assert_eq!(
                separator(sample),
                expected,
                "{}",
                String::from_utf8_lossy(sample)
            );
        }
    }

    #[test]
    fn cells_are_split_with_quotes_understood() {
        let cases: [(&str, &[&str], bool); 7] = [
            ("a,b,c", &["a", "b", "c"], true),
            ("\"a,b\",c", &["a,b", "c"], true),
            ("\"say \"\"hi\"\"\",x", &["say \"hi\"", "x"], true),
            ("a,,", &["a", "", ""], true),
            ("", &[""], true),
            ("a,\"open", &["a", "open"], false),
            ("a\"b,c", &["a\"b", "c"], true),
        ];
        let mut out = Split::default();
        for (text, cells, closed) in cases {
            assert_eq!(
                split(text.as_bytes(), b',', &mut out, None).is_none(),
                closed,
                "{text}"
            );
            let got: Vec<&str> = out
                .cells()
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect();
            assert_eq!(got, cells, "{text}");
        }
    }

    #[test]
    fn delimiters_are_one_character() {
        assert_eq!(parse_delimiter(";").ok(), Some(b';'));
        assert_eq!(parse_delimiter("tab").ok(), Some(b'\t'));
        assert_eq!(parse_delimiter("|").ok(), Some(b'|'));
        assert!(parse_delimiter(";;").is_err());
        assert!(parse_delimiter("\"").is_err());
        assert!(parse_delimiter("đ").is_err());
    }
}
