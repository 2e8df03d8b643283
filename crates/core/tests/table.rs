//! Table-driven evaluation cases: every `tests/eval/*.csv` at the workspace root, one case
//! per row, written by rule authors without Rust.
//!
//! File name to rule file: `<model>-<version>[-anything].csv` is checked against the one file
//! `rules/<model>/<version>*.rules`; `unit-tt22.csv` → `rules/unit/tt22-2020.rules`.
//!
//! Columns: `case` (a name shown on failure); the model's input fields, typed by their
//! declaration (an empty cell leaves the field out); `expect_status`; `expect_tier` (a label,
//! its English label, or `-` for no tier); `expect_total`; `expect_<criterion or indicator id>`
//! (points, or an indicator outcome such as `met`); `expect_errors` (JSON paths the record is
//! rejected at, separated by spaces; when empty, the record must decode cleanly apart from
//! the fields left out). Empty `expect_` cells are not checked. Lines starting with `#` are
//! comments. Every failing row is reported by its line number with expected and actual values.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};
use tieuchi_core::program::FieldType;
use tieuchi_core::{Program, compile, decode_value, evaluate};

/// A decimal as written in the tables (`84.99`).
fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The rule file a table is written for, by the naming rule above.
fn rule_file_for(root: &Path, csv: &Path) -> Result<PathBuf, String> {
    let stem = csv.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let Some((model, rest)) = stem.split_once('-') else {
        return Err(format!(
            "cannot tell the model from the name `{stem}.csv`: name it `<model>-<version>.csv`"
        ));
    };
    let version = rest.split('-').next().unwrap_or(rest);
    let dir = root.join("rules").join(model);
    let mut matches: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("no rule directory {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "rules")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(version))
        })
        .collect();
    matches.sort();
    match matches.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "no rule file {}/{version}*.rules for `{stem}.csv`",
            dir.display()
        )),
        many => Err(format!(
            "`{stem}.csv` matches several rule files: {many:?}; use a longer version prefix"
        )),
    }
}

/// A cell as the JSON value of a field of type `ty` (text that does not fit stays text, so
/// the decoder reports it like any other wrong value).
fn typed(ty: &FieldType, cell: &str) -> Json {
    match ty {
        FieldType::Bool => match cell {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            _ => Json::from(cell),
        },
        FieldType::Int(_) | FieldType::Decimal(_) => match serde_json::from_str::<Json>(cell) {
            Ok(n @ Json::Number(_)) => n,
            _ => Json::from(cell),
        },
        FieldType::Text | FieldType::Date | FieldType::Enum(_) => Json::from(cell),
        // A list is written in its cell as JSON: `[9, 8.5, 10]` or `[{"birth_date": "2015-03-02"}]`.
        FieldType::List(_) => {
            serde_json::from_str::<Json>(cell).unwrap_or_else(|_| Json::from(cell))
        }
    }
}

const STATUSES: [&str; 3] = ["recognized", "not_recognized", "undetermined"];
const OUTCOMES: [&str; 5] = ["met", "partial", "unmet", "not_applicable", "unknown"];

