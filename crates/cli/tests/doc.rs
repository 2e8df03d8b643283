//! `tieuchi doc`: the document for sign-off. Golden Markdown of a points-based file, a
//! level-based file and an `extends` file; every bundled file and directory renders; text
//! from a rule file cannot become markup; outputs never overwrite a rule file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use support::{root, scratch, tieuchi};

/// The Markdown of a rule file, written to standard output.
fn markdown(rules: &str) -> String {
    let run = tieuchi(&["doc", rules, "-o", "-", "--format", "md"]);
    assert!(run.ok, "{rules}: {}", run.stderr);
    run.stdout
}

#[test]
fn golden_markdown_of_a_points_file_a_levels_file_and_an_extends_file() {
    insta::assert_snapshot!("doc_tt22_2020", markdown("rules/unit/tt22-2020.rules"));
    insta::assert_snapshot!(
        "doc_commune_tt25_2023",
        markdown("rules/community/commune-tt25-2023.rules")
    );
    insta::assert_snapshot!(
        "doc_ha_noi_kh103_2021",
        markdown("rules/unit/ha-noi-kh103-2021.rules")
    );
}

#[test]
fn every_bundled_file_and_directory_renders_in_both_formats() {
    let dir = scratch("doc-all");
    let mut paths = Vec::new();
    for model in std::fs::read_dir(root().join("rules")).unwrap() {
        let model = model.unwrap().path();
        if !model.is_dir() {
            continue;
        }
        paths.push(model.clone());
        for f in std::fs::read_dir(&model).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "rules") {
                paths.push(f);
            }
        }
    }
    assert!(paths.len() >= 14, "{paths:?}");
    for (n, p) in paths.iter().enumerate() {
        let p = p.to_str().unwrap();
        for ext in ["html", "md"] {
            let out = dir.join(format!("{n}.{ext}"));
            let run = tieuchi(&["doc", p, "-o", out.to_str().unwrap()]);
            assert!(run.ok, "{p}: {}", run.stderr);
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(text.contains("Xét công nhận"), "{p}");
            assert!(!text.contains("giá trị «?"), "{p}");
            if ext == "html" {
                assert!(text.starts_with("<!DOCTYPE html>"), "{p}");
                // Self-contained: nothing fetched.
                for external in ["http://", "https://", "src=", "@import", "url("] {
                    assert!(!text.contains(external), "{p}: {external}");
                }
            }
        }
    }
}

#[test]
fn a_directory_has_a_table_of_its_versions_then_each_version() {
    let md = markdown("rules/unit");
    assert!(md.contains("## Bảng các phiên bản"), "{md}");
    for v in [
        "tt22-2020",
        "tt24-2023",
        "ha-noi-kh103-2021",
        "commune-qd448-2015",
    ] {
        assert!(
            md.contains(&format!("**{}**", v.replace('_', "\\_"))),
            "{v}"
        );
    }
    assert_eq!(md.matches("# Tiêu chí đánh giá, công nhận").count(), 4);
    // The Hà Nội file shows what it changes, inside the directory's document too.
    assert!(md.contains("Những điểm thay đổi so với văn bản gốc"));
}

#[test]
fn every_provisional_item_is_marked_with_its_reason() {
    // The model, criteria 3 and 4 and ten indicators: each marked in its place.
    let md = markdown("rules/family/qd448-2015.rules");
    assert!(md.contains("Toàn bộ bộ tiêu chí là tạm thời"));
    assert_eq!(md.matches("⚠ TẠM THỜI:").count(), 13);
    assert!(md.contains("## Nội dung tạm thời (13)"), "{md}");
    // A provisional pass mark (the program keeps no mark of it: read from the file).
    let village = markdown("rules/community/village-qd448-2015.rules");
    assert!(
        village.contains("| Ngưỡng công nhận | ngưỡng 80/100 điểm là giả định"),
        "{village}"
    );
    assert!(village.contains("(trên tổng số 100 điểm). **⚠ TẠM THỜI:**"));
}

/// A rule file whose labels, citations and reasons try to inject markup.
const HOSTILE: &str = r#"model unit "<script>alert(1)</script> Đơn vị" {
  source "Văn bản <img src=x onerror=alert(2)> & \"trích\""
  max 10 points
  input {
    ok: bool "Có <b>kế hoạch</b> | ô * _ [x](javascript:alert(3))"
    kind: one of { a "<i>A</i>" b "B" } "Loại <u>đơn vị</u>"
  }
  criterion C "<h1>Tiêu chí</h1>" 10 points {
    source "<a href=javascript:alert(4)>Điều 1</a>"
    indicator C.1 "<style>body{display:none}</style>Chỉ tiêu" 10 points {
      source "Điều 1 </td></tr></table><script>x</script>"
      provisional "lý do <script>alert(5)</script>"
      award whole when ok and kind == a
    }
  }
  recognized when total >= 5 provisional "ngưỡng <em>đoán</em>"
}
"#;

