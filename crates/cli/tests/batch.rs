//! `tieuchi batch`: NDJSON, CSV and XLSX in; NDJSON, CSV and XLSX out; list items joined
//! from a second table (`--items`); in input order whatever the
//! number of threads; bad records rejected with their line number and reasons; no output
//! file unless the run completes; a summary whose counts add up.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::{root, s, scratch, tieuchi};

use std::io::Write;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const RULES: &str = "rules/unit/tt22-2020.rules";
const UNITS_NDJSON: &str = "rules/unit/examples/batch/units.ndjson";
const UNITS_CSV: &str = "rules/unit/examples/batch/units.csv";
/// Lines of the example files (data lines for the CSV, counting the header as line 1) that
/// hold a bad record, and what is wrong with each.
const BAD_NDJSON: [(u64, &str, &str); 6] = [
    (7, "R009", "/members_compliant"),
    (14, "R005", "/members_completed_mandatory_training"),
    (25, "R007", "/unit_emulation_title"),
    (32, "R001", ""),
    (38, "R006", "/members_total"),
    (46, "R004", "/has_learning_incentive_rules"),
];

fn ndjson(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The counts of the summary: (read, scored, rejected), and the numbers on the status and
/// tier lines.
fn summary(stderr: &str) -> ((u64, u64, u64), Vec<u64>, Vec<u64>) {
    let line = |prefix: &str| {
        stderr
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` line in:\n{stderr}"))
            .to_string()
    };
    let numbers = |l: &str| -> Vec<u64> {
        l.split(|c: char| !c.is_ascii_digit())
            .filter(|w| !w.is_empty())
            .map(|w| w.parse().unwrap())
            .collect()
    };
    let read = numbers(&line("đã đọc (read) "));
    (
        (read[0], read[1], read[2]),
        numbers(&line("kết quả (status): ")),
        numbers(&line("xếp loại (tier): ")),
    )
}

/// Every file in `dir`, names only, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn ndjson_in_ndjson_out() {
    let dir = scratch("ndjson");
    let (out, rejects) = (dir.join("answers.ndjson"), dir.join("rejects.ndjson"));
    let run = tieuchi(&[
        "batch",
        RULES,
        "--input",
        UNITS_NDJSON,
        "--output",
        s(&out),
        "--rejects",
        s(&rejects),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let answers = ndjson(&out);
    assert_eq!(answers.len(), 46);
    let bad: Vec<u64> = BAD_NDJSON.iter().map(|b| b.0).collect();
    let expected: Vec<u64> = (1..=52).filter(|l| !bad.contains(l)).collect();
    let lines: Vec<u64> = answers
        .iter()
        .map(|a| a["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        lines, expected,
        "answers in input order, bad lines left out"
    );
    let first = &answers[0];
    assert_eq!(first["id"], "Sở Giáo dục và Đào tạo tỉnh Hải Dương");
    assert_eq!(first["model"], "unit");
    assert_eq!(first["version"], "tt22-2020");
    assert!(first["total"].is_number());
    assert!(first["errors"].as_array().unwrap().is_empty());
    // Summary detail: the answer's shape without any text of the rules or reasons.
    let text = std::fs::read_to_string(&out).unwrap();
    for field in ["reason", "label", "source", "sources", "title"] {
        assert!(
            !text.contains(&format!("\"{field}\"")),
            "{field} in a summary"
        );
    }
    assert_eq!(first["criteria"][1]["indicators"][0]["id"], "U2.1");
    assert!(first["criteria"][1]["indicators"][0]["points"].is_number());
    let rejected = ndjson(&rejects);
    assert_eq!(rejected.len(), BAD_NDJSON.len());
    for (r, (line, code, path)) in rejected.iter().zip(BAD_NDJSON) {
        assert_eq!(r["line"], line, "{r}");
        assert_eq!(r["errors"][0]["code"], code, "{r}");
        assert_eq!(r["errors"][0]["path"], path, "{r}");
        assert!(!r["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    assert!(
        rejected[3]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("JSON không hợp lệ ở cột"),
        "{}",
        rejected[3]
    );
    // Full detail has the reasons.
    let full = dir.join("full.ndjson");
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_NDJSON,
        "-o",
        s(&full),
        "--detail",
        "full",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let text = std::fs::read_to_string(&full).unwrap();
    for field in ["reason", "label", "source", "sources", "title"] {
        assert!(
            text.contains(&format!("\"{field}\"")),
            "{field} missing in full"
        );
    }
    // Without --rejects, the first rejected records are shown on stderr.
    assert!(
        run.stderr
            .contains("dòng (line) 7: [R009] /members_compliant"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--rejects FILE"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_in_csv_out() {
    let dir = scratch("csv");
    let out = dir.join("answers.csv");
    let run = tieuchi(&["batch", RULES, "--input", UNITS_CSV, "--output", s(&out)]);
    assert!(run.ok, "{}", run.stderr);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "line", "id", "version", "status", "tier", "total", "U1", "U2", "U3", "failing"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 46);
    for row in &rows {
        let n = |i: usize| row[i].parse::<f64>().unwrap();
        assert!((n(5) - (n(6) + n(7) + n(8))).abs() < 1e-9, "{row:?}");
        assert_eq!(&row[2], "tt22-2020");
    }
    assert_eq!(&rows[0][0], "2", "CSV lines count the header");
    assert_eq!(&rows[0][1], "Sở Giáo dục và Đào tạo tỉnh Hải Dương");
    // The same records as NDJSON: the same scores (CSV line = NDJSON line + 1).
    let from_ndjson = dir.join("from-ndjson.csv");
    assert!(tieuchi(&["batch", RULES, "-i", UNITS_NDJSON, "-o", s(&from_ndjson)]).ok);
    let strip = |p: &Path| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split_once(',').unwrap().1.to_string())
            .collect()
    };
    assert_eq!(strip(&out), strip(&from_ndjson));
    // --id picks another field for the id column.
    let by_year = dir.join("by-year.csv");
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_CSV,
        "-o",
        s(&by_year),
        "--id",
        "assessment_year",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let text = std::fs::read_to_string(&by_year).unwrap();
    assert!(
        text.lines().nth(1).unwrap().starts_with("2,2022,"),
        "{text}"
    );
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_CSV,
        "-o",
        s(&by_year),
        "--id",
        "ma_don_vi",
    ]);
    assert!(!run.ok);
    assert!(run.stderr.contains("--id ma_don_vi"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The valid records of the example file, as JSON objects.
fn valid_records() -> Vec<serde_json::Map<String, Value>> {
    let bad: Vec<u64> = BAD_NDJSON.iter().map(|b| b.0).collect();
    std::fs::read_to_string(root().join(UNITS_NDJSON))
        .unwrap()
        .lines()
        .zip(1..)
        .filter(|(_, n)| !bad.contains(n))
        .map(|(l, _)| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| v.as_object().unwrap().clone())
        .collect()
}

/// Writes `n` records, one line each; every 100th line (from line 50) is corrupted, in turn
/// with bad JSON, a wrong type and an out-of-range count. Returns the corrupted lines.
fn corrupted_file(path: &Path, n: u64) -> Vec<(u64, &'static str)> {
    let records = valid_records();
    assert!(records.len() > 30);
    let mut bad = Vec::new();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for line in 1..=n {
        let mut r = records[(line as usize) % records.len()].clone();
        r.insert("unit_name".into(), Value::from(format!("Đơn vị số {line}")));
        let mut text = Value::Object(r.clone()).to_string();
        if line % 100 == 50 {
            let kind = (line / 100) % 3;
            let code = match kind {
                0 => {
                    text.truncate(text.len() / 2);
                    "R001"
                }
                1 => {
                    r.insert("members_total".into(), Value::from("mười hai"));
                    text = Value::Object(r).to_string();
                    "R005"
                }
                _ => {
                    r.insert("knowledge_sharing_activities".into(), Value::from(-3));
                    text = Value::Object(r).to_string();
                    "R006"
                }
            };
            bad.push((line, code));
        }
        writeln!(f, "{text}").unwrap();
    }
    bad
}

#[test]
fn one_percent_of_bad_lines_are_rejected_and_explained_the_rest_scored() {
    let dir = scratch("corrupted");
    let input = dir.join("units.ndjson");
    let bad = corrupted_file(&input, 1000);
    assert_eq!(bad.len(), 10);
    let (out, rejects) = (dir.join("out.ndjson"), dir.join("rejects.ndjson"));
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&input),
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let answers = ndjson(&out);
    assert_eq!(answers.len(), 990);
    let bad_lines: Vec<u64> = bad.iter().map(|b| b.0).collect();
    for a in &answers {
        let line = a["line"].as_u64().unwrap();
        assert!(!bad_lines.contains(&line));
        assert_eq!(a["id"], format!("Đơn vị số {line}"));
    }
    let rejected = ndjson(&rejects);
    let explained: Vec<(u64, String)> = rejected
        .iter()
        .map(|r| {
            let e = &r["errors"][0];
            assert!(!e["message"].as_str().unwrap().is_empty(), "{r}");
            (
                r["line"].as_u64().unwrap(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(u64, String)> = bad.iter().map(|(l, c)| (*l, c.to_string())).collect();
    assert_eq!(explained, expected);
    let ((read, scored, rejected_count), ..) = summary(&run.stderr);
    assert_eq!((read, scored, rejected_count), (1000, 990, 10));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_is_in_input_order_and_identical_with_one_or_four_threads() {
    let dir = scratch("jobs");
    let input = dir.join("units.ndjson");
    corrupted_file(&input, 3000);
    for format in ["ndjson", "csv"] {
        let one = dir.join(format!("one.{format}"));
        let four = dir.join(format!("four.{format}"));
        let again = dir.join(format!("again.{format}"));
        for (out, jobs) in [(&one, "1"), (&four, "4"), (&again, "4")] {
            let run = tieuchi(&[
                "batch",
                RULES,
                "-i",
                s(&input),
                "-o",
                s(out),
                "--jobs",
                jobs,
            ]);
            assert!(run.ok, "{}", run.stderr);
        }
        let one = std::fs::read(&one).unwrap();
        assert_eq!(
            one,
            std::fs::read(&four).unwrap(),
            "{format}: --jobs 1 and 4 differ"
        );
        assert_eq!(
            one,
            std::fs::read(&again).unwrap(),
            "{format}: a rerun differs"
        );
    }
    let lines: Vec<u64> = ndjson(&dir.join("one.ndjson"))
        .iter()
        .map(|a| a["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines.len(), 2970);
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "not in input order");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_output_file_is_left_when_the_input_cannot_be_read() {
    let dir = scratch("unreadable");
    let out = dir.join("out.ndjson");
    let rejects = dir.join("rejects.ndjson");
    let missing = dir.join("missing.ndjson");
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&missing),
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
    ]);
    assert!(!run.ok);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    assert!(run.stderr.contains("missing.ndjson"), "{}", run.stderr);
    assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));

    // A directory is not an input either.
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&dir),
        "--input-format",
        "csv",
        "-o",
        s(&out),
    ]);
    assert!(!run.ok);
    assert!(run.stderr.contains("directory"), "{}", run.stderr);
    assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));

    // A CSV header that names no field stops the run before anything is written, and an
    // earlier output is left as it was.
    std::fs::write(&out, "earlier\n").unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "Tên đơn vị,Năm đánh giá,Ghi chú\nSở Y tế,2022,\n").unwrap();
    let run = tieuchi(&["batch", RULES, "-i", s(&bad), "-o", s(&out)]);
    assert!(!run.ok);
    assert!(run.stderr.contains("cột 3 «Ghi chú»"), "{}", run.stderr);
    assert!(run.stderr.contains("(help):"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier\n");
    assert_eq!(listing(&dir), ["bad.csv", "out.ndjson"]);

    // An unknown extension says what to do.
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&dir.join("units.txt")),
        "-o",
        s(&out),
    ]);
    assert!(!run.ok);
    assert!(run.stderr.contains("--input-format"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn summary_counts_add_up() {
    let dir = scratch("summary");
    for input in [UNITS_NDJSON, UNITS_CSV] {
        let out = dir.join("out.csv");
        let run = tieuchi(&["batch", RULES, "-i", input, "-o", s(&out)]);
        assert!(run.ok, "{}", run.stderr);
        let ((read, scored, rejected), status, tiers) = summary(&run.stderr);
        assert_eq!(read, scored + rejected, "{}", run.stderr);
        assert_eq!((read, rejected), (52, 6), "{}", run.stderr);
        assert_eq!(status.iter().sum::<u64>(), scored, "{}", run.stderr);
        assert_eq!(tiers.iter().sum::<u64>(), scored, "{}", run.stderr);
        let rows = std::fs::read_to_string(&out).unwrap().lines().count() as u64;
        assert_eq!(rows, scored + 1);
        assert!(
            run.stderr.contains("xếp loại (tier): Tốt "),
            "{}",
            run.stderr
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The cells of every row of a sheet of an XLSX file, read back with calamine.
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn xlsx_output_has_vietnamese_headers_numbers_and_a_sheet_of_rejects() {
    let dir = scratch("xlsx-out");
    let (xlsx, csv_out) = (dir.join("ket-qua.xlsx"), dir.join("answers.csv"));
    let run = tieuchi(&["batch", RULES, "-i", UNITS_CSV, "-o", s(&xlsx)]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "6 bản ghi bị loại, có lý do trong trang «Bị loại» của {}",
            s(&xlsx)
        )),
        "{}",
        run.stderr
    );
    assert!(tieuchi(&["batch", RULES, "-i", UNITS_CSV, "-o", s(&csv_out)]).ok);
    {
        use calamine::Reader;
        let book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
        assert_eq!(book.sheet_names(), ["Kết quả", "Bị loại"]);
    }
    let rows = sheet_rows(&xlsx, "Kết quả");
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        header,
        [
            "Dòng (line)",
            "Mã, tên (id)",
            "Phiên bản (version)",
            "Kết quả (status)",
            "Xếp loại (tier)",
            "Tổng điểm (total)",
            "U1. Điều kiện xây dựng đơn vị học tập",
            "U2. Kết quả học tập của thành viên",
            "U3. Hiệu quả, tác động của việc xây dựng đơn vị học tập",
            "Chỉ số chưa đủ điểm (failing)",
        ]
    );
    // Every CSV row, in order, with the same values; numbers are number cells.
    let mut reader = csv::Reader::from_path(&csv_out).unwrap();
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), csv_rows.len() + 1);
    for (row, expected) in rows[1..].iter().zip(&csv_rows) {
        for col in [0, 5, 6, 7, 8] {
            let calamine::Data::Float(n) = row[col] else {
                panic!("column {col} is not a number: {row:?}");
            };
            assert_eq!(n, expected[col].parse::<f64>().unwrap(), "{row:?}");
        }
        assert_eq!(row[1].to_string(), expected[1]);
        assert_eq!(row[4].to_string(), expected[4]);
        assert_eq!(row[9].to_string(), expected[9]);
        let status = match &expected[3] {
            "recognized" => "Được công nhận",
            "not_recognized" => "Chưa được công nhận",
            other => panic!("{other}"),
        };
        assert_eq!(row[3].to_string(), status);
    }
    // The rejected records: one row per problem, as in the rejects file.
    let rejects = dir.join("rejects.ndjson");
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_CSV,
        "-o",
        s(&dir.join("x.csv")),
        "--rejects",
        s(&rejects),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let rejected = sheet_rows(&xlsx, "Bị loại");
    assert_eq!(rejected[0][0].to_string(), "Dòng (line)");
    let found: Vec<(u64, String, String)> = rejected[1..]
        .iter()
        .map(|r| {
            let calamine::Data::Float(at) = r[0] else {
                panic!("{r:?}")
            };
            (at as u64, r[3].to_string(), r[2].to_string())
        })
        .collect();
    let expected: Vec<(u64, String, String)> = ndjson(&rejects)
        .iter()
        .flat_map(|r| {
            r["errors"].as_array().unwrap().iter().map(|e| {
                (
                    r["line"].as_u64().unwrap(),
                    e["code"].as_str().unwrap().to_string(),
                    e["path"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect();
    assert_eq!(expected.len(), 6);
    assert_eq!(found, expected);
    // Excel cannot be written to standard output.
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_CSV,
        "-o",
        "-",
        "--output-format",
        "xlsx",
    ]);
    assert!(!run.ok);
    assert!(run.stderr.contains("standard output"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

const FAMILY: &str = "rules/family/qd448-2015.rules";

/// Households of the family rules as a table (the key column `Mã hộ` first).
fn households() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "Mã hộ",
            "household_head",
            "assessment_year",
            "adults_apply_learning",
            "has_study_corner_or_books",
            "has_media_for_learning",
            "is_cultural_family",
            "member_broke_law_or_social_evil",
        ],
        vec![
            "HGĐ-1",
            "Nguyễn Văn An",
            "2024",
            "có",
            "có",
            "có",
            "có",
            "không",
        ],
        vec![
            "HGĐ-2",
            "Lê Văn Bình",
            "2024",
            "có",
            "có",
            "có",
            "có",
            "không",
        ],
        // The key of the first household again.
        vec![
            "HGĐ-1",
            "Nguyễn Văn Ân",
            "2024",
            "có",
            "có",
            "có",
            "có",
            "không",
        ],
    ]
}

/// Their members, the two households interleaved, the second member of HGĐ-2 with a bad
/// birth date (row 6 of a sheet, line 6 of a CSV file), and a member of no household
/// (row 9).
fn members() -> Vec<Vec<&'static str>> {
    let learning = r#"[{"title": "Tập huấn kỹ thuật", "form": "training"}]"#;
    vec![
        vec![
            "Mã hộ",
            "Họ và tên",
            "Quan hệ với chủ hộ",
            "Ngày sinh",
            "schooling",
            "exemption",
            "academic_result",
            "conduct_result",
            "honest_and_polite",
            "joins_local_activities",
            "literacy_level",
            "learning_activities",
        ],
        vec![
            "HGĐ-1",
            "Nguyễn Văn An",
            "Chủ hộ",
            "12/5/1979",
            "not_in_school",
            "none",
            "",
            "",
            "",
            "",
            "upper_secondary",
            learning,
        ],
        vec![
            "HGĐ-1",
            "Trần Thị Bích",
            "spouse",
            "1982-09-03",
            "Không đi học",
            "Không",
            "",
            "",
            "",
            "",
            "lower_secondary",
            learning,
        ],
        vec![
            "HGĐ-2",
            "Lê Văn Bình",
            "head",
            "1970-01-01",
            "not_in_school",
            "none",
            "",
            "",
            "",
            "",
            "university",
            learning,
        ],
        vec![
            "HGĐ-1",
            "Nguyễn Minh Khang",
            "child",
            "2010-03-15",
            "lower_secondary",
            "none",
            "kha",
            "tot",
            "có",
            "có",
            "",
            "",
        ],
        vec![
            "HGĐ-2",
            "Lê Thị Cúc",
            "spouse",
            "31/02/1972",
            "not_in_school",
            "none",
            "",
            "",
            "",
            "",
            "university",
            learning,
        ],
        vec![
            "HGĐ-1",
            "Nguyễn Thị Mai",
            "child",
            "2015-11-20",
            "primary",
            "none",
            "hoan_thanh_tot",
            "hoan_thanh_tot",
            "có",
            "có",
            "",
            "",
        ],
        vec![
            "HGĐ-1",
            "Lê Thị Tư",
            "parent",
            "1950-02-10",
            "not_in_school",
            "none",
            "",
            "",
            "",
            "",
            "illiterate",
            "",
        ],
        vec![
            "HGĐ-9",
            "Phạm Văn Lạc",
            "head",
            "1960-01-01",
            "not_in_school",
            "none",
            "",
            "",
            "",
            "",
            "university",
            learning,
        ],
    ]
}

/// Writes a workbook with the given sheets (every cell as text).
fn write_book(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

fn write_csv(path: &Path, rows: &[Vec<&str>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
}

/// The members joined from a second sheet, or from a second CSV file: the complete
/// household scores as its JSON example does (100 points), a bad member cell rejects its
/// household with the member's row and column, a member of no household is reported.
#[test]
fn list_items_are_joined_from_a_second_sheet_or_csv_file() {
    let dir = scratch("items");
    let book = dir.join("ho.xlsx");
    write_book(&book, &[("Hộ", households()), ("Thành viên", members())]);
    let (homes_csv, members_csv) = (dir.join("ho.csv"), dir.join("thanh-vien.csv"));
    write_csv(&homes_csv, &households());
    write_csv(&members_csv, &members());
    // Households from a sheet, members from the other sheet of the workbook or from a CSV
    // file; households from CSV, members from CSV.
    let cases = [
        (
            s(&book).to_string(),
            "members=Thành viên".to_string(),
            "row",
            "hàng 6, cột D «Ngày sinh»",
            "trang «Thành viên» của",
        ),
        (
            s(&book).to_string(),
            format!("members={}", s(&members_csv)),
            "row",
            "dòng 6, cột 4 «Ngày sinh»",
            "thanh-vien.csv",
        ),
        (
            s(&homes_csv).to_string(),
            format!("members={}", s(&members_csv)),
            "line",
            "dòng 6, cột 4 «Ngày sinh»",
            "thanh-vien.csv",
        ),
    ];
    for (input, items, position, place, origin) in cases {
        let (out, rejects) = (dir.join("out.ndjson"), dir.join("rejects.ndjson"));
        let mut args = vec![
            "batch",
            FAMILY,
            "-i",
            &input,
            "--items",
            &items,
            "-o",
            s(&out),
            "--rejects",
            s(&rejects),
        ];
        // The key: the first column of the input unless --key names one.
        if position == "line" {
            args.extend(["--key", "Mã hộ"]);
        }
        let run = tieuchi(&args);
        assert!(run.ok, "{}", run.stderr);
        let answers = ndjson(&out);
        assert_eq!(answers.len(), 1, "{answers:?}");
        assert_eq!(answers[0][position], 2);
        // A joined record is known by its key.
        assert_eq!(answers[0]["id"], "HGĐ-1");
        assert_eq!(answers[0]["total"], 100);
        assert_eq!(answers[0]["status"], "recognized");
        let r = ndjson(&rejects);
        assert_eq!(r.len(), 3, "{r:?}");
        // HGĐ-2: its second member (the 5th row of members) has no 31 February.
        assert_eq!(r[0][position], 3);
        let e = &r[0]["errors"][0];
        assert_eq!(e["path"], "/members/1/birth_date", "{e}");
        let message = e["message"].as_str().unwrap();
        assert!(
            message.contains(place) && message.contains(origin),
            "{message}"
        );
        // A household whose key is taken: rejected, the first one named.
        assert_eq!(r[1][position], 4);
        assert_eq!(r[1]["errors"][0]["code"], "B003");
        assert_eq!(r[0]["id"], "HGĐ-2");
        let message = r[1]["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains("«HGĐ-1»") && message.contains(" 2;"),
            "{message}"
        );
        // The member of no household, at its own row.
        assert_eq!(r[2]["id"], "HGĐ-9");
        assert_eq!(r[2][position], 9);
        assert_eq!(r[2]["errors"][0]["code"], "B004");
        assert!(
            r[2]["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("HGĐ-9"),
            "{}",
            r[2]
        );
        assert!(run.stderr.contains("HGĐ-9"), "{}", run.stderr);
    }
    // A key column the members table does not have.
    let run = tieuchi(&[
        "batch",
        FAMILY,
        "-i",
        s(&book),
        "--items",
        "members=Thành viên",
        "--key",
        "household_head",
        "-o",
        s(&dir.join("x.csv")),
    ]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("has no column \"household_head\"") && run.stderr.contains("--key"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("x.csv").exists());
    // A source that is neither a sheet nor a file, and a field that is not a list.
    for (items, says) in [
        ("members=Trang3", "its sheets: Hộ, Thành viên"),
        (
            "household_head=Thành viên",
            "hãy chỉ một danh sách bản ghi của bộ quy tắc (name a list of records of the rules): members",
        ),
    ] {
        let run = tieuchi(&[
            "batch",
            FAMILY,
            "-i",
            s(&book),
            "--items",
            items,
            "--key",
            "Mã hộ",
            "-o",
            s(&dir.join("x.csv")),
        ]);
        assert!(!run.ok);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The summary lines of a run, without the time taken.
fn counts(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| !l.starts_with("thời gian (took)"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The officer's example: 200 households and their members, from the workbook and from the
/// CSV pair, to an XLSX file; the same counts, and only the planted mistakes rejected.
#[test]
fn the_officers_example_of_200_households() {
    let dir = scratch("ho-200");
    let out = dir.join("ket-qua.xlsx");
    let base = "rules/family/examples/batch/ho-gia-dinh-200";
    let run = tieuchi(&[
        "batch",
        FAMILY,
        "--input",
        &format!("{base}.xlsx"),
        "--items",
        "members=Thành viên",
        "--output",
        s(&out),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let shown = counts(&run.stderr).replace(s(&out), "ket-qua.xlsx");
    insta::assert_snapshot!("ho_gia_dinh_200_xlsx", shown);
    let rows = sheet_rows(&out, "Kết quả");
    assert_eq!(rows.len(), 198);
    let rejected = sheet_rows(&out, "Bị loại");
    let codes: Vec<String> = rejected[1..].iter().map(|r| r[3].to_string()).collect();
    assert_eq!(codes, ["R007", "R009", "R004", "B004"]);
    // The CSV pair holds the same data: the same counts.
    let csv_out = dir.join("ket-qua.csv");
    let run2 = tieuchi(&[
        "batch",
        FAMILY,
        "--input",
        &format!("{base}.csv"),
        "--items",
        &format!("members={base}-thanh-vien.csv"),
        "--output",
        s(&csv_out),
    ]);
    assert!(run2.ok, "{}", run2.stderr);
    let tail = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("đã đọc (read)") || l.starts_with("kết quả (status):"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(tail(&run.stderr).len(), 2, "{}", run.stderr);
    assert_eq!(tail(&run.stderr), tail(&run2.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn standard_output_and_a_directory_of_versions() {
    // The directory holds versions of two scopes: the records' scope is stated.
    let run = tieuchi(&[
        "batch",
        "rules/unit/",
        "-i",
        UNITS_NDJSON,
        "-o",
        "-",
        "--scope",
        "district_province",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let text = run.stdout.clone();
    assert_eq!(text.lines().count(), 46);
    for line in text.lines() {
        let a: Value = serde_json::from_str(line).unwrap();
        // Assessed 2020–2022: TT 22/2020 was in force.
        assert_eq!(a["version"], "tt22-2020");
    }
    assert!(
        run.stderr.contains("phiên bản (version): tt22-2020 46"),
        "{}",
        run.stderr
    );
    // A record whose date has no version in force is rejected, the reason given.
    let dir = scratch("versions");
    let input = dir.join("old.ndjson");
    std::fs::write(
        &input,
        "{\"unit_name\": \"Sở Y tế\", \"scope\": \"district_province\", \"assessment_year\": 2010}\n",
    )
    .unwrap();
    let rejects = dir.join("rejects.ndjson");
    let run = tieuchi(&[
        "batch",
        "rules/unit/",
        "-i",
        s(&input),
        "-o",
        "-",
        "--rejects",
        s(&rejects),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let r = ndjson(&rejects);
    assert_eq!(r[0]["errors"][0]["code"], "B001");
    assert!(
        r[0]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("không có phiên bản nào")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A cell of a test workbook.
enum X<'a> {
    S(&'a str),
    N(f64),
    B(bool),
}

/// Writes a minimal workbook whose first sheet holds `rows` from row `first_row`.
fn write_xlsx(path: &Path, first_row: usize, rows: &[Vec<X<'_>>]) {
    use zip::write::SimpleFileOptions;
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (i, row) in rows.iter().enumerate() {
        let r = first_row + i;
        sheet.push_str(&format!(r#"<row r="{r}">"#));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{r}", char::from(b'A' + c as u8));
            sheet.push_str(&match cell {
                X::S(t) => format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    esc(t)
                ),
                X::N(n) => format!(r#"<c r="{at}"><v>{n}</v></c>"#),
                X::B(b) => format!(r#"<c r="{at}" t="b"><v>{}</v></c>"#, u8::from(*b)),
            });
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Đơn vị" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn xlsx_in_with_vietnamese_headers() {
    let dir = scratch("xlsx");
    let input = dir.join("units.xlsx");
    let header = [
        "Tên đơn vị",
        "Năm đánh giá",
        "Đơn vị có chủ trương, kế hoạch để thành viên học tập thường xuyên",
        "has_learning_incentive_rules",
        "invests_learning_resources",
        "Tổng số thành viên",
        "members_with_approved_plan",
        "members_compliant",
        "members_completed_mandatory_training",
        "members_advanced_worker_or_higher",
        "members_meeting_learning_citizen_qualities",
        "Danh hiệu thi đua của đơn vị",
        "knowledge_sharing_activities",
    ];
    let unit = |name: &'static str, compliant: f64, title: &'static str| {
        vec![
            X::S(name),
            X::N(2022.0),
            X::B(true),
            X::S("có"),
            X::B(true),
            X::N(120.0),
            X::N(120.0),
            X::N(compliant),
            X::N(115.0),
            X::N(96.0),
            X::N(102.0),
            X::S(title),
            X::N(4.0),
        ]
    };
    let rows = vec![
        header.iter().map(|h| X::S(h)).collect(),
        unit(
            "Sở Giáo dục và Đào tạo tỉnh Hải Dương",
            118.0,
            "Tập thể lao động xuất sắc",
        ),
        unit(
            "Sở Tư pháp tỉnh Tây Ninh",
            130.0,
            "tap_the_lao_dong_tien_tien",
        ),
    ];
    // The header on row 2 (a title row left empty above it, as spreadsheets often have).
    write_xlsx(&input, 2, &rows);
    let (out, rejects) = (dir.join("out.csv"), dir.join("rejects.ndjson"));
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&input),
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("row,id,"), "{text}");
    // The same record as rules/unit/examples/so-gddt-tot.json: 94.75 points, Tốt.
    assert!(
        lines[1]
            .starts_with("3,Sở Giáo dục và Đào tạo tỉnh Hải Dương,tt22-2020,recognized,Tốt,94.75,"),
        "{text}"
    );
    assert_eq!(lines.len(), 2, "{text}");
    let r = ndjson(&rejects);
    assert_eq!(r[0]["row"], 4);
    assert_eq!(r[0]["errors"][0]["code"], "R009");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_device_or_pipe_is_never_replaced_by_an_output_file() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("fifo");
    let fifo = dir.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // An Excel workbook is written to a temporary file and renamed: not onto a pipe.
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_NDJSON,
        "-o",
        s(&fifo),
        "--output-format",
        "xlsx",
    ]);
    assert!(!run.ok);
    assert!(run.stderr.contains("not a file"), "{}", run.stderr);
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(listing(&dir), vec!["pipe".to_string()]);
}

#[test]
fn an_output_that_would_overwrite_the_input_or_another_output_is_refused() {
    let dir = scratch("names");
    let input = dir.join("units.ndjson");
    std::fs::copy(root().join(UNITS_NDJSON), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let (i, out, rep) = (
        s(&input).to_string(),
        s(&dir.join("out.ndjson")).to_string(),
        s(&dir.join("report.html")).to_string(),
    );
    // The input named a second way: the same file all the same.
    let again = format!(
        "{}/../{}/units.ndjson",
        s(&dir),
        dir.file_name().unwrap().to_str().unwrap()
    );
    let new = "rules/unit/ha-noi-kh103-2021.rules";
    let cases: [(Vec<&str>, &str); 6] = [
        (vec!["batch", RULES, "-i", &i, "-o", &again], "--output"),
        (
            vec!["batch", RULES, "-i", &i, "-o", &out, "--rejects", &i],
            "--rejects",
        ),
        (
            vec!["batch", RULES, "-i", &i, "-o", "-", "--rejects", "-"],
            "--rejects",
        ),
        (
            vec!["batch", RULES, "-i", &i, "-o", &out, "--report", &out],
            "--report",
        ),
        (
            vec!["diff", RULES, new, "-i", &i, "-o", &rep, "--report", &rep],
            "--report",
        ),
        (
            vec!["diff", RULES, new, "-i", &i, "-o", "-", "--report", "-"],
            "--report",
        ),
    ];
    for (args, option) in cases {
        let run = tieuchi(&args);
        assert!(!run.ok, "{args:?} ran");
        assert!(
            run.stderr.contains(option) && run.stderr.contains("hãy đặt tên"),
            "{args:?}: {}",
            run.stderr
        );
        // Nothing written, nothing lost.
        assert_eq!(std::fs::read(&input).unwrap(), before);
        assert_eq!(listing(&dir), vec!["units.ndjson".to_string()], "{args:?}");
    }
}

#[test]
fn an_interrupted_run_leaves_no_output_file_and_a_rerun_gives_the_same_bytes() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let dir = scratch("interrupt");
    let input = dir.join("units.ndjson");
    corrupted_file(&input, 3000);
    let text = std::fs::read(&input).unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("answers.csv");
    let rejects = out_dir.join("rejects.ndjson");
    let report = out_dir.join("report.html");
    let files = [
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
        "--report",
        s(&report),
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(["batch", RULES, "-i", "-", "--jobs", "2"])
        .args(files)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Half the records, and the input left open: the run is midway, its files begun.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&text[..text.len() / 2]).unwrap();
    stdin.flush().unwrap();
    let started = Instant::now();
    while listing(&out_dir).len() < 3 {
        assert!(started.elapsed() < Duration::from_secs(60), "no files");
        std::thread::sleep(Duration::from_millis(10));
    }
    let temps = listing(&out_dir);
    assert!(
        temps
            .iter()
            .all(|n| n.starts_with('.') && n.ends_with(".tmp")),
        "{temps:?}"
    );
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let ended = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(ended.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&ended.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(listing(&out_dir), Vec::<String>::new());

    // Run to the end, twice: the same bytes.
    let mut outputs = Vec::new();
    for _ in 0..2 {
        let run = tieuchi(&[&["batch", RULES, "-i", s(&input)][..], &files[..]].concat());
        assert!(run.ok, "{}", run.stderr);
        outputs.push((
            std::fs::read(&out).unwrap(),
            std::fs::read(&rejects).unwrap(),
        ));
    }
    assert!(!outputs[0].0.is_empty() && !outputs[0].1.is_empty());
    assert!(outputs[0] == outputs[1], "a rerun differs");
    std::fs::remove_dir_all(&dir).unwrap();
}
