//! The language service (`tieuchi-service`) for the playground's editor: a thin binding
//! that moves text and places across the JavaScript boundary. In the authors' module only
//! (feature `authoring`). No scoring and no analysis of its own.
//!
//! Every place handed to or given by JavaScript is an offset in the file's JavaScript string
//! (UTF-16 code units), converted once here from and to the service's byte spans
//! ([`Utf16`]), so `source.slice(d.from, d.to)` is the text a diagnostic underlines, with
//! Vietnamese letters and emoji counted as JavaScript counts them.
//!
//! ```js
//! const a = analyze(source, files);     // files: as for compile
//! a.diagnostics();                      // [{ from, to, severity, code, message, help, fix }]
//! a.hover(offset);                      // { from, to, markdown } | null
//! a.free();
//! ```

use serde_json::{Value as Json, json};
use tieuchi_service::{
    Analysis, CodeAction, Completion, CompletionKind, Location, OutlineKind, OutlineSymbol,
    TOKEN_TYPES, TextEdit,
};
use tieuchi_syntax::{Lang, Span};

use crate::files::{Files, MAIN_NAME};

/// Byte offsets of a text to UTF-16 offsets and back, built once per text.
#[derive(Debug, Clone, Default)]
pub struct Utf16 {
    /// For each byte offset (and the end), the UTF-16 offset of the character it is in.
    of_byte: Vec<u32>,
    /// For each UTF-16 offset (and the end), the byte offset of the character it is in.
    of_unit: Vec<u32>,
}

impl Utf16 {
    /// The table of `text`.
    pub fn new(text: &str) -> Self {
        let mut of_byte = Vec::with_capacity(text.len() + 1);
        let mut of_unit = Vec::with_capacity(text.len() + 1);
        let mut unit = 0u32;
        for (byte, c) in text.char_indices() {
            let b = u32::try_from(byte).unwrap_or(u32::MAX);
            of_byte.extend(std::iter::repeat_n(unit, c.len_utf8()));
            of_unit.extend(std::iter::repeat_n(b, c.len_utf16()));
            unit = unit.saturating_add(u32::try_from(c.len_utf16()).unwrap_or(2));
        }
        of_byte.push(unit);
        of_unit.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        Utf16 { of_byte, of_unit }
    }

    /// The UTF-16 offset of byte `byte` (the end when past it).
    pub fn unit(&self, byte: u32) -> u32 {
        let i = usize::try_from(byte).unwrap_or(usize::MAX);
        self.of_byte
            .get(i)
            .or_else(|| self.of_byte.last())
            .copied()
            .unwrap_or(0)
    }

    /// The byte offset of UTF-16 offset `unit` (the end when past it; the start of the
    /// character when inside a surrogate pair).
    pub fn byte(&self, unit: f64) -> usize {
        let i = if unit.is_finite() && unit > 0.0 {
            // Truncation of a finite positive offset is what is meant.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let i = unit as usize;
            i
        } else {
            0
        };
        self.of_unit
            .get(i)
            .or_else(|| self.of_unit.last())
            .map_or(0, |&b| b as usize)
    }
}

/// A rule file analysed by the language service, with its offset table.
pub struct Analyzed {
    analysis: Analysis,
    utf16: Utf16,
}

impl Analyzed {
    /// Analyses `source` (named as `compile` names it), reading the files it names from
    /// `files`.
    pub fn new(source: &str, files: &Files) -> Analyzed {
        let analysis = Analysis::new(MAIN_NAME, source, &mut |from, rel| files.load(from, rel));
        Analyzed {
            utf16: Utf16::new(source),
            analysis,
        }
    }

    /// `{from, to}` of a span of the file analysed.
    fn range(&self, span: Span) -> (u32, u32) {
        (self.utf16.unit(span.start), self.utf16.unit(span.end))
    }

    /// A location: in the file analysed, `{from, to}`; in a file it extends, `{file, line,
    /// character, endLine, endCharacter}` too (lines and characters from 0, UTF-16).
    fn location(&self, at: &Location) -> Json {
        if at.file == self.analysis.main().name {
            let (from, to) = self.range(at.span);
            json!({ "file": at.file, "from": from, "to": to })
        } else {
            json!({
                "file": at.file,
                "line": at.start.line, "character": at.start.character,
                "endLine": at.end.line, "endCharacter": at.end.character,
            })
        }
    }

    fn edit(&self, e: &TextEdit) -> Json {
        let mut o = self.location(&e.at);
        if let Some(map) = o.as_object_mut() {
            map.insert("insert".into(), Json::from(e.text.clone()));
        }
        o
    }

