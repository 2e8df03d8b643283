//! Byte offsets to line and column positions and back. Columns count UTF-16 code units, as
//! the Language Server Protocol and JavaScript editors do: `ạ` is one unit but two bytes, an
//! emoji two units and four bytes. Lines end at `\n` (a `\r` before it belongs to the line
//! break, not to a column).

/// A line and a column, both from 0; the column in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    /// Line, from 0.
    pub line: u32,
    /// Column in UTF-16 code units, from 0.
    pub character: u32,
}

/// Where the lines of one text start, to convert positions without scanning the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// The length of the text in bytes.
    len: usize,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// How many lines the text has (a text ending with `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte `offset` of `text` (an offset past the end is the end; one
    /// inside a character is that character's start).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len).min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a position in `text`. A line past the last is the end of the text;
    /// a column past the end of its line is the end of the line (before its line break); a
    /// column inside a character (the second unit of an emoji) is after that character.
    pub fn offset(&self, text: &str, at: Position) -> usize {
        let Some(&start) = self.starts.get(at.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(at.line as usize + 1)
            .map_or(text.len(), |&next| next.saturating_sub(1));
        let line = text.get(start..end).unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            if units >= at.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_both_ways() {
        let text = "ab\nđơn vị x😀y\r\ncuối";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(text, x),
            Position {
                line: 1,
                character: 7
            }
        );
        let y = text.find('y').unwrap();
        // The emoji is two UTF-16 units.
        assert_eq!(
            index.position(text, y),
            Position {
                line: 1,
                character: 10
            }
        );
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let p = index.position(text, offset);
            if text.get(offset..).is_some_and(|r| r.starts_with('\n'))
                && offset > 0
                && text.as_bytes()[offset - 1] == b'\r'
            {
                continue;
            }
            assert_eq!(index.offset(text, p), offset, "{offset}");
        }
        // Past the end of a line, past the last line.
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 0,
                    character: 99
                }
            ),
            2
        );
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 1,
                    character: 99
                }
            ),
            text.find('\r').unwrap()
        );
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 9,
                    character: 0
                }
            ),
            text.len()
        );
        assert_eq!(
            index.position(text, 10_000),
            index.position(text, text.len())
        );
    }
}
