//! Every input that ever crashed or stalled a fuzz target (`tests/fuzz-regressions/`, one
//! directory per target) replayed through what the target ran: rule texts through parse,
//! check, the file's own tests and the schema; records through decode, evaluate and explain
//! against every bundled rule file. Each runs on a 1 MiB stack (the browser's) and must
//! finish without panicking; a rule text must say where its problems are.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::path::PathBuf;

use support::root;
use tieuchi_core::testing::run_tests;
use tieuchi_core::{Detail, Program, compile, decode_str, evaluate, explain};

/// WebAssembly's default stack.
const WASM_STACK: usize = 1 << 20;

/// The files of `tests/fuzz-regressions/<target>/`, sorted.
fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fuzz-regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression in {}", dir.display());
    files
}

/// Runs `f` on a thread with a 1 MiB stack; a stack overflow aborts the test binary.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(WASM_STACK)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn rule_texts_that_crashed_give_diagnostics_or_run() {
    for path in regressions("rules") {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let name = path.display().to_string();
        on_small_stack(move || {
            let compiled = compile(&text);
            for d in &compiled.diagnostics {
                assert!(
                    d.span.start <= d.span.end && d.span.end as usize <= text.len(),
                    "{name}: {} outside the file",
                    d.code
                );
            }
            if let Some(program) = &compiled.program {
                let _ = run_tests(program);
                let _ = tieuchi_core::schema::input_schema(program);
            }
        });
    }
}

/// Every bundled rule file, compiled with the files it extends or uses.
fn bundled() -> Vec<(String, Program)> {
    support::bundled_paths()
        .into_iter()
        .map(|path| {
            let program = support::compile_path(&path).program;
            (
                path.display().to_string(),
                program.expect("bundled rules compile"),
            )
        })
        .collect()
}

#[test]
fn records_that_crashed_are_scored_within_bounds() {
    let programs = bundled();
    let records: Vec<String> = regressions("records")
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect();
    on_small_stack(move || {
        for (name, program) in &programs {
            for text in &records {
                let decoded = decode_str(program, text);
                let ev = evaluate(program, &decoded.values);
                let answer = explain(program, &decoded, &ev, Detail::Summary);
                let (total, max) = (answer.total.0, answer.max.0);
                assert!(
                    total >= rust_decimal::Decimal::ZERO && total <= max,
                    "{name}: total {total} outside 0..={max}"
                );
            }
        }
    });
}
