//! Rule files of language features under `tests/language/`: the tests written in them pass.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::tieuchi;

#[test]
fn the_tests_written_in_the_language_rule_files_pass() {
    // (file, tests in it)
    let cases: &[(&str, usize)] = &[("tests/language/conditional.rules", 5)];
    for (file, count) in cases {
        let run = tieuchi(&["test", file]);
        assert!(run.ok, "{file}: {}{}", run.stdout, run.stderr);
        let summary = format!("{count} passed, 0 failed");
        assert!(run.stdout.contains(&summary), "{file}: {}", run.stdout);
    }
}
