//! Reading a keyword in either spelling, whatever the Unicode form it was typed or pasted in.
//!
//! Vietnamese letters can be stored precomposed (NFC: `ế` one character) or decomposed (NFD:
//! `e`, U+0302, U+0301), or half and half (`ê` then U+0301, as some Windows keyboards type).
//! A keyword is recognised in all of these: each letter is compared as its base letter and
//! the set of Vietnamese marks on it. Only the letters and marks of Vietnamese are known
//! here (a small table instead of the Unicode tables, which would weigh on the browser
//! module); case counts, as for the English keywords.

use crate::keywords::{KeywordLang, Kw, vietnamese_forms};

const BREVE: u8 = 1;
const CIRCUMFLEX: u8 = 1 << 1;
const HORN: u8 = 1 << 2;
const GRAVE: u8 = 1 << 3;
const ACUTE: u8 = 1 << 4;
const HOOK: u8 = 1 << 5;
const TILDE: u8 = 1 << 6;
const DOT: u8 = 1 << 7;

/// The marks, in the order of the letters of a row of [`VOWELS`] (none, grave, acute, hook
/// above, tilde, dot below).
const TONES: [u8; 6] = [0, GRAVE, ACUTE, HOOK, TILDE, DOT];

/// The lower-case Vietnamese vowels: base letter, vowel mark, and the six tones of it.
const VOWELS: [(char, u8, &str); 12] = [
    ('a', 0, "aàáảãạ"),
    ('a', BREVE, "ăằắẳẵặ"),
    ('a', CIRCUMFLEX, "âầấẩẫậ"),
    ('e', 0, "eèéẻẽẹ"),
    ('e', CIRCUMFLEX, "êềếểễệ"),
    ('i', 0, "iìíỉĩị"),
    ('o', 0, "oòóỏõọ"),
    ('o', CIRCUMFLEX, "ôồốổỗộ"),
    ('o', HORN, "ơờớởỡợ"),
    ('u', 0, "uùúủũụ"),
    ('u', HORN, "ưừứửữự"),
    ('y', 0, "yỳýỷỹỵ"),
];

/// The Vietnamese combining mark `c` (as a bit), if it is one.
fn mark(c: char) -> Option<u8> {
    Some(match c {
        '\u{306}' => BREVE,
        '\u{302}' => CIRCUMFLEX,
        '\u{31B}' => HORN,
        '\u{300}' | '\u{340}' => GRAVE,
        '\u{301}' | '\u{341}' => ACUTE,
        '\u{309}' => HOOK,
        '\u{303}' => TILDE,
        '\u{323}' => DOT,
        _ => return None,
    })
}

/// True for a combining diacritical mark (U+0300–U+036F): it belongs to the letter before it,
/// so a keyword never ends just before one.
pub(crate) fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// A letter as its base letter and its Vietnamese marks (`ế` → `e`, circumflex and acute).
fn decompose(c: char) -> (char, u8) {
    if c.is_ascii() {
        return (c, 0);
    }
    for (base, vowel_mark, row) in VOWELS {
        for (tone, letter) in TONES.iter().zip(row.chars()) {
            if letter == c {
                return (base, vowel_mark | tone);
            }
        }
    }
    (c, 0)
}

