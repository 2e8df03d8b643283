//! `tieuchi-wasm`: the rules engine in the browser, through `wasm-bindgen`.
//!
//! A thin layer over `tieuchi-core`: it moves text across the JavaScript boundary and calls
//! the core; it has no scoring of its own. Answers are the core's JSON answer, serialised by
//! `serde_json` exactly as `tieuchi eval --format json` does and handed to `JSON.parse`, so
//! `JSON.stringify(answer)` is byte for byte the command line's answer without indentation
//! (and `JSON.stringify(answer, null, 2)` is its indented form).
//!
//! ```js
//! import init, { compile, check } from "./pkg/tieuchi_wasm.js";
//! await init();
//! const rules = compile(source);               // throws an Error with `diagnostics`
//! const answer = rules.evaluate({ unit_name: "Sở GD&ĐT", ... });
//! ```
//!
//! Nothing here panics on bad input: a rule file with errors throws an `Error` whose
//! `diagnostics` lists them, a bad record gives an answer whose `errors` name JSON paths, and
//! arguments of the wrong kind throw a `TypeError`.

pub mod files;
pub mod rules;
#[cfg(feature = "authoring")]
pub mod service;

use js_sys::{Array, JSON, Object, Reflect};
use serde_json::Value as Json;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::files::Files;
use crate::rules::Rules;

/// Runs when the module is instantiated: installs the browser's NFC normaliser, which
/// `tieuchi_core::value::nfc` calls for text with combining marks (the core is built without
/// the `unicode-normalization` tables, about 64 KB of the gzipped module).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn install_normalizer() {
    tieuchi_core::value::set_normalizer(browser_nfc);
}

