//! `tieuchi diff`: every record scored under two sets of rules (OLD and NEW), and what
//! changed: status, tier, the direction of the move and the criteria and indicators whose
//! points changed.
//!
//! [`DiffScorer`] does one record on a pool thread (reading, both evaluations, the
//! comparison); `tally` counts the results in input order and writes the CSV rows.

pub mod tally;

use std::borrow::Cow;

use rust_decimal::Decimal;
use tieuchi_core::{Program, RecordError, Status};

use crate::batch::Raw;
use crate::batch::columns::Columns;
use crate::batch::pipeline::Work;
use crate::batch::score::{Input, Judged, Rules, read};
use crate::error::CliError;

/// Scores each record under OLD and NEW; shared by the scoring threads.
pub struct DiffScorer {
    /// The old rules.
    pub old: Rules,
    /// The new rules.
    pub new: Rules,
    /// How table cells become a record (CSV, XLSX), over the fields of both.
    pub columns: Option<Columns>,
    /// `--id FIELD`.
    pub id: Option<String>,
    /// `--group-by FIELD`.
    pub group: Option<String>,
    /// Tier labels, highest first, over both.
    pub order: Vec<String>,
}

/// The result for one record.
pub struct Pair {
    /// Line or row number.
    pub at: u64,
    /// The record's id, when it could be read.
    pub id: Option<String>,
    /// The value of the `--group-by` field.
    pub group: Option<String>,
    /// Compared, or rejected by one version or both.
    pub result: Result<Compared, Rejection>,
}

/// What one set of rules decided for a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The decision.
    pub status: Status,
    /// Tier or level label, when decided.
    pub tier: Option<String>,
    /// Points secured.
    pub total: Decimal,
}

impl Verdict {
    /// The verdict of an evaluation.
    fn of(j: &Judged<'_>) -> Self {
        Verdict {
            status: j.ev.status,
            tier: j
                .ev
                .tier
                .and_then(|t| j.program.decision.label(t))
                .map(str::to_string),
            total: j.ev.total.lo,
        }
    }
}

/// Which way a record moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// To a higher tier, or to recognised.
    Up,
    /// To a lower tier, or to not recognised.
    Down,
    /// A change with no order (to or from undetermined, or to no tier).
    Other,
}

impl Direction {
    /// The name in the CSV file.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Other => "other",
        }
    }

    /// The Vietnamese name.
    pub fn vi(self) -> &'static str {
        match self {
            Direction::Up => "lên",
            Direction::Down => "xuống",
            Direction::Other => "khác",
        }
    }
}

/// A record scored under both.
pub struct Compared {
    /// Under OLD.
    pub old: Verdict,
    /// Under NEW.
    pub new: Verdict,
    /// `None` when status and tier are the same.
    pub direction: Option<Direction>,
    /// The versions that scored it: their places in OLD's and NEW's programs.
    pub versions: (usize, usize),
    /// Criteria and indicators whose points changed (listed for changed records only).
    pub causes: Vec<Cause>,
}

/// A criterion or an indicator whose points changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cause {
    /// Its id (`U2`, `U2.4`).
    pub id: String,
    /// Points under OLD (`None`: OLD does not have it).
    pub old: Option<Decimal>,
    /// Points under NEW.
    pub new: Option<Decimal>,
}

/// Which rules rejected a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// OLD only.
    Old,
    /// NEW only.
    New,
    /// Both.
    Both,
}

impl Side {
    /// The Vietnamese name.
    pub fn vi(self) -> &'static str {
        match self {
            Side::Old => "bộ cũ",
            Side::New => "bộ mới",
            Side::Both => "cả hai bộ",
        }
    }
}

/// A record rejected by one version or both, with every problem found.
pub struct Rejection {
    /// Which rules rejected it.
    pub side: Side,
    /// The problems (OLD's first).
    pub errors: Vec<RecordError>,
}

/// The direction of a move from `old` to `new`, `None` when status and tier are the same.
/// Tiers both in `order` (highest first) compare by rank; otherwise recognised is above not
/// recognised, and any other change has no direction.
pub fn direction(order: &[String], old: &Verdict, new: &Verdict) -> Option<Direction> {
    if old.status == new.status && old.tier == new.tier {
        return None;
    }
    let rank = |t: &Option<String>| t.as_deref().and_then(|t| order.iter().position(|o| o == t));
    if let (Some(o), Some(n)) = (rank(&old.tier), rank(&new.tier))
        && o != n
    {
        return Some(if n < o {
            Direction::Up
        } else {
            Direction::Down
        });
    }
    match (old.status, new.status) {
        (Status::NotRecognized, Status::Recognized) => Some(Direction::Up),
        (Status::Recognized, Status::NotRecognized) => Some(Direction::Down),
        _ => Some(Direction::Other),
    }
}

/// Points of each criterion and indicator by id, in program order (criterion first).
fn points<'a>(j: &'a Judged<'a>) -> Vec<(&'a str, Decimal)> {
    let mut out = Vec::with_capacity(j.ev.indicators.len() + j.ev.criteria.len());
    let mut results = j.ev.indicators.iter();
    for (c, crit) in j.program.criteria.iter().enumerate() {
        let sub = j.ev.criteria.get(c).map_or(Decimal::ZERO, |p| p.lo);
        out.push((crit.id.as_str(), sub));
        for (ind, r) in crit.indicators.iter().zip(results.by_ref()) {
            out.push((ind.id.as_str(), r.points.lo));
        }
    }
    out
}

