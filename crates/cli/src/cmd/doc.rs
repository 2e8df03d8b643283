//! `tieuchi doc RULES -o FILE.html [--format html|md]`: the rules as the appendix of an
//! official decision, for a council to read and sign. RULES is a rule file (one that
//! `extends` another gets a section of what it changes, side by side) or a directory of
//! versions (a table of the versions, then each in full). Written under a temporary name
//! and renamed into place; never over a rule file; `-o -` writes standard output.

use std::path::{Path, PathBuf};

use tieuchi_core::Program;
use tieuchi_syntax::ast::Decision;

use crate::batch::write::atomic::{Atomic, finish_all};
use crate::doc::build::{Source, document, versions_table};
use crate::doc::{Block, compare, html, md, text};
use crate::error::CliError;

/// The formats of `tieuchi doc`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocFormat {
    /// Trang HTML in được khổ A4 (a printable A4 HTML page).
    Html,
    /// Markdown, cùng nội dung (Markdown with the same content).
    Md,
}

/// Options of `tieuchi doc`.
#[derive(clap::Args)]
pub struct Args {
    /// Tệp quy tắc, hoặc thư mục các phiên bản (the rule file, or a directory of versions).
    rules: PathBuf,
    /// Tệp kết quả; `-` ghi ra đầu ra chuẩn (the output file; `-` writes standard output).
    #[arg(long, short)]
    output: String,
    /// `html` (mặc định; `md` khi tên tệp kết quả kết thúc bằng `.md`) hoặc `md` (`html`, the
    /// default unless the output ends in `.md`, or `md`).
    #[arg(long, value_enum)]
    format: Option<DocFormat>,
}

/// Writes the document; false when it could not (then no file is written).
pub fn run(args: &Args) -> bool {
    match execute(args) {
        Ok(()) => true,
        Err(CliError::Closed) => true,
        Err(e) => {
            errln!("lỗi (error): {e}");
            false
        }
    }
}

/// A compiled rule file with what the document needs besides the program.
struct Loaded {
    program: Program,
    file: String,
    pass_provisional: Option<String>,
    /// The file it extends, compiled.
    parent: Option<Box<Loaded>>,
}

impl Loaded {
    fn source(&self) -> Source<'_> {
        Source {
            program: &self.program,
            file: self.file.clone(),
            pass_provisional: self.pass_provisional.clone(),
        }
    }
}

/// The file name shown in the document (not the directory, which depends on where it runs).
fn shown(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Compiles a rule file and the file it extends; its problems are printed; `None` when it
/// has errors.
fn load(path: &Path, depth: usize) -> Option<Loaded> {
    let (_, program) = super::load(path)?;
    let src = crate::files::read(path).ok()?;
    let parsed = tieuchi_syntax::parse(&src).file?;
    let extends = parsed.model.extends.as_ref().map(|e| e.value.clone());
    let own_pass = (!parsed.model.decisions.is_empty()).then(|| {
        parsed.model.decisions.iter().find_map(|d| match d {
            Decision::Pass(_, Some(why), _) => Some(why.value.clone()),
            _ => None,
        })
    });
    // A chain of `extends` is refused by the checker when it loops; the depth is a guard.
    let parent = match extends {
        Some(rel) if depth < 32 => {
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            Some(Box::new(load(&dir.join(rel), depth + 1)?))
        }
        _ => None,
    };
    // Decisions of the adapting file replace the parent's; none written: the parent's hold.
    let pass_provisional = match own_pass {
        Some(p) => p,
        None => parent.as_ref().and_then(|p| p.pass_provisional.clone()),
    };
    Some(Loaded {
        program,
        file: shown(path),
        pass_provisional,
        parent,
    })
}

/// The blocks of one rule file: the document, with the changes from its parent after the
/// general facts when it extends one.
fn one(loaded: &Loaded) -> Vec<Block> {
    let source = loaded.source();
    let mut blocks = document(&source);
    if let Some(parent) = &loaded.parent {
        let at = blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(h) if h.starts_with("Tiêu chí")))
            .unwrap_or(blocks.len());
        let section = compare::changes(&parent.source(), &source);
        blocks.splice(at..at, section);
    }
    blocks
}

/// The document of a directory: the table of versions, then each version on new pages.
fn directory(dir: &Path) -> Result<(String, Vec<Block>), CliError> {
    let files = crate::files::rule_files(&[dir.to_path_buf()])?;
    let mut loaded = Vec::new();
    for f in &files {
        match load(f, 0) {
            Some(l) => loaded.push(l),
            None => return Err(CliError::RulesHaveErrors(f.clone())),
        }
    }
    let Some(first) = loaded.first() else {
        return Err(CliError::NoUsableRules(dir.to_path_buf()));
    };
    let model = first.program.model.id.clone();
    let title = format!("Các phiên bản tiêu chí — thư mục {}", shown(dir));
    let sources: Vec<Source<'_>> = loaded.iter().map(Loaded::source).collect();
    let mut blocks = vec![
        Block::Title {
            kicker: "PHỤ LỤC".to_string(),
            title: title.clone(),
            subtitle: vec![format!(
                "{} phiên bản của mô hình «{model}»; mỗi phiên bản được trình bày đầy đủ ở các trang sau",
                loaded.len()
            )],
        },
        Block::Heading("Bảng các phiên bản".to_string()),
        versions_table(&sources),
    ];
    let named: Vec<(String, &Program)> = loaded
        .iter()
        .map(|l| (l.file.clone(), &l.program))
        .collect();
    for o in super::versions::overlaps(&named) {
        let list: Vec<String> = o
            .versions
            .iter()
            .map(|(f, period)| format!("{f} ({period})"))
            .collect();
        blocks.push(Block::Warning(text(format!(
            "Các phiên bản có hiệu lực chồng lên nhau (C017): {}",
            list.join("; ")
        ))));
    }
    blocks.push(Block::Para(text(
        "Với mỗi hồ sơ, phiên bản được áp dụng là phiên bản có hiệu lực vào ngày đánh giá, cùng phạm vi với hồ sơ; phiên bản riêng của một tỉnh, thành phố thay cho phiên bản toàn quốc cùng phạm vi.",
    )));
    for l in &loaded {
        blocks.push(Block::PageBreak);
        blocks.extend(one(l));
    }
    blocks.push(Block::SignOff);
    Ok((title, blocks))
}

/// The run.
fn execute(args: &Args) -> Result<(), CliError> {
    let format = args.format.unwrap_or(if args.output.ends_with(".md") {
        DocFormat::Md
    } else {
        DocFormat::Html
    });
    let (title, blocks) = if args.rules.is_dir() {
        directory(&args.rules)?
    } else {
        let loaded =
            load(&args.rules, 0).ok_or_else(|| CliError::RulesHaveErrors(args.rules.clone()))?;
        let title = format!(
            "Tiêu chí đánh giá, công nhận «{}»",
            loaded.program.model.title.as_str()
        );
        let mut blocks = one(&loaded);
        blocks.push(Block::SignOff);
        (title, blocks)
    };
    let bytes = match format {
        DocFormat::Html => html::write(&title, &blocks),
        DocFormat::Md => md::write(&blocks),
    };
    if args.output == "-" {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(CliError::stdout);
    }
    let mut file = Atomic::create(Path::new(&args.output))?;
    file.write(bytes.as_bytes())?;
    finish_all(vec![file])?;
    errln!(
        "đã ghi (written) {} ({} KB)",
        args.output,
        bytes.len().div_ceil(1024)
    );
    Ok(())
}
