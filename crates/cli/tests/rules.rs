//! The bundled rule files check cleanly and pass the tests written inside them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::process::Command;

fn tieuchi(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run tieuchi");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn bundled_rules_check_cleanly() {
    let (ok, out) = tieuchi(&["check", "rules/"]);
    assert!(ok, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn bundled_rule_tests_pass() {
    let (ok, out) = tieuchi(&["test", "rules/"]);
    assert!(ok, "{out}");
    assert!(out.contains(" 0 failed"), "{out}");
}
