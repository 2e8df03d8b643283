//! `tieuchi check`: every problem in every rule file, and a list of provisional items.

use std::path::PathBuf;

use tieuchi_syntax::Severity;

use crate::{files, render};

/// Checks the files; false when any has an error.
pub fn run(paths: &[PathBuf]) -> bool {
    let files = match files::rule_files(paths) {
        Ok(f) => f,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return false;
        }
    };
    let mut ok = true;
    let mut checked = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let compiled = match super::compile_path(&path) {
            Ok(c) => c,
            Err(e) => {
                errln!("lỗi (error): {e}");
                ok = false;
                continue;
            }
        };
        out!(
            "{}",
            render::problems(&compiled.sources, &compiled.diagnostics)
        );
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
        let verdict = if errors > 0 { "FAILED" } else { "ok" };
        outln!(
            "{name}: {verdict} ({errors} errors, {warnings} warnings, {} provisional)",
            notes.len()
        );
        // The first ones with their line (each found by scanning the file), the rest counted.
        for d in notes.iter().take(render::MAX_PRINTED) {
            let (file, at) = compiled.sources.position(d.span);
            outln!("  {file}:{}: {}", at.line, d.message);
        }
        if notes.len() > render::MAX_PRINTED {
            let more = notes.len() - render::MAX_PRINTED;
            outln!("  … và {more} mục tạm khác (and {more} more provisional items)");
        }
        ok &= errors == 0;
        if let Some(p) = compiled.program {
            checked.push((name, p));
        }
    }
    let versions: Vec<(String, &tieuchi_core::Program)> =
        checked.iter().map(|(n, p)| (n.clone(), p)).collect();
    for problem in super::versions::overlaps(&versions) {
        outln!("{problem}");
        ok = false;
    }
    ok
}
