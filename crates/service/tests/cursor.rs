//! Table-driven tests over cursor positions: each fixture marks the cursor with `$0`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity,
    reason = "tests"
)]

mod support;

use support::cursor;
use tieuchi_service::{Analysis, CompletionKind, Position, SymbolKind};

/// A small model with Vietnamese text before names, so that byte and UTF-16 columns differ.
const MODEL: &str = r#"model unit "Đơn vị học tập" {
  source "Thông tư 22/2020/TT-BGDĐT"
  max 10 points

  input {
    tên_đơn_vị: text "Tên đơn vị"
    members_total: int 1.. "Tổng số thành viên" en "Members in total"
    members_ok: int 0.. "Số thành viên đạt"
    title: one of { none "Chưa có", tien_tien "Tiên tiến", xuat_sac "Xuất sắc" } "Danh hiệu"
    members: list of { age: int 0..120 "Tuổi" } "Thành viên"
  }

  let share_ok = members_ok / members_total

  criterion C1 "Điều kiện" 10 points {
    source "Thông tư 22/2020, tiêu chí 1"
    indicator C1.1 "Tỷ lệ thành viên đạt" 5 points {
      source "Thông tư 22/2020, tiêu chí 1, nội dung 1"
      award proportional to share_ok
    }
    indicator C1.2 "Danh hiệu" 5 points {
      source "Thông tư 22/2020, tiêu chí 1, nội dung 2"
      award whole when title >= tien_tien and count(members where age >= 18) > 0
    }
  }

  recognized when total >= 5

  test "Đủ điểm" {
    input {
      tên_đơn_vị: "Phòng Giáo dục"
      members_total: 10
      members_ok: 10
      title: xuat_sac
      members: [{ age: 30 }]
    }
    expect C1.1 5
    expect total 10
  }
}
"#;

/// The fixture: MODEL with `$0` put before the `n`-th occurrence of `needle` (from 1),
/// `shift` bytes into it.
fn at(needle: &str, n: usize, shift: usize) -> (String, usize) {
    let start = MODEL
        .match_indices(needle)
        .nth(n - 1)
        .unwrap_or_else(|| panic!("no occurrence {n} of {needle}"))
        .0;
    let mut fixture = MODEL.to_string();
    fixture.insert_str(start + shift, "$0");
    cursor(&fixture)
}

fn line_of(text: &str, needle: &str, n: usize) -> u32 {
    let start = text.match_indices(needle).nth(n - 1).unwrap().0;
    text[..start].matches('\n').count() as u32
}

