//! Answers as JSON text, in UTF-8 or in ASCII only (every other character as a `\u` escape:
//! the same JSON value, which a JavaScript engine takes in many times faster than UTF-8).

use std::cell::Cell;
use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, Serializer};

/// How non-ASCII characters are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// As they are (UTF-8).
    Utf8,
    /// As `\uXXXX` escapes (surrogate pairs beyond the basic plane).
    Ascii,
}

thread_local! {
    /// Set while a value is written in ASCII, so that texts rendered at compile time pick
    /// their ASCII form (see [`crate::text::Text`]).
    static ASCII: Cell<bool> = const { Cell::new(false) };
}

/// True while a value is being written in ASCII on this thread.
pub(crate) fn writing_ascii() -> bool {
    ASCII.with(Cell::get)
}

/// Appends `value` as compact JSON to `out`.
pub fn write<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    encoding: Encoding,
) -> Result<(), serde_json::Error> {
    match encoding {
        Encoding::Utf8 => serde_json::to_writer(out, value),
        Encoding::Ascii => {
            let before = ASCII.with(|a| a.replace(true));
            let result = value.serialize(&mut Serializer::with_formatter(out, AsciiFormatter));
            ASCII.with(|a| a.set(before));
            result
        }
    }
}

/// `value` as compact JSON text.
pub fn to_string<T: Serialize + ?Sized>(
    value: &T,
    encoding: Encoding,
) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(1024);
    write(&mut out, value, encoding)?;
    // Both encodings write valid UTF-8.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// Compact JSON with every non-ASCII character escaped.
struct AsciiFormatter;

impl Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            let Some((ascii, tail)) = rest.split_at_checked(at) else {
                break;
            };
            writer.write_all(ascii.as_bytes())?;
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    writer.write_all(&escape(*unit))?;
                }
            }
            rest = chars.as_str();
        }
        writer.write_all(rest.as_bytes())
    }
}

/// `\uXXXX` for one UTF-16 unit, in lowercase hexadecimal.
fn escape(unit: u16) -> [u8; 6] {
    let digit = |shift: u16| {
        let d = ((unit >> shift) & 0xf) as u8;
        if d < 10 { b'0' + d } else { b'a' + d - 10 }
    };
    [b'\\', b'u', digit(12), digit(8), digit(4), digit(0)]
}

/// Renders a string as a JSON string literal in the given encoding.
pub(crate) fn string_literal(text: &str, encoding: Encoding) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 2);
    let written = match encoding {
        Encoding::Utf8 => {
            text.serialize(&mut Serializer::with_formatter(&mut out, CompactFormatter))
        }
        Encoding::Ascii => {
            text.serialize(&mut Serializer::with_formatter(&mut out, AsciiFormatter))
        }
    };
    // Writing a string into memory cannot fail; an empty literal keeps the JSON valid if it did.
    if written.is_err() {
        return b"\"\"".to_vec();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_output_is_the_same_json_value() {
        let value = serde_json::json!({"nhãn": "Đơn vị «học tập» 😀\n\"x\"", "n": [1, 2.5]});
        let ascii = to_string(&value, Encoding::Ascii).unwrap();
        assert!(ascii.is_ascii(), "{ascii}");
        assert!(ascii.contains("\\u0110\\u01a1n"), "{ascii}");
        assert!(ascii.contains("\\ud83d\\ude00"), "{ascii}");
        let back: serde_json::Value = serde_json::from_str(&ascii).unwrap();
        assert_eq!(back, value);
        assert_eq!(
            to_string(&value, Encoding::Utf8).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }
}
