//! The service over the bundled rule files (`rules/`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity,
    reason = "tests"
)]

mod support;

use support::{analyse_at, apply, bundled, bundled_files};
use tieuchi_core::testing::run_tests;
use tieuchi_service::{Analysis, SymbolKind};

/// The text as the rules read names: comments removed, strings blanked except the holes of
/// messages (`{name}`); an independent count of where a name is written.
fn names_only(text: &str) -> String {
    // The JSON paths of `expect error "/field"` name fields: kept, slashes blanked.
    let text = &text
        .lines()
        .map(|l| match l.trim_start().strip_prefix("expect error \"") {
            Some(path) => format!("expect error {}", path.replace(['/', '"'], " ")),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut in_str, mut in_hole, mut in_comment) = (false, false, false);
    while let Some(c) = chars.next() {
        let keep = if in_comment {
            if c == '\n' {
                in_comment = false;
            }
            c == '\n'
        } else if in_str && !in_hole {
            match c {
                '\\' => {
                    chars.next();
                    out.push(' ');
                }
                '"' => in_str = false,
                '{' => in_hole = true,
                _ => {}
            }
            false
        } else if in_hole && c == '}' {
            in_hole = false;
            false
        } else if !in_str && c == '#' {
            in_comment = true;
            false
        } else if !in_str && c == '"' {
            in_str = true;
            false
        } else {
            true
        };
        out.push(if keep { c } else { ' ' });
    }
    out
}

/// Whole-word occurrences of `name` in `text` (ids may hold dots).
fn count_words(text: &str, name: &str) -> usize {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    text.match_indices(name)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + name.len()..].chars().next();
            !before.is_some_and(word)
                && !after.is_some_and(|c| {
                    word(c) && c != '.'
                        || (c == '.'
                            && text[i + name.len() + 1..]
                                .starts_with(|d: char| d.is_alphanumeric()))
                })
        })
        .count()
}

#[test]
fn every_name_of_tt22_has_its_definition_and_all_its_references() {
    let (_, text, a) = bundled("unit/tt22-2020.rules");
    assert!(a.compiled().program.is_some());
    let plain = names_only(&text);
    let mut checked = 0;
    for kind in [
        SymbolKind::Field,
        SymbolKind::Let,
        SymbolKind::Criterion,
        SymbolKind::Indicator,
    ] {
        for (_, sym) in a.index().of_kind(kind) {
            let offset = sym.span.start as usize;
            let def = a.definition(offset).unwrap();
            assert_eq!(def.span, sym.span, "{}", sym.name);
            let refs = a.references(offset, true);
            let want = count_words(&plain, &sym.name);
            assert_eq!(
                refs.len(),
                want,
                "{} {:?}",
                sym.name,
                refs.iter().map(|r| r.start.line + 1).collect::<Vec<_>>()
            );
            // From every reference, the definition is the declaration.
            for r in &refs {
                assert_eq!(
                    a.definition(r.span.start as usize).unwrap().span,
                    sym.span,
                    "{}",
                    sym.name
                );
            }
            checked += 1;
        }
    }
    // 13 fields, 5 lets, 3 criteria, 10 indicators.
    assert_eq!(checked, 31);
}

#[test]
fn renaming_any_name_of_tt22_round_trips_and_keeps_the_answers() {
    let (path, text, a) = bundled("unit/tt22-2020.rules");
    let before = run_tests(a.compiled().program.as_ref().unwrap());
    assert!(before.iter().all(|t| t.passed()));
    for kind in [
        SymbolKind::Field,
        SymbolKind::Let,
        SymbolKind::Indicator,
        SymbolKind::Criterion,
        SymbolKind::Value,
    ] {
        for (_, sym) in a.index().of_kind(kind) {
            let new_name = format!("{}_đổi", sym.name);
            let edits = a.rename(sym.span.start as usize, &new_name).unwrap();
            assert!(edits.iter().all(|e| e.at.file == a.main().name));
            let spans: Vec<_> = edits.iter().map(|e| (e.at.span, e.text.clone())).collect();
            let renamed = apply(&text, &spans);
            let b = analyse_at(&path, &renamed);
            let program = b
                .compiled()
                .program
                .as_ref()
                .unwrap_or_else(|| panic!("{}: {:#?}", sym.name, b.diagnostics()));
            let after = run_tests(program);
            assert_eq!(after.len(), before.len());
            assert!(after.iter().all(|t| t.passed()), "{}", sym.name);
            // And back.
            let back_sym = b
                .index()
                .find(sym.kind, sym.owner.as_deref(), &new_name)
                .unwrap();
            let at = b.index().symbols[back_sym].span.start as usize;
            let edits = b.rename(at, &sym.name).unwrap();
            let spans: Vec<_> = edits.iter().map(|e| (e.at.span, e.text.clone())).collect();
            assert_eq!(apply(&renamed, &spans), text, "{}", sym.name);
        }
    }
}

