//! Numbers in records are read from their JSON text exactly, never through a binary float;
//! texts and value names are compared in Unicode NFC.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use rust_decimal::Decimal;
use tieuchi_core::value::Value;
use tieuchi_core::{Program, compile, decode_str, decode_value};

const RULES: &str = r#"
model exact "Số chính xác" {
  source "Kiểm thử"
  max 10 points

  input {
    count: int 0..10 "Số lượng"
    share: decimal 0..10 "Tỷ lệ"
    name: text "Tên"
    marks: optional list of decimal 0..1 "Điểm"
  }

  criterion C1 "Tiêu chí" 10 points {
    source "Kiểm thử"
    indicator C1.1 "Chỉ số" 10 points {
      source "Kiểm thử"
      award whole when count >= 1 and share > 0
    }
  }

  tier "Đạt" when total in 5..10 recognized
  tier "Chưa đạt" when total in 0..<5
}
"#;

fn program() -> Program {
    let compiled = compile(RULES);
    compiled
        .program
        .unwrap_or_else(|| panic!("{:#?}", compiled.diagnostics))
}

/// The problems of a record whose `field` holds the JSON text `number`: (path, code) pairs.
fn problems(program: &Program, field: &str, number: &str) -> Vec<(String, &'static str)> {
    let mut fields = vec![
        ("count", "1".to_string()),
        ("share", "1".to_string()),
        ("name", "\"x\"".to_string()),
    ];
    if let Some(f) = fields.iter_mut().find(|(n, _)| *n == field) {
        f.1 = number.to_string();
    } else {
        fields.push((field, number.to_string()));
    }
    let text = fields
        .iter()
        .map(|(n, v)| format!("\"{n}\": {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    let decoded = decode_str(program, &format!("{{{text}}}"));
    decoded
        .errors
        .iter()
        .map(|e| (e.path.clone(), e.code.code()))
        .collect()
}

#[test]
fn numbers_are_exact() {
    let program = program();
    let ok: &[(&str, &str)] = &[
        ("count", "1.0"),
        ("count", "10"),
        ("count", "1e1"),
        ("count", "10.000000000000000000000"),
        ("share", "10"),
        ("share", "9.99999999999999999999"),
        ("share", "0.0000000000000000000000000001"),
        ("marks", "[0.5, 1.0, 0]"),
    ];
    for (field, number) in ok {
        assert_eq!(problems(&program, field, number), [], "{field} = {number}");
    }
    let bad: &[(&str, &str, &str, &str)] = &[
        // Not a whole number, though a float rounds it to 1.
        ("count", "0.99999999999999999", "/count", "R005"),
        ("count", "0.9999999999999999", "/count", "R005"),
        ("count", "1.00000000000000000000000000001", "/count", "R005"),
        // Above the maximum, though a float rounds it to 10.
        ("share", "10.0000000000000000001", "/share", "R006"),
        ("count", "10.0000000000000000001", "/count", "R005"),
        ("share", "-0.0000000000000000000001", "/share", "R006"),
        ("share", "1e400", "/share", "R006"),
        ("count", "-1e400", "/count", "R006"),
        // More digits than a decimal keeps: an error, never rounded.
        ("share", "1.00000000000000000000000000001", "/share", "R011"),
        ("share", "1e-30", "/share", "R011"),
        ("marks", "[0.5, 1.00000000000000000001]", "/marks/1", "R006"),
        ("marks", "[0.5, \"0.5\"]", "/marks/1", "R005"),
        ("share", "\"1\"", "/share", "R005"),
        ("share", "[1]", "/share", "R005"),
        ("share", "null", "/share", "R005"),
    ];
    for (field, number, path, code) in bad {
        assert_eq!(
            problems(&program, field, number),
            [(path.to_string(), *code)],
            "{field} = {number}"
        );
    }
}

#[test]
fn the_exact_value_is_kept() {
    let program = program();
    let text = r#"{"count": 2, "share": 9.99999999999999999999, "name": "x"}"#;
    let decoded = decode_str(&program, text);
    assert_eq!(decoded.errors, []);
    let expected: Decimal = "9.99999999999999999999".parse().unwrap();
    assert_eq!(decoded.values[1], Value::Num(expected));
    // A parsed JSON value (a table's row) is read the same way.
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        decode_value(&program, &value).values[0],
        Value::Num(2.into())
    );
}

#[test]
fn texts_are_kept_in_nfc() {
    let program = program();
    let nfd = "Tru\u{31b}o\u{31b}\u{300}ng ho\u{323}c";
    let decoded = decode_str(
        &program,
        &format!(r#"{{"count": 1, "share": 1, "name": "{nfd}"}}"#),
    );
    assert_eq!(decoded.errors, []);
    assert_eq!(decoded.values[2], Value::Text("Trường học".to_string()));
}
