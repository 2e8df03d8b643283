//! Properties of scoring under the TT 22/2020 unit rules, on random records: points stay
//! within their maxima, more never scores less, `undetermined` means the missing inputs
//! really could change the decision, and evaluation is deterministic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::sync::OnceLock;

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json, json};
use tieuchi_core::eval::Evaluation;
use tieuchi_core::{Detail, Program, Status, compile, decode_value, evaluate, explain};

const UNIT_RULES: &str = include_str!("../../../rules/unit/tt22-2020.rules");

const BOOLS: [&str; 3] = [
    "has_learning_plan",
    "has_learning_incentive_rules",
    "invests_learning_resources",
];
const COUNTS: [&str; 5] = [
    "members_with_approved_plan",
    "members_compliant",
    "members_completed_mandatory_training",
    "members_advanced_worker_or_higher",
    "members_meeting_learning_citizen_qualities",
];
const TITLES: [&str; 4] = [
    "none",
    "tap_the_lao_dong_tien_tien",
    "tap_the_lao_dong_xuat_sac",
    "co_thi_dua",
];
const MAX_MEMBERS: u32 = 10_000;

fn program() -> &'static Program {
    static P: OnceLock<Program> = OnceLock::new();
    P.get_or_init(|| {
        let c = compile(UNIT_RULES);
        let p = c.program.expect("the unit rules compile");
        for name in BOOLS.iter().chain(&COUNTS).chain(&[
            "members_total",
            "unit_emulation_title",
            "knowledge_sharing_activities",
        ]) {
            assert!(
                p.field_slot(name).is_some(),
                "the unit model has no field {name}"
            );
        }
        p
    })
}

/// A complete, valid unit record.
#[derive(Debug, Clone)]
struct Unit {
    name: String,
    year: u32,
    bools: [bool; 3],
    total: u32,
    counts: [u32; 5],
    title: usize,
    sharing: u32,
}

impl Unit {
    fn to_json(&self) -> Map<String, Json> {
        let mut m = Map::new();
        m.insert("unit_name".into(), json!(self.name));
        m.insert("assessment_year".into(), json!(self.year));
        for (n, b) in BOOLS.iter().zip(self.bools) {
            m.insert((*n).into(), json!(b));
        }
        m.insert("members_total".into(), json!(self.total));
        for (n, c) in COUNTS.iter().zip(self.counts) {
            m.insert((*n).into(), json!(c));
        }
        m.insert("unit_emulation_title".into(), json!(TITLES[self.title]));
        m.insert("knowledge_sharing_activities".into(), json!(self.sharing));
        m
    }
}

fn count(total: u32) -> impl Strategy<Value = u32> {
    prop_oneof![
        2 => 0..=total,
        1 => Just(0),
        1 => Just(total),
        1 => Just(total.saturating_sub(1)),
    ]
}

fn unit() -> impl Strategy<Value = Unit> {
    let total = prop_oneof![1..=10u32, 1..=MAX_MEMBERS, Just(MAX_MEMBERS)];
    total.prop_flat_map(|total| {
        (
            "\\PC{0,12}",
            2020u32..=2100,
            any::<[bool; 3]>(),
            Just(total),
            [
                count(total),
                count(total),
                count(total),
                count(total),
                count(total),
            ],
            0..TITLES.len(),
            prop_oneof![Just(0u32), Just(1), 0..20u32],
        )
            .prop_map(|(name, year, bools, total, counts, title, sharing)| Unit {
                name,
                year,
                bools,
                total,
                counts,
                title,
                sharing,
            })
    })
}

/// How a field is made unknown: left out, `null`, or a value of the wrong type.
#[derive(Debug, Clone, Copy)]
enum Gone {
    Absent,
    Null,
    WrongType,
}

fn gone() -> impl Strategy<Value = Gone> {
    prop_oneof![
        3 => Just(Gone::Absent),
        1 => Just(Gone::Null),
        1 => Just(Gone::WrongType),
    ]
}

