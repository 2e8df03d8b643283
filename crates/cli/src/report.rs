//! HTML reports of a run (`tieuchi batch --report`, `tieuchi diff --report`): one
//! self-contained page, inline style and SVG charts, no script and nothing fetched.
//!
//! `page` writes the document, `svg` the charts; `batch` and `diff` collect their counts
//! while records stream past (never the records themselves) and lay out their page.

pub mod batch;
pub mod diff;
pub mod page;
pub mod svg;

use tieuchi_core::Program;

use page::{Page, count};

/// Tier and level labels from the highest to the lowest, each once: tiers as the rule
/// files list them (highest first), levels in reverse (they are listed from level 1).
pub fn tier_order<'a>(programs: impl IntoIterator<Item = &'a Program>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in programs {
        let d = &p.decision;
        let labels: Vec<&str> = d
            .tiers
            .iter()
            .map(|t| t.label.as_str())
            .chain(d.levels.iter().rev().map(|l| l.label.as_str()))
            .collect();
        for l in labels {
            if !out.iter().any(|o| o == l) {
                out.push(l.to_string());
            }
        }
    }
    out
}

/// A program's tier (or level) labels by position, as an evaluation's `tier` counts them.
pub fn tier_labels(program: &Program) -> Vec<String> {
    (0..)
        .map_while(|t| program.decision.label(t).map(str::to_string))
        .collect()
}

/// The rank of a tier in `order` (0 the highest); no tier comes after every tier.
pub fn tier_rank(order: &[String], tier: Option<&str>) -> usize {
    tier.and_then(|t| order.iter().position(|o| o == t))
        .unwrap_or(order.len())
}

/// Letters of the Vietnamese alphabet in order (with the Latin letters it lacks at their
/// Latin place); vowels with a tone mark sort with their letter (the tone decides only
/// between otherwise equal names).
const ALPHABET: [&str; 33] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "b",
    "c",
    "d",
    "đ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "f",
    "g",
    "h",
    "iìíỉĩị",
    "j",
    "k",
    "l",
    "m",
    "n",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "uùúủũụ",
    "ưừứửữự",
    "v",
    "w",
    "x",
    "yỳýỷỹỵ",
    "z",
];

/// A sort key for names in Vietnamese order: letters by the Vietnamese alphabet (`Đ` after
/// `D`, `Ă` `Â` after `A`), case ignored, tone marks only breaking ties, then the name itself
/// so that the order is total and stable.
pub fn vi_key(name: &str) -> (Vec<u32>, Vec<u8>, String) {
    let mut letters = Vec::with_capacity(name.len());
    let mut tones = Vec::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let found = ALPHABET.iter().zip(0u32..).find_map(|(group, rank)| {
            group
                .chars()
                .position(|g| g == c)
                .map(|tone| (rank, u8::try_from(tone).unwrap_or(0)))
        });
        match found {
            // Letters after every digit, space and punctuation mark of ASCII.
            Some((rank, tone)) => {
                letters.push(0x80 + rank);
                tones.push(tone);
            }
            None => {
                letters.push(u32::from(c) + if c.is_ascii() { 0 } else { 0x100 });
                tones.push(0);
            }
        }
    }
    (letters, tones, name.to_string())
}

/// The identity of the rules of a run: for each version, its title, version label, source
/// documents, validity and provisional marks; taken from the programs when the run starts.
pub struct Identity {
    /// Each version's title and version label, in the order of the programs.
    names: Vec<(String, String)>,
    /// Facts of each version, in the order of the programs.
    versions: Vec<Vec<(String, String)>>,
}

impl Identity {
    /// The identity of `programs`.
    pub fn of(programs: &[&Program]) -> Self {
        let versions = programs.iter().map(|p| facts(p)).collect();
        let names = programs
            .iter()
            .map(|p| (p.model.title.to_string(), p.model.version.clone()))
            .collect();
        Identity { names, versions }
    }

    /// The number of versions.
    pub fn version_count(&self) -> usize {
        self.names.len()
    }

