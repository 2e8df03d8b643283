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
        self.files.push(SourceFile {
            name: name.into(),
            base,
            text: text.into(),
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
        match self.locate(span) {
            Some((f, local)) => (f.name.clone(), line_col(&f.text, local.start)),
            None => (String::new(), LineCol { line: 1, column: 1 }),
        }
    }
}
