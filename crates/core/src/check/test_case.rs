//! Checking the tests written in a rule file and resolving their records.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value as Json};
use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{Expect, ItemExpect, Literal, Model, Test};

use super::Checker;
use super::error::{CheckError, Thing};
use crate::program::{CriterionDef, DecisionDef, FieldDef, ItemRef, TestDef, TestExpect};
use crate::status::{Outcome, Status};
use crate::suggest::suggest;

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
        let by_name: HashMap<&str, usize> = m
            .tests
            .iter()
            .enumerate()
            .map(|(at, t)| (t.name.value.as_str(), at))
            .collect();
        let names: HashSet<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let mut records = Records {
            tests: &m.tests,
            by_name: &by_name,
            fields,
            names: &names,
            done: vec![None; m.tests.len()],
            on_path: vec![None; m.tests.len()],
        };
        let mut out = Vec::new();
        for (at, t) in m.tests.iter().enumerate() {
            if !self.unique(&mut seen, Thing::Test, &t.name.value, t.name.span) {
                continue;
            }
            let Some(record) = records.record(self, at) else {
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
                            what: Thing::Status,
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
                            what: Thing::Tier,
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
                            what: Thing::CriterionOrIndicator,
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
                                    what: Thing::Outcome,
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

/// The records of the tests, each built once from the record of the test it starts `from`.
/// (Rebuilt for every test by walking its whole chain, 10,000 chained tests took minutes.)
struct Records<'m> {
    tests: &'m [Test],
    /// Index of each test by name (the last of a repeated name, itself reported as C003).
    by_name: &'m HashMap<&'m str, usize>,
    fields: &'m [FieldDef],
    names: &'m HashSet<&'m str>,
    /// Per test: not yet built (`None`), built, or without a record (a broken `from`).
    done: Vec<Option<Option<Map<String, Json>>>>,
    /// Per test: its place on the chain being walked, if it is on it (all `None` between
    /// walks). A vector rather than a `HashMap<usize, usize>`, for size: that map compiled its
    /// own hash table code into the browser module (measured with `drop_ranges` no longer
    /// sorting: 278,604 to 274,036 bytes gzipped).
    on_path: Vec<Option<usize>>,
}

impl Records<'_> {
    /// The record of test `at`: the `from` chain's fields, then its own. Each problem of a
    /// chain (a missing test, a loop, an unknown field) is reported once, at the test that
    /// has it; tests that start from a broken one are only left without a record.
    fn record(&mut self, checker: &mut Checker, at: usize) -> Option<Map<String, Json>> {
        // Walk up the chain (iteratively: chains may be long) to a built test or a root.
        let mut path = vec![at];
        if let Some(slot) = self.on_path.get_mut(at) {
            *slot = Some(0);
        }
        let mut cur = at;
        let mut built_top = false;
        let base = loop {
            if let Some(Some(built)) = self.done.get(cur) {
                built_top = true;
                break built.clone();
            }
            let test = self.tests.get(cur)?;
            let Some(from) = &test.from else {
                break Some(Map::new());
            };
            let Some(&next) = self.by_name.get(from.value.as_str()) else {
                let suggestion = suggest(&from.value, self.by_name.keys().copied());
                let err = CheckError::UnknownName {
                    name: from.value.clone(),
                    what: Thing::Test,
                    suggestion,
                };
                checker.report(err.at(from.span));
                break None;
            };
            if let Some(&Some(start)) = self.on_path.get(next) {
                self.report_loop(checker, path.get(start..).unwrap_or_default());
                break None;
            }
            if let Some(slot) = self.on_path.get_mut(next) {
                *slot = Some(path.len());
            }
            path.push(next);
            cur = next;
        };
        for &t in &path {
            if let Some(slot) = self.on_path.get_mut(t) {
                *slot = None;
            }
        }
        if built_top {
            path.pop();
        }
        // Build down the chain, from the root (or the built test) to `at`.
        let mut record = base;
        for &t in path.iter().rev() {
            record = record.map(|mut r| {
                self.own_fields(checker, t, &mut r);
                r
            });
            if let Some(slot) = self.done.get_mut(t) {
                *slot = Some(record.clone());
            }
        }
        record
    }

    /// Reports a loop of `from` at each test on it, naming the loop from that test.
    fn report_loop(&self, checker: &mut Checker, cycle: &[usize]) {
        for (i, &t) in cycle.iter().enumerate() {
            let Some(test) = self.tests.get(t) else {
                continue;
            };
            let order = cycle.iter().cycle().skip(i).take(cycle.len() + 1);
            let chain: Vec<String> = order
                .filter_map(|&c| self.tests.get(c))
                .map(|c| c.name.value.clone())
                .collect();
            let problem = CheckError::FromLoop {
                test: test.name.value.clone(),
                chain,
            };
            let span = test.from.as_ref().map_or(test.name.span, |f| f.span);
            checker.report(problem.at(span));
        }
    }

    /// Adds the fields written in test `at` itself to `record`.
    fn own_fields(&self, checker: &mut Checker, at: usize, record: &mut Map<String, Json>) {
        let Some(test) = self.tests.get(at) else {
            return;
        };
        for f in &test.input {
            if !self.names.contains(f.name.name.as_str()) {
                let suggestion = suggest(&f.name.name, self.fields.iter().map(|d| d.name.as_str()));
                let err = CheckError::UnknownName {
                    name: f.name.name.clone(),
                    what: Thing::Field,
                    suggestion,
                };
                checker.report(err.at(f.name.span));
                continue;
            }
            match literal_json(&f.value) {
                Some(v) => record.insert(f.name.name.clone(), v),
                None => record.remove(&f.name.name),
            };
        }
    }
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