    /// The checker's diagnostics: `[{from, to, severity, code, message, help, fix}]`, `fix`
    /// the replacement a did-you-mean suggests.
    pub fn diagnostics(&self) -> Json {
        Json::Array(
            self.analysis
                .diagnostics()
                .iter()
                .map(|d| {
                    let (from, to) = self.range(d.at.span);
                    json!({
                        "from": from, "to": to,
                        "severity": d.severity.as_str(),
                        "code": d.code,
                        "message": d.message.show(Lang::Both),
                        "help": d.help.as_ref().map(|h| h.show(Lang::Both)),
                        "fix": d.suggestion,
                    })
                })
                .collect(),
        )
    }

    /// The semantic tokens, flat: `[from, to, type, modifiers, …]` in order; types index
    /// [`TOKEN_TYPES`].
    pub fn semantic_tokens(&self) -> Vec<u32> {
        let tokens = self.analysis.semantic_tokens();
        let mut out = Vec::with_capacity(tokens.len() * 4);
        for t in tokens {
            let (from, to) = self.range(t.span);
            out.extend([from, to, t.ty as u32, t.modifiers]);
        }
        out
    }

    /// What to show over the name at `offset`: `{from, to, markdown}` or `null`.
    pub fn hover(&self, offset: f64) -> Json {
        match self.analysis.hover(self.utf16.byte(offset)) {
            Some(h) => {
                let mut o = self.location(&h.at);
                if let Some(map) = o.as_object_mut() {
                    map.insert("markdown".into(), Json::from(h.markdown));
                }
                o
            }
            None => Json::Null,
        }
    }

    /// What may be written at `offset`: `[{label, kind, detail, from, to, rank}]`.
    pub fn completions(&self, offset: f64) -> Json {
        Json::Array(
            self.analysis
                .completions(self.utf16.byte(offset))
                .iter()
                .map(|c: &Completion| {
                    let (from, to) = self.range(c.replace.span);
                    json!({
                        "label": c.label, "kind": completion_kind(c.kind), "detail": c.detail,
                        "from": from, "to": to, "rank": c.rank,
                    })
                })
                .collect(),
        )
    }

    /// Where the name at `offset` is declared, or `null`.
    pub fn definition(&self, offset: f64) -> Json {
        self.analysis
            .definition(self.utf16.byte(offset))
            .map_or(Json::Null, |l| self.location(&l))
    }

    /// Every place naming the name at `offset`, its declaration included.
    pub fn references(&self, offset: f64) -> Json {
        Json::Array(
            self.analysis
                .references(self.utf16.byte(offset), true)
                .iter()
                .map(|l| self.location(l))
                .collect(),
        )
    }

    /// The file in the canonical layout, or `null` when it has syntax errors or is already
    /// formatted.
    pub fn format(&self) -> Option<String> {
        self.analysis.format()
    }

    /// The quick fixes for the range `start`…`end`: `[{title, code, edits}]`.
    pub fn code_actions(&self, start: f64, end: f64) -> Json {
        let (a, b) = (self.utf16.byte(start), self.utf16.byte(end));
        let span = Span::new(a.min(b), a.max(b));
        Json::Array(
            self.analysis
                .code_actions(span)
                .iter()
                .map(|c: &CodeAction| {
                    json!({
                        "title": c.title, "code": c.code,
                        "edits": c.edits.iter().map(|e| self.edit(e)).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }

    /// The outline: `[{name, detail, kind, from, to, nameFrom, nameTo, children}]`.
    pub fn document_symbols(&self) -> Json {
        Json::Array(
            self.analysis
                .document_symbols()
                .iter()
                .map(|s| self.symbol(s))
                .collect(),
        )
    }

    fn symbol(&self, s: &OutlineSymbol) -> Json {
        let (from, to) = self.range(s.range.span);
        let (name_from, name_to) = self.range(s.selection.span);
        json!({
            "name": s.name, "detail": s.detail, "kind": outline_kind(s.kind),
            "from": from, "to": to, "nameFrom": name_from, "nameTo": name_to,
            "children": s.children.iter().map(|c| self.symbol(c)).collect::<Vec<_>>(),
        })
    }

    /// The edits renaming the name at `offset` to `name`: `{edits}` or `{error}` (why not,
    /// Vietnamese then English).
    pub fn rename(&self, offset: f64, name: &str) -> Json {
        match self.analysis.rename(self.utf16.byte(offset), name) {
            Ok(edits) => json!({ "edits": edits.iter().map(|e| self.edit(e)).collect::<Vec<_>>() }),
            Err(e) => json!({ "error": e.message().show(Lang::Both) }),
        }
    }
}

/// The token types' names, in the order of the numbers `semanticTokens` gives.
pub fn token_types() -> Json {
    Json::from(TOKEN_TYPES.to_vec())
}

fn completion_kind(k: CompletionKind) -> &'static str {
    match k {
        CompletionKind::Field => "field",
        CompletionKind::Let => "let",
        CompletionKind::Value => "value",
        CompletionKind::Criterion => "criterion",
        CompletionKind::Indicator => "indicator",
        CompletionKind::Function => "function",
        CompletionKind::Keyword => "keyword",
    }
}

fn outline_kind(k: OutlineKind) -> &'static str {
    match k {
        OutlineKind::Model => "model",
        OutlineKind::Input => "input",
        OutlineKind::Field => "field",
        OutlineKind::Let => "let",
        OutlineKind::Criterion => "criterion",
        OutlineKind::Indicator => "indicator",
        OutlineKind::Test => "test",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_round_trip_through_vietnamese_and_emoji() {
        let text = "aạ😀b";
        let t = Utf16::new(text);
        // a: byte 0, unit 0; ạ: bytes 1..4, unit 1; 😀: bytes 4..8, units 2..4; b: byte 8, unit 4.
        assert_eq!(t.unit(0), 0);
        assert_eq!(t.unit(1), 1);
        assert_eq!(t.unit(4), 2);
        assert_eq!(t.unit(8), 4);
        assert_eq!(t.unit(9), 5);
        assert_eq!(t.byte(1.0), 1);
        assert_eq!(t.byte(2.0), 4);
        assert_eq!(t.byte(3.0), 4);
        assert_eq!(t.byte(4.0), 8);
        assert_eq!(t.byte(99.0), 9);
        assert_eq!(t.byte(-1.0), 0);
        assert_eq!(t.byte(f64::NAN), 0);
    }

    fn utf16_slice(text: &str, from: &Json, to: &Json) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        let (from, to) = (from.as_u64().unwrap_or(0), to.as_u64().unwrap_or(0));
        String::from_utf16_lossy(units.get(from as usize..to as usize).unwrap_or(&[]))
    }

    fn tt22() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../rules/unit/tt22-2020.rules"
        ))
        .unwrap_or_default()
    }

