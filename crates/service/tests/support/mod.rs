//! Helpers of the service's tests: fixtures with a cursor mark, and the bundled rule files.
#![allow(dead_code, reason = "each test crate uses some of these")]

use std::path::{Path, PathBuf};

use tieuchi_service::Analysis;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture's text without its cursor mark `$0`, and the byte offset of the mark.
pub fn cursor(fixture: &str) -> (String, usize) {
    let at = fixture
        .find("$0")
        .expect("the fixture marks the cursor with $0");
    (fixture.replacen("$0", "", 1), at)
}

/// Analyses `text` as the file at `path`, reading what it extends from beside it.
pub fn analyse_at(path: &Path, text: &str) -> Analysis {
    let mut load = |from: &str, rel: &str| {
        let target = Path::new(from).parent().unwrap().join(rel);
        let text = std::fs::read_to_string(&target).map_err(|e| e.to_string())?;
        Ok((target.display().to_string(), text))
    };
    Analysis::new(&path.display().to_string(), text, &mut load)
}

/// Analyses a bundled rule file (`unit/tt22-2020.rules`).
pub fn bundled(rel: &str) -> (PathBuf, String, Analysis) {
    let path = root().join("rules").join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let a = analyse_at(&path, &text);
    (path, text, a)
}

/// Every bundled rule file, relative to `rules/`.
pub fn bundled_files() -> Vec<String> {
    let mut out = Vec::new();
    for model in ["unit", "community", "family", "clan", "citizen"] {
        let mut files: Vec<String> = std::fs::read_dir(root().join("rules").join(model))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rules"))
            .map(|n| format!("{model}/{n}"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// The text with `edits` applied (spans of the same file, not overlapping).
pub fn apply(text: &str, edits: &[(tieuchi_syntax::Span, String)]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
    let mut out = text.to_string();
    for (span, new) in edits {
        out.replace_range(span.start as usize..span.end as usize, &new);
    }
    out
}
