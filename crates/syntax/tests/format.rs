//! The formatter: golden files (`tests/fmt/*.input` → `*.expected`), every bundled rule file,
//! and generated rule files. For each: the formatted text parses to the same syntax tree as
//! the original (spans aside), formatting it again changes nothing, and every comment is kept.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use support::span_free::erased;
use tieuchi_syntax::{KeywordLang, Kw, format, format_with, parse};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The generated comments of a text: each is written `# ~text` (no string literal of a
/// generated file holds a `~`), and two comments may end up on one line.
fn marked_comments(src: &str) -> Vec<String> {
    let mut out: Vec<String> = src
        .lines()
        .flat_map(|line| line.split("# ~").skip(1))
        .map(|c| c.trim_end().to_string())
        .collect();
    out.sort();
    out
}

/// Formats `src` and checks the three properties; returns the formatted text.
fn check_round_trip(name: &str, src: &str) -> String {
    let before = parse(src);
    assert!(
        before.diagnostics.is_empty(),
        "{name}: {:?}",
        before.diagnostics
    );
    let formatted = format(src).unwrap_or_else(|d| panic!("{name}: not formatted: {d:?}"));
    let after = parse(&formatted);
    assert!(
        after.diagnostics.is_empty(),
        "{name}: the formatted text has errors {:?}\n{formatted}",
        after.diagnostics
    );
    assert_eq!(
        erased(before.file.as_ref().unwrap()),
        erased(after.file.as_ref().unwrap()),
        "{name}: the syntax tree changed\n{formatted}"
    );
    let again = format(&formatted).unwrap();
    assert_eq!(formatted, again, "{name}: formatting is not idempotent");
    assert_eq!(
        marked_comments(src),
        marked_comments(&formatted),
        "{name}: comments lost or added\n{formatted}"
    );
    formatted
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

#[test]
fn every_bundled_rule_file_keeps_its_tree_and_comments() {
    let mut files = Vec::new();
    rule_files(&root().join("rules"), &mut files);
    assert!(files.len() >= 9, "{files:?}");
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap();
        let formatted = check_round_trip(&path.display().to_string(), &src);
        // `rules/` is kept formatted (`.ci/run` checks it with `tieuchi fmt --check`).
        assert_eq!(src, formatted, "{} is not formatted", path.display());
    }
}

#[test]
fn golden_files() {
    let dir = root().join("tests/fmt");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "input"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    let bless = std::env::var_os("TIEUCHI_BLESS").is_some();
    for input in inputs {
        let name = input.display().to_string();
        let src = std::fs::read_to_string(&input).unwrap();
        let formatted = check_round_trip(&name, &src);
        let expected_path = input.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &formatted).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap();
        assert_eq!(formatted, expected, "{name}");
    }
}

#[test]
fn a_file_with_syntax_errors_gives_the_parser_diagnostics() {
    let src = "model unit \"x\" {\n  max 100 pointz\n}\n";
    let diagnostics = format(src).unwrap_err();
    assert_eq!(diagnostics, parse(src).diagnostics);
    assert!(!diagnostics.is_empty());
    assert!(format("").is_err());
}

#[test]
fn precedence_needs_these_parentheses_and_no_others() {
    let cases = [
        ("((a + b)) * c", "(a + b) * c"),
        ("a + (b * c)", "a + b * c"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("not (a and b)", "not (a and b)"),
        ("(not a) and b", "not a and b"),
        ("(a or b) and c", "(a or b) and c"),
        ("-(2)", "- 2"),
        ("-(a + 1)", "-(a + 1)"),
        ("(a < b) == c", "(a < b) == c"),
        ("(xs where a) where b", "(xs where a) where b"),
        ("count(xs where (a or b))", "count(xs where a or b)"),
        (
            "if a then (if b then 1 else 2) else (if c then 3 else 4)",
            "if a then (if b then 1 else 2) else (if c then 3 else 4)",
        ),
        (
            "if a then 1 else if c then 3 else 4",
            "if a then 1 else if c then 3 else 4",
        ),
        ("(if a then 1 else 2) + 1", "(if a then 1 else 2) + 1"),
        ("(a + 1) in [1, (2 + 3)]", "a + 1 in [1, 2 + 3]"),
        ("xs[(1 + 2)]", "xs[1 + 2]"),
    ];
    for (written, canonical) in cases {
        let src = format!("model unit \"x\" {{\n  let v = {written}\n}}\n");
        let formatted = check_round_trip(written, &src);
        assert_eq!(
            formatted,
            format!("model unit \"x\" {{\n  let v = {canonical}\n}}\n"),
            "{written}"
        );
    }
}

// ---- Generated rule files ----

/// Space between two tokens: a space, a line break, or a comment and a line break.
fn sep() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(" ".to_string()),
        1 => Just("\n      ".to_string()),
        1 => "[a-z #\"{}]{0,8}".prop_map(|c| format!(" # ~{c}\n   ")),
    ]
}

