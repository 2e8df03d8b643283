//! The baseline: `rules/unit/tt22-2020.rules` written out by hand. A record is decoded with
//! serde derive into [`Unit`], checked like the rule file's `input` block, scored in integer
//! hundredths of a point, and written as the summary answer line of `tieuchi batch
//! --detail summary`. Keep it in step with the rule file: `tests/agree.rs` compares the two.

use std::borrow::Cow;
use std::fmt;
use std::io::Write;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// Largest whole number a record may hold (2^53 − 1), as in the core's decoder.
const INT_LIMIT: i64 = 9_007_199_254_740_991;

/// A whole number from JSON: an integer, or a number with no fraction (`5.0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int(pub i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Whole;
        impl Visitor<'_> for Whole {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                if v.unsigned_abs() > INT_LIMIT.unsigned_abs() {
                    return Err(E::custom("out of range"));
                }
                Ok(Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom("out of range"))
                    .and_then(|v| self.visit_i64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "checked: whole and within ±2^53"
                )]
                if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_991.0 {
                    return Ok(Int(v as i64));
                }
                Err(E::custom("not a whole number"))
            }
        }
        d.deserialize_any(Whole)
    }
}

/// The unit's emulation title, lowest first (the rule file's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Title {
    /// No title.
    None,
    /// Tập thể lao động tiên tiến.
    TapTheLaoDongTienTien,
    /// Tập thể lao động xuất sắc.
    TapTheLaoDongXuatSac,
    /// Cờ thi đua.
    CoThiDua,
}

/// One record of the TT 22/2020 input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit<'a> {
    /// Tên đơn vị (the record's id).
    #[serde(borrow)]
    pub unit_name: Cow<'a, str>,
    /// Năm đánh giá, 2020..2100.
    pub assessment_year: Int,
    /// U1.1.
    pub has_learning_plan: bool,
    /// U1.2.
    pub has_learning_incentive_rules: bool,
    /// U1.3.
    pub invests_learning_resources: bool,
    /// Members in total, 1 or more.
    pub members_total: Int,
    /// U2.1.
    pub members_with_approved_plan: Int,
    /// U2.2.
    pub members_compliant: Int,
    /// U2.3.
    pub members_completed_mandatory_training: Int,
    /// U2.4.
    pub members_advanced_worker_or_higher: Int,
    /// U3.1.
    pub members_meeting_learning_citizen_qualities: Int,
    /// U3.2.
    pub unit_emulation_title: Title,
    /// U3.3.
    pub knowledge_sharing_activities: Int,
}

/// Decodes one line; `None` for a line tieuchi rejects (bad JSON, unknown or missing field,
/// wrong type, out of range, a `require` violated).
pub fn decode(line: &str) -> Option<Unit<'_>> {
    let u: Unit = serde_json::from_str(line).ok()?;
    let n = u.members_total.0;
    let counts = [
        u.members_with_approved_plan.0,
        u.members_compliant.0,
        u.members_completed_mandatory_training.0,
        u.members_advanced_worker_or_higher.0,
        u.members_meeting_learning_citizen_qualities.0,
    ];
    let valid = (2020..=2100).contains(&u.assessment_year.0)
        && n >= 1
        && u.knowledge_sharing_activities.0 >= 0
        && counts.iter().all(|k| (0..=n).contains(k));
    valid.then_some(u)
}

/// Indicator ids, maxima in hundredths, and whether the rule is provisional.
const INDICATORS: [(&str, i64, bool); 10] = [
    ("U1.1", 1000, false),
    ("U1.2", 1000, false),
    ("U1.3", 1000, false),
    ("U2.1", 1000, true),
    ("U2.2", 500, true),
    ("U2.3", 1000, true),
    ("U2.4", 500, true),
    ("U3.1", 2500, true),
    ("U3.2", 1000, false),
    ("U3.3", 500, false),
];

/// Criteria: id, maximum in hundredths, and their indicators as a range of [`INDICATORS`].
const CRITERIA: [(&str, i64, std::ops::Range<usize>); 3] =
    [("U1", 3000, 0..3), ("U2", 3000, 3..7), ("U3", 4000, 7..10)];

/// Tiers: label and lowest total in hundredths; all but the last are recognised.
const TIERS: [(&str, i64); 4] = [
    ("Tốt", 8500),
    ("Khá", 7000),
    ("Trung bình", 5000),
    ("Chưa đạt", 0),
];

