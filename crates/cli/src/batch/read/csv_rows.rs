//! CSV: a header row, then one record per row. The separator (`,`, `;` or tab) is guessed
//! from the header line; every cell is text, trimmed; an empty cell is an absent field.

use std::io::BufRead;

use csv::{ByteRecord, ErrorKind, ReaderBuilder};

use super::{Item, Meter, Sink};
use crate::batch::{Body, Cell, Raw, problem};

/// The rows of a CSV file after its header.
pub struct Rows {
    /// The CSV reader, positioned after the header.
    reader: csv::Reader<Box<dyn BufRead>>,
    /// Number of header columns.
    width: usize,
    /// The file name, for messages.
    name: String,
    /// Bytes read so far.
    meter: Meter,
}

/// The separator used most in the first line outside quotes: `,` unless `;` or tab is more
/// frequent (spreadsheets set to Vietnamese write `;`).
fn separator(first: &[u8]) -> u8 {
    let (mut comma, mut semicolon, mut tab, mut quoted) = (0, 0, 0, false);
    for b in first {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semicolon += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma {
        b'\t'
    } else {
        b','
    }
}

impl Rows {
    /// Reads the header row; fails when the file is empty or the header is not UTF-8.
    pub fn open(
        mut input: Box<dyn BufRead>,
        name: &str,
        meter: Meter,
    ) -> Result<(Vec<String>, Self), String> {
        let first = input
            .fill_buf()
            .map_err(|e| format!("không đọc được {name} (cannot read it): {e}"))?;
        let delimiter = separator(first);
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(input);
        let mut record = ByteRecord::new();
        let found = reader.read_byte_record(&mut record).map_err(|e| {
            format!("không đọc được dòng tiêu đề của {name} (cannot read its header): {e}")
        })?;
        if !found {
            return Err(format!(
                "{name} trống (is empty); dòng đầu tiên phải là tiêu đề: tên trường hoặc nhãn tiếng Việt của chúng (xem `tieuchi schema RULES`)"
            ));
        }
        let header = record
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                String::from_utf8(cell.to_vec())
                    .map(|s| s.trim().to_string())
                    .map_err(|_| {
                        format!(
                            "{name}: header cell {} is not UTF-8 text; save the file as \"CSV UTF-8\"",
                            i + 1
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let rows = Rows {
            reader,
            width: header.len(),
            name: name.to_string(),
            meter,
        };
        Ok((header, rows))
    }

    /// Hands every non-empty row to `sink`, numbered by the line it starts on.
    pub fn each(mut self, sink: Sink<'_>) -> Result<(), String> {
        let mut record = ByteRecord::new();
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {}
                Err(e) => {
                    let at = e.position().map_or(0, csv::Position::line);
                    if let ErrorKind::Io(io) = e.kind() {
                        return Err(format!(
                            "không đọc được {} sau dòng {at} (cannot read it after line {at}): {io}",
                            self.name
                        ));
                    }
                    let body =
                        Body::Broken(problem("B002", format!("dòng CSV không đọc được: {e}")));
                    sink(Item::Record(Raw { at, body }))?;
                    continue;
                }
            }
            let at = record.position().map_or(0, csv::Position::line);
            self.meter.set(self.reader.position().byte());
            let Some(body) = self.body(&record) else {
                continue;
            };
            sink(Item::Record(Raw { at, body }))?;
        }
    }

    /// The cells of a row; `None` for a row with every cell empty.
    fn body(&self, record: &ByteRecord) -> Option<Body> {
        let mut cells = Vec::with_capacity(self.width);
        for (i, bytes) in record.iter().enumerate() {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some(Body::Broken(problem(
                    "B002",
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
                    "B002",
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
    use super::separator;

    #[test]
    fn the_separator_is_guessed_from_the_header() {
        assert_eq!(separator(b"a,b,c\n1;2"), b',');
        assert_eq!(separator(b"a;b;c\n1,2,3,4,5"), b';');
        assert_eq!(separator(b"a\tb\tc"), b'\t');
        assert_eq!(separator(b"a"), b',');
        assert_eq!(separator(b"\"x, y, z\";b;c"), b';');
    }
}
