//! Reading rule files from disk for the tests: the repository's root, every bundled rule
//! file, and compiling one with the files it `extends` or `uses`.
#![allow(dead_code, reason = "each test crate uses some of these")]

use std::path::{Path, PathBuf};

use tieuchi_core::check::{Compiled, compile_file};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every bundled rule file (`rules/<model>/*.rules`), in a fixed order.
pub fn bundled_paths() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for model in ["unit", "community", "family", "clan", "citizen"] {
        let dir = root().join("rules").join(model);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rules"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Compiles `text` as the file at `path`, reading what it extends or uses from beside it.
pub fn compile_at(path: &Path, text: &str) -> Compiled {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| e.to_string());
    let mut load = |from: &str, rel: &str| {
        let target = Path::new(from).parent().unwrap().join(rel);
        Ok((target.display().to_string(), read(&target)?))
    };
    compile_file(&path.display().to_string(), text, &mut load)
}

/// Compiles the rule file at `path`.
pub fn compile_path(path: &Path) -> Compiled {
    compile_at(path, &std::fs::read_to_string(path).unwrap())
}
