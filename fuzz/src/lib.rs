//! Shared by the fuzz targets: the bundled rule files (embedded, so no corpus or build step is
//! needed to reach them), a loader that serves them to `extends` and `uses`, and the
//! invariants every target asserts. A failed assertion is a finding, as is a panic.

use std::sync::OnceLock;

use serde_json::Value as Json;
use tieuchi_core::answer_json::{Encoding, answer_text};
use tieuchi_core::{Answer, Detail, Program, compile_file, decode_str, evaluate, explain};
use tieuchi_syntax::{Diagnostic, SourceMap, Span, line_col};
use tieuchi_wasm::files::{Files, MAIN_NAME};

/// The rule files of `rules/`, by path below `rules/`.
pub const RULE_FILES: &[(&str, &str)] = &[
    (
        "unit/tt22-2020.rules",
        include_str!("../../rules/unit/tt22-2020.rules"),
    ),
    (
        "unit/tt24-2023.rules",
        include_str!("../../rules/unit/tt24-2023.rules"),
    ),
    (
        "unit/ha-noi-kh103-2021.rules",
        include_str!("../../rules/unit/ha-noi-kh103-2021.rules"),
    ),
    (
        "unit/commune-qd448-2015.rules",
        include_str!("../../rules/unit/commune-qd448-2015.rules"),
    ),
    (
        "community/commune-tt25-2023.rules",
        include_str!("../../rules/community/commune-tt25-2023.rules"),
    ),
    (
        "community/village-qd448-2015.rules",
        include_str!("../../rules/community/village-qd448-2015.rules"),
    ),
    (
        "citizen/qd324-2023.rules",
        include_str!("../../rules/citizen/qd324-2023.rules"),
    ),
    (
        "family/qd448-2015.rules",
        include_str!("../../rules/family/qd448-2015.rules"),
    ),
    (
        "clan/qd448-2015.rules",
        include_str!("../../rules/clan/qd448-2015.rules"),
    ),
];

/// The files a fuzzed rule text may name, as if it lay in `rules/unit/`: the unit files by
/// name (`extends "tt22-2020.rules"`) and every file as `../DIR/NAME` (`uses family
/// "../family/qd448-2015.rules"`).
pub fn files() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = Files::default();
        for (path, text) in RULE_FILES {
            if let Some(name) = path.strip_prefix("unit/") {
                files.insert(name, (*text).to_string());
            }
            files.insert(&format!("../{path}"), (*text).to_string());
        }
        files
    })
}

/// Compiles a rule text as the main file with [`files`] as its neighbours.
pub fn compile(source: &str) -> tieuchi_core::Compiled {
    compile_file(MAIN_NAME, source, &mut |from, rel| files().load(from, rel))
}

/// The bundled rule files, compiled once (each must compile: they are the repository's own).
pub fn programs() -> &'static [(&'static str, Program)] {
    static PROGRAMS: OnceLock<Vec<(&'static str, Program)>> = OnceLock::new();
    PROGRAMS.get_or_init(|| {
        RULE_FILES
            .iter()
            .map(|(path, text)| match compile(text).program {
                Some(p) => (*path, p),
                None => panic!("the bundled rule file {path} does not compile"),
            })
            .collect()
    })
}

/// Splits a fuzz input into a selector byte and the rest, read as text (lossily: invalid
/// UTF-8 still exercises the parsers with replacement characters).
pub fn split(data: &[u8]) -> (u8, String) {
    match data.split_first() {
        Some((first, rest)) => (*first, String::from_utf8_lossy(rest).into_owned()),
        None => (0, String::new()),
    }
}

/// Every diagnostic and label points into a file of `sources`, with its end not before its
/// start nor past the file's end, and with a line and column inside that file.
pub fn assert_diagnostics_placed(sources: &SourceMap, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert_span_placed(sources, d.span, d.code);
        for l in &d.labels {
            assert_span_placed(sources, l.span, d.code);
        }
        assert!(
            !d.message.vi.is_empty() && !d.message.en.is_empty(),
            "[{}] has no message in both languages",
            d.code
        );
    }
}

/// See [`assert_diagnostics_placed`].
pub fn assert_span_placed(sources: &SourceMap, span: Span, what: &str) {
    let Some((file, local)) = sources.locate(span) else {
        panic!("[{what}] span {span:?} is in no file");
    };
    let (start, end) = (local.start as usize, local.end as usize);
    assert!(start <= end, "[{what}] span {span:?} ends before it starts");
    assert!(
        end <= file.text.len(),
        "[{what}] span {span:?} ends past {} ({} bytes)",
        file.name,
        file.text.len()
    );
    for offset in [local.start, local.end] {
        let at = line_col(&file.text, offset);
        let lines = file.text.split('\n').count();
        assert!(
            at.line >= 1 && at.line as usize <= lines,
            "[{what}] line {} of {lines}",
            at.line
        );
        let line = file
            .text
            .split('\n')
            .nth(at.line as usize - 1)
            .unwrap_or("");
        assert!(
            at.column >= 1 && at.column as usize <= line.chars().count() + 1,
            "[{what}] column {} past the end of line {}",
            at.column,
            at.line
        );
    }
}