#[test]
fn the_model_checks_without_errors() {
    let a = Analysis::single("m.rules", MODEL);
    let errors: Vec<_> = a
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == tieuchi_syntax::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn definition_at_each_kind_of_name() {
    // (needle, occurrence, shift into it, kind, line of the declaration's needle)
    let table: &[(&str, usize, usize, SymbolKind, (&str, usize))] = &[
        ("members_ok /", 1, 3, SymbolKind::Field, ("members_ok:", 1)),
        (
            "members_total\n",
            1,
            0,
            SymbolKind::Field,
            ("members_total:", 1),
        ),
        ("share_ok\n", 1, 8, SymbolKind::Let, ("let share_ok", 1)),
        ("title >=", 1, 2, SymbolKind::Field, ("title:", 1)),
        (
            "tien_tien and",
            1,
            1,
            SymbolKind::Value,
            ("tien_tien \"", 1),
        ),
        ("age >= 18", 1, 0, SymbolKind::ItemField, ("age:", 1)),
        ("xuat_sac\n", 1, 3, SymbolKind::Value, ("xuat_sac \"", 1)),
        ("age: 30", 1, 1, SymbolKind::ItemField, ("age:", 1)),
        ("C1.1 5", 1, 3, SymbolKind::Indicator, ("C1.1 \"", 1)),
        (
            "tên_đơn_vị: \"Phòng",
            1,
            4,
            SymbolKind::Field,
            ("tên_đơn_vị:", 1),
        ),
    ];
    for (needle, n, shift, kind, (decl, dn)) in table {
        let (text, offset) = at(needle, *n, *shift);
        let a = Analysis::single("m.rules", &text);
        let sym = a
            .symbol_at(offset)
            .unwrap_or_else(|| panic!("no symbol at {needle}"));
        assert_eq!(sym.kind, *kind, "{needle}");
        let def = a.definition(offset).unwrap();
        assert_eq!(def.start.line, line_of(&text, decl, *dn), "{needle}");
        assert_eq!(def.file, "m.rules");
    }
}

#[test]
fn no_symbol_on_keywords_strings_and_past_the_end() {
    for (needle, shift) in [("criterion", 2), ("\"Điều kiện\"", 3), ("award", 0)] {
        let (text, offset) = at(needle, 1, shift);
        let a = Analysis::single("m.rules", &text);
        assert!(a.symbol_at(offset).is_none(), "{needle}");
        assert!(a.hover(offset).is_none(), "{needle}");
    }
    let a = Analysis::single("m.rules", MODEL);
    assert!(a.definition(MODEL.len() + 100).is_none());
    assert!(a.references(usize::MAX, true).is_empty());
    let _ = a.completions(usize::MAX);
    let _ = a.hover(usize::MAX);
}

#[test]
fn references_of_a_field_list_every_use() {
    let (text, offset) = at("members_total:", 1, 2);
    let a = Analysis::single("m.rules", &text);
    let refs = a.references(offset, true);
    // Declaration, the `let`, the test's input.
    assert_eq!(refs.len(), 3, "{refs:#?}");
    assert_eq!(a.references(offset, false).len(), 2);
    let lines: Vec<u32> = refs.iter().map(|r| r.start.line).collect();
    assert_eq!(lines, vec![6, 12, 31]);
}

#[test]
fn hover_says_type_label_uses_points_and_prose() {
    let table: &[(&str, usize, usize, &[&str])] = &[
        (
            "members_total\n",
            1,
            1,
            &[
                "int 1..",
                "Tổng số thành viên (Members in total)",
                "Khoảng giá trị (range): `1..`",
                "used in 2 places",
            ],
        ),
        (
            "title >=",
            1,
            0,
            &["one of { none, tien_tien, xuat_sac }", "Danh hiệu"],
        ),
        (
            "share_ok\n",
            1,
            0,
            &[
                "let share_ok = members_ok / members_total",
                "Bằng lời (in words)",
            ],
        ),
        (
            "C1.1 5",
            1,
            0,
            &[
                "Tỷ lệ thành viên đạt",
                "5 điểm (points)",
                "Nguồn (source): Thông tư 22/2020, tiêu chí 1, nội dung 1",
                "Điểm theo tỷ lệ",
            ],
        ),
        ("C1 \"", 1, 0, &["Điều kiện — 10 điểm", "C1.1, C1.2"]),
        ("tien_tien and", 1, 0, &["`title`", "\"Tiên tiến\""]),
    ];
    for (needle, n, shift, want) in table {
        let (text, offset) = at(needle, *n, *shift);
        let a = Analysis::single("m.rules", &text);
        let h = a
            .hover(offset)
            .unwrap_or_else(|| panic!("no hover at {needle}"));
        for w in *want {
            assert!(
                h.markdown.contains(w),
                "{needle}: {w} not in\n{}",
                h.markdown
            );
        }
    }
}

#[test]
fn completion_depends_on_the_place() {
    let complete = |fixture: &str| {
        let (text, offset) = cursor(fixture);
        let a = Analysis::single("m.rules", &text);
        a.completions(offset)
    };
    // After an enumeration field and a comparison: its values first.
    let c = complete(&MODEL.replace("title >= tien_tien", "title >= $0"));
    let first: Vec<&str> = c
        .iter()
        .filter(|c| c.rank == 0)
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(first, vec!["none", "tien_tien", "xuat_sac"]);
    // In a condition: fields, lets, keywords in the file's language.
    let c = complete(&MODEL.replace(
        "award proportional to share_ok",
        "award proportional to sh$0",
    ));
    assert!(
        c.iter()
            .any(|c| c.label == "share_ok" && c.kind == CompletionKind::Let)
    );
    assert!(
        c.iter().any(
            |c| c.label == "members_total" && c.detail.as_deref() == Some("Tổng số thành viên")
        )
    );
    assert!(
        c.iter()
            .any(|c| c.label == "criterion" && c.kind == CompletionKind::Keyword)
    );
    let sh = c.iter().find(|c| c.label == "share_ok").unwrap();
    assert_eq!(sh.replace.end.character - sh.replace.start.character, 2);
    // After `expect` in a test: indicator ids.
    let c = complete(&MODEL.replace("expect total 10", "expect $0"));
    let ids: Vec<&str> = c
        .iter()
        .filter(|c| c.rank == 0)
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(ids, vec!["C1.1", "C1.2", "C1"]);
    // A test's field value: the field's values.
    let c = complete(&MODEL.replace("title: xuat_sac", "title: $0"));
    assert!(
        c.iter()
            .any(|c| c.label == "xuat_sac" && c.kind == CompletionKind::Value)
    );
    // A test's input: field names.
    let c = complete(&MODEL.replace("      members_ok: 10\n", "      $0\n"));
    assert!(
        c.iter()
            .any(|c| c.label == "members_ok" && c.kind == CompletionKind::Field)
    );
}

#[test]
fn vietnamese_keywords_are_completed_in_vietnamese() {
    let text = tieuchi_syntax::format_with(MODEL, Some(tieuchi_syntax::KeywordLang::Vi)).unwrap();
    let fixture = text.replace(
        "cho điểm theo tỷ lệ của share_ok",
        "cho điểm theo tỷ lệ của $0",
    );
    assert_ne!(fixture, text);
    let (text, offset) = cursor(&fixture);
    let a = Analysis::single("m.rules", &text);
    let c = a.completions(offset);
    assert!(c.iter().any(|c| c.label == "tiêu chí"));
    assert!(!c.iter().any(|c| c.label == "criterion"));
}

#[test]
fn positions_count_utf16_units() {
    let (text, offset) = at("tên_đơn_vị: \"Phòng", 1, 0);
    let a = Analysis::single("m.rules", &text);
    let def = a.definition(offset).unwrap();
    // `    tên_đơn_vị:` — the name starts at column 4 and is 10 UTF-16 units long (17 bytes).
    assert_eq!(def.start.character, 4);
    assert_eq!(def.end.character, 14);
    assert_eq!(def.span.len(), "tên_đơn_vị".len());
    // A position inside the line after Vietnamese letters maps back to the same byte.
    let hole = text.find("\"Phòng Giáo dục\"").unwrap() + "\"Phòng Giáo".len();
    let p = a.main().lines.position(&text, hole);
    assert_eq!(p.character, 6 + 10 + 2 + 11);
    assert_eq!(a.offset(p), hole);
    assert_eq!(
        a.offset(Position {
            line: 9999,
            character: 0
        }),
        text.len()
    );
}

#[test]
fn rename_everywhere_or_refuse() {
    let (text, offset) = at("members_ok /", 1, 0);
    let a = Analysis::single("m.rules", &text);
    let edits = a.rename(offset, "thành_viên_đạt").unwrap();
    assert_eq!(edits.len(), 3);
    let spans: Vec<_> = edits.iter().map(|e| (e.at.span, e.text.clone())).collect();
    let renamed = support::apply(&text, &spans);
    let b = Analysis::single("m.rules", &renamed);
    assert!(b.compiled().program.is_some(), "{:#?}", b.diagnostics());
    assert!(!renamed.contains("members_ok"));
    for bad in [
        "2x",
        "a-b",
        "and",
        "và",
        "",
        "members_total",
        "share_ok",
        "tien_tien",
    ] {
        assert!(a.rename(offset, bad).is_err(), "{bad}");
    }
    let (text, offset) = at("C1.2", 1, 0);
    let a = Analysis::single("m.rules", &text);
    assert_eq!(a.rename(offset, "C1.9").unwrap().len(), 1);
    assert!(a.rename(offset, "C1.1").is_err());
    let (text, offset) = at("expect total", 1, 0);
    assert!(
        Analysis::single("m.rules", &text)
            .prepare_rename(offset)
            .is_err()
    );
}

#[test]
fn outline_nests_criteria_and_indicators() {
    let a = Analysis::single("m.rules", MODEL);
    let syms = a.document_symbols();
    assert_eq!(syms.len(), 1);
    let names: Vec<&str> = syms[0].children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["input", "share_ok", "C1", "Đủ điểm"]);
    let c1 = &syms[0].children[2];
    let inds: Vec<&str> = c1.children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(inds, vec!["C1.1", "C1.2"]);
    let input = &syms[0].children[0];
    assert_eq!(input.children.len(), 5);
    assert_eq!(input.children[4].children[0].name, "age");
}