/// Runs one table; returns the failures, each naming its line.
fn run_table(root: &Path, csv_path: &Path) -> (usize, Vec<String>) {
    let shown = csv_path
        .strip_prefix(root)
        .unwrap_or(csv_path)
        .display()
        .to_string();
    let rules_path = match rule_file_for(root, csv_path) {
        Ok(p) => p,
        Err(e) => return (0, vec![format!("{shown}: {e}")]),
    };
    let src = fs::read_to_string(&rules_path).unwrap();
    let compiled = compile(&src);
    let Some(program) = compiled.program else {
        return (
            0,
            vec![format!(
                "{shown}: {} does not compile: {:?}",
                rules_path.display(),
                compiled.diagnostics
            )],
        );
    };
    // Comment and blank lines are dropped here rather than by the CSV reader (which does not
    // count them in its line numbers), keeping for each line left its number in the file.
    let text = fs::read_to_string(csv_path).unwrap();
    let mut kept = String::new();
    let mut origin = Vec::new();
    for (n, l) in text.lines().enumerate() {
        if !l.trim_start().starts_with('#') && !l.trim().is_empty() {
            kept.push_str(l);
            kept.push('\n');
            origin.push(n + 1);
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(kept.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let mut failures = Vec::new();
    for h in &headers {
        let known = h == "case"
            || program.field_slot(h).is_some()
            || h.strip_prefix("expect_").is_some_and(|e| {
                ["status", "tier", "total", "errors"].contains(&e) || item(&program, e).is_some()
            });
        if !known {
            failures.push(format!(
                "{shown}: unknown column `{h}`: not an input of the model, `case` or an `expect_` column"
            ));
        }
    }
    let mut rows = 0;
    for result in reader.records() {
        let row = match result {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{shown}: unreadable row: {e}"));
                continue;
            }
        };
        rows += 1;
        let line = row
            .position()
            .and_then(|p| usize::try_from(p.line()).ok())
            .and_then(|l| origin.get(l.wrapping_sub(1)))
            .copied()
            .unwrap_or(0);
        let case = headers
            .iter()
            .position(|h| h == "case")
            .and_then(|i| row.get(i))
            .unwrap_or("");
        let mut problems = Vec::new();
        check_row(&program, &headers, &row, &mut problems);
        for p in problems {
            failures.push(format!("{shown}:{line} ({case}): {p}"));
        }
    }
    if rows == 0 {
        failures.push(format!("{shown}: no cases"));
    }
    (rows, failures)
}

/// A criterion or indicator by id: `(criterion, indicator)` positions.
fn item(program: &Program, id: &str) -> Option<(usize, Option<usize>)> {
    program.criteria.iter().enumerate().find_map(|(c, crit)| {
        if crit.id == id {
            return Some((c, None));
        }
        crit.indicators
            .iter()
            .position(|i| i.id == id)
            .map(|i| (c, Some(i)))
    })
}

fn check_row(
    program: &Program,
    headers: &csv::StringRecord,
    row: &csv::StringRecord,
    problems: &mut Vec<String>,
) {
    let mut record = Map::new();
    let mut left_out = Vec::new();
    for (h, cell) in headers.iter().zip(row.iter()) {
        let Some(field) = program.field_slot(h).and_then(|s| program.fields.get(s)) else {
            continue;
        };
        if cell.is_empty() {
            left_out.push(format!("/{h}"));
        } else {
            record.insert(h.to_string(), typed(&field.ty, cell));
        }
    }
    let decoded = decode_value(program, &Json::Object(record));
    let ev = evaluate(program, &decoded.values);
    let expected = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.get(i))
            .filter(|c| !c.is_empty())
    };

    // Decoder errors.
    let mut got_paths: Vec<&str> = decoded
        .errors
        .iter()
        .filter(|e| !(e.code == "R004" && left_out.contains(&e.path)))
        .map(|e| e.path.as_str())
        .collect();
    got_paths.sort_unstable();
    got_paths.dedup();
    let mut want_paths: Vec<&str> = expected("expect_errors")
        .map(|c| c.split_whitespace().collect())
        .unwrap_or_default();
    want_paths.sort_unstable();
    if got_paths != want_paths {
        let details: Vec<String> = decoded
            .errors
            .iter()
            .map(|e| format!("{} {} {}", e.code, e.path, e.message))
            .collect();
        problems.push(format!(
            "expected errors at {want_paths:?}, got {got_paths:?}: {details:?}"
        ));
    }

    if let Some(want) = expected("expect_status") {
        if !STATUSES.contains(&want) {
            problems.push(format!("expect_status `{want}` is not one of {STATUSES:?}"));
        }
        let got = ev.status.code();
        if got != want {
            problems.push(format!("expected status {want}, got {got}"));
        }
    }
    if let Some(want) = expected("expect_tier") {
        let tier = ev.tier.and_then(|t| program.decision.tiers.get(t));
        let matches = match tier {
            None => want == "-",
            Some(t) => t.label == want || t.english.as_deref() == Some(want),
        };
        if !matches {
            let got = tier.map_or("-", |t| t.label.as_str());
            problems.push(format!("expected tier {want}, got {got}"));
        }
    }
    if let Some(want) = expected("expect_total") {
        match want.parse::<Decimal>() {
            Ok(w) if w == ev.total.lo => {}
            Ok(_) => problems.push(format!(
                "expected total {want}, got {}{}",
                num(ev.total.lo),
                if ev.total.hi == ev.total.lo {
                    String::new()
                } else {
                    format!(" (up to {})", num(ev.total.hi))
                }
            )),
            Err(_) => problems.push(format!("expect_total `{want}` is not a number")),
        }
    }
    for h in headers.iter() {
        let Some(id) = h.strip_prefix("expect_") else {
            continue;
        };
        let (Some((c, i)), Some(want)) = (item(program, id), expected(h)) else {
            continue;
        };
        let (points, outcome) = match i {
            None => (ev.criteria[c].lo, None),
            Some(i) => {
                let flat = program.criteria[..c]
                    .iter()
                    .map(|c| c.indicators.len())
                    .sum::<usize>()
                    + i;
                let r = &ev.indicators[flat];
                (r.points.lo, Some(r.outcome.code()))
            }
        };
        if let Ok(w) = want.parse::<Decimal>() {
            if w != points {
                problems.push(format!(
                    "expected {id} to have {want} points, got {}",
                    num(points)
                ));
            }
        } else if OUTCOMES.contains(&want) && outcome.is_some() {
            if outcome != Some(want) {
                problems.push(format!(
                    "expected {id} to be {want}, got {}",
                    outcome.unwrap_or("")
                ));
            }
        } else {
            problems.push(format!(
                "expect_{id} `{want}` is neither points nor an indicator outcome"
            ));
        }
    }
}

#[test]
fn every_table_in_tests_eval() {
    let root = workspace_root();
    let dir = root.join("tests/eval");
    let mut tables: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    tables.sort();
    assert!(!tables.is_empty(), "no tables in {}", dir.display());
    let mut failures = Vec::new();
    let mut total = 0;
    for t in &tables {
        let (rows, f) = run_table(&root, t);
        total += rows;
        failures.extend(f);
    }
    assert!(
        failures.is_empty(),
        "{} of {total} table rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn file_names_map_to_rule_files() {
    let root = workspace_root();
    let ok = rule_file_for(&root, Path::new("tests/eval/unit-tt22.csv")).unwrap();
    assert!(
        ok.ends_with("rules/unit/tt22-2020.rules"),
        "{}",
        ok.display()
    );
    let ok = rule_file_for(&root, Path::new("tests/eval/unit-tt22-boundaries.csv")).unwrap();
    assert!(
        ok.ends_with("rules/unit/tt22-2020.rules"),
        "{}",
        ok.display()
    );
    assert!(rule_file_for(&root, Path::new("tests/eval/unit.csv")).is_err());
    assert!(rule_file_for(&root, Path::new("tests/eval/unit-tt99.csv")).is_err());
    assert!(rule_file_for(&root, Path::new("tests/eval/nosuchmodel-tt22.csv")).is_err());
}
