//! The VS Code extension's TextMate grammar (`editors/vscode/syntaxes/tieuchi.tmLanguage.json`)
//! is made from the one keyword table (`tieuchi_syntax::keywords`): this test builds it and
//! compares it with the file, so that a keyword added to the language is coloured in both of
//! its spellings. `TIEUCHI_UPDATE_GRAMMAR=1 cargo test -p tieuchi --test editor_grammar`
//! writes the file again.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::path::Path;

use serde_json::{Value, json};
use tieuchi_syntax::keywords::{KeywordLang, Kw};

/// A keyword's spelling as a regular expression: words separated by spaces or tabs, not part
/// of a longer word.
fn pattern(spelling: &str) -> String {
    let words: Vec<String> = spelling
        .split(' ')
        .map(|w| {
            w.chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '_' {
                        c.to_string()
                    } else {
                        format!("\\{c}")
                    }
                })
                .collect()
        })
        .collect();
    words.join("[ \\t]+")
}

/// The spellings of `kws` in both languages as one alternation, longest first (so that `khi
/// đạt một phần` is read before `khi đạt` and `khi`). Across patterns, the first that matches
/// at a place wins: types and keywords come before the word operators, so that `không có` and
/// `không bắt buộc` are read before the operator `không`.
fn alternation(kws: &[Kw]) -> String {
    let mut all: Vec<&str> = kws
        .iter()
        .flat_map(|k| [k.spelling(KeywordLang::En), k.spelling(KeywordLang::Vi)])
        .collect();
    all.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    all.dedup();
    let body: Vec<String> = all.iter().map(|s| pattern(s)).collect();
    format!("(?<![\\w])(?:{})(?![\\w])", body.join("|"))
}

fn grammar() -> Value {
    use Kw::*;
    let operators = [And, Or, Not, In, Where, If, Then, Else];
    let constants = [True, False];
    let types = [
        Bool, Int, Decimal, Text, Date, One, Of, List, ListOf, Optional,
    ];
    let items = [Criterion, Indicator];
    let special: Vec<Kw> = [&operators[..], &constants, &types, &items, &[Source]].concat();
    let others: Vec<Kw> = Kw::all().filter(|k| !special.contains(k)).collect();
    let item_kw = alternation(&items);
    let source_kw = alternation(&[Source]);
    json!({
        "name": "tieuchi",
        "scopeName": "source.tieuchi",
        "fileTypes": ["rules"],
        "comment": "Made from the keyword table by crates/cli/tests/editor_grammar.rs; do not edit by hand.",
        "patterns": [
            { "include": "#comment" },
            { "include": "#citation" },
            { "include": "#string" },
            { "include": "#item" },
            { "include": "#date" },
            { "include": "#number" },
            { "include": "#constant" },
            { "include": "#type" },
            { "include": "#keyword" },
            { "include": "#operator-word" },
            { "include": "#operator" },
            { "include": "#punctuation" },
            { "include": "#name" }
        ],
        "repository": {
            "comment": { "match": "#.*$", "name": "comment.line.number-sign.tieuchi" },
            "citation": {
                "begin": format!("({source_kw})[ \\t]+(\")"),
                "beginCaptures": {
                    "1": { "name": "keyword.other.source.tieuchi" },
                    "2": { "name": "punctuation.definition.string.begin.tieuchi" }
                },
                "end": "\"",
                "endCaptures": { "0": { "name": "punctuation.definition.string.end.tieuchi" } },
                "name": "string.quoted.double.citation.tieuchi",
                "patterns": [{ "include": "#escape" }]
            },
            "string": {
                "begin": "\"",
                "end": "\"",
                "name": "string.quoted.double.tieuchi",
                "patterns": [
                    { "include": "#escape" },
                    { "match": "\\{[^{}\"]*\\}", "name": "variable.other.placeholder.tieuchi" }
                ]
            },
            "escape": { "match": "\\\\.", "name": "constant.character.escape.tieuchi" },
            "item": {
                "match": format!("({item_kw})[ \\t]+([\\w]+(?:\\.[\\w]+)*)"),
                "captures": {
                    "1": { "name": "keyword.control.tieuchi" },
                    "2": { "name": "entity.name.section.tieuchi" }
                }
            },
            // Not the digits of an id (`U2.1`): no word character, nor one and a dot, before.
            "date": { "match": "(?<![\\w])(?<![\\w]\\.)\\d{4}-\\d{2}-\\d{2}(?![\\w])", "name": "constant.numeric.date.tieuchi" },
            "number": { "match": "(?<![\\w])(?<![\\w]\\.)\\d+(?:\\.\\d+)?%?(?![\\w])", "name": "constant.numeric.tieuchi" },
            "constant": { "match": alternation(&constants), "name": "constant.language.boolean.tieuchi" },
            "type": { "match": alternation(&types), "name": "storage.type.tieuchi" },
            "operator-word": { "match": alternation(&operators), "name": "keyword.operator.word.tieuchi" },
            "keyword": { "match": alternation(&others), "name": "keyword.control.tieuchi" },
            "operator": { "match": "\\.\\.<|\\.\\.|<=|>=|==|!=|<|>|\\+|-|\\*|/|=", "name": "keyword.operator.tieuchi" },
            "punctuation": { "match": "[{}()\\[\\],:@]", "name": "punctuation.separator.tieuchi" },
            "name": { "match": "(?<![\\w])[\\p{L}_][\\w]*", "name": "variable.other.tieuchi" }
        }
    })
}

