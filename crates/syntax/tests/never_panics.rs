//! The parser never panics: on arbitrary text, on token soup, and on mutations of the real
//! TT 22/2020 unit rule file. Every diagnostic it returns has a code, a help line and a span
//! that lies within the source, on character boundaries.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use proptest::prelude::*;
use tieuchi_syntax::{limits, parse};

const UNIT_RULES: &str = include_str!("../../../rules/unit/tt22-2020.rules");

/// Snippets that stress the parser's recovery: delimiters, strings, ranges, comments, keywords.
const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\\",
    "\"{",
    "{x}",
    "..<",
    "..",
    "..<5",
    "0..",
    "#",
    "\n",
    " ",
    "(",
    ")",
    "[",
    "]",
    ":",
    ",",
    "=",
    ">=",
    "-",
    "1e9",
    "99999999999999999999999999999999",
    "2024-02-30",
    "2024-13-01",
    "đơn vị",
    "🙂",
    "\u{0}",
    "\t",
    "\r\n",
    "model",
    "input",
    "optional",
    "one of {",
    "criterion",
    "indicator",
    "award",
    "whole when",
    "proportional to",
    "bands",
    "deduct",
    "per",
    "otherwise",
    "floor",
    "not applicable",
    "counts as excluded",
    "tier",
    "recognized",
    "require",
    "let",
    "test",
    "expect",
    "missing",
    "points",
    "max",
    "rounding",
    "valid from",
    "source",
    "english",
    "provisional",
    "total in",
    "true",
    "false",
    // Vietnamese keywords, whole, cut, decomposed, and lone combining marks.
    "mô hình",
    "tiêu chí",
    "chỉ tiêu",
    "cho điểm theo tỷ lệ của",
    "khi",
    "khi đạt",
    "khi đạt một phần",
    "không",
    "không có",
    "không áp dụng",
    "điểm",
    "điểm sàn",
    "ngược lại",
    "có/không",
    "danh sách(3) gồm",
    "tiê\u{302}u chi\u{301}",
    "tiếng",
    "\u{301}",
    "\u{323}\u{302}",
    "ngược  \t lại",
];

