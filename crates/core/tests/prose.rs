//! The rules in Vietnamese prose (`tieuchi_core::prose`): a table of expressions and the
//! sentences they read as (`tests/prose/cases.txt`, one case a block: the `award` or `pass`
//! statement, then the expected sentence), and every indicator of every bundled rule file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use tieuchi_core::prose::{self, Prose};
use tieuchi_core::{Program, compile};

mod support;

use support::root;

/// The model every case of the table is written into: one indicator, its statements the
/// case's.
const MODEL: &str = r#"model family "Mẫu" {
  source "Ví dụ"
  max 10 points
  input {
    has_plan: bool "Đơn vị có kế hoạch học tập"
    broke_law: bool "Có thành viên vi phạm pháp luật"
    honest: bool "Trung thực, lễ phép"
    members_total: int 1.. "Tổng số thành viên"
    members_compliant: int 0.. "Số thành viên chấp hành kỷ luật"
    score: decimal 0..10 "Điểm tự đánh giá"
    year: int 2000..2100 "Năm đánh giá"
    start: date "Ngày thành lập"
    title: one of {
      none "Chưa có danh hiệu"
      tien_tien "Tập thể lao động tiên tiến"
      xuat_sac "Tập thể lao động xuất sắc"
    } "Danh hiệu thi đua"
    name: text "Tên đơn vị"
    scores: list(3) of decimal 0..10 "Điểm các chỉ số"
    members: list of {
      birth: date "Ngày sinh"
      schooling: one of { none "Không đi học" primary "Tiểu học" lower "Trung học cơ sở" } "Hiện đang đi học ở"
      honest: bool "Trung thực, lễ phép"
      recognized: bool "Được công nhận Công dân học tập"
      broke_law_member: bool "Vi phạm quy ước"
      hours: int 0.. "Số giờ học"
    } "Các thành viên trong gia đình"
  }
  let share_compliant = members_compliant / members_total
  let reference = date(year, 12, 31)
  let children = members where age(birth, reference) in 6..14
  let pupils = children where schooling != none
  let unit_ok = has_plan and title >= tien_tien
  criterion C "Tiêu chí" 10 points {
    source "Ví dụ"
    indicator C.1 "Chỉ tiêu" 10 points {
      source "Ví dụ"
      CASE
    }
  }
  recognized when total >= 5
}"#;

fn program_with(statements: &str) -> Program {
    let mut src = MODEL.replace("CASE", statements);
    if statements.starts_with("pass") || statements.contains("\npass") {
        src = src
            .replace("  max 10 points\n", "")
            .replace(" 10 points {", " {")
            .replace(
                "recognized when total >= 5",
                "level \"Mức độ 1\" recognized\n  level \"Mức độ 2\" recognized",
            );
    }
    let compiled = compile(&src);
    compiled.program.unwrap_or_else(|| {
        panic!(
            "{statements}: {:?}",
            compiled
                .diagnostics
                .iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
        )
    })
}

/// The comment at the top of the table, kept when it is rewritten.
const CASES_HEADER: &str = "\
# Cases of crates/core/tests/prose.rs: the statements of one indicator of the model written
# there (fields: has_plan, broke_law, honest, members_total, members_compliant, score, year,
# start, title, name, scores, members; lets: share_compliant, reference, children, pupils,
# unit_ok), then `=> ` and the sentence the document shows. A case with `pass` is written
# into the same model decided by two levels. `PROSE_BLESS=1 cargo test -p tieuchi-core --test
# prose` rewrites the sentences with what the code says (read the difference before
# committing it).
";

/// The cases: blocks separated by blank lines, the statements on the lines before `=>`, the
/// sentence on the line after it.
fn cases() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("tests/prose/cases.txt")).unwrap();
    text.split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty() && !b.starts_with('#'))
        .map(|b| {
            let (statements, sentence) = b.split_once("\n=> ").unwrap_or_else(|| panic!("{b}"));
            (statements.to_string(), sentence.trim().to_string())
        })
        .collect()
}

#[test]
fn every_construct_reads_as_written_in_the_table() {
    let mut failures = Vec::new();
    let all = cases();
    let mut blessed = String::from(CASES_HEADER);
    for (statements, expected) in &all {
        let program = program_with(statements);
        let ind = &program.criteria[0].indicators[0];
        let got = Prose::new(&program).indicator(ind);
        blessed.push_str(&format!("\n{statements}\n=> {got}\n"));
        if got != *expected {
            failures.push(format!(
                "{statements}\n  expected: {expected}\n  got:      {got}"
            ));
        }
    }
    // `PROSE_BLESS=1 cargo test -p tieuchi-core --test prose` writes what the code says.
    if std::env::var_os("PROSE_BLESS").is_some() {
        std::fs::write(root().join("tests/prose/cases.txt"), blessed).unwrap();
        return;
    }
    assert!(all.len() >= 30, "{} cases", all.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Every bundled rule file, compiled with the files it extends and uses.
fn bundled() -> Vec<(String, Program)> {
    support::bundled_paths()
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let program = support::compile_path(&path)
                .program
                .unwrap_or_else(|| panic!("{name} has errors"));
            (name, program)
        })
        .collect()
}

