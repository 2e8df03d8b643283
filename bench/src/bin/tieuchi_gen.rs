//! `tieuchi-gen MODEL --records N [--seed S] [--corrupt PCT]`: synthetic NDJSON records.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tieuchi_bench::generate::{Generator, MODELS};
use tieuchi_bench::rng::Rng;

/// Writes N synthetic records of a model as NDJSON to standard output.
#[derive(Parser)]
#[command(name = "tieuchi-gen", version)]
struct Args {
    /// Model: unit-tt22, unit-hanoi, unit-commune, unit-tt24, family, clan, community-tt25,
    /// community-village, citizen.
    #[arg(required_unless_present = "list")]
    model: Option<String>,
    /// Number of records.
    #[arg(long, required_unless_present = "list")]
    records: Option<u64>,
    /// Lists the models and their rule files (tab-separated), then stops.
    #[arg(long)]
    list: bool,
    /// Seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Percentage of lines to damage (bad JSON, wrong type, out of range, unknown field).
    #[arg(long, default_value_t = 0.0)]
    corrupt: f64,
    /// Directory of the rule files.
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.list {
        for (model, file, ..) in MODELS {
            println!("{model}\t{file}");
        }
        return ExitCode::SUCCESS;
    }
    let (Some(model), Some(records)) = (args.model.as_deref(), args.records) else {
        return ExitCode::FAILURE;
    };
    if !(0.0..=100.0).contains(&args.corrupt) {
        eprintln!("lỗi: --corrupt phải từ 0 đến 100 (phần trăm số dòng) / must be 0 to 100");
        return ExitCode::FAILURE;
    }
    let mut generator = match Generator::new(&args.rules, model, args.seed) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("lỗi / error: {e}");
            let names: Vec<&str> = MODELS.iter().map(|m| m.0).collect();
            eprintln!("mô hình / models: {}", names.join(", "));
            return ExitCode::FAILURE;
        }
    };
    // Which lines to damage comes from its own stream: the good lines stay the same.
    let mut damage = Rng::new(args.seed ^ 0xD1CE);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    for _ in 0..records {
        let corrupt = args.corrupt > 0.0 && damage.chance(args.corrupt / 100.0);
        let line = generator.line(corrupt.then_some(&mut damage));
        if out
            .write_all(line.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .is_err()
        {
            // A closed pipe (`| head`): stop quietly.
            return ExitCode::SUCCESS;
        }
    }
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::SUCCESS,
    }
}
