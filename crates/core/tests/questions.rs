//! Which questions a form asks (issue 15): from the rules, given the answers so far. Table
//! driven over the family model's households and the clan's families.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use serde_json::{Value as Json, json};
use support::{compile_path, root};
use tieuchi_core::questions::{CHECKS, Question, questions};
use tieuchi_core::{Program, decode_str};

fn family() -> Program {
    compile_path(&root().join("rules/family/qd448-2015.rules"))
        .program
        .unwrap()
}

fn example(name: &str) -> Json {
    let text = std::fs::read_to_string(root().join("rules/family/examples").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn asked(program: &Program, record: &Json) -> Vec<Question> {
    questions(program, &decode_str(program, &record.to_string()))
}

fn find<'q>(qs: &'q [Question], path: &str) -> &'q Question {
    qs.iter()
        .find(|q| q.path == path)
        .unwrap_or_else(|| panic!("no question {path}"))
}

#[test]
fn each_member_is_asked_what_applies_to_them() {
    let program = family();
    // Member 0: 45, not in school; 3: 9, in primary school; 4: 74.
    let record = example("ho-nguyen-van-an-dat.json");
    let qs = asked(&program, &record);
    // (path, required, matters, answered)
    let cases = [
        ("/household_head", true, false, true),
        ("/village_name", false, false, true),
        ("/assessment_year", true, true, true),
        ("/members", true, true, true),
        ("/members/0/birth_date", true, true, true),
        ("/members/0/schooling", true, true, true),
        // Not a pupil: school results do not apply.
        ("/members/0/conduct_result", false, false, false),
        ("/members/0/academic_result", false, false, false),
        ("/members/0/literacy_level", false, true, true),
        ("/members/0/learning_activities", false, true, true),
        // A pupil of 9: results apply, literacy and adult learning do not.
        ("/members/3/conduct_result", false, true, true),
        ("/members/3/honest_and_polite", false, true, true),
        ("/members/3/literacy_level", false, false, false),
        ("/members/3/learning_activities", false, false, false),
        // 74: past the ages of the literacy and learning indicators.
        ("/members/4/literacy_level", false, false, true),
        ("/adults_apply_learning", true, true, true),
    ];
    for (path, required, matters, answered) in cases {
        let q = find(&qs, path);
        assert_eq!(
            (q.required, q.matters, q.answered),
            (required, matters, answered),
            "{path}"
        );
    }
    // The inputs of a learning activity: its form does not change a count, its title neither.
    assert!(!find(&qs, "/members/0/learning_activities/0/form").matters);
    assert!(find(&qs, "/members/0/learning_activities/0/title").required);
    // What the rules read at all, so can matter in some household: a form hides only those.
    // (path, read)
    let reads = [
        ("/household_head", false),
        ("/village_name", false),
        ("/members", true),
        ("/members/0/full_name", false),
        ("/members/0/relation_to_head", false),
        ("/members/0/conduct_result", true),
        ("/members/0/academic_result", true),
        ("/members/3/literacy_level", true),
        ("/members/0/learning_activities", true),
        ("/members/0/learning_activities/0/title", false),
        ("/members/0/learning_activities/0/form", false),
        ("/is_cultural_family", true),
    ];
    for (path, read) in reads {
        assert_eq!(find(&qs, path).read, read, "{path}");
    }
}

#[test]
fn what_is_not_known_yet_decides_what_comes_next() {
    let program = family();
    let mut record = example("ho-nguyen-van-an-dat.json");
    // Member 0's schooling unanswered: it is asked; their school results wait for it.
    record["members"][0]
        .as_object_mut()
        .unwrap()
        .remove("schooling");
    let qs = asked(&program, &record);
    let q = find(&qs, "/members/0/schooling");
    assert!(q.matters && !q.answered);
    assert!(!find(&qs, "/members/0/conduct_result").matters);
    // Made a pupil of 14, they are asked about their results.
    record["members"][0]["schooling"] = json!("lower_secondary");
    record["members"][0]["birth_date"] = json!("2010-01-01");
    let qs = asked(&program, &record);
    assert!(find(&qs, "/members/0/conduct_result").matters);
    assert!(!find(&qs, "/members/0/literacy_level").matters);
}

#[test]
fn an_empty_record_asks_for_everything_the_rules_read() {
    let program = family();
    let qs = asked(&program, &json!({}));
    let top: Vec<&str> = qs.iter().map(|q| q.path.as_str()).collect();
    let declared: Vec<String> = program
        .fields
        .iter()
        .map(|f| format!("/{}", f.name))
        .collect();
    assert_eq!(top, declared, "each declared input once, in order");
    assert!(find(&qs, "/members").matters);
    assert!(find(&qs, "/is_cultural_family").matters);
    assert!(!find(&qs, "/household_head").matters);
    assert!(qs.iter().all(|q| !q.answered));
}

#[test]
fn questions_come_in_the_declared_order_items_in_turn() {
    let program = family();
    let qs = asked(&program, &example("ho-nguyen-van-an-dat.json"));
    let at = |p: &str| qs.iter().position(|q| q.path == p).unwrap();
    assert!(at("/assessment_year") < at("/members"));
    assert!(at("/members") < at("/members/0/full_name"));
    assert!(at("/members/0/learning_activities/1/form") < at("/members/1/full_name"));
    assert!(at("/members/4/learning_activities") < at("/adults_apply_learning"));
}

#[test]
fn a_clans_families_are_asked_by_the_family_rules() {
    let compiled = compile_path(&root().join("rules/clan/qd448-2015.rules"));
    let program = compiled.program.unwrap();
    let dir = root().join("rules/clan/examples");
    let text = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap();
    let qs = questions(&program, &decode_str(&program, &text));
    let family_birth = qs
        .iter()
        .find(|q| q.path.starts_with("/families/0/members/") && q.path.ends_with("/birth_date"))
        .expect("a family's member is asked their birth date");
    assert!(family_birth.required && family_birth.matters);
}

#[test]
fn a_huge_record_costs_at_most_the_checks_budget() {
    let program = family();
    let mut record = example("ho-nguyen-van-an-dat.json");
    let member = record["members"][0].clone();
    record["members"] = Json::Array(vec![member; 300]);
    let start = std::time::Instant::now();
    let qs = asked(&program, &record);
    // Past the budget, answered inputs count as mattering: shown, never hidden wrongly.
    let answered = qs.iter().filter(|q| q.answered).count();
    assert!(answered > CHECKS, "{answered} answered inputs");
    assert!(qs.last().unwrap().matters || !qs.last().unwrap().answered);
    assert!(
        start.elapsed().as_secs() < 60,
        "bounded: {:?}",
        start.elapsed()
    );
}
