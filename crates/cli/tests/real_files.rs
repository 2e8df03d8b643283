//! Tables as people save them: the example units saved as Excel saves CSV (`;`, a byte order
//! mark, CRLF line ends, commas inside labels left unquoted) and with decomposed Vietnamese
//! marks (NFD) give the answers of the plain CSV and of the NDJSON, with the same line numbers;
//! a quote left open rejects its row only; a title row above the header is explained.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::{root, s, scratch, tieuchi};

use std::path::Path;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const RULES: &str = "rules/unit/tt22-2020.rules";
const UNITS: &str = "rules/unit/examples/batch/units.csv";

/// The rows of the example units, header first.
fn unit_rows() -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(root().join(UNITS))
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The rows as Excel writes "CSV UTF-8" with a Vietnamese list separator: a byte order mark,
/// `;`, CRLF, a cell quoted only when it holds `;`, a quote or a line break.
fn excel_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains([';', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// `(read, scored, rejected)` from the summary on standard error.
fn counts(stderr: &str) -> (u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("đã đọc (read)"))
        .unwrap_or_else(|| panic!("no summary in {stderr}"));
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.parse().unwrap())
        .collect();
    (numbers[0], numbers[1], numbers[2])
}

/// Runs a batch of `input` (with `extra` options); the answers, the rejects and the counts,
/// which must add up.
fn batch(input: &Path, dir: &Path, extra: &[&str]) -> (String, String, (u64, u64, u64)) {
    let (out, rejects) = (dir.join("out.ndjson"), dir.join("rejects.ndjson"));
    let mut args = vec![
        "batch",
        RULES,
        "-i",
        s(input),
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
    ];
    args.extend_from_slice(extra);
    let run = tieuchi(&args);
    let n = counts(&run.stderr);
    assert_eq!(n.0, n.1 + n.2, "read = scored + rejected: {}", run.stderr);
    (
        std::fs::read_to_string(out).unwrap(),
        std::fs::read_to_string(rejects).unwrap(),
        n,
    )
}

fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn excel_and_decomposed_saves_read_as_the_plain_file() {
    let dir = scratch("real-excel");
    let rows = unit_rows();
    let excel = excel_csv(&rows);
    // The labels with commas are written unquoted, as Excel writes them with `;`.
    assert!(excel.contains(";Đơn vị có chủ trương, kế hoạch"), "{excel}");
    let nfd: String = excel.nfd().collect();
    assert_ne!(nfd, excel);
    let crlf = std::fs::read_to_string(root().join(UNITS))
        .unwrap()
        .replace('\n', "\r\n");
    let expected = batch(&root().join(UNITS), &dir, &[]);
    assert_eq!(expected.2, (52, 46, 6));
    for (name, text) in [("excel", &excel), ("nfd", &nfd), ("crlf", &crlf)] {
        let input = dir.join(format!("{name}.csv"));
        std::fs::write(&input, text).unwrap();
        let got = batch(&input, &dir, &[]);
        assert_eq!(got.0, expected.0, "answers of {name}");
        assert_eq!(got.1, expected.1, "rejects of {name}");
        assert_eq!(got.2, expected.2, "counts of {name}");
    }
    // The answers are those of the NDJSON file, one line further down (the header).
    let from_ndjson = batch(
        &root().join("rules/unit/examples/batch/units.ndjson"),
        &dir,
        &[],
    );
    let mut answers = ndjson(&expected.0);
    for a in &mut answers {
        a["line"] = Value::from(a["line"].as_u64().unwrap() - 1);
    }
    assert_eq!(answers, ndjson(&from_ndjson.0));
}

