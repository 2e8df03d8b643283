//! `tieuchi check`: every problem in every rule file, and a list of provisional items; with
//! `--format json`, the same problems as the diagnostic objects the playground gets.

use std::path::PathBuf;

use serde_json::{Value as Json, json};
use tieuchi_core::diagnostic_json;
use tieuchi_syntax::{Message, Severity};

use crate::render::{self, say};
use crate::{files, render::lang};

/// Checks the files; false when any has an error.
pub fn run(paths: &[PathBuf], json: bool) -> bool {
    let files = match files::rule_files(paths) {
        Ok(f) => f,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return false;
        }
    };
    let mut ok = true;
    let mut checked = Vec::new();
    let mut reports = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let compiled = match super::compile_path(&path) {
            Ok(c) => c,
            Err(e) => {
                if json {
                    reports.push(json!({"file": name, "ok": false, "error": e.to_string()}));
                } else {
                    errln!("lỗi (error): {e}");
                }
                ok = false;
                continue;
            }
        };
        let count = |s: Severity| {
            compiled
                .diagnostics
                .iter()
                .filter(|d| d.severity == s)
                .count()
        };
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        let notes: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .collect();
        if json {
            reports.push(json!({
                "file": name,
                "ok": errors == 0,
                "errors": errors,
                "warnings": warnings,
                "provisional": notes.len(),
                "diagnostics": diagnostic_json::to_json(&compiled.sources, &compiled.diagnostics, lang()),
            }));
        } else {
            out!(
                "{}",
                render::problems(&compiled.sources, &compiled.diagnostics)
            );
            outln!("{name}: {}", say(&summary(errors, warnings, notes.len())));
            // The first ones with their line (each found by scanning the file), the rest counted.
            for d in notes.iter().take(render::MAX_PRINTED) {
                let (file, at) = compiled.sources.position(d.span);
                outln!("  {file}:{}: {}", at.line, say(&d.message));
            }
            if notes.len() > render::MAX_PRINTED {
                let more = notes.len() - render::MAX_PRINTED;
                outln!("  … và {more} mục tạm khác (and {more} more provisional items)");
            }
        }
        ok &= errors == 0;
        if let Some(p) = compiled.program {
            checked.push((name, p));
        }
    }
    let versions: Vec<(String, &tieuchi_core::Program)> =
        checked.iter().map(|(n, p)| (n.clone(), p)).collect();
    let overlaps = super::versions::overlaps(&versions);
    ok &= overlaps.is_empty();
    if json {
        let versions: Vec<Json> = overlaps.iter().map(|o| o.json()).collect();
        let all = json!({"ok": ok, "files": reports, "versions": versions});
        outln!("{all}");
    } else {
        for problem in &overlaps {
            outln!("{}", problem.human());
        }
    }
    ok
}

/// The verdict on one file: whether it has errors, and how many of each kind.
fn summary(errors: usize, warnings: usize, provisional: usize) -> Message {
    let (vi, en) = if errors > 0 {
        ("CÓ LỖI", "FAILED")
    } else {
        ("đạt", "ok")
    };
    Message::new(
        format!("{vi}: {errors} lỗi, {warnings} cảnh báo, {provisional} mục tạm thời"),
        format!("{en}: {errors} errors, {warnings} warnings, {provisional} provisional"),
    )
}
