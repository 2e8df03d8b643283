//! How well the tests inside a rule file cover its rules (`tieuchi test --coverage`): which
//! outcomes of each indicator the tests reach; for each threshold, whether a test sits exactly
//! on it and on its nearest value across (`total >= 85`: a total of 85 and one of 84,99);
//! which tiers, levels and statuses a test reaches; and, for what no test reaches, a test
//! block ready to paste, found by changing one field of an existing test.
//!
//! "Nearest value across" a threshold: 1 away for whole numbers; for decimal numbers, within
//! one unit of the threshold's last decimal place or of the model's rounding, whichever is
//! finer (0,01 by default), so 84,99 is just below 85 and 69,9% just below 70%; the adjacent
//! value for enumerations (in declared order) and dates (a day).
//!
//! Tests that expect a rejection (`expect error`) or whose record is rejected are not scored,
//! so they cover nothing here.

mod block;
mod search;
mod sites;

use std::cell::RefCell;
use std::collections::HashMap;

use crate::eval::{Evaluation, evaluate_in};
use crate::expression::{Seen, Watch};
use crate::program::{AwardDef, CExpr, IndicatorDef, ItemDef, Program, TestExpect};
use crate::prose::Prose;
use crate::record::decode_str;
use crate::status::{Outcome, Status};
use crate::value::Value;
use crate::wording::format_number;

pub use block::{DRAFT_NOTE, Suggestion};
pub use sites::{EdgeKind, Place};
use sites::{Site, Subject};

/// What the tests of a rule file reach.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// Tests whose record was scored.
    pub scored: usize,
    /// Tests not counted: they expect a rejection, or their record is rejected.
    pub unscored: usize,
    /// Each indicator's possible outcomes, and which a test reaches.
    pub indicators: Vec<IndicatorCoverage>,
    /// Each threshold's edges, and which a test reaches.
    pub thresholds: Vec<ThresholdCoverage>,
    /// Each tier or level, and each status, and whether a test reaches it.
    pub decisions: Vec<DecisionCoverage>,
    /// Test blocks that reach what no test reaches (not all can be found).
    pub suggestions: Vec<Suggestion>,
}

impl Coverage {
    /// How many of the things counted (outcomes, edges, tiers or levels, statuses) a test
    /// reaches, and how many there are.
    pub fn counts(&self) -> (usize, usize) {
        let outcomes = self
            .indicators
            .iter()
            .flat_map(|i| &i.outcomes)
            .map(|o| o.1);
        let edges = self
            .thresholds
            .iter()
            .flat_map(|t| &t.edges)
            .map(|e| e.reached);
        let decisions = self.decisions.iter().map(|d| d.reached);
        let all: Vec<bool> = outcomes.chain(edges).chain(decisions).collect();
        (all.iter().filter(|r| **r).count(), all.len())
    }
}

/// The outcomes of one indicator.
#[derive(Debug, Clone)]
pub struct IndicatorCoverage {
    /// Its id.
    pub id: String,
    /// Each outcome it can have, in [`Outcome::ALL`] order, and whether a test reaches it.
    pub outcomes: Vec<(Outcome, bool)>,
}

/// One threshold.
#[derive(Debug, Clone)]
pub struct ThresholdCoverage {
    /// Where it is written.
    pub place: Place,
    /// The condition in Vietnamese ("tổng điểm từ 85 trở lên").
    pub condition: String,
    /// The values on either side that a test should reach.
    pub edges: Vec<EdgeCoverage>,
}

/// One value next to a threshold.
#[derive(Debug, Clone)]
pub struct EdgeCoverage {
    /// Which one.
    pub kind: EdgeKind,
    /// The value, as shown to a person ("84,99"); `None` for "any other value".
    pub value: Option<String>,
    /// True when a test reaches it.
    pub reached: bool,
}

/// What a decision can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    /// A tier of a points model.
    Tier,
    /// A level of a model decided by levels.
    Level,
    /// A status (`recognized`, `not_recognized`).
    Status,
}

/// One tier, level or status.
#[derive(Debug, Clone)]
pub struct DecisionCoverage {
    /// Which kind.
    pub kind: DecisionKind,
    /// The tier's or level's label, or the status's wire word.
    pub label: String,
    /// True when a test reaches it.
    pub reached: bool,
}

