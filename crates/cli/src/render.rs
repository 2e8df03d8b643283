//! Renders diagnostics once, for every command: code, message, `file:line:column`, the
//! underlined source and the help line.
//!
//! miette is handed an excerpt of the file (the lines around the underlined spans), not the
//! whole text: given the whole text it copies and scans it again for every diagnostic, which
//! made 16,000 diagnostics of one file quadratic. A line longer than [`MAX_LINE_BYTES`] is
//! shown as a window around what it underlines: miette pads underlines with a width that
//! must fit in 16 bits, and panicked on a label past display column 65,535 (a 16 KB line of
//! tabs, each shown as four columns).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::ops::Range;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::sync::OnceLock;

use tieuchi_syntax::{Diagnostic, Lang, Message, Severity, SourceFile, SourceMap};

/// Errors and warnings printed in full for one file (or one rule file with the files it
/// extends); the others are counted on one line.
pub const MAX_PRINTED: usize = 100;

/// Longest source line shown whole, in bytes; a longer one is cut to a window around the
/// span it underlines ([`WINDOW_BEFORE`] bytes before, [`WINDOW_AFTER`] from its start).
const MAX_LINE_BYTES: usize = 400;
/// Bytes kept before the span on a cut line.
const WINDOW_BEFORE: usize = 80;
/// Bytes kept from the span's start on a cut line.
const WINDOW_AFTER: usize = 300;
/// A label at most this many lines from the primary span is underlined beside it; a
/// farther one is named with its position (the excerpt stays small).
const NEAR_LINES: usize = 20;

/// The language of every message for authors, set once from `--lang`.
static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language of messages for authors (`--lang`); the first call wins.
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language of messages for authors: both (Vietnamese first) unless `--lang` said.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// `m` in the language of `--lang`.
pub fn say(m: &Message) -> String {
    m.show(lang()).into_owned()
}

/// The start of every line of a file, found once per file.
struct Lines {
    /// Byte offset of each line's first byte.
    starts: Vec<usize>,
    /// The file's length.
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// The line (from 0) holding byte `pos`.
    fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|s| *s <= pos).saturating_sub(1)
    }

    /// The bytes of line `line` (from 0), its newline excluded.
    fn range(&self, line: usize) -> Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.len, |next| next.saturating_sub(1));
        start..end.max(start)
    }

    /// Line and column (from 1, the column in characters) of byte `pos` of `text`.
    fn line_col(&self, text: &str, pos: usize) -> (usize, usize) {
        let line = self.line_of(pos);
        let start = self.range(line).start;
        let column = text.get(start..pos).map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Part of a file shown to miette, with the line numbers of the file.
struct Excerpt {
    /// The name miette shows: `file:line:column`.
    name: String,
    /// The lines shown (long ones cut, marked with `…`).
    text: String,
    /// The file's line number (from 0) of the excerpt's first line.
    first_line: usize,
    /// The bytes of the file kept, each with where it starts in `text`.
    pieces: Vec<(Range<usize>, usize)>,
}

impl Excerpt {
    /// Lines `lines` of `text`, a long line cut around the first of `anchors` on it.
    fn new(
        name: String,
        text: &str,
        index: &Lines,
        lines: Range<usize>,
        anchors: &[usize],
    ) -> Self {
        let mut out = String::new();
        let mut pieces = Vec::new();
        let first_line = lines.start;
        for line in lines {
            let whole = index.range(line);
            let keep = if whole.len() <= MAX_LINE_BYTES {
                whole.clone()
            } else {
                let anchor = anchors
                    .iter()
                    .copied()
                    .find(|a| whole.contains(a))
                    .unwrap_or(whole.start);
                let start = floor_char(text, anchor.saturating_sub(WINDOW_BEFORE).max(whole.start));
                let end = ceil_char(text, anchor.saturating_add(WINDOW_AFTER).min(whole.end));
                start..end
            };
            if keep.start > whole.start {
                out.push('…');
            }
            pieces.push((keep.clone(), out.len()));
            out.push_str(text.get(keep.clone()).unwrap_or_default());
            if keep.end < whole.end {
                out.push('…');
            }
            if whole.end < text.len() {
                out.push('\n');
            }
        }
        Excerpt {
            name,
            text: out,
            first_line,
            pieces,
        }
    }

    /// Where byte `pos` of the file is in the excerpt, if kept.
    fn map(&self, pos: usize) -> Option<usize> {
        self.pieces
            .iter()
            .find(|(r, _)| r.start <= pos && pos <= r.end)
            .map(|(r, at)| at + (pos - r.start))
    }

    /// A span of the file in the excerpt: its start must be kept; an end cut off is moved to
    /// the end of the start's piece.
    fn span(&self, span: Range<usize>) -> Option<(usize, usize)> {
        let start = self.map(span.start)?;
        let end = self
            .map(span.end)
            .filter(|e| *e >= start)
            .unwrap_or_else(|| {
                self.pieces
                    .iter()
                    .find(|(r, _)| r.start <= span.start && span.start <= r.end)
                    .map_or(start, |(r, at)| at + r.len())
            });
        Some((start, end - start))
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            // miette's own reading of a whole text counts the lines from its start, and
            // joins two labels into one snippet by that count: the same here.
            inner.line_count() + self.first_line,
        )))
    }
}

