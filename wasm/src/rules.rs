//! The JavaScript API in plain Rust: everything here takes and returns text or JSON values,
//! so it runs (and is tested) natively; `lib.rs` only moves values across the boundary.
//! No scoring of its own: each function calls `tieuchi-core` and serialises its result.

use serde_json::Value as Json;
use std::sync::Arc;

use tieuchi_core::answer_json::{Encoding, Escaped};
#[cfg(feature = "authoring")]
use tieuchi_core::doc;
#[cfg(feature = "authoring")]
use tieuchi_core::testing::run_tests;
use tieuchi_core::{
    Compiled, Detail, Program, compile_file, decode_str, evaluate, explain, schema,
};
use tieuchi_syntax::{Diagnostic, Lang, SourceMap};

use crate::files::{Files, MAIN_NAME};
use tieuchi_core::diagnostic_json as diagnostics;

/// A checked rule file, ready to score records.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The program, with its texts escaped once in ASCII for its answers.
    program: Escaped,
    sources: SourceMap,
    /// Warnings and notes of the file (it has no error).
    diagnostics: Vec<Diagnostic>,
}

/// Why a rule file cannot be used: every diagnostic, as JSON, and a one-line summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// One line: the number of errors and the first one with its position.
    pub summary: String,
    /// Every diagnostic (errors, warnings and notes) as [`diagnostics::to_json`] gives them.
    pub diagnostics: Json,
}

/// Parses and checks `source`, reading the files it names from `files`.
pub fn compile(source: &str, files: &Files) -> Result<Rules, Rejected> {
    let compiled = compile_file(MAIN_NAME, source, &mut |from, rel| files.load(from, rel));
    match compiled.program {
        Some(program) if !compiled.has_errors() => Ok(Rules {
            program: Escaped::new(Arc::new(program), Encoding::Ascii),
            sources: compiled.sources,
            diagnostics: compiled.diagnostics,
        }),
        _ => Err(rejected(&compiled)),
    }
}

/// Why a compilation with errors cannot be used.
fn rejected(compiled: &Compiled) -> Rejected {
    let errors: Vec<&Diagnostic> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    let n = errors.len();
    let summary = match errors.first() {
        Some(d) => {
            let (file, at) = compiled.sources.position(d.span);
            format!(
                "tệp quy tắc có {n} lỗi (the rule file has {n} error(s)); lỗi đầu tiên (first): {file}:{}:{}: [{}] {}",
                at.line, at.column, d.code, d.message
            )
        }
        None => {
            "không biên dịch được tệp quy tắc (the rule file could not be compiled)".to_string()
        }
    };
    Rejected {
        summary,
        diagnostics: diagnostics::to_json(&compiled.sources, &compiled.diagnostics, Lang::Both),
    }
}

/// The document for sign-off of `source` as one self-contained HTML page: the page
/// `tieuchi doc FILE -o FILE.html` writes (the same library code). A file that `extends`
/// another (given in `files`) gets what it changes from it, side by side. `name` is the file
/// name the document shows (`tt22-2020.rules`); without it, `<rules>`.
#[cfg(feature = "authoring")]
pub fn document_html(source: &str, files: &Files, name: Option<&str>) -> Result<String, Rejected> {
    let mut failed = None;
    let mut report = |c: &Compiled| {
        if failed.is_none() && c.has_errors() {
            failed = Some(rejected(c));
        }
    };
    let loaded = doc::load(
        MAIN_NAME,
        source,
        &mut |from, rel| files.load(from, rel),
        &mut report,
    );
    match loaded {
        Some(mut file) => {
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                file.file = name.to_string();
            }
            Ok(doc::file_document(&file).html())
        }
        None => Err(failed.unwrap_or_else(|| Rejected {
            summary: "không biên dịch được tệp quy tắc (the rule file could not be compiled)"
                .to_string(),
            diagnostics: Json::Array(Vec::new()),
        })),
    }
}

/// Every diagnostic of `source` (an empty array when it is clean).
pub fn check(source: &str, files: &Files) -> Json {
    let compiled = compile_file(MAIN_NAME, source, &mut |from, rel| files.load(from, rel));
    diagnostics::to_json(&compiled.sources, &compiled.diagnostics, Lang::Both)
}

impl Rules {
    /// The checked program.
    pub fn program(&self) -> &Program {
        self.program.program()
    }

    /// Warnings and notes of the file, as JSON.
    pub fn diagnostics(&self) -> Json {
        diagnostics::to_json(&self.sources, &self.diagnostics, Lang::Both)
    }

    /// The answer for one record given as JSON text, as JSON text: the value
    /// `tieuchi eval --format json` prints, compact and in ASCII (JavaScript takes ASCII text
    /// in far faster than UTF-8; `JSON.parse` gives the same strings).
    pub fn answer_json(&self, record: &str) -> Result<String, String> {
        let mut out = String::with_capacity(8 * 1024);
        self.push_answer(record, &mut out);
        Ok(out)
    }

    /// Appends the answer for `record` to `out`.
    pub fn push_answer(&self, record: &str, out: &mut String) {
        let program = self.program();
        let decoded = decode_str(program, record);
        let ev = evaluate(program, &decoded.values);
        let answer = explain(program, &decoded, &ev, Detail::Full);
        self.program.write_answer(out, &answer);
    }

