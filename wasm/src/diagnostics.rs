//! Diagnostics as plain JSON objects for JavaScript.
//!
//! `line`/`column` (1-based) count characters, as the command line prints them; `start`/`end`
//! are offsets in the file's JavaScript string (UTF-16 code units), so that
//! `source.slice(d.start, d.end)` is the underlined text. `file` names the file the
//! diagnostic is in: `"<rules>"` for the source given to `compile`, else the path of a file
//! it `extends`.

use serde_json::{Value as Json, json};
use tieuchi_syntax::{Diagnostic, SourceMap, Span, line_col};

/// Every diagnostic, in order.
pub fn to_json(sources: &SourceMap, diagnostics: &[Diagnostic]) -> Json {
    Json::Array(diagnostics.iter().map(|d| one(sources, d)).collect())
}

fn one(sources: &SourceMap, d: &Diagnostic) -> Json {
    let mut out = place(sources, d.span);
    if let Json::Object(o) = &mut out {
        o.insert("code".into(), Json::from(d.code));
        o.insert("severity".into(), Json::from(d.severity.as_str()));
        o.insert("message".into(), Json::from(d.message.as_str()));
        o.insert(
            "help".into(),
            d.help.as_deref().map_or(Json::Null, Json::from),
        );
        let labels = d
            .labels
            .iter()
            .map(|l| {
                let mut label = place(sources, l.span);
                if let Json::Object(o) = &mut label {
                    o.insert("message".into(), Json::from(l.message.as_str()));
                }
                label
            })
            .collect();
        o.insert("labels".into(), Json::Array(labels));
    }
    out
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

/// The UTF-16 offset of a byte offset (moved back to a character boundary, capped at the end).
pub fn utf16_offset(text: &str, byte: u32) -> usize {
    let mut byte = (byte as usize).min(text.len());
    while !text.is_char_boundary(byte) {
        byte = byte.saturating_sub(1);
    }
    text.get(..byte).map_or(0, |s| s.encode_utf16().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "đơn 😀 x";
        let x = text.find('x').unwrap() as u32;
        assert_eq!(utf16_offset(text, x), 7);
        assert_eq!(utf16_offset(text, 1), 0, "inside `đ`: back to its start");
        assert_eq!(utf16_offset(text, 999), 8);
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
