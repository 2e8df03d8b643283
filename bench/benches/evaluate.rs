//! Evaluation alone, in records per second on one core (issue 17 asks for 5 million): generated
//! records are decoded first, then only `evaluate` is timed, for the unit TT 22/2020 model (and
//! the hand-written baseline's `score` of the same records, for scale) and for the family model.
//! Prints the best of 5 rounds. `cargo bench -p tieuchi-bench --bench evaluate`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tieuchi_bench::generate::{Generator, MODELS, compile_path};
use tieuchi_bench::tt22;
use tieuchi_core::{decode_str, evaluate};

/// Records generated per model.
const RECORDS: usize = 100_000;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The best of 5 rounds of `f` over `n` records, in records per second.
fn rate(n: usize, mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            f();
            n as f64 / start.elapsed().as_secs_f64()
        })
        .fold(0.0, f64::max)
}

fn main() {
    println!("model          evaluate (records/s, one core)");
    for model in ["unit-tt22", "family"] {
        let Some((_, file, ..)) = MODELS.iter().find(|m| m.0 == model) else {
            continue;
        };
        let (program, mut generator) = match (
            compile_path(&root().join("rules").join(file)),
            Generator::new(&root().join("rules"), model, 1),
        ) {
            (Ok(p), Ok(g)) => (p, g),
            (Err(e), _) | (_, Err(e)) => {
                println!("{model}: {e}");
                continue;
            }
        };
        let lines: Vec<String> = (0..RECORDS).map(|_| generator.line(None)).collect();
        let decoded: Vec<_> = lines
            .iter()
            .map(|l| decode_str(&program, l).values)
            .collect();
        let ours = rate(decoded.len(), || {
            for values in &decoded {
                black_box(evaluate(&program, values));
            }
        });
        print!("{model:<14} {:>12.0}", ours);
        if model == "unit-tt22" {
            let units: Vec<_> = lines.iter().filter_map(|l| tt22::decode(l)).collect();
            let theirs = rate(units.len(), || {
                for u in &units {
                    black_box(tt22::score(u));
                }
            });
            print!(
                "   hand-written points only: {theirs:.0} ({:.3}× of it)",
                ours / theirs
            );
        }
        println!();
    }
}
