//! Checking the tests written in a rule file and resolving their records.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};
use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{Expect, ItemExpect, Literal, Model, Test};

use super::Checker;
use super::error::CheckError;
use super::expr::suggest;
use crate::eval::{Outcome, Status};
use crate::program::{CriterionDef, DecisionDef, FieldDef, ItemRef, TestDef, TestExpect};

/// Outcome words a test may expect of an indicator: the core's wire words.
pub(crate) const OUTCOMES: &[&str] = &[
    Outcome::Met.code(),
    Outcome::Partial.code(),
    Outcome::Unmet.code(),
    Outcome::NotApplicable.code(),
    Outcome::Unknown.code(),
];
/// Status words a test may expect of the model: the core's wire words.
pub(crate) const STATUSES: &[&str] = &[
    Status::Recognized.code(),
    Status::NotRecognized.code(),
    Status::Undetermined.code(),
];

impl Checker {
    pub(super) fn tests(
        &mut self,
        m: &Model,
        fields: &[FieldDef],
        criteria: &[CriterionDef],
        decision: &DecisionDef,
    ) -> Vec<TestDef> {
        let mut seen = HashMap::new();
        let by_name: HashMap<&str, &Test> =
            m.tests.iter().map(|t| (t.name.value.as_str(), t)).collect();
        let mut out = Vec::new();
        for t in &m.tests {
            if !self.unique(&mut seen, "test", &t.name.value, t.name.span) {
                continue;
            }
            let Some(record) = self.test_record(t, &by_name, fields) else {
                continue;
            };
            let expects = t
                .expects
                .iter()
                .filter_map(|e| self.expect(e, criteria, decision))
                .collect();
            out.push(TestDef {
                name: t.name.value.clone(),
                span: t.name.span,
                record,
                expects,
            });
        }
        out
    }

    /// The test's record: the `from` chain's fields, then its own.
    fn test_record(
        &mut self,
        t: &Test,
        by_name: &HashMap<&str, &Test>,
        fields: &[FieldDef],
    ) -> Option<Map<String, Json>> {
        let mut chain = vec![t];
        let mut cur = t;
        // A broken link further down the chain is reported once, at the test that has it;
        // the tests that start from that one are only left without a record.
        while let Some(from) = &cur.from {
            let own = std::ptr::eq(cur, t);
            let Some(next) = by_name.get(from.value.as_str()) else {
                if own {
                    let suggestion = suggest(&from.value, by_name.keys().copied());
                    self.report(
                        CheckError::UnknownName {
                            name: from.value.clone(),
                            what: "test",
                            suggestion,
                        }
                        .at(from.span),
                    );
                }
                return None;
            };
            if std::ptr::eq(*next, t) {
                let path: Vec<String> = chain
                    .iter()
                    .chain(std::iter::once(next))
                    .map(|c| format!("\"{}\"", c.name.value))
                    .collect();
                let detail = format!(
                    "test \"{}\" starts from itself through `from`: {}",
                    t.name.value,
                    path.join(" → ")
                );
                let span = t.from.as_ref().map_or(from.span, |f| f.span);
                self.report(CheckError::BadTest { detail }.at(span));
                return None;
            }
            if chain.iter().any(|c| std::ptr::eq(*c, *next)) {
                return None;
            }
            chain.push(next);
            cur = next;
        }
        let mut record = Map::new();
        for test in chain.iter().rev() {
            for f in &test.input {
                if !fields.iter().any(|d| d.name == f.name.name) {
                    let suggestion = suggest(&f.name.name, fields.iter().map(|d| d.name.as_str()));
                    self.report(
                        CheckError::UnknownName {
                            name: f.name.name.clone(),
                            what: "field",
                            suggestion,
                        }
                        .at(f.name.span),
                    );
                    continue;
                }
                match literal_json(&f.value) {
                    Some(v) => record.insert(f.name.name.clone(), v),
                    None => record.remove(&f.name.name),
                };
            }
        }
        Some(record)
    }

