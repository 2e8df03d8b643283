//! The rules as the appendix of an official decision, for a council to read and sign
//! (`tieuchi doc`, and the playground's document tab: the same blocks, the same writers).
//! `build` lays the document out as blocks (the same for every format); `compare` adds what
//! an `extends` file changes from its parent; `html` and `md` write the blocks. Every text
//! taken from a rule file is escaped by the writer. No I/O: the files a rule file extends are
//! read through a [`Loader`], as [`compile_file`] reads them.

pub mod build;
pub mod compare;
pub mod html;
pub mod md;

use tieuchi_syntax::ast::Decision;

use crate::check::{Compiled, Loader, compile_file};
use crate::program::Program;
use build::{Source, document, versions_table};

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

/// A compiled rule file with what its document needs besides the program.
#[derive(Debug, Clone)]
pub struct DocFile {
    /// The checked program.
    pub program: Program,
    /// The file name shown in the document (not its directory, which depends on where it is).
    pub file: String,
    /// Why the pass mark is provisional, when it is (the program keeps no mark of it: read from
    /// the file, or from the file it extends when it writes no decision of its own).
    pub pass_provisional: Option<String>,
    /// The file it extends, compiled.
    pub parent: Option<Box<DocFile>>,
}

impl DocFile {
    fn source(&self) -> Source<'_> {
        Source {
            program: &self.program,
            file: self.file.clone(),
            pass_provisional: self.pass_provisional.clone(),
        }
    }
}

/// A document: its title (the HTML page's) and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title.
    pub title: String,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The self-contained, printable HTML page.
    pub fn html(&self) -> String {
        html::write(&self.title, &self.blocks)
    }

    /// Markdown with the same content.
    pub fn markdown(&self) -> String {
        md::write(&self.blocks)
    }
}

/// The last part of a file name (`rules/unit/tt22-2020.rules` → `tt22-2020.rules`).
fn shown(name: &str) -> &str {
    name.rsplit(['/', '\\'])
        .find(|p| !p.is_empty())
        .unwrap_or(name)
}

/// Longest chain of `extends` followed (the checker refuses a loop; this is a guard).
const MAX_DEPTH: usize = 32;

/// Compiles the rule file `name` (text `src`) and the file it extends, reading that one with
/// `load` as [`compile_file`] does. `report` sees each compilation (the file's, then its
/// parent's), warnings included; `None` when one has errors.
pub fn load(
    name: &str,
    src: &str,
    load: &mut Loader<'_>,
    report: &mut dyn FnMut(&Compiled),
) -> Option<DocFile> {
    load_at(name, src, load, report, 0)
}

fn load_at(
    name: &str,
    src: &str,
    loader: &mut Loader<'_>,
    report: &mut dyn FnMut(&Compiled),
    depth: usize,
) -> Option<DocFile> {
    let compiled = compile_file(name, src, loader);
    report(&compiled);
    let program = compiled.program?;
    let parsed = tieuchi_syntax::parse(src).file?;
    let own_pass = (!parsed.model.decisions.is_empty()).then(|| {
        parsed.model.decisions.iter().find_map(|d| match d {
            Decision::Pass(_, Some(why), _) => Some(why.value.clone()),
            _ => None,
        })
    });
    let parent = match &parsed.model.extends {
        Some(rel) if depth < MAX_DEPTH => {
            let (parent_name, text) = loader(name, &rel.value).ok()?;
            Some(Box::new(load_at(
                &parent_name,
                &text,
                loader,
                report,
                depth + 1,
            )?))
        }
        _ => None,
    };
    // Decisions of the adapting file replace the parent's; none written: the parent's hold.
    let pass_provisional = match own_pass {
        Some(p) => p,
        None => parent.as_ref().and_then(|p| p.pass_provisional.clone()),
    };
    Some(DocFile {
        program,
        file: shown(name).to_string(),
        pass_provisional,
        parent,
    })
}

/// The blocks of one rule file: the document, with the changes from its parent after the
/// general facts when it extends one.
fn blocks_of(file: &DocFile) -> Vec<Block> {
    let source = file.source();
    let mut blocks = document(&source);
    if let Some(parent) = &file.parent {
        let at = blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(h) if h.starts_with("Tiêu chí")))
            .unwrap_or(blocks.len());
        let section = compare::changes(&parent.source(), &source);
        blocks.splice(at..at, section);
    }
    blocks
}

/// The document of one rule file, ending with the place for the council's signatures.
pub fn file_document(file: &DocFile) -> Document {
    let mut blocks = blocks_of(file);
    blocks.push(Block::SignOff);
    Document {
        title: format!(
            "Tiêu chí đánh giá, công nhận «{}»",
            file.program.model.title.as_str()
        ),
        blocks,
    }
}

/// The document of a directory of versions (`dir`: its name as shown): the table of versions,
/// a warning for each group of versions in force on the same days (`overlaps`: one text per
/// group, the versions with their periods), then each version on new pages.
pub fn directory_document(dir: &str, files: &[DocFile], overlaps: &[String]) -> Document {
    let model = files
        .first()
        .map(|f| f.program.model.id.as_str())
        .unwrap_or_default();
    let title = format!("Các phiên bản tiêu chí — thư mục {dir}");
    let sources: Vec<Source<'_>> = files.iter().map(DocFile::source).collect();
    let mut blocks = vec![
        Block::Title {
            kicker: "PHỤ LỤC".to_string(),
            title: title.clone(),
            subtitle: vec![format!(
                "{} phiên bản của mô hình «{model}»; mỗi phiên bản được trình bày đầy đủ ở các trang sau",
                files.len()
            )],
        },
        Block::Heading("Bảng các phiên bản".to_string()),
        versions_table(&sources),
    ];
    for o in overlaps {
        blocks.push(Block::Warning(text(format!(
            "Các phiên bản có hiệu lực chồng lên nhau (C017): {o}"
        ))));
    }
    blocks.push(Block::Para(text(
        "Với mỗi hồ sơ, phiên bản được áp dụng là phiên bản có hiệu lực vào ngày đánh giá, cùng phạm vi với hồ sơ; phiên bản riêng của một tỉnh, thành phố thay cho phiên bản toàn quốc cùng phạm vi.",
    )));
    for f in files {
        blocks.push(Block::PageBreak);
        blocks.extend(blocks_of(f));
    }
    blocks.push(Block::SignOff);
    Document { title, blocks }
}
