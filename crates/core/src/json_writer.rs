//! JSON text written by hand: strings escaped as serde_json escapes them (or in ASCII, every
//! other character as `\u` escapes), exact decimals as [`Num`], objects and arrays with their
//! commas. The lowest layer of output: the answer's writer (`answer_json`) uses it, with the
//! rules' texts escaped once when a binding made them ([`Escapes`]).
//!
//! Why by hand: writing the answer this way is 2.0 to 2.4 times as fast as
//! `serde_json::to_string` of the same answer for the same bytes (issue 17's measure; a test
//! holds the two writers to the same bytes).

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::ser::{CompactFormatter, Formatter};

/// An exact decimal written as a JSON number (`85`, `87.5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Num(pub Decimal);

/// How a [`Num`] is written in JSON.
pub(crate) enum Written {
    /// A whole number.
    Whole(i64),
    /// `mantissa / 10^scale` with few digits: its closest double's shortest text is these
    /// very digits, so they are written directly (`81.13`).
    Short {
        /// The digits, without trailing zeros.
        mantissa: i64,
        /// Digits after the point, 1 to [`SHORT_SCALE`].
        scale: u32,
    },
    /// Otherwise the closest double, in its shortest form.
    Double(f64),
}

/// The most digits after the point written directly (a test checks the text against
/// serde_json's double formatting for this range).
pub(crate) const SHORT_SCALE: u32 = 4;
/// Mantissas below this (15 digits) name distinct doubles, so the digits round-trip.
const SHORT_MANTISSA: u64 = 1_000_000_000_000_000;

impl Num {
    /// How the number is written in JSON.
    #[inline]
    pub(crate) fn written(self) -> Written {
        // Trailing zeros of the fraction do not change the value: drop them first.
        let (mantissa, mut scale) = (self.0.mantissa(), self.0.scale());
        if let Ok(mut m) = i64::try_from(mantissa) {
            while scale > 0 && m % 10 == 0 {
                m /= 10;
                scale -= 1;
            }
            return match scale {
                0 => Written::Whole(m),
                1..=SHORT_SCALE if m.unsigned_abs() < SHORT_MANTISSA => {
                    Written::Short { mantissa: m, scale }
                }
                _ => Written::Double(to_f64(self.0)),
            };
        }
        let mut m = mantissa;
        while scale > 0 && m % 10 == 0 {
            m /= 10;
            scale -= 1;
        }
        match i64::try_from(m) {
            Ok(i) if scale == 0 => Written::Whole(i),
            _ => Written::Double(to_f64(self.0)),
        }
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.written() {
            Written::Whole(i) => s.serialize_i64(i),
            Written::Short { .. } | Written::Double(_) => s.serialize_f64(to_f64(self.0)),
        }
    }
}

/// Exact powers of ten as doubles (every one up to 10^22 is exact).
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The double closest to a decimal; serde writes its shortest form, which reads back as the
/// same decimal for points with few decimals. When the digits and the power of ten are both
/// exact doubles, one correctly rounded division gives that closest double without going
/// through text; otherwise the decimal's text is parsed.
fn to_f64(d: Decimal) -> f64 {
    let mantissa = d.mantissa();
    let exact_digits = mantissa.unsigned_abs() < (1u128 << 53);
    match POWERS_OF_TEN.get(d.scale() as usize) {
        #[expect(
            clippy::cast_precision_loss,
            reason = "the mantissa is below 2^53, so exact"
        )]
        Some(p) if exact_digits => mantissa as f64 / p,
        _ => d.to_string().parse::<f64>().unwrap_or(0.0),
    }
}

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
    pub(crate) out: &'a mut String,
    /// How non-ASCII characters are written.
    pub(crate) encoding: Encoding,
    /// The next key or item is the first of its object or array.
    pub(crate) first: bool,
    /// Texts of the rules already escaped in `encoding`, when a binding made them.
    pub(crate) escapes: Option<&'a Escapes>,
}

/// Texts of the rules escaped once for JSON in one encoding, found again by their number in
/// their program and their address (so that a text of another program, or of another model
/// with the same number, is never taken for it). Made by the answer writer's `Escaped`, which
/// keeps the program alive and unchanged beside them.
#[derive(Debug, Clone)]
pub struct Escapes {
    /// The encoding they are escaped in.
    pub(crate) encoding: Encoding,
    /// One table per program (the model and each model it uses): by number, the text's
    /// address and length, and its JSON string literal.
    pub(crate) tables: Vec<Vec<(usize, usize, Box<str>)>>,
}

impl Escapes {
    /// The JSON string literal of the text `plain` numbered `number`, when it was escaped.
    #[inline]
    pub(crate) fn get(&self, number: u32, plain: &str) -> Option<&str> {
        let n = usize::try_from(number).ok()?;
        let at = (plain.as_ptr() as usize, plain.len());
        self.tables.iter().find_map(|table| {
            let (addr, len, literal) = table.get(n)?;
            ((*addr, *len) == at).then_some(&**literal)
        })
    }
}

impl<'a> JsonOut<'a> {
    /// Writes into `out`.
    pub fn new(out: &'a mut String, encoding: Encoding) -> Self {
        JsonOut {
            out,
            encoding,
            first: true,
            escapes: None,
        }
    }

    /// Writes into `out`, copying the texts of the rules already in `escapes`.
    pub fn with_escapes(out: &'a mut String, escapes: &'a Escapes) -> Self {
        JsonOut {
            escapes: Some(escapes),
            ..JsonOut::new(out, escapes.encoding)
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
    pub(crate) fn comma(&mut self) {
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
    pub(crate) fn status(&mut self, word: &'static str) {
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
pub(crate) fn escape_inner(out: &mut String, s: &str, encoding: Encoding) {
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
        // Else those eight bytes one by one before the next word. (Trying a word at every
        // byte after a failed one, as this did, cost a quarter of writing a full answer in
        // ASCII: Vietnamese has a character beyond ASCII in almost every word.)
        let end = (i + 8).min(bytes.len());
        while i < end {
            let Some(&b) = bytes.get(i) else { break };
            let special = b < 0x20 || b == b'"' || b == b'\\' || (ascii && b >= 0x80);
            if !special {
                i += 1;
                continue;
            }
            // `i` is at an ASCII byte or at the first byte of a character: a char boundary.
            out.push_str(s.get(start..i).unwrap_or_default());
            i += escape_at(out, s, i, b);
            start = i;
        }
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// Writes the escape of the byte `b` at `i` of `s` (in ASCII mode, of the character beyond
/// ASCII it begins); returns how many bytes it stands for.
fn escape_at(out: &mut String, s: &str, i: usize, b: u8) -> usize {
    match b {
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
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_become_the_closest_double() {
        for text in [
            "87.5",
            "0.1",
            "6.67",
            "33.33",
            "-4.9",
            "99.99",
            "0.000001",
            "123456.789",
        ] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(to_f64(d), text.parse::<f64>().unwrap(), "{text}");
        }
        for (text, json) in [
            ("85.000", "85"),
            ("-3.50", "-3.5"),
            ("0", "0"),
            ("0.00", "0"),
        ] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(serde_json::to_string(&Num(d)).unwrap(), json);
        }
        let big = Decimal::from_i128_with_scale(12_345_678_901_234_567_890_123, 3);
        assert_eq!(to_f64(big), big.to_string().parse::<f64>().unwrap());
    }
}
