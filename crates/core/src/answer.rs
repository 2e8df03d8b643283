//! The JSON answer: one shape for `tieuchi eval --format json` and the browser.
//! Field names are a public contract; add fields, never rename them.

use serde::Serialize;

pub use crate::json_writer::Num;
use crate::record_error::RecordError;
use crate::rule_text::{Reason, Text};
use crate::status::{Outcome, Status};

/// The answer for one record. Texts of the rules (title, labels, citations) are borrowed
/// from the [`Program`](crate::Program) and left out of summary answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer<'p> {
    /// Model kind (`unit`...).
    pub model: &'p str,
    /// Version label of the rule file.
    pub version: &'p str,
    /// Vietnamese title of the model (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'p Text>,
    /// The decision, written as its wire word (`recognized`, `not_recognized`, `undetermined`).
    pub status: Status,
    /// Tier label (or level label in a model decided by levels), when decided. A tier marked
    /// `recognized` only for a recognised record: one below a floor or the pass mark gets the
    /// model's tier for records not recognised, or none.
    pub tier: Option<&'p str>,
    /// Level reached (from 1), in a model decided by levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// Points secured.
    pub total: Num,
    /// Model maximum.
    pub max: Num,
    /// Most points still possible, when missing inputs leave the total open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_possible: Option<Num>,
    /// True when not-applicable indicators were excluded and the total rescaled to `max`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub rescaled: bool,
    /// Criteria with their indicators.
    pub criteria: Vec<CriterionAnswer<'p>>,
    /// JSON paths of inputs that would change the answer, most points at stake first.
    pub missing: Vec<String>,
    /// For a record that falls short: what would get it to the next tier or to recognition.
    pub to_reach: Vec<Goal<'p>>,
    /// Problems with the record; the affected inputs were treated as missing.
    pub errors: Vec<RecordError>,
    /// The floors (`floor N`, `floor each indicator N`) the record surely falls below, which
    /// withhold recognition whatever the total; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub floors_failed: Vec<FloorFailed<'p>>,
    /// Documents the rules come from (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<&'p [Text]>,
    /// Answers for records of other models held in lists (each family of a clan), in full answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nested: Vec<NestedAnswer<'p>>,
}

/// The answer for one item of a list scored by another model's rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NestedAnswer<'p> {
    /// JSON path of the item (`/families/2`).
    pub path: String,
    /// Its answer.
    pub answer: Answer<'p>,
}

/// One criterion in an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionAnswer<'p> {
    /// Id such as `U1`.
    pub id: &'p str,
    /// The id as a JSON string, when `id` is its text (the writer copies it).
    /// Vietnamese label (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'p Text>,
    /// Points secured.
    pub points: Num,
    /// Maximum counted.
    pub max: Num,
    /// Aggregate outcome of its indicators, written as its wire word.
    pub status: Outcome,
    /// Citation (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'p Text>,
    /// True when the official text was not available.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// Indicators.
    pub indicators: Vec<IndicatorAnswer<'p>>,
}

/// One indicator in an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorAnswer<'p> {
    /// Id such as `U2.1`.
    pub id: &'p str,
    /// The id as a JSON string, when `id` is its text (the writer copies it).
    /// Vietnamese label (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'p Text>,
    /// Points secured.
    pub points: Num,
    /// Maximum counted (0 when excluded).
    pub max: Num,
    /// Outcome, written as its wire word (`met`, `partial`, `unmet`, `not_applicable`,
    /// `unknown`). For a deduction: `met` when nothing is taken off, `unmet` when all is.
    pub status: Outcome,
    /// For a deduction (`deduct N points`): the most it takes off, `N`; its `points` are then
    /// 0 or negative (what it takes off its criterion, which stays at 0 or above) and its
    /// `max` is 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deduct_max: Option<Num>,
    /// Highest level held (from 1; 0 for none), in a model decided by levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// Why, in Vietnamese (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason<'p>>,
    /// Citation (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'p Text>,
    /// True when the rule is provisional.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// Inputs this indicator still needs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// What a record that falls short needs for a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goal<'p> {
    /// `recognized`, the label of the next tier or level up, or `floor` (indicators below
    /// their minimum, each with the points it lacks).
    pub target: &'p str,
    /// Points still needed on the total.
    pub points_needed: Num,
    /// The fewest indicators to change that reach the target (recognition: with those below
    /// their floor and the criteria's floors), largest first, each with the points it adds to
    /// the total (rescaled and rounded as the total is). For `floor`: each indicator below
    /// its minimum and the points it lacks. For a level: the indicators that do not hold it.
    pub indicators: Vec<Gain<'p>>,
    /// Other sets of as many changes that also reach the target (at most four); left out
    /// when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Vec<Gain<'p>>>,
}

/// Points an indicator could still add.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gain<'p> {
    /// Indicator id.
    pub id: &'p str,
    /// The id as a JSON string, when `id` is its text (the writer copies it).
    /// Vietnamese label (full answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'p Text>,
    /// The most points it could add (its full points), on the total's scale.
    pub points: Num,
    /// In a goal's set: the least change of one input of the record that, with the set's
    /// other changes made, reaches the target, in Vietnamese: «Số thành viên có kế hoạch tự
    /// học được phê duyệt» thêm 12 (từ 88 lên 100). Full answers only, and only when one
    /// change of a yes/no, choice or whole-number input does it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
}

/// A criterion or an indicator below its floor in an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FloorFailed<'p> {
    /// Id of the criterion or indicator (`CS1`).
    pub id: &'p str,
    /// Points secured.
    pub points: Num,
    /// The floor it needs.
    pub floor: Num,
}
