//! One vocabulary (issue 12): every status and outcome has one wire word and one Vietnamese
//! and English name, defined in the core and exported as JSON; and `floors_failed`, added to
//! the answer, is written by the hand-written writer exactly as serde writes it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::Path;

use serde_json::Value as Json;
use tieuchi_core::answer_json::{Encoding, answer_text};
use tieuchi_core::eval::vocabulary;
use tieuchi_core::{Detail, Outcome, Status, compile, decode_value, evaluate, explain};

#[test]
fn statuses_have_one_code_and_the_readme_names() {
    let table = [
        (Status::Recognized, "recognized", "Được công nhận"),
        (
            Status::NotRecognized,
            "not_recognized",
            "Chưa được công nhận",
        ),
        (Status::Undetermined, "undetermined", "Chưa xác định"),
    ];
    assert_eq!(table.map(|t| t.0), Status::ALL);
    for (status, code, vi) in table {
        assert_eq!(status.code(), code);
        assert_eq!(status.label_vi(), vi);
        assert_eq!(Status::from_code(code), Some(status));
        assert!(!status.label_en().is_empty());
    }
    assert_eq!(Status::from_code("not_met"), None);
}

#[test]
fn outcomes_have_one_code_and_the_readme_names() {
    let table = [
        (Outcome::Met, "met", "Đạt"),
        (Outcome::Partial, "partial", "Đạt một phần"),
        (Outcome::Unmet, "unmet", "Chưa đạt"),
        (Outcome::NotApplicable, "not_applicable", "Không áp dụng"),
        (Outcome::Unknown, "unknown", "Chưa đủ thông tin"),
    ];
    assert_eq!(table.map(|t| t.0), Outcome::ALL);
    for (outcome, code, vi) in table {
        assert_eq!(outcome.code(), code);
        assert_eq!(outcome.label_vi(), vi);
        assert_eq!(Outcome::from_code(code), Some(outcome));
        assert!(!outcome.label_en().is_empty());
    }
    // The browser's old table had this key; the wire word is `unmet`.
    assert_eq!(Outcome::from_code("not_met"), None);
}

#[test]
fn the_exported_vocabulary_names_every_code() {
    let v = vocabulary();
    for s in Status::ALL {
        assert_eq!(v["status"][s.code()]["vi"], s.label_vi());
        assert_eq!(v["status"][s.code()]["en"], s.label_en());
    }
    for o in Outcome::ALL {
        assert_eq!(v["outcome"][o.code()]["vi"], o.label_vi());
        assert_eq!(v["outcome"][o.code()]["en"], o.label_en());
    }
    assert_eq!(v["status"].as_object().unwrap().len(), Status::ALL.len());
    assert_eq!(v["outcome"].as_object().unwrap().len(), Outcome::ALL.len());
}

#[test]
fn floors_failed_is_written_as_serde_writes_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/floors");
    let src = std::fs::read_to_string(root.join("tiers-floor.rules")).unwrap();
    let program = compile(&src).program.unwrap();
    let mut failed = 0;
    for name in ["kha", "below-indicator-floor", "below-criterion-floor"] {
        let text = std::fs::read_to_string(root.join(format!("{name}.json"))).unwrap();
        let record: Json = serde_json::from_str(&text).unwrap();
        let decoded = decode_value(&program, &record);
        let ev = evaluate(&program, &decoded.values);
        for detail in [Detail::Full, Detail::Summary] {
            let answer = explain(&program, &decoded, &ev, detail);
            let serde = serde_json::to_string(&answer).unwrap();
            assert_eq!(answer_text(&answer, Encoding::Utf8), serde, "{name}");
            failed += usize::from(serde.contains("\"floors_failed\":[{"));
        }
    }
    // Both records below a floor, in both details.
    assert_eq!(failed, 4);
}
