//! The WebAssembly API surface, called natively: `tieuchi_wasm::rules` (what `compile`,
//! `check`, `Ruleset.evaluate*`, `schema`, `runTests` and `diagnostics` run in the browser)
//! and the paths of `tieuchi_wasm::files`.
//!
//! Input: a mode byte, then either (odd mode) a record scored against the bundled rule file
//! `mode / 2`, or (even mode) a rule text, a NUL byte, and a record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;
use tieuchi_fuzz::{RULE_FILES, files, programs, score_and_check, split};
use tieuchi_wasm::files::{MAIN_NAME, normalize};
use tieuchi_wasm::rules;

fuzz_target!(|data: &[u8]| {
    let (mode, rest) = split(data);
    let (source, record) = if mode % 2 == 1 {
        let i = usize::from(mode / 2) % RULE_FILES.len();
        let source = RULE_FILES.get(i).map_or("", |(_, text)| text);
        (source.to_string(), rest)
    } else {
        match rest.split_once('\0') {
            Some((s, r)) => (s.to_string(), r.to_string()),
            None => (rest, String::new()),
        }
    };

    let normal = normalize(&record);
    assert_eq!(normalize(&normal), normal, "normalize is not idempotent");

    let checked = rules::check(&source, files());
    assert_placed(&checked, &source);
    match rules::compile(&source, files()) {
        Err(rejected) => {
            assert_eq!(rejected.diagnostics, checked, "compile and check disagree");
            assert!(!rejected.summary.is_empty());
            let errors = checked
                .as_array()
                .map_or(0, |d| d.iter().filter(|d| d["severity"] == "error").count());
            assert!(errors > 0 || !rejected.summary.contains("error(s)"));
        }
        Ok(compiled) => {
            assert_eq!(
                compiled.diagnostics(),
                checked,
                "compile and check disagree"
            );
            assert_eq!(compiled.schema()["type"], "object");
            let tests = compiled.run_tests();
            assert_placed(&tests, &source);
            let one = compiled.answer_json(&record).unwrap_or_default();
            assert!(one.is_ascii(), "the package's answers are ASCII");
            let empty = compiled.answer_json("{}").unwrap_or_default();
            let many = compiled
                .answers_json([record.as_str(), "{}"])
                .unwrap_or_default();
            assert_eq!(many, format!("[{one},{empty}]"), "evaluateMany vs evaluate");
            // The same answer as the core gives, when the rule file is a bundled one (found by
            // its text: two bundled files share a version label).
            let bundled = RULE_FILES.iter().position(|(_, t)| *t == source);
            if let Some((_, program)) = bundled.and_then(|i| programs().get(i)) {
                let native = score_and_check(program, &record);
                assert_eq!(parse(&one), parse(&native), "package vs core answer");
            }
        }
    }
});

fn parse(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Every place in `items` (diagnostics with labels, or tests with failures) is inside its
/// file: line and column from 1, UTF-16 offsets in order and within the file's text.
fn assert_placed(items: &Json, source: &str) {
    let Some(items) = items.as_array() else {
        panic!("not an array: {items}");
    };
    for item in items {
        assert_place(item, source);
        for key in ["labels", "failures"] {
            for inner in item[key].as_array().into_iter().flatten() {
                assert_place(inner, source);
            }
        }
    }
}

fn assert_place(place: &Json, source: &str) {
    let file = place["file"].as_str().unwrap_or_default();
    let text = if file == MAIN_NAME {
        source.to_string()
    } else {
        match files().load(MAIN_NAME, file) {
            Ok((_, text)) => text,
            Err(e) => panic!("a place in an unknown file {file:?}: {e}"),
        }
    };
    let units = text.encode_utf16().count() as u64;
    let number = |key: &str| place[key].as_u64().unwrap_or(0);
    assert!(number("line") >= 1 && number("column") >= 1, "{place}");
    assert!(number("endLine") >= number("line"), "{place}");
    assert!(
        number("start") <= number("end") && number("end") <= units,
        "{place}"
    );
    let lines = text.split('\n').count() as u64;
    assert!(number("endLine") <= lines, "{place}: {lines} lines");
}
