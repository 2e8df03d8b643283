//! Golden tests of the record problems (R001–R012) and of the batch problems (B001–B004): one
//! fixture per code under `tests/codes/`, run through the built binary, its output and exit
//! code kept as an insta snapshot. A code written in the sources without a case here fails
//! [`every_record_and_batch_code_has_a_golden_test`].
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::{codes_in, root, transcript};

const RULES: &str = "tests/codes/codes.rules";

/// (code, arguments of `tieuchi`).
const CASES: &[(&str, &[&str])] = &[
    ("R001", &["eval", RULES, "tests/codes/R001.json"]),
    ("R002", &["eval", RULES, "tests/codes/R002.json"]),
    ("R003", &["eval", RULES, "tests/codes/R003.json"]),
    ("R004", &["eval", RULES, "tests/codes/R004.json"]),
    ("R005", &["eval", RULES, "tests/codes/R005.json"]),
    ("R006", &["eval", RULES, "tests/codes/R006.json"]),
    ("R007", &["eval", RULES, "tests/codes/R007.json"]),
    ("R008", &["eval", RULES, "tests/codes/R008.json"]),
    ("R009", &["eval", RULES, "tests/codes/R009.json"]),
    ("R010", &["eval", RULES, "tests/codes/R010.json"]),
    ("R011", &["eval", RULES, "tests/codes/R011.json"]),
    (
        "R012",
        &[
            "eval",
            "tests/language/divisor.rules",
            "tests/language/divisor-zero-staff.json",
        ],
    ),
    (
        "B001",
        &[
            "batch",
            "rules/unit/",
            "-i",
            "tests/codes/B001.ndjson",
            "-o",
            "-",
        ],
    ),
    (
        "B002",
        &["batch", RULES, "-i", "tests/codes/B002.csv", "-o", "-"],
    ),
    (
        "B003",
        &[
            "batch",
            RULES,
            "-i",
            "tests/codes/B003.csv",
            "--items",
            "people=tests/codes/B003-people.csv",
            "-o",
            "-",
        ],
    ),
    (
        "B004",
        &[
            "batch",
            RULES,
            "-i",
            "tests/codes/B003.csv",
            "--items",
            "people=tests/codes/B003-people.csv",
            "-o",
            "-",
        ],
    ),
];

#[test]
fn each_record_and_batch_problem() {
    for (code, args) in CASES {
        let shown = transcript(args);
        assert!(
            shown.contains(&format!("[{code}]")),
            "{code} not reported:\n{shown}"
        );
        insta::assert_snapshot!(*code, shown);
    }
}

/// Every `.rs` file under `dir`.
fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_record_and_batch_code_has_a_golden_test() {
    let mut files = Vec::new();
    for dir in ["crates/core/src", "crates/cli/src", "wasm/src"] {
        sources(&root().join(dir), &mut files);
    }
    let mut found: Vec<String> = files
        .iter()
        .flat_map(|f| codes_in(&std::fs::read_to_string(f).unwrap(), b"RB"))
        .collect();
    found.sort();
    found.dedup();
    assert!(found.len() >= 16, "{found:?}");
    for code in &found {
        assert!(
            CASES.iter().any(|(c, _)| c == code),
            "{code} is written in the sources but has no golden test in tests/codes"
        );
    }
}