/// `text` in NFC by `String.prototype.normalize("NFC")`.
#[cfg(target_arch = "wasm32")]
fn browser_nfc(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFC").into()
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Where a diagnostic or a test is: lines and columns from 1 counting characters;
 *  start/end are offsets in the file's string (UTF-16 units, `source.slice(start, end)`). */
export interface Place {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  start: number; end: number;
}
/** A problem in a rule file (codes S…, C…, N… as in the README). */
export interface Diagnostic extends Place {
  code: string; severity: "error" | "warning" | "note"; message: string;
  help: string | null; labels: (Place & { message: string })[];
}
/** One test written in the rule file. */
export interface TestResult extends Place {
  name: string; passed: boolean; failures: (Place & { message: string })[];
}
/** A status of a record, by its wire word. */
export type Status = "recognized" | "not_recognized" | "undetermined";
/** An outcome of a criterion or an indicator, by its wire word. */
export type Outcome = "met" | "partial" | "unmet" | "not_applicable" | "unknown";
/** The JSON answer of `tieuchi eval --format json` (see the README). Summary answers leave
 *  out every text (`title`, `label`, `reason`, `source`, `sources`, `change`) and `nested`. */
export interface Answer {
  model: string; version: string; title?: string; status: Status;
  tier: string | null; level?: number; total: number; max: number; total_possible?: number;
  rescaled?: boolean; criteria: CriterionAnswer[]; missing: string[]; to_reach: Goal[];
  errors: RecordError[]; floors_failed?: FloorFailed[]; sources?: string[]; nested?: NestedAnswer[];
}
/** One criterion of an answer. */
export interface CriterionAnswer {
  id: string; label?: string; points: number; max: number; status: Outcome;
  source?: string; provisional?: boolean; indicators: IndicatorAnswer[];
}
/** One indicator of an answer; a deduction has `deduct_max`, `points` ≤ 0 and `max` 0. */
export interface IndicatorAnswer {
  id: string; label?: string; points: number; max: number; status: Outcome;
  deduct_max?: number; level?: number; reason?: string; source?: string; provisional?: boolean;
  missing?: string[];
}
/** A step up (`recognized`, a tier or level, or `floor`): the fewest indicators to change,
 *  then other sets of as many. */
export interface Goal {
  target: string; points_needed: number; indicators: Gain[]; alternatives?: Gain[][];
}
/** An indicator to change: the most points it adds, and the change in the record's terms. */
export interface Gain { id: string; label?: string; points: number; change?: string; }
/** A problem with the record at a JSON path (codes R…, B…). */
export interface RecordError { path: string; code: string; message: string; }
/** A criterion or an indicator below its floor. */
export interface FloorFailed { id: string; points: number; floor: number; }
/** The answer for an item of a list scored by another model (a family of a clan). */
export interface NestedAnswer { path: string; answer: Answer; }
/** The core's names of statuses and outcomes, by wire word: Vietnamese and English. */
export interface Vocabulary {
  status: Record<"recognized" | "not_recognized" | "undetermined", { vi: string; en: string }>;
  outcome: Record<"met" | "partial" | "unmet" | "not_applicable" | "unknown", { vi: string; en: string }>;
}
/** A record: an object, or its JSON text. */
export type RecordInput = object | string;
/** An input of a record as a form asks it (`questions(record)`): its JSON pointer
 *  (`/members/2/birth_date`), whether the rules require it, whether its answer can still
 *  change some indicator's outcome or points given the other answers, and whether it has a
 *  valid answer; `read`: some rule reads it at all (an input none reads only describes the
 *  record, a name). A form hides what is read but neither required, answered nor mattering. */
export interface Question { path: string; required: boolean; matters: boolean; answered: boolean; read: boolean; }
/** What compiling a rule file with errors throws: the summary as the message, every problem
 *  in `diagnostics` (a wrong argument throws a plain `TypeError`). */
export interface RulesError extends Error { diagnostics: Diagnostic[]; }
/** The JSON Schema (draft 2020-12) of a model's input records, as `schema()` gives it. */
export interface InputSchema extends SchemaNode { $schema: string; }
/** A JSON type named by a schema. */
export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";
/** A node of the input schema: only the keywords the core writes. `title` is the field's
 *  Vietnamese label, `description` its English one; `x-tieuchi-selector` marks a field that
 *  chooses the version of the rules (a date, a province). */
export interface SchemaNode {
  type?: SchemaType | SchemaType[]; title?: string; description?: string;
  properties?: Record<string, SchemaNode>; required?: string[]; additionalProperties?: boolean;
  items?: SchemaNode; minItems?: number; maxItems?: number; minimum?: number; maximum?: number;
  format?: string; pattern?: string; const?: string | number | boolean | null;
  enum?: (string | number | boolean | null)[];
  oneOf?: SchemaNode[]; anyOf?: SchemaNode[]; "x-tieuchi-selector"?: boolean;
}
"#;

#[cfg(feature = "authoring")]
#[wasm_bindgen(typescript_custom_section)]
const TS_SERVICE_TYPES: &'static str = r#"
/** A place for the editor (`analyze`): in the file analysed, `from`/`to` are UTF-16 offsets of
 *  its string (`source.slice(from, to)`); in a file it extends (`file` is that file's path),
 *  lines and characters from 0, characters in UTF-16 units. */
export type SourceLocation =
  | { file: "<rules>"; from: number; to: number }
  | { file: string; line: number; character: number; endLine: number; endCharacter: number };
/** A diagnostic of `analyze(…).diagnostics()`: `fix` is the did-you-mean replacement of
 *  `source.slice(from, to)`, when the checker has one. */
export interface EditorDiagnostic {
  from: number; to: number; severity: "error" | "warning" | "note"; code: string;
  message: string; help: string | null; fix: string | null;
}
/** A semantic token type, by its name (index of `tokenTypes()`). */
export type TokenType = "keyword" | "property" | "enumMember" | "variable" | "class" | "function"
  | "method" | "number" | "string" | "comment" | "namespace";
/** What to show over a name: Markdown, Vietnamese first. */
export type HoverCard = SourceLocation & { markdown: string };
/** What may be written at a place: replaces `from`…`to`; lower `rank` first. */
export interface CompletionItem {
  label: string; kind: "field" | "let" | "value" | "criterion" | "indicator" | "function" | "keyword";
  detail: string | null; from: number; to: number; rank: number;
}
/** A change: put `insert` in place of the located text. */
export type SourceEdit = SourceLocation & { insert: string };
/** A quick fix (did you mean): its title, Vietnamese first, and its edits. */
export interface QuickFix { title: string; code: string; edits: SourceEdit[]; }
/** An entry of the outline, with the entries inside it. */
export interface OutlineEntry {
  name: string; detail: string | null;
  kind: "model" | "input" | "field" | "let" | "criterion" | "indicator" | "test";
  from: number; to: number; nameFrom: number; nameTo: number; children: OutlineEntry[];
}
/** What renaming gives: the edits, or why not (Vietnamese then English). */
export type RenameResult = { edits: SourceEdit[] } | { error: string };
"#;

/// The names of every status and outcome, defined once in the core: `{status: {recognized:
/// {vi, en}, …}, outcome: {met: {vi, en}, …}}`. Pages show these instead of their own table.
#[wasm_bindgen(unchecked_return_type = "Vocabulary")]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    to_js(&tieuchi_core::eval::vocabulary())
}

