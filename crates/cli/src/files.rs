//! Finding and reading rule files and records.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::error::CliError;

/// Every file read by [`read`] in this run (rule files and the files they extend), so that
/// no output overwrites one.
static READ: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The files read by [`read`] so far.
pub fn read_so_far() -> Vec<PathBuf> {
    READ.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Rule files named on the command line: files as given, directories searched for `*.rules`
/// (recursively, sorted). Errors name the path that could not be read.
pub fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect(p, &mut out).map_err(|source| CliError::ReadDir {
                path: p.clone(),
                source,
            })?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(CliError::NoSuchPath(p.clone()));
        }
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "rules") {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads a rule file, with an error that names it; a UTF-8 byte order mark (as Notepad
/// writes) is dropped. Remembered in [`read_so_far`]. A file over
/// [`tieuchi_core::limits::MAX_RULE_FILE_BYTES`] is refused without being read whole.
pub fn read(path: &Path) -> Result<String, CliError> {
    READ.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(path.to_path_buf());
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| cannot(&name, e))?;
    read_limited(file, &name, tieuchi_core::limits::MAX_RULE_FILE_BYTES)
}

/// Reads a rule file as [`read`] does without remembering it (the language server reads
/// files again and again for hours; nothing it reads is ever an output).
pub fn read_untracked(path: &Path) -> Result<String, CliError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| cannot(&name, e))?;
    read_limited(file, &name, tieuchi_core::limits::MAX_RULE_FILE_BYTES)
}

/// Reads a rule file as [`read`] does, but keeps a byte order mark (`tieuchi fmt` compares
/// the file's exact text); `-` reads standard input.
pub fn read_exact_text(path: &Path) -> Result<String, CliError> {
    let limit = tieuchi_core::limits::MAX_RULE_FILE_BYTES;
    if path.as_os_str() == "-" {
        return read_limited_keep_bom(std::io::stdin(), "đầu vào chuẩn (standard input)", limit);
    }
    READ.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(path.to_path_buf());
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| cannot(&name, e))?;
    read_limited_keep_bom(file, &name, limit)
}

/// Reads at most `limit` bytes of UTF-8 text from `input` (named `name` in errors); more is
/// an error, found after reading `limit + 1` bytes, so memory stays bounded whatever the size.
fn read_limited(input: impl Read, name: &str, limit: usize) -> Result<String, CliError> {
    read_limited_keep_bom(input, name, limit).map(without_bom)
}

/// [`read_limited`] without dropping a byte order mark.
fn read_limited_keep_bom(input: impl Read, name: &str, limit: usize) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    input
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(name, e))?;
    if bytes.len() > limit {
        return Err(CliError::TooLarge {
            name: name.to_string(),
            limit,
        });
    }
    String::from_utf8(bytes)
        .map_err(|_| cannot(name, std::io::Error::from(std::io::ErrorKind::InvalidData)))
}

/// The error for a file that could not be read.
fn cannot(name: &str, source: std::io::Error) -> CliError {
    CliError::Read {
        name: name.to_string(),
        source,
    }
}

/// `text` without a leading UTF-8 byte order mark.
pub fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// Reads a record from a file, or standard input for `-`; at most
/// [`tieuchi_core::limits::MAX_RECORD_BYTES`].
pub fn read_record(arg: &str) -> Result<String, CliError> {
    let limit = tieuchi_core::limits::MAX_RECORD_BYTES;
    if arg == "-" {
        return read_limited(std::io::stdin(), "đầu vào chuẩn (standard input)", limit);
    }
    let file = std::fs::File::open(arg).map_err(|e| cannot(arg, e))?;
    read_limited(file, arg, limit)
}
