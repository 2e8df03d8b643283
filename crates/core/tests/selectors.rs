//! The fields that choose a version (`assessment_date`, `province_code`, `scope`) are read by
//! every model that does not declare them, checked against its header, and only at the top
//! of the record; JSON text and parsed values decode the same.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use tieuchi_core::{Program, compile, decode_str, decode_value};

const RULES: &str = r#"
model m "Mô hình thử" {
  version "v1"
  source "Văn bản thử"
  valid from 2020-01-01
  jurisdiction "01"
  scope district_province
  max 10 points
  input {
    x: bool "X"
    items: optional list of { y: int 0.. "Y" } "Mục"
  }
  criterion A "A" 10 points {
    source "Văn bản thử"
    indicator A.1 "A1" 10 points {
      source "Văn bản thử"
      award whole when x
    }
  }
  recognized when total >= 5
}
"#;

fn program() -> Program {
    compile(RULES).program.expect("the test rules check")
}

#[test]
fn selectors_are_read_and_checked_against_the_header() {
    let program = program();
    // (record, expected problems as (path, code))
    let cases: [(&str, &[(&str, &str)]); 10] = [
        (r#"{"x": true}"#, &[]),
        (
            r#"{"x": true, "assessment_date": "2024-03-01", "province_code": "01", "scope": "district_province"}"#,
            &[],
        ),
        (r#"{"x": true, "scope": "commune"}"#, &[("/scope", "R007")]),
        (
            r#"{"x": true, "province_code": "79"}"#,
            &[("/province_code", "R007")],
        ),
        (
            r#"{"x": true, "province_code": 1}"#,
            &[("/province_code", "R005")],
        ),
        (
            r#"{"x": true, "assessment_date": "2024-02-30"}"#,
            &[("/assessment_date", "R008")],
        ),
        (
            r#"{"x": true, "assessment_date": null, "scope": null}"#,
            &[],
        ),
        (r#"{"x": true, "scope": ["a"]}"#, &[("/scope", "R005")]),
        // Only at the top: inside a list item a selector is an unknown field.
        (
            r#"{"x": true, "items": [{"y": 1, "scope": "commune"}]}"#,
            &[("/items/0/scope", "R003")],
        ),
        // Any other undeclared field is still unknown.
        (r#"{"x": true, "province": "01"}"#, &[("/province", "R003")]),
    ];
    for (record, expected) in cases {
        let from_text = decode_str(&program, record);
        let value: serde_json::Value = serde_json::from_str(record).unwrap();
        let from_value = decode_value(&program, &value);
        assert_eq!(from_text, from_value, "{record}");
        let got: Vec<(&str, &str)> = from_text
            .errors
            .iter()
            .map(|e| (e.path.as_str(), e.code.code()))
            .collect();
        assert_eq!(got, expected, "{record}: {:?}", from_text.errors);
    }
}

#[test]
fn a_national_model_without_scope_takes_any_province_and_scope() {
    let national = RULES
        .replace("jurisdiction \"01\"", "jurisdiction national")
        .replace("  scope district_province\n", "");
    let program = compile(&national).program.unwrap();
    let d = decode_str(
        &program,
        r#"{"x": true, "province_code": "79", "scope": "commune"}"#,
    );
    assert!(d.errors.is_empty(), "{:?}", d.errors);
}