#[test]
fn an_extending_file_reaches_its_parents_names() {
    let (_, text, a) = bundled("unit/ha-noi-kh103-2021.rules");
    assert!(a.compiled().program.is_some());
    let parent = a.files()[1].name.clone();
    assert!(parent.ends_with("tt22-2020.rules"));
    // A `let` of the parent used here.
    let at = text.find("share_advanced /").unwrap();
    let def = a.definition(at).unwrap();
    assert_eq!(def.file, parent);
    let refs = a.references(at, true);
    assert!(refs.iter().any(|r| r.file == parent));
    assert!(refs.iter().any(|r| r.file == a.main().name));
    // The overridden indicator: its declaration is the parent's.
    let at = text.find("U2.4 \"Ít nhất").unwrap();
    assert_eq!(a.definition(at).unwrap().file, parent);
    let hover = a.hover(at).unwrap();
    assert!(hover.markdown.contains("5 điểm"), "{}", hover.markdown);
    // Renaming it renames the parent's places too.
    let edits = a
        .rename(text.find("share_advanced /").unwrap(), "tỷ_lệ_tiên_tiến")
        .unwrap();
    assert!(edits.iter().any(|e| e.at.file == parent));
    assert!(edits.iter().any(|e| e.at.file == a.main().name));
    // Across files: the parent's declaration seen from the child.
    let share = a.references_to(&parent, SymbolKind::Let, None, "share_advanced");
    assert_eq!(share.len(), refs.len());
}

#[test]
fn every_bundled_file_is_answered_everywhere() {
    for rel in bundled_files() {
        let (_, text, a) = bundled(&rel);
        assert!(a.compiled().program.is_some(), "{rel}");
        // Tokens in order, not overlapping, each on one line.
        let tokens = a.semantic_tokens();
        assert!(!tokens.is_empty());
        for w in tokens.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "{rel}: {:?}", w);
        }
        for t in &tokens {
            assert!(!t.span.text(&text).contains('\n'), "{rel}: {t:?}");
        }
        let symbols = a.document_symbols();
        let model = &a.ast(0).unwrap().model;
        let criteria = symbols[0]
            .children
            .iter()
            .filter(|s| s.kind == tieuchi_service::OutlineKind::Criterion)
            .count();
        assert_eq!(criteria, model.criteria.len(), "{rel}");
        assert!(a.format().is_none(), "{rel} is formatted already");
        // Every name hovered, completed and defined.
        for o in a.index().occurrences.iter().filter(|o| o.file == 0) {
            let at = o.span.start as usize;
            assert!(a.hover(at).is_some(), "{rel}: {o:?}");
            assert!(a.definition(at).is_some(), "{rel}: {o:?}");
        }
        let _ = a.completions(text.len() / 2);
    }
}

#[test]
fn keywords_of_both_languages_are_coloured() {
    let (_, text, _) = bundled("unit/tt22-2020.rules");
    for lang in [
        tieuchi_syntax::KeywordLang::En,
        tieuchi_syntax::KeywordLang::Vi,
    ] {
        let converted = tieuchi_syntax::format_with(&text, Some(lang)).unwrap();
        let a = Analysis::single("x.rules", &converted);
        let tokens = a.semantic_tokens();
        let keywords: Vec<&str> = tokens
            .iter()
            .filter(|t| t.ty == tieuchi_service::TokenType::Keyword)
            .map(|t| t.span.text(&converted))
            .collect();
        let want = match lang {
            tieuchi_syntax::KeywordLang::En => ["criterion", "indicator", "award"],
            tieuchi_syntax::KeywordLang::Vi => ["tiêu chí", "chỉ tiêu", "cho điểm"],
        };
        for w in want {
            assert!(keywords.contains(&w), "{w}");
        }
        // Citations are marked, comments found, the `{holes}` of messages are names.
        assert!(
            tokens
                .iter()
                .any(|t| t.modifiers & 2 != 0 && t.span.text(&converted).starts_with("\"Thông tư"))
        );
        assert!(
            tokens
                .iter()
                .any(|t| t.ty == tieuchi_service::TokenType::Comment)
        );
        let hole = converted.find("({members_with_approved_plan})").unwrap() + 2;
        assert!(tokens.iter().any(|t| t.span.start as usize == hole && t.ty == tieuchi_service::TokenType::Field));
    }
}
