//! `tieuchi doc`: the rules as the appendix of an official decision, for a council to read
//! and sign. `build` lays the document out as blocks (the same for every format); `compare`
//! adds what an `extends` file changes from its parent; `html` and `md` write the blocks.
//! Every text taken from a rule file is escaped by the writer.

pub mod build;
pub mod compare;
pub mod html;
pub mod md;

/// A piece of text inside a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Text in bold.
    Bold(String),
    /// The provisional mark with its stated reason.
    Provisional(String),
    /// A line break.
    Break,
}

/// The content of a table cell or a paragraph.
pub type Rich = Vec<Inline>;

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title, with the line above it ("PHỤ LỤC").
    Title {
        /// The line above the title.
        kicker: String,
        /// The title.
        title: String,
        /// The lines under it.
        subtitle: Vec<String>,
    },
    /// A section heading.
    Heading(String),
    /// A paragraph.
    Para(Rich),
    /// A warning box (a provisional model or an overlap of versions).
    Warning(Rich),
    /// Terms and their descriptions.
    Facts(Vec<(String, Rich)>),
    /// A numbered list of sentences.
    List(Vec<Rich>),
    /// A table: header cells, then rows; `widths` in percent of the page, one per column.
    Table {
        /// Header cells.
        head: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<Rich>>,
        /// Column widths in percent.
        widths: Vec<u8>,
    },
    /// A new page when printed (between versions of a directory).
    PageBreak,
    /// The place for the council's signatures.
    SignOff,
}

/// A plain text cell.
pub fn text(s: impl Into<String>) -> Rich {
    vec![Inline::Text(s.into())]
}