    fn expect(
        &mut self,
        e: &Expect,
        criteria: &[CriterionDef],
        decision: &DecisionDef,
    ) -> Option<TestExpect> {
        Some(match e {
            Expect::Status(w) => {
                if !STATUSES.contains(&w.name.as_str()) {
                    let suggestion = suggest(&w.name, STATUSES.iter().copied());
                    self.report(
                        CheckError::UnknownName {
                            name: w.name.clone(),
                            what: "status",
                            suggestion,
                        }
                        .at(w.span),
                    );
                    return None;
                }
                TestExpect::Status(w.name.clone(), w.span)
            }
            Expect::Tier(label, span) => {
                if let Some(l) = label
                    && !decision.labels().any(|t| t == l.value)
                {
                    let suggestion = suggest(&l.value, decision.labels());
                    self.report(
                        CheckError::UnknownName {
                            name: l.value.clone(),
                            what: "tier",
                            suggestion,
                        }
                        .at(l.span),
                    );
                    return None;
                }
                TestExpect::Tier(label.as_ref().map(|l| l.value.clone()), *span)
            }
            Expect::Total(n) => TestExpect::Total(self.decimal(n)?, n.span),
            Expect::Error(path) => TestExpect::Error(path.value.clone(), path.span),
            Expect::Item(id, what) => {
                let Some(item) = find_item(criteria, &id.name) else {
                    let names = criteria.iter().flat_map(|c| {
                        std::iter::once(c.id.as_str())
                            .chain(c.indicators.iter().map(|i| i.id.as_str()))
                    });
                    let suggestion = suggest(&id.name, names);
                    self.report(
                        CheckError::UnknownName {
                            name: id.name.clone(),
                            what: "criterion or indicator",
                            suggestion,
                        }
                        .at(id.span),
                    );
                    return None;
                };
                match what {
                    ItemExpect::Points(n) => TestExpect::Points(item, self.decimal(n)?, n.span),
                    ItemExpect::Status(w) => {
                        if !OUTCOMES.contains(&w.name.as_str()) {
                            let suggestion = suggest(&w.name, OUTCOMES.iter().copied());
                            self.report(
                                CheckError::UnknownName {
                                    name: w.name.clone(),
                                    what: "outcome",
                                    suggestion,
                                }
                                .at(w.span),
                            );
                            return None;
                        }
                        TestExpect::Outcome(item, w.name.clone(), span_of(id.span, w.span))
                    }
                }
            }
        })
    }
}

fn span_of(a: Span, b: Span) -> Span {
    a.to(b)
}

/// Finds a criterion or indicator by id.
pub(crate) fn find_item(criteria: &[CriterionDef], id: &str) -> Option<ItemRef> {
    criteria.iter().enumerate().find_map(|(ci, c)| {
        if c.id == id {
            return Some(ItemRef {
                criterion: ci,
                indicator: None,
            });
        }
        c.indicators
            .iter()
            .position(|i| i.id == id)
            .map(|ii| ItemRef {
                criterion: ci,
                indicator: Some(ii),
            })
    })
}

/// A test literal as the JSON a form would send; `None` for `missing`.
fn literal_json(l: &Literal) -> Option<Json> {
    Some(match l {
        Literal::Bool(b, _) => Json::Bool(*b),
        Literal::Number(n) => {
            if n.integral {
                n.text
                    .parse::<i64>()
                    .map(Json::from)
                    .unwrap_or_else(|_| Json::String(n.text.clone()))
            } else {
                n.text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Json::String(n.text.clone()), Json::Number)
            }
        }
        Literal::Str(s) => Json::String(s.value.clone()),
        Literal::Date(d) => Json::String(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        Literal::Word(w) => Json::String(w.name.clone()),
        Literal::Missing(_) => return None,
        Literal::List(items, _) => Json::Array(items.iter().filter_map(literal_json).collect()),
        Literal::Record(fields, _) => Json::Object(
            fields
                .iter()
                .filter_map(|f| Some((f.name.name.clone(), literal_json(&f.value)?)))
                .collect(),
        ),
    })
}