/// Points in hundredths of a point for each indicator, in [`INDICATORS`] order.
pub fn score(u: &Unit) -> [i64; 10] {
    let whole = |max: i64, holds: bool| if holds { max } else { 0 };
    let n = i128::from(u.members_total.0);
    // max × k / n rounded to hundredths, half away from zero (k, n ≥ 0).
    let share = |max: i64, k: Int| -> i64 {
        let exact2 = 2 * i128::from(max) * i128::from(k.0);
        i64::try_from((exact2 + n) / (2 * n)).unwrap_or(max)
    };
    [
        whole(1000, u.has_learning_plan),
        whole(1000, u.has_learning_incentive_rules),
        whole(1000, u.invests_learning_resources),
        share(1000, u.members_with_approved_plan),
        share(500, u.members_compliant),
        share(1000, u.members_completed_mandatory_training),
        share(500, u.members_advanced_worker_or_higher),
        share(2500, u.members_meeting_learning_citizen_qualities),
        whole(1000, u.unit_emulation_title >= Title::TapTheLaoDongTienTien),
        whole(500, u.knowledge_sharing_activities.0 >= 1),
    ]
}

/// Writes points given in hundredths as the core writes a `Num`: a whole number as an
/// integer, else the closest double in its shortest form.
fn points(out: &mut Vec<u8>, hundredths: i64) {
    if hundredths % 100 == 0 {
        let _ = write!(out, "{}", hundredths / 100);
    } else {
        #[expect(
            clippy::cast_precision_loss,
            reason = "points are far below 2^53: exact"
        )]
        let v = hundredths as f64 / 100.0;
        let _ = serde_json::to_writer(&mut *out, &v);
    }
}

/// `met`, `partial` or `unmet`.
fn outcome(points: i64, max: i64) -> &'static str {
    if points == max {
        "met"
    } else if points == 0 {
        "unmet"
    } else {
        "partial"
    }
}