/// Bytes of `input` that spell `form` (letters compared with their marks, whatever their
/// Unicode form; a space of `form` matches one or more spaces or tabs), if it starts with it.
/// Not checked: what follows.
fn spell(input: &str, form: &str) -> Option<usize> {
    let mut rest = input;
    for f in form.chars() {
        if f == ' ' {
            let after =
                rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
            if after.len() == rest.len() {
                return None;
            }
            rest = after;
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next()?;
        let mut after = chars.as_str();
        let Some(first_mark) = after.chars().next().and_then(mark) else {
            // Precomposed or plain: the same character, or not the letter.
            if c != f {
                return None;
            }
            rest = after;
            continue;
        };
        // Decomposed, or half: the base and every mark that follows, once each.
        let (base, mut marks) = decompose(c);
        let mut next = Some(first_mark);
        while let Some(m) = next {
            if marks & m != 0 {
                return None;
            }
            marks |= m;
            after = after.get(after.chars().next().map_or(0, char::len_utf8)..)?;
            next = after.chars().next().and_then(mark);
        }
        if (base, marks) != decompose(f) {
            return None;
        }
        rest = after;
    }
    Some(input.len() - rest.len())
}

/// True when `rest` (after a word) continues that word: a letter, a digit, `_` or a mark.
fn continues_word(rest: &str) -> bool {
    rest.starts_with(|c: char| c.is_alphanumeric() || c == '_' || is_combining(c))
}

/// Bytes of `input` that spell the whole word(s) `form`, if it does.
fn whole(input: &str, form: &str) -> Option<usize> {
    let n = spell(input, form)?;
    match input.get(n..) {
        Some(rest) if !continues_word(rest) => Some(n),
        _ => None,
    }
}

/// The keyword `kw` at the start of `input` (no space before it): the bytes it takes and the
/// language it is written in. A Vietnamese form that begins a longer form written there is
/// not read (`khi` is not read at `khi đạt "…"`).
pub(crate) fn read_keyword(input: &str, kw: Kw) -> Option<(usize, KeywordLang)> {
    if let Some(n) = whole(input, kw.english()) {
        return Some((n, KeywordLang::En));
    }
    let form = kw.vietnamese();
    let n = whole(input, form)?;
    for other in vietnamese_forms() {
        if other.len() > form.len()
            && other.starts_with(form)
            && other.as_bytes().get(form.len()) == Some(&b' ')
            && whole(input, other).is_some()
        {
            return None;
        }
    }
    Some((n, KeywordLang::Vi))
}

/// The keyword written at the start of `input`, in either spelling, with its length: how a
/// message names what was found there (`tiêu chí` rather than `tiêu`).
pub(crate) fn any_keyword(input: &str) -> Option<usize> {
    let mut longest = None;
    for kw in Kw::all() {
        if let Some((n, _)) = read_keyword(input, kw) {
            longest = longest.max(Some(n));
        }
    }
    longest
}

/// True when a word operator (`and`, `và`, `ngược lại`…) starts `input`: not a name.
pub(crate) fn is_reserved(input: &str) -> bool {
    crate::keywords::RESERVED
        .iter()
        .any(|kw| read_keyword(input, *kw).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_composed_decomposed_and_half() {
        let decomposed = |s: &str| -> String {
            s.chars()
                .flat_map(|c| {
                    let (base, marks) = decompose(c);
                    let mut out = vec![base];
                    for (bit, m) in [
                        (BREVE, '\u{306}'),
                        (CIRCUMFLEX, '\u{302}'),
                        (HORN, '\u{31B}'),
                        (DOT, '\u{323}'),
                        (GRAVE, '\u{300}'),
                        (ACUTE, '\u{301}'),
                        (HOOK, '\u{309}'),
                        (TILDE, '\u{303}'),
                    ] {
                        if marks & bit != 0 {
                            out.push(m);
                        }
                    }
                    out
                })
                .collect()
        };
        for kw in Kw::all() {
            let vi = kw.vietnamese();
            assert_eq!(read_keyword(vi, kw), Some((vi.len(), KeywordLang::Vi)));
            let nfd = decomposed(vi);
            assert_eq!(
                read_keyword(&nfd, kw),
                Some((nfd.len(), KeywordLang::Vi)),
                "{vi}"
            );
            let spaced = format!("{}  x", vi.replace(' ', " \t "));
            assert!(read_keyword(&spaced, kw).is_some(), "{vi}");
            let en = kw.english();
            assert_eq!(read_keyword(en, kw), Some((en.len(), KeywordLang::En)));
        }
        // `ê` precomposed then the acute as a combining mark (a Windows keyboard's way).
        assert!(read_keyword("ti\u{EA}\u{301}ng Anh", Kw::En).is_some());
        assert!(read_keyword("ti\u{EA}\u{300}ng Anh", Kw::En).is_none());
        assert!(read_keyword("ti\u{EA}\u{301}\u{301}ng Anh", Kw::En).is_none());
        assert!(read_keyword("ti\u{EA}\u{301}ng Anh \"x\"", Kw::En).is_some());
        let odd = "tie\u{301}\u{302}ng Anh";
        assert_eq!(read_keyword(odd, Kw::En).map(|r| r.0), Some(odd.len()));
    }

    #[test]
    fn reads_whole_words_only_and_the_longest_form() {
        assert!(read_keyword("khiến", Kw::When).is_none());
        assert!(read_keyword("khi\u{301}", Kw::When).is_none());
        assert!(read_keyword("khi_x", Kw::When).is_none());
        assert!(read_keyword("khi đạt \"x\"", Kw::When).is_none());
        assert!(read_keyword("khi đạt \"x\"", Kw::Met).is_some());
        assert!(read_keyword("khi đạt một phần \"x\"", Kw::Met).is_none());
        assert!(read_keyword("khi đạt một phần \"x\"", Kw::Partial).is_some());
        assert!(read_keyword("không có", Kw::Not).is_none());
        assert!(read_keyword("không có_x", Kw::Not).is_some());
        assert!(read_keyword("điểm\n  điểm sàn 5", Kw::Points).is_some());
        assert!(read_keyword("tiêu\nchí", Kw::Criterion).is_none());
        assert!(read_keyword("Khi", Kw::When).is_none());
        assert!(is_reserved("ngược  lại 1"));
        assert!(!is_reserved("ngược_lại"));
        assert_eq!(any_keyword("tiêu chí N1"), Some("tiêu chí".len()));
    }
}
