//! Golden tests of `tieuchi eval` on the unit rules: the records in `tests/eval/` scored in
//! both output formats, with stdout, stderr and the exit code kept as insta snapshots, and
//! the hand-computed totals, tiers and record errors checked explicitly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::root;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const RULES: &str = "rules/unit/tt22-2020.rules";

/// Runs `tieuchi eval RULES <record> --format <format>` from the workspace root, with `stdin`
/// as standard input.
fn eval(record: &str, format: &str, stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .current_dir(root())
        .args(["eval", RULES, record, "--format", format])
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn show(command: &str, out: &Output) -> String {
    let code = out
        .status
        .code()
        .map_or_else(|| "none".to_string(), |c| c.to_string());
    format!(
        "$ {command}\nexit code: {code}\n--- stdout\n{}--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn rel(path: &Path) -> String {
    format!("tests/eval/{}", path.file_name().unwrap().to_str().unwrap())
}

#[test]
fn eval_json() {
    insta::glob!("../../../tests/eval", "*.json", |path| {
        let record = rel(path);
        let out = eval(&record, "json", None);
        insta::assert_snapshot!(show(
            &format!("tieuchi eval {RULES} {record} --format json"),
            &out
        ));
    });
}

#[test]
fn eval_human() {
    insta::glob!("../../../tests/eval", "*.json", |path| {
        let record = rel(path);
        let out = eval(&record, "human", None);
        insta::assert_snapshot!(show(
            &format!("tieuchi eval {RULES} {record} --format human"),
            &out
        ));
    });
}

/// The JSON answer and exit code for one record.
fn answer(name: &str) -> (Value, i32) {
    let out = eval(&format!("tests/eval/{name}.json"), "json", None);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (v, out.status.code().unwrap())
}

/// Totals computed by hand from the rules (see the comments in each case).
#[test]
fn totals_and_tiers() {
    let cases = [
        // 30 + (10 + 5 + 10 + 5) + 25 × 40/100 + 10 + 5
        ("tot-85", "85", "Tốt", "recognized"),
        // 30 + 30 + 25 × 399/1000 = 9.975 → 9.98 + 10 + 5
        ("kha-84.98", "84.98", "Khá", "recognized"),
        // 30 + (10 + 5 + 10 × 20/40 + 0) + 25 × 8/40 + 10 + 5
        ("kha-70", "70", "Khá", "recognized"),
        // 20 + (10 × 30/60 + 5 + 10 + 5 × 30/60) + 25 × 18/60 + 0 + 0
        ("trung-binh-50", "50", "Trung bình", "recognized"),
        // 20 + (3.33 + 5 + 3.33 + 0) + 8.33 + 10 + 0: each share rounded on its own
        ("chua-dat-49.99", "49.99", "Chưa đạt", "not_recognized"),
    ];
    for (name, total, tier, status) in cases {
        let (v, code) = answer(name);
        assert_eq!(code, 0, "{name}");
        assert_eq!(v["total"].to_string(), total, "{name}");
        assert_eq!(v["tier"], tier, "{name}");
        assert_eq!(v["status"], status, "{name}");
        assert_eq!(v["errors"], serde_json::json!([]), "{name}");
        assert_eq!(v["missing"], serde_json::json!([]), "{name}");
    }
}

#[test]
fn record_errors_name_the_field() {
    let cases = [
        ("count-above-total", "/members_compliant", "R009"),
        ("wrong-type", "/members_total", "R005"),
        ("unknown-title", "/unit_emulation_title", "R007"),
        ("missing-unit-name", "/unit_name", "R004"),
        (
            "missing-undetermined",
            "/knowledge_sharing_activities",
            "R004",
        ),
        ("invalid-json", "", "R001"),
    ];
    for (name, path, code) in cases {
        let (v, exit) = answer(name);
        assert_ne!(exit, 0, "{name}");
        let errors = v["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert_eq!(errors[0]["path"], path, "{name}");
        assert_eq!(errors[0]["code"], code, "{name}");
    }
}

#[test]
fn missing_input_leaves_the_status_open() {
    // 30 + (10 + 5 + 0 + 0) + 0 + 0, and U3.3 (5 points) unknown: 45 to 50.
    let (v, _) = answer("missing-undetermined");
    assert_eq!(v["status"], "undetermined");
    assert_eq!(v["tier"], Value::Null);
    assert_eq!(v["total"].to_string(), "45");
    assert_eq!(v["total_possible"].to_string(), "50");
    assert_eq!(
        v["missing"],
        serde_json::json!(["/knowledge_sharing_activities"])
    );
}

#[test]
fn invalid_json_gives_line_and_column() {
    let (v, _) = answer("invalid-json");
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("dòng 5, cột 3"), "{message}");
}

#[test]
fn dash_reads_standard_input() {
    let record = "tests/eval/count-above-total.json";
    let text = std::fs::read(root().join(record)).unwrap();
    let piped = eval("-", "human", Some(&text));
    let from_file = eval(record, "human", None);
    assert_eq!(piped.stdout, from_file.stdout);
    assert_eq!(piped.status.code(), from_file.status.code());
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(stderr.contains("(<stdin>)"), "{stderr}");
    insta::assert_snapshot!(show(
        &format!("tieuchi eval {RULES} - --format human < {record}"),
        &piped
    ));
}

/// A record that is not JSON shows only the error in the human format, not a table of
/// unknowns; a missing record file or rule file is named in Vietnamese.
#[test]
fn unreadable_records_show_only_the_error() {
    let out = eval("tests/eval/invalid-json.json", "human", None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains("[R001]") && stderr.contains("dòng 5, cột 3"),
        "{stderr}"
    );
    for args in [
        ["eval", RULES, "tests/eval/no-such-record.json"],
        ["eval", "rules/unit/no-such.rules", "tests/eval/kha-70.json"],
    ] {
        let run = support::tieuchi(&args);
        assert!(!run.ok);
        assert!(
            run.stderr.contains("không có tệp này (no such file)"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    }
}

/// A rule file and a record saved by Notepad (starting with a UTF-8 byte order mark) are read.
#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = support::scratch("eval-bom");
    let rules = dir.join("unit.rules");
    let record = dir.join("record.json");
    for (from, to) in [(RULES, &rules), ("tests/eval/kha-70.json", &record)] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(root().join(from)).unwrap());
        std::fs::write(to, bytes).unwrap();
    }
    let run = support::tieuchi(&[
        "eval",
        support::s(&rules),
        support::s(&record),
        "--format",
        "json",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let expected = eval("tests/eval/kha-70.json", "json", None);
    assert_eq!(run.stdout, String::from_utf8_lossy(&expected.stdout));
}