#[test]
fn quick_fix_replaces_a_misspelt_name_everywhere() {
    let text = MODEL
        .replace("proportional to share_ok", "proportional to share_okk")
        .replace(
            "indicator C1.2 \"Danh hiệu\" 5 points {",
            "indicator C1.2 \"Danh hiệu\" 5 points {\n      met \"{share_okk}\"",
        );
    let a = Analysis::single("m.rules", &text);
    let d = a
        .diagnostics()
        .into_iter()
        .find(|d| d.code == "C001")
        .unwrap();
    assert_eq!(d.at.span.text(&text), "share_okk");
    assert_eq!(d.suggestion.as_deref(), Some("share_ok"));
    let actions = a.code_actions(d.at.span);
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].edits.len(), 2);
    let spans: Vec<_> = actions[0]
        .edits
        .iter()
        .map(|e| (e.at.span, e.text.clone()))
        .collect();
    let fixed = support::apply(&text, &spans);
    assert!(
        Analysis::single("m.rules", &fixed)
            .compiled()
            .program
            .is_some()
    );
}

#[test]
fn diagnostics_have_exact_ranges_in_utf16() {
    let text = MODEL.replace(
        "award proportional to share_ok",
        "award proportional to số_thành_viênn",
    );
    let a = Analysis::single("m.rules", &text);
    let d = a
        .diagnostics()
        .into_iter()
        .find(|d| d.code == "C001")
        .unwrap();
    let line = line_of(&text, "số_thành_viênn", 1);
    assert_eq!((d.at.start.line, d.at.end.line), (line, line));
    assert_eq!(
        d.at.start.character,
        "      award proportional to ".len() as u32
    );
    assert_eq!(
        d.at.end.character - d.at.start.character,
        "số_thành_viênn".chars().count() as u32
    );
    assert!(d.message.vi.starts_with("không tìm thấy"));
}