    /// The answers for several records, as one JSON array text.
    pub fn answers_json<'a>(
        &self,
        records: impl IntoIterator<Item = &'a str>,
    ) -> Result<String, String> {
        let mut out = String::from("[");
        for (i, record) in records.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.push_answer(record, &mut out);
        }
        out.push(']');
        Ok(out)
    }

    /// The questions a form asks for `record` (JSON text): `[{path, required, matters,
    /// answered}]`, in the declared order (see `tieuchi_core::questions`).
    pub fn questions(&self, record: &str) -> Json {
        let program = self.program();
        let asked = tieuchi_core::questions::questions(program, &decode_str(program, record));
        serde_json::to_value(asked).unwrap_or_default()
    }

    /// The JSON Schema of the input records.
    pub fn schema(&self) -> Json {
        schema::input_schema(self.program())
    }

    /// The tests written in the file: `[{name, passed, failures: [{line, column, message, …}]}]`.
    #[cfg(feature = "authoring")]
    pub fn run_tests(&self) -> Json {
        let results = run_tests(self.program());
        diagnostics::tests_to_json(&self.sources, &results, Lang::Both)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tieuchi_core::answer_json;

    const TT22: &str = include_str!("../../rules/unit/tt22-2020.rules");
    const HA_NOI: &str = include_str!("../../rules/unit/ha-noi-kh103-2021.rules");
    const RECORD: &str = include_str!("../../rules/unit/examples/so-gddt-tot.json");

    #[test]
    fn answers_as_the_core_does() {
        let rules = compile(TT22, &Files::default()).unwrap();
        let program = rules.program();
        let decoded = decode_str(program, RECORD);
        let ev = evaluate(program, &decoded.values);
        let answer = explain(program, &decoded, &ev, Detail::Full);
        let want = answer_json::answer_text(&answer, Encoding::Ascii);
        assert!(want.is_ascii());
        let utf8: Json = serde_json::from_str(&serde_json::to_string(&answer).unwrap()).unwrap();
        assert_eq!(serde_json::from_str::<Json>(&want).unwrap(), utf8);
        assert_eq!(rules.answer_json(RECORD).unwrap(), want);
        assert_eq!(
            rules.answers_json([RECORD, "[]"]).unwrap(),
            format!("[{want},{}]", rules.answer_json("[]").unwrap())
        );
        assert_eq!(rules.answers_json([]).unwrap(), "[]");
    }

    #[test]
    fn extends_reads_the_given_files() {
        let rejected = compile(HA_NOI, &Files::default()).unwrap_err();
        let codes: Vec<&Json> = rejected
            .diagnostics
            .as_array()
            .unwrap()
            .iter()
            .map(|d| &d["code"])
            .collect();
        assert!(codes.contains(&&Json::from("C015")), "{codes:?}");
        // Messages in Vietnamese first, English alongside.
        let summary = &rejected.summary;
        assert!(
            summary.starts_with("tệp quy tắc có ")
                && summary.contains(" lỗi (the rule file has ")
                && summary.contains("; lỗi đầu tiên (first): <rules>:"),
            "{summary}"
        );
        let c015 = rejected
            .diagnostics
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "C015");
        let message = c015.and_then(|d| d["message"].as_str()).unwrap_or_default();
        assert!(
            message.contains("không có tệp `tt22-2020.rules`"),
            "{message}"
        );
        let mut files = Files::default();
        files.insert("tt22-2020.rules", TT22.to_string());
        let rules = compile(HA_NOI, &files).unwrap();
        assert_eq!(rules.program().model.version, "ha-noi-kh103-2021");
        assert!(rules.run_tests().as_array().is_some_and(|t| !t.is_empty()));
    }

    #[test]
    fn the_document_is_the_library_document() {
        let mut files = Files::default();
        files.insert("tt22-2020.rules", TT22.to_string());
        let html = document_html(HA_NOI, &files, Some("ha-noi-kh103-2021.rules")).unwrap();
        let mut read = |from: &str, rel: &str| files.load(from, rel);
        let file = doc::load("ha-noi-kh103-2021.rules", HA_NOI, &mut read, &mut |_| {}).unwrap();
        assert_eq!(html, doc::file_document(&file).html());
        assert!(html.contains("Những điểm thay đổi so với văn bản gốc"));
        assert!(
            html.contains("tệp ha-noi-kh103-2021.rules") && html.contains("tệp tt22-2020.rules")
        );
        // Without a name, the source given is `<rules>`, escaped.
        let plain = document_html(TT22, &Files::default(), None).unwrap();
        assert!(plain.contains("tệp &lt;rules&gt;"), "{plain}");
        // A file with errors: every diagnostic, as `compile` gives them.
        let rejected = document_html(HA_NOI, &Files::default(), None).unwrap_err();
        assert_eq!(rejected, compile(HA_NOI, &Files::default()).unwrap_err());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let src = "model unit \"Đơn vị\" {\n  max 100 points\n  ??\n}\n";
        let rejected = compile(src, &Files::default()).unwrap_err();
        let first = &rejected.diagnostics[0];
        assert_eq!(first["severity"], "error");
        assert_eq!(
            (first["line"].as_u64(), first["column"].as_u64()),
            (Some(3), Some(3))
        );
        assert_eq!(check(src, &Files::default()), rejected.diagnostics);
    }

    #[test]
    fn tests_pass_and_schema_is_an_object() {
        let rules = compile(TT22, &Files::default()).unwrap();
        let tests = rules.run_tests();
        let tests = tests.as_array().unwrap();
        assert!(!tests.is_empty());
        assert!(tests.iter().all(|t| t["passed"] == true), "{tests:?}");
        assert_eq!(rules.schema()["type"], "object");
    }
}
