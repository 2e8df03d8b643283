//! `tieuchi test`: runs the tests inside rule files; fails when any test fails.

use std::path::PathBuf;

use tieuchi_core::testing::run_tests;

use crate::files;

/// Runs the tests of every file; false when a file does not check or a test fails.
pub fn run(paths: &[PathBuf]) -> bool {
    let files = match files::rule_files(paths) {
        Ok(f) => f,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return false;
        }
    };
    let (mut passed, mut failed, mut broken) = (0usize, 0usize, 0usize);
    for path in files {
        let name = path.display().to_string();
        let Some((sources, program)) = super::load(&path) else {
            outln!("{name}: does not check; its tests were not run");
            broken += 1;
            continue;
        };
        let results = run_tests(&program);
        let file_failed = results.iter().filter(|r| !r.passed()).count();
        outln!("{name}: {} tests, {file_failed} failed", results.len());
        for r in &results {
            if r.passed() {
                passed += 1;
                continue;
            }
            failed += 1;
            let (file, at) = sources.position(r.span);
            outln!("  FAIL \"{}\" ({file}:{}:{})", r.name, at.line, at.column);
            for (span, msg) in &r.failures {
                let (_, at) = sources.position(*span);
                outln!("    {}:{}: {msg}", at.line, at.column);
            }
        }
    }
    if broken > 0 {
        outln!("{broken} rule files have errors");
    }
    outln!("{passed} passed, {failed} failed");
    failed == 0 && broken == 0
}
