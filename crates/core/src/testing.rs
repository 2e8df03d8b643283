//! Runs the tests written inside a rule file and says, for each, what did not match.

use rust_decimal::Decimal;
use tieuchi_syntax::Span;

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
    pub failures: Vec<(Span, String)>,
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
            failures.push((
                t.span,
                format!("the test record is rejected at `{}`: {}", e.path, e.message),
            ));
        }
    }
    for e in &t.expects {
        if let Some(msg) = check(program, &decoded, &ev, e) {
            failures.push((expect_span(e), msg));
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
fn check(program: &Program, decoded: &Decoded, ev: &Evaluation, e: &TestExpect) -> Option<String> {
    let tier_label = ev.tier.and_then(|t| program.decision.label(t));
    match e {
        TestExpect::Status(want, _) => {
            let got = ev.status.code();
            (got != want).then(|| format!("expected status {want}, got {got}"))
        }
        TestExpect::Tier(want, _) => (tier_label != want.as_deref()).then(|| {
            format!(
                "expected tier {}, got {}",
                quoted(want.as_deref()),
                quoted(tier_label)
            )
        }),
        TestExpect::Total(want, _) => (ev.total.lo != *want).then(|| {
            format!(
                "expected total {}, got {}",
                format_number(*want),
                format_number(ev.total.lo)
            )
        }),
        TestExpect::Points(item, want, _) => {
            let got = item_points(ev, program, *item).map(|p| p.0);
            (got != Some(*want)).then(|| {
                let got = got.map_or("nothing".to_string(), format_number);
                format!(
                    "expected {} to have {} points, got {got}",
                    item_id(program, *item),
                    format_number(*want)
                )
            })
        }
        TestExpect::Outcome(item, want, _) => {
            let got = item_points(ev, program, *item)
                .map(|p| p.1)
                .unwrap_or_default();
            (got != want).then(|| {
                format!(
                    "expected {} to be {want}, got {got}",
                    item_id(program, *item)
                )
            })
        }
        TestExpect::Error(path, _) => {
            (!decoded.errors.iter().any(|x| &x.path == path)).then(|| {
                let got: Vec<&str> = decoded.errors.iter().map(|x| x.path.as_str()).collect();
                // Joined, not `{:?}`: Debug of strings cost the browser module 1 KB.
                let got = match got.as_slice() {
                    [] => "none".to_string(),
                    paths => format!("`{}`", paths.join("`, `")),
                };
                format!("expected the record to be rejected at `{path}`, got errors at: {got}")
            })
        }
    }
}

fn quoted(s: Option<&str>) -> String {
    s.map_or("none".to_string(), |s| format!("\"{s}\""))
}
