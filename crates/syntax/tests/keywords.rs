//! Vietnamese keywords: the table's forms are distinct and read as one thing only; every
//! bundled rule file converted to Vietnamese keywords parses to the same tree, and converted
//! back gives the same bytes; keywords typed in decomposed Unicode, with several spaces, or
//! mixed with English keywords are read; messages quote keywords in the file's language.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::path::{Path, PathBuf};

use support::span_free::erased;
use tieuchi_syntax::{KeywordLang, Kw, Lang, format, format_with, parse};
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rule_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rules") {
            out.push(path);
        }
    }
}

fn words(form: &str) -> Vec<&str> {
    form.split(' ').collect()
}

#[test]
fn forms_are_distinct_nfc_and_never_an_english_keyword() {
    let english: Vec<&str> = Kw::all().map(Kw::english).collect();
    let vietnamese: Vec<&str> = Kw::all().map(Kw::vietnamese).collect();
    for (i, vi) in vietnamese.iter().enumerate() {
        assert!(!vi.is_empty());
        assert_eq!(vi.nfc().collect::<String>(), *vi, "{vi} is not NFC");
        assert_eq!(vi.trim(), *vi);
        assert!(!vi.contains("  "), "{vi}");
        for (j, other) in vietnamese.iter().enumerate() {
            assert!(i == j || vi != other, "{vi} twice");
        }
        // No English keyword is a Vietnamese form or its first word: an English keyword is
        // never read where a Vietnamese one is written.
        let first = words(vi)[0];
        assert!(!english.contains(vi), "{vi}");
        assert!(!english.contains(&first), "{vi}");
    }
    // Where a form is the first words of a longer one, the longer one is read; these are
    // all such pairs, each checked against the grammar (the shorter form is never followed by
    // the rest of the longer one in a valid rule).
    let mut prefixes = Vec::new();
    for short in &vietnamese {
        for long in &vietnamese {
            let (s, l) = (words(short), words(long));
            if l.len() > s.len() && l[..s.len()] == s[..] {
                prefixes.push(format!("{short} < {long}"));
            }
        }
    }
    prefixes.sort();
    assert_eq!(
        prefixes,
        [
            "khi < khi chưa đạt",
            "khi < khi đạt",
            "khi < khi đạt một phần",
            "khi đạt < khi đạt một phần",
            "không < không bắt buộc",
            "không < không có",
            "điểm < điểm sàn",
        ]
    );
}

#[test]
fn word_operators_cannot_name_a_field_in_either_language() {
    for kw in [
        Kw::And,
        Kw::Or,
        Kw::Not,
        Kw::In,
        Kw::Where,
        Kw::True,
        Kw::False,
        Kw::If,
        Kw::Then,
        Kw::Else,
    ] {
        for name in [kw.english(), kw.vietnamese()] {
            let src = format!("model unit \"x\" {{\n  input {{\n    {name}: int\n  }}\n}}\n");
            let parsed = parse(&src);
            assert!(!parsed.diagnostics.is_empty(), "{name} named a field");
        }
    }
    // Names that only begin like a keyword are names.
    let src = "model unit \"x\" {\n  let khiem = 1\n  let sai_so = khiem\n  let then_x = 2\n}\n";
    assert!(parse(src).diagnostics.is_empty());
}

