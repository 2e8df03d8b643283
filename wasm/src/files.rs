//! The files a rule file `extends` or `uses`, given by the caller instead of read from disk.
//!
//! Paths are relative to the naming file, as in the command line: `extends "tt22-2020.rules"`
//! in the main file finds the entry `"tt22-2020.rules"`, and `uses family
//! "../family/qd448-2015.rules"` finds `"../family/qd448-2015.rules"`. Names are normalised
//! (`./` and `dir/..` removed) so that every way of writing a path finds the same entry and
//! loops are recognised.

use std::collections::BTreeMap;

/// Name given to the source passed to `compile` itself.
pub const MAIN_NAME: &str = "<rules>";

/// Rule files by normalised relative path.
#[derive(Debug, Default, Clone)]
pub struct Files {
    by_path: BTreeMap<String, String>,
}

impl Files {
    /// Adds a file under `path` (normalised).
    pub fn insert(&mut self, path: &str, text: String) {
        self.by_path.insert(normalize(path), text);
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    /// True when no file was given.
    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// The loader for `tieuchi_core::compile_file`: `rel` as written in the file `from`.
    pub fn load(&self, from: &str, rel: &str) -> Result<(String, String), String> {
        let target = normalize(&format!("{}{rel}", dir_of(from)));
        match self.by_path.get(&target) {
            Some(text) => Ok((target, text.clone())),
            None if self.by_path.is_empty() => Err(format!(
                "không có tệp `{target}` (no file `{target}` was given): hãy truyền các tệp mà nó nhắc tới cho compile(source, files) (pass the files it names)"
            )),
            None => {
                let known: Vec<&str> = self.by_path.keys().map(String::as_str).collect();
                Err(format!(
                    "không có tệp `{target}` trong các tệp đã truyền (no file `{target}` among the files given): {}",
                    known.join(", ")
                ))
            }
        }
    }
}

/// The directory part of a name, with its trailing `/` (empty for the main file).
fn dir_of(name: &str) -> &str {
    if name == MAIN_NAME {
        return "";
    }
    name.rfind('/')
        .and_then(|i| name.get(..=i))
        .unwrap_or_default()
}

/// `a/./b/../c` → `a/c`; leading `..` are kept (`../family/x.rules`); `\` counts as `/`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize("./tt22-2020.rules"), "tt22-2020.rules");
        assert_eq!(normalize("a/./b/../c.rules"), "a/c.rules");
        assert_eq!(
            normalize("../family/qd448-2015.rules"),
            "../family/qd448-2015.rules"
        );
        assert_eq!(normalize("../../x"), "../../x");
        assert_eq!(normalize("a\\b"), "a/b");
    }

    #[test]
    fn resolves_relative_to_the_naming_file() {
        let mut files = Files::default();
        files.insert("./base.rules", "A".into());
        files.insert("../family/f.rules", "F".into());
        files.insert("../family/g.rules", "G".into());
        assert_eq!(
            files.load(MAIN_NAME, "base.rules"),
            Ok(("base.rules".into(), "A".into()))
        );
        assert_eq!(
            files.load(MAIN_NAME, "../family/f.rules"),
            Ok(("../family/f.rules".into(), "F".into()))
        );
        assert_eq!(
            files.load("../family/f.rules", "g.rules"),
            Ok(("../family/g.rules".into(), "G".into()))
        );
        let err = files.load(MAIN_NAME, "missing.rules").unwrap_err();
        assert!(
            err.contains("missing.rules") && err.contains("base.rules"),
            "{err}"
        );
        assert!(Files::default().load(MAIN_NAME, "x").is_err());
    }
}