/// Asserts the parse result is well-formed for `src`.
fn check(src: &str) {
    let parsed = parse(src);
    for d in &parsed.diagnostics {
        let (start, end) = (d.span.start as usize, d.span.end as usize);
        assert!(
            start <= end && end <= src.len(),
            "span {start}..{end} outside a source of {} bytes: {d:?}\nsource: {src:?}",
            src.len()
        );
        assert!(
            src.is_char_boundary(start) && src.is_char_boundary(end),
            "span {start}..{end} not on char boundaries: {d:?}\nsource: {src:?}"
        );
        for l in &d.labels {
            let (s, e) = (l.span.start as usize, l.span.end as usize);
            assert!(
                s <= e && e <= src.len() && src.is_char_boundary(s) && src.is_char_boundary(e),
                "label span {s}..{e} invalid: {d:?}\nsource: {src:?}"
            );
        }
        assert!(
            d.code.len() == 4 && d.code.starts_with('S'),
            "unexpected code {:?}: {d:?}",
            d.code
        );
        assert!(!d.message.vi.trim().is_empty(), "empty message: {d:?}");
        assert!(!d.message.en.trim().is_empty(), "empty message: {d:?}");
        assert!(
            d.help
                .as_ref()
                .is_some_and(|h| !h.vi.trim().is_empty() && !h.en.trim().is_empty()),
            "diagnostic without a help line: {d:?}\nsource: {src:?}"
        );
        // Line and column must be computable for every diagnostic.
        let lc = d.line_col(src);
        assert!(lc.line >= 1 && lc.column >= 1);
    }
    let starts: Vec<u32> = parsed.diagnostics.iter().map(|d| d.span.start).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "diagnostics not in source order: {starts:?}"
    );
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One edit of a source text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Delete the bytes between two positions (snapped to char boundaries).
    Delete(usize, usize),
    /// Insert a snippet at a position.
    Insert(usize, &'static str),
    /// Insert arbitrary text at a position.
    InsertText(usize, String),
    /// Duplicate a line (by index modulo the line count).
    DuplicateLine(usize),
    /// Swap two lines.
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0usize..200).prop_map(|(a, len)| Mutation::Delete(a, len)),
        4 => (any::<usize>(), prop::sample::select(SNIPPETS)).prop_map(|(a, s)| Mutation::Insert(a, s)),
        1 => (any::<usize>(), "\\PC{0,8}").prop_map(|(a, s)| Mutation::InsertText(a, s)),
        2 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(src: &mut String, m: &Mutation) {
    let pos = |p: usize, s: &str| floor_boundary(s, p % (s.len() + 1));
    match m {
        Mutation::Delete(a, len) => {
            let start = pos(*a, src);
            let end = floor_boundary(src, start + len);
            src.replace_range(start..end, "");
        }
        Mutation::Insert(a, snippet) => {
            let at = pos(*a, src);
            src.insert_str(at, snippet);
        }
        Mutation::InsertText(a, text) => {
            let at = pos(*a, src);
            src.insert_str(at, text);
        }
        Mutation::DuplicateLine(n) => {
            let lines: Vec<&str> = src.split_inclusive('\n').collect();
            if lines.is_empty() {
                return;
            }
            let i = n % lines.len();
            let mut out = String::with_capacity(src.len() * 2);
            for (k, l) in lines.iter().enumerate() {
                out.push_str(l);
                if k == i {
                    if !l.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(l);
                }
            }
            *src = out;
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
            if lines.is_empty() {
                return;
            }
            let (i, j) = (a % lines.len(), b % lines.len());
            lines.swap(i, j);
            *src = lines.join("\n");
        }
    }
}

#[test]
fn real_rule_file_parses_cleanly() {
    let parsed = parse(UNIT_RULES);
    assert!(parsed.file.is_some());
    assert!(
        parsed.diagnostics.is_empty(),
        "the unit rule file has syntax errors: {:?}",
        parsed.diagnostics
    );
}