    #[test]
    fn a_misspelt_name_is_underlined_where_javascript_counts_it_and_fixed() {
        // Vietnamese labels come before the mistake: bytes and UTF-16 units differ there.
        let src = tt22().replacen(
            "award whole when has_learning_plan",
            "award whole when has_learning_plann",
            1,
        );
        assert_ne!(src, tt22());
        let a = Analyzed::new(&src, &Files::default());
        let diags = a.diagnostics();
        let d = diags
            .as_array()
            .and_then(|d| d.iter().find(|d| d["code"] == "C001"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            utf16_slice(&src, &d["from"], &d["to"]),
            "has_learning_plann"
        );
        assert_eq!(d["fix"], "has_learning_plan");
        assert!(
            d["message"]
                .as_str()
                .unwrap_or("")
                .starts_with("không tìm thấy tên")
        );
        let from = d["from"].as_f64().unwrap_or(0.0);
        let actions = a.code_actions(from, from);
        let edit = &actions[0]["edits"][0];
        assert_eq!(
            utf16_slice(&src, &edit["from"], &edit["to"]),
            "has_learning_plann"
        );
        assert_eq!(edit["insert"], "has_learning_plan");
    }

    #[test]
    fn hover_completion_outline_tokens_and_format_in_utf16() {
        let src = tt22();
        let a = Analyzed::new(&src, &Files::default());
        let units: Vec<u16> = src.encode_utf16().collect();
        let at = src.find("award whole when has_learning_plan").unwrap_or(0) + 20;
        let at16 = src.get(..at).unwrap_or("").encode_utf16().count() as f64;
        let h = a.hover(at16);
        assert_eq!(utf16_slice(&src, &h["from"], &h["to"]), "has_learning_plan");
        assert!(
            h["markdown"]
                .as_str()
                .unwrap_or("")
                .contains("Đơn vị có chủ trương")
        );
        let def = a.definition(at16);
        assert_eq!(
            utf16_slice(&src, &def["from"], &def["to"]),
            "has_learning_plan"
        );
        assert!(a.references(at16).as_array().map_or(0, Vec::len) >= 2);
        let tokens = a.semantic_tokens();
        assert!(
            tokens
                .chunks(4)
                .all(|t| t[0] < t[1] && (t[1] as usize) <= units.len())
        );
        let outline = a.document_symbols();
        assert!(outline.to_string().contains("\"criterion\""));
        assert_eq!(a.format(), None, "the bundled file is formatted");
        let completions = a.completions(at16);
        assert!(completions.to_string().contains("has_learning_plan"));
        let renamed = a.rename(at16, "co_ke_hoach");
        assert!(renamed["edits"].as_array().map_or(0, Vec::len) >= 2);
        assert!(a.rename(at16, "1x")["error"].is_string());
    }
}
