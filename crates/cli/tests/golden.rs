//! Golden tests of `tieuchi check`: one fixture per diagnostic code in `tests/check/`, each
//! run through the built binary, its output and exit code kept as an insta snapshot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::{codes_in, root, transcript};

/// Every code the checker can report. A code found in the sources but missing here, or a
/// code without a fixture `tests/check/<code>.rules`, fails [`every_code_has_a_fixture`].
const CODES: &[&str] = &[
    "S001", "S002", "S003", "S004", "S005", "S006", "C001", "C002", "C003", "C004", "C005", "C006",
    "C007", "C008", "C009", "C010", "C011", "C012", "C013", "C014", "C015", "C016", "N001", "S007",
    "C018", "C019", "C020", "C021", "C022", "C023", "C024", "C025", "C026",
];

/// Codes without a fixture file: S008 needs a rule file over 4 MiB, built in
/// `crates/core/tests/hardening.rs` instead.
const NO_FIXTURE: &[&str] = &["S008"];

/// Files that define diagnostic codes, relative to the workspace root.
const CODE_SOURCES: &[&str] = &[
    "crates/syntax/src/error.rs",
    "crates/core/src/check/error.rs",
];

/// Runs `tieuchi check <rel>` from the workspace root, so that the printed name is `rel`.
fn check(rel: &str) -> String {
    transcript(&["check", rel])
}

#[test]
fn every_code_has_a_fixture() {
    let root = root();
    let mut codes: Vec<String> = CODES.iter().map(ToString::to_string).collect();
    for file in CODE_SOURCES {
        let src = std::fs::read_to_string(root.join(file)).unwrap();
        for c in codes_in(&src, b"SCN") {
            assert!(
                CODES.contains(&c.as_str()) || NO_FIXTURE.contains(&c.as_str()),
                "{file} defines code {c}, which is not in CODES of {}",
                file!()
            );
            codes.push(c);
        }
    }
    codes.sort();
    codes.dedup();
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !NO_FIXTURE.contains(&c.as_str()))
        .filter(|c| !root.join(format!("tests/check/{c}.rules")).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "no golden fixture tests/check/<code>.rules for {missing:?}"
    );
}

#[test]
fn each_fixture_reports_its_code() {
    let root = root();
    for code in CODES {
        let src = std::fs::read_to_string(root.join(format!("tests/check/{code}.rules"))).unwrap();
        let compiled = tieuchi_core::compile(&src);
        let found: Vec<&str> = compiled.diagnostics.iter().map(|d| d.code).collect();
        assert!(
            found.contains(code),
            "tests/check/{code}.rules reports {found:?}, not {code}"
        );
        assert!(
            found.iter().all(|c| c == code),
            "tests/check/{code}.rules reports other codes too: {found:?}"
        );
    }
}

#[test]
fn three_mistakes_are_all_reported() {
    let root = root();
    let src = std::fs::read_to_string(root.join("tests/check/three-mistakes.rules")).unwrap();
    let compiled = tieuchi_core::compile(&src);
    let found: Vec<&str> = compiled.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, ["S001", "C001", "S001"]);
}

/// Issue 14's "Done when": a misspelt name, points that do not add up, a condition that never
/// holds, a threshold beyond an input's range, a divisor that may be 0 and a tier no total
/// reaches each give exactly one diagnostic, at its line and column, in source order (the
/// browser test `wasm/tests/browser.test.mjs` checks the same file in the playground).
#[test]
fn six_mistakes_one_diagnostic_each() {
    let root = root();
    let src = std::fs::read_to_string(root.join("tests/check/six-mistakes.rules")).unwrap();
    let compiled = tieuchi_core::compile(&src);
    let found: Vec<(&str, u32, u32)> = compiled
        .diagnostics
        .iter()
        .map(|d| {
            let (_, at) = compiled.sources.position(d.span);
            (d.code, at.line, at.column)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("C019", 25, 51),
            ("C004", 27, 52),
            ("C001", 31, 24),
            ("C021", 35, 24),
            ("C021", 43, 24),
            ("C025", 56, 38),
        ]
    );
}

#[test]
fn check_fixtures() {
    insta::glob!("../../../tests/check", "*.rules", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        insta::assert_snapshot!(check(&format!("tests/check/{name}")));
    });
}
