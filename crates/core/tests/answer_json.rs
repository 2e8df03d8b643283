//! The hand-written answer writer (`tieuchi_core::answer_json`) gives the same bytes as serde's
//! `Serialize` of the answer, for every rule file and example of the repository and for
//! variants of each example with a field removed or given a wrong value; its ASCII form is
//! the same JSON value.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use support::root;
use tieuchi_core::answer_json::{Encoding, answer_text};
use tieuchi_core::{Detail, Program, decode_value, evaluate, explain};

fn compile(path: &Path) -> Program {
    support::compile_path(path)
        .program
        .unwrap_or_else(|| panic!("{} has errors", path.display()))
}

/// Each example, and the same with one field removed or set to a wrong value.
fn variants(record: &Json) -> Vec<Json> {
    let mut out = vec![record.clone()];
    if let Json::Object(map) = record {
        for key in map.keys() {
            let mut gone = map.clone();
            gone.remove(key);
            out.push(Json::Object(gone));
            let mut wrong = map.clone();
            wrong.insert(key.clone(), Json::from("sai «kiểu» \"x\"\n"));
            out.push(Json::Object(wrong));
        }
    }
    out
}

#[test]
fn the_writer_agrees_with_serde_for_every_model_and_example() {
    let mut answers = 0;
    for model in ["unit", "community", "family", "clan", "citizen"] {
        let dir = root().join("rules").join(model);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rules"))
            .collect();
        files.sort();
        let mut examples: Vec<PathBuf> = std::fs::read_dir(dir.join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        examples.sort();
        for file in &files {
            let program = compile(file);
            for example in &examples {
                let record: Json =
                    serde_json::from_str(&std::fs::read_to_string(example).unwrap()).unwrap();
                for variant in variants(&record) {
                    let decoded = decode_value(&program, &variant);
                    let ev = evaluate(&program, &decoded.values);
                    for detail in [Detail::Full, Detail::Summary] {
                        let answer = explain(&program, &decoded, &ev, detail);
                        let serde = serde_json::to_string(&answer).unwrap();
                        let utf8 = answer_text(&answer, Encoding::Utf8);
                        assert_eq!(utf8, serde, "{} {}", file.display(), example.display());
                        let ascii = answer_text(&answer, Encoding::Ascii);
                        assert!(ascii.is_ascii());
                        assert_eq!(
                            serde_json::from_str::<Json>(&ascii).unwrap(),
                            serde_json::from_str::<Json>(&serde).unwrap()
                        );
                        answers += 1;
                    }
                }
            }
        }
    }
    assert!(answers > 1000, "{answers} answers compared");
}