fn remove(record: &mut Map<String, Json>, name: &str, how: Gone) {
    match how {
        Gone::Absent => {
            record.remove(name);
        }
        Gone::Null => {
            record.insert(name.into(), Json::Null);
        }
        Gone::WrongType => {
            record.insert(name.into(), json!([name]));
        }
    }
}

fn run(record: &Map<String, Json>) -> Evaluation {
    let p = program();
    let decoded = decode_value(p, &Json::Object(record.clone()));
    evaluate(p, &decoded.values)
}

fn tier_label(ev: &Evaluation) -> Option<&'static str> {
    ev.tier
        .and_then(|t| program().decision.tiers.get(t))
        .map(|t| t.label.as_str())
}

/// (a) points within their maxima, and exact when nothing is unknown.
fn check_bounds(ev: &Evaluation, complete: bool) -> Result<(), TestCaseError> {
    let p = program();
    let zero = Decimal::ZERO;
    for ((_, def), r) in p.indicators().zip(&ev.indicators) {
        let pts = r.points;
        prop_assert_eq!(pts.max, def.max, "indicator {} max", def.id);
        prop_assert!(
            zero <= pts.lo && pts.lo <= pts.hi && pts.hi <= def.max,
            "indicator {} points {:?} outside [0, {}]",
            def.id,
            pts,
            def.max
        );
        if complete {
            prop_assert_eq!(pts.lo, pts.hi, "indicator {} not exact", def.id);
        }
    }
    let mut sum = (zero, zero);
    for (c, pts) in p.criteria.iter().zip(&ev.criteria) {
        prop_assert!(
            zero <= pts.lo && pts.lo <= pts.hi && pts.hi <= c.max && pts.max == c.max,
            "criterion {} points {:?} outside [0, {}]",
            c.id,
            pts,
            c.max
        );
        if complete {
            prop_assert_eq!(pts.lo, pts.hi, "criterion {} not exact", c.id);
        }
        sum = (sum.0 + pts.lo, sum.1 + pts.hi);
    }
    let t = ev.total;
    prop_assert!(
        zero <= t.lo && t.lo <= t.hi && t.hi <= p.model.max,
        "total {:?} outside [0, {}]",
        t,
        p.model.max
    );
    prop_assert!(!ev.rescaled, "nothing is ever excluded in the unit model");
    prop_assert_eq!((t.lo, t.hi), sum, "total is not the sum of the criteria");
    if complete {
        prop_assert_eq!(t.lo, t.hi);
        prop_assert!(ev.status != Status::Undetermined);
        prop_assert!(ev.tier.is_some(), "a complete record has a tier");
    }
    Ok(())
}

/// A change that should never lower the total.
#[derive(Debug, Clone)]
enum Raise {
    Count(usize, u32),
    Bool(usize),
    Title(usize),
    Sharing(u32),
}

fn raise() -> impl Strategy<Value = Raise> {
    prop_oneof![
        3 => (0..COUNTS.len(), 1..=MAX_MEMBERS).prop_map(|(i, d)| Raise::Count(i, d)),
        1 => (0..COUNTS.len(), 1..=3u32).prop_map(|(i, d)| Raise::Count(i, d)),
        2 => (0..BOOLS.len()).prop_map(Raise::Bool),
        2 => (1..TITLES.len()).prop_map(Raise::Title),
        1 => (1..5u32).prop_map(Raise::Sharing),
    ]
}

fn apply(u: &Unit, r: &Raise) -> Unit {
    let mut v = u.clone();
    match *r {
        Raise::Count(i, d) => v.counts[i] = (v.counts[i] + d).min(v.total),
        Raise::Bool(i) => v.bools[i] = true,
        Raise::Title(d) => v.title = (v.title + d).min(TITLES.len() - 1),
        Raise::Sharing(d) => v.sharing += d,
    }
    v
}

