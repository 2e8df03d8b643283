//! `tieuchi batch --report --group-by` and `tieuchi diff`: the HTML page read structurally
//! (counts, group rows, the top failing indicator, well-formed SVG, nothing fetched), the
//! diff checked against two independent batch runs, golden files for its CSV and summary,
//! and clear errors for an unknown `--group-by` field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;
use support::{root, s, scratch, tieuchi};

use std::collections::BTreeMap;
use std::path::Path;

use tieuchi_core::Status;

const TT22: &str = "rules/unit/tt22-2020.rules";
const HA_NOI: &str = "rules/unit/ha-noi-kh103-2021.rules";
const UNITS_NDJSON: &str = "rules/unit/examples/batch/units.ndjson";
const UNITS_CSV: &str = "rules/unit/examples/batch/units.csv";

/// The rows of a CSV file as maps from header to cell.
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The text of every `<td>`/`<th>` cell of the table that follows `heading`, row by row.
fn table_after(html: &str, heading: &str) -> Vec<Vec<String>> {
    let start = html.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    let rest = &html[start..];
    let table = &rest[rest.find("<table>").unwrap()..rest.find("</table>").unwrap()];
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<', '>'])
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| w[0].starts_with("td") || w[0].starts_with("th"))
                .map(|w| w[1].to_string())
                .collect()
        })
        .collect()
}

/// Every SVG element is closed, nested properly and its numeric attributes are numbers.
fn assert_well_formed_svg(html: &str) -> usize {
    let mut charts = 0;
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..]
            .find("</svg>")
            .expect("an <svg> without </svg>")
            + start
            + 6;
        let svg = &rest[start..end];
        let mut stack: Vec<String> = Vec::new();
        for tag in svg.split('<').skip(1) {
            let tag = &tag[..tag.find('>').expect("a tag without >")];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "in {svg}");
            } else {
                let name = tag.split_whitespace().next().unwrap();
                assert!(
                    ["svg", "rect", "text", "title"].contains(&name),
                    "{name} in {svg}"
                );
                for attr in ["x", "y", "width", "height"] {
                    if let Some(at) = tag.find(&format!(" {attr}=\"")) {
                        let value = tag[at + attr.len() + 3..].split('"').next().unwrap();
                        value
                            .parse::<u32>()
                            .unwrap_or_else(|_| panic!("{attr}={value}"));
                    }
                }
                if !tag.ends_with('/') {
                    stack.push(name.to_string());
                }
            }
        }
        assert!(stack.is_empty(), "unclosed {stack:?} in {svg}");
        charts += 1;
        rest = &rest[end..];
    }
    charts
}

