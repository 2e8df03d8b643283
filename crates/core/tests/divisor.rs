//! A divisor that may be 0 (issue 12): the checker's warning C019, and the run-time record
//! error R012 naming the fields the divisor reads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use tieuchi_core::{compile, decode_str, evaluate, explain};

/// A model awarding `value` with inputs `a` and `n` declared as `n_ty`.
fn model(n_ty: &str, value: &str) -> String {
    format!(
        r#"model unit "Đơn vị" {{
  version "v1"
  source "TT 22"
  max 100 points
  input {{
    a: int 0..100 "A"
    n: {n_ty} "N"
    items: list of {{ k: int 0..5 "K" }} "Các mục"
  }}
  let value = {value}
  criterion U1 "Một" 100 points {{
    source "TT 22, 1"
    indicator U1.1 "Một một" 100 points {{
      source "TT 22, 1.1"
      award value value
    }}
  }}
  recognized when total >= 50
}}
"#
    )
}

#[test]
fn a_divisor_whose_range_includes_zero_is_warned() {
    // (type of n, expression, codes)
    let cases: &[(&str, &str, &[&str])] = &[
        ("int 0..", "a / n", &["C019"]),
        ("int", "a / n", &["C019"]),
        ("decimal -5..5", "a / n", &["C019"]),
        ("optional int 0..10", "a / n", &["C019"]),
        ("int 1..", "a / n", &[]),
        ("decimal 0.5..", "a / n", &[]),
        ("int ..<0", "a / n", &[]),
        ("int ..-1", "a / n", &[]),
        // Guarded by `if`: the else branch of `n == 0`, the then branch of `n != 0`/`n > 0`.
        ("int 0..", "if n == 0 then 0 else a / n", &[]),
        ("int 0..", "if 0 == n then 0 else a / n", &[]),
        ("int 0..", "if n != 0 then a / n else 0", &[]),
        ("int 0..", "if n > 0 then a / n else 0", &[]),
        (
            "int 0..",
            "if a > 3 then 0 else if n == 0 then 1 else a / n",
            &[],
        ),
        // The guard does not cover the wrong branch, nor beyond the `if`.
        ("int 0..", "if n == 0 then a / n else 0", &["C019"]),
        ("int 0..", "if n != 0 then 0 else a / n", &["C019"]),
        ("int 0..", "(if n == 0 then 0 else 1) + a / n", &["C019"]),
        // An item field of a list.
        ("int 1..", "sum(items, a / k)", &["C019"]),
        ("int 1..", "sum(items, if k == 0 then 0 else a / k)", &[]),
        // Any divisor, by the values worked out from the declared ranges.
        ("int 0..5", "a / (n - 3)", &["C019"]),
        ("int 0..5", "a / (n + 1)", &[]),
        ("int 0..5", "a / (n * 2 + 1)", &[]),
        ("int 0..5", "a / (3 - n)", &["C019"]),
        ("int 0..5", "a / (n - 6)", &[]),
        ("int 0..", "a / max(n, 1)", &[]),
        ("int 0..", "a / min(n, 1)", &["C019"]),
        ("int 0..", "a / (a + n)", &["C019"]),
        ("int 1..", "a / (a + n)", &[]),
        ("int 1..", "a / (n - 1)", &["C019"]),
        ("int 0..", "a / count(items)", &["C019"]),
        ("int 0..", "a / count(items where k > 2)", &["C019"]),
        ("int 0..", "a / (count(items) + 1)", &[]),
        ("int 1..", "sum(items, k) / n", &[]),
        // Guarded by `if` on the same divisor, however it is written.
        ("int 0..5", "if n - 3 == 0 then 0 else a / (n - 3)", &[]),
        ("int 0..5", "if n - 3 != 0 then a / (n - 3) else 0", &[]),
        (
            "int 0..",
            "if count(items) == 0 then 0 else a / count(items)",
            &[],
        ),
        // A guard on another expression does not count.
        (
            "int 0..5",
            "if n - 2 == 0 then 0 else a / (n - 3)",
            &["C019"],
        ),
        ("int 0..5", "if n == 0 then 0 else a / (n - 3)", &["C019"]),
    ];
    for (ty, expr, want) in cases {
        let compiled = compile(&model(ty, expr));
        // The small models leave inputs unused on purpose: C026 is not what they test.
        let codes: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| *c != "C026")
            .collect();
        assert_eq!(&codes, want, "{ty}: {expr}");
    }
}

#[test]
fn a_divisor_of_zero_at_run_time_is_a_record_error() {
    // (expression, record, error paths, points of U1.1)
    let cases: &[(&str, &str, &[&str], &str)] = &[
        ("a / n", r#"{"a": 10, "n": 2, "items": []}"#, &[], "5"),
        ("a / n", r#"{"a": 10, "n": 0, "items": []}"#, &["/n"], "0"),
        (
            "a / (n - a)",
            r#"{"a": 3, "n": 3, "items": []}"#,
            &["/a"],
            "0",
        ),
        (
            "if n == 0 then 7 else a / n",
            r#"{"a": 10, "n": 0, "items": []}"#,
            &[],
            "7",
        ),
        // A constant divisor of 0 names no field.
        (
            "a / (n - n)",
            r#"{"a": 10, "n": 4, "items": []}"#,
            &["/n"],
            "0",
        ),
        ("a / 0", r#"{"a": 10, "n": 4, "items": []}"#, &[""], "0"),
        // A missing divisor is unknown, not an error.
        ("a / n", r#"{"a": 10, "items": []}"#, &[], "0"),
        // `share` of an empty list keeps its defined value.
        (
            "share(items, k > 2) * 10",
            r#"{"a": 1, "n": 1, "items": []}"#,
            &[],
            "10",
        ),
    ];
    for (expr, record, paths, points) in cases {
        let ty = if expr.contains("n - n") || *expr == "a / 0" {
            "int 0.."
        } else {
            "optional int 0.."
        };
        let compiled = compile(&model(ty, expr));
        let program = compiled.program.as_ref().unwrap();
        let decoded = decode_str(program, record);
        assert!(decoded.errors.is_empty(), "{expr}: {:?}", decoded.errors);
        let ev = evaluate(program, &decoded.values);
        let answer = explain(program, &decoded, &ev, tieuchi_core::Detail::Summary);
        let got: Vec<&str> = answer.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(&got, paths, "{expr} with {record}");
        assert!(answer.errors.iter().all(|e| e.code == "R012"), "{expr}");
        assert!(
            answer
                .errors
                .iter()
                .all(|e| e.message.starts_with("phép chia cho 0 (division by zero)")),
            "{expr}"
        );
        let json = serde_json::to_value(&answer).unwrap();
        assert_eq!(
            json["criteria"][0]["indicators"][0]["points"].to_string(),
            *points,
            "{expr} with {record}"
        );
    }
}
