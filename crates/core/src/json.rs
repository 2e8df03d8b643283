//! Answers as JSON text, written straight into a `String`: the same bytes as
//! `serde_json::to_string` of the [`Answer`] (a test holds the two together) in a fraction of
//! the time, since keys are written as they are and the rules' texts were escaped once when
//! the rules were compiled. In [`Encoding::Ascii`] every non-ASCII character becomes a `\u`
//! escape: the same JSON value, which a JavaScript engine takes in many times faster.

use serde_json::ser::{CompactFormatter, Formatter};

use crate::answer::{
    Answer, CriterionAnswer, FloorFailed, Gain, Goal, IndicatorAnswer, NestedAnswer, Num, Part,
    Reason, Written,
};
use crate::record::RecordError;
use crate::text::{IdJson, Text};

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

mod summary;
pub use summary::write_summary_fields;

/// How non-ASCII characters are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// As they are (UTF-8).
    Utf8,
    /// As `\uXXXX` escapes (surrogate pairs beyond the basic plane).
    Ascii,
}

/// A JSON text being written: objects, keys and values, commas placed as they come.
pub struct JsonOut<'a> {
    /// Where the text goes.
    out: &'a mut String,
    /// How non-ASCII characters are written.
    encoding: Encoding,
    /// The next key or item is the first of its object or array.
    first: bool,
}

impl<'a> JsonOut<'a> {
    /// Writes into `out`.
    pub fn new(out: &'a mut String, encoding: Encoding) -> Self {
        JsonOut {
            out,
            encoding,
            first: true,
        }
    }

    /// `{`.
    pub fn begin_object(&mut self) {
        self.out.push('{');
        self.first = true;
    }

    /// `}`.
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.first = false;
    }

    /// `"key":`, after a comma unless it is the first key; `key` is plain ASCII.
    pub fn key(&mut self, key: &str) {
        self.comma();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
    }

    /// A comma, unless the next key is the first of its object.
    #[inline]
    fn comma(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// A string value.
    pub fn str(&mut self, s: &str) {
        escape(self.out, s, self.encoding);
    }

    /// A whole number.
    #[inline]
    pub fn uint(&mut self, n: u64) {
        // Most numbers of an answer are small: written digit by digit, no buffer.
        if n < 10 {
            self.digit(n);
        } else if n < 100 {
            self.two_digits(n);
        } else {
            self.long_uint(n);
        }
    }

    /// A whole number of three digits or more.
    fn long_uint(&mut self, n: u64) {
        // Digits from the last: 20 is enough for any u64.
        let mut buf = [b'0'; 20];
        let mut first = buf.len();
        let mut rest = n;
        for slot in buf.iter_mut().rev() {
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
            first -= 1;
            if rest == 0 {
                break;
            }
        }
        let digits = buf.get(first..).unwrap_or_default();
        self.out
            .push_str(std::str::from_utf8(digits).unwrap_or_default());
    }

    /// One digit, `n` below 10.
    #[inline]
    fn digit(&mut self, n: u64) {
        self.out.push(char::from(b'0' + (n % 10) as u8));
    }

    /// `n` below 100 in two digits (`07`).
    #[inline]
    fn two_digits(&mut self, n: u64) {
        self.digit(n / 10 % 10);
        self.digit(n % 10);
    }

    /// `,"status":"word"` (never the first key), the word a constant of the answer format
    /// (`met`, `recognized`): nothing to escape. The usual words are written as one constant.
    fn status(&mut self, word: &'static str) {
        macro_rules! words {
            ($($word:literal)*) => {
                match word {
                    $($word => self.out.push_str(concat!(",\"status\":\"", $word, "\"")),)*
                    _ => {
                        self.out.push_str(",\"status\":\"");
                        self.out.push_str(word);
                        self.out.push('"');
                    }
                }
            };
        }
        words!("met" "partial" "unmet" "not_applicable" "unknown" "recognized" "not_recognized" "undetermined");
    }

    /// `{"id":…` of a criterion, an indicator or a gain, its JSON made with the rules when
    /// `json` is the id's own.
    fn open(&mut self, id: &str, json: Option<&IdJson>) {
        match json {
            Some(j) if std::ptr::eq(j.as_str(), id) => self.out.push_str(j.open(self.encoding)),
            _ => {
                self.out.push_str("{\"id\":");
                self.str(id);
            }
        }
    }

    /// An exact decimal, as [`Num`]'s `Serialize` writes it.
    #[inline]
    pub fn num(&mut self, n: Num) {
        match n.written() {
            Written::Whole(i) => {
                if i < 0 {
                    self.out.push('-');
                }
                self.uint(i.unsigned_abs());
            }
            Written::Short { mantissa, scale } => self.short(mantissa, scale),
            Written::Double(f) => self.number(|buf| CompactFormatter.write_f64(buf, f)),
        }
    }

    /// `mantissa / 10^scale` in plain decimal digits (`-0.05`, `81.13`).
    fn short(&mut self, mantissa: i64, scale: u32) {
        let abs = mantissa.unsigned_abs();
        if mantissa < 0 {
            self.out.push('-');
        }
        // Points have two decimals, or one: divisions by constants.
        if scale == 2 {
            self.uint(abs / 100);
            self.out.push('.');
            self.two_digits(abs % 100);
            return;
        }
        let pow = 10u64.pow(scale);
        self.uint(abs / pow);
        self.out.push('.');
        let frac = abs % pow;
        // Leading zeros of the fraction (`0.05`), then its digits.
        let mut shown = 10;
        for _ in 1..scale {
            if frac < pow / shown {
                self.out.push('0');
            }
            shown *= 10;
        }
        self.uint(frac);
    }

    /// A number written by serde_json's own formatter (so the text is the same).
    fn number(&mut self, write: impl FnOnce(&mut &mut [u8]) -> std::io::Result<()>) {
        // The longest number serde_json writes (`-1.7976931348623157e308`) fits.
        let mut buf = [0u8; 40];
        let mut rest: &mut [u8] = &mut buf;
        if write(&mut rest).is_ok() {
            let used = 40 - rest.len();
            if let Some(digits) = buf.get(..used).and_then(|d| std::str::from_utf8(d).ok()) {
                self.out.push_str(digits);
            }
        }
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// A reason: its template's text copied (escaped once), its values escaped.
    pub fn reason(&mut self, r: &Reason<'_>) {
        self.out.push('"');
        for part in r.parts() {
            match part {
                Part::Fixed(t) => self.out.push_str(t.json_inner(self.encoding)),
                Part::Own(s) => escape_inner(self.out, s, self.encoding),
            }
        }
        self.out.push('"');
    }

    /// A text of the rules, already escaped.
    pub fn text(&mut self, t: &Text) {
        self.out.push_str(t.json(self.encoding));
    }

    /// An array of `items`, each written by `each`.
    pub fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.first = true;
            each(self, item);
        }
        self.out.push(']');
        self.first = false;
    }
}