/// Parses and checks a rule file. `files` maps the paths it `extends` or `uses` (relative to
/// it, as written in it) to their text. Throws an `Error` whose `diagnostics` property lists
/// every problem when the file has an error.
#[wasm_bindgen]
pub fn compile(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    files: Option<Object>,
) -> Result<Ruleset, JsValue> {
    let source = text_arg(&source, "compile(source): source")?;
    let files = files_arg(files)?;
    match rules::compile(&source, &files) {
        Ok(rules) => Ok(Ruleset { rules }),
        Err(rejected) => Err(rejected_error(rejected)),
    }
}

/// An `Error` with the summary as its message and the diagnostics as its `diagnostics`.
fn rejected_error(rejected: rules::Rejected) -> JsValue {
    let error = js_sys::Error::new(&rejected.summary);
    let diagnostics = match to_js(&rejected.diagnostics) {
        Ok(d) => d,
        Err(e) => return e,
    };
    match Reflect::set(&error, &"diagnostics".into(), &diagnostics) {
        Ok(_) => error.into(),
        Err(e) => e,
    }
}

/// Every diagnostic of a rule file (errors, warnings, notes); empty when it is clean.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    files: Option<Object>,
) -> Result<JsValue, JsValue> {
    let source = text_arg(&source, "check(source): source")?;
    let files = files_arg(files)?;
    to_js(&rules::check(&source, &files))
}

/// The document for sign-off of a rule file: the self-contained, printable HTML page that
/// `tieuchi doc FILE -o FILE.html` writes, from the same library code. `files` as for
/// `compile` (a file that `extends` another shows what it changes from it); `name` is the file
/// name the document shows. Throws an `Error` whose `diagnostics` property lists every problem
/// when the file has an error. In the authors' module only.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = documentHtml)]
pub fn document_html(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    files: Option<Object>,
    name: Option<String>,
) -> Result<String, JsValue> {
    let source = text_arg(&source, "documentHtml(source): source")?;
    let files = files_arg(files)?;
    rules::document_html(&source, &files, name.as_deref()).map_err(rejected_error)
}

/// Analyses a rule file for an editor with the language service (authors' module only):
/// never throws for a file with errors (its diagnostics say what is wrong). `files` as for
/// `compile`. Offsets given and returned are UTF-16 offsets of `source`.
#[cfg(feature = "authoring")]
#[wasm_bindgen]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    files: Option<Object>,
) -> Result<SourceAnalysis, JsValue> {
    let source = text_arg(&source, "analyze(source): source")?;
    let files = files_arg(files)?;
    Ok(SourceAnalysis {
        inner: service::Analyzed::new(&source, &files),
    })
}

