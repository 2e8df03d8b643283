//! `tieuchi doc RULES -o FILE.html [--format html|md]`: the rules as the appendix of an
//! official decision, for a council to read and sign. RULES is a rule file (one that
//! `extends` another gets a section of what it changes, side by side) or a directory of
//! versions (a table of the versions, then each in full). Written under a temporary name
//! and renamed into place; never over a rule file; `-o -` writes standard output.

use std::path::{Path, PathBuf};

use tieuchi_core::Program;
use tieuchi_core::doc::{self, DocFile, Document};

use crate::batch::write::atomic::{Atomic, finish_all};
use crate::error::CliError;
use crate::{files, render};

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

/// The file name shown in the document (not the directory, which depends on where it runs).
fn shown(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Compiles a rule file and the file it extends (the library's [`doc::load`], reading from
/// disk); their problems are printed; `None` when one has errors.
fn load(path: &Path) -> Option<DocFile> {
    let src = match files::read(path) {
        Ok(s) => s,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return None;
        }
    };
    let mut read = |from: &str, rel: &str| super::read_relative(from, rel);
    let mut report = |c: &tieuchi_core::Compiled| {
        err!("{}", render::problems(&c.sources, &c.diagnostics));
    };
    doc::load(&path.display().to_string(), &src, &mut read, &mut report)
}

/// The document of a directory: the table of versions, then each version on new pages.
fn directory(dir: &Path) -> Result<Document, CliError> {
    let paths = files::rule_files(&[dir.to_path_buf()])?;
    let mut loaded = Vec::new();
    for f in &paths {
        match load(f) {
            Some(l) => loaded.push(l),
            None => return Err(CliError::RulesHaveErrors(f.clone())),
        }
    }
    if loaded.is_empty() {
        return Err(CliError::NoUsableRules(dir.to_path_buf()));
    }
    let named: Vec<(String, &Program)> = loaded
        .iter()
        .map(|l| (l.file.clone(), &l.program))
        .collect();
    let overlaps: Vec<String> = super::versions::overlaps(&named)
        .iter()
        .map(|o| {
            let list: Vec<String> = o
                .versions
                .iter()
                .map(|(f, period)| format!("{f} ({period})"))
                .collect();
            list.join("; ")
        })
        .collect();
    Ok(doc::directory_document(&shown(dir), &loaded, &overlaps))
}

/// The run.
fn execute(args: &Args) -> Result<(), CliError> {
    let format = args.format.unwrap_or(if args.output.ends_with(".md") {
        DocFormat::Md
    } else {
        DocFormat::Html
    });
    let document = if args.rules.is_dir() {
        directory(&args.rules)?
    } else {
        let loaded =
            load(&args.rules).ok_or_else(|| CliError::RulesHaveErrors(args.rules.clone()))?;
        doc::file_document(&loaded)
    };
    let bytes = match format {
        DocFormat::Html => document.html(),
        DocFormat::Md => document.markdown(),
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
