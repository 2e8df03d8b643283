//! Synthetic records for every model, driven by the compiled rule file's input declaration:
//! each record draws a quality (most records are good, some weak), and every field follows
//! it: yes/no answers, counts as a share of their total (`members_compliant` of
//! `members_total`), ordered values (titles, ratings) and scores. Families are built member
//! by member (ages, schooling and results that fit each other). Same seed, same bytes.

use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value;
use tieuchi_core::program::{Bounds, FieldDef, FieldType, ItemDef};
use tieuchi_core::{Program, compile_file};

use crate::json::J;
use crate::names;
use crate::rng::Rng;

/// Model names accepted by `tieuchi-gen`, their rule files under `rules/`, the share of good
/// records and the quality range of the others (tuned so that about 80 % are recognised).
pub const MODELS: [(&str, &str, f64, (f64, f64)); 9] = [
    ("unit-tt22", "unit/tt22-2020.rules", 0.7, (0.0, 0.7)),
    (
        "unit-hanoi",
        "unit/ha-noi-kh103-2021.rules",
        0.7,
        (0.0, 0.7),
    ),
    (
        "unit-commune",
        "unit/commune-qd448-2015.rules",
        0.78,
        (0.3, 0.85),
    ),
    ("unit-tt24", "unit/tt24-2023.rules", 0.85, (0.3, 0.85)),
    ("family", "family/qd448-2015.rules", 0.72, (0.3, 0.85)),
    ("clan", "clan/qd448-2015.rules", 0.8, (0.3, 0.85)),
    (
        "community-tt25",
        "community/commune-tt25-2023.rules",
        0.85,
        (0.3, 0.85),
    ),
    (
        "community-village",
        "community/village-qd448-2015.rules",
        0.8,
        (0.3, 0.85),
    ),
    ("citizen", "citizen/qd324-2023.rules", 0.8, (0.3, 0.85)),
];

/// Compiles a rule file with the files it `extends` or `uses` (paths relative to it).
pub fn compile_path(path: &Path) -> Result<Program, String> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("không đọc được {}: {e}", p.display()))
    };
    let src = read(path)?;
    let mut load = |from: &str, rel: &str| {
        let target = Path::new(from)
            .parent()
            .map(|d| d.join(rel))
            .unwrap_or_else(|| Path::new(rel).to_path_buf());
        Ok((target.display().to_string(), read(&target)?))
    };
    let compiled = compile_file(&path.display().to_string(), &src, &mut load);
    compiled.program.ok_or_else(|| {
        format!(
            "{} có lỗi; chạy `tieuchi check {}` / has errors",
            path.display(),
            path.display()
        )
    })
}

/// A record generator for one model.
pub struct Generator {
    program: Program,
    rng: Rng,
    good_share: f64,
    weak: (f64, f64),
    years: (i64, i64),
    count: u64,
}

/// Fields that are bad news when true.
const BAD_WHEN_TRUE: [&str; 1] = ["member_broke_law_or_social_evil"];
/// Enumerations whose values are categories, not ranks.
const CATEGORIES: [&str; 3] = ["group", "unit_level", "unit_type"];

impl Generator {
    /// A generator for `model` (a name of [`MODELS`]) with rule files under `rules`.
    pub fn new(rules: &Path, model: &str, seed: u64) -> Result<Self, String> {
        let Some((_, file, good_share, weak)) = MODELS.iter().find(|m| m.0 == model) else {
            let names: Vec<&str> = MODELS.iter().map(|m| m.0).collect();
            return Err(format!(
                "không có mô hình «{model}» / unknown model; dùng một trong / use one of: {}",
                names.join(", ")
            ));
        };
        let program = compile_path(&rules.join(file))?;
        let years = years_of(&program);
        Ok(Generator {
            program,
            rng: Rng::new(seed),
            good_share: *good_share,
            weak: *weak,
            years,
            count: 0,
        })
    }

    /// The next record.
    pub fn record(&mut self) -> J {
        self.count += 1;
        let q = self.quality();
        let year = self.rng.range(self.years.0, self.years.1);
        let program = &self.program;
        fill(program, &program.fields, &mut self.rng, q, year, self.count)
    }