/// Scores `record` against `program` and checks every writer and the arithmetic of the
/// answer; returns the full answer as JSON text (compact, UTF-8).
pub fn score_and_check(program: &Program, record: &str) -> String {
    let decoded = decode_str(program, record);
    if let Ok(value) = serde_json::from_str::<Json>(record) {
        // The two decoders agree on the values wherever the text is JSON at all.
        let from_value = tieuchi_core::decode_value(program, &value);
        if decoded.errors.is_empty() && from_value.errors.is_empty() {
            assert_eq!(
                decoded.values, from_value.values,
                "decode_str vs decode_value"
            );
        }
    }
    let ev = evaluate(program, &decoded.values);
    let full = explain(program, &decoded, &ev, Detail::Full);
    let summary = explain(program, &decoded, &ev, Detail::Summary);
    assert_points(&full);
    assert_eq!(full.criteria.len(), program.criteria.len());

    let mut texts = Vec::new();
    for answer in [&full, &summary] {
        let serde = serde_json::to_string(answer).unwrap_or_else(|e| panic!("serde: {e}"));
        let utf8 = answer_text(answer, Encoding::Utf8);
        assert_eq!(utf8, serde, "the direct writer and serde disagree");
        let ascii = answer_text(answer, Encoding::Ascii);
        assert!(ascii.is_ascii(), "ASCII answer with non-ASCII bytes");
        assert_eq!(
            parse(&ascii),
            parse(&utf8),
            "ASCII and UTF-8 answers differ"
        );
        texts.push(utf8);
    }
    // Shape: the summary is the full answer without its texts.
    if let [f, s] = texts.as_slice() {
        assert_contained(&parse(s), &parse(f), "$");
    }
    texts.swap_remove(0)
}

fn parse(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("answer is not JSON ({e}): {text}"))
}

/// Every value of `small` is in `big` at the same place (objects may have more keys in `big`).
fn assert_contained(small: &Json, big: &Json, at: &str) {
    match (small, big) {
        (Json::Object(s), Json::Object(b)) => {
            for (k, v) in s {
                match b.get(k) {
                    Some(w) => assert_contained(v, w, &format!("{at}.{k}")),
                    None => panic!("summary has {at}.{k}, the full answer not"),
                }
            }
        }
        (Json::Array(s), Json::Array(b)) => {
            assert_eq!(s.len(), b.len(), "{at}: lengths differ");
            for (i, (v, w)) in s.iter().zip(b).enumerate() {
                assert_contained(v, w, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(small, big, "{at}: summary and full answer differ"),
    }
}

/// Points within bounds (a deduction between minus its `deduct_max` and 0, with a maximum of
/// 0); criteria are the sums of their indicators, never below 0; the total is the sum of the
/// criteria (when not rescaled), within the maximum, and below the total possible.
pub fn assert_points(a: &Answer<'_>) {
    let zero = Default::default();
    let mut sum = zero;
    for c in &a.criteria {
        let mut sub = zero;
        for i in &c.indicators {
            let within = match i.deduct_max {
                Some(most) => i.points.0 <= zero && -i.points.0 <= most.0 && i.max.0 == zero,
                None => i.points.0 >= zero && i.points.0 <= i.max.0,
            };
            assert!(
                within,
                "indicator {}: {} points of {} (deduct_max {:?})",
                i.id, i.points.0, i.max.0, i.deduct_max
            );
            sub += i.points.0;
        }
        assert_eq!(
            c.points.0,
            sub.max(zero),
            "criterion {}: not the sum of its indicators (clamped at 0)",
            c.id
        );
        assert!(
            c.points.0 >= zero && c.points.0 <= c.max.0,
            "criterion {}: {} points of {}",
            c.id,
            c.points.0,
            c.max.0
        );
        sum += c.points.0;
    }
    if !a.rescaled {
        assert_eq!(a.total.0, sum, "total is not the sum of the criteria");
    }
    assert!(
        a.total.0 >= zero && a.total.0 <= a.max.0,
        "total {} of {}",
        a.total.0,
        a.max.0
    );
    if let Some(possible) = a.total_possible {
        assert!(
            possible.0 >= a.total.0 && possible.0 <= a.max.0,
            "total possible {} (total {}, max {})",
            possible.0,
            a.total.0,
            a.max.0
        );
    }
}
