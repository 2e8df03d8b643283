//! Diagnostics and test results as JSON objects: `tieuchi check --format json`, `tieuchi test
//! --format json`, the playground and (later) the language server read the same objects.
//!
//! `line`/`column` (1-based) count characters, as the command line prints them; `start`/`end`
//! are offsets in the file's JavaScript string (UTF-16 code units), so that
//! `source.slice(d.start, d.end)` is the underlined text. `file` names the file the
//! diagnostic is in: `"<rules>"` for the source given to `compile`, else the path of a file
//! it `extends`.

use serde_json::{Value as Json, json};
use tieuchi_syntax::{Diagnostic, Lang, SourceMap, Span, line_col};

use crate::testing::TestResult;

/// Every diagnostic, in order, its texts in `lang`.
pub fn to_json(sources: &SourceMap, diagnostics: &[Diagnostic], lang: Lang) -> Json {
    Json::Array(diagnostics.iter().map(|d| one(sources, d, lang)).collect())
}

fn one(sources: &SourceMap, d: &Diagnostic, lang: Lang) -> Json {
    let mut out = place(sources, d.span);
    if let Json::Object(o) = &mut out {
        o.insert("code".into(), Json::from(d.code));
        o.insert("severity".into(), Json::from(d.severity.as_str()));
        o.insert("message".into(), Json::from(d.message.show(lang)));
        o.insert(
            "help".into(),
            d.help
                .as_ref()
                .map_or(Json::Null, |h| Json::from(h.show(lang))),
        );
        let labels = d
            .labels
            .iter()
            .map(|l| {
                let mut label = place(sources, l.span);
                if let Json::Object(o) = &mut label {
                    o.insert("message".into(), Json::from(l.message.show(lang)));
                }
                label
            })
            .collect();
        o.insert("labels".into(), Json::Array(labels));
    }
    out
}

/// The results of a rule file's tests: `[{name, passed, failures: [{message, …place}], …place}]`,
/// each with its place as [`place`] gives it; the failures' texts in `lang`.
pub fn tests_to_json(sources: &SourceMap, results: &[TestResult], lang: Lang) -> Json {
    let one = |t: &TestResult| {
        let failures: Vec<Json> = t
            .failures
            .iter()
            .map(|(span, message)| {
                let mut f = place(sources, *span);
                if let Json::Object(o) = &mut f {
                    o.insert("message".into(), Json::from(message.show(lang)));
                }
                f
            })
            .collect();
        let mut at = place(sources, t.span);
        if let Json::Object(o) = &mut at {
            o.insert("name".into(), Json::from(t.name.as_str()));
            o.insert("passed".into(), Json::from(failures.is_empty()));
            o.insert("failures".into(), Json::Array(failures));
        }
        at
    };
    Json::Array(results.iter().map(one).collect())
}

/// Where a span is: file, start and end line/column, and UTF-16 offsets in that file.
pub fn place(sources: &SourceMap, span: Span) -> Json {
    // From the map's line index: scanning the file for each diagnostic was quadratic.
    let (file, start, end) = match sources.place(span) {
        Some((f, start, end)) => (f.name.as_str(), start, end),
        None => ("", line_col("", 0), line_col("", 0)),
    };
    let (start16, end16) = sources.utf16_offsets(span).unwrap_or((0, 0));
    json!({
        "file": file,
        "line": start.line,
        "column": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "start": start16,
        "end": end16,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tieuchi_syntax::Message;

    /// Many diagnostics in a long file: positions in linear time, and each one right.
    #[test]
    fn many_diagnostics_take_linear_time() {
        let line = "x đơn vị ".repeat(10);
        let text = format!("{line}\n").repeat(1200); // about 150 KB
        let sources = SourceMap::single("<rules>", text.as_str());
        let step = text.len() / 20_000;
        let diagnostics: Vec<Diagnostic> = (0..20_000)
            .map(|k| {
                let mut at = k * step;
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                Diagnostic::error("S001", Message::new("x", "x"), Span::new(at, at))
                    .with_label(Span::new(0, 1), Message::new("y", "y"))
            })
            .collect();
        let started = std::time::Instant::now();
        let json = to_json(&sources, &diagnostics, Lang::Both);
        let took = started.elapsed();
        // Counting from the start of the file for each diagnostic took 530 s here.
        assert!(took.as_secs_f64() < 2.0, "{took:?}");
        let all = json.as_array().unwrap();
        assert_eq!(all.len(), 20_000);
        for (d, j) in diagnostics.iter().zip(all).step_by(997) {
            let want = line_col(&text, d.span.start);
            assert_eq!(j["line"], want.line);
            assert_eq!(j["column"], want.column);
            assert_eq!(j["labels"][0]["start"], 0);
        }
    }

    #[test]
    fn places_spans_in_their_file() {
        let mut sources = SourceMap::single("<rules>", "ab\ncđ e");
        let base = sources.add("base.rules", "x\ny");
        let e = "ab\ncđ e".find('e').unwrap();
        let p = place(&sources, Span::new(e, e + 1));
        assert_eq!(
            p,
            json!({"file": "<rules>", "line": 2, "column": 4, "endLine": 2, "endColumn": 5,
                   "start": 6, "end": 7})
        );
        let p = place(&sources, Span::new(base + 2, base + 3));
        assert_eq!(p["file"], "base.rules");
        assert_eq!(
            (p["line"].as_u64(), p["column"].as_u64()),
            (Some(2), Some(1))
        );
    }
}
