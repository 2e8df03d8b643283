//! Times each stage of answering one record (decode, evaluate, explain, write), for profiling:
//! `cargo run --release -p tieuchi-core --example stages -- RULES RECORD.json [N]`; `STAGE=name` runs one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
use std::time::Instant;
use tieuchi_core::{Detail, decode_str, evaluate, explain};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rules = std::fs::read_to_string(&args[1]).unwrap();
    let record = std::fs::read_to_string(&args[2]).unwrap();
    let record =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&record).unwrap())
            .unwrap();
    let n: usize = args.get(3).map_or(200_000, |s| s.parse().unwrap());
    let compiled = tieuchi_core::compile(&rules);
    let p = compiled.program.unwrap();
    let only = std::env::var("STAGE").ok();
    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        if only.as_deref().is_some_and(|o| o != name) {
            return;
        }
        let t = Instant::now();
        let mut s = 0;
        for _ in 0..n {
            s += f();
        }
        println!(
            "{name:30} {:8.3} µs  ({s})",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    };
    let d = decode_str(&p, &record);
    let ev = evaluate(&p, &d.values);
    time("decode", &mut || decode_str(&p, &record).values.len());
    time("evaluate", &mut || evaluate(&p, &d.values).indicators.len());
    time("explain full", &mut || {
        explain(&p, &d, &ev, Detail::Full).criteria.len()
    });
    time("explain summary", &mut || {
        explain(&p, &d, &ev, Detail::Summary).criteria.len()
    });
    let a = explain(&p, &d, &ev, Detail::Full);
    time("serialize full", &mut || {
        tieuchi_core::json::answer_text(&a, tieuchi_core::json::Encoding::Utf8).len()
    });
    let a = explain(&p, &d, &ev, Detail::Summary);
    time("serialize summary", &mut || {
        tieuchi_core::json::answer_text(&a, tieuchi_core::json::Encoding::Utf8).len()
    });
    time("all full", &mut || {
        let d = decode_str(&p, &record);
        let ev = evaluate(&p, &d.values);
        serde_json::to_string(&explain(&p, &d, &ev, Detail::Full))
            .unwrap()
            .len()
    });
}