/// One scored record: its values, its evaluation and the values its comparisons met.
pub(crate) struct Observed {
    pub values: Vec<Value>,
    pub ev: Evaluation,
    pub seen: HashMap<*const CExpr, Vec<Value>>,
}

impl Observed {
    /// Scores `values`, watching the comparisons.
    pub fn new(program: &Program, values: Vec<Value>) -> Observed {
        let watch = Watch::Comparisons(RefCell::new(Vec::new()));
        let ev = evaluate_in(program, &values, Some(&watch));
        let mut seen: HashMap<*const CExpr, Vec<Value>> = HashMap::new();
        if let Watch::Comparisons(all) = watch {
            for Seen { side, value } in all.into_inner() {
                let values = seen.entry(side).or_default();
                if !values.contains(&value) {
                    values.push(value);
                }
            }
        }
        Observed { values, ev, seen }
    }

    /// The known values the subject of a threshold has for this record.
    fn values_of(&self, s: Subject) -> Vec<Value> {
        let known = |lo, hi| {
            if lo == hi {
                vec![Value::Num(lo)]
            } else {
                vec![]
            }
        };
        match s {
            Subject::Expr(at) => self.seen.get(&at).cloned().unwrap_or_default(),
            Subject::Total => known(self.ev.total.lo, self.ev.total.hi),
            Subject::Criterion(c) => self
                .ev
                .criteria
                .get(c)
                .map_or(vec![], |p| known(p.lo, p.hi)),
            Subject::Indicator(i) => self
                .ev
                .indicators
                .get(i)
                .filter(|r| r.outcome != Outcome::Unknown)
                .map_or(vec![], |r| known(r.points.lo, r.points.hi)),
        }
    }

    /// True when this record reaches `edge` of `site`.
    fn reaches(&self, site: &Site<'_>, edge: EdgeKind) -> bool {
        self.values_of(site.subject)
            .iter()
            .any(|v| site.on(edge, v))
    }
}

/// What the tests of `program` reach, with test blocks for what they miss.
pub fn coverage(program: &Program) -> Coverage {
    let mut runs: Vec<(usize, Observed)> = Vec::new();
    let mut unscored = 0usize;
    for (at, t) in program.tests.iter().enumerate() {
        if t.expects.iter().any(|e| matches!(e, TestExpect::Error(..))) {
            unscored += 1;
            continue;
        }
        let text = serde_json::to_string(&t.record).unwrap_or_default();
        let decoded = decode_str(program, &text);
        let observed = Observed::new(program, decoded.values);
        if !decoded.errors.is_empty() || !observed.ev.errors.is_empty() {
            unscored += 1;
            continue;
        }
        runs.push((at, observed));
    }
    let sites = sites::sites(program);
    let mut prose = Prose::new(program);
    let indicators = program
        .indicators()
        .enumerate()
        .map(|(flat, (_, ind))| IndicatorCoverage {
            id: ind.id.clone(),
            outcomes: possible(program, ind)
                .into_iter()
                .map(|o| {
                    let reached = runs.iter().any(|(_, r)| outcome(r, flat) == Some(o));
                    (o, reached)
                })
                .collect(),
        })
        .collect();
    let thresholds = sites
        .iter()
        .map(|s| ThresholdCoverage {
            place: s.place.clone(),
            condition: match s.node {
                Some(node) => prose.expr(node),
                None => decision_condition(program, s),
            },
            edges: s
                .edges
                .iter()
                .map(|e| EdgeCoverage {
                    kind: *e,
                    value: s.value_on(*e).map(|v| shown(program, s, &v)),
                    reached: runs.iter().any(|(_, r)| r.reaches(s, *e)),
                })
                .collect(),
        })
        .collect();
    let decisions = decisions(program, &runs);
    let suggestions = search::suggest(program, &sites, &runs);
    Coverage {
        scored: program.tests.len() - unscored,
        unscored,
        indicators,
        thresholds,
        decisions,
        suggestions,
    }
}

/// The outcome of the indicator at `flat` for a record.
fn outcome(r: &Observed, flat: usize) -> Option<Outcome> {
    r.ev.indicators.get(flat).map(|i| i.outcome)
}

