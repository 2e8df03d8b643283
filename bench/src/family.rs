//! The members of a household: a head, often a spouse, children and sometimes a grandparent,
//! with birth dates, schooling by age, school results for pupils and learning for adults.
//! Fields are written in the order the rule file declares them; a field it does not declare
//! is left out.

use tieuchi_core::program::FieldDef;

use crate::json::J;
use crate::names;
use crate::rng::Rng;

/// One member before it is written.
struct Member {
    name: String,
    relation: &'static str,
    age: i64,
}

/// The members of one household for an assessment in `year`, good with quality `q`.
pub fn members(fields: &[FieldDef], rng: &mut Rng, q: f64, year: i64) -> Vec<J> {
    let head_age = rng.range(26, 68);
    let mut people = vec![Member {
        name: names::person(rng),
        relation: "head",
        age: head_age,
    }];
    if rng.chance(0.85) {
        people.push(Member {
            name: names::person(rng),
            relation: "spouse",
            age: (head_age + rng.range(-6, 4)).max(20),
        });
    }
    let children = if head_age < 50 {
        rng.range(0, 3)
    } else {
        rng.range(0, 1)
    };
    for _ in 0..children {
        let age = (head_age - rng.range(22, 38)).max(0);
        people.push(Member {
            name: names::person(rng),
            relation: "child",
            age,
        });
    }
    if rng.chance(0.2) {
        people.push(Member {
            name: names::person(rng),
            relation: "parent",
            age: (head_age + rng.range(22, 30)).min(95),
        });
    }
    people
        .iter()
        .map(|m| member(fields, rng, q, year, m))
        .collect()
}

/// Schooling by age; a weak household may have a school-age child out of school.
fn schooling(rng: &mut Rng, q: f64, age: i64) -> &'static str {
    match age {
        3..=5 => "preschool",
        6..=14 if rng.chance((1.0 - q) * 0.3) => "not_in_school",
        6..=10 => "primary",
        11..=14 => "lower_secondary",
        15..=17 if rng.chance(0.85) => "upper_secondary",
        15..=17 => "vocational_or_continuing",
        18..=22 if rng.chance(0.45) => "higher",
        _ => "not_in_school",
    }
}

fn member(fields: &[FieldDef], rng: &mut Rng, q: f64, year: i64, m: &Member) -> J {
    let school = schooling(rng, q, m.age);
    let pupil = matches!(school, "primary" | "lower_secondary" | "upper_secondary");
    let child = (6..=18).contains(&m.age);
    let adult = m.age >= 19;
    let weak = |rng: &mut Rng, p: f64| rng.chance((1.0 - q) * p);
    let mut values: Vec<(&str, J)> = vec![
        ("full_name", J::text(m.name.clone())),
        ("relation_to_head", J::text(m.relation)),
        (
            "birth_date",
            J::text(format!(
                "{}-{:02}-{:02}",
                year - m.age,
                rng.range(1, 12),
                rng.range(1, 28)
            )),
        ),
        ("schooling", J::text(school)),
        (
            "exemption",
            J::text(if rng.chance(0.01) { "illness" } else { "none" }),
        ),
    ];
    if pupil {
        let result = match (school, weak(rng, 0.3)) {
            ("primary", false) => *rng
                .pick(&["hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh"])
                .unwrap_or(&"hoan_thanh"),
            ("primary", true) => "chua_hoan_thanh",
            (_, false) => *rng.pick(&["tot", "kha", "dat"]).unwrap_or(&"kha"),
            (_, true) => "chua_dat",
        };
        values.push(("academic_result", J::text(result)));
        let conduct = if school == "primary" {
            if weak(rng, 0.2) {
                "chua_hoan_thanh"
            } else {
                "hoan_thanh_tot"
            }
        } else if weak(rng, 0.2) {
            "chua_dat"
        } else {
            *rng.pick(&["tot", "kha"]).unwrap_or(&"tot")
        };
        values.push(("conduct_result", J::text(conduct)));
    }
    if child {
        values.push(("honest_and_polite", J::bool(!weak(rng, 0.3))));
        values.push(("joins_local_activities", J::bool(!weak(rng, 0.4))));
    }
    if adult {
        let level = if weak(rng, 0.1) {
            "illiterate"
        } else {
            *rng.pick(&[
                "literate_level_2",
                "lower_secondary",
                "upper_secondary",
                "upper_secondary",
                "vocational",
                "university",
            ])
            .unwrap_or(&"upper_secondary")
        };
        values.push(("literacy_level", J::text(level)));
        let count = if weak(rng, 0.6) { 0 } else { rng.range(1, 3) };
        let activities = (0..count)
            .map(|_| {
                let title = *rng
                    .pick(&[
                        "Kỹ thuật chăn nuôi",
                        "Tin học cơ bản",
                        "Phòng chống dịch bệnh",
                        "Luật đất đai",
                        "Tiếng Anh",
                    ])
                    .unwrap_or(&"Tin học cơ bản");
                let form = *rng
                    .pick(&[
                        "clc_topic",
                        "training",
                        "online",
                        "self_study",
                        "in_service",
                    ])
                    .unwrap_or(&"clc_topic");
                J::O(vec![
                    ("title".to_string(), J::text(title)),
                    ("form".to_string(), J::text(form)),
                ])
            })
            .collect();
        values.push(("learning_activities", J::A(activities)));
    }
    let ordered = fields
        .iter()
        .filter_map(|f| {
            let i = values.iter().position(|(k, _)| *k == f.name)?;
            let (k, v) = values.swap_remove(i);
            Some((k.to_string(), v))
        })
        .collect();
    J::O(ordered)
}

/// The head of household listed first among the members carries the record's
/// `household_head` name, and the children the head's family name.
pub fn name_head(record: &mut [(String, J)]) {
    let Some(head) = record.iter().find_map(|(k, v)| match v {
        J::V(serde_json::Value::String(s)) if k == "household_head" => Some(s.clone()),
        _ => None,
    }) else {
        return;
    };
    let surname = head.split(' ').next().unwrap_or_default().to_string();
    let Some(J::A(members)) = record
        .iter_mut()
        .find_map(|(k, v)| (k == "members").then_some(v))
    else {
        return;
    };
    for member in members.iter_mut() {
        let J::O(fields) = member else { continue };
        let relation = fields.iter().find_map(|(k, v)| match v {
            J::V(serde_json::Value::String(s)) if k == "relation_to_head" => Some(s.clone()),
            _ => None,
        });
        for (k, v) in fields.iter_mut() {
            let J::V(serde_json::Value::String(name)) = v else {
                continue;
            };
            if k != "full_name" {
                continue;
            }
            match relation.as_deref() {
                Some("head") => name.clone_from(&head),
                Some("child") => {
                    let rest = name.split_once(' ').map_or("", |(_, r)| r);
                    *name = format!("{surname} {rest}");
                }
                _ => {}
            }
        }
    }
}
