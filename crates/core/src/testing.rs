//! Runs the tests written inside a rule file and says, for each, what did not match.

use rust_decimal::Decimal;
use tieuchi_syntax::{Message, Span};

use crate::check::TestFailure;
use crate::eval::{Evaluation, evaluate};
use crate::program::{ItemRef, Program, TestDef, TestExpect};
use crate::record::{Decoded, decode_str};
use crate::wording::format_number;

/// The result of one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    /// Test name.
    pub name: String,
    /// Where the test is written.
    pub span: Span,
    /// Each expectation that did not hold, with where it is written.
    pub failures: Vec<(Span, Message)>,
}

impl TestResult {
    /// True when every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every test of a program.
pub fn run_tests(program: &Program) -> Vec<TestResult> {
    program.tests.iter().map(|t| run_test(program, t)).collect()
}

fn run_test(program: &Program, t: &TestDef) -> TestResult {
    // Read from its JSON text, as records are: one decoder for both (decoding a
    // `serde_json::Value` too would put a second copy of it in the browser module).
    let text = serde_json::to_string(&t.record).unwrap_or_default();
    let mut decoded = decode_str(program, &text);
    let ev = evaluate(program, &decoded.values);
    // A divisor of 0 met while scoring is a problem of the record too.
    decoded.errors.extend(ev.errors.iter().cloned());
    let mut failures = Vec::new();
    let expects_errors = t.expects.iter().any(|e| matches!(e, TestExpect::Error(..)));
    if !expects_errors {
        for e in &decoded.errors {
            let failure = TestFailure::Rejected {
                path: e.path.clone(),
                message: e.message.clone(),
            };
            failures.push((t.span, failure.message()));
        }
    }
    for e in &t.expects {
        if let Some(failure) = check(program, &decoded, &ev, e) {
            failures.push((expect_span(e), failure.message()));
        }
    }
    TestResult {
        name: t.name.clone(),
        span: t.span,
        failures,
    }
}

fn expect_span(e: &TestExpect) -> Span {
    match e {
        TestExpect::Status(_, s)
        | TestExpect::Tier(_, s)
        | TestExpect::Total(_, s)
        | TestExpect::Points(_, _, s)
        | TestExpect::Outcome(_, _, s)
        | TestExpect::Error(_, s) => *s,
    }
}

fn item_points(
    ev: &Evaluation,
    program: &Program,
    item: ItemRef,
) -> Option<(Decimal, &'static str)> {
    match item.indicator {
        None => ev
            .criteria
            .get(item.criterion)
            .zip(ev.criteria_outcomes.get(item.criterion))
            .map(|(p, o)| (p.lo, o.code())),
        Some(i) => {
            let flat = program
                .criteria
                .iter()
                .take(item.criterion)
                .map(|c| c.indicators.len())
                .sum::<usize>()
                + i;
            ev.indicators
                .get(flat)
                .map(|r| (r.points.lo, r.outcome.code()))
        }
    }
}

fn item_id(program: &Program, item: ItemRef) -> String {
    let c = program.criteria.get(item.criterion);
    match item.indicator {
        None => c.map(|c| c.id.clone()),
        Some(i) => c.and_then(|c| c.indicators.get(i)).map(|i| i.id.clone()),
    }
    .unwrap_or_default()
}

/// `None` when the expectation holds, else what was found instead.
fn check(
    program: &Program,
    decoded: &Decoded,
    ev: &Evaluation,
    e: &TestExpect,
) -> Option<TestFailure> {
    let tier_label = ev.tier.and_then(|t| program.decision.label(t));
    match e {
        TestExpect::Status(want, _) => {
            let got = ev.status.code();
            (got != want).then(|| TestFailure::Status {
                want: want.clone(),
                got: got.to_string(),
            })
        }
        TestExpect::Tier(want, _) => (tier_label != want.as_deref()).then(|| TestFailure::Tier {
            want: want.clone(),
            got: tier_label.map(str::to_string),
        }),
        TestExpect::Total(want, _) => (ev.total.lo != *want).then(|| TestFailure::Total {
            want: format_number(*want),
            got: format_number(ev.total.lo),
        }),
        TestExpect::Points(item, want, _) => {
            let got = item_points(ev, program, *item).map(|p| p.0);
            (got != Some(*want)).then(|| TestFailure::Points {
                id: item_id(program, *item),
                want: format_number(*want),
                got: got.map(format_number),
            })
        }
        TestExpect::Outcome(item, want, _) => {
            let got = item_points(ev, program, *item)
                .map(|p| p.1)
                .unwrap_or_default();
            (got != want).then(|| TestFailure::Outcome {
                id: item_id(program, *item),
                want: want.clone(),
                got: got.to_string(),
            })
        }
        TestExpect::Error(path, _) => {
            (!decoded.errors.iter().any(|x| &x.path == path)).then(|| TestFailure::NotRejected {
                path: path.clone(),
                got: decoded.errors.iter().map(|x| x.path.clone()).collect(),
            })
        }
    }
}
