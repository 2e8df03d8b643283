//! Hostile rule files (issue 13): deep nesting, numbers near the decimal limit, long `from`
//! chains, shared `uses` targets, many diagnostics, long names. Each must give diagnostics in
//! linear time, on a stack as small as the browser's (1 MiB), without panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::cell::Cell;
use std::collections::HashMap;

use tieuchi_core::limits;
use tieuchi_core::testing::run_tests;
use tieuchi_core::{compile, compile_file};

/// WebAssembly's default stack.
const WASM_STACK: usize = 1 << 20;

/// Runs `f` on a thread with a 1 MiB stack; a stack overflow aborts the test binary.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .stack_size(WASM_STACK)
        .spawn(f)
        .unwrap();
    handle.join().unwrap()
}

/// A small valid model; `input`, `extra` (statements after the criteria) and `tests` are
/// pasted into it.
fn model(input: &str, extra: &str, tests: &str) -> String {
    format!(
        r#"model unit "Đơn vị" {{
  version "v1"
  source "TT 22"
  max 100 points
  input {{
    a: bool "A"
    n: int 0..1000 "N"
{input}
  }}
  criterion U1 "Một" 100 points {{
    source "TT 22, 1"
    indicator U1.1 "Một một" 100 points {{
      source "TT 22, 1.1"
      award whole when a
    }}
  }}
{extra}
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
fn the_base_model_compiles() {
    assert_eq!(codes(&model("", "", "")), Vec::<&str>::new());
}

/// Nested inputs far past every limit: a diagnostic, never a stack overflow.
#[test]
fn deep_nesting_is_an_error_on_a_small_stack() {
    let n = 12_000;
    let cases: Vec<(&str, String)> = vec![
        (
            "test list",
            model(
                "",
                "",
                &format!(
                    "test \"t\" {{ input {{ a: {}{} }} expect status recognized }}",
                    "[".repeat(n),
                    "]".repeat(n)
                ),
            ),
        ),
        (
            "test record",
            model(
                "",
                "",
                &format!(
                    "test \"t\" {{ input {{ a: {}1{} }} expect status recognized }}",
                    "{ b: ".repeat(n),
                    " }".repeat(n)
                ),
            ),
        ),
        (
            "record type",
            model(
                &format!(
                    "q: {}int{}",
                    "list of { q: ".repeat(3_400),
                    " }".repeat(3_400)
                ),
                "",
                "",
            ),
        ),
        (
            "list type",
            model(&format!("q: {}int", "list of ".repeat(7_700)), "", ""),
        ),
        (
            "record type just too deep",
            model(
                &format!(
                    "q: {}int{}",
                    "list of { q: ".repeat(limits::MAX_NESTING),
                    " }".repeat(limits::MAX_NESTING)
                ),
                "",
                "",
            ),
        ),
        (
            "parentheses",
            model(
                "",
                &format!("let x = {}1{}", "(".repeat(n), ")".repeat(n)),
                "",
            ),
        ),
        (
            "not",
            model("", &format!("let x = {}a", "not ".repeat(n)), ""),
        ),
        (
            "minus",
            model("", &format!("let x = {}1", "- ".repeat(n)), ""),
        ),
    ];
    for (what, src) in cases {
        eprintln!("case {what}");
        let found = on_small_stack(move || codes(&src));
        assert!(
            found.contains(&"S007"),
            "{what}: expected S007 (too deep), found {found:?}"
        );
    }
}

/// The deepest nesting allowed compiles and its tests run on a 1 MiB stack.
#[test]
fn the_deepest_allowed_nesting_fits_a_small_stack() {
    let d = limits::MAX_NESTING;
    // `d` levels: the field's own type is one, each `list of` adds one.
    let record_type = format!(
        "q: optional {}int{}",
        "list of { q: ".repeat(d - 1),
        " }".repeat(d - 1)
    );
    // `d - 1` levels: each `[` and each `{` is one.
    let k = (d - 1) / 2;
    let record_value = format!("{}[]{}", "[{ q: ".repeat(k), " }]".repeat(k));
    let e = limits::MAX_EXPR_DEPTH - 1;
    let expr = format!("{}a{}", "(".repeat(e), ")".repeat(e));
    let src = model(
        &record_type,
        &format!("let x = {expr}"),
        &format!(
            "test \"t\" {{ input {{ a: true n: 1 q: {record_value} }} expect status recognized }}"
        ),
    );
    let (found, failed) = on_small_stack(move || {
        let compiled = compile(&src);
        let found: Vec<String> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.code != UNUSED)
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        let failed = compiled.program.as_ref().map(|p| {
            run_tests(p)
                .iter()
                .filter(|r| !r.passed())
                .map(|r| format!("{r:?}"))
                .collect::<Vec<_>>()
        });
        (found, failed)
    });
    assert_eq!(found, Vec::<String>::new());
    assert_eq!(failed, Some(Vec::new()));
    // A list of lists is refused by the checker, but read first: as deep as allowed, it is
    // no syntax error.
    let src = model(&format!("l: {}int", "list of ".repeat(d - 1)), "", "");
    let found = on_small_stack(move || codes(&src));
    assert_eq!(found, vec!["C011"]);
}

/// Points whose sums pass the decimal limit (about 7.9×10²⁸): C018, not a panic.
#[test]
fn points_past_the_decimal_limit_are_c018() {
    let big = "50000000000000000000000000000";
    let criterion = |id: &str, points: &str, indicators: &str| {
        format!("criterion {id} \"C\" {points} points {{\n source \"s\"\n{indicators}\n}}\n")
    };
    let indicator = |id: &str, points: &str| {
        format!(
            "indicator {id} \"I\" {points} points {{\n source \"s\"\n award whole when a\n }}\n"
        )
    };
    let wrap = |max: &str, criteria: &str| {
        format!(
            "model unit \"U\" {{\n version \"v\"\n source \"s\"\n max {max} points\n input {{ a: bool }}\n{criteria}\n recognized when total >= 1\n}}\n"
        )
    };
    let cases = [
        (
            "criteria",
            wrap(
                big,
                &format!(
                    "{}{}",
                    criterion("A", big, &indicator("A.1", big)),
                    criterion("B", big, &indicator("B.1", big))
                ),
            ),
        ),
        (
            "indicators",
            wrap(
                big,
                &criterion(
                    "A",
                    big,
                    &format!("{}{}", indicator("A.1", big), indicator("A.2", big)),
                ),
            ),
        ),
    ];
    for (what, src) in cases {
        let found = codes(&src);
        assert!(found.contains(&"C018"), "{what}: {found:?}");
    }
    // Just below the limit is fine.
    let half = "39614081257132168796771975167";
    let src = wrap(
        "79228162514264337593543950334",
        &format!(
            "{}{}",
            criterion("A", half, &indicator("A.1", half)),
            criterion("B", half, &indicator("B.1", half))
        ),
    );
    assert_eq!(codes(&src), Vec::<&str>::new());
}

/// 10,000 tests chained with `from`, each adding a field: every record is built once. The
/// work is counted as the diagnostics of a field unknown in the first test: reported once,
/// where it is written (the old code built each record from its whole chain: cubic time,
/// and the diagnostic once per test of the chain).
#[test]
fn chained_tests_are_built_once() {
    let n = 10_000;
    let mut tests =
        String::from("test \"t0\" { input { a: true zz: 1 } expect status recognized }\n");
    for i in 1..n {
        tests.push_str(&format!(
            "test \"t{i}\" from \"t{}\" {{ input {{ n: {i} }} expect status recognized }}\n",
            i - 1
        ));
    }
    let start = std::time::Instant::now();
    let compiled = compile(&model("", "", &tests));
    let unknown: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.code == "C001")
        .collect();
    assert_eq!(unknown.len(), 1, "{:?}", compiled.diagnostics.first());
    assert_eq!(compiled.diagnostics.len(), 1);
    // Generous: linear work takes well under a second even in a debug build.
    assert!(start.elapsed().as_secs() < 60);
}