/// A bundled file converted to Vietnamese keywords: the same tree, stable under `format`,
/// and converted back, the same bytes.
#[test]
fn every_bundled_file_converts_to_vietnamese_and_back_byte_for_byte() {
    let mut files = Vec::new();
    rule_files(&root().join("rules"), &mut files);
    assert!(files.len() >= 9);
    let mut seen = [0usize; 2];
    for path in files {
        let name = path.display().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let before = parse(&src);
        assert!(before.diagnostics.is_empty(), "{name}");
        let lang = before.keywords.unwrap();
        seen[usize::from(lang == KeywordLang::Vi)] += 1;
        let tree = erased(before.file.as_ref().unwrap());
        for to in [KeywordLang::Vi, KeywordLang::En] {
            let converted = format_with(&src, Some(to)).unwrap();
            let after = parse(&converted);
            assert!(
                after.diagnostics.is_empty(),
                "{name} in {to:?}: {:?}",
                after.diagnostics
            );
            assert_eq!(after.keywords, Some(to), "{name}");
            assert_eq!(
                erased(after.file.as_ref().unwrap()),
                tree,
                "{name} in {to:?}"
            );
            assert_eq!(format(&converted).unwrap(), converted, "{name} in {to:?}");
            // Back to the language the file is written in: the same bytes.
            assert_eq!(format_with(&converted, Some(lang)).unwrap(), src, "{name}");
            // Pasted in decomposed Unicode (NFD), the keywords still read the same (string
            // values change form, so only the keywords' language and the errors are compared).
            let nfd: String = converted.nfd().collect();
            let pasted = parse(&nfd);
            assert!(pasted.diagnostics.is_empty(), "{name} NFD in {to:?}");
            assert_eq!(pasted.keywords, Some(to), "{name} NFD");
        }
    }
    assert!(
        seen[1] >= 1,
        "no bundled file is written in Vietnamese keywords"
    );
}

const VI: &str = r#"mô hình unit "Đơn vị học tập" {
  tên tiếng Anh "Learning unit"
  hiệu lực từ 2020-09-21 đến 2030-12-31
  địa bàn toàn quốc
  tối đa 20 điểm

  đầu vào {
    members_total: số nguyên 1.. "Số thành viên" tiếng Anh "Members"
    with_plan: số nguyên 0..
    has_library: có/không
    kind: một trong { a, b }
    scores: danh sách(2) gồm số thập phân 0..10
    note: không bắt buộc văn bản
    yêu cầu with_plan <= members_total "Quá số thành viên"
  }

  đặt share = with_plan / members_total

  tiêu chí U1 "Kế hoạch" 20 điểm {
    nguồn "Thông tư 22/2020/TT-BGDĐT"

    chỉ tiêu U1.1 "Có kế hoạch" 10 điểm {
      cho điểm theo tỷ lệ của share
      đạt khi share >= 0.5 và không has_library hoặc kind thuộc [a]
      khi đạt "Đạt"
      khi đạt một phần "Một phần"
      khi chưa đạt "Chưa đạt"
      không áp dụng khi members_total thuộc 1..2 tính là đủ điểm
      điểm sàn 2
    }

    chỉ tiêu U1.2 "Thư viện" 10 điểm {
      cho điểm theo bậc {
        10 khi nếu has_library thì 1 ngược lại 0 == 1
        còn lại 0
      }
      lý do "{count(scores mà đúng)} điểm"
    }
  }

  công nhận khi tổng điểm >= 15
  xếp loại "Tốt" tiếng Anh "Good" khi tổng điểm thuộc 18.. công nhận

  kiểm thử "đủ" {
    đầu vào {
      members_total: 4
      with_plan: 4
      has_library: đúng
      kind: a
      scores: [1, 2]
      note: thiếu
    }
    mong đợi tổng điểm 20
    mong đợi xếp loại không có
    mong đợi trạng thái recognized
  }
}
"#;

#[test]
fn a_vietnamese_file_reads_like_its_english_twin() {
    let vi = parse(VI);
    assert!(vi.diagnostics.is_empty(), "{:?}", vi.diagnostics);
    assert_eq!(vi.keywords, Some(KeywordLang::Vi));
    let en_text = format_with(VI, Some(KeywordLang::En)).unwrap();
    assert!(en_text.contains("award proportional to share"), "{en_text}");
    assert!(en_text.contains("list(2) of decimal 0..10"), "{en_text}");
    assert!(en_text.contains("expect tier none"), "{en_text}");
    assert!(en_text.contains("not applicable when"), "{en_text}");
    let en = parse(&en_text);
    assert_eq!(
        erased(en.file.as_ref().unwrap()),
        erased(vi.file.as_ref().unwrap())
    );
    assert_eq!(format_with(&en_text, Some(KeywordLang::Vi)).unwrap(), VI);
    assert_eq!(format(VI).unwrap(), VI);
}