/// The names of the semantic token types, in the order of the numbers `semanticTokens()`
/// gives (authors' module only).
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = tokenTypes, unchecked_return_type = "TokenType[]")]
pub fn token_types() -> Result<JsValue, JsValue> {
    to_js(&service::token_types())
}

/// A rule file analysed by the language service (`analyze`).
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = Analysis)]
pub struct SourceAnalysis {
    inner: service::Analyzed,
}

#[cfg(feature = "authoring")]
#[wasm_bindgen(js_class = Analysis)]
impl SourceAnalysis {
    /// The checker's diagnostics, placed in this file.
    #[wasm_bindgen(unchecked_return_type = "EditorDiagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.diagnostics())
    }

    /// The semantic tokens, flat: `from, to, type, modifiers` for each, in order.
    #[wasm_bindgen(js_name = semanticTokens)]
    pub fn semantic_tokens(&self) -> Vec<u32> {
        self.inner.semantic_tokens()
    }

    /// What to show over the name at `offset`, or `null`.
    #[wasm_bindgen(unchecked_return_type = "HoverCard | null")]
    pub fn hover(&self, offset: f64) -> Result<JsValue, JsValue> {
        to_js(&self.inner.hover(offset))
    }

    /// What may be written at `offset`.
    #[wasm_bindgen(unchecked_return_type = "CompletionItem[]")]
    pub fn completions(&self, offset: f64) -> Result<JsValue, JsValue> {
        to_js(&self.inner.completions(offset))
    }

    /// Where the name at `offset` is declared, or `null`.
    #[wasm_bindgen(unchecked_return_type = "SourceLocation | null")]
    pub fn definition(&self, offset: f64) -> Result<JsValue, JsValue> {
        to_js(&self.inner.definition(offset))
    }

    /// Every place naming the name at `offset`, its declaration included.
    #[wasm_bindgen(unchecked_return_type = "SourceLocation[]")]
    pub fn references(&self, offset: f64) -> Result<JsValue, JsValue> {
        to_js(&self.inner.references(offset))
    }

    /// The file in the canonical layout of `tieuchi fmt`, or `null` when it has syntax errors
    /// or is already formatted.
    pub fn format(&self) -> Option<String> {
        self.inner.format()
    }

    /// The quick fixes of the diagnostics touching `start`…`end`.
    #[wasm_bindgen(js_name = codeActions, unchecked_return_type = "QuickFix[]")]
    pub fn code_actions(&self, start: f64, end: f64) -> Result<JsValue, JsValue> {
        to_js(&self.inner.code_actions(start, end))
    }

    /// The outline: the model, its inputs, `let`s, criteria with their indicators, tests.
    #[wasm_bindgen(js_name = documentSymbols, unchecked_return_type = "OutlineEntry[]")]
    pub fn document_symbols(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.document_symbols())
    }

    /// The edits renaming the name at `offset` to `name`, or why not.
    #[wasm_bindgen(unchecked_return_type = "RenameResult")]
    pub fn rename(&self, offset: f64, name: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.rename(offset, name))
    }
}

/// A checked rule file: scores records, gives the input schema, runs the file's tests.
#[wasm_bindgen]
pub struct Ruleset {
    rules: Rules,
}

#[wasm_bindgen]
impl Ruleset {
    /// Model id (`unit`, `community`…).
    #[wasm_bindgen(getter)]
    pub fn model(&self) -> String {
        self.rules.program().model.id.clone()
    }