/// Loops and broken links in `from` chains: each reported once, at the test that has it.
#[test]
fn from_loops_and_missing_tests_are_reported_once() {
    let tests = r#"
test "a" from "b" { input { a: true } expect status recognized }
test "b" from "a" { input { a: true } expect status recognized }
test "c" from "a" { input { a: true } expect status recognized }
test "d" from "x" { input { a: true } expect status recognized }
test "e" from "d" { input { a: true } expect status recognized }
test "f" from "e" { input { a: true } expect status recognized }
"#;
    let compiled = compile(&model("", "", tests));
    let found: Vec<(&str, String)> = compiled
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.en.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "C014",
                "test \"a\" starts from itself through `from`: \"a\" → \"b\" → \"a\"".to_string()
            ),
            (
                "C014",
                "test \"b\" starts from itself through `from`: \"b\" → \"a\" → \"b\"".to_string()
            ),
            ("C001", "unknown test `x`".to_string()),
        ]
    );
}

/// A diamond of `uses` 30 files deep (each file uses the next one twice, under two names):
/// each file is compiled once, so loads grow with the number of `uses` lines, not 2³⁰.
#[test]
fn a_diamond_of_uses_is_compiled_once_per_file() {
    let depth = 30;
    let file = |i: usize| {
        let uses = if i + 1 < depth {
            format!(
                "uses left \"f{0}.rules\"\n uses right \"f{0}.rules\"\n",
                i + 1
            )
        } else {
            String::new()
        };
        let lists = if i + 1 < depth {
            "l: optional list of left\n r: optional list of right\n"
        } else {
            ""
        };
        format!(
            "model unit \"U{i}\" {{\n version \"v\"\n source \"s\"\n max 10 points\n {uses} input {{ a: bool\n {lists} }}\n criterion A \"C\" 10 points {{\n source \"s\"\n indicator A.1 \"I\" 10 points {{\n source \"s\"\n award whole when a\n }}\n }}\n recognized when total >= 1\n}}\n"
        )
    };
    let files: HashMap<String, String> = (0..depth)
        .map(|i| (format!("f{i}.rules"), file(i)))
        .collect();
    let loads = Cell::new(0usize);
    let mut load = |_: &str, path: &str| {
        loads.set(loads.get() + 1);
        files
            .get(path)
            .map(|text| (path.to_string(), text.clone()))
            .ok_or_else(|| format!("no file `{path}`"))
    };
    let compiled = compile_file("f0.rules", &file(0), &mut load);
    assert_eq!(
        compiled
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| *c != UNUSED)
            .collect::<Vec<_>>(),
        Vec::<&str>::new()
    );
    assert!(compiled.program.is_some());
    assert!(loads.get() <= 2 * depth, "{} loads", loads.get());
}

