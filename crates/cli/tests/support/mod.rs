//! What the CLI tests share: the workspace root, scratch directories, and running the built
//! binary from the root (so that file names in its output read as in the README).
#![allow(dead_code, reason = "each test file uses its own part")]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A fresh empty directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tieuchi-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What a run of the binary gave.
pub struct Run {
    /// Exit code 0.
    pub ok: bool,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `tieuchi ARGS` from the workspace root.
pub fn tieuchi(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `tieuchi ARGS` run from the workspace root, as a golden test keeps it: the command, the
/// exit code, standard output and standard error, without the run's timing line
/// (`thời gian (took) …`), which changes from run to run. Colours are left to the defaults.
pub fn transcript(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .current_dir(root())
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .map_or_else(|| "none".to_string(), |c| c.to_string());
    let stderr: String = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.starts_with("thời gian (took)"))
        .map(|l| format!("{l}\n"))
        .collect();
    format!(
        "$ tieuchi {}\nexit code: {code}\n--- stdout\n{}--- stderr\n{stderr}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
    )
}

/// Diagnostic codes written as string literals such as `"C001"` in `src`, for the letters
/// given (`b"SCN"`, `b"RB"`), sorted and each once.
pub fn codes_in(src: &str, letters: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for w in src.as_bytes().windows(6) {
        if let [b'"', letter, digits @ .., b'"'] = w
            && letters.contains(letter)
            && digits.iter().all(u8::is_ascii_digit)
        {
            let code = [&[*letter][..], digits].concat();
            out.push(String::from_utf8_lossy(&code).into_owned());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
