//! Answers as JSON text, written straight into a `String`: the same bytes as
//! `serde_json::to_string` of the [`Answer`] (a test holds the two together) in a fraction of
//! the time, since keys are written as constants and strings escaped eight bytes at a time. In [`Encoding::Ascii`] every non-ASCII character becomes a `\u`
//! escape: the same JSON value, which a JavaScript engine takes in many times faster.

use crate::answer::{
    Answer, CriterionAnswer, FloorFailed, Gain, Goal, IndicatorAnswer, NestedAnswer, Num,
};
pub use crate::json_writer::{Encoding, Escapes, JsonOut};
use crate::json_writer::{escape, escape_inner};
use crate::program::Program;
use crate::record::RecordError;
use crate::rule_text::{Part, Reason, Text};
use std::sync::Arc;

/// Writes `,"key":` for a key after the first of its object, as one constant.
macro_rules! key {
    ($w:expr, $key:literal) => {
        $w.out.push_str(concat!(",\"", $key, "\":"))
    };
}

/// Opens an object of the answer with its first key: `{"key":`.
macro_rules! object {
    ($w:expr, $key:literal) => {
        $w.out.push_str(concat!("{\"", $key, "\":"))
    };
}

impl<'a> JsonOut<'a> {
    /// `{"id":…` of a criterion, an indicator or a gain.
    fn open(&mut self, id: &str) {
        self.out.push_str("{\"id\":");
        self.str(id);
    }

    /// The JSON string literal of a text of the rules, when a binding escaped it once.
    fn escaped(&self, t: &Text) -> Option<&'a str> {
        self.escapes.and_then(|e| e.get(t.number(), t))
    }

    /// A text of the rules: copied when it was escaped once, else escaped now.
    pub fn text(&mut self, t: &Text) {
        match self.escaped(t) {
            Some(literal) => self.out.push_str(literal),
            None => self.str(t),
        }
    }

    /// A reason: the rule file's words copied when they were escaped once, the record's
    /// values escaped now; one string.
    pub fn reason(&mut self, r: &Reason<'_>) {
        self.out.push('"');
        for part in r.parts() {
            match part {
                Part::Fixed(t) => match self.escaped(t) {
                    Some(literal) => {
                        let inner = literal.get(1..literal.len().saturating_sub(1));
                        self.out.push_str(inner.unwrap_or_default());
                    }
                    None => escape_inner(self.out, t, self.encoding),
                },
                Part::Own(s) => escape_inner(self.out, s, self.encoding),
            }
        }
        self.out.push('"');
    }
}

/// A program with the texts its answers show escaped once for JSON in one encoding, for a
/// binding that answers many records with it. Escaping the Vietnamese labels to `\u` escapes
/// for every answer took one evaluation of a unit record in the browser module from 8.7 to
/// 20.4 µs; copying them keeps it where it was. The program is shared and never changed while
/// the texts are kept, so a text is found again by its number and address.
#[derive(Debug, Clone)]
pub struct Escaped {
    program: Arc<Program>,
    escapes: Escapes,
}

impl Escaped {
    /// Escapes the texts of `program` and of the models it uses in `encoding`.
    pub fn new(program: Arc<Program>, encoding: Encoding) -> Self {
        let mut tables = Vec::new();
        let mut todo: Vec<&Program> = vec![&program];
        while let Some(p) = todo.pop() {
            let table = p
                .texts()
                .map(|t| {
                    let mut literal = String::with_capacity(t.len() + 2);
                    escape(&mut literal, t, encoding);
                    (t.as_ptr() as usize, t.len(), literal.into_boxed_str())
                })
                .collect();
            tables.push(table);
            todo.extend(p.models.iter().map(|m| &**m));
        }
        let escapes = Escapes { encoding, tables };
        Escaped { program, escapes }
    }

    /// The program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Appends `answer` (an answer of this program) to `out` as one JSON text.
    pub fn write_answer(&self, out: &mut String, answer: &Answer<'_>) {
        let mut w = JsonOut::with_escapes(out, &self.escapes);
        w.begin_object();
        answer.write_fields(&mut w);
        w.end_object();
    }
}

/// Appends the answer to `out` as one JSON text.
pub fn write_answer(out: &mut String, answer: &Answer<'_>, encoding: Encoding) {
    let mut w = JsonOut::new(out, encoding);
    w.begin_object();
    answer.write_fields(&mut w);
    w.end_object();
}

