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

/// Reads a text file, with an error that names it; a UTF-8 byte order mark (as Notepad
/// writes) is dropped. Remembered in [`read_so_far`].
pub fn read(path: &Path) -> Result<String, String> {
    READ.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(path.to_path_buf());
    std::fs::read_to_string(path).map(without_bom).map_err(|e| {
        format!(
            "không đọc được {} (cannot read it): {}",
            path.display(),
            why(&e)
        )
    })
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

/// Reads a record from a file, or standard input for `-`.
pub fn read_record(arg: &str) -> Result<String, String> {
    if arg == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            format!(
                "không đọc được đầu vào chuẩn (cannot read standard input): {}",
                why(&e)
            )
        })?;
        return Ok(without_bom(s));
    }
    read(Path::new(arg))
}