/// The most and the least favourable value of a field, when one exists independently of the
/// rest of the record (everything but `members_total`).
fn extremes(u: &Unit, name: &str) -> (Json, Json) {
    if BOOLS.contains(&name) {
        (json!(false), json!(true))
    } else if COUNTS.contains(&name) {
        (json!(0), json!(u.total))
    } else {
        match name {
            "unit_emulation_title" => (json!(TITLES[0]), json!(TITLES[TITLES.len() - 1])),
            "knowledge_sharing_activities" => (json!(0), json!(1)),
            "unit_name" => (json!(""), json!("x")),
            "assessment_year" => (json!(2020), json!(2100)),
            other => panic!("no extremes for {other}"),
        }
    }
}

/// Field names other than `members_total`, in declaration order.
fn independent_fields() -> Vec<String> {
    program()
        .fields
        .iter()
        .map(|f| f.name.clone())
        .filter(|n| n != "members_total")
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// (a) for complete and for partly missing records.
    #[test]
    fn points_stay_within_their_maxima(
        u in unit(),
        missing in prop::collection::vec((any::<prop::sample::Index>(), gone()), 0..4),
    ) {
        let mut record = u.to_json();
        let fields = &program().fields;
        for (i, how) in &missing {
            remove(&mut record, &fields[i.index(fields.len())].name, *how);
        }
        let ev = run(&record);
        check_bounds(&ev, missing.is_empty())?;
    }

    /// (b) more members qualifying, a condition met, a higher title or more sharing
    /// activities never lower the total, the status or the tier.
    #[test]
    fn raising_an_input_never_lowers_the_score(u in unit(), r in raise()) {
        let before = run(&u.to_json());
        let raised = apply(&u, &r);
        let after = run(&raised.to_json());
        check_bounds(&before, true)?;
        check_bounds(&after, true)?;
        prop_assert!(
            after.total.lo >= before.total.lo,
            "{:?} lowered the total from {} to {}\nrecord: {:?}",
            r, before.total.lo, after.total.lo, u
        );
        if before.status == Status::Recognized {
            prop_assert_eq!(after.status, Status::Recognized);
        }
        // Tiers are listed from the highest: a smaller index is a better tier.
        prop_assert!(after.tier <= before.tier, "{:?} lowered the tier", r);
    }

    /// (c) with inputs missing (other than `members_total`), each unknown indicator depends
    /// on one missing input, so the extremes of the missing inputs bound the score exactly:
    /// the record is `undetermined` exactly when they lead to different decisions.
    #[test]
    fn undetermined_only_when_the_missing_inputs_matter(
        u in unit(),
        missing in prop::collection::vec((any::<prop::sample::Index>(), gone()), 1..4),
    ) {
        let names = independent_fields();
        let mut record = u.to_json();
        let mut low = u.to_json();
        let mut high = u.to_json();
        for (i, how) in &missing {
            let name = &names[i.index(names.len())];
            remove(&mut record, name, *how);
            let (lo, hi) = extremes(&u, name);
            low.insert(name.clone(), lo);
            high.insert(name.clone(), hi);
        }
        let ev = run(&record);
        let (ev_low, ev_high) = (run(&low), run(&high));
        check_bounds(&ev, false)?;
        prop_assert_eq!(ev.total.lo, ev_low.total.lo, "secured points are not the least possible");
        prop_assert_eq!(ev.total.hi, ev_high.total.lo, "possible points are not the most possible");
        let differ = ev_low.status != ev_high.status;
        prop_assert_eq!(
            ev.status == Status::Undetermined,
            differ,
            "status {:?} but filled in it is {:?} (least) or {:?} (most)\nrecord: {:?}",
            ev.status, ev_low.status, ev_high.status, record
        );
        if !differ {
            prop_assert_eq!(ev.status, ev_low.status);
        }
        let decided_tier = tier_label(&ev_low) == tier_label(&ev_high);
        prop_assert_eq!(ev.tier.is_some(), decided_tier);
        if decided_tier {
            prop_assert_eq!(tier_label(&ev), tier_label(&ev_low));
        }
    }

    /// (c) with `members_total` missing the engine bounds each share by 0..1, which is not
    /// always reachable (the counts fix the shares' ratios); it must still be sound: a decided
    /// status or tier holds for every way of filling the total in.
    #[test]
    fn a_decision_without_members_total_holds_for_any_total(
        u in unit(),
        how in gone(),
        extra in prop::collection::vec(0..=MAX_MEMBERS, 3),
    ) {
        let mut record = u.to_json();
        remove(&mut record, "members_total", how);
        let ev = run(&record);
        check_bounds(&ev, false)?;
        let least = u.counts.iter().copied().max().unwrap_or(0).max(1);
        let mut totals = vec![least, least + 1, MAX_MEMBERS.max(least), u.total];
        totals.extend(extra.iter().map(|e| e.max(&least)));
        for t in totals {
            let mut filled = record.clone();
            filled.insert("members_total".into(), json!(t));
            let f = run(&filled);
            prop_assert!(f.status != Status::Undetermined);
            prop_assert!(
                ev.total.lo <= f.total.lo && f.total.lo <= ev.total.hi,
                "total {} with {} members outside the range {:?}", f.total.lo, t, ev.total
            );
            if ev.status != Status::Undetermined {
                prop_assert_eq!(ev.status, f.status, "members_total = {}", t);
            }
            if ev.tier.is_some() {
                prop_assert_eq!(tier_label(&ev), tier_label(&f), "members_total = {}", t);
            }
        }
    }

    /// (d) the same record gives the same full answer, read from a value or from text.
    #[test]
    fn evaluation_is_deterministic(
        u in unit(),
        missing in prop::collection::vec((any::<prop::sample::Index>(), gone()), 0..3),
    ) {
        let p = program();
        let mut record = u.to_json();
        for (i, how) in &missing {
            remove(&mut record, &p.fields[i.index(p.fields.len())].name, *how);
        }
        let value = Json::Object(record);
        let answer = |decoded: &tieuchi_core::Decoded| {
            let ev = evaluate(p, &decoded.values);
            serde_json::to_value(explain(p, decoded, &ev, Detail::Full)).unwrap()
        };
        let d1 = decode_value(p, &value);
        let d2 = decode_value(p, &value);
        let d3 = tieuchi_core::decode_str(p, &value.to_string());
        prop_assert_eq!(&d1, &d2);
        prop_assert_eq!(&d1, &d3);
        let first = answer(&d1);
        prop_assert_eq!(&first, &answer(&d2));
        prop_assert_eq!(&first, &answer(&d3));
    }
}

#[test]
fn complete_records_are_never_undetermined_at_the_extremes() {
    // The corners of the input space: every boolean and every count at either extreme.
    for total in [1, 2, 3, MAX_MEMBERS] {
        for mask in 0u32..(1 << 10) {
            let bit = |i: u32| mask & (1 << i) != 0;
            let u = Unit {
                name: String::new(),
                year: 2020,
                bools: [bit(0), bit(1), bit(2)],
                total,
                counts: [3, 4, 5, 6, 7].map(|i| if bit(i) { total } else { 0 }),
                title: if bit(8) { TITLES.len() - 1 } else { 0 },
                sharing: u32::from(bit(9)),
            };
            let ev = run(&u.to_json());
            assert_ne!(ev.status, Status::Undetermined, "{u:?}");
            assert_eq!(ev.total.lo, ev.total.hi, "{u:?}");
            let expected: u32 = [10, 10, 10, 10, 5, 10, 5, 25, 10, 5]
                .iter()
                .enumerate()
                .filter(|(i, _)| bit(u32::try_from(*i).unwrap()))
                .map(|(_, p)| p)
                .sum();
            assert_eq!(ev.total.lo, Decimal::from(expected), "{u:?}");
        }
    }
}