/// The answer as one JSON text.
pub fn answer_text(answer: &Answer<'_>, encoding: Encoding) -> String {
    let mut out = String::with_capacity(2048);
    write_answer(&mut out, answer, encoding);
    out
}

impl Answer<'_> {
    /// Writes the answer's fields (without the braces, so that a caller may put its own
    /// fields first), in the order and with the omissions of its `Serialize`.
    pub fn write_fields(&self, w: &mut JsonOut<'_>) {
        w.comma();
        w.out.push_str("\"model\":");
        w.str(self.model);
        key!(w, "version");
        w.str(self.version);
        if let Some(t) = self.title {
            key!(w, "title");
            w.text(t);
        }
        w.status(self.status.code());
        key!(w, "tier");
        match self.tier {
            Some(t) => w.str(t),
            None => w.null(),
        }
        if let Some(l) = self.level {
            key!(w, "level");
            w.uint(l as u64);
        }
        key!(w, "total");
        w.num(self.total);
        key!(w, "max");
        w.num(self.max);
        if let Some(p) = self.total_possible {
            key!(w, "total_possible");
            w.num(p);
        }
        if self.rescaled {
            key!(w, "rescaled");
            w.bool(true);
        }
        key!(w, "criteria");
        w.array(&self.criteria, |w, c| c.write(w));
        tail(w, &self.missing, &self.to_reach, &self.errors);
        write_floors_failed(w, &self.floors_failed);
        if let Some(sources) = self.sources {
            key!(w, "sources");
            w.array(sources, |w, t| w.text(t));
        }
        if !self.nested.is_empty() {
            key!(w, "nested");
            w.array(&self.nested, |w, n| n.write(w));
        }
    }
}

impl NestedAnswer<'_> {
    fn write(&self, w: &mut JsonOut<'_>) {
        object!(w, "path");
        w.str(&self.path);
        key!(w, "answer");
        w.begin_object();
        self.answer.write_fields(w);
        w.end_object();
        w.end_object();
    }
}

/// `"missing"`, `"to_reach"` and `"errors"` of an answer.
fn tail(w: &mut JsonOut<'_>, missing: &[String], to_reach: &[Goal<'_>], errors: &[RecordError]) {
    if missing.is_empty() && to_reach.is_empty() && errors.is_empty() {
        // The usual case, as one constant.
        w.out
            .push_str(",\"missing\":[],\"to_reach\":[],\"errors\":[]");
    } else {
        key!(w, "missing");
        w.array(missing, |w, m| w.str(m));
        key!(w, "to_reach");
        w.array(to_reach, |w, g| g.write(w));
        key!(w, "errors");
        w.array(errors, |w, e| e.write(w));
    }
}

/// `"floors_failed"` of an answer, when there are some.
fn write_floors_failed(w: &mut JsonOut<'_>, failed: &[FloorFailed<'_>]) {
    if failed.is_empty() {
        return;
    }
    key!(w, "floors_failed");
    w.array(failed, |w, f| {
        object!(w, "id");
        w.str(f.id);
        key!(w, "points");
        w.num(f.points);
        key!(w, "floor");
        w.num(f.floor);
        w.end_object();
    });
}

/// Opens the object of a criterion or an indicator with the fields they begin with.
#[inline]
fn head(
    w: &mut JsonOut<'_>,
    id: &str,
    label: Option<&Text>,
    points: Num,
    max: Num,
    status: &'static str,
) {
    w.open(id);
    if let Some(l) = label {
        key!(w, "label");
        w.text(l);
    }
    key!(w, "points");
    w.num(points);
    key!(w, "max");
    w.num(max);
    w.status(status);
}

/// The citation and provisional mark of a criterion or an indicator, when present.
#[inline]
fn citation(w: &mut JsonOut<'_>, source: Option<&Text>, provisional: bool) {
    if let Some(s) = source {
        key!(w, "source");
        w.text(s);
    }
    if provisional {
        w.out.push_str(",\"provisional\":true");
    }
}

impl CriterionAnswer<'_> {
    fn write(&self, w: &mut JsonOut<'_>) {
        head(
            w,
            self.id,
            self.label,
            self.points,
            self.max,
            self.status.code(),
        );
        citation(w, self.source, self.provisional);
        key!(w, "indicators");
        w.array(&self.indicators, |w, i| i.write(w));
        w.end_object();
    }
}

