//! One module per subcommand.

pub mod check;
pub mod eval;
pub mod schema;
pub mod test;

use std::path::Path;

use tieuchi_core::{Compiled, Program, compile};

use crate::{files, render};

/// Reads and compiles one rule file; prints its problems and returns the program if usable.
pub fn load(path: &Path) -> Option<(String, Program)> {
    let name = path.display().to_string();
    let src = match files::read(path) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: {e}");
            return None;
        }
    };
    let Compiled {
        program,
        diagnostics,
    } = compile(&src);
    err!("{}", render::problems(&name, &src, &diagnostics));
    program.map(|p| (src, p))
}