#[test]
fn edge_inputs() {
    for src in [
        "",
        " ",
        "\n",
        "#",
        "\"",
        "{",
        "}",
        "model",
        "model unit",
        "model unit \"",
        "model unit \"x\" {",
        "model unit \"x\" { input {",
        "model unit \"x\" { input { a: one of {",
        "model unit \"x\" { input { a: int ..<",
        "model unit \"x\" { input { a: int 5..<",
        "model unit \"x\" { let a = (",
        "model unit \"x\" { let a = \"{",
        "model unit \"x\" { let a = \"\\",
        "model unit \"x\" { tier \"a\" when total in",
        "model unit \"x\" { criterion C1 \"c\" 10 points { indicator C1.1 \"i\" 10 points { award",
        "model unit \"x\" { test t { expect",
        "\u{feff}model unit \"x\" {}",
        "model unit \"đơn vị 🙂\" { source \"é\u{301}\" }",
        "model\u{a0}unit",
        "model unit \"x\" { source \"a\\",
        "model unit \"x\" { source \"a\\\n\" }",
        "model unit \"x\" { source \"\\é\" }",
    ] {
        check(src);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for (open, close) in [
        ("(", ")"),
        ("min(", ")"),
        ("not ", ""),
        ("- ", ""),
        ("(not -", ")"),
        ("x + ", ""),
        ("x and ", ""),
    ] {
        for n in [40, 41, 10_000] {
            let src = format!(
                "model unit \"x\" {{\n  let a = {}x{}\n}}\n",
                open.repeat(n),
                close.repeat(n)
            );
            check(&src);
            let parsed = parse(&src);
            if n > 40 {
                assert!(
                    !parsed.diagnostics.is_empty(),
                    "{n} levels of `{open}` should be reported"
                );
            }
        }
    }
}

/// Types and test values nested past [`limits::MAX_NESTING`], and expressions past
/// [`limits::MAX_EXPR_DEPTH`]: S007 at the first level too deep, read on a thread with
/// WebAssembly's 1 MiB stack; one level less is no error.
#[test]
fn too_deep_is_s007_on_a_small_stack() {
    let field = |ty: String| format!("model unit \"x\" {{\n  input {{\n    f: {ty}\n  }}\n}}\n");
    let value = |v: String| {
        format!("model unit \"x\" {{\n  test \"t\" {{\n    input {{ f: {v} }}\n  }}\n}}\n")
    };
    let expr = |e: String| format!("model unit \"x\" {{\n  let a = {e}\n}}\n");
    type Shape = fn(usize) -> String;
    let shapes: [(&str, usize, Shape); 5] = [
        ("record type", limits::MAX_NESTING, |n| {
            format!("{}int{}", "list of { q: ".repeat(n - 1), " }".repeat(n - 1))
        }),
        ("list type", limits::MAX_NESTING, |n| {
            format!("{}int", "list of ".repeat(n - 1))
        }),
        ("list value", limits::MAX_NESTING, |n| {
            format!("{}{}", "[".repeat(n), "]".repeat(n))
        }),
        ("record value", limits::MAX_NESTING, |n| {
            format!("{}1{}", "{ b: ".repeat(n), " }".repeat(n))
        }),
        ("parentheses", limits::MAX_EXPR_DEPTH, |n| {
            format!("{}x{}", "(".repeat(n), ")".repeat(n))
        }),
    ];
    for (what, limit, shape) in shapes {
        for n in [limit, limit + 1, 12_000] {
            let text = shape(n);
            let src = match what {
                "list value" | "record value" => value(text),
                "parentheses" => expr(text),
                _ => field(text),
            };
            let codes = std::thread::Builder::new()
                .stack_size(1 << 20)
                .spawn(move || {
                    check(&src);
                    parse(&src)
                        .diagnostics
                        .iter()
                        .map(|d| d.code)
                        .collect::<Vec<_>>()
                })
                .unwrap()
                .join()
                .unwrap();
            if n == limit {
                assert_eq!(codes, Vec::<&str>::new(), "{what}, {n} levels");
            } else {
                assert_eq!(codes, vec!["S007"], "{what}, {n} levels");
            }
        }
    }
}

#[test]
fn every_prefix_of_the_real_file() {
    // Truncation at every line end and in the middle of multi-byte characters' neighbours.
    let mut ends: Vec<usize> = UNIT_RULES
        .char_indices()
        .filter(|(_, c)| *c == '\n' || !c.is_ascii())
        .map(|(i, _)| i)
        .collect();
    ends.push(UNIT_RULES.len());
    for end in ends.into_iter().step_by(3) {
        check(&UNIT_RULES[..end]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(src in any::<String>()) {
        check(&src);
    }

    #[test]
    fn arbitrary_printable_text(src in "\\PC{0,200}") {
        check(&src);
    }

    #[test]
    fn token_soup(tokens in prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(SNIPPETS).prop_map(str::to_string),
            1 => "[a-zA-Z_][a-zA-Z0-9_.]{0,6}",
            1 => "[0-9]{1,4}(\\.[0-9]{1,3})?",
            1 => "\"[^\"\\n]{0,10}\"",
        ],
        0..60,
    )) {
        let mut src = String::from("model unit \"t\" {\n");
        for t in &tokens {
            src.push_str(t);
            src.push(' ');
        }
        check(&src);
        check(&tokens.join(""));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_file(mutations in prop::collection::vec(mutation(), 1..5)) {
        let mut src = UNIT_RULES.to_string();
        for m in &mutations {
            apply(&mut src, m);
        }
        check(&src);
    }
}