#[test]
fn every_bundled_indicator_reads_as_a_sentence_without_field_names() {
    let mut problems = Vec::new();
    let mut count = 0;
    for (name, program) in bundled() {
        // Names of fields with a label, of values with a label, of lets short enough to be
        // said where they are used: none may be left in a sentence.
        let mut names: Vec<String> = Vec::new();
        let fields = program
            .fields
            .iter()
            .chain(program.lists.iter().flat_map(|l| l.item.fields()));
        for f in fields {
            if f.label.is_some() {
                names.push(f.name.clone());
            }
        }
        for e in &program.enums {
            for v in &e.variants {
                if v.label.is_some() && v.name.contains('_') {
                    names.push(v.name.clone());
                }
            }
        }
        let named: Vec<String> = Prose::new(&program)
            .named_lets()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        for l in &program.lets {
            if !named.contains(&l.name) {
                names.push(l.name.clone());
            }
        }
        for (id, sentence) in prose::indicators(&program) {
            count += 1;
            if sentence.trim().len() < 10 {
                problems.push(format!("{name} {id}: empty sentence {sentence:?}"));
            }
            for n in &names {
                let found = sentence.match_indices(n.as_str()).any(|(at, _)| {
                    let before = sentence[..at].chars().next_back();
                    let after = sentence[at + n.len()..].chars().next();
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    !word(before) && !word(after)
                });
                if found {
                    problems.push(format!("{name} {id}: `{n}` left in {sentence:?}"));
                }
            }
            if sentence.contains('?') {
                problems.push(format!("{name} {id}: unknown part in {sentence:?}"));
            }
        }
        assert!(!prose::decision(&program).is_empty(), "{name}: no decision");
    }
    assert!(count >= 80, "{count} indicators");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Prints every sentence of the bundled rule files (`cargo test -p tieuchi-core --test prose
/// -- --ignored --nocapture print`), to read them.
#[test]
#[ignore = "prints, for reading"]
fn print() {
    for (name, program) in bundled() {
        println!("== {name}");
        for (id, sentence) in prose::indicators(&program) {
            println!("{id}: {sentence}");
        }
        for (n, p) in prose::lets(&program) {
            println!("  let {n} = {p}");
        }
        for s in prose::decision(&program) {
            println!("  {s}");
        }
    }
}

#[test]
fn deductions_say_what_they_take_off() {
    let program = compile(include_str!("../../../tests/language/deductions.rules"))
        .program
        .unwrap();
    let said: Vec<(String, String)> = prose::indicators(&program);
    assert_eq!(
        said,
        [
            ("K1", "Điểm bằng điểm tự học (từ 0 đến 10 điểm)."),
            (
                "K2",
                "Trừ số điểm bằng 2 × số lần vi phạm quy ước (trừ tối đa 6 điểm)."
            ),
            ("L1", "Đạt 10 điểm khi giúp đỡ hàng xóm học tập."),
            ("L2", "Trừ 3 điểm khi bị nhắc nhở công khai."),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn the_decision_reads_as_sentences() {
    let program = program_with("award whole when has_plan\nfloor 5");
    assert_eq!(
        prose::decision(&program),
        [
            "Được công nhận khi tổng điểm đạt từ 5 điểm trở lên (trên tổng số 10 điểm).",
            "Mỗi chỉ tiêu phải đạt từ 5 điểm trở lên.",
            "Hồ sơ có tiêu chí hoặc chỉ tiêu dưới điểm sàn thì không được công nhận.",
        ]
    );
    let levels = program_with("pass when has_plan");
    assert_eq!(
        prose::decision(&levels),
        [
            "Đạt «Mức độ 1» khi mọi chỉ tiêu áp dụng đều đạt ở mức 1; được công nhận.",
            "Đạt «Mức độ 2» khi mọi chỉ tiêu áp dụng đều đạt ở mức 2 (mức cao hơn được xét khi đã đạt mức 1); được công nhận.",
            "Không đạt mức 1 thì không được công nhận.",
        ]
    );
}

#[test]
fn a_long_let_is_named_once_and_chains_stay_linear() {
    // 200 lets, each twice the one before: said in full each would be 2^200 long.
    let mut lets = String::from("  let v0 = score\n");
    for i in 1..200 {
        lets.push_str(&format!("  let v{i} = v{} + v{}\n", i - 1, i - 1));
    }
    let src = MODEL
        .replace("CASE", "award value v199")
        .replace("  criterion C", &format!("{lets}  criterion C"));
    let program = compile(&src).program.unwrap();
    let mut p = Prose::new(&program);
    let sentence = p.indicator(&program.criteria[0].indicators[0]);
    assert!(sentence.contains("giá trị «v1"), "{sentence}");
    assert!(
        sentence.chars().count() < 2 * prose::INLINE_LIMIT,
        "{sentence}"
    );
    let named = p.named_lets();
    assert!(named.len() > 20, "{}", named.len());
    let total: usize = named.iter().map(|(_, t)| t.len()).sum();
    assert!(total < 200_000, "{total} bytes");
}
