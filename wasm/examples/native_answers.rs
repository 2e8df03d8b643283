//! The native side of the differential test (wasm/tests/differential.test.mjs): reads one
//! record per line (NDJSON) on standard input and prints one JSON answer per line, computed
//! by `tieuchi-core` directly (not through this crate), compact and in ASCII, as the package
//! writes answers.
//!
//! ```sh
//! cargo run --release -p tieuchi-wasm --example native_answers -- RULES < records.ndjson
//! ```
//!
//! RULES is a rule file; the files it `extends` or `uses` are read relative to it.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tieuchi_core::answer_json::{self, Encoding};
use tieuchi_core::{Detail, compile_file, decode_str, evaluate, explain};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("native_answers: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: native_answers RULES < records.ndjson")?;
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    };
    let source = read(Path::new(&path))?;
    let mut load = |from: &str, rel: &str| {
        let target: PathBuf = Path::new(from).parent().unwrap_or(Path::new("")).join(rel);
        Ok((target.display().to_string(), read(&target)?))
    };
    let compiled = compile_file(&path, &source, &mut load);
    let Some(program) = compiled.program else {
        let errors: Vec<String> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("[{}] {}", d.code, d.message))
            .collect();
        return Err(format!("{path} has errors: {}", errors.join("; ")));
    };
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line.map_err(|e| format!("cannot read standard input: {e}"))?;
        let decoded = decode_str(&program, &line);
        let ev = evaluate(&program, &decoded.values);
        let answer = explain(&program, &decoded, &ev, Detail::Full);
        let mut text = String::with_capacity(8 * 1024);
        answer_json::write_answer(&mut text, &answer, Encoding::Ascii);
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}