    /// The next record as one NDJSON line; damaged with draws from `corrupt` when given (the
    /// records' own draws are untouched, so the other lines stay the same).
    pub fn line(&mut self, corrupt: Option<&mut Rng>) -> String {
        let mut record = self.record();
        if let Some(rng) = corrupt {
            return damage(rng, &mut record);
        }
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// Most records are good; the rest weak to middling.
    fn quality(&mut self) -> f64 {
        if self.rng.chance(self.good_share) {
            0.9 + 0.1 * self.rng.unit()
        } else {
            self.weak.0 + (self.weak.1 - self.weak.0) * self.rng.unit()
        }
    }
}

/// Assessment years inside both the model's validity and the field's bounds.
fn years_of(program: &Program) -> (i64, i64) {
    let bounds = program
        .fields
        .iter()
        .find(|f| f.name == "assessment_year")
        .and_then(|f| match f.ty {
            FieldType::Int(b) => Some(b),
            _ => None,
        })
        .unwrap_or_default();
    let lo_b = bounds.min.and_then(|d| d.to_i64()).unwrap_or(2016);
    let from = program
        .model
        .valid_from
        .map_or(lo_b, |d| i64::from(d.year()));
    let to = program
        .model
        .valid_to
        .map_or(from.max(lo_b) + 2, |d| i64::from(d.year()));
    let lo = from.max(lo_b);
    (lo, to.max(lo).min(lo + 3))
}

/// A value of quality `q` with some noise, kept in `0..=1`.
fn noisy(rng: &mut Rng, q: f64, spread: f64) -> f64 {
    (q + spread * (rng.unit() - 0.5)).clamp(0.0, 1.0)
}

/// Fills the fields of a record (or of a list item) in their declared order.
fn fill(program: &Program, fields: &[FieldDef], rng: &mut Rng, q: f64, year: i64, n: u64) -> J {
    let mut out: Vec<(String, J)> = Vec::with_capacity(fields.len());
    for f in fields {
        let value = match &f.ty {
            FieldType::Text => (!f.optional || rng.chance(0.8)).then(|| text(rng, &f.name, n)),
            FieldType::Bool => {
                let bad = BAD_WHEN_TRUE.contains(&f.name.as_str());
                // A good record (q ≥ 0.9) rarely says no.
                let p = if q >= 0.9 { 1.0 - (1.0 - q) * 0.15 } else { q };
                let yes = rng.chance(if bad { 1.0 - p } else { p });
                Some(J::bool(yes))
            }
            FieldType::Int(b) => Some(J::int(int(rng, fields, &out, f, *b, q, year))),
            FieldType::Decimal(b) => Some(decimal(rng, *b, q)),
            FieldType::Enum(id) => {
                let variants = program.enums.get(*id).map(|e| &e.variants);
                let k = variants.map_or(0, Vec::len);
                let idx = if CATEGORIES.contains(&f.name.as_str()) {
                    rng.below(k as u64) as usize
                } else {
                    ranked(rng, k, q)
                };
                variants
                    .and_then(|v| v.get(idx))
                    .map(|v| J::text(v.name.clone()))
            }
            FieldType::Date => Some(J::text(format!("{year}-06-30"))),
            FieldType::List(id) => program
                .lists
                .get(*id)
                .and_then(|l| list(program, &l.item, l.size, rng, q, year, n)),
        };
        if let Some(v) = value {
            out.push((f.name.clone(), v));
        }
    }
    crate::family::name_head(&mut out);
    J::O(out)
}

/// An index into `k` ordered values, higher for a better record.
fn ranked(rng: &mut Rng, k: usize, q: f64) -> usize {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a small index in 0..k"
    )]
    let i = (noisy(rng, q, if q >= 0.9 { 0.1 } else { 0.4 }) * k as f64) as usize;
    i.min(k.saturating_sub(1))
}

