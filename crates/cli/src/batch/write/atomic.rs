//! Files written under a temporary name beside their target (`.units.csv.1234.tmp`) and
//! renamed into place at the end, so an interrupted or failed run leaves no output file and
//! never a half-written one. Ctrl-C and SIGTERM remove the temporary files before exiting.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

/// Bytes written between two background flushes to disk.
const FLUSH_EVERY: u64 = 64 << 20;

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
        errln!("\ninterrupted: no output file was written");
        std::process::exit(130);
    });
    if let Err(e) = installed {
        errln!("warning: cannot catch Ctrl-C ({e}); an interrupted run may leave a .tmp file");
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
    /// Bytes written so far.
    written: u64,
    /// A thread flushing what is written to disk as the run goes, so that the flush before
    /// the rename has little left to do; started once a large output has begun.
    flusher: Option<(SyncSender<()>, JoinHandle<()>)>,
}

impl Atomic {
    /// Creates the temporary file beside `target`.
    pub fn create(target: &Path) -> Result<Self, String> {
        let shown = target.display();
        // Renaming over a directory fails; over a device (`/dev/null`) or a pipe it would
        // replace it: only regular files are written this way.
        if std::fs::metadata(target).is_ok_and(|m| !m.is_file()) {
            return Err(format!(
                "không ghi được {shown}: đây là thư mục hoặc thiết bị, không phải tệp (it is a directory or a device, not a file); hãy đặt tên một tệp"
            ));
        }
        let name = target.file_name().ok_or_else(|| {
            format!("không ghi được {shown}: không phải tên tệp (not a file name)")
        })?;
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = dir.join(format!(
            ".{}.{}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        temps().push(temp.clone());
        let file = File::create(&temp).map_err(|e| {
            forget(&temp);
            format!("không ghi được {shown} (cannot write it): {e}")
        })?;
        Ok(Atomic {
            target: target.to_path_buf(),
            temp,
            file: Some(BufWriter::with_capacity(1 << 16, file)),
            written: 0,
            flusher: None,
        })
    }

    /// Writes bytes to the temporary file.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        let Some(f) = &mut self.file else {
            return Ok(());
        };
        f.write_all(bytes).map_err(|e| {
            format!(
                "không ghi được {} (cannot write it): {e}",
                self.target.display()
            )
        })?;
        let before = self.written;
        self.written += bytes.len() as u64;
        if self.written / FLUSH_EVERY > before / FLUSH_EVERY {
            self.flush_behind();
        }
        Ok(())
    }

    /// Asks the flusher thread (started the first time) to flush what is written so far;
    /// skipped while it is still busy. Its errors are left to the final flush to report.
    fn flush_behind(&mut self) {
        if self.flusher.is_none() {
            let file = self.file.as_ref().map(|f| f.get_ref().try_clone());
            let Some(Ok(file)) = file else {
                return;
            };
            let (tx, rx) = sync_channel::<()>(1);
            let spawned = std::thread::Builder::new()
                .name("tieuchi-flush".to_string())
                .spawn(move || {
                    for () in rx {
                        let _ = file.sync_data();
                    }
                });
            let Ok(thread) = spawned else {
                return;
            };
            self.flusher = Some((tx, thread));
        }
        if let Some((tx, _)) = &self.flusher {
            let _ = tx.try_send(());
        }
    }

    /// The open temporary file, for a writer that needs `Write` itself (the XLSX output).
    pub fn writer(&mut self) -> Option<&mut BufWriter<File>> {
        self.file.as_mut()
    }

    /// Flushes the file to disk.
    fn sync(&mut self) -> Result<(), String> {
        if let Some((tx, thread)) = self.flusher.take() {
            drop(tx);
            let _ = thread.join();
        }
        let shown = self.target.display();
        let Some(f) = &mut self.file else {
            return Ok(());
        };
        f.flush()
            .and_then(|()| f.get_ref().sync_all())
            .map_err(|e| format!("không ghi được {shown} (cannot write it): {e}"))
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

/// Flushes every file to disk, then renames each into place, the interrupt handler held
/// off meanwhile so that it sees either no file renamed or all of them.
pub fn finish_all(files: Vec<Atomic>) -> Result<(), String> {
    let mut files = files;
    for f in &mut files {
        f.sync()?;
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
            Err(e) => {
                failed = Some(format!(
                    "không ghi được {} (cannot write it): {e}",
                    f.target.display()
                ));
                unrenamed.push(f);
            }
        }
    }
    // The files left are removed by their `drop`, which takes the list again.
    drop(list);
    drop(unrenamed);
    failed.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_output_flushed_behind_arrives_whole() {
        let dir = std::env::temp_dir().join(format!("tieuchi-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("big.ndjson");
        let mut file = Atomic::create(&target).unwrap();
        let block = vec![b'x'; 1 << 20];
        let blocks = FLUSH_EVERY / (1 << 20) * 2 + 3;
        for _ in 0..blocks {
            file.write(&block).unwrap();
        }
        assert!(
            file.flusher.is_some(),
            "no flush behind after two flush intervals"
        );
        assert!(!target.exists(), "renamed before the end");
        finish_all(vec![file]).unwrap();
        let len = std::fs::metadata(&target).unwrap().len();
        assert_eq!(len, blocks << 20);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