#[test]
fn mixed_keywords_parse_and_format_in_the_majority_language() {
    let mixed = VI
        .replace("tiêu chí U1", "criterion U1")
        .replace("đạt khi", "pass when")
        .replace(" và ", " and ")
        .replace("tổng điểm >= 15", "total >= 15");
    let parsed = parse(&mixed);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.keywords, Some(KeywordLang::Vi));
    assert_eq!(format(&mixed).unwrap(), VI);
    assert_eq!(
        erased(parsed.file.as_ref().unwrap()),
        erased(parse(VI).file.as_ref().unwrap())
    );
}

#[test]
fn keywords_pasted_decomposed_or_spaced_read_the_same() {
    let nfd: String = VI.nfd().collect();
    let spaced = VI.replace("tiêu chí", "tiêu  \tchí");
    for src in [nfd.as_str(), spaced.as_str()] {
        let parsed = parse(src);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.keywords, Some(KeywordLang::Vi));
    }
    // Case counts, as in English.
    assert!(
        !parse(&VI.replace("tiêu chí", "Tiêu chí"))
            .diagnostics
            .is_empty()
    );
}

#[test]
fn messages_quote_keywords_in_the_files_language() {
    let vi = VI.replace("tối đa 20 điểm", "tối đa 20 diem");
    let d = &parse(&vi).diagnostics[0];
    assert_eq!(d.code, "S001");
    assert_eq!(
        d.message.show(Lang::Both),
        "cần `điểm` ở đây, nhưng gặp `diem` (expected `điểm`, found `diem`)"
    );
    let en = "model unit \"x\" {\n  max 20 diem\n}\n";
    assert_eq!(
        parse(en).diagnostics[0].message.show(Lang::Both),
        "cần `points` ở đây, nhưng gặp `diem` (expected `points`, found `diem`)"
    );
    // A Vietnamese phrase written twice is named whole.
    let twice = VI.replace("      điểm sàn 2\n", "      điểm sàn 2\n      điểm sàn 3\n");
    let d = &parse(&twice).diagnostics[0];
    assert_eq!(d.code, "S006");
    assert_eq!(d.message.vi, "câu lệnh `điểm sàn` được viết hai lần");
    assert_eq!(d.span.len(), "điểm sàn".len());
    // No keyword read at all: each language quotes its own.
    let d = &parse("mo hinh x").diagnostics[0];
    assert_eq!(d.message.vi, "cần `mô hình` ở đây, nhưng gặp `mo`");
    assert_eq!(d.message.en, "expected `model`, found `mo`");
}

/// Reading keywords stays linear: a file twenty times longer takes at most about twenty times
/// as long (with a wide margin for a busy machine).
#[test]
fn a_long_vietnamese_file_is_read_in_linear_time() {
    let body = VI
        .split_once("  tiêu chí U1")
        .map(|(_, rest)| format!("  tiêu chí U1{rest}"))
        .unwrap();
    let body = body.rsplit_once("  công nhận").unwrap().0.to_string();
    let make = |n: usize| {
        let mut src = String::from("mô hình unit \"x\" {\n");
        for i in 0..n {
            src.push_str(&body.replace("U1", &format!("C{i}")));
        }
        src.push_str("}\n");
        src
    };
    let time = |src: &str| {
        let start = std::time::Instant::now();
        for _ in 0..3 {
            std::hint::black_box(parse(src));
        }
        start.elapsed()
    };
    let (small, large) = (make(50), make(1000));
    let _ = time(&small);
    let (t_small, t_large) = (time(&small), time(&large));
    assert!(
        t_large < t_small * 60,
        "{t_small:?} for {} bytes, {t_large:?} for {} bytes",
        small.len(),
        large.len()
    );
}