/// Space between statements: line breaks, blank lines, comments.
fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("\n  ".to_string()),
        1 => Just("\n\n\n  ".to_string()),
        1 => Just(" ".to_string()),
        1 => "[a-zđơư \"#{}]{0,10}".prop_map(|c| format!(" # ~{c}\n  ")),
        1 => "[a-zđơư \"#{}]{0,10}".prop_map(|c| format!("\n\n  # ~{c}\n  ")),
    ]
}

/// A name: never a keyword (so that every keyword of a generated file is marked `«…»`), nor
/// `sai`, the Vietnamese `false`.
fn name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,6}".prop_filter("a keyword", |n| {
        n != "sai" && !Kw::all().any(|k| k.english() == n)
    })
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..200).prop_map(|n| n.to_string()),
        "[0-9]{1,2}\\.[0-9]{1,2}",
        "[0-9]{1,2}%",
    ]
}

/// A plain string literal, with escapes, `#` and braces inside.
fn string() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-zA-Z0-9 đơưẠ-ỹ#{}]",
            Just("\\\"".to_string()),
            Just("\\\\".to_string()),
            Just("\\n".to_string()),
            Just("\\{".to_string()),
        ],
        0..8,
    )
    .prop_map(|parts| format!("\"{}\"", parts.concat()))
}

fn date() -> impl Strategy<Value = String> {
    (2000u32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn range() -> impl Strategy<Value = String> {
    (
        proptest::option::of(0u32..50),
        prop_oneof![Just(".."), Just("..<")],
        proptest::option::of(50u32..100),
    )
        .prop_map(|(lo, dots, hi)| {
            let lo = lo.map(|n| n.to_string()).unwrap_or_default();
            match (dots, hi) {
                ("..<", None) => format!("{lo}..<99"),
                (_, hi) => format!(
                    "{lo}{dots}{}",
                    hi.map(|n| n.to_string()).unwrap_or_default()
                ),
            }
        })
}

/// An expression, every operand in parentheses (the formatter decides which are needed).
fn expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => name(),
        2 => number(),
        1 => prop_oneof![Just("«true»".to_string()), Just("«false»".to_string())],
        1 => string(),
        1 => date(),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        let op = prop_oneof![
            Just("«or»"),
            Just("«and»"),
            Just("=="),
            Just("!="),
            Just("<"),
            Just("<="),
            Just(">"),
            Just(">="),
            Just("+"),
            Just("-"),
            Just("*"),
            Just("/"),
        ];
        prop_oneof![
            (inner.clone(), sep(), op, sep(), inner.clone())
                .prop_map(|(a, s1, op, s2, b)| format!("({a}){s1}{op}{s2}({b})")),
            inner.clone().prop_map(|a| format!("«not» ({a})")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (name(), proptest::collection::vec(inner.clone(), 0..3))
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            (
                inner.clone(),
                proptest::collection::vec(inner.clone(), 0..3)
            )
                .prop_map(|(a, items)| {
                    let items: Vec<String> = items.iter().map(|i| format!("({i})")).collect();
                    format!("({a}) «in» [{}]", items.join(", "))
                }),
            (inner.clone(), range()).prop_map(|(a, r)| format!("(({a}) «in» {r})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) «where» ({b})")),
            (name(), inner.clone()).prop_map(|(n, i)| format!("{n}[{i}]")),
            (
                inner.clone(),
                inner.clone(),
                inner.clone(),
                inner.clone(),
                inner
            )
                .prop_map(|(c, v, c2, v2, e)| format!(
                    "(«if» {c} «then» {v} «else» «if» ({c2}) «then» ({v2}) «else» ({e}))"
                )),
        ]
    })
}

/// A message with `{hole}`s (holes written on one line).
fn template() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => "[a-z #đ}]{1,4}".prop_map(|t| t.replace('}', "\\}")),
            1 => Just("\\{".to_string()),
            1 => expr()
                .prop_filter("on one line", |e| !e.contains('\n'))
                .prop_map(|e| format!("{{{e}}}")),
        ],
        0..4,
    )
    .prop_map(|parts| format!("\"{}\"", parts.concat()))
}

