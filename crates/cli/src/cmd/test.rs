//! `tieuchi test`: runs the tests inside rule files; fails when any test fails.

use std::path::PathBuf;

use tieuchi_core::testing::run_tests;

use tieuchi_syntax::Message;

use crate::files;
use crate::render::say;

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
            let m = Message::new(
                "có lỗi, chưa chạy các bài kiểm thử của tệp",
                "does not check; its tests were not run",
            );
            outln!("{name}: {}", say(&m));
            broken += 1;
            continue;
        };
        let results = run_tests(&program);
        let file_failed = results.iter().filter(|r| !r.passed()).count();
        let n = results.len();
        let m = Message::new(
            format!("{n} bài kiểm thử, {file_failed} không đạt"),
            format!("{n} tests, {file_failed} failed"),
        );
        outln!("{name}: {}", say(&m));
        for r in &results {
            if r.passed() {
                passed += 1;
                continue;
            }
            failed += 1;
            let (file, at) = sources.position(r.span);
            let fail = say(&Message::new("KHÔNG ĐẠT", "FAIL"));
            outln!("  {fail} \"{}\" ({file}:{}:{})", r.name, at.line, at.column);
            for (span, msg) in &r.failures {
                let (_, at) = sources.position(*span);
                outln!("    {}:{}: {}", at.line, at.column, say(msg));
            }
        }
    }
    if broken > 0 {
        let m = Message::new(
            format!("{broken} tệp quy tắc có lỗi"),
            format!("{broken} rule files have errors"),
        );
        outln!("{}", say(&m));
    }
    let m = Message::new(
        format!("{passed} đạt, {failed} không đạt"),
        format!("{passed} passed, {failed} failed"),
    );
    outln!("{}", say(&m));
    failed == 0 && broken == 0
}
