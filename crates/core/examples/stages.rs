//! Times each stage of answering records (decode, evaluate, explain, write), record by record
//! as a batch run does, for profiling:
//! `cargo run --release -p tieuchi-core --example stages -- RULES RECORDS.ndjson [full]`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
use std::time::Instant;
use tieuchi_core::answer_json::{Encoding, write_answer};
use tieuchi_core::{Detail, decode_str, evaluate, explain};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rules = std::fs::read_to_string(&args[1]).unwrap();
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let detail = match args.get(3).map(String::as_str) {
        Some("full") => Detail::Full,
        _ => Detail::Summary,
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // Files named by `extends` or `uses` are read relative to the naming file.
    let mut load = |from: &str, rel: &str| {
        let path = std::path::Path::new(from).parent().unwrap().join(rel);
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        Ok((path.display().to_string(), text))
    };
    let p = tieuchi_core::compile_file(&args[1], &rules, &mut load)
        .program
        .unwrap();
    let mut spent = [0f64; 5];
    let mut out = String::with_capacity(1 << 16);
    let mut bytes = 0;
    for line in &lines {
        let t0 = Instant::now();
        let d = decode_str(&p, line);
        let t1 = Instant::now();
        let ev = evaluate(&p, &d.values);
        let t2 = Instant::now();
        out.clear();
        let answer = explain(&p, &d, &ev, detail);
        let t3 = Instant::now();
        write_answer(&mut out, &answer, Encoding::Utf8);
        bytes += out.len();
        let t4 = Instant::now();
        drop((answer, ev, d));
        let t5 = Instant::now();
        for (s, (a, b)) in spent
            .iter_mut()
            .zip([(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)])
        {
            *s += (b - a).as_secs_f64();
        }
    }
    let n = lines.len() as f64;
    for (name, s) in ["decode", "evaluate", "explain", "write", "drop"]
        .iter()
        .zip(spent)
    {
        println!("{name:9} {:6.3} µs", s * 1e6 / n);
    }
    let sum: f64 = spent.iter().sum();
    println!(
        "all       {:6.3} µs per record ({} records, {bytes} bytes out)",
        sum * 1e6 / n,
        lines.len()
    );
}
