//! `missing` per item (issue 12): only the values an unknown result depends on. A household
//! where one pupil's grade is absent lists that one path, not the questions that do not apply
//! to the other members (the answer listed 18 paths before).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::Path;

use serde_json::{Value as Json, json};
use tieuchi_core::{Detail, Program, compile, decode_value, evaluate, explain};

fn family() -> Program {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let src = std::fs::read_to_string(root.join("rules/family/qd448-2015.rules")).unwrap();
    compile(&src).program.unwrap()
}

fn example() -> Json {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text =
        std::fs::read_to_string(root.join("rules/family/examples/ho-nguyen-van-an-dat.json"))
            .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn answer(program: &Program, record: &Json) -> Json {
    let decoded = decode_value(program, record);
    let ev = evaluate(program, &decoded.values);
    serde_json::to_value(explain(program, &decoded, &ev, Detail::Full)).unwrap()
}

/// The `missing` of every indicator that has one, by id.
fn per_indicator(a: &Json) -> Vec<(String, Json)> {
    let mut out = Vec::new();
    for c in a["criteria"].as_array().unwrap() {
        for i in c["indicators"].as_array().unwrap() {
            if let Some(m) = i.get("missing") {
                out.push((i["id"].as_str().unwrap().to_string(), m.clone()));
            }
        }
    }
    out
}

#[test]
fn one_absent_grade_is_the_one_path_missing() {
    let p = family();
    let mut record = example();
    // Member 2 is the lower-secondary pupil.
    assert_eq!(record["members"][2]["schooling"], "lower_secondary");
    record["members"][2]
        .as_object_mut()
        .unwrap()
        .remove("academic_result");
    let a = answer(&p, &record);
    assert_eq!(a["missing"], json!(["/members/2/academic_result"]));
    assert_eq!(
        per_indicator(&a),
        [("C1b".to_string(), json!(["/members/2/academic_result"]))]
    );
    let reason = a["criteria"][0]["indicators"][1]["reason"]
        .as_str()
        .unwrap();
    assert!(reason.contains("mục 3"), "{reason}");
}

#[test]
fn each_value_that_matters_is_named_and_no_other() {
    let p = family();
    let mut record = example();
    for key in ["academic_result", "conduct_result"] {
        record["members"][2].as_object_mut().unwrap().remove(key);
    }
    // A question that does not apply: an adult's grade, absent already, is never named.
    record["members"][0]
        .as_object_mut()
        .unwrap()
        .remove("academic_result");
    let a = answer(&p, &record);
    let missing: Vec<&str> = a["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        missing.contains(&"/members/2/academic_result"),
        "{missing:?}"
    );
    assert!(
        missing.contains(&"/members/2/conduct_result"),
        "{missing:?}"
    );
    assert!(
        missing.iter().all(|m| m.starts_with("/members/2/")),
        "{missing:?}"
    );
    // A whole list missing is named as the list.
    let mut record = example();
    record.as_object_mut().unwrap().remove("members");
    let a = answer(&p, &record);
    assert!(
        a["missing"]
            .as_array()
            .unwrap()
            .contains(&json!("/members")),
        "{}",
        a["missing"]
    );
}