#[test]
fn batch_report_holds_the_counts_groups_and_top_failing_indicator() {
    let dir = scratch("batch");
    let report = dir.join("report.html");
    let run = tieuchi(&[
        "batch",
        TT22,
        "-i",
        UNITS_NDJSON,
        "-o",
        s(&dir.join("answers.csv")),
        "--report",
        s(&report),
        "--group-by",
        "assessment_year",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert!(!html.contains("http"), "a URL in the page");
    assert!(!html.contains("<script"), "a script in the page");
    assert!(html.contains("Thông tư 22/2020/TT-BGDĐT"));
    assert!(html.contains("từ 21/09/2020 đến 25/01/2024"));
    assert!(html.contains("Đã đọc 52 bản ghi = 46 được chấm điểm + 6 bị từ chối."));
    assert_eq!(assert_well_formed_svg(&html), 3);

    // Statuses under the core's Vietnamese names, the words of the Excel output and README.
    let statuses = table_after(&html, "Tổng quan");
    let names: Vec<&str> = statuses[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, Status::ALL.map(Status::label_vi));
    assert_eq!(
        names,
        ["Được công nhận", "Chưa được công nhận", "Chưa xác định"]
    );
    assert!(!html.contains("Không được công nhận"));

    // Tier counts as the summary on stderr gives them.
    let tiers = table_after(&html, "Theo xếp loại");
    let by_tier: Vec<(String, String)> = tiers[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let expected = ["Tốt 11", "Khá 20", "Trung bình 11", "Chưa đạt 4"];
    assert!(
        run.stderr
            .contains(&format!("(tier): {}", expected.join(", ")))
    );
    let shown: Vec<String> = by_tier.iter().map(|(t, n)| format!("{t} {n}")).collect();
    assert_eq!(shown, expected);

    // One row per assessment year, in order, adding up to the records scored.
    let groups = table_after(&html, "Theo Năm đánh giá");
    let years: Vec<&str> = groups[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(years, ["2020", "2021", "2022"]);
    let scored: u64 = groups[1..]
        .iter()
        .map(|r| r[1].parse::<u64>().unwrap())
        .sum();
    assert_eq!(scored, 46);

    // U2.4 (100 % of members advanced workers) is the indicator failed most often: every
    // scored record, as the CSV output's `failing` column says.
    let answers = csv_rows(&dir.join("answers.csv"));
    let failing_u24 = answers
        .iter()
        .filter(|r| r["failing"].split(' ').any(|i| i == "U2.4"))
        .count();
    let top = table_after(&html, "Các chỉ tiêu chưa đạt nhiều nhất");
    assert_eq!(top[1][0], "U2.4");
    assert_eq!(top[1][2], failing_u24.to_string());
    assert_eq!(top[1][3], "100%");

    // The rejected records with their first reasons.
    let rejected = table_after(&html, "Bản ghi bị từ chối");
    assert_eq!(rejected.len(), 1 + 5);
    assert_eq!(rejected[1][0], "7");
    assert!(rejected[1][2].starts_with("[R009]"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batch_report_over_a_directory_counts_each_version_used() {
    let dir = scratch("versions");
    let report = dir.join("report.html");
    let run = tieuchi(&[
        "batch",
        "rules/unit/",
        "-i",
        UNITS_CSV,
        "-o",
        "/dev/null",
        "--report",
        s(&report),
        "--scope",
        "district_province",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<dd>tt22-2020</dd>"));
    // Titled with the version that scored the records, not the directory's first file, and
    // the indicators in the wording they were scored under (TT 22/2020, not Hà Nội's 70 %).
    assert!(
        html.contains("<title>Báo cáo chấm điểm: Đơn vị học tập (tt22-2020)</title>"),
        "{html}"
    );
    assert!(!html.contains("xã quản lý"), "{html}");
    assert!(!html.contains("Ít nhất 70%"), "{html}");
    assert!(html.contains("<dt>Số bản ghi đã chấm</dt><dd>46</dd>"));
    // Only the version used is described; the others are counted.
    assert!(!html.contains("<dd>tt24-2023</dd>"));
    assert!(html.contains("phiên bản khác trong thư mục không chấm bản ghi nào"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unknown_group_by_field_is_named_with_the_known_ones() {
    let dir = scratch("unknown");
    let report = dir.join("report.html");
    let cases: [&[&str]; 2] = [
        &["batch", TT22, "-i", UNITS_NDJSON, "-o", "/dev/null"],
        &["diff", TT22, HA_NOI, "-i", UNITS_NDJSON],
    ];
    for args in cases {
        let mut args = args.to_vec();
        args.extend(["--report", s(&report), "--group-by", "unit_nam"]);
        let run = tieuchi(&args);
        assert!(!run.ok);
        assert!(
            run.stderr
                .contains("--group-by unit_nam: không có trường dữ liệu nào tên unit_nam"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("có phải ý bạn là unit_name?"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("known fields): unit_name, assessment_year,")
        );
        assert!(
            std::fs::read_dir(&dir).unwrap().next().is_none(),
            "a file was left"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Line → (status, tier) of a batch CSV output.
fn verdicts(rules: &str, dir: &Path) -> BTreeMap<String, (String, String)> {
    let out = dir.join(format!("{}.csv", rules.replace('/', "_")));
    let run = tieuchi(&["batch", rules, "-i", UNITS_NDJSON, "-o", s(&out)]);
    assert!(run.ok, "{}", run.stderr);
    csv_rows(&out)
        .into_iter()
        .map(|r| (r["line"].clone(), (r["status"].clone(), r["tier"].clone())))
        .collect()
}

#[test]
fn diff_lists_exactly_the_units_whose_tier_moved() {
    let dir = scratch("diff");
    let (old, new) = (verdicts(TT22, &dir), verdicts(HA_NOI, &dir));
    assert_eq!(old.len(), 46);
    let moved: Vec<String> = old
        .iter()
        .filter(|(line, v)| new[*line] != **v)
        .map(|(line, _)| line.clone())
        .collect();
    assert!(
        !moved.is_empty(),
        "no unit changes tier: the example proves nothing"
    );

    let out = dir.join("diff.csv");
    let run = tieuchi(&[
        "diff",
        TT22,
        HA_NOI,
        "-i",
        UNITS_NDJSON,
        "-o",
        s(&out),
        "-j",
        "3",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let rows = csv_rows(&out);
    let listed: Vec<String> = rows.iter().map(|r| r["line"].clone()).collect();
    let mut sorted = moved.clone();
    sorted.sort_by_key(|l| l.parse::<u64>().unwrap());
    assert_eq!(listed, sorted);
    for r in &rows {
        let (os, ot) = &old[&r["line"]];
        let (ns, nt) = &new[&r["line"]];
        assert_eq!((&r["old_status"], &r["old_tier"]), (os, ot));
        assert_eq!((&r["new_status"], &r["new_tier"]), (ns, nt));
        // Hà Nội asks less of U2.4: every move is up, and U2.4 is among its causes.
        assert_eq!(r["direction"], "up");
        assert!(r["changes"].contains("U2.4 "), "{:?}", r);
    }
    // The summary on stdout lists the same lines.
    let printed: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("bản ghi đổi xếp loại"))
        .take_while(|l| !l.starts_with("bản ghi bị từ chối"))
        .filter_map(|l| l.trim_start().strip_prefix("line "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(printed, sorted);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diff_of_the_csv_file_finds_the_same_units() {
    let dir = scratch("diff-csv");
    let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
    for (input, out) in [(UNITS_NDJSON, &a), (UNITS_CSV, &b)] {
        let run = tieuchi(&["diff", TT22, HA_NOI, "-i", input, "-o", s(out)]);
        assert!(run.ok, "{}", run.stderr);
    }
    // The same bytes whatever the number of threads.
    let c = dir.join("c.csv");
    let run = tieuchi(&[
        "diff",
        TT22,
        HA_NOI,
        "-i",
        UNITS_NDJSON,
        "-o",
        s(&c),
        "-j",
        "1",
    ]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&c).unwrap());
    let ids = |p: &Path| -> Vec<String> { csv_rows(p).iter().map(|r| r["id"].clone()).collect() };
    assert_eq!(ids(&a), ids(&b));
    assert!(!ids(&a).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diff_csv_and_summary_golden() {
    let dir = scratch("golden");
    let out = dir.join("diff.csv");
    let report = dir.join("diff.html");
    let run = tieuchi(&[
        "diff",
        TT22,
        HA_NOI,
        "-i",
        UNITS_NDJSON,
        "-o",
        s(&out),
        "--report",
        s(&report),
        "--group-by",
        "unit_emulation_title",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let summary = run.stdout.replace(s(&out), "OUT.csv");
    insta::assert_snapshot!("diff_summary", summary);
    insta::assert_snapshot!("diff_csv", std::fs::read_to_string(&out).unwrap());

    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(!html.contains("http"));
    assert_eq!(assert_well_formed_svg(&html), 1);
    let matrix = table_after(&html, "Ma trận chuyển xếp loại");
    let header: Vec<&str> = matrix[0].iter().map(String::as_str).collect();
    assert_eq!(
        header,
        ["Cũ \\ Mới", "Tốt", "Khá", "Trung bình", "Chưa đạt"]
    );
    // Row "Khá": one unit up to Tốt, 19 stay; row "Chưa đạt": two up to Trung bình.
    assert_eq!(matrix[2], ["Khá", "1", "19", "0", "0"]);
    assert_eq!(matrix[4], ["Chưa đạt", "0", "0", "2", "2"]);
    let total: u64 = matrix[1..]
        .iter()
        .flat_map(|r| r[1..].iter().map(|n| n.parse::<u64>().unwrap()))
        .sum();
    assert_eq!(total, 46);
    let changed = table_after(&html, "Các bản ghi thay đổi");
    assert_eq!(changed.len(), 1 + 3);
    assert_eq!(changed[3][2..5], ["Khá (84,44)", "Tốt (85,51)", "lên"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_record_rejected_by_one_side_is_counted_and_listed_never_aborting() {
    let dir = scratch("one-side");
    let input = dir.join("units.ndjson");
    // The first unit of the examples, assessed in 2024: the directory's version in force
    // then (TT 24/2023) asks for other inputs (rejected by OLD), while the single file
    // TT 22/2020 scores it (NEW).
    let good = std::fs::read_to_string(root().join(UNITS_NDJSON)).unwrap();
    let first = good.lines().next().unwrap();
    let old_year = first.replace("\"assessment_year\": 2022", "\"assessment_year\": 2024");
    assert_ne!(old_year, first);
    std::fs::write(&input, format!("{old_year}\n{first}\n")).unwrap();
    let report = dir.join("diff.html");
    let run = tieuchi(&[
        "diff",
        "rules/unit/",
        TT22,
        "-i",
        s(&input),
        "--report",
        s(&report),
        "--scope",
        "district_province",
    ]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("đọc 2 bản ghi (records read): 1 so sánh được (compared), 1 bị từ chối"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("line 1 (bộ cũ): ["), "{}", run.stdout);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.contains("1 bản ghi bị từ chối: 1 chỉ bởi bộ cũ, 0 chỉ bởi bộ mới, 0 bởi cả hai.")
    );
    // The old side, a directory, is named by the version that scored the compared record.
    assert!(
        html.contains("<title>So sánh hai bộ tiêu chí: Đơn vị học tập (tt22-2020) → Đơn vị học tập (tt22-2020)</title>"),
        "{html}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