/// Writes `s` as a JSON string: the escapes serde_json writes, and in ASCII every other
/// character as `\u` escapes of its UTF-16 units.
pub(crate) fn escape(out: &mut String, s: &str, encoding: Encoding) {
    out.push('"');
    escape_inner(out, s, encoding);
    out.push('"');
}

/// [`escape`] without the quotes.
fn escape_inner(out: &mut String, s: &str, encoding: Encoding) {
    let ascii = encoding == Encoding::Ascii;
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs an escape.
        if let Some(word) = bytes.get(i..i + 8)
            && let Ok(word) = <[u8; 8]>::try_from(word)
            && !needs_escape(u64::from_le_bytes(word), ascii)
        {
            i += 8;
            continue;
        }
        let Some(&b) = bytes.get(i) else { break };
        let special = b < 0x20 || b == b'"' || b == b'\\' || (ascii && b >= 0x80);
        if !special {
            i += 1;
            continue;
        }
        // `i` is at an ASCII byte or at the first byte of a character: a char boundary.
        out.push_str(s.get(start..i).unwrap_or_default());
        let len = match b {
            b'"' => push(out, "\\\""),
            b'\\' => push(out, "\\\\"),
            b'\n' => push(out, "\\n"),
            b'\r' => push(out, "\\r"),
            b'\t' => push(out, "\\t"),
            0x08 => push(out, "\\b"),
            0x0c => push(out, "\\f"),
            0x00..=0x1f => {
                push_unit(out, u16::from(b));
                1
            }
            _ => {
                // A character beyond ASCII, in ASCII mode.
                let c = s.get(i..).and_then(|rest| rest.chars().next());
                let mut units = [0u16; 2];
                for unit in c.unwrap_or('\u{fffd}').encode_utf16(&mut units) {
                    push_unit(out, *unit);
                }
                c.map_or(1, char::len_utf8)
            }
        };
        i += len;
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// Appends an escape for one input byte; returns 1 (the bytes it stands for).
fn push(out: &mut String, escape: &str) -> usize {
    out.push_str(escape);
    1
}

/// True when one of the eight bytes of `word` needs an escape: below 0x20, `"`, `\\`, or (in
/// ASCII mode) beyond ASCII.
fn needs_escape(word: u64, ascii: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
    below_space | quote | backslash != 0 || (ascii && word & HIGH != 0)
}

/// Appends `\uXXXX` for one UTF-16 unit, in lowercase hexadecimal.
fn push_unit(out: &mut String, unit: u16) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        let d = u32::from((unit >> shift) & 0xf);
        out.push(char::from_digit(d, 16).unwrap_or('0'));
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
    (id, id_json): (&str, Option<&IdJson>),
    label: Option<&Text>,
    points: Num,
    max: Num,
    status: &'static str,
) {
    let id_json = id_json.filter(|j| std::ptr::eq(j.as_str(), id));
    // Full marks, the usual case: one piece made with the rules.
    let met = id_json.and_then(|j| j.met(points, max, status, w.encoding));
    if let (Some(piece), None) = (met, label) {
        w.out.push_str(piece);
        return;
    }
    w.open(id, id_json);
    if let Some(l) = label {
        key!(w, "label");
        w.text(l);
    }
    if let (Some(piece), Some(j)) = (met, id_json) {
        // The same fields after the label.
        let marks = piece.get(j.open(w.encoding).len()..);
        w.out.push_str(marks.unwrap_or_default());
        return;
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
            (self.id, self.id_json),
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
            (self.id, self.id_json),
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
        w.open(self.id, self.id_json);
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
        w.str(self.code);
        key!(w, "message");
        w.str(&self.message);
        w.end_object();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            for scale in 0..=crate::answer::SHORT_SCALE {
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