/// The outcomes an indicator can have: met and unmet; partial when its points can fall
/// between 0 and its maximum; not applicable when it has a scope; unknown when it reads an
/// optional input, or a list whose items have one (a required input left out rejects the
/// record).
fn possible(program: &Program, ind: &IndicatorDef) -> Vec<Outcome> {
    let partial = match &ind.award {
        AwardDef::Whole(_) | AwardDef::Pass(_) => false,
        AwardDef::Proportional(_) | AwardDef::Value(_) => true,
        AwardDef::Deduct(per, _) => *per < ind.max,
        AwardDef::Bands(bands, otherwise) => bands
            .iter()
            .map(|b| b.0)
            .chain([*otherwise])
            .any(|p| p > rust_decimal::Decimal::ZERO && p < ind.max),
    };
    Outcome::ALL
        .into_iter()
        .filter(|o| match o {
            Outcome::Met | Outcome::Unmet => true,
            Outcome::Partial => partial,
            Outcome::NotApplicable => ind.not_applicable.is_some(),
            Outcome::Unknown => ind.inputs.iter().any(|slot| may_be_missing(program, *slot)),
        })
        .collect()
}

/// True when the input at `slot` may be left out, or holds items with a field that may be.
pub(crate) fn may_be_missing(program: &Program, slot: usize) -> bool {
    let Some(f) = program.fields.get(slot) else {
        return false;
    };
    let items = block::item_of(program, &f.ty).map_or(&[][..], ItemDef::fields);
    f.optional || items.iter().any(|i| i.optional)
}

/// Each tier or level, then each status, and whether a scored test reaches it.
fn decisions(program: &Program, runs: &[(usize, Observed)]) -> Vec<DecisionCoverage> {
    let d = &program.decision;
    let kind = if d.levels.is_empty() {
        DecisionKind::Tier
    } else {
        DecisionKind::Level
    };
    let mut out: Vec<DecisionCoverage> = d
        .labels()
        .enumerate()
        .map(|(i, label)| DecisionCoverage {
            kind,
            label: label.to_string(),
            reached: runs.iter().any(|(_, r)| r.ev.tier == Some(i)),
        })
        .collect();
    for status in [Status::Recognized, Status::NotRecognized] {
        out.push(DecisionCoverage {
            kind: DecisionKind::Status,
            label: status.code().to_string(),
            reached: runs.iter().any(|(_, r)| r.ev.status == status),
        });
    }
    out
}

/// A bound of the decision in Vietnamese ("tổng điểm từ 85 trở lên").
fn decision_condition(program: &Program, s: &Site<'_>) -> String {
    let what = match s.subject {
        Subject::Criterion(c) => program
            .criteria
            .get(c)
            .map_or_else(String::new, |c| format!("điểm tiêu chí {}", c.id)),
        Subject::Indicator(i) => program
            .indicators()
            .nth(i)
            .map_or_else(String::new, |(_, ind)| format!("điểm chỉ tiêu {}", ind.id)),
        _ => "tổng điểm".to_string(),
    };
    let t = shown(program, s, &s.threshold);
    match s.cmp {
        sites::Cmp::Ge => format!("{what} từ {t} trở lên"),
        sites::Cmp::Gt => format!("{what} trên {t}"),
        sites::Cmp::Le => format!("{what} không quá {t}"),
        sites::Cmp::Lt => format!("{what} dưới {t}"),
        sites::Cmp::Eq => format!("{what} bằng {t}"),
        sites::Cmp::Ne => format!("{what} khác {t}"),
    }
}

/// A value next to a threshold as shown to a person: numbers with a decimal comma, an
/// enumeration value by its label, a date as day/month/year.
fn shown(program: &Program, s: &Site<'_>, v: &Value) -> String {
    match v {
        Value::Num(n) => format_number(*n),
        Value::Enum(i) => block::variant(program, s, *i)
            .map(|v| v.label.clone().unwrap_or_else(|| v.name.clone()))
            .unwrap_or_else(|| i.to_string()),
        Value::Date(d) => format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()),
        Value::Bool(b) => b.to_string(),
        Value::Text(t) => t.clone(),
        Value::Unknown | Value::List(_) | Value::Picked(..) => String::new(),
    }
}
