//! A tier that requires recognition (issue 12): a record below a floor is not recognised and
//! shows no recognised tier, and the failed floor is named in the JSON answer
//! (`floors_failed`) and under the decision in the table. Rule files and records in
//! `tests/floors/`; the human and JSON answers kept as insta snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::tieuchi;

use serde_json::Value;

const TIERS: &str = "tests/floors/tiers-floor.rules";
const NO_OTHERWISE: &str = "tests/floors/tiers-floor-no-otherwise.rules";
const CITIZEN: &str = "rules/citizen/qd324-2023.rules";

fn json(rules: &str, record: &str) -> Value {
    let run = tieuchi(&["eval", rules, record, "--format", "json"]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr))
}

#[test]
fn the_tests_written_in_the_floor_rule_files_pass() {
    let run = tieuchi(&["test", TIERS, NO_OTHERWISE]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("8 passed, 0 failed"), "{}", run.stdout);
}

#[test]
fn a_record_below_a_floor_shows_no_recognised_tier() {
    // (rules, record, status, tier, floors failed as "id points floor")
    let cases: &[(&str, &str, &str, Value, &[&str])] = &[
        (TIERS, "kha", "recognized", "Khá".into(), &[]),
        (
            TIERS,
            "below-indicator-floor",
            "not_recognized",
            "Chưa đạt".into(),
            &["A 4 5"],
        ),
        (
            TIERS,
            "below-criterion-floor",
            "not_recognized",
            "Chưa đạt".into(),
            &["K2 15 20"],
        ),
        (NO_OTHERWISE, "kha", "recognized", "Khá".into(), &[]),
        (
            NO_OTHERWISE,
            "below-indicator-floor",
            "not_recognized",
            Value::Null,
            &["A 4 5"],
        ),
        (
            NO_OTHERWISE,
            "below-criterion-floor",
            "not_recognized",
            Value::Null,
            &["K2 15 20"],
        ),
    ];
    for (rules, record, status, tier, failed) in cases {
        let a = json(rules, &format!("tests/floors/{record}.json"));
        let at = format!("{rules} {record}");
        assert_eq!(a["status"], *status, "{at}");
        assert_eq!(a["tier"], *tier, "{at}");
        let got: Vec<String> = a["floors_failed"]
            .as_array()
            .map(|fs| {
                fs.iter()
                    .map(|f| {
                        format!(
                            "{} {} {}",
                            f["id"].as_str().unwrap(),
                            f["points"],
                            f["floor"]
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(got, *failed, "{at}");
    }
}

#[test]
fn the_table_names_the_failed_floor_under_the_decision() {
    let run = tieuchi(&["eval", TIERS, "tests/floors/below-indicator-floor.json"]);
    let tail: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Tổng điểm"))
        .collect();
    insta::assert_snapshot!(tail.join("\n"));
    assert!(!run.stdout.contains("Xếp loại: Khá"), "{}", run.stdout);
    let decision = tail
        .iter()
        .position(|l| l.starts_with("Kết quả: "))
        .unwrap();
    assert_eq!(tail[decision], "Kết quả: CHƯA ĐƯỢC CÔNG NHẬN");
    assert_eq!(
        tail[decision + 1],
        "Lý do: dưới điểm sàn (below a floor): A được 4 điểm, cần ít nhất 5"
    );

    let run = tieuchi(&[
        "eval",
        NO_OTHERWISE,
        "tests/floors/below-criterion-floor.json",
    ]);
    assert!(!run.stdout.contains("Xếp loại"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Lý do: dưới điểm sàn (below a floor): K2 được 15 điểm, cần ít nhất 20\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_citizen_below_the_indicator_floor_is_explained() {
    let dir = support::scratch("floors-citizen");
    let record = dir.join("record.json");
    std::fs::write(
        &record,
        r#"{"full_name": "Nguyễn Thị Hoa", "birth_year": 1985, "group": "cu_dan",
            "assessment_year": 2024, "indicator_scores": [4.9, 10, 10, 10, 10, 10, 10, 5.1, 5, 5]}"#,
    )
    .unwrap();
    let a = json(CITIZEN, support::s(&record));
    assert_eq!(a["status"], "not_recognized");
    assert_eq!(a["total"], 80);
    assert_eq!(
        a["floors_failed"],
        serde_json::json!([{ "id": "CS1", "points": 4.9, "floor": 5 }])
    );
    let run = tieuchi(&["eval", CITIZEN, support::s(&record)]);
    assert!(
        run.stdout
            .contains("Lý do: dưới điểm sàn (below a floor): CS1 được 4,9 điểm, cần ít nhất 5\n"),
        "{}",
        run.stdout
    );
    // A recognised record has no `floors_failed` at all.
    std::fs::write(
        &record,
        r#"{"full_name": "Nguyễn Thị Hoa", "birth_year": 1985, "group": "cu_dan",
            "assessment_year": 2024, "indicator_scores": [8, 8, 8, 8, 8, 8, 8, 8, 8, 8]}"#,
    )
    .unwrap();
    let a = json(CITIZEN, support::s(&record));
    assert_eq!(a["status"], "recognized");
    assert!(a.get("floors_failed").is_none(), "{a}");
    std::fs::remove_dir_all(&dir).unwrap();
}
