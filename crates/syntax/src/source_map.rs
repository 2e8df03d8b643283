//! Several source files in one span space: each file starts at its own offset, so a span
//! from any file is unique and can be traced back to its file.

use crate::span::{LineCol, Span, line_col};

/// One file of a [`SourceMap`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Name shown in messages (a path).
    pub name: String,
    /// First byte of the file in the span space.
    pub base: usize,
    /// The text.
    pub text: String,
}

/// Files placed one after another in a single span space.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// The lines of each file, to find a position without scanning the file from its start
    /// (which made printing 16,000 diagnostics quadratic).
    lines: Vec<Lines>,
}

/// Where the lines of one file start, and which are plain ASCII (byte column = character column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Lines {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// Per line: true when every byte is ASCII.
    ascii: Vec<bool>,
    /// Per line: its start as a UTF-16 offset (what JavaScript editors count).
    utf16: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut lines = Lines {
            starts: vec![0],
            ascii: Vec::new(),
            utf16: vec![0],
        };
        let mut ascii = true;
        let mut utf16 = 0;
        for (i, c) in text.char_indices() {
            ascii &= c.is_ascii();
            utf16 += c.len_utf16();
            if c == '\n' {
                lines.ascii.push(ascii);
                lines.starts.push(i + 1);
                lines.utf16.push(utf16);
                ascii = true;
            }
        }
        lines.ascii.push(ascii);
        lines
    }

    /// The UTF-16 offset of byte `offset` of `text` (moved back to a character boundary).
    fn utf16(&self, text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let before = self.utf16.get(line).copied().unwrap_or(0);
        if self.ascii.get(line).copied().unwrap_or(false) {
            before + (offset - start)
        } else {
            before
                + text
                    .get(start..offset)
                    .map_or(0, |s| s.encode_utf16().count())
        }
    }

    /// Line and column of byte `offset` of `text`, in time proportional to the log of the
    /// number of lines (plus the length of the line when it is not ASCII).
    fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = if self.ascii.get(line).copied().unwrap_or(false) {
            offset - start
        } else {
            text.get(start..offset).map_or(0, |s| s.chars().count())
        };
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

impl SourceMap {
    /// A map holding one file at offset 0.
    pub fn single(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut map = SourceMap::default();
        map.add(name, text);
        map
    }

    /// Adds a file after the existing ones and returns its base offset.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> usize {
        let base = self.files.last().map_or(0, |f| f.base + f.text.len() + 1);
        let text = text.into();
        self.lines.push(Lines::new(&text));
        self.files.push(SourceFile {
            name: name.into(),
            base,
            text,
        });
        base
    }

    /// The files, in the order added.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The file holding a span, and the span relative to that file.
    pub fn locate(&self, span: Span) -> Option<(&SourceFile, Span)> {
        let start = span.start as usize;
        let file = self.files.iter().rev().find(|f| f.base <= start)?;
        Some((file, span.unshifted(file.base)))
    }

    /// `name:line:column` of the start of a span.
    pub fn position(&self, span: Span) -> (String, LineCol) {
        match self.place(span) {
            Some((f, start, _)) => (f.name.clone(), start),
            None => (String::new(), LineCol { line: 1, column: 1 }),
        }
    }

    /// The file holding a span and the line and column of its start and end, found without
    /// scanning the file (so that placing every diagnostic of a file stays linear).
    pub fn place(&self, span: Span) -> Option<(&SourceFile, LineCol, LineCol)> {
        let start = span.start as usize;
        let at = self.files.iter().rposition(|f| f.base <= start)?;
        let file = self.files.get(at)?;
        let local = span.unshifted(file.base);
        let place = |offset: u32| match self.lines.get(at) {
            Some(lines) => lines.line_col(&file.text, offset as usize),
            None => line_col(&file.text, offset),
        };
        Some((file, place(local.start), place(local.end)))
    }

    /// The UTF-16 offsets of the start and end of a span in its file (for JavaScript
    /// editors), found without scanning the file.
    pub fn utf16_offsets(&self, span: Span) -> Option<(usize, usize)> {
        let start = span.start as usize;
        let at = self.files.iter().rposition(|f| f.base <= start)?;
        let file = self.files.get(at)?;
        let lines = self.lines.get(at)?;
        let local = span.unshifted(file.base);
        Some((
            lines.utf16(&file.text, local.start as usize),
            lines.utf16(&file.text, local.end as usize),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexed positions agree with [`line_col`] at every offset.
    #[test]
    fn place_agrees_with_line_col() {
        let text = "ab\nđơn vị x\n\n\tz😀y\r\ncuối";
        let mut map = SourceMap::single("a", "x\ny");
        let base = map.add("b", text);
        for offset in (0..=text.len() + 2).filter(|&o| o > text.len() || text.is_char_boundary(o)) {
            let span = Span::new(base + offset, base + offset);
            let want = line_col(text, u32::try_from(offset).unwrap_or(0));
            let (file, start, end) = map.place(span).unwrap();
            assert_eq!(file.name, "b");
            assert_eq!((start, end), (want, want), "offset {offset}");
            let units = text
                .get(..offset.min(text.len()))
                .unwrap()
                .encode_utf16()
                .count();
            assert_eq!(
                map.utf16_offsets(span),
                Some((units, units)),
                "offset {offset}"
            );
        }
    }
}
