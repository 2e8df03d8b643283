//! One module per subcommand.

pub mod batch;
pub mod check;
pub mod coverage;
pub mod diff;
pub mod doc;
pub mod eval;
pub mod fmt;
pub mod lsp;
pub mod records;
pub mod schema;
pub mod test;
pub mod versions;

use std::path::{Path, PathBuf};

use tieuchi_core::{Compiled, Program, compile_file};
use tieuchi_syntax::SourceMap;

use crate::error::CliError;
use crate::{files, render};

/// Reads and checks a rule file and the files it `extends` (paths relative to the naming file).
pub fn compile_path(path: &Path) -> Result<Compiled, CliError> {
    let src = files::read(path)?;
    let mut load = read_relative;
    Ok(compile_file(&path.display().to_string(), &src, &mut load))
}

/// The loader of `tieuchi_core::compile_file` on disk: `rel` as written in the file `from`,
/// relative to its directory; the name and text read, or why it cannot be read.
pub fn read_relative(from: &str, rel: &str) -> Result<(String, String), String> {
    let dir = Path::new(from)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let target: PathBuf = dir.join(rel);
    // The core takes the reason as text and reports it at the `extends` or `uses`.
    let text = files::read(&target).map_err(|e| e.to_string())?;
    Ok((target.display().to_string(), text))
}

/// Reads and compiles one rule file; prints its problems and returns the program if usable.
pub fn load(path: &Path) -> Option<(SourceMap, Program)> {
    let compiled = match compile_path(path) {
        Ok(c) => c,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return None;
        }
    };
    err!(
        "{}",
        render::problems(&compiled.sources, &compiled.diagnostics)
    );
    let Compiled {
        program, sources, ..
    } = compiled;
    program.map(|p| (sources, p))
}