/// The criteria and indicators whose points differ, NEW's order first, then OLD's own.
pub fn causes(old: &Judged<'_>, new: &Judged<'_>) -> Vec<Cause> {
    let (before, after) = (points(old), points(new));
    let find =
        |list: &[(&str, Decimal)], id: &str| list.iter().find(|(i, _)| *i == id).map(|(_, p)| *p);
    let mut out: Vec<Cause> = after
        .iter()
        .filter_map(|(id, p)| {
            let was = find(&before, id);
            (was != Some(*p)).then(|| Cause {
                id: (*id).to_string(),
                old: was,
                new: Some(*p),
            })
        })
        .collect();
    out.extend(
        before
            .iter()
            .filter(|(id, _)| find(&after, id).is_none())
            .map(|(id, p)| Cause {
                id: (*id).to_string(),
                old: Some(*p),
                new: None,
            }),
    );
    out
}

impl DiffScorer {
    /// Both evaluations of one record, compared.
    pub fn compare(&self, raw: Raw) -> Pair {
        match read(self.columns.as_ref(), raw.body) {
            Ok((mut input, errors, _)) => self.compare_input(raw.at, &mut input, errors),
            Err(e) => rejected(raw.at, Side::Both, vec![e], None),
        }
    }

    /// Both evaluations of a record read from a table or a line.
    fn compare_input(&self, at: u64, input: &mut Input<'_>, errors: Vec<RecordError>) -> Pair {
        let rejected = |side, errors, id| rejected(at, side, errors, id);
        let id = self.id.as_deref();
        let old = self.old.judge(input, errors.clone(), id, None);
        let new = self.new.judge(input, errors, id, None);
        let (old, new) = match (old, new) {
            (Ok(o), Ok(n)) => (o, n),
            (Err((e, i)), Ok(n)) => return rejected(Side::Old, e, i.or_else(|| owned(n.id()))),
            (Ok(o), Err((e, i))) => return rejected(Side::New, e, i.or_else(|| owned(o.id()))),
            (Err((mut e, i)), Err((e2, i2))) => {
                for x in e2 {
                    if !e.contains(&x) {
                        e.push(x);
                    }
                }
                return rejected(Side::Both, e, i.or(i2));
            }
        };
        let group = self
            .group
            .as_deref()
            .and_then(|g| new.field_text(g).or_else(|| old.field_text(g)));
        let (o, n) = (Verdict::of(&old), Verdict::of(&new));
        let direction = direction(&self.order, &o, &n);
        let causes = if direction.is_some() {
            causes(&old, &new)
        } else {
            Vec::new()
        };
        Pair {
            at,
            id: owned(new.id().or_else(|| old.id())),
            group,
            result: Ok(Compared {
                old: o,
                new: n,
                direction,
                versions: (
                    self.old.position(old.program),
                    self.new.position(new.program),
                ),
                causes,
            }),
        }
    }
}

/// A record rejected by one side or both.
fn rejected(at: u64, side: Side, errors: Vec<RecordError>, id: Option<String>) -> Pair {
    Pair {
        at,
        id,
        group: None,
        result: Err(Rejection { side, errors }),
    }
}

/// An id borrowed from a record, owned.
fn owned(id: Option<Cow<'_, str>>) -> Option<String> {
    id.map(Cow::into_owned)
}

impl Work for DiffScorer {
    type Done = Pair;
    fn run(&self, raw: Raw, _: &mut String) -> Pair {
        self.compare(raw)
    }
    fn line(&self, at: u64, text: &str, _: &mut String) -> Pair {
        self.compare_input(at, &mut Input::Text(text), Vec::new())
    }
}

/// `--group-by` or `--id` (`option`) must name a field of OLD or NEW.
pub fn check_field(old: &Rules, new: &Rules, option: &str, field: &str) -> Result<(), CliError> {
    match (
        old.check_field(option, field),
        new.check_field(option, field),
    ) {
        (Err(_), Err(e)) => Err(e),
        _ => Ok(()),
    }
}

/// The programs of both, OLD's first.
pub fn programs<'a>(old: &'a Rules, new: &'a Rules) -> Vec<&'a Program> {
    let mut all = old.programs();
    all.extend(new.programs());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(status: Status, tier: Option<&str>) -> Verdict {
        Verdict {
            status,
            tier: tier.map(str::to_string),
            total: Decimal::ZERO,
        }
    }

    #[test]
    fn moves_follow_the_tier_order_then_recognition() {
        let order: Vec<String> = ["Tốt", "Khá", "Trung bình", "Chưa đạt"]
            .map(str::to_string)
            .to_vec();
        let (r, n, u) = (
            Status::Recognized,
            Status::NotRecognized,
            Status::Undetermined,
        );
        let cases = [
            (v(r, Some("Khá")), v(r, Some("Tốt")), Some(Direction::Up)),
            (v(r, Some("Tốt")), v(r, Some("Khá")), Some(Direction::Down)),
            (
                v(n, Some("Chưa đạt")),
                v(r, Some("Trung bình")),
                Some(Direction::Up),
            ),
            (v(r, Some("Khá")), v(r, Some("Khá")), None),
            (v(n, None), v(r, None), Some(Direction::Up)),
            (v(r, None), v(n, None), Some(Direction::Down)),
            (v(r, Some("Khá")), v(u, None), Some(Direction::Other)),
            (v(u, None), v(n, None), Some(Direction::Other)),
            (v(n, None), v(n, None), None),
            // Labels of only one side (TT 22 tiers, TT 24 levels) have no common order.
            (
                v(r, Some("Tốt")),
                v(r, Some("Mức độ 1")),
                Some(Direction::Other),
            ),
            (
                v(n, Some("Chưa đạt")),
                v(r, Some("Mức độ 1")),
                Some(Direction::Up),
            ),
            (v(r, Some("Khá")), v(n, None), Some(Direction::Down)),
        ];
        for (old, new, expected) in cases {
            assert_eq!(direction(&order, &old, &new), expected, "{old:?} → {new:?}");
        }
    }
}