fn field_type(depth: u32) -> BoxedStrategy<String> {
    let scalar = prop_oneof![
        Just("«bool»".to_string()),
        Just("«text»".to_string()),
        Just("«date»".to_string()),
        range().prop_map(|r| format!("«int» {r}")),
        Just("«decimal»".to_string()),
        proptest::collection::vec((name(), proptest::option::of(string())), 1..4).prop_map(|vs| {
            let vs: Vec<String> = vs
                .into_iter()
                .map(|(n, l)| format!("{n} {}", l.unwrap_or_default()))
                .collect();
            format!("«one» «of» {{ {} }}", vs.join(", "))
        }),
    ];
    if depth == 0 {
        return scalar.boxed();
    }
    prop_oneof![
        3 => scalar,
        1 => (proptest::collection::vec(field(depth - 1), 1..3), gap())
            .prop_map(|(fs, g)| format!("«list»(1..) «of» {{{g}{}\n}}", fs.join("\n"))),
        1 => field_type(depth - 1).prop_map(|t| format!("«list»(3) «of» {t}")),
        1 => name().prop_map(|m| format!("«list» «of» {m}")),
    ]
    .boxed()
}

fn field(depth: u32) -> impl Strategy<Value = String> {
    (
        name(),
        any::<bool>(),
        field_type(depth),
        proptest::option::of(string()),
        proptest::option::of(string()),
    )
        .prop_map(|(n, opt, ty, label, en)| {
            let opt = if opt { "«optional» " } else { "" };
            let label = label.map(|l| format!(" {l}")).unwrap_or_default();
            let en = en.map(|l| format!(" «en» {l}")).unwrap_or_default();
            format!("{n}: {opt}{ty}{label}{en}")
        })
}

fn input_block() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => field(2),
            1 => (expr(), sep(), template()).prop_map(|(e, s, t)| format!("«require» {e}{s}{t}")),
        ],
        0..5,
    )
    .prop_flat_map(|items| {
        proptest::collection::vec(gap(), items.len()).prop_map(move |gaps| {
            let body: String = items
                .iter()
                .zip(&gaps)
                .map(|(i, g)| format!("{g}{i}"))
                .collect();
            format!("«input» {{{body}\n}}")
        })
    })
}

fn indicator() -> impl Strategy<Value = String> {
    let award = prop_oneof![
        expr().prop_map(|e| format!("«award» «whole» «when» {e}")),
        expr().prop_map(|e| format!("«award» «proportional» «to» {e}")),
        (number(), expr()).prop_map(|(n, e)| format!("«award» «deduct» {n} «per» {e}")),
        expr().prop_map(|e| format!("«award» «value» {e}")),
        (
            proptest::collection::vec((0u32..20, expr()), 0..3),
            proptest::option::of(0u32..5)
        )
            .prop_map(|(bands, otherwise)| {
                let bands: String = bands
                    .iter()
                    .map(|(p, e)| format!("\n {p} «when» ({e})"))
                    .collect();
                let otherwise = otherwise
                    .map(|n| format!(" «otherwise» {n}"))
                    .unwrap_or_default();
                format!("«award» «bands» {{{bands}{otherwise} }}")
            }),
    ];
    let once = (
        proptest::option::of(string().prop_map(|s| format!("«english» {s}"))),
        proptest::option::of(string().prop_map(|s| format!("«provisional» {s}"))),
        proptest::option::of(number().prop_map(|n| format!("«floor» {n}"))),
        proptest::option::of(award),
        proptest::option::of((expr(), any::<bool>()).prop_map(|(e, full)| {
            let effect = if full { "«full»" } else { "«excluded»" };
            format!("«not» «applicable» «when» {e} «counts» «as» {effect}")
        })),
        proptest::option::of(
            (0u32..4, proptest::option::of(name()))
                .prop_map(|(n, m)| format!("«rounding» {n} {}", m.unwrap_or_default())),
        ),
    );
    let many = proptest::collection::vec(
        prop_oneof![
            string().prop_map(|s| format!("«source» {s}")),
            (proptest::option::of(1u32..4), expr()).prop_map(|(l, e)| match l {
                Some(l) => format!("«pass» «at» «level» {l} «when» {e}"),
                None => format!("«pass» «when» {e}"),
            }),
            (
                prop_oneof![
                    Just("«reason»"),
                    Just("«met»"),
                    Just("«partial»"),
                    Just("«unmet»"),
                    Just("«not» «applicable»")
                ],
                template()
            )
                .prop_map(|(k, t)| format!("{k} {t}")),
        ],
        0..4,
    );
    (
        "[A-Z][0-9](\\.[0-9])?",
        string(),
        prop_oneof![Just(""), Just(" 10 «points»"), Just(" «deduct» 5 «points»")],
        once,
        many,
        gap(),
    )
        .prop_map(|(id, label, points, once, many, g)| {
            let (a, b, c, d, e, f) = once;
            let mut stmts: Vec<String> = [a, b, c, d, e, f].into_iter().flatten().collect();
            stmts.extend(many);
            let body: String = stmts.iter().map(|s| format!("{g}{s}")).collect();
            format!("«indicator» {id} {label}{points} {{{body}\n}}")
        })
}

