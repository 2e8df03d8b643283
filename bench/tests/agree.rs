//! The baseline agrees with tieuchi on generated unit records, and every generator writes
//! records that tieuchi accepts with about 80 % recognised (and rejects exactly the damaged
//! lines of `--corrupt`).
#![allow(clippy::unwrap_used, reason = "tests")]

use std::path::{Path, PathBuf};

use serde::Serialize;
use tieuchi_bench::generate::{Generator, MODELS, compile_path};
use tieuchi_bench::rng::Rng;
use tieuchi_bench::tt22;
use tieuchi_core::program::FieldType;
use tieuchi_core::value::Value;
use tieuchi_core::{Answer, Detail, Program, Status, decode_str, evaluate, explain};

fn rules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules")
}

/// A batch NDJSON line as `tieuchi batch --detail summary` writes it.
#[derive(Serialize)]
struct Scored<'a> {
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(flatten)]
    answer: &'a Answer<'a>,
}

/// tieuchi's answer line for a record, or `None` when it rejects the record.
fn tieuchi_line(program: &Program, line: u64, text: &str) -> Option<String> {
    let decoded = decode_str(program, text);
    if !decoded.errors.is_empty() {
        return None;
    }
    let ev = evaluate(program, &decoded.values);
    let answer = explain(program, &decoded, &ev, Detail::Summary);
    let slot = program.fields.iter().position(|f| f.ty == FieldType::Text);
    let id = match slot.and_then(|s| decoded.values.get(s)) {
        Some(Value::Text(t)) => Some(t.as_str()),
        _ => None,
    };
    let mut out = serde_json::to_string(&Scored {
        line,
        id,
        answer: &answer,
    })
    .unwrap();
    out.push('\n');
    Some(out)
}

#[test]
fn baseline_agrees_with_tieuchi_on_unit_records() {
    let program = compile_path(&rules().join("unit/tt22-2020.rules")).unwrap();
    let mut generator = Generator::new(&rules(), "unit-tt22", 7).unwrap();
    let mut damage = Rng::new(99);
    let (mut scored, mut rejected, mut recognized) = (0, 0, 0);
    for line in 1..=2000u64 {
        let corrupt = damage.chance(0.02);
        let text = generator.line(corrupt.then_some(&mut damage));
        let mut ours = Vec::new();
        let accepted = tt22::score_line(&mut ours, line, &text, tt22::Format::Ndjson);
        let theirs = tieuchi_line(&program, line, &text);
        assert_eq!(accepted, theirs.is_some(), "line {line}: {text}");
        assert_eq!(accepted, !corrupt, "line {line}: {text}");
        let Some(theirs) = theirs else {
            rejected += 1;
            continue;
        };
        scored += 1;
        let ours = String::from_utf8(ours).unwrap();
        assert_eq!(ours, theirs, "line {line}: {text}");
        if ours.contains("\"status\":\"recognized\"") {
            recognized += 1;
        }
    }
    assert!(
        scored > 1900 && rejected > 10,
        "{scored} scored, {rejected} rejected"
    );
    assert!(
        recognized > scored / 2,
        "{recognized} of {scored} recognised"
    );
}

#[test]
fn generators_give_accepted_records_mostly_recognised() {
    for (model, file, ..) in MODELS {
        let program = compile_path(&rules().join(file)).unwrap();
        let mut generator = Generator::new(&rules(), model, 3).unwrap();
        let mut damage = Rng::new(5);
        let n = 300;
        let mut recognized = 0;
        for line in 1..=n {
            let corrupt = line % 10 == 0;
            let text = generator.line(corrupt.then_some(&mut damage));
            let decoded = decode_str(&program, &text);
            assert_eq!(
                decoded.errors.is_empty(),
                !corrupt,
                "{model} line {line}: {text}\n{:?}",
                decoded.errors
            );
            if !corrupt && evaluate(&program, &decoded.values).status == Status::Recognized {
                recognized += 1;
            }
        }
        let good = f64::from(recognized) / f64::from(n - n / 10);
        assert!(
            (0.7..=0.9).contains(&good),
            "{model}: {:.0} % recognised",
            good * 100.0
        );
    }
}

#[test]
fn same_seed_same_bytes() {
    let lines = |seed| {
        let mut g = Generator::new(&rules(), "family", seed).unwrap();
        (0..50).map(|_| g.line(None)).collect::<Vec<_>>()
    };
    assert_eq!(lines(11), lines(11));
    assert_ne!(lines(11), lines(12));
}
