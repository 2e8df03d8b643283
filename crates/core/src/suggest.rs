//! Did-you-mean: the closest of some names to a misspelt one, compared without case or
//! Vietnamese marks (`Tong so thanh vien` finds «Tổng số thành viên»). One place for the rule
//! file's checker, record decoding and the CLI's table headers.

use crate::limits::{MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_NAME_CHARS};

/// Vietnamese letters without their marks, in lowercase, spaces collapsed, in NFC first
/// (`Tên  ĐƠN vị` → `ten don vi`). Only ASCII and Vietnamese letters change case: Unicode's
/// whole lowercase table (`str::to_lowercase`) added 11 KB to the browser module. Not inlined
/// into the many callers of [`nearest`], for the same reason.
#[inline(never)]
pub fn fold(s: &str) -> String {
    let nfc = crate::value::nfc(s);
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(unmarked));
    }
    out
}

/// A letter in lowercase without its Vietnamese marks.
fn unmarked(c: char) -> char {
    match c {
        'à' | 'á' | 'ạ' | 'ả' | 'ã' | 'â' | 'ầ' | 'ấ' | 'ậ' | 'ẩ' | 'ẫ' | 'ă' | 'ằ' | 'ắ' | 'ặ'
        | 'ẳ' | 'ẵ' | 'À' | 'Á' | 'Ạ' | 'Ả' | 'Ã' | 'Â' | 'Ầ' | 'Ấ' | 'Ậ' | 'Ẩ' | 'Ẫ' | 'Ă'
        | 'Ằ' | 'Ắ' | 'Ặ' | 'Ẳ' | 'Ẵ' => 'a',
        'è' | 'é' | 'ẹ' | 'ẻ' | 'ẽ' | 'ê' | 'ề' | 'ế' | 'ệ' | 'ể' | 'ễ' | 'È' | 'É' | 'Ẹ' | 'Ẻ'
        | 'Ẽ' | 'Ê' | 'Ề' | 'Ế' | 'Ệ' | 'Ể' | 'Ễ' => 'e',
        'ì' | 'í' | 'ị' | 'ỉ' | 'ĩ' | 'Ì' | 'Í' | 'Ị' | 'Ỉ' | 'Ĩ' => 'i',
        'ò' | 'ó' | 'ọ' | 'ỏ' | 'õ' | 'ô' | 'ồ' | 'ố' | 'ộ' | 'ổ' | 'ỗ' | 'ơ' | 'ờ' | 'ớ' | 'ợ'
        | 'ở' | 'ỡ' | 'Ò' | 'Ó' | 'Ọ' | 'Ỏ' | 'Õ' | 'Ô' | 'Ồ' | 'Ố' | 'Ộ' | 'Ổ' | 'Ỗ' | 'Ơ'
        | 'Ờ' | 'Ớ' | 'Ợ' | 'Ở' | 'Ỡ' => 'o',
        'ù' | 'ú' | 'ụ' | 'ủ' | 'ũ' | 'ư' | 'ừ' | 'ứ' | 'ự' | 'ử' | 'ữ' | 'Ù' | 'Ú' | 'Ụ' | 'Ủ'
        | 'Ũ' | 'Ư' | 'Ừ' | 'Ứ' | 'Ự' | 'Ử' | 'Ữ' => 'u',
        'ỳ' | 'ý' | 'ỵ' | 'ỷ' | 'ỹ' | 'Ỳ' | 'Ý' | 'Ỵ' | 'Ỷ' | 'Ỹ' => 'y',
        'đ' | 'Đ' => 'd',
        c => c.to_ascii_lowercase(),
    }
}

/// The closest candidate to `name`, when it is close enough to be a likely typo: Jaro–Winkler
/// similarity over 0.8 between the folded forms (from the `strsim` crate).
///
/// Bounded in cost: names longer than [`MAX_SUGGEST_NAME_CHARS`] are neither given nor
/// offered a suggestion, and only the first [`MAX_SUGGEST_CANDIDATES`] candidates are
/// compared (a comparison costs the product of the lengths; unbounded, a 320 KB file of
/// long names took 12 s).
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let short = |s: &str| s.chars().nth(MAX_SUGGEST_NAME_CHARS).is_none();
    if !short(name) {
        return None;
    }
    let key = fold(name);
    candidates
        .take(MAX_SUGGEST_CANDIDATES)
        .filter(|c| short(c))
        .map(|c| (strsim::jaro_winkler(&key, &fold(c)), c))
        .filter(|(score, _)| *score > 0.8)
        .fold(None, |best: Option<(f64, &str)>, (score, c)| match best {
            // The first of equally close candidates.
            Some((b, _)) if b >= score => best,
            _ => Some((score, c)),
        })
        .map(|(_, c)| c)
}

/// [`nearest`], as an owned name.
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    nearest(name, candidates).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_case_and_spaces_are_folded() {
        assert_eq!(fold("Tổng số  THÀNH viên đạt"), "tong so thanh vien dat");
        // Decomposed input (a combining mark after the letter) folds the same.
        assert_eq!(fold("Te\u{302}n đơn vị"), "ten don vi");
    }

    #[test]
    fn the_closest_name_wins_and_ties_keep_the_first() {
        let names = ["members_total", "members_compliant", "Tổng số thành viên"];
        assert_eq!(
            nearest("members_totl", names.into_iter()),
            Some("members_total")
        );
        assert_eq!(
            nearest("tong so thanh vien", names.into_iter()),
            Some("Tổng số thành viên")
        );
        assert_eq!(nearest("zzz", names.into_iter()), None);
        assert_eq!(nearest("ab", ["abc", "abc"].into_iter()), Some("abc"));
    }
}