#[test]
fn a_file_with_syntax_errors_is_answered() {
    let broken = MODEL
        .replace("max 10 points", "max 10 pionts")
        .replace("criterion C1 \"Điều kiện\"", "criterion C1 \"Điều kiện");
    let a = Analysis::single("m.rules", &broken);
    assert!(a.diagnostics().iter().any(|d| d.code.starts_with('S')));
    assert!(a.format().is_none());
    for offset in (0..broken.len()).step_by(7) {
        let _ = (
            a.hover(offset),
            a.completions(offset),
            a.definition(offset),
            a.references(offset, true),
        );
        let _ = (
            a.rename(offset, "x"),
            a.code_actions(tieuchi_syntax::Span::new(offset, offset)),
        );
    }
    let _ = (a.semantic_tokens(), a.document_symbols());
    let empty = Analysis::single("e.rules", "");
    assert!(empty.document_symbols().is_empty());
    assert!(empty.semantic_tokens().is_empty());
}

#[test]
fn formatting_uses_the_formatter() {
    let messy = MODEL.replace("  max 10 points", "max   10 points");
    let a = Analysis::single("m.rules", &messy);
    assert_eq!(
        a.format().as_deref(),
        Some(tieuchi_syntax::format(&messy).unwrap().as_str())
    );
    assert!(
        Analysis::single("m.rules", &a.format().unwrap())
            .format()
            .is_none()
    );
}
