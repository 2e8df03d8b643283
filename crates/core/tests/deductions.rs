//! Deductions (issue 12): `indicator ID "…" deduct N points { award … }` takes 0 to N points
//! off its criterion, which never goes below 0. The in-file tests of
//! `tests/language/deductions.rules` hold the worked cases; here: the checker, the answer's
//! JSON (both writers), and a property over any record.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use proptest::prelude::*;
use serde_json::{Value as Json, json};
use tieuchi_core::answer_json::{Encoding, answer_text};
use tieuchi_core::{Detail, Program, compile, decode_value, evaluate, explain};

const RULES: &str = include_str!("../../../tests/language/deductions.rules");

fn program() -> Program {
    let compiled = compile(RULES);
    compiled
        .program
        .unwrap_or_else(|| panic!("{:?}", compiled.diagnostics))
}

fn codes(src: &str) -> Vec<(&'static str, String)> {
    compile(src)
        .diagnostics
        .into_iter()
        .filter(|d| d.code != "N001")
        .map(|d| (d.code, d.message.to_string()))
        .collect()
}

#[test]
fn a_deduction_adds_nothing_to_the_criterion_maximum() {
    // K is 10 points: K1 (10) plus the deduction K2 (6) is not C004.
    assert_eq!(codes(RULES), vec![]);
}

#[test]
fn misused_deductions_are_reported_where_they_are() {
    let levels = r#"model citizen "Công dân" {
  source "Ví dụ"
  input { a: bool "A" }
  criterion K "K" {
    source "Ví dụ"
    indicator K1 "K1" deduct 5 points { source "Ví dụ" pass when a }
  }
  level "Mức 1" recognized
}"#;
    let found = codes(levels);
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "C016" && m.contains("chỉ tiêu trừ điểm")),
        "{found:?}"
    );
    let floored = RULES.replace(
        "award value 2 * violations",
        "floor 1\n      award value 2 * violations",
    );
    let found = codes(&floored);
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "C016" && m.contains("điểm sàn")),
        "{found:?}"
    );
    let no_points = RULES.replace("deduct 6 points", "deduct");
    let found = compile(&no_points).diagnostics;
    assert!(
        found
            .iter()
            .any(|d| d.code == "S001" && d.message.en.contains("points")),
        "{found:?}"
    );
}

fn answer_json(program: &Program, record: &Json) -> (Json, String, String) {
    let decoded = decode_value(program, record);
    let ev = evaluate(program, &decoded.values);
    let summary = explain(program, &decoded, &ev, Detail::Summary);
    assert_eq!(
        answer_text(&summary, Encoding::Utf8),
        serde_json::to_string(&summary).unwrap(),
        "summary writers differ"
    );
    let a = explain(program, &decoded, &ev, Detail::Full);
    let serde = serde_json::to_string(&a).unwrap();
    let direct = answer_text(&a, Encoding::Utf8);
    (serde_json::from_str(&serde).unwrap(), serde, direct)
}

#[test]
fn the_answer_shows_what_is_taken_off() {
    let p = program();
    let record = json!({"study": 6, "help": true, "violations": 2, "evicted": true});
    let (a, serde, direct) = answer_json(&p, &record);
    assert_eq!(serde, direct, "the direct writer and serde disagree");
    let k2 = &a["criteria"][0]["indicators"][1];
    assert_eq!(k2["id"], "K2");
    assert_eq!(k2["points"], -4);
    assert_eq!(k2["max"], 0);
    assert_eq!(k2["deduct_max"], 6);
    assert_eq!(k2["status"], "partial");
    assert_eq!(k2["reason"], "Bị trừ 4 điểm (tối đa 6 điểm)");
    assert_eq!(a["criteria"][0]["points"], 2);
    assert_eq!(a["criteria"][0]["max"], 10);
    // Nothing taken off: status met, and the writers still agree (the full-marks shortcut).
    let record = json!({"study": 10, "help": true, "violations": 0, "evicted": false});
    let (a, serde, direct) = answer_json(&p, &record);
    assert_eq!(serde, direct);
    let l2 = &a["criteria"][1]["indicators"][1];
    assert_eq!(
        (
            l2["points"].clone(),
            l2["status"].clone(),
            l2["reason"].clone()
        ),
        (json!(0), json!("met"), json!("Không bị nhắc nhở"))
    );
    // Unknown: the criterion is open between what could be taken off and nothing.
    let record = json!({"study": 10, "help": true, "evicted": false});
    let (a, serde, direct) = answer_json(&p, &record);
    assert_eq!(serde, direct);
    assert_eq!(a["criteria"][0]["points"], 4);
    assert_eq!(a["total"], 14);
    assert_eq!(a["total_possible"], 20);
    assert_eq!(a["status"], "undetermined");
    assert_eq!(a["missing"], json!(["/violations"]));
}

#[test]
fn removing_a_deduction_is_a_way_to_recognition() {
    let p = program();
    // 10 − 6 + 10 − 3 = 11, 4 short: the K2 deduction (up to +6) alone reaches 15, with one
    // violation left (2 taken off instead of 6).
    let record = json!({"study": 10, "help": true, "violations": 3, "evicted": true});
    let (a, _, _) = answer_json(&p, &record);
    let goal = &a["to_reach"][0];
    assert_eq!(goal["target"], "recognized");
    assert_eq!(
        goal["indicators"],
        json!([{
            "id": "K2",
            "label": "Vi phạm quy ước",
            "points": 6,
            "change": "«Số lần vi phạm quy ước» bớt 2 (từ 3 xuống 1)"
        }])
    );
}

proptest! {
    #[test]
    fn criteria_are_awards_minus_deductions_never_below_zero(
        study in 0i64..=10,
        help: bool,
        violations in proptest::option::of(0i64..=10),
        evicted: bool,
    ) {
        let p = program();
        let mut record = json!({"study": study, "help": help, "evicted": evicted});
        if let Some(v) = violations {
            record["violations"] = json!(v);
        }
        let (a, serde, direct) = answer_json(&p, &record);
        prop_assert_eq!(serde, direct);
        let taken_k = violations.map(|v| (2 * v).min(6));
        let taken_l = if evicted { 3 } else { 0 };
        let k = taken_k.map(|t| (study - t).max(0));
        let l = (if help { 10 } else { 0 } - taken_l).max(0);
        match k {
            Some(k) => {
                prop_assert_eq!(&a["criteria"][0]["points"], &json!(k));
                prop_assert_eq!(&a["total"], &json!(k + l));
            }
            None => {
                // Secured: the most taken off; possible: nothing taken off.
                prop_assert_eq!(&a["criteria"][0]["points"], &json!((study - 6).max(0)));
                let possible = a.get("total_possible").unwrap_or(&a["total"]);
                prop_assert_eq!(possible, &json!(study + l));
            }
        }
        prop_assert_eq!(&a["criteria"][1]["points"], &json!(l));
        for c in a["criteria"].as_array().unwrap() {
            for i in c["indicators"].as_array().unwrap() {
                if let Some(most) = i.get("deduct_max") {
                    let pts = i["points"].as_i64().unwrap();
                    prop_assert!(pts <= 0 && -pts <= most.as_i64().unwrap());
                }
            }
        }
    }
}
