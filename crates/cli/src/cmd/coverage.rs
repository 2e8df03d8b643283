//! `tieuchi test --coverage`: what the tests of each rule file reach (the outcomes of each
//! indicator, both sides of each threshold, each tier or level and status), and the test
//! blocks that would reach the rest. For people, and as JSON for tools.

use serde_json::json;
use tieuchi_core::coverage::{Coverage, DRAFT_NOTE, DecisionKind, EdgeKind, Place};
use tieuchi_core::eval::{Outcome, Status};
use tieuchi_syntax::Message;

use crate::render::say;

const YES: &str = "✓";
const NO: &str = "✗";

/// The coverage of one file, for people: a line per indicator, threshold and decision, then
/// the suggested blocks.
pub fn human(c: &Coverage) {
    let (reached, all) = c.counts();
    outln!("  {}", say(&summary(reached, all)));
    if c.unscored > 0 {
        let m = Message::new(
            format!(
                "{} bài kiểm thử mong đợi bản ghi bị từ chối, không tính",
                c.unscored
            ),
            format!(
                "{} tests expect a rejection and are not counted",
                c.unscored
            ),
        );
        outln!("  {}", say(&m));
    }
    outln!("  {}", say(&Message::new("Chỉ tiêu:", "Indicators:")));
    for i in &c.indicators {
        let outcomes: Vec<String> = i
            .outcomes
            .iter()
            .map(|(o, r)| format!("{} {}", outcome_words(*o), mark(*r)))
            .collect();
        outln!("    {}: {}", i.id, outcomes.join(", "));
    }
    if !c.thresholds.is_empty() {
        outln!("  {}", say(&Message::new("Ngưỡng:", "Thresholds:")));
    }
    for t in &c.thresholds {
        let edges: Vec<String> = t
            .edges
            .iter()
            .map(|e| {
                let words = say(&e.kind.words());
                match &e.value {
                    Some(v) => format!("{words} {v} {}", mark(e.reached)),
                    None => format!("{words} {}", mark(e.reached)),
                }
            })
            .collect();
        outln!(
            "    {} «{}»: {}",
            say(&t.place.words()),
            t.condition,
            edges.join(", ")
        );
    }
    let decisions: Vec<String> = c
        .decisions
        .iter()
        .map(|d| format!("{} {}", decision_words(d.kind, &d.label), mark(d.reached)))
        .collect();
    outln!(
        "  {} {}",
        say(&Message::new("Kết luận:", "Decisions:")),
        decisions.join(", ")
    );
    if c.suggestions.is_empty() {
        return;
    }
    let m = Message::new(
        format!(
            "{} bài kiểm thử gợi ý, dán vào trong mô hình, sau bài kiểm thử cuối:",
            c.suggestions.len()
        ),
        match c.suggestions.len() {
            1 => "1 suggested test, to paste inside the model after its last test:".to_string(),
            n => format!("{n} suggested tests, to paste inside the model after its last test:"),
        },
    );
    outln!("  {}", say(&m));
    outln!();
    out!("{DRAFT_NOTE}");
    for s in &c.suggestions {
        outln!();
        out!("{}", s.text);
    }
    outln!();
}

/// "Độ phủ: 80/96 (83%)".
pub fn summary(reached: usize, all: usize) -> Message {
    let percent = (reached * 100).checked_div(all).unwrap_or(100);
    Message::new(
        format!("Độ phủ của các bài kiểm thử: {reached}/{all} ({percent}%)"),
        format!("test coverage: {reached}/{all} ({percent}%)"),
    )
}

fn mark(reached: bool) -> &'static str {
    if reached { YES } else { NO }
}

fn outcome_words(o: Outcome) -> String {
    say(&Message::new(o.label_vi(), o.label_en()))
}

fn decision_words(kind: DecisionKind, label: &str) -> String {
    match kind {
        DecisionKind::Tier | DecisionKind::Level => label.to_string(),
        DecisionKind::Status => Status::from_code(label).map_or_else(
            || label.to_string(),
            |s| say(&Message::new(s.label_vi(), s.label_en())),
        ),
    }
}

/// The coverage of one file as JSON: `{reached, total, scored, unscored, indicators:
/// [{id, outcomes: {met: true, …}}], thresholds: [{place, condition, edges: [{edge, value,
/// reached}]}], decisions: [{kind, label, reached}], suggestions: [{covers, text}]}`.
pub fn to_json(c: &Coverage) -> serde_json::Value {
    let (reached, all) = c.counts();
    let indicators: Vec<_> = c
        .indicators
        .iter()
        .map(|i| {
            let outcomes: serde_json::Map<String, serde_json::Value> = i
                .outcomes
                .iter()
                .map(|(o, r)| (o.code().to_string(), json!(r)))
                .collect();
            json!({"id": i.id, "outcomes": outcomes})
        })
        .collect();
    let thresholds: Vec<_> = c
        .thresholds
        .iter()
        .map(|t| {
            let edges: Vec<_> = t
                .edges
                .iter()
                .map(|e| {
                    let edge = match e.kind {
                        EdgeKind::At => "at",
                        EdgeKind::Below => "below",
                        EdgeKind::Above => "above",
                        EdgeKind::Other => "other",
                    };
                    json!({"edge": edge, "value": e.value, "reached": e.reached})
                })
                .collect();
            let place = match &t.place {
                Place::Indicator(id) => json!({"indicator": id}),
                Place::Let(name) => json!({"let": name}),
                Place::Pass => json!("pass"),
                Place::Tier(l) => json!({"tier": l}),
                Place::CriterionFloor(id) => json!({"criterion_floor": id}),
                Place::IndicatorFloor(id) => json!({"indicator_floor": id}),
            };
            json!({"place": place, "condition": t.condition, "edges": edges})
        })
        .collect();
    let decisions: Vec<_> = c
        .decisions
        .iter()
        .map(|d| {
            let kind = match d.kind {
                DecisionKind::Tier => "tier",
                DecisionKind::Level => "level",
                DecisionKind::Status => "status",
            };
            json!({"kind": kind, "label": d.label, "reached": d.reached})
        })
        .collect();
    let suggestions: Vec<_> = c
        .suggestions
        .iter()
        .map(|s| json!({"covers": say(&s.covers), "text": s.text}))
        .collect();
    json!({
        "reached": reached,
        "total": all,
        "scored": c.scored,
        "unscored": c.unscored,
        "indicators": indicators,
        "thresholds": thresholds,
        "decisions": decisions,
        "suggestions": suggestions,
    })
}
