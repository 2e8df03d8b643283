//! `if … then … else …` (issue 12): type checking of the branches, long `else if` chains
//! within the expression depth limit, and three-valued evaluation of an unknown condition.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use tieuchi_core::compile;
use tieuchi_core::testing::run_tests;

/// A small model awarding `value` (a number from 0 to 100) with the given extra inputs.
fn model(value: &str, tests: &str) -> String {
    format!(
        r#"model unit "Đơn vị" {{
  version "v1"
  source "TT 22"
  max 100 points
  input {{
    a: optional bool "A"
    b: optional bool "B"
    n: optional int 0..1000 "N"
    kind: optional one of {{ small "nhỏ", large "lớn" }} "Loại"
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
{tests}
}}
"#
    )
}

/// The small models here leave inputs unused on purpose: C026 is not what they test.
const UNUSED: &str = "C026";

fn codes(src: &str) -> Vec<&'static str> {
    compile(src)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| *c != UNUSED)
        .collect()
}

#[test]
fn branches_are_checked() {
    // (expression, codes)
    let cases: &[(&str, &[&str])] = &[
        ("if a then 10 else 20", &[]),
        ("if a then 10 else 20.5", &[]),
        ("if n > 3 then n else 0", &[]),
        (
            "if kind == small then 10 else if kind == large then 20 else 30",
            &[],
        ),
        // A yes/no value where a number is chosen: C002 on the branch.
        ("if a then 10 else true", &["C002"]),
        ("if a then 10 else if b then \"x\" else 30", &["C002"]),
        // A number as the condition.
        ("if n then 10 else 20", &["C002"]),
        // An enumeration value in a later branch is read against the first branch's type.
        ("(if a then kind else small) == large", &["C002"]),
    ];
    for (expr, want) in cases {
        assert_eq!(&codes(&model(expr, "")), want, "{expr}");
    }
    // `then` and `else` are required: a syntax error at the `let` (the award that reads the
    // broken `let` may be reported after it).
    for expr in [
        "if a then 10",
        "if a 10 else 20",
        "if a then else 20",
        "if then 1 else 2",
    ] {
        assert_eq!(codes(&model(expr, "")).first(), Some(&"S001"), "{expr}");
    }
}

#[test]
fn an_enumeration_value_is_chosen() {
    // A bare enumeration value takes its type from a branch that names a field.
    for expr in [
        "if (if a then kind else small) == small then 70 else 10",
        "if (if a then small else kind) == small then 70 else 10",
        "if (if a then small else if b then kind else large) == small then 70 else 10",
    ] {
        assert_eq!(codes(&model(expr, "")), Vec::<&str>::new(), "{expr}");
    }
}

#[test]
fn a_long_else_if_chain_is_flat() {
    // One `else if` per value of n: each branch does not deepen the expression, so a chain
    // far longer than the depth limit (40) is read.
    for branches in [30, 200] {
        let mut chain = String::new();
        for k in 0..branches {
            chain.push_str(&format!("if n == {k} then {} else ", k % 100));
        }
        chain.push('0');
        let tests = format!(
            "test \"t\" {{ input {{ n: {} }} expect total {} }}",
            branches - 1,
            (branches - 1) % 100
        );
        let compiled = compile(&model(&chain, &tests));
        let codes: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| *c != UNUSED)
            .collect();
        assert_eq!(codes, Vec::<&str>::new(), "{branches} branches");
        let failed: Vec<String> = run_tests(compiled.program.as_ref().unwrap())
            .iter()
            .filter(|r| !r.passed())
            .map(|r| format!("{r:?}"))
            .collect();
        assert_eq!(failed, Vec::<String>::new(), "{branches} branches");
    }
}

#[test]
fn an_unknown_condition_is_unknown_unless_the_choices_agree() {
    // (expression, input, expected points or `unknown`)
    let cases: &[(&str, &str, &str)] = &[
        ("if a then 60 else 20", "a: true", "60"),
        ("if a then 60 else 20", "a: false", "20"),
        ("if a then 60 else 20", "a: missing", "unknown"),
        // Both values known and equal: known.
        ("if a then 60 else 60", "a: missing", "60"),
        ("if a then 60 else 60.0", "a: missing", "60"),
        // A value that reads the missing input stays unknown.
        ("if a then n else n", "a: missing n: missing", "unknown"),
        // A decided earlier branch wins before an unknown later condition.
        (
            "if b then 70 else if a then 60 else 20",
            "b: true a: missing",
            "70",
        ),
        (
            "if b then 70 else if a then 60 else 20",
            "b: false a: missing",
            "unknown",
        ),
        (
            "if b then 70 else if a then 60 else 60",
            "b: false a: missing",
            "60",
        ),
        // An unknown first condition: every remaining value must agree.
        (
            "if a then 60 else if b then 60 else 20",
            "a: missing b: true",
            "unknown",
        ),
        // Guarding a division.
        ("if n == 0 then 100 else 100 / n", "n: 0", "100"),
        ("if n == 0 then 100 else 100 / n", "n: 4", "25"),
    ];
    for (expr, input, want) in cases {
        let expect = if *want == "unknown" {
            "expect U1.1 unknown".to_string()
        } else {
            format!("expect U1.1 {want}")
        };
        let tests = format!("test \"t\" {{ input {{ {input} }} {expect} }}");
        let compiled = compile(&model(expr, &tests));
        let codes: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| *c != UNUSED)
            .collect();
        assert_eq!(codes, Vec::<&str>::new(), "{expr}");
        let failed: Vec<String> = run_tests(compiled.program.as_ref().unwrap())
            .iter()
            .filter(|r| !r.passed())
            .map(|r| format!("{r:?}"))
            .collect();
        assert_eq!(failed, Vec::<String>::new(), "{expr} with {input}");
    }
}

#[test]
fn ifs_nested_to_the_depth_limit_run_on_a_small_stack() {
    // `if` inside the `then` and `else` values and the condition, as deep as the parser
    // allows; past it, the depth error S007 and no crash. WebAssembly's stack is 1 MiB.
    let results = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let mut out = Vec::new();
            for depth in [10, 38, 41] {
                let mut e = "n".to_string();
                for _ in 0..depth {
                    // The inner expression once per level (twice would double the text each time).
                    e = format!("if (if a then true else b) then {e} else (if b then 1 else 2)");
                }
                let tests = "test \"t\" { input { a: true b: false n: 7 } expect U1.1 7 }";
                let compiled = compile(&model(&e, tests));
                let codes: Vec<_> = compiled
                    .diagnostics
                    .iter()
                    .map(|d| d.code)
                    .filter(|c| *c != UNUSED)
                    .collect();
                let failed = compiled
                    .program
                    .as_ref()
                    .map(|p| run_tests(p).iter().filter(|r| !r.passed()).count());
                out.push((depth, codes, failed));
            }
            out
        })
        .unwrap()
        .join()
        .unwrap();
    for (depth, codes, failed) in results {
        if depth < 40 {
            assert_eq!(codes, Vec::<&str>::new(), "depth {depth}");
            assert_eq!(failed, Some(0), "depth {depth}");
        } else {
            assert_eq!(codes.first(), Some(&"S007"), "depth {depth}: {codes:?}");
        }
    }
}
