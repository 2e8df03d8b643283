//! The checker: turns a syntax tree into a [`Program`], reporting every problem it finds.

mod call;
mod catalog;
mod error;
mod expr;
mod extend;
mod input;
mod range;
mod scoring;
mod test_case;
mod totals;
mod uses;

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use tieuchi_syntax::ast::{Decision, HeaderItem, Model, RoundingSpec};
use tieuchi_syntax::keywords::translate;
use tieuchi_syntax::{Diagnostic, KeywordLang, Label, Message, SourceMap, Span};

pub use error::{
    CheckError, Divisor, Invalid, Kind, Link, Style, TestFailure, Thing, Threshold, TierOrder,
    ValueRange,
};
use expr::Scope;

use crate::program::{
    CriterionDef, FieldType, ModelInfo, Program, Rounding, RoundingMode, VERSION_FIELDS,
};
use crate::rule_text::Text;

/// A rule file after parsing and checking: the program when there was no error, every
/// diagnostic (errors, warnings and notes) in source order, and the files they point into
/// (the file itself and any it `extends`).
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The program, when the file has no error.
    pub program: Option<Program>,
    /// All diagnostics in source order; spans are positions in `sources`.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read.
    pub sources: SourceMap,
}

impl Compiled {
    /// True when some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What rule authors need beyond compiling and scoring, with the feature `authoring` (a
/// default): the reasoning about values (C021–C026, `range` and `totals`) and checking the
/// file's own tests. The browser's forms module is built without it: its rule files are
/// checked and tested before they ship, and both are about 17 KB of the gzipped module.
/// A constant rather than `#[cfg]` at each place: without the feature the compiler drops the
/// branches, and the linker the code they call.
pub(crate) const AUTHORING: bool = cfg!(feature = "authoring");

/// Codes that only make sense on a complete tree; dropped when the parser had to skip text
/// (a skipped `source` line is not a missing source, a skipped tier is not a gap, a field
/// used only in a skipped statement is not unused).
const NEEDS_COMPLETE_TREE: &[&str] = &[
    "C004", "C005", "C008", "C009", "C010", "C012", "C013", "C025", "C026",
];

/// Parses and checks a single rule file (one that `extends` nothing).
pub fn compile(src: &str) -> Compiled {
    compile_file("<rules>", src, &mut |_, path| {
        Err(format!(
            "`{path}` cannot be read here: only a single rule file was given"
        ))
    })
}

/// Reads the file that a rule file names with `extends`: given the naming file's name and
/// the path as written, returns the file's name and text, or why it cannot be read.
pub type Loader<'a> = dyn FnMut(&str, &str) -> Result<(String, String), String> + 'a;

/// Parses and checks a rule file named `name`, reading the files it `extends` or `uses` with `load`.
pub fn compile_file(name: &str, src: &str, load: &mut Loader<'_>) -> Compiled {
    let mut run = Run {
        visiting: vec![name.to_string()],
        done: HashMap::new(),
    };
    compile_inner(name, src, load, &mut run)
}

/// What one call of [`compile_file`] shares between the files it compiles through `uses`.
pub(crate) struct Run {
    /// The chain of files being compiled through `uses` (to refuse loops).
    pub(crate) visiting: Vec<String>,
    /// Each file compiled through `uses`, by name: its program, or how many errors it has.
    /// Each is compiled once per run (a diamond of `uses` 30 deep was compiled 2³⁰ times).
    pub(crate) done: HashMap<String, Result<Arc<Program>, usize>>,
}

/// [`compile_file`] within a run.
fn compile_inner(name: &str, src: &str, load: &mut Loader<'_>, run: &mut Run) -> Compiled {
    let mut sources = SourceMap::single(name, src);
    let parsed = tieuchi_syntax::parse(src);
    let mut diagnostics = parsed.diagnostics;
    let Some(file) = parsed.file else {
        return Compiled {
            program: None,
            diagnostics,
            sources,
        };
    };
    let mut checker = Checker::default();
    let model = extend::resolve(
        file.model,
        name,
        &mut sources,
        load,
        &mut diagnostics,
        &mut checker,
    );
    checker.used = uses::resolve(&model, name, load, run, &mut checker);
    let syntax_ok = diagnostics.iter().all(|d| !d.code.starts_with('S'));
    let program = checker.model(&model).map(|mut p| {
        p.number_texts();
        p
    });
    let lang = parsed.keywords.unwrap_or(KeywordLang::En);
    diagnostics.extend(
        checker
            .finish(lang)
            .into_iter()
            .filter(|d| syntax_ok || !NEEDS_COMPLETE_TREE.contains(&d.code)),
    );
    tieuchi_syntax::sort_diagnostics(&mut diagnostics);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    Compiled {
        program: program.filter(|_| ok),
        diagnostics,
        sources,
    }
}

/// Opens and closes rule text quoted by the checker's catalogues (`\u{1}pass when ...\u{2}`):
/// it is shown in backquotes, its keywords spelled as the file spells them.
const RULES_OPEN: char = '\u{1}';
const RULES_CLOSE: char = '\u{2}';

/// `text` with each piece of quoted rule text in backquotes, its keywords in `lang`.
fn quote_rules(text: &str, lang: KeywordLang) -> String {
    if !text.contains(RULES_OPEN) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(RULES_OPEN) {
        out.push_str(rest.get(..at).unwrap_or_default());
        let inner = rest.get(at + RULES_OPEN.len_utf8()..).unwrap_or_default();
        let end = inner.find(RULES_CLOSE).unwrap_or(inner.len());
        out.push('`');
        out.push_str(&translate(inner.get(..end).unwrap_or_default(), lang));
        out.push('`');
        rest = inner
            .get(end + RULES_CLOSE.len_utf8()..)
            .unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Collects diagnostics while checking.
#[derive(Default)]
pub(crate) struct Checker {
    diags: Vec<Diagnostic>,
    /// Models named by `uses`, checked.
    used: Vec<(String, Arc<Program>)>,
    /// Each unknown name reported (C001), by its message: its index in `diags`, and how many
    /// more places write it than its labels show.
    unknown: HashMap<String, (usize, usize)>,
    /// Indicators that did not check, by criterion (its position): the points they could
    /// award, when known from how their award is written (for C025).
    unchecked: Vec<(usize, Option<totals::Totals>)>,
}

/// Places of the same misspelt name shown as labels; the others are counted.
const SHOWN_AGAIN: usize = 5;

impl Checker {
    /// Keeps a diagnostic. A name misspelt the same way again (C001 with the same message)
    /// adds a label to the first report instead of a new error: one mistake, one error.
    pub(crate) fn report(&mut self, d: Diagnostic) {
        if d.code == CheckError::UNKNOWN_NAME {
            if let Some((i, more)) = self.unknown.get_mut(&d.message.en)
                && let Some(first) = self.diags.get_mut(*i)
            {
                if first.labels.len() < SHOWN_AGAIN {
                    let again = Message::new("cũng viết như vậy ở đây", "also written here");
                    first.labels.push(Label {
                        span: d.span,
                        message: again,
                    });
                } else {
                    *more += 1;
                }
                return;
            }
            self.unknown
                .insert(d.message.en.clone(), (self.diags.len(), 0));
        }
        self.diags.push(d);
    }

    /// True when an error has been reported.
    pub(crate) fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics, each unknown name with the count of places its labels leave out, and
    /// the rule text they quote spelled with the keywords of the file (`lang`).
    fn finish(mut self, lang: KeywordLang) -> Vec<Diagnostic> {
        for (i, more) in self.unknown.into_values() {
            let last = self.diags.get_mut(i).and_then(|d| d.labels.last_mut());
            if let (Some(label), true) = (last, more > 0) {
                label.message = Message::new(
                    format!("cũng viết như vậy ở đây và ở {more} chỗ khác"),
                    format!("also written here and in {more} more places"),
                );
            }
        }
        for d in &mut self.diags {
            let texts = [&mut d.message]
                .into_iter()
                .chain(d.help.as_mut())
                .chain(d.labels.iter_mut().map(|l| &mut l.message));
            for m in texts {
                m.vi = quote_rules(&m.vi, lang);
                m.en = quote_rules(&m.en, lang);
            }
        }
        self.diags
    }

    /// Reports a second declaration of `name` (first seen at `seen[name]`).
    pub(crate) fn unique(
        &mut self,
        seen: &mut HashMap<String, Span>,
        what: Thing,
        name: &str,
        span: Span,
    ) -> bool {
        if let Some(first) = seen.get(name) {
            self.report(
                CheckError::Duplicate {
                    what,
                    name: name.to_string(),
                    first: *first,
                }
                .at(span),
            );
            return false;
        }
        seen.insert(name.to_string(), span);
        true
    }

    fn model(&mut self, m: &Model) -> Option<Program> {
        let info = self.header(m);
        let input::Inputs {
            fields,
            index: field_index,
            enums,
            lists,
            models,
            ..
        } = self.fields(m.input.as_ref());
        let mut scope = Scope {
            fields: &fields,
            field_index: &field_index,
            enums: &enums,
            lists: &lists,
            items: std::cell::RefCell::new(Vec::new()),
            nonzero: std::cell::RefCell::new(Vec::new()),
            lets: Vec::new(),
            let_index: HashMap::new(),
            let_ranges: Vec::new(),
            used: std::cell::RefCell::default(),
            // Fields whose declaration was rejected (e.g. an empty range).
            broken: m
                .input
                .iter()
                .flat_map(|i| &i.fields)
                .map(|f| f.name.name.clone())
                .filter(|n| !field_index.contains_key(n))
                .collect(),
        };
        let constraints = self.constraints(&scope, m.input.as_ref());
        let lets = self.lets(&mut scope, m, &field_index);
        let max = info.as_ref().map(|i| i.max);
        let criteria = self.criteria(&scope, m, max);
        let decision = self.decision(m, &criteria, max);
        let tests = if AUTHORING {
            self.tests(m, &fields, &criteria, &decision)
        } else {
            Vec::new()
        };
        self.unused(&scope, m);
        let model = info?;
        let criterion_max = criteria.iter().map(CriterionDef::indicators_max).collect();
        Some(Program {
            model,
            fields,
            constraints,
            lets,
            criteria,
            decision,
            tests,
            enums,
            lists,
            models,
            field_index,
            criterion_max,
        })
    }

    /// Notes a statement that may be written once (`max`, a `met` reason), reporting it
    /// (C020) when `written` already has it.
    pub(crate) fn once(
        &mut self,
        written: &mut Vec<(&'static str, Span)>,
        statement: &'static str,
        span: Span,
    ) {
        if let Some(&(_, first)) = written.iter().find(|(s, _)| *s == statement) {
            self.report(CheckError::Repeated { statement, first }.at(span));
        }
        written.push((statement, span));
    }

    /// A `rounding N [mode]` statement, checked (the problem reported where it is).
    fn rounding(&mut self, spec: &RoundingSpec) -> Option<Rounding> {
        match rounding_of(spec) {
            Ok(r) => Some(r),
            Err((problem, span)) => {
                self.report(CheckError::InvalidLiteral(problem).at(span));
                None
            }
        }
    }

    fn header(&mut self, m: &Model) -> Option<ModelInfo> {
        let mut english = None;
        let mut version = None;
        let mut sources = Vec::new();
        let mut valid = (None, None);
        let mut jurisdiction = "national".to_string();
        let mut max = None;
        let mut rounding = Rounding::default();
        let mut scope = None;
        let mut provisional = None;
        let mut written: Vec<(&'static str, Span)> = Vec::new();
        for item in &m.header {
            if let Some((statement, span)) = once_only(item) {
                self.once(&mut written, statement, span);
            }
            match item {
                HeaderItem::English(s) => english = Some(s.value.clone()),
                HeaderItem::Version(s) => version = Some(s.value.clone()),
                HeaderItem::Source(s) => sources.push(Text::new(s.value.as_str())),
                HeaderItem::Jurisdiction(s) => jurisdiction = s.value.clone(),
                HeaderItem::Valid { from, to, span } => {
                    let f = self.date(from);
                    let t = to.as_ref().and_then(|t| self.date(t));
                    if let (Some(f), Some(t)) = (f, t)
                        && t < f
                    {
                        let problem = Invalid::ValidityReversed;
                        self.report(CheckError::InvalidLiteral(problem).at(*span));
                    }
                    valid = (f, t);
                }
                HeaderItem::Max(n) => {
                    max = self.decimal(n);
                    if max.is_some_and(|d| d <= Decimal::ZERO) {
                        let problem = Invalid::MaxNotPositive;
                        self.report(CheckError::InvalidLiteral(problem).at(n.span));
                    }
                }
                HeaderItem::Rounding(spec) => {
                    if let Some(r) = self.rounding(spec) {
                        rounding = r;
                    }
                }
                // Read before checking, by `uses::resolve`.
                HeaderItem::Uses(..) => {}
                HeaderItem::Scope(id) => scope = Some(id.name.clone()),
                HeaderItem::Provisional(why) => {
                    let err = CheckError::Provisional {
                        id: m.id.name.clone(),
                        why: why.value.clone(),
                    };
                    self.report(err.at(m.id.span));
                    provisional = Some(why.value.clone());
                }
            }
        }
        let title_span = m.title.span;
        if sources.is_empty() {
            self.report(
                CheckError::MissingHeader {
                    statement: "source",
                }
                .at(title_span),
            );
        }
        let by_levels = m.decisions.iter().any(|d| matches!(d, Decision::Level(_)));
        let max = match max {
            Some(max) => max,
            None if by_levels => Decimal::ZERO,
            None => {
                self.report(CheckError::MissingHeader { statement: "max" }.at(title_span));
                return None;
            }
        };
        Some(ModelInfo {
            id: m.id.name.clone(),
            title: Text::new(m.title.value.as_str()),
            english,
            version: version.unwrap_or_else(|| m.id.name.clone()),
            sources,
            valid_from: valid.0,
            valid_to: valid.1,
            jurisdiction,
            scope,
            provisional,
            max,
            rounding,
        })
    }
}

impl Checker {
    /// Warns (C026) about `let`s and number and yes/no fields that no expression names. Text,
    /// date, `one of` and list fields are left out, as are the fields the engine reads itself
    /// to choose a version ([`VERSION_FIELDS`]): they may describe the record (a unit's name,
    /// a target group, a birth date, the people listed) without scoring it, and the batch
    /// commands use text fields as identities.
    /// Not when an error was found: a use in a rule that did not check may not be counted.
    fn unused(&mut self, scope: &Scope, m: &Model) {
        if !AUTHORING || self.has_errors() {
            return;
        }
        let (fields, lets) = scope.used.take();
        let unused_fields: Vec<(String, Span)> = scope
            .fields
            .iter()
            .enumerate()
            .filter(|(slot, f)| {
                let named = fields.get(*slot).copied().unwrap_or(false);
                let scored = matches!(
                    f.ty,
                    FieldType::Bool | FieldType::Int(_) | FieldType::Decimal(_)
                );
                scored && !named && !VERSION_FIELDS.contains(&f.name.as_str())
            })
            .map(|(_, f)| (f.name.clone(), f.span))
            .collect();
        for (name, span) in unused_fields {
            let is_let = false;
            self.report(CheckError::Unused { is_let, name }.at(span));
        }
        for (i, (name, _, _)) in scope.lets.iter().enumerate() {
            if lets.get(i).copied().unwrap_or(false) {
                continue;
            }
            let span = m
                .lets
                .iter()
                .find(|l| &l.name.name == name)
                .map_or(m.title.span, |l| l.name.span);
            let is_let = true;
            let name = name.clone();
            self.report(CheckError::Unused { is_let, name }.at(span));
        }
    }
}

/// The keyword and place of a header statement that may be written once (`source` and `uses`
/// may be repeated).
fn once_only(item: &HeaderItem) -> Option<(&'static str, Span)> {
    Some(match item {
        HeaderItem::English(s) => ("english", s.span),
        HeaderItem::Version(s) => ("version", s.span),
        HeaderItem::Valid { span, .. } => ("valid", *span),
        HeaderItem::Jurisdiction(s) => ("jurisdiction", s.span),
        HeaderItem::Max(n) => ("max", n.span),
        HeaderItem::Rounding(r) => ("rounding", r.span),
        HeaderItem::Scope(id) => ("scope", id.span),
        HeaderItem::Provisional(s) => ("provisional", s.span),
        HeaderItem::Source(_) | HeaderItem::Uses(..) => return None,
    })
}

/// The rounding a `rounding N [mode]` statement asks for, or what is wrong with it and where.
fn rounding_of(spec: &RoundingSpec) -> Result<Rounding, (Invalid, Span)> {
    let places = match spec.places.text.parse::<u32>() {
        Ok(p) if p <= 6 => p,
        _ => {
            return Err((Invalid::RoundingPlaces, spec.places.span));
        }
    };
    let mode = match &spec.mode {
        None => RoundingMode::HalfUp,
        Some(m) => RoundingMode::from_name(&m.name)
            .ok_or_else(|| (Invalid::RoundingMode(m.name.clone()), m.span))?,
    };
    Ok(Rounding { places, mode })
}

/// The model's rounding (the last `rounding` in its header that is valid), for indicators
/// without their own; problems are reported by the header check.
pub(crate) fn model_rounding(m: &Model) -> Rounding {
    m.header
        .iter()
        .rev()
        .find_map(|h| match h {
            HeaderItem::Rounding(spec) => rounding_of(spec).ok(),
            _ => None,
        })
        .unwrap_or_default()
}