#[test]
fn text_from_a_rule_file_never_becomes_markup() {
    let dir = scratch("doc-hostile");
    let rules = dir.join("hostile.rules");
    std::fs::write(&rules, HOSTILE).unwrap();
    let html_out = dir.join("out.html");
    let run = tieuchi(&[
        "doc",
        rules.to_str().unwrap(),
        "-o",
        html_out.to_str().unwrap(),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let html = std::fs::read_to_string(&html_out).unwrap();
    for tag in [
        "<script",
        "<img",
        "<b>kế",
        "<i>A",
        "<u>",
        "<h1>Tiêu chí</h1>",
        "<a href",
        "<em>",
        "</td></tr></table><script",
    ] {
        assert!(!html.contains(tag), "{tag} in the page");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("lý do &lt;script&gt;alert(5)&lt;/script&gt;"));
    // The only elements are the page's own.
    let style_end = html.find("</style>").unwrap();
    assert!(
        !html[style_end + 8..].contains("<style"),
        "a second style sheet"
    );

    let md = tieuchi(&["doc", rules.to_str().unwrap(), "-o", "-", "--format", "md"]);
    assert!(md.ok, "{}", md.stderr);
    for tag in [
        "<script", "<img", "<b>", "<i>", "<u>", "<h1>", "<a href", "<em>",
    ] {
        assert!(!md.stdout.contains(tag), "{tag} in the Markdown");
    }
    // Table cells stay cells, links stay text.
    assert!(
        md.stdout
            .contains("có &lt;b&gt;kế hoạch&lt;/b&gt; \\| ô \\* \\_ \\[x\\](javascript:alert(3))"),
        "{}",
        md.stdout
    );
}

#[test]
fn the_output_never_overwrites_a_rule_file_and_is_written_whole() {
    let dir = scratch("doc-overwrite");
    let base = root().join("rules/unit/tt22-2020.rules");
    let child = root().join("rules/unit/ha-noi-kh103-2021.rules");
    std::fs::copy(&base, dir.join("tt22-2020.rules")).unwrap();
    std::fs::copy(&child, dir.join("hn.rules")).unwrap();
    let before = std::fs::read(dir.join("tt22-2020.rules")).unwrap();
    for target in ["hn.rules", "tt22-2020.rules"] {
        let run = tieuchi(&[
            "doc",
            dir.join("hn.rules").to_str().unwrap(),
            "-o",
            dir.join(target).to_str().unwrap(),
        ]);
        assert!(!run.ok, "{target} overwritten");
        assert!(run.stderr.contains("lỗi (error)"), "{}", run.stderr);
    }
    assert_eq!(std::fs::read(dir.join("tt22-2020.rules")).unwrap(), before);
    // A rule file with errors writes nothing.
    std::fs::write(
        dir.join("bad.rules"),
        "model unit \"x\" {\n  max 100 pointz\n}\n",
    )
    .unwrap();
    let out = dir.join("bad.html");
    let run = tieuchi(&[
        "doc",
        dir.join("bad.rules").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!run.ok);
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_format_follows_the_output_name() {
    let dir = scratch("doc-format");
    let out = dir.join("phu-luc.md");
    let run = tieuchi(&[
        "doc",
        "rules/clan/qd448-2015.rules",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("**PHỤ LỤC**")
    );
}

/// The document as the library makes it (what the playground shows), read from disk here.
fn library_document(rules: &str) -> tieuchi_core::doc::Document {
    let path = root().join(rules);
    let src = std::fs::read_to_string(&path).unwrap();
    let mut read = |from: &str, rel: &str| {
        let target = std::path::Path::new(from).parent().unwrap().join(rel);
        let text = std::fs::read_to_string(&target).map_err(|e| e.to_string())?;
        Ok((target.display().to_string(), text))
    };
    let file = tieuchi_core::doc::load(&path.display().to_string(), &src, &mut read, &mut |c| {
        assert!(!c.has_errors(), "{rules}")
    })
    .unwrap();
    tieuchi_core::doc::file_document(&file)
}

#[test]
fn the_command_writes_the_library_document() {
    for rules in [
        "rules/unit/tt22-2020.rules",
        "rules/unit/ha-noi-kh103-2021.rules",
        "rules/community/commune-tt25-2023.rules",
        "rules/clan/qd448-2015.rules",
    ] {
        let document = library_document(rules);
        let html = tieuchi(&["doc", rules, "-o", "-"]);
        assert!(html.ok, "{rules}: {}", html.stderr);
        assert_eq!(html.stdout, document.html(), "{rules}");
        assert_eq!(markdown(rules), document.markdown(), "{rules}");
    }
    // The extends file's document has its changes from its parent, named by file.
    let html = library_document("rules/unit/ha-noi-kh103-2021.rules").html();
    assert!(html.contains("Những điểm thay đổi so với văn bản gốc"));
    assert!(html.contains("tệp tt22-2020.rules"), "{html}");
}
