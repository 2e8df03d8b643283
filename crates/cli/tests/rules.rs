//! The bundled rule files check cleanly and pass the tests written inside them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::process::Command;

fn tieuchi(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run tieuchi");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn bundled_rules_check_cleanly() {
    let (ok, out) = tieuchi(&["check", "rules/"]);
    assert!(ok, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn bundled_rule_tests_pass() {
    let (ok, out) = tieuchi(&["test", "rules/"]);
    assert!(ok, "{out}");
    assert!(out.contains(" 0 failed"), "{out}");
}

#[test]
fn every_example_record_is_scored_by_a_version_of_its_model() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut seen = 0;
    for model in std::fs::read_dir(root.join("rules")).unwrap() {
        let model = model.unwrap().path();
        let Ok(examples) = std::fs::read_dir(model.join("examples")) else {
            continue;
        };
        for example in examples {
            let example = example.unwrap().path();
            // Subfolders hold other kinds of examples (`batch/`: files of many records).
            if example.is_dir() {
                continue;
            }
            let rel = |p: &std::path::Path| p.strip_prefix(root).unwrap().display().to_string();
            let dir = format!("{}/", rel(&model));
            let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
                .args(["eval", &dir, &rel(&example), "--format", "json"])
                .current_dir(root)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.starts_with("Đã chọn "),
                "{}: {stderr}",
                example.display()
            );
            let answer: serde_json::Value =
                serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
                    panic!("{}: no JSON answer ({e}): {stderr}", example.display())
                });
            let status = answer["status"].as_str().unwrap();
            assert!(["recognized", "not_recognized", "undetermined"].contains(&status));
            // A record with problems says so in `errors` and makes the exit code 1.
            assert_eq!(
                out.status.success(),
                answer["errors"].as_array().unwrap().is_empty(),
                "{}",
                example.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 20, "only {seen} example records");
}

#[test]
fn the_rounding_examples_check_cleanly_and_pass_their_tests() {
    // One file: the other files of tests/language/ are run by tests/language.rs (one of them
    // warns on purpose, and several files of one model would be versions in force together).
    let (ok, out) = tieuchi(&["check", "tests/language/rounding.rules"]);
    assert!(ok, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let (ok, out) = tieuchi(&["test", "tests/language/rounding.rules"]);
    assert!(ok, "{out}");
    assert!(out.contains("5 passed, 0 failed"), "{out}");
}

/// `check --format json` gives the diagnostic objects of the browser's `check()`, per file,
/// and `--lang` picks the language of every text.
#[test]
fn check_prints_json_diagnostics_in_the_chosen_language() {
    let (ok, out) = tieuchi(&[
        "check",
        "--format",
        "json",
        "--lang",
        "vi",
        "tests/check/three-mistakes.rules",
        "tests/check/C013.rules",
    ]);
    assert!(!ok, "{out}");
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(all["ok"], false);
    let files = all["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let first = &files[0];
    assert_eq!(first["file"], "tests/check/three-mistakes.rules");
    assert_eq!(first["errors"], 3);
    let codes: Vec<&str> = first["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["S001", "C001", "S001"]);
    let c001 = &first["diagnostics"][1];
    assert_eq!(c001["message"], "không tìm thấy tên `has_learning_plans`");
    assert_eq!(c001["help"], "có phải là `has_learning_plan` không?");
    assert_eq!(
        (c001["line"].as_u64(), c001["column"].as_u64()),
        (Some(24), Some(24))
    );
    assert_eq!(files[1]["ok"], true);
    assert_eq!(files[1]["warnings"], 1);

    let (_, out) = tieuchi(&["check", "--lang", "en", "tests/check/C001.rules"]);
    assert!(out.contains("unknown name `members_complaint`"), "{out}");
    assert!(!out.contains("không tìm thấy"), "{out}");
    assert!(out.contains("FAILED: 1 errors"), "{out}");
    let (_, out) = tieuchi(&["check", "tests/check/C001.rules"]);
    assert!(
        out.contains("không tìm thấy tên `members_complaint` (unknown name `members_complaint`)"),
        "{out}"
    );
}

/// Every help page is Vietnamese first: its headings, and the description of every command,
/// argument and option (clap's "Possible values" and "default" notes aside).
#[test]
fn help_pages_are_vietnamese_first() {
    let (ok, root) = tieuchi(&["--help"]);
    assert!(ok, "{root}");
    assert!(root.contains("Cách dùng (usage)"), "{root}");
    assert!(root.contains("Lệnh (commands)"), "{root}");
    for command in ["check", "test", "eval", "batch", "diff", "fmt", "schema"] {
        let (ok, page) = tieuchi(&[command, "--help"]);
        assert!(ok, "{page}");
        assert!(page.contains("Tuỳ chọn (options)"), "{command}: {page}");
        let lines: Vec<&str> = page.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let names_an_argument = line.starts_with("  -") || line.starts_with("  <");
            if !names_an_argument {
                continue;
            }
            // The description follows on the next line (clap's long help).
            let about = lines.get(i + 1).copied().unwrap_or("");
            assert!(
                !about.is_ascii(),
                "{command}: `{line}` is described without Vietnamese: `{about}`"
            );
        }
    }
}

/// A mistyped command says so in Vietnamese first, with exit code 2.
#[test]
fn a_usage_error_is_vietnamese_first() {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(["chek", "rules/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("lỗi cách dùng"), "{err}");
    assert!(err.contains("'check'"), "{err}");
}