/// The largest char boundary of `text` at or before `pos`.
fn floor_char(text: &str, pos: usize) -> usize {
    (0..=pos.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0)
}

/// The smallest char boundary of `text` at or after `pos`.
fn ceil_char(text: &str, pos: usize) -> usize {
    (pos.min(text.len())..=text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len())
}

/// Line indexes of the files of a map, built when first needed.
#[derive(Default)]
struct Indexes(HashMap<usize, Lines>);

impl Indexes {
    fn of(&mut self, file: &SourceFile) -> &Lines {
        self.0
            .entry(file.base)
            .or_insert_with(|| Lines::new(&file.text))
    }
}

/// Renders one diagnostic; its spans are positions in `sources`, the line index of each
/// file built once in `indexes`.
fn render(sources: &SourceMap, d: &Diagnostic, indexes: &mut Indexes) -> String {
    let Some((file, local)) = sources.locate(d.span) else {
        return format!("{}[{}]: {}\n", d.severity.as_str(), d.code, say(&d.message));
    };
    let index = indexes.of(file);
    let primary = local.start as usize..local.end as usize;
    let (line, column) = index.line_col(&file.text, primary.start);
    let name = format!("{}:{line}:{column}", file.name);
    let first = index.line_of(primary.start);
    let last = index.line_of(primary.end);
    let near = first.saturating_sub(NEAR_LINES)..=last.saturating_add(NEAR_LINES);
    // Labels in this file near the primary span are underlined; the others are named with
    // their position beside the primary span.
    let mut underlined = Vec::new();
    let mut named = Vec::new();
    for l in &d.labels {
        match sources.locate(l.span) {
            Some((f, span))
                if f.base == file.base
                    && near.contains(&index.line_of(span.start as usize))
                    && near.contains(&index.line_of(span.end as usize)) =>
            {
                underlined.push((say(&l.message), span.start as usize..span.end as usize));
            }
            Some((f, span)) => {
                let (fl, fc) = if f.base == file.base {
                    index.line_col(&f.text, span.start as usize)
                } else {
                    let at = tieuchi_syntax::line_col(&f.text, span.start);
                    (at.line as usize, at.column as usize)
                };
                named.push(format!("{} ({}:{fl}:{fc})", say(&l.message), f.name));
            }
            None => named.push(say(&l.message)),
        }
    }
    let lo = underlined
        .iter()
        .map(|(_, r)| index.line_of(r.start))
        .fold(first, usize::min)
        .saturating_sub(1);
    let hi = underlined
        .iter()
        .map(|(_, r)| index.line_of(r.end))
        .fold(last, usize::max)
        .saturating_add(2)
        .min(index.starts.len());
    let anchors: Vec<usize> = std::iter::once(primary.start)
        .chain(underlined.iter().map(|(_, r)| r.start))
        .collect();
    let excerpt = Excerpt::new(name.clone(), &file.text, index, lo..hi, &anchors);
    let main = excerpt.span(primary).unwrap_or((0, 0));
    let mut labels = vec![LabeledSpan::new_primary_with_span(None, main)];
    for (message, span) in underlined {
        match excerpt.span(span.clone()) {
            Some(s) => labels.push(LabeledSpan::new_with_span(Some(message), s)),
            None => {
                let (fl, fc) = index.line_col(&file.text, span.start);
                named.push(format!("{message} ({}:{fl}:{fc})", file.name));
            }
        }
    }
    for text in named {
        labels.push(LabeledSpan::new_with_span(Some(text), main));
    }
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    };
    let mut md = MietteDiagnostic::new(say(&d.message))
        .with_code(d.code)
        .with_severity(severity)
        .with_labels(labels);
    if let Some(h) = &d.help {
        md = md.with_help(say(h));
    }
    let report = miette::Report::new(md).with_source_code(excerpt);
    let theme = if std::io::stderr().is_terminal() {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .without_primary_span_start();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!(
            "{}[{}]: {} ({name})\n",
            d.severity.as_str(),
            d.code,
            say(&d.message)
        );
    }
    out
}

/// Renders the errors and warnings, the first [`MAX_PRINTED`] in full and a line counting
/// the others; notes are summarised by the caller.
pub fn problems(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut indexes = Indexes::default();
    let shown = diags.iter().filter(|d| d.severity != Severity::Note);
    let mut out: String = shown
        .clone()
        .take(MAX_PRINTED)
        .map(|d| render(sources, d, &mut indexes))
        .collect();
    let rest = shown.skip(MAX_PRINTED);
    let (errors, warnings) = rest.fold((0usize, 0usize), |(e, w), d| {
        if d.severity == Severity::Error {
            (e + 1, w)
        } else {
            (e, w + 1)
        }
    });
    match (errors, warnings) {
        (0, 0) => {}
        (e, 0) => out.push_str(&format!("… và {e} lỗi khác (and {e} more errors)\n")),
        (0, w) => out.push_str(&format!("… và {w} cảnh báo khác (and {w} more warnings)\n")),
        (e, w) => out.push_str(&format!(
            "… và {e} lỗi, {w} cảnh báo khác (and {e} more errors, {w} more warnings)\n"
        )),
    }
    out
}
