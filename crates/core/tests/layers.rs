//! The modules of `tieuchi-core` form layers (issue 17): each module uses only modules before
//! it in [`LAYERS`], so there is no cycle and nothing reaches back up. Read from the sources:
//! every `crate::module` a file names outside its tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::{Path, PathBuf};

/// The modules from the bottom up; the order of `lib.rs`'s ARCHITECTURE section.
const LAYERS: &[&str] = &[
    // Values and the vocabulary.
    "value",
    "limits",
    "suggest",
    "status",
    "record_error",
    "json_writer",
    "order",
    // The checked program.
    "rule_text",
    "program",
    "check",
    // Evaluation.
    "expression",
    "eval",
    "wording",
    // Records.
    "record",
    // The answer.
    "answer",
    "terms",
    "reach",
    "explain",
    "questions",
    // Writers and tools.
    "answer_json",
    "schema",
    "testing",
    "diagnostic_json",
    "prose",
    "coverage",
    "doc",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules a source names: `crate::name` anywhere, and `name` or `name::…` inside a
/// `use crate::{…}` group.
fn named(src: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first word of each item at the group's own depth.
            let (mut depth, mut item_start) = (0usize, true);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 0 => {
                        item_start = false;
                        let w = word(&group[i..]);
                        if !w.is_empty() {
                            out.push(w);
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let w = word(rest);
            if !w.is_empty() {
                out.push(w);
            }
        }
    }
    out
}

#[test]
fn each_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut problems = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let Some(own) = rank(&module) else {
            problems.push(format!(
                "{}: module `{module}` is not in LAYERS",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for used in named(code) {
            if used == module || used == "self" || used == "super" {
                continue;
            }
            match rank(&used) {
                Some(r) if r < own => {}
                Some(_) => problems.push(format!(
                    "{}: `{module}` uses `{used}`, which is not below it",
                    rel.display()
                )),
                // Items of lib.rs (`crate::Program`, `crate::evaluate`) re-exported there.
                None if used.chars().next().is_some_and(char::is_uppercase) => {}
                None => {
                    let item = used.as_str();
                    if ![
                        "compile",
                        "evaluate",
                        "explain",
                        "questions",
                        "decode_str",
                        "decode_value",
                    ]
                    .contains(&item)
                    {
                        problems.push(format!("{}: `{used}` is not in LAYERS", rel.display()));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_sees_a_use_group() {
    let names = named(
        "use crate::{\n    eval::{Outcome, Status},\n    value::Value,\n};\nlet x = crate::answer_json::answer_text(a);",
    );
    assert_eq!(names, ["eval", "value", "answer_json"]);
}