fn literal(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        number(),
        string(),
        date(),
        name(),
        Just("«missing»".to_string()),
        Just("«true»".to_string()),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        3 => leaf,
        1 => proptest::collection::vec(literal(depth - 1), 0..3)
            .prop_map(|items| format!("[{}]", items.join(", "))),
        1 => proptest::collection::vec((name(), literal(depth - 1)), 0..3).prop_map(|fs| {
            let fs: Vec<String> = fs.iter().map(|(n, v)| format!("{n}: {v}")).collect();
            format!("{{ {} }}", fs.join("\n"))
        }),
    ]
    .boxed()
}

fn test_case() -> impl Strategy<Value = String> {
    let expect = prop_oneof![
        name().prop_map(|w| format!("«expect» «status» {w}")),
        string().prop_map(|s| format!("«expect» «tier» {s}")),
        Just("«expect» «tier» «none»".to_string()),
        number().prop_map(|n| format!("«expect» «total» {n}")),
        string().prop_map(|s| format!("«expect» «error» {s}")),
        ("[A-Z][0-9]", number()).prop_map(|(id, n)| format!("«expect» {id} {n}")),
        ("[A-Z][0-9]", name()).prop_map(|(id, w)| format!("«expect» {id} {w}")),
    ];
    (
        string(),
        proptest::option::of(string()),
        proptest::collection::vec(
            prop_oneof![
                2 => expect,
                1 => proptest::collection::vec((name(), literal(2)), 0..4).prop_map(|fs| {
                    let fs: Vec<String> = fs.iter().map(|(n, v)| format!("\n {n}: {v}")).collect();
                    format!("«input» {{{}\n}}", fs.concat())
                }),
            ],
            0..5,
        ),
        gap(),
    )
        .prop_map(|(n, from, items, g)| {
            let from = from.map(|f| format!(" «from» {f}")).unwrap_or_default();
            let body: String = items.iter().map(|i| format!("{g}{i}")).collect();
            format!("«test» {n}{from} {{{body}\n}}")
        })
}

fn model_statement() -> impl Strategy<Value = String> {
    prop_oneof![
        string().prop_map(|s| format!("«english» {s}")),
        string().prop_map(|s| format!("«version» {s}")),
        string().prop_map(|s| format!("«source» {s}")),
        string().prop_map(|s| format!("«provisional» {s}")),
        (date(), proptest::option::of(date())).prop_map(|(a, b)| match b {
            Some(b) => format!("«valid» «from» {a} «to» {b}"),
            None => format!("«valid» «from» {a}"),
        }),
        Just("«jurisdiction» «national»".to_string()),
        Just("«jurisdiction» \"national\"".to_string()),
        string().prop_map(|s| format!("«jurisdiction» {s}")),
        number().prop_map(|n| format!("«max» {n} «points»")),
        (0u32..4, proptest::option::of(name()))
            .prop_map(|(n, m)| format!("«rounding» {n} {}", m.unwrap_or_default())),
        name().prop_map(|n| format!("«scope» {n}")),
        (name(), string()).prop_map(|(n, s)| format!("«uses» {n} {s}")),
        (name(), expr()).prop_map(|(n, e)| format!("«let» {n} = {e}")),
        (
            "[A-Z][0-9]",
            string(),
            prop_oneof![Just(""), Just(" 30 «points»")],
            proptest::collection::vec(
                prop_oneof![string().prop_map(|s| format!("«source» {s}")), indicator(),],
                0..3
            ),
            proptest::option::of(string()),
            gap(),
        )
            .prop_map(|(id, label, points, items, english, g)| {
                let english = english
                    .map(|e| format!("{g}«english» {e}"))
                    .unwrap_or_default();
                let body: String = items.iter().map(|i| format!("{g}{i}")).collect();
                format!("«criterion» {id} {label}{points} {{{english}{body}\n}}")
            }),
        indicator().prop_map(|i| format!("«override» {i}")),
        (number(), proptest::option::of(string())).prop_map(|(n, why)| match why {
            Some(w) => format!("«recognized» «when» «total» >= {n} «provisional» {w}"),
            None => format!("«recognized» «when» «total» >= {n}"),
        }),
        number().prop_map(|n| format!("«floor» «each» «indicator» {n}")),
        (
            string(),
            proptest::option::of(string()),
            range(),
            any::<bool>()
        )
            .prop_map(|(l, en, r, rec)| {
                let en = en.map(|e| format!(" «en» {e}")).unwrap_or_default();
                let rec = if rec { " «recognized»" } else { "" };
                format!("«tier» {l}{en} «when» «total» «in» {r}{rec}")
            }),
        (string(), proptest::option::of(string()), any::<bool>()).prop_map(|(l, en, rec)| {
            let en = en.map(|e| format!(" «en» {e}")).unwrap_or_default();
            let rec = if rec { " «recognized»" } else { "" };
            format!("«level» {l}{en}{rec}")
        }),
        test_case(),
    ]
}