/// A text field, by what its name says.
fn text(rng: &mut Rng, name: &str, n: u64) -> J {
    let s = match name {
        "unit_name" => names::unit(rng, n),
        "village_name" => format!("Thôn {}", names::place(rng)),
        "commune_name" => format!("Xã {}", names::place(rng)),
        "district_name" => format!("Huyện {}", names::place(rng)),
        "province_name" => names::province(rng).to_string(),
        "clan_name" => format!("Họ {} thôn {}", names::surname(rng), names::place(rng)),
        "title" => rng
            .pick(&[
                "Kỹ thuật trồng lúa",
                "Tin học văn phòng",
                "Chăm sóc sức khỏe",
                "Pháp luật giao thông",
                "Tiếng Anh giao tiếp",
            ])
            .copied()
            .unwrap_or("")
            .to_string(),
        _ => names::person(rng),
    };
    J::text(s)
}

/// The size of a `…_total` count, by what it counts.
fn total_size(rng: &mut Rng, name: &str) -> i64 {
    let (lo, hi) = match name {
        "members_total" => (5, 300),
        "households_total" => (150, 3000),
        "villages_total" => (3, 25),
        "clans_total" => (2, 30),
        "units_total" => (3, 20),
        "working_age_total" => (500, 8000),
        "children_universal_age_total" => (10, 200),
        "adults_total" => (50, 1500),
        "learners_total" => (200, 5000),
        _ => (10, 500),
    };
    // Small ones more often than large ones.
    let top = rng.range(lo, hi);
    rng.range(lo, top)
}

/// A whole number: a year, a total, a count of a total, an amount or a number of activities.
fn int(
    rng: &mut Rng,
    fields: &[FieldDef],
    done: &[(String, J)],
    f: &FieldDef,
    b: Bounds,
    q: f64,
    year: i64,
) -> i64 {
    let name = f.name.as_str();
    let lo = b.min.and_then(|d| d.to_i64()).unwrap_or(0);
    let hi = b.max.and_then(|d| d.to_i64()).unwrap_or(i64::MAX);
    if name == "assessment_year" {
        return year.clamp(lo, hi);
    }
    if name.ends_with("_year") {
        return (year - rng.range(16, 70)).clamp(lo, hi);
    }
    if name.ends_with("_total") {
        return total_size(rng, name).max(lo);
    }
    // A count of a total declared before it with the same first word.
    let first = name.split('_').next().unwrap_or(name);
    let total = fields
        .iter()
        .filter(|t| t.name.ends_with("_total") && t.name.split('_').next() == Some(first))
        .find_map(|t| done.iter().find(|(k, _)| *k == t.name))
        .and_then(|(k, v)| Some((k.clone(), v.as_i64()?)));
    if let Some((total_name, total)) = total {
        if name.ends_with("_exempt") {
            // Beside a count of the same total (`children_enrolled`): together at most the total.
            let taken: i64 = done
                .iter()
                .filter(|(k, _)| k.starts_with(first) && *k != total_name)
                .filter_map(|(_, v)| v.as_i64())
                .sum();
            return rng.range(0, total / 40).min(total - taken).max(0);
        }
        let room = total;
        let share = match (q >= 0.9, rng.chance(0.6)) {
            (true, true) => 1.0,
            (true, false) => 0.95 + 0.05 * rng.unit(),
            (false, _) => noisy(rng, q, 0.3),
        };
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_precision_loss,
            reason = "a count below its total"
        )]
        let k = (share * room as f64).round() as i64;
        return k.clamp(lo.max(0), room);
    }
    if name.ends_with("_vnd") {
        return if q >= 0.9 || rng.chance(q) {
            rng.range(2, 80) * 1_000_000
        } else {
            0
        };
    }
    // Activities, rewards: a few for a good record, often none for a weak one.
    if q >= 0.9 || rng.chance(q) {
        rng.range(1, 8).max(lo)
    } else {
        rng.range(0, 1).max(lo)
    }
}