#[test]
fn an_open_quote_rejects_its_row_only() {
    let dir = scratch("real-quote");
    let rows = unit_rows();
    let line = |r: &Vec<String>| {
        r.iter()
            .map(|c| {
                if c.contains([',', '\n']) {
                    format!("\"{c}\"")
                } else {
                    c.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    // Line 3: a quote opened and never closed. Line 5: a name holding a line break, quoted
    // as Excel writes it (the row spans lines 5 and 6).
    let mut spanning = rows[4].clone();
    spanning[0] = "Sở Tài chính\ntỉnh Bắc Ninh".to_string();
    let lines = [
        line(&rows[0]),
        line(&rows[1]),
        format!("\"{}", line(&rows[2])),
        line(&rows[3]),
        line(&spanning),
        line(&rows[6]),
    ];
    let text = lines.join("\r\n") + "\r\n";
    let input = dir.join("quote.csv");
    std::fs::write(&input, &text).unwrap();
    let (out, rejects, n) = batch(&input, &dir, &[]);
    assert_eq!(n, (5, 4, 1), "{text}");
    let rejected = ndjson(&rejects);
    assert_eq!(rejected[0]["line"], 3, "{rejects}");
    assert_eq!(rejected[0]["errors"][0]["code"], "B002", "{rejects}");
    let message = rejected[0]["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("ngoặc kép"), "{message}");
    let answers = ndjson(&out);
    let lines: Vec<u64> = answers
        .iter()
        .map(|a| a["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 4, 5, 7]);
    assert_eq!(answers[2]["id"], "Sở Tài chính\ntỉnh Bắc Ninh");
}

#[test]
fn the_separator_can_be_forced_and_a_title_row_is_explained() {
    let dir = scratch("real-separator");
    let rows = unit_rows();
    let piped: String = rows.iter().take(3).map(|r| r.join("|") + "\n").collect();
    let input = dir.join("piped.csv");
    std::fs::write(&input, &piped).unwrap();
    let (_, _, n) = batch(&input, &dir, &["--delimiter", "|"]);
    assert_eq!(n, (2, 2, 0));

    let titled = format!(
        "Danh sách đơn vị học tập năm 2022;;;\r\n{}",
        excel_csv(&rows[..3]).trim_start_matches('\u{feff}')
    );
    let input = dir.join("titled.csv");
    std::fs::write(&input, titled).unwrap();
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&input),
        "-o",
        s(&dir.join("o.ndjson")),
    ]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("«Danh sách đơn vị học tập năm 2022» có vẻ là dòng tiêu đề"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_label_typed_without_marks_gets_a_suggestion() {
    let dir = scratch("real-marks");
    let rows = unit_rows();
    let mut row = rows[1].clone();
    let title = row
        .iter()
        .position(|c| c == "Tập thể lao động tiên tiến")
        .unwrap();
    row[title] = "Tap the lao dong tien tien".to_string();
    let input = dir.join("marks.csv");
    std::fs::write(&input, excel_csv(&[rows[0].clone(), row])).unwrap();
    let (_, rejects, n) = batch(&input, &dir, &[]);
    assert_eq!(n, (1, 0, 1));
    let rejected = ndjson(&rejects);
    let e = &rejected[0]["errors"][0];
    assert_eq!(e["code"], "R007");
    assert_eq!(e["path"], "/unit_emulation_title");
    let message = e["message"].as_str().unwrap();
    assert!(
        message.contains("có phải ý bạn là «Tập thể lao động tiên tiến»"),
        "{message}"
    );
}

/// A number cell with more digits than a binary float holds is refused, never rounded: 10.0…01
/// is not 10.
#[test]
fn a_number_cell_is_not_rounded() {
    let dir = scratch("real-digits");
    let rows = unit_rows();
    let total = rows[0]
        .iter()
        .position(|h| h == "Tổng số thành viên")
        .unwrap();
    let mut cases = Vec::new();
    for (cell, code) in [("22.0", None), ("22.00000000000000000001", Some("R011"))] {
        let mut row = rows[1].clone();
        row[total] = cell.to_string();
        cases.push((row, code));
    }
    for (row, code) in cases {
        let input = dir.join("digits.csv");
        std::fs::write(&input, excel_csv(&[rows[0].clone(), row])).unwrap();
        let (_, rejects, n) = batch(&input, &dir, &[]);
        match code {
            None => assert_eq!(n, (1, 1, 0), "{rejects}"),
            Some(code) => {
                assert_eq!(n, (1, 0, 1));
                let rejected = ndjson(&rejects);
                assert_eq!(rejected[0]["errors"][0]["code"], code, "{rejects}");
                assert_eq!(rejected[0]["errors"][0]["path"], "/members_total");
            }
        }
    }
}