impl IndicatorAnswer<'_> {
    fn write(&self, w: &mut JsonOut<'_>) {
        head(
            w,
            self.id,
            self.label,
            self.points,
            self.max,
            self.status.code(),
        );
        if let Some(n) = self.deduct_max {
            key!(w, "deduct_max");
            w.num(n);
        }
        if let Some(l) = self.level {
            key!(w, "level");
            w.uint(l as u64);
        }
        if let Some(r) = &self.reason {
            key!(w, "reason");
            w.reason(r);
        }
        citation(w, self.source, self.provisional);
        if !self.missing.is_empty() {
            key!(w, "missing");
            w.array(&self.missing, |w, m| w.str(m));
        }
        w.end_object();
    }
}

impl Goal<'_> {
    fn write(&self, w: &mut JsonOut<'_>) {
        object!(w, "target");
        w.str(self.target);
        key!(w, "points_needed");
        w.num(self.points_needed);
        key!(w, "indicators");
        w.array(&self.indicators, |w, g| g.write(w));
        if !self.alternatives.is_empty() {
            key!(w, "alternatives");
            w.array(&self.alternatives, |w, set| w.array(set, |w, g| g.write(w)));
        }
        w.end_object();
    }
}

impl Gain<'_> {
    fn write(&self, w: &mut JsonOut<'_>) {
        w.open(self.id);
        if let Some(l) = self.label {
            key!(w, "label");
            w.text(l);
        }
        key!(w, "points");
        w.num(self.points);
        if let Some(c) = &self.change {
            key!(w, "change");
            w.str(c);
        }
        w.end_object();
    }
}

impl RecordError {
    /// Writes the problem as its `Serialize` does.
    pub fn write(&self, w: &mut JsonOut<'_>) {
        object!(w, "path");
        w.str(&self.path);
        key!(w, "code");
        w.str(self.code.code());
        key!(w, "message");
        w.str(&self.message);
        w.end_object();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_writer::escape;

    #[test]
    fn every_text_of_a_program_is_escaped_once_and_found() {
        let src = include_str!("../../../rules/unit/tt22-2020.rules");
        let program = crate::check::compile(src).program.unwrap();
        let texts = program.texts().count();
        let escaped = Escaped::new(Arc::new(program), Encoding::Ascii);
        for (n, t) in escaped.program().texts().enumerate() {
            assert_eq!(t.number() as usize, n);
            let mut want = String::new();
            escape(&mut want, t, Encoding::Ascii);
            assert_eq!(escaped.escapes.get(t.number(), t), Some(want.as_str()));
            // Another text with the same number and words is not taken for it.
            let copy = Text::new(t.as_str());
            assert_eq!(escaped.escapes.get(t.number(), &copy), None);
        }
        assert!(texts > 20, "{texts}");
    }

    fn ascii(json: &str) -> String {
        json.chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    let mut units = [0u16; 2];
                    c.encode_utf16(&mut units)
                        .iter()
                        .map(|u| format!("\\u{u:04x}"))
                        .collect()
                }
            })
            .collect()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        for s in [
            "",
            "plain",
            "Đơn vị «học tập»",
            "quote \" backslash \\ slash /",
            "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}",
            "emoji 😀 and \u{2028}",
        ] {
            let serde = serde_json::to_string(s).unwrap();
            let mut utf8 = String::new();
            escape(&mut utf8, s, Encoding::Utf8);
            assert_eq!(utf8, serde, "{s:?}");
            let mut asc = String::new();
            escape(&mut asc, s, Encoding::Ascii);
            assert!(asc.is_ascii());
            assert_eq!(asc, ascii(&serde), "{s:?}");
            assert_eq!(serde_json::from_str::<String>(&asc).unwrap(), s);
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        use rust_decimal::Decimal;
        let mut mantissas: Vec<i64> = (1..3000).collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            // A fixed pseudo-random walk over every magnitude below 10^15.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = 1 + (x % 15) as u32;
            mantissas.push(((x >> 8) % 10u64.pow(digits)) as i64);
        }
        for k in 1..15 {
            let p = 10i64.pow(k);
            mantissas.extend([p - 1, p + 1, p / 2 + 1, 999_999_999_999_999]);
        }
        let mut checked = 0;
        for m in mantissas.into_iter().filter(|m| m % 10 != 0) {
            for scale in 0..=crate::json_writer::SHORT_SCALE {
                for sign in [1, -1] {
                    let num = Num(Decimal::new(sign * m, scale));
                    let mut ours = String::new();
                    JsonOut::new(&mut ours, Encoding::Utf8).num(num);
                    assert_eq!(ours, serde_json::to_string(&num).unwrap(), "{m} e-{scale}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_000_000);
    }
}
