//! `tieuchi fmt`: rewrites rule files in the canonical layout (see `tieuchi_syntax::format`).
//!
//! Keywords: with `--lang vi` or `--lang en` every keyword is written in that language
//! (`tiêu chí` or `criterion`); without it (or with `--lang both`) in the language most of
//! the file's keywords are written in, so a file in Vietnamese keywords stays in Vietnamese
//! and a stray keyword of the other language is converted to the file's.
//!
//! A file is rewritten only when its text changes, under a temporary name beside it that is
//! then renamed over it (never a half-written file; its permissions kept). A file with
//! syntax errors is left as it is and its errors printed; the other files are still done.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use tieuchi_syntax::{KeywordLang, SourceMap};

use crate::error::CliError;
use crate::{files, render};

/// The arguments of `tieuchi fmt`.
#[derive(clap::Args)]
pub struct Args {
    /// Tệp luật hoặc thư mục chứa tệp *.rules; `-` đọc đầu vào chuẩn và ghi kết quả ra đầu ra
    /// chuẩn (rule files or directories; `-` reads standard input and writes standard output).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Không ghi gì: liệt kê các tệp cần định dạng lại, mã thoát 1 nếu có (write nothing: list
    /// the files that would change, exit code 1 if any).
    #[arg(long)]
    check: bool,
}

/// What became of one file.
enum Outcome {
    /// Already in the canonical layout.
    Unchanged,
    /// Rewritten (or, with `--check`, would be).
    Changed,
    /// Not formatted: an error was printed.
    Failed,
}

/// Formats the files, keywords in `keywords` when given (else each file's own language);
/// false when a file has errors or, with `--check`, would change.
pub fn run(args: &Args, keywords: Option<KeywordLang>) -> bool {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() > 1 {
            errln!(
                "lỗi (error): `-` (đầu vào chuẩn) phải là đường dẫn duy nhất (`-`, standard input, must be the only path)"
            );
            return false;
        }
        return stdin(args.check, keywords);
    }
    let mut ok = true;
    let (mut changed, mut unchanged) = (0usize, 0usize);
    for path in &args.paths {
        let found = match files::rule_files(std::slice::from_ref(path)) {
            Ok(found) => found,
            Err(e) => {
                errln!("lỗi (error): {e}");
                ok = false;
                continue;
            }
        };
        for file in found {
            match one(&file, args.check, keywords) {
                Outcome::Unchanged => unchanged += 1,
                Outcome::Changed => {
                    changed += 1;
                    ok &= !args.check;
                }
                Outcome::Failed => ok = false,
            }
        }
    }
    if args.check {
        outln!(
            "{changed} tệp cần định dạng lại, {unchanged} tệp đã đúng định dạng ({changed} would be reformatted, {unchanged} already formatted)"
        );
    } else {
        outln!(
            "{changed} tệp đã định dạng, {unchanged} tệp không đổi ({changed} formatted, {unchanged} unchanged)"
        );
    }
    ok
}

/// Formats one file (or, with `check`, only says whether it would change).
fn one(path: &Path, check: bool, keywords: Option<KeywordLang>) -> Outcome {
    let name = path.display().to_string();
    let original = match files::read_exact_text(path) {
        Ok(text) => text,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return Outcome::Failed;
        }
    };
    let Some(formatted) = formatted(&name, &original, keywords) else {
        return Outcome::Failed;
    };
    if formatted == original {
        return Outcome::Unchanged;
    }
    if check {
        outln!("cần định dạng lại (would reformat): {name}");
        return Outcome::Changed;
    }
    match replace(path, formatted.as_bytes()) {
        Ok(()) => {
            outln!("đã định dạng (formatted): {name}");
            Outcome::Changed
        }
        Err(e) => {
            errln!("lỗi (error): {e}");
            Outcome::Failed
        }
    }
}

/// The canonical text of `original` (a byte order mark dropped), keywords in `keywords`
/// when given, or `None` after printing its syntax errors.
fn formatted(name: &str, original: &str, keywords: Option<KeywordLang>) -> Option<String> {
    let text = files::without_bom(original.to_string());
    match tieuchi_syntax::format_with(&text, keywords) {
        Ok(formatted) => Some(formatted),
        Err(diagnostics) => {
            let sources = SourceMap::single(name, text);
            err!("{}", render::problems(&sources, &diagnostics));
            errln!(
                "không định dạng (not formatted): {name} có lỗi cú pháp, hãy sửa trước (has syntax errors; fix them first)"
            );
            None
        }
    }
}

/// `tieuchi fmt -`: standard input to standard output.
fn stdin(check: bool, keywords: Option<KeywordLang>) -> bool {
    let name = "đầu vào chuẩn (standard input)";
    let original = match files::read_exact_text(Path::new("-")) {
        Ok(text) => text,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return false;
        }
    };
    let Some(formatted) = formatted(name, &original, keywords) else {
        return false;
    };
    if check {
        if formatted == original {
            return true;
        }
        outln!("cần định dạng lại (would reformat): {name}");
        return false;
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(formatted.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => true,
        Err(e) => match CliError::stdout(e) {
            CliError::Closed => true,
            other => {
                errln!("lỗi (error): {other}");
                false
            }
        },
    }
}

/// Replaces the file at `path` by `bytes`: written beside it under a temporary name with the
/// file's permissions, then renamed over it.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let write_error = |source| CliError::Write {
        name: path.display().to_string(),
        source,
    };
    let permissions = std::fs::metadata(path).map_err(write_error)?.permissions();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map_or_else(|| "rules".into(), |n| n.to_string_lossy());
    let temp = dir.join(format!(".{file_name}.{}.fmt.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.set_permissions(permissions)?;
        f.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(e));
    }
    Ok(())
}