/// Appends the summary answer line of a scored record (with its newline).
pub fn write_answer(out: &mut Vec<u8>, line: u64, u: &Unit) {
    let pts = score(u);
    let _ = write!(out, "{{\"line\":{line},\"id\":");
    let _ = serde_json::to_writer(&mut *out, u.unit_name.as_ref());
    let total: i64 = pts.iter().sum();
    let tier = TIERS
        .iter()
        .position(|(_, lo)| total >= *lo)
        .unwrap_or(TIERS.len() - 1);
    let recognized = tier + 1 < TIERS.len();
    let label = TIERS.get(tier).map_or("", |t| t.0);
    let status = if recognized {
        "recognized"
    } else {
        "not_recognized"
    };
    let _ = write!(
        out,
        ",\"model\":\"unit\",\"version\":\"tt22-2020\",\"status\":\"{status}\",\"tier\":\"{label}\",\"total\":"
    );
    points(out, total);
    out.extend_from_slice(b",\"max\":100,\"criteria\":[");
    for (ci, (id, max, range)) in CRITERIA.iter().enumerate() {
        if ci > 0 {
            out.push(b',');
        }
        let inds = INDICATORS.get(range.clone()).unwrap_or_default();
        let got = pts.get(range.clone()).unwrap_or_default();
        let sum: i64 = got.iter().sum();
        let status = if got.iter().zip(inds).all(|(p, i)| *p == i.1) {
            "met"
        } else if got.iter().all(|p| *p == 0) {
            "unmet"
        } else {
            "partial"
        };
        let _ = write!(out, "{{\"id\":\"{id}\",\"points\":");
        points(out, sum);
        let _ = write!(
            out,
            ",\"max\":{},\"status\":\"{status}\",\"indicators\":[",
            max / 100
        );
        for (ii, ((iid, imax, provisional), p)) in inds.iter().zip(got).enumerate() {
            if ii > 0 {
                out.push(b',');
            }
            let _ = write!(out, "{{\"id\":\"{iid}\",\"points\":");
            points(out, *p);
            let _ = write!(
                out,
                ",\"max\":{},\"status\":\"{}\"",
                imax / 100,
                outcome(*p, *imax)
            );
            if *provisional {
                out.extend_from_slice(b",\"provisional\":true");
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b"],\"missing\":[],\"to_reach\":[");
    // Recognition (the lowest recognised tier) when not recognised, else the next tier up.
    let target = if recognized {
        tier.checked_sub(1)
            .and_then(|up| TIERS.get(up))
            .map(|(l, lo)| (*l, *lo))
    } else {
        TIERS
            .get(TIERS.len().saturating_sub(2))
            .map(|(_, lo)| ("recognized", *lo))
    };
    if let Some((target, at)) = target.filter(|(_, at)| *at > total) {
        let _ = write!(out, "{{\"target\":\"{target}\",\"points_needed\":");
        points(out, at - total);
        out.extend_from_slice(b",\"indicators\":");
        let mut gains: Vec<(&str, i64)> = INDICATORS
            .iter()
            .zip(pts)
            .filter(|((_, max, _), p)| *p < *max)
            .map(|((id, max, _), p)| (*id, max - p))
            .collect();
        gains.sort_by_key(|g| std::cmp::Reverse(g.1));
        // The fewest indicators whose gains reach the points needed, then other sets of as
        // many, larger gains first (at most five sets).
        let need = at - total;
        let mut sum = 0;
        let size = gains
            .iter()
            .position(|g| {
                sum += g.1;
                sum >= need
            })
            .map_or(gains.len(), |k| k + 1);
        let mut sets: Vec<Vec<usize>> = Vec::new();
        sets_of(&gains, need, size, 0, &mut Vec::new(), &mut sets);
        let write_set = |out: &mut Vec<u8>, set: &[usize]| {
            out.push(b'[');
            for (gi, &k) in set.iter().enumerate() {
                let Some((id, gain)) = gains.get(k) else {
                    continue;
                };
                if gi > 0 {
                    out.push(b',');
                }
                let _ = write!(out, "{{\"id\":\"{id}\",\"points\":");
                points(out, *gain);
                out.push(b'}');
            }
            out.push(b']');
        };
        let mut sets = sets.iter();
        let first = sets.next().map_or(&[][..], Vec::as_slice);
        write_set(out, first);
        if sets.len() > 0 {
            out.extend_from_slice(b",\"alternatives\":[");
            for (si, set) in sets.enumerate() {
                if si > 0 {
                    out.push(b',');
                }
                write_set(out, set);
            }
            out.push(b']');
        }
        out.extend_from_slice(b"}");
    }
    out.extend_from_slice(b"],\"errors\":[]}\n");
}

/// Sets of `left` more gains (positions in `gains`, largest first) from `from` on that reach
/// `need`, depth first, until five are found.
fn sets_of(
    gains: &[(&str, i64)],
    need: i64,
    left: usize,
    from: usize,
    picked: &mut Vec<usize>,
    sets: &mut Vec<Vec<usize>>,
) {
    if left == 0 {
        let sum: i64 = picked
            .iter()
            .filter_map(|&k| gains.get(k))
            .map(|g| g.1)
            .sum();
        if sum >= need {
            sets.push(picked.clone());
        }
        return;
    }
    for k in from..gains.len() {
        if sets.len() >= 5 {
            return;
        }
        let best: i64 = picked
            .iter()
            .chain(&(k..k + left).collect::<Vec<_>>())
            .filter_map(|&j| gains.get(j))
            .map(|g| g.1)
            .sum();
        if best < need || k + left > gains.len() {
            return;
        }
        picked.push(k);
        sets_of(gains, need, left - 1, k + 1, picked, sets);
        picked.pop();
    }
}

/// What is written for each scored record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The summary answer line (NDJSON), as `tieuchi batch --detail summary` writes it.
    Ndjson,
    /// One CSV row, as `tieuchi batch --output-format csv` writes it (after [`CSV_HEADER`]).
    Csv,
}

/// The header row of the CSV answers.
pub const CSV_HEADER: &str = "line,id,version,status,tier,total,U1,U2,U3,failing\n";

/// Appends the CSV row of a scored record: line, id, version, status, tier, total, each
/// criterion's points and the indicators without full points, space-separated.
pub fn write_row(out: &mut Vec<u8>, line: u64, u: &Unit) {
    let pts = score(u);
    let total: i64 = pts.iter().sum();
    let tier = TIERS
        .iter()
        .position(|(_, lo)| total >= *lo)
        .unwrap_or(TIERS.len() - 1);
    let status = if tier + 1 < TIERS.len() {
        "recognized"
    } else {
        "not_recognized"
    };
    let _ = write!(out, "{line},");
    csv_field(out, u.unit_name.as_ref());
    let label = TIERS.get(tier).map_or("", |t| t.0);
    let _ = write!(out, ",tt22-2020,{status},{label},");
    points(out, total);
    for (_, _, range) in &CRITERIA {
        out.push(b',');
        points(out, pts.get(range.clone()).unwrap_or_default().iter().sum());
    }
    out.push(b',');
    let mut first = true;
    for ((id, max, _), p) in INDICATORS.iter().zip(pts) {
        if p < *max {
            if !first {
                out.push(b' ');
            }
            out.extend_from_slice(id.as_bytes());
            first = false;
        }
    }
    out.push(b'\n');
}

/// A CSV field as the `csv` crate writes it by default: quoted, with quotes doubled, when it
/// holds a comma, a quote or a line break (or is empty as the only field, never here).
fn csv_field(out: &mut Vec<u8>, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

/// Scores one input line: appends its answer in `format`, or returns false for a rejected
/// record.
pub fn score_line(out: &mut Vec<u8>, line_no: u64, line: &str, format: Format) -> bool {
    match decode(line) {
        Some(u) => {
            match format {
                Format::Ndjson => write_answer(out, line_no, &u),
                Format::Csv => write_row(out, line_no, &u),
            }
            true
        }
        None => false,
    }
}
