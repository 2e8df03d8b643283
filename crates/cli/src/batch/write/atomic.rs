//! Files written under a temporary name beside their target (`.units.csv.1234.tmp`) and
//! renamed into place at the end, so an interrupted or failed run leaves no output file and
//! never a half-written one. Ctrl-C and SIGTERM remove the temporary files before exiting.
//! Like most command-line tools, the files are not forced to disk (no fsync): the operating
//! system writes them out after the run.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{CliError, OutputProblem};

/// Temporary files not yet renamed; removed by the interrupt handler.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The list of temporary files, even after a panic elsewhere.
fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On Ctrl-C or SIGTERM: removes the temporary files and exits with 130. Files already
/// renamed into place are complete and stay.
pub fn remove_on_interrupt() {
    let installed = ctrlc::set_handler(|| {
        let list = temps();
        for path in list.iter() {
            let _ = std::fs::remove_file(path);
        }
        errln!(
            "\nđã dừng giữa chừng: không tệp kết quả nào được ghi (interrupted: no output file was written)"
        );
        std::process::exit(130);
    });
    if let Err(e) = installed {
        errln!(
            "cảnh báo (warning): không bắt được Ctrl-C ({e}); nếu dừng giữa chừng, có thể còn lại tệp .tmp (an interrupted run may leave a .tmp file)"
        );
    }
}

/// A file being written under a temporary name.
pub struct Atomic {
    /// Where it goes at the end.
    target: PathBuf,
    /// Where it is written meanwhile.
    temp: PathBuf,
    /// The open file; `None` once renamed.
    file: Option<BufWriter<File>>,
}

impl Atomic {
    /// Creates the temporary file beside `target`.
    pub fn create(target: &Path) -> Result<Self, CliError> {
        let shown = || target.display().to_string();
        let refused = |problem| CliError::Output {
            name: shown(),
            problem,
        };
        // Renaming over a directory fails; over a device (`/dev/null`) or a pipe it would
        // replace it: only regular files are written this way.
        if std::fs::metadata(target).is_ok_and(|m| !m.is_file()) {
            return Err(refused(OutputProblem::NotAFile));
        }
        // A rule file read by this run (one that another extends, a version of a directory).
        if let Some(read) = crate::files::read_so_far().into_iter().find(|p| {
            crate::cmd::records::same_file(&target.to_string_lossy(), &p.to_string_lossy())
        }) {
            return Err(refused(OutputProblem::RuleFile(read)));
        }
        let name = target
            .file_name()
            .ok_or_else(|| refused(OutputProblem::NoFileName))?;
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = name.to_string_lossy();
        remove_leftovers(dir, &name);
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        temps().push(temp.clone());
        let file = File::create(&temp).map_err(|source| {
            forget(&temp);
            CliError::Write {
                name: shown(),
                source,
            }
        })?;
        Ok(Atomic {
            target: target.to_path_buf(),
            temp,
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Writes bytes to the temporary file.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        match &mut self.file {
            Some(f) => f.write_all(bytes).map_err(|source| CliError::Write {
                name: self.target.display().to_string(),
                source,
            }),
            None => Ok(()),
        }
    }

    /// The open temporary file, for a writer that needs `Write` itself (the XLSX output).
    pub fn writer(&mut self) -> Option<&mut BufWriter<File>> {
        self.file.as_mut()
    }

    /// Writes out what is still buffered.
    fn flush(&mut self) -> Result<(), CliError> {
        let Some(f) = &mut self.file else {
            return Ok(());
        };
        f.flush().map_err(|source| CliError::Write {
            name: self.target.display().to_string(),
            source,
        })
    }
}

/// Removes the temporary files `.NAME.PID.tmp` in `dir` that runs no longer alive left for
/// the output `name` (killed with SIGKILL, which no handler sees: ten kills left 30 files,
/// 662 MB). Only names of exactly that pattern, only regular files, and only when the
/// process `PID` is gone: on Linux, when `/proc/PID` does not exist; where there is no
/// `/proc`, nothing is removed.
fn remove_leftovers(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    let mut removed = 0usize;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        let dead = !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && pid.parse::<u32>().is_ok_and(|p| p != std::process::id())
            && !Path::new("/proc").join(pid).exists();
        if dead
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    if removed > 0 {
        errln!(
            "ghi chú (note): đã xoá {removed} tệp tạm .{name}.*.tmp của lần chạy trước bị dừng đột ngột (removed {removed} temporary files left by killed runs)"
        );
    }
}

/// Removes a path from the list of temporary files.
fn forget(temp: &Path) {
    temps().retain(|p| p != temp);
}

impl Drop for Atomic {
    /// A file never renamed (the run failed) is removed.
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
            forget(&self.temp);
        }
    }
}

/// Writes out every file, then renames each into place, the interrupt handler held off
/// meanwhile so that it sees either no file renamed or all of them.
pub fn finish_all(files: Vec<Atomic>) -> Result<(), CliError> {
    let mut files = files;
    for f in &mut files {
        f.flush()?;
    }
    let mut list = temps();
    let mut failed = None;
    let mut unrenamed = Vec::new();
    for mut f in files {
        if failed.is_some() {
            unrenamed.push(f);
            continue;
        }
        match std::fs::rename(&f.temp, &f.target) {
            Ok(()) => {
                f.file = None;
                list.retain(|p| *p != f.temp);
            }
            Err(source) => {
                failed = Some(CliError::Write {
                    name: f.target.display().to_string(),
                    source,
                });
                unrenamed.push(f);
            }
        }
    }
    // The files left are removed by their `drop`, which takes the list again.
    drop(list);
    drop(unrenamed);
    failed.map_or(Ok(()), Err)
}