fn rule_file() -> impl Strategy<Value = String> {
    (
        name(),
        string(),
        proptest::option::of(string()),
        proptest::option::of(input_block()),
        proptest::collection::vec((gap(), model_statement()), 0..8),
        gap(),
        "[a-z #]{0,10}",
    )
        .prop_map(|(id, title, extends, input, stmts, end_gap, last)| {
            let extends = extends
                .map(|e| format!(" «extends» {e}"))
                .unwrap_or_default();
            let mut body: String = stmts.iter().map(|(g, s)| format!("{g}{s}")).collect();
            if let Some(input) = input {
                body = format!("\n  {input}{body}");
            }
            format!(
                "# ~header {last}\n«model» {id} {title}{extends} {{{body}{end_gap}}}\n# ~{last}\n"
            )
        })
}

/// How the keywords of a generated file are written.
#[derive(Debug, Clone, Copy)]
enum Spelling {
    English,
    Vietnamese,
    /// Each keyword in English or Vietnamese by the bits of the number.
    Mixed(u64),
}

/// The generated text with each keyword marked `«word»` written in `spelling`. The English
/// `to` and `of` are two keywords each; the keyword before them tells which.
fn spelled(marked: &str, spelling: Spelling) -> String {
    let mut out = String::with_capacity(marked.len() * 2);
    let mut rest = marked;
    let mut previous = "";
    let mut n = 0u32;
    while let Some(open) = rest.find('«') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '«'.len_utf8()..];
        let close = after.find('»').unwrap();
        let word = &after[..close];
        let kw = match (word, previous) {
            ("to", "proportional") => Kw::ProportionalTo,
            ("of", "list") => Kw::ListOf,
            _ => Kw::all()
                .find(|k| k.english() == word && *k != Kw::ProportionalTo && *k != Kw::ListOf)
                .unwrap_or_else(|| panic!("not a keyword: {word}")),
        };
        let vietnamese = match spelling {
            Spelling::English => false,
            Spelling::Vietnamese => true,
            Spelling::Mixed(bits) => bits.rotate_left(n) & 1 == 1,
        };
        out.push_str(if vietnamese {
            kw.vietnamese()
        } else {
            kw.english()
        });
        previous = word;
        n += 1;
        rest = &after[close + '»'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        Just(Spelling::Vietnamese),
        any::<u64>().prop_map(Spelling::Mixed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Generated rule files that parse: formatting keeps the tree and the comments, and is
    /// idempotent; the same file in Vietnamese or mixed keywords parses to the same tree, and
    /// converted to either language keeps it.
    #[test]
    fn generated_rule_files_round_trip(marked in rule_file(), other in spelling()) {
        let src = spelled(&marked, Spelling::English);
        let parsed = parse(&src);
        prop_assume!(parsed.diagnostics.is_empty());
        check_round_trip("generated", &src);

        let vi = spelled(&marked, other);
        let name = format!("generated in {other:?}");
        check_round_trip(&name, &vi);
        let tree = erased(parsed.file.as_ref().unwrap());
        prop_assert_eq!(&erased(parse(&vi).file.as_ref().unwrap()), &tree, "{}\n{}", name, vi);
        for lang in [KeywordLang::Vi, KeywordLang::En] {
            let converted = format_with(&vi, Some(lang)).unwrap();
            let again = parse(&converted);
            prop_assert!(again.diagnostics.is_empty(), "{:?}\n{}", again.diagnostics, converted);
            prop_assert_eq!(&erased(again.file.as_ref().unwrap()), &tree, "{}", converted);
            prop_assert_eq!(format(&converted).unwrap(), converted);
        }
    }
}
