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
/// argument and option, and clap's notes of the values an option takes and its default.
#[test]
fn help_pages_are_vietnamese_first() {
    let (ok, root) = tieuchi(&["--help"]);
    assert!(ok, "{root}");
    assert!(root.contains("Cách dùng (usage)"), "{root}");
    assert!(root.contains("Lệnh (commands)"), "{root}");
    for command in [
        "check", "test", "eval", "batch", "diff", "fmt", "doc", "schema",
    ] {
        let (ok, page) = tieuchi(&[command, "--help"]);
        assert!(ok, "{page}");
        assert!(page.contains("Tuỳ chọn (options)"), "{command}: {page}");
        assert!(page.contains("[mặc định (default): "), "{command}: {page}");
        for english in ["Possible values:", "[default: ", "[possible values: "] {
            assert!(!page.contains(english), "{command}: {page}");
        }
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

/// `test --format json` gives the browser's test objects per file, `--format junit` JUnit XML
/// that a CI server reads: a failing test with its line and what did not hold.
#[test]
fn test_results_for_tools_and_ci_servers() {
    let dir = std::env::temp_dir().join(format!("tieuchi-test-format-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let src = std::fs::read_to_string(format!("{root}/tests/check/C019.rules")).unwrap();
    let file = dir.join("t.rules");
    let tests = r#"
  test "đủ điểm" {
    input { members_total: 10 members_compliant: 10 staff: 2 }
    expect status recognized
  }
  test "sai kỳ vọng" {
    input { members_total: 10 members_compliant: 0 staff: 2 }
    expect status recognized
  }
}"#;
    let body = src.trim_end().strip_suffix('}').unwrap();
    std::fs::write(&file, format!("{body}{tests}\n")).unwrap();
    let path = file.to_str().unwrap();

    // Standard output only: the rule file's warnings go to standard error.
    let stdout = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
            .args(args)
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8(out.stdout).unwrap())
    };
    let (ok, out) = stdout(&["test", "--format", "json", "--lang", "en", path]);
    assert!(!ok, "{out}");
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (all["passed"].as_u64(), all["failed"].as_u64()),
        (Some(1), Some(1))
    );
    let tests = all["files"][0]["tests"].as_array().unwrap();
    assert_eq!(tests[1]["name"], "sai kỳ vọng");
    assert_eq!(tests[1]["passed"], false);
    assert_eq!(
        tests[1]["failures"][0]["message"],
        "expected status recognized, got not_recognized"
    );

    let (ok, xml) = stdout(&["test", "--format", "junit", path]);
    assert!(!ok, "{xml}");
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(xml.contains(r#"<testsuite name=""#), "{xml}");
    assert!(
        xml.contains(r#"tests="2" failures="1" errors="0">"#),
        "{xml}"
    );
    assert!(xml.contains(r#"<testcase name="đủ điểm""#), "{xml}");
    assert!(xml.contains("<failure message=\""), "{xml}");
    assert!(xml.ends_with("</testsuites>\n"), "{xml}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `test --coverage`: per file and in all, how much the tests reach; for people the lines of
/// what is missed and the suggested blocks, for tools the same as JSON.
#[test]
fn test_coverage_for_people_and_tools() {
    let (ok, out) = tieuchi(&["test", "--coverage", "rules/"]);
    assert!(ok, "{out}");
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("Độ phủ của các bài kiểm thử: ") && last.contains("(test coverage: "),
        "{out}"
    );
    // Thông tư 22/2020 has no test with exactly one knowledge-sharing activity: a block that
    // starts from one of its tests is suggested.
    assert!(
        out.contains("test \"Ngưỡng U3.3: đúng 1 (knowledge_sharing_activities: 1)\" from"),
        "{out}"
    );
    assert!(
        out.contains("Kết quả mong đợi của các bài kiểm thử gợi ý"),
        "{out}"
    );

    let (ok, out) = tieuchi(&[
        "test",
        "--coverage",
        "--format",
        "json",
        "--lang",
        "en",
        "rules/unit/tt22-2020.rules",
    ]);
    assert!(ok, "{out}");
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &all["files"][0]["coverage"];
    let (reached, total) = (c["reached"].as_u64().unwrap(), c["total"].as_u64().unwrap());
    assert!(0 < reached && reached < total, "{c}");
    assert_eq!(c["indicators"][0]["id"], "U1.1");
    assert_eq!(c["indicators"][0]["outcomes"]["met"], true);
    let tier = &c["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["place"]["tier"] == "Tốt")
        .unwrap()["edges"];
    assert_eq!(tier[1]["edge"], "below");
    assert_eq!(tier[1]["value"], "84,99");
    assert_eq!(tier[1]["reached"], true);
    assert!(
        c["suggestions"][0]["text"]
            .as_str()
            .unwrap()
            .contains("  test \"")
    );
}