/// A `uses` loop through a file reached twice is still refused.
#[test]
fn a_uses_loop_through_a_shared_file_is_refused() {
    let file = |name: &str, uses: &[&str]| {
        let lines: String = uses
            .iter()
            .map(|u| format!("uses m{u} \"{u}\"\n"))
            .collect();
        format!(
            "model unit \"{name}\" {{\n version \"v\"\n source \"s\"\n max 10 points\n {lines} input {{ a: bool }}\n criterion A \"C\" 10 points {{\n source \"s\"\n indicator A.1 \"I\" 10 points {{\n source \"s\"\n award whole when a\n }}\n }}\n recognized when total >= 1\n}}\n"
        )
    };
    let files: HashMap<&str, String> =
        HashMap::from([("b", file("b", &["c"])), ("c", file("c", &["b"]))]);
    let mut load = |_: &str, path: &str| {
        files
            .get(path)
            .map(|text| (path.to_string(), text.clone()))
            .ok_or_else(|| format!("no file `{path}`"))
    };
    let compiled = compile_file("a", &file("a", &["b", "c"]), &mut load);
    let found: Vec<&str> = compiled.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, vec!["C015", "C015"]);
}

/// 16,000 syntax errors: each found, and placed (line and column) in linear time.
#[test]
fn many_diagnostics_are_placed_in_linear_time() {
    let n = 16_000;
    let bad: String = (0..n).map(|i| format!("  let x{i} = )\n")).collect();
    let src = model("", &bad, "");
    let start = std::time::Instant::now();
    let compiled = compile(&src);
    assert_eq!(compiled.diagnostics.len(), n);
    let places: Vec<_> = compiled
        .diagnostics
        .iter()
        .map(|d| compiled.sources.position(d.span).1)
        .collect();
    let last = places.last().unwrap();
    assert_eq!(last.column, 16);
    // Generous: quadratic placing took 13 s in a release build.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// Unknown names hundreds of kilobytes long get no suggestion, and cost little.
#[test]
fn suggestions_skip_very_long_names() {
    let long = "x".repeat(160_000);
    let near = format!("{long}y");
    let src = model("", &format!("let {long} = a\nlet z = {near}"), "");
    let start = std::time::Instant::now();
    let compiled = compile(&src);
    let d = compiled.diagnostics.first().unwrap();
    assert_eq!(d.code, "C001");
    assert!(
        d.help
            .as_ref()
            .is_some_and(|h| !h.en.contains("did you mean"))
    );
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    // Short names still get one.
    assert_eq!(
        tieuchi_core::suggest::suggest("membrs", ["members", "age"].into_iter()),
        Some("members".to_string())
    );
}

/// A rule file over the size limit: one S008, read no further.
#[test]
fn a_rule_file_over_the_limit_is_s008() {
    let mut src = model("", "", "");
    src.push_str(&"#".repeat(limits::MAX_RULE_FILE_BYTES));
    assert_eq!(codes(&src), vec!["S008"]);
}

/// A repeated key replaces the earlier value and its problems, wherever it is.
#[test]
fn repeated_keys_keep_the_last_value_and_its_problems() {
    let src = model("p: optional list of { b: bool c: int 0..9 }", "", "");
    let program = compile(&src).program.unwrap();
    let cases: &[(&str, &[(&str, &str)])] = &[
        (r#"{"a": "x", "a": true, "n": 1}"#, &[]),
        (r#"{"a": true, "a": "x", "n": 1}"#, &[("R005", "/a")]),
        (
            r#"{"a": "x", "zz": 1, "a": true, "n": "y", "n": 2}"#,
            &[("R003", "/zz")],
        ),
        (r#"{"a": "x", "a": "y", "n": 1}"#, &[("R005", "/a")]),
        (
            r#"{"a": true, "a": null}"#,
            &[("R005", "/a"), ("R004", "/n")],
        ),
        (
            r#"{"a": true, "n": 1, "p": [{"b": 1, "c": 99, "b": true}], "p": [{"b": true, "c": 99}]}"#,
            &[("R006", "/p/0/c")],
        ),
        (
            r#"{"a": true, "n": 1, "p": [{"b": 1, "c": 99, "c": 1, "b": "no", "q": 0}]}"#,
            &[("R005", "/p/0/b"), ("R003", "/p/0/q")],
        ),
    ];
    for (record, want) in cases {
        let decoded = tieuchi_core::decode_str(&program, record);
        let found: Vec<(&str, &str)> = decoded
            .errors
            .iter()
            .map(|e| (e.code.code(), e.path.as_str()))
            .collect();
        let mut found_sorted = found.clone();
        found_sorted.sort_unstable();
        let mut want_sorted = want.to_vec();
        want_sorted.sort_unstable();
        assert_eq!(found_sorted, want_sorted, "{record}: {:?}", decoded.errors);
    }
}

/// A 2 MB record of repeated invalid keys and unknown keys: read in linear time.
#[test]
fn repeated_and_unknown_keys_are_linear() {
    let program = compile(&model("", "", "")).program.unwrap();
    let n = 100_000;
    let mut record = String::from("{");
    for i in 0..n {
        record.push_str(&format!("\"a\": \"x\", \"u{i}\": 1, "));
    }
    record.push_str("\"n\": 1}");
    let start = std::time::Instant::now();
    let decoded = tieuchi_core::decode_str(&program, &record);
    assert_eq!(decoded.errors.len(), n + 1);
    assert_eq!(
        decoded.errors.iter().filter(|e| e.code == "R005").count(),
        1
    );
    // Generous: quadratic took 10 s in a release build.
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

/// Deeply nested JSON in a record (an unknown key, a field of the wrong shape, past
/// serde_json's own limit of 128): an error for the record, on a 1 MiB stack.
#[test]
fn deep_json_records_are_errors_on_a_small_stack() {
    let program = compile(&model("p: optional list of { b: bool }", "", ""))
        .program
        .unwrap();
    for (what, n) in [
        ("unknown", 120),
        ("p", 120),
        ("unknown", 12_000),
        ("p", 12_000),
    ] {
        let record = format!(
            "{{\"a\": true, \"n\": 1, \"{what}\": {}true{}}}",
            "[{\"b\": ".repeat(n),
            "}]".repeat(n)
        );
        let program = program.clone();
        let codes = on_small_stack(move || {
            let decoded = tieuchi_core::decode_str(&program, &record);
            decoded.errors.iter().map(|e| e.code).collect::<Vec<_>>()
        });
        assert!(!codes.is_empty(), "{what}, {n} levels");
    }
}
