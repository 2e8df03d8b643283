//! Finding and reading rule files and records.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Every file read by [`read`] in this run (rule files and the files they extend), so that
/// no output overwrites one.
static READ: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The files read by [`read`] so far.
pub fn read_so_far() -> Vec<PathBuf> {
    READ.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Rule files named on the command line: files as given, directories searched for `*.rules`
/// (recursively, sorted). Errors name the path that could not be read.
pub fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect(p, &mut out).map_err(|e| {
                format!(
                    "không đọc được thư mục {} (cannot read the directory): {e}",
                    p.display()
                )
            })?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!(
                "{}: không có tệp hay thư mục này (no such file or directory)",
                p.display()
            ));
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
pub fn read(path: &Path) -> Result<String, String> {
    READ.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(path.to_path_buf());
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| cannot(&name, &e))?;
    read_limited(file, &name, tieuchi_core::limits::MAX_RULE_FILE_BYTES)
}

/// Reads at most `limit` bytes of UTF-8 text from `input` (named `name` in errors); more is
/// an error, found after reading `limit + 1` bytes, so memory stays bounded whatever the size.
fn read_limited(input: impl Read, name: &str, limit: usize) -> Result<String, String> {
    let mut bytes = Vec::new();
    input
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(name, &e))?;
    if bytes.len() > limit {
        return Err(format!(
            "{name} lớn hơn giới hạn {limit} byte (is larger than the limit of {limit} bytes); hãy kiểm tra đúng tệp chưa (check that it is the right file)"
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| cannot(name, &std::io::Error::from(std::io::ErrorKind::InvalidData)))?;
    Ok(without_bom(text))
}

/// The message for a file that could not be read.
fn cannot(name: &str, e: &std::io::Error) -> String {
    format!("không đọc được {name} (cannot read it): {}", why(e))
}

/// `text` without a leading UTF-8 byte order mark.
fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// Why a file could not be read, in Vietnamese first: the common cases named, others with
/// the system's own words.
pub fn why(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => {
            "không có tệp này (no such file); kiểm tra tên và thư mục của tệp".to_string()
        }
        ErrorKind::PermissionDenied => "không có quyền đọc tệp (permission denied)".to_string(),
        ErrorKind::IsADirectory => {
            "đây là thư mục, không phải tệp (it is a directory); hãy đặt tên một tệp".to_string()
        }
        ErrorKind::InvalidData => {
            "tệp không phải văn bản UTF-8 (not UTF-8 text); hãy lưu tệp dạng UTF-8".to_string()
        }
        _ => format!("lỗi hệ thống (system error): {e}"),
    }
}

/// Reads a record from a file, or standard input for `-`; at most
/// [`tieuchi_core::limits::MAX_RECORD_BYTES`].
pub fn read_record(arg: &str) -> Result<String, String> {
    let limit = tieuchi_core::limits::MAX_RECORD_BYTES;
    if arg == "-" {
        return read_limited(std::io::stdin(), "đầu vào chuẩn (standard input)", limit);
    }
    let file = std::fs::File::open(arg).map_err(|e| cannot(arg, &e))?;
    read_limited(file, arg, limit)
}
