//! Rule files of language features under `tests/language/`: the tests written in them pass.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::tieuchi;

#[test]
fn the_tests_written_in_the_language_rule_files_pass() {
    // (file, tests in it)
    let cases: &[(&str, usize)] = &[
        ("tests/language/conditional.rules", 5),
        ("tests/language/divisor.rules", 5),
        ("tests/language/divisor-nested.rules", 2),
        ("tests/language/deductions.rules", 4),
    ];
    for (file, count) in cases {
        let run = tieuchi(&["test", file]);
        assert!(run.ok, "{file}: {}{}", run.stdout, run.stderr);
        let summary = format!("{count} passed, 0 failed");
        assert!(run.stdout.contains(&summary), "{file}: {}", run.stdout);
    }
}

#[test]
fn a_divisor_of_zero_is_a_record_error_naming_the_field() {
    let rules = "tests/language/divisor.rules";
    let run = tieuchi(&["eval", rules, "tests/language/divisor-zero-staff.json"]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("lỗi bản ghi [R012] tại /staff (tests/language/divisor-zero-staff.json): phép chia cho 0 (division by zero)"),
        "{}",
        run.stderr
    );
    let run = tieuchi(&[
        "eval",
        rules,
        "tests/language/divisor-zero-staff.json",
        "--format",
        "json",
    ]);
    let answer: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(answer["errors"][0]["code"], "R012");
    assert_eq!(answer["errors"][0]["path"], "/staff");
    assert_eq!(answer["status"], "undetermined");
    // In a batch the record is rejected, as a record with a decoding problem is.
    let out = support::scratch("divisor-batch").join("answers.ndjson");
    let run = tieuchi(&[
        "batch",
        rules,
        "-i",
        "tests/language/divisor-records.ndjson",
        "-o",
        support::s(&out),
        "-j",
        "1",
    ]);
    assert!(
        run.stderr
            .contains("1 được chấm (scored), 1 bị loại (rejected)"),
        "{}",
        run.stderr
    );
}