    /// The title naming the versions used (`used`: records scored by each version; all
    /// versions when not counted or none scored): one title with its version label
    /// (`Đơn vị học tập (tt22-2020)`), or each, joined by ` · `.
    pub fn title(&self, used: Option<&[u64]>) -> String {
        let scored = |i: usize| used.is_none_or(|u| u.get(i).is_some_and(|n| *n > 0));
        let mut chosen: Vec<&(String, String)> = self
            .names
            .iter()
            .enumerate()
            .filter(|(i, _)| scored(*i))
            .map(|(_, n)| n)
            .collect();
        if chosen.is_empty() {
            chosen = self.names.iter().collect();
        }
        chosen
            .iter()
            .map(|(title, version)| format!("{title} ({version})"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Writes each version's facts; `used` (records scored by each version) adds the count
    /// and, for several versions, leaves out those that scored nothing.
    pub fn write(&self, page: &mut Page, used: Option<&[u64]>) {
        let several = self.versions.len() > 1;
        let mut unused = 0;
        for (i, facts) in self.versions.iter().enumerate() {
            let mut facts = facts.clone();
            if let Some(used) = used
                && several
            {
                let n = used.get(i).copied().unwrap_or(0);
                if n == 0 {
                    unused += 1;
                    continue;
                }
                facts.push(("Số bản ghi đã chấm".to_string(), count(n)));
            }
            page.facts(&facts);
        }
        if unused > 0 {
            page.para(&format!(
                "{unused} phiên bản khác trong thư mục không chấm bản ghi nào (other versions, unused)."
            ));
        }
    }
}

/// The heading of the position column: `Hàng` for rows of a sheet, else `Dòng`.
pub fn position_header(position: &str) -> &'static str {
    if position == "row" { "Hàng" } else { "Dòng" }
}

/// Title, version, documents, validity, jurisdiction and provisional marks of a program.
fn facts(p: &Program) -> Vec<(String, String)> {
    let m = &p.model;
    let date = |d: Option<time::Date>| {
        d.map(|d| format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()))
    };
    let valid = match (date(m.valid_from), date(m.valid_to)) {
        (Some(f), Some(t)) => format!("từ {f} đến {t}"),
        (Some(f), None) => format!("từ {f}"),
        (None, Some(t)) => format!("đến {t}"),
        (None, None) => "không ghi".to_string(),
    };
    let items = p
        .criteria
        .iter()
        .filter(|c| c.provisional.is_some())
        .count()
        + p.indicators()
            .filter(|(_, ind)| ind.provisional.is_some())
            .count();
    let mut provisional = match &m.provisional {
        Some(why) => format!("cả mô hình: {why}"),
        None => String::new(),
    };
    if items > 0 {
        if !provisional.is_empty() {
            provisional.push_str("; ");
        }
        provisional.push_str(&format!("{items} tiêu chí/chỉ tiêu tạm tính"));
    }
    if provisional.is_empty() {
        provisional = "không".to_string();
    }
    vec![
        ("Mô hình".to_string(), m.title.to_string()),
        ("Phiên bản".to_string(), m.version.clone()),
        (
            "Văn bản".to_string(),
            m.sources
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("Hiệu lực".to_string(), valid),
        (
            "Phạm vi".to_string(),
            if m.jurisdiction == "national" {
                "toàn quốc (national)".to_string()
            } else {
                format!("tỉnh, thành phố mã {} (province code)", m.jurisdiction)
            },
        ),
        ("Tạm tính (provisional)".to_string(), provisional),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names_sort_by_the_vietnamese_alphabet() {
        let mut names = vec![
            "Đông Anh",
            "Ba Vì",
            "Ân Thi",
            "An Lão",
            "Dương Kinh",
            "Ẳn",
            "ba vì",
            "Bà Rịa",
            "Zeta",
        ];
        names.sort_by_key(|n| vi_key(n));
        assert_eq!(
            names,
            [
                "An Lão",
                "Ẳn",
                "Ân Thi",
                "Bà Rịa",
                "Ba Vì",
                "ba vì",
                "Dương Kinh",
                "Đông Anh",
                "Zeta"
            ]
        );
    }
}