#[test]
fn the_grammar_is_made_from_the_keyword_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../editors/vscode/syntaxes/tieuchi.tmLanguage.json");
    let want = format!("{}\n", serde_json::to_string_pretty(&grammar()).unwrap());
    if std::env::var_os("TIEUCHI_UPDATE_GRAMMAR").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is not the grammar made from the keyword table: run TIEUCHI_UPDATE_GRAMMAR=1 cargo test -p tieuchi --test editor_grammar",
        path.display()
    );
}

#[test]
fn every_keyword_is_in_the_grammar_in_both_languages() {
    let text = serde_json::to_string(&grammar()).unwrap();
    for kw in Kw::all() {
        for lang in [KeywordLang::En, KeywordLang::Vi] {
            let p = serde_json::to_string(&pattern(kw.spelling(lang))).unwrap();
            let p = p.trim_matches('"');
            assert!(text.contains(p), "{kw:?} ({lang:?}) is not in the grammar");
        }
    }
}

/// A snippet's body with each placeholder replaced by its default (`${1:K1}` → `K1`, a choice
/// by its first value).
fn expand(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let inner = &rest[at + 2..];
        let end = inner.find('}').unwrap();
        let spec = &inner[..end];
        let default = match (spec.split_once(':'), spec.split_once('|')) {
            (Some((_, d)), _) => d.to_string(),
            (None, Some((_, choices))) => choices.split(',').next().unwrap().to_string(),
            _ => String::new(),
        };
        out.push_str(&default);
        rest = &inner[end + 1..];
        if let Some(r) = rest.strip_prefix('|') {
            rest = r.strip_prefix('}').unwrap_or(r);
        }
    }
    out.push_str(rest);
    out
}

/// Every snippet of the extension, with its defaults, parses in a model: a criterion and an
/// indicator in a model's body, a test after them.
#[test]
fn the_snippets_are_valid_rules() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../editors/vscode/snippets/tieuchi.json");
    let snippets: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let body = |name: &str| -> String {
        let lines: Vec<String> = snippets[name]["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| expand(l.as_str().unwrap()))
            .collect();
        lines.join("\n")
    };
    let criterion = body("Tiêu chí (criterion)");
    let indicator = body("Chỉ tiêu (indicator)").replace("K1.1", "K2.1");
    let test = body("Kiểm thử (test)");
    let src = format!(
        "model unit \"Đơn vị\" {{\n  source \"Ví dụ\"\n  max 40 points\n  input {{ dieu_kien: bool \"Điều kiện\"  ten_truong: int 0..10 \"Số\" }}\n{criterion}\ncriterion K2 \"K2\" 10 points {{\n  source \"Ví dụ\"\n{indicator}\n}}\n  recognized when total >= 20\n{test}\n}}\n"
    );
    let parsed = tieuchi_syntax::parse(&src);
    assert!(
        parsed.diagnostics.is_empty(),
        "{src}\n{:?}",
        parsed.diagnostics
    );
    assert!(parsed.file.is_some());
}
