//! Small word rules: a label inside a sentence, a statement negated, a list's noun.

/// A label as it reads inside a sentence: the first letter in lower case, unless the first
/// word is a name or an abbreviation (`Hà Nội`, `THPT`), which keep theirs.
pub fn in_sentence(label: &str) -> String {
    let label = label.trim();
    // "(Cấp tỉnh) Số người học": the words after the parenthesis read inside the sentence.
    if label.starts_with('(')
        && let Some(end) = label.find(") ")
    {
        let (head, rest) = label.split_at(end + 2);
        return format!("{head}{}", in_sentence(rest));
    }
    let mut words = label.split_whitespace();
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    let mut chars = first.chars();
    let Some(c) = chars.next() else {
        return String::new();
    };
    let rest_lower = chars.all(|c| !is_upper(c));
    let second_capital = second.chars().next().is_some_and(is_upper);
    if !is_upper(c) || !rest_lower || second_capital {
        return label.to_string();
    }
    let mut out = String::with_capacity(label.len());
    out.push(lower(c));
    out.push_str(label.get(c.len_utf8()..).unwrap_or_default());
    out
}

/// The pair of a letter in the other case, for ASCII and the Latin letters Vietnamese uses
/// (Latin-1, Latin Extended-A and Additional, `Ơ`, `Ư`): `(upper, lower)`; `None` for any other
/// character. Unicode's whole case tables (`char::to_lowercase`, `to_uppercase`) added about
/// 24 KB to the authors' browser module, which shows this prose in its document tab.
fn case_pair(c: char) -> Option<(char, char)> {
    let n = u32::from(c);
    let even_odd = |n: u32| {
        let upper = n & !1;
        Some((char::from_u32(upper)?, char::from_u32(upper + 1)?))
    };
    match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => Some((c, char::from_u32(n + 0x20)?)),
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE => Some((char::from_u32(n - 0x20)?, c)),
        0x100..=0x12F | 0x14A..=0x177 | 0x1A0..=0x1A1 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => {
            even_odd(n)
        }
        0x1AF | 0x1B0 => Some(('\u{1AF}', '\u{1B0}')),
        _ => None,
    }
}

/// True for an upper-case letter of [`case_pair`].
pub(crate) fn is_upper(c: char) -> bool {
    case_pair(c).is_some_and(|(u, _)| u == c)
}

/// The letter in lower case (see [`case_pair`]); any other character as it is.
pub(crate) fn lower(c: char) -> char {
    case_pair(c).map_or(c, |(_, l)| l)
}

/// The letter in upper case (see [`case_pair`]); any other character as it is.
pub(crate) fn upper(c: char) -> char {
    case_pair(c).map_or(c, |(u, _)| u)
}

/// Words after which a statement is negated by putting a negation before them, with the
/// negation: "đơn vị có quy định" → "đơn vị không có quy định".
const NEGATIONS: &[(&str, &str)] = &[
    ("có", "không có"),
    ("là", "không phải là"),
    ("được", "chưa được"),
    ("đạt", "chưa đạt"),
    ("đã", "chưa"),
    ("tham gia", "không tham gia"),
    ("vận dụng", "không vận dụng"),
    ("thực hiện", "không thực hiện"),
];

/// A statement (the label of a yes/no field, already [`in_sentence`]) negated: the first of
/// [`NEGATIONS`] found, at the start or after a space, gets its negation; a statement with
/// none of them reads "không đạt yêu cầu «…»".
pub fn negate_statement(s: &str) -> String {
    let mut best: Option<(usize, &str, &str)> = None;
    for (word, negation) in NEGATIONS {
        let at = if s.starts_with(&format!("{word} ")) {
            Some(0)
        } else {
            s.find(&format!(" {word} ")).map(|i| i + 1)
        };
        if let Some(at) = at
            && best.is_none_or(|(b, _, _)| at < b)
        {
            best = Some((at, word, negation));
        }
    }
    match best {
        Some((at, word, negation)) => {
            let (before, after) = s.split_at(at);
            let after = after.strip_prefix(word).unwrap_or(after);
            format!("{before}{negation}{after}")
        }
        None => format!("không đạt yêu cầu «{s}»"),
    }
}

/// A list's noun without a leading "các" or "những", to follow "số", "mọi", "mỗi".
pub fn bare(noun: &str) -> &str {
    noun.strip_prefix("các ")
        .or_else(|| noun.strip_prefix("những "))
        .unwrap_or(noun)
}

/// How a condition on an item follows the item's noun: a verb phrase follows it directly
/// ("thành viên được công nhận"), an attribute after "có" ("thành viên có tuổi từ 6 đến 14").
pub fn filter_join(condition: &str) -> &'static str {
    const VERBS: &[&str] = &["có ", "được ", "không ", "chưa ", "đã ", "đều ", "mọi "];
    if VERBS.iter().any(|v| condition.starts_with(v)) {
        " "
    } else {
        " có "
    }
}

/// The word between a field and its value: "là", or nothing after a label that ends with a
/// preposition ("hiện đang đi học ở «Tiểu học»").
pub fn copula(subject: &str) -> &'static str {
    const ENDS: &[&str] = &[" ở", " tại", " theo", ":"];
    if ENDS.iter().any(|e| subject.ends_with(e)) {
        " "
    } else {
        " là "
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_inside_a_sentence() {
        assert_eq!(in_sentence("Tổng số thành viên"), "tổng số thành viên");
        assert_eq!(in_sentence("Hà Nội có kế hoạch"), "Hà Nội có kế hoạch");
        assert_eq!(in_sentence("THPT cấp tỉnh"), "THPT cấp tỉnh");
        assert_eq!(
            in_sentence("(Cấp tỉnh) Số người học"),
            "(Cấp tỉnh) số người học"
        );
        assert_eq!(in_sentence(""), "");
        assert_eq!(in_sentence("Đơn vị"), "đơn vị");
        assert_eq!(in_sentence("Ưu tiên"), "ưu tiên");
        assert_eq!(in_sentence("Ở nhà"), "ở nhà");
    }

    #[test]
    fn vietnamese_letters_change_case_as_unicode_says() {
        let letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ";
        for c in letters.chars() {
            let u = c.to_uppercase().next().unwrap();
            assert_eq!((upper(c), lower(u)), (u, c), "{c}");
            assert!(is_upper(u) && !is_upper(c), "{c}");
        }
        for c in ['×', '÷', '1', ' ', '(', 'ß'] {
            assert_eq!((upper(c), lower(c), is_upper(c)), (c, c, false), "{c}");
        }
    }

    #[test]
    fn statements_are_negated_at_their_verb() {
        assert_eq!(
            negate_statement("đơn vị có quy định khuyến khích"),
            "đơn vị không có quy định khuyến khích"
        );
        assert_eq!(
            negate_statement("có thành viên vi phạm pháp luật"),
            "không có thành viên vi phạm pháp luật"
        );
        assert_eq!(
            negate_statement("đơn vị là cơ quan nhà nước"),
            "đơn vị không phải là cơ quan nhà nước"
        );
        assert_eq!(
            negate_statement("gia đình được công nhận"),
            "gia đình chưa được công nhận"
        );
        assert_eq!(
            negate_statement("trung thực"),
            "không đạt yêu cầu «trung thực»"
        );
    }
}