    /// Version label of the rule file.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.rules.program().model.version.clone()
    }

    /// Vietnamese title of the model.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.rules.program().model.title.to_string()
    }

    /// Warnings and notes of the file (provisional items…).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        to_js(&self.rules.diagnostics())
    }

    /// Scores a record (an object, or its JSON text) and returns the answer as an object.
    #[wasm_bindgen(unchecked_return_type = "Answer")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordInput")] record: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = record_text(&record)?;
        let answer = self.rules.answer_json(&text).map_err(to_error)?;
        JSON::parse(&answer)
    }

    /// Scores a record (an object, or its JSON text) and returns the answer as JSON text.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordInput")] record: JsValue,
    ) -> Result<String, JsValue> {
        let text = record_text(&record)?;
        self.rules.answer_json(&text).map_err(to_error)
    }

    /// Scores an array of records in one call; returns the array of answers.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "Answer[]")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordInput[]")] records: JsValue,
    ) -> Result<JsValue, JsValue> {
        let answers = self.answers(&records)?;
        JSON::parse(&answers)
    }

    /// Scores an array of records in one call; returns the JSON text of the array of answers.
    #[wasm_bindgen(js_name = evaluateManyJson)]
    pub fn evaluate_many_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordInput[]")] records: JsValue,
    ) -> Result<String, JsValue> {
        self.answers(&records)
    }

    /// The questions a form asks for a record (an object, or its JSON text): every input,
    /// each value of each list item included, in the declared order, with whether the rules
    /// require it and whether its answer can still change the result given the others.
    #[wasm_bindgen(unchecked_return_type = "Question[]")]
    pub fn questions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordInput")] record: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.rules.questions(&record_text(&record)?))
    }

    /// The JSON Schema (draft 2020-12) of the input records.
    #[wasm_bindgen(unchecked_return_type = "InputSchema")]
    pub fn schema(&self) -> Result<JsValue, JsValue> {
        to_js(&self.rules.schema())
    }

    /// Runs the tests written in the rule file.
    #[cfg(feature = "authoring")]
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "TestResult[]")]
    pub fn run_tests(&self) -> Result<JsValue, JsValue> {
        to_js(&self.rules.run_tests())
    }
}

impl Ruleset {
    /// The JSON array of answers for a JavaScript array of records.
    fn answers(&self, records: &JsValue) -> Result<String, JsValue> {
        let Some(records) = records.dyn_ref::<Array>() else {
            return Err(type_error(
                "evaluateMany(records): records phải là một mảng (must be an array)",
            ));
        };
        let texts = records
            .iter()
            .map(|r| record_text(&r))
            .collect::<Result<Vec<String>, JsValue>>()?;
        self.rules
            .answers_json(texts.iter().map(String::as_str))
            .map_err(to_error)
    }
}

/// The JSON text of a record: a string as given, anything else through `JSON.stringify`
/// (`undefined` reads as `null`, which the decoder reports as not a record).
fn record_text(record: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = record.as_string() {
        return Ok(text);
    }
    let text = JSON::stringify(record)?;
    Ok(text.as_string().unwrap_or_else(|| "null".to_string()))
}

fn text_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(&format!("{what} phải là một chuỗi (must be a string)")))
}

/// The files argument: an object or a `Map` from relative paths to rule text.
fn files_arg(files: Option<Object>) -> Result<Files, JsValue> {
    let mut out = Files::default();
    let Some(files) = files else {
        return Ok(out);
    };
    let entries: Array = match files.dyn_ref::<js_sys::Map>() {
        Some(map) => Array::from(map.entries().as_ref()),
        None if files.is_object() => Object::entries(&files),
        None => {
            return Err(type_error(
                "files phải là một đối tượng ánh xạ đường dẫn sang nội dung tệp quy tắc (must be an object of paths to rule text)",
            ));
        }
    };
    for entry in entries.iter() {
        let entry = Array::from(&entry);
        let path = entry.get(0).as_string();
        let text = entry.get(1).as_string();
        match (path, text) {
            (Some(path), Some(text)) => out.insert(&path, text),
            (path, _) => {
                return Err(type_error(&format!(
                    "files[{}] phải là nội dung của một tệp quy tắc (must be the text of a rule file)",
                    path.unwrap_or_default()
                )));
            }
        }
    }
    Ok(out)
}

fn to_js(value: &Json) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| to_error(e.to_string()))?;
    JSON::parse(&text)
}

fn to_error(message: String) -> JsValue {
    js_sys::Error::new(&message).into()
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}
