//! What an answer costs beside the evaluation it explains (issue 17): for each bundled model,
//! its example records timed from their JSON text: decoded and evaluated (the items of another
//! model, a clan's families, are scored once, while decoding, and their evaluations kept for
//! the answer), then also explained in summary and in full. Prints microseconds per record
//! (best median of 5 rounds of 31) and the ratios. Only the records written for each file are
//! timed. `cargo bench -p tieuchi-core --bench answer [-- MODEL]`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tieuchi_core::{Detail, Program, RecordCode, compile_file, decode_str, evaluate, explain};

/// (model, rule file, examples folder).
const MODELS: &[(&str, &str, &str)] = &[
    (
        "unit TT 22",
        "rules/unit/tt22-2020.rules",
        "rules/unit/examples",
    ),
    (
        "family",
        "rules/family/qd448-2015.rules",
        "rules/family/examples",
    ),
    ("clan", "rules/clan/qd448-2015.rules", "rules/clan/examples"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn compile(path: &Path) -> Option<Program> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| e.to_string());
    let mut load = |from: &str, rel: &str| {
        let target = Path::new(from).parent().unwrap_or(Path::new(".")).join(rel);
        Ok((target.display().to_string(), read(&target)?))
    };
    let name = path.display().to_string();
    compile_file(&name, &read(path).ok()?, &mut load).program
}

/// Best median over 5 rounds of `f` on every record, in microseconds per record.
fn time(records: usize, mut f: impl FnMut()) -> f64 {
    let mut medians = Vec::new();
    for _ in 0..5 {
        let mut samples: Vec<f64> = (0..31)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1e6 / records as f64
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        medians.extend(samples.get(samples.len() / 2));
    }
    medians.into_iter().fold(f64::INFINITY, f64::min)
}

fn main() {
    // `cargo bench --bench answer -- clan` times the models whose name contains `clan`.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    println!(
        "model      decode+evaluate  +summary   +full   (µs per record; ratios to decode+evaluate)"
    );
    for (name, rules, examples) in MODELS {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let Some(program) = compile(&root().join(rules)) else {
            println!("{name}: {rules} does not compile");
            continue;
        };
        let mut texts: Vec<String> = std::fs::read_dir(root().join(examples))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            // Only the records written for this file (the folder also holds other versions'):
            // a field it does not declare costs a did-you-mean search, not an evaluation.
            .filter(|t| {
                let d = decode_str(&program, t);
                !d.errors.iter().any(|e| e.code == RecordCode::UnknownField)
            })
            .collect();
        texts.sort();
        let n = texts.len().max(1);
        let eval = time(n, || {
            for t in &texts {
                let d = decode_str(&program, t);
                black_box(evaluate(&program, &d.values));
            }
        });
        let with = |detail: Detail| {
            time(n, || {
                for t in &texts {
                    let d = decode_str(&program, t);
                    let ev = evaluate(&program, &d.values);
                    black_box(explain(&program, &d, &ev, detail));
                }
            })
        };
        let (summary, full) = (with(Detail::Summary), with(Detail::Full));
        println!(
            "{name:<12} {eval:>13.1} {summary:>10.1} {full:>7.1}   summary {:.2}×, full {:.2}×",
            summary / eval,
            full / eval
        );
    }
}