/// A decimal in its bounds, in steps of 0.5, higher for a better record.
fn decimal(rng: &mut Rng, b: Bounds, q: f64) -> J {
    let lo = b.min.and_then(|d| d.to_f64()).unwrap_or(0.0);
    let hi = b.max.and_then(|d| d.to_f64()).unwrap_or(lo + 10.0);
    let v = lo + noisy(rng, q, 0.25) * (hi - lo);
    let mut d = Decimal::from_f64_retain((v * 2.0).round() / 2.0).unwrap_or_default();
    if let Some(max) = b.max
        && (d > max || (b.max_exclusive && d >= max))
    {
        d = max - Decimal::new(5, 1);
    }
    if let Some(min) = b.min {
        d = d.max(min);
    }
    match d.normalize().to_i64() {
        Some(i) if d.fract().is_zero() => J::int(i),
        _ => J::V(Value::from(d.normalize().to_f64().unwrap_or(0.0))),
    }
}

/// A list: values, family members, or records of another model (the families of a clan).
fn list(
    program: &Program,
    item: &ItemDef,
    size: Bounds,
    rng: &mut Rng,
    q: f64,
    year: i64,
    n: u64,
) -> Option<J> {
    let lo = size.min.and_then(|d| d.to_i64()).unwrap_or(0);
    let hi = size.max.and_then(|d| d.to_i64());
    let items = match item {
        ItemDef::Scalar(FieldType::Decimal(b)) => {
            let count = hi.unwrap_or(lo.max(1));
            (0..count).map(|_| decimal(rng, *b, q)).collect()
        }
        ItemDef::Scalar(_) => return None,
        ItemDef::Record(fields) => {
            if fields.iter().any(|f| f.name == "birth_date") {
                crate::family::members(fields, rng, q, year)
            } else {
                let count = rng.range(lo, hi.unwrap_or(lo + 3));
                (0..count)
                    .map(|_| fill(program, fields, rng, q, year, n))
                    .collect()
            }
        }
        ItemDef::Model { model, .. } => {
            let sub = program.models.get(*model)?;
            let count = rng.range(lo.max(3), hi.unwrap_or(12));
            (0..count)
                .map(|_| {
                    let fq = noisy(rng, q, 0.2);
                    let mut family = fill(sub, &sub.fields, rng, fq, year, n);
                    // A clan's families share the assessment year.
                    if let J::O(fields) = &mut family {
                        for (k, v) in fields.iter_mut() {
                            if k == "assessment_year" {
                                *v = J::int(year);
                            }
                        }
                    }
                    family
                })
                .collect()
        }
    };
    Some(J::A(items))
}

/// A damaged line: cut short, a value of the wrong type, a count above its total or below
/// zero, or an unknown field.
fn damage(rng: &mut Rng, record: &mut J) -> String {
    let J::O(fields) = record else {
        return String::new();
    };
    match rng.below(4) {
        0 => {
            let text = serde_json::to_string(&*record).unwrap_or_default();
            let cut = rng.range(1, i64::try_from(text.len()).unwrap_or(2) - 1);
            let mut cut = usize::try_from(cut).unwrap_or(1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            return text.get(..cut).unwrap_or("{").to_string();
        }
        1 => {
            let i = rng.below(fields.len() as u64) as usize;
            if let Some((_, v)) = fields.get_mut(i) {
                *v = match v {
                    J::V(Value::String(_)) => J::int(12),
                    _ => J::text("không rõ"),
                };
            }
        }
        2 => {
            let ints: Vec<usize> = (0..fields.len())
                .filter(|i| {
                    fields
                        .get(*i)
                        .is_some_and(|(k, v)| v.as_i64().is_some() && k != "assessment_year")
                })
                .collect();
            match rng.pick(&ints).copied() {
                Some(i) => {
                    if let Some((_, v)) = fields.get_mut(i) {
                        *v = J::int(-rng.range(1, 20));
                    }
                }
                None => fields.push(("so_ghi_them".to_string(), J::int(1))),
            }
        }
        _ => fields.push(("ghi_chu_khong_khai_bao".to_string(), J::text("thừa"))),
    }
    serde_json::to_string(&*record).unwrap_or_default()
}
