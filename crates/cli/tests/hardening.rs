//! Hostile inputs to the command line: very long lines, floods of errors, oversized and
//! overlapping files, too many threads, killed runs. Each must end with a clear error (exit
//! 1), never a crash (101, 134), a hang or a lost file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::process::Command;

use support::{root, s, scratch, tieuchi};

/// The rule file of the check fixtures whose line 16 misspells a name.
const C001: &str = "tests/check/C001.rules";

/// C001 with `pad` put before the misspelt name on its line.
fn padded_c001(pad: &str) -> String {
    let src = std::fs::read_to_string(root().join(C001)).unwrap();
    src.replace(
        "let share_compliant = members_complaint",
        &format!("let share_compliant = {pad}members_complaint"),
    )
}

/// Runs the binary and returns its exit code with its output.
fn code(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_error_far_along_a_long_line_is_reported_not_a_crash() {
    let dir = scratch("long-line");
    // Display columns past 65,535: tabs (four columns each), spaces, and two-byte letters.
    let cases = [
        ("tabs", "\t".repeat(16 * 1024), 16 * 1024 + 25),
        ("spaces", " ".repeat(70_000), 70_000 + 25),
        (
            "letters",
            format!("\"{}\" + ", "đ".repeat(70_000)),
            70_000 + 30,
        ),
    ];
    for (name, pad, column) in cases {
        let file = dir.join(format!("{name}.rules"));
        std::fs::write(&file, padded_c001(&pad)).unwrap();
        let (status, stdout, stderr) = code(&["check", s(&file)]);
        assert_eq!(status, Some(1), "{name}: {stderr}");
        let at = format!("{name}.rules:16:{column}]");
        assert!(
            stdout.contains("C001") && stdout.contains(&at),
            "{name}: {stdout}"
        );
        // The line is shown cut around the name, not whole.
        assert!(stdout.contains("…"), "{name}: {stdout}");
        assert!(stdout.len() < 4000, "{name}: {} bytes", stdout.len());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_flood_of_errors_prints_the_first_hundred_and_counts_them_all() {
    let dir = scratch("flood");
    let src = std::fs::read_to_string(root().join(C001)).unwrap();
    let extra: String = (0..16_000)
        .map(|i| format!("  let extra_{i} = members_complaint\n"))
        .collect();
    let file = dir.join("flood.rules");
    std::fs::write(
        &file,
        src.replace(
            "  let share_compliant",
            &format!("{extra}  let share_compliant"),
        ),
    )
    .unwrap();
    let run = tieuchi(&["check", s(&file)]);
    assert!(!run.ok);
    assert_eq!(run.stdout.matches("unknown name").count(), 100);
    assert!(
        run.stdout
            .contains("… và 15901 lỗi khác (and 15901 more errors)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("FAILED (16001 errors"),
        "{}",
        run.stdout
    );
    // `test` prints the problems of a file that does not check the same way.
    let run = tieuchi(&["test", s(&file)]);
    assert!(!run.ok);
    assert_eq!(run.stderr.matches("unknown name").count(), 100);
    assert!(run.stderr.contains("15901 more errors"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}
