//! `tieuchi fmt`: rewrites files in place, `--check` writes nothing, `-` is a filter, and a
//! file with syntax errors is reported and left as it is.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::{scratch, tieuchi};

const MESSY: &str = "model unit \"Đơn vị\" {   max 100 points # tối đa\n  let a =  (1 +2)\n}\n";
const TIDY: &str = "model unit \"Đơn vị\" {\n  max 100 points # tối đa\n  let a = 1 + 2\n}\n";
const BROKEN: &str = "model unit \"x\" {\n  max 100 pointz\n}\n";

#[test]
fn check_lists_files_writes_nothing_then_fmt_rewrites_only_what_changes() {
    let dir = scratch("fmt");
    let messy = dir.join("a.rules");
    let tidy = dir.join("b.rules");
    std::fs::write(&messy, MESSY).unwrap();
    std::fs::write(&tidy, TIDY).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&messy, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let d = dir.to_str().unwrap();

    let check = tieuchi(&["fmt", "--check", d]);
    assert!(!check.ok, "{}", check.stdout);
    assert!(
        check.stdout.contains(&format!(
            "cần định dạng lại (would reformat): {}",
            messy.display()
        )),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("b.rules"), "{}", check.stdout);
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), MESSY);

    let run = tieuchi(&["fmt", d]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains(&format!("đã định dạng (formatted): {}", messy.display())),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), TIDY);
    assert_eq!(std::fs::read_to_string(&tidy).unwrap(), TIDY);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&messy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // No temporary file is left beside them.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    let again = tieuchi(&["fmt", "--check", d]);
    assert!(again.ok, "{}", again.stdout);
}

#[test]
fn a_file_with_syntax_errors_is_left_untouched_and_the_others_are_formatted() {
    let dir = scratch("fmt-broken");
    let broken = dir.join("broken.rules");
    let messy = dir.join("messy.rules");
    std::fs::write(&broken, BROKEN).unwrap();
    std::fs::write(&messy, MESSY).unwrap();
    let run = tieuchi(&["fmt", dir.to_str().unwrap()]);
    assert!(!run.ok);
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), BROKEN);
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), TIDY);
    assert!(
        run.stderr.contains(&format!("{}:2:11", broken.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("không định dạng (not formatted)"),
        "{}",
        run.stderr
    );
}

#[test]
fn dash_formats_standard_input_to_standard_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(MESSY.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), TIDY);
}

#[test]
fn a_missing_path_is_an_error_and_the_other_paths_are_still_done() {
    let dir = scratch("fmt-missing");
    let messy = dir.join("a.rules");
    std::fs::write(&messy, MESSY).unwrap();
    let run = tieuchi(&["fmt", "khong-co/x.rules", messy.to_str().unwrap()]);
    assert!(!run.ok);
    assert!(run.stderr.contains("khong-co/x.rules"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), TIDY);
}

#[test]
fn lang_converts_keywords_and_without_it_a_file_keeps_its_language() {
    let dir = scratch("fmt-lang");
    let file = dir.join("a.rules");
    std::fs::write(&file, TIDY).unwrap();
    let f = file.to_str().unwrap();
    let vi = "mô hình unit \"Đơn vị\" {\n  tối đa 100 điểm # tối đa\n  đặt a = 1 + 2\n}\n";

    let run = tieuchi(&["fmt", "--lang", "vi", f]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), vi);
    // Without `--lang` the Vietnamese keywords stay: the file is already formatted.
    assert!(tieuchi(&["fmt", "--check", f]).ok);
    // A stray English keyword goes into the file's language.
    std::fs::write(&file, vi.replace("đặt a", "let a")).unwrap();
    assert!(tieuchi(&["fmt", f]).ok);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), vi);

    let run = tieuchi(&["--lang", "en", "fmt", f]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), TIDY);
    // `--check --lang vi` says the English file would change, and writes nothing.
    assert!(!tieuchi(&["fmt", "--check", "--lang", "vi", f]).ok);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), TIDY);
}
