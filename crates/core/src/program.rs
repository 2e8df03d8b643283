//! The checked program: names resolved to slots, types known, points validated. Immutable.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{BinOp, NaEffect};
use time::Date;

use crate::rule_text::Text;
use crate::value::{Value, cmp_num};

/// A checked rule file, ready to score records.
#[derive(Debug, Clone)]
pub struct Program {
    /// Header facts: id, title, documents, validity.
    pub model: ModelInfo,
    /// Input fields; a field's position is its slot in a record.
    pub fields: Vec<FieldDef>,
    /// Cross-field constraints checked when a record is decoded.
    pub constraints: Vec<ConstraintDef>,
    /// Named derived values, in dependency order.
    pub lets: Vec<LetDef>,
    /// Criteria with their indicators.
    pub criteria: Vec<CriterionDef>,
    /// How points become a status and a tier.
    pub decision: DecisionDef,
    /// Tests written in the file.
    pub tests: Vec<TestDef>,
    /// Enumerations, referred to by position from [`FieldType::Enum`] and [`Ty::Enum`].
    pub enums: Vec<EnumDef>,
    /// List types, referred to by position from [`FieldType::List`] and [`Ty::List`].
    pub lists: Vec<ListDef>,
    /// Models whose records this one holds (`uses`), referred to from [`ItemDef::Model`].
    pub models: Vec<Arc<Program>>,
    pub(crate) field_index: HashMap<String, usize>,
    /// [`CriterionDef::indicators_max`] of each criterion, computed once.
    pub(crate) criterion_max: Vec<Option<Decimal>>,
}

/// An enumeration: its values, ordered as declared.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// The field that declares it (for messages).
    pub field: String,
    /// Values in order.
    pub variants: Vec<VariantDef>,
}

/// A list type: how many items, and what each item is.
#[derive(Debug, Clone, PartialEq)]
pub struct ListDef {
    /// Allowed number of items.
    pub size: Bounds,
    /// What each item is.
    pub item: ItemDef,
}

/// What a list holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemDef {
    /// Nested records; a field's position is its slot in an item.
    Record(Vec<FieldDef>),
    /// Plain values of one type (an item has a single slot).
    Scalar(FieldType),
    /// Records of another model, scored by its rules: the first [`OUTCOME_FIELDS`] slots hold
    /// the outcome (`recognized`, `total`, `tier`), the rest the model's own input fields.
    Model {
        /// Position in [`Program::models`].
        model: usize,
        /// The outcome fields, then the model's input fields.
        fields: Vec<FieldDef>,
    },
}

/// Input fields the engine reads itself to choose the version of a model in force for a
/// record (the assessment date or year, the province, the scope), whether or not a rule uses
/// them.
pub const VERSION_FIELDS: [&str; 4] = [
    "assessment_date",
    "assessment_year",
    "province_code",
    "scope",
];

/// Number of outcome slots at the start of an item of another model.
pub const OUTCOME_FIELDS: usize = 3;

impl ItemDef {
    /// Fields of a record item (none for plain values).
    pub fn fields(&self) -> &[FieldDef] {
        match self {
            ItemDef::Record(f) | ItemDef::Model { fields: f, .. } => f,
            ItemDef::Scalar(_) => &[],
        }
    }
}

impl Program {
    /// The texts an answer shows (title, sources, labels and citations of criteria and
    /// indicators, the words of the reasons' templates), in the order
    /// the program numbers them when complete.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        let model = std::iter::once(&self.model.title).chain(&self.model.sources);
        let criteria = self.criteria.iter().flat_map(|c| {
            let indicators = c.indicators.iter().flat_map(|i| {
                let words = i.reasons.templates().flat_map(|t| {
                    t.parts.iter().filter_map(|p| match p {
                        CPart::Text(t) => Some(t),
                        CPart::Hole(..) => None,
                    })
                });
                std::iter::once(&i.label).chain(&i.source).chain(words)
            });
            std::iter::once(&c.label).chain(&c.source).chain(indicators)
        });
        model.chain(criteria)
    }

    /// Numbers the texts of [`Program::texts`] 0, 1, 2… in that order, once the program is
    /// complete (after `extends`).
    pub(crate) fn number_texts(&mut self) {
        let mut n = 0u32;
        let mut next = |t: &mut Text| {
            t.set_number(n);
            n = n.saturating_add(1);
        };
        next(&mut self.model.title);
        self.model.sources.iter_mut().for_each(&mut next);
        for c in &mut self.criteria {
            next(&mut c.label);
            c.source.iter_mut().for_each(&mut next);
            for i in &mut c.indicators {
                next(&mut i.label);
                i.source.iter_mut().for_each(&mut next);
                for t in i.reasons.templates_mut() {
                    for p in &mut t.parts {
                        if let CPart::Text(t) = p {
                            next(t);
                        }
                    }
                }
            }
        }
    }

    /// The slot of a field by name.
    pub fn field_slot(&self, name: &str) -> Option<usize> {
        self.field_index.get(name).copied()
    }

    /// All indicators in order, with the index of their criterion.
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &IndicatorDef)> {
        self.criteria
            .iter()
            .enumerate()
            .flat_map(|(c, crit)| crit.indicators.iter().map(move |i| (c, i)))
    }

    /// Number of indicators in the whole model.
    pub fn indicator_count(&self) -> usize {
        self.criteria.iter().map(|c| c.indicators.len()).sum()
    }
}

/// Header facts of a model.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    /// Model kind: `unit`, `family`...
    pub id: String,
    /// Vietnamese title.
    pub title: Text,
    /// English title.
    pub english: Option<String>,
    /// Version label (`version "..."`), or the model id when absent.
    pub version: String,
    /// Issuing documents.
    pub sources: Vec<Text>,
    /// First day in force.
    pub valid_from: Option<Date>,
    /// Last day in force.
    pub valid_to: Option<Date>,
    /// `national` or a province code.
    pub jurisdiction: String,
    /// Which units the rules apply to (`commune`...), when versions of a model differ by it.
    pub scope: Option<String>,
    /// Why the whole model is provisional, when it is.
    pub provisional: Option<String>,
    /// Declared maximum total.
    pub max: Decimal,
    /// How points are rounded (`rounding N [mode]`; default 2 places, half away from zero).
    pub rounding: Rounding,
}

/// How points are rounded: decimal places kept and the rule for the digits dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rounding {
    /// Decimal places kept (0 to 6).
    pub places: u32,
    /// The rule for the digits dropped.
    pub mode: RoundingMode,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            places: 2,
            mode: RoundingMode::HalfUp,
        }
    }
}

/// The rule for the digits dropped. Points are never negative, so "down" is toward zero and
/// "up" away from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingMode {
    /// `half_up` (the default): to the nearest, a half up (2.345 → 2.35).
    HalfUp,
    /// `down`: the digits dropped are cut off (2.349 → 2.34).
    Down,
    /// `up`: any digit dropped raises the last kept one (2.341 → 2.35).
    Up,
    /// `half_even`: to the nearest, a half to the even digit (2.345 → 2.34, 2.355 → 2.36).
    HalfEven,
}

impl RoundingMode {
    /// The mode named in a rule file (`half_up`, `down`, `up`, `half_even`).
    pub fn from_name(name: &str) -> Option<RoundingMode> {
        match name {
            "half_up" => Some(RoundingMode::HalfUp),
            "down" => Some(RoundingMode::Down),
            "up" => Some(RoundingMode::Up),
            "half_even" => Some(RoundingMode::HalfEven),
            _ => None,
        }
    }
}

/// A declared input field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// Name in records.
    pub name: String,
    /// Vietnamese label.
    pub label: Option<String>,
    /// English label.
    pub english: Option<String>,
    /// May be left out.
    pub optional: bool,
    /// Declared type.
    pub ty: FieldType,
    /// Where it is declared.
    pub span: Span,
}

impl FieldDef {
    /// The label to show a person: the Vietnamese label, or the name.
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }
}

/// A field's type with its declared bounds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// Yes/no.
    Bool,
    /// Whole number within bounds.
    Int(Bounds),
    /// Decimal number within bounds.
    Decimal(Bounds),
    /// Free text.
    Text,
    /// Calendar date `YYYY-MM-DD`.
    Date,
    /// One of the values of [`Program::enums`] at this position.
    Enum(usize),
    /// A list of the type [`Program::lists`] at this position.
    List(usize),
}

/// Inclusive lower bound and an upper bound that may be exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bounds {
    /// Smallest allowed value.
    pub min: Option<Decimal>,
    /// Largest allowed value (or first disallowed when `max_exclusive`).
    pub max: Option<Decimal>,
    /// The upper bound itself is not allowed.
    pub max_exclusive: bool,
}

impl Bounds {
    /// True when `v` is within the bounds.
    #[inline]
    pub fn contains(&self, v: Decimal) -> bool {
        self.min.is_none_or(|m| cmp_num(v, m).is_ge())
            && self.max.is_none_or(|m| {
                let o = cmp_num(v, m);
                if self.max_exclusive {
                    o.is_lt()
                } else {
                    o.is_le()
                }
            })
    }
}

/// An enumeration value.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantDef {
    /// Value as written in records.
    pub name: String,
    /// Vietnamese label.
    pub label: Option<String>,
}

/// A static type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Yes/no.
    Bool,
    /// Whole number.
    Int,
    /// Decimal number.
    Decimal,
    /// Text.
    Text,
    /// Date.
    Date,
    /// Values of the enumeration at this position of [`Program::enums`].
    Enum(usize),
    /// A list of the type at this position of [`Program::lists`].
    List(usize),
}

impl Ty {
    /// True for numbers.
    pub fn is_number(self) -> bool {
        matches!(self, Ty::Int | Ty::Decimal)
    }
}

/// A checked expression: names are slots, constants are values.
#[derive(Debug, Clone, PartialEq)]
pub enum CExpr {
    /// A constant.
    Const(Value),
    /// An input field by slot.
    Field(usize),
    /// A `let` by position.
    Let(usize),
    /// `not e`.
    Not(Box<CExpr>),
    /// `-e`.
    Neg(Box<CExpr>),
    /// `a op b`.
    Binary(BinOp, Box<CExpr>, Box<CExpr>),
    /// `e in [..]`.
    InList(Box<CExpr>, Vec<CExpr>),
    /// `e in lo..hi`.
    InRange(Box<CExpr>, Bounds),
    /// A built-in function call.
    Call(Builtin, Vec<CExpr>),
    /// A slot of an enclosing list item: `depth` 0 is the innermost item.
    Item {
        /// How many items out.
        depth: usize,
        /// Slot in that item.
        slot: usize,
    },
    /// `list where condition`.
    Where(Box<CExpr>, Box<CExpr>),
    /// `list[n]`, counting from 1.
    Index(Box<CExpr>, Box<CExpr>),
    /// An aggregate over a list: the list, then the per-item expression (if any), then the
    /// value for an empty list (for `share`).
    Agg(Agg, Box<CExpr>, Option<Box<CExpr>>, Option<Box<CExpr>>),
    /// `if c1 then v1 else if … else v`: the (condition, value) branches, then the `else` value.
    If(Vec<(CExpr, CExpr)>, Box<CExpr>),
    /// `a / b`, with the names of the input fields the divisor reads (directly or through
    /// `let`s): a divisor of 0 at run time is a record error (R012) naming them.
    Div(Box<CExpr>, Box<CExpr>, Box<[String]>),
}

/// Aggregates over lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agg {
    /// Number of items.
    Count,
    /// The condition holds for every item (true for an empty list).
    All,
    /// The condition holds for some item (false for an empty list).
    Any,
    /// Sum of a number over the items (0 for an empty list).
    Sum,
    /// Smallest value (unknown for an empty list).
    Min,
    /// Largest value (unknown for an empty list).
    Max,
    /// Share of items for which the condition holds (the stated value, by default 1, for an
    /// empty list).
    Share,
}

/// Built-in functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// Smallest argument.
    Min,
    /// Largest argument.
    Max,
    /// Absolute value.
    Abs,
    /// `age(birth_date, on_date)`: whole years.
    Age,
    /// `date(year, month, day)`.
    Date,
    /// `year(date)`.
    Year,
}

/// A checked message template.
#[derive(Debug, Clone, PartialEq)]
pub struct CTemplate {
    /// Literal text and values, in order.
    pub parts: Vec<CPart>,
}

/// A piece of a [`CTemplate`].
#[derive(Debug, Clone, PartialEq)]
pub enum CPart {
    /// Literal text.
    Text(Text),
    /// A value to format (the type picks the format).
    Hole(CExpr, Ty),
}

/// `require` constraint.
#[derive(Debug, Clone)]
pub struct ConstraintDef {
    /// Must hold.
    pub condition: CExpr,
    /// Vietnamese message.
    pub message: CTemplate,
    /// The field blamed (the first one the condition names): its JSON path is reported.
    pub subject: usize,
}

/// A named derived value.
#[derive(Debug, Clone)]
pub struct LetDef {
    /// Name.
    pub name: String,
    /// Definition.
    pub expr: CExpr,
    /// Type.
    pub ty: Ty,
}

/// A criterion.
#[derive(Debug, Clone)]
pub struct CriterionDef {
    /// Id such as `U1`.
    pub id: String,
    /// Vietnamese label.
    pub label: Text,
    /// English label.
    pub english: Option<String>,
    /// Declared maximum.
    pub max: Decimal,
    /// Citations, joined with `; `.
    pub source: Option<Text>,
    /// Why it is provisional, when it is.
    pub provisional: Option<String>,
    /// Minimum points for recognition.
    pub floor: Option<Decimal>,
    /// Indicators.
    pub indicators: Vec<IndicatorDef>,
}

impl CriterionDef {
    /// The sum of the indicators' maxima, as the evaluator adds them up for a record where
    /// none is excluded; `None` when an indicator is decided by levels (it counts no points).
    pub(crate) fn indicators_max(&self) -> Option<Decimal> {
        self.indicators
            .iter()
            .try_fold(Decimal::ZERO, |sum, i| match i.award {
                AwardDef::Pass(_) => None,
                _ if i.deduction => Some(sum),
                _ => sum.checked_add(i.max),
            })
    }
}

/// An indicator.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    /// Id such as `U2.1`.
    pub id: String,
    /// Vietnamese label.
    pub label: Text,
    /// English label.
    pub english: Option<String>,
    /// Maximum points (for a deduction: the most it takes off).
    pub max: Decimal,
    /// True for a deduction (`deduct N points`): its award is what it takes off its
    /// criterion, which never goes below 0; it adds nothing to the maximum.
    pub deduction: bool,
    /// Citations, joined with `; `.
    pub source: Option<Text>,
    /// Why it is provisional, when it is.
    pub provisional: Option<String>,
    /// Minimum points for recognition (its own `floor`, or the model's `floor each indicator`;
    /// never for a deduction).
    pub floor: Option<Decimal>,
    /// How points are computed.
    pub award: AwardDef,
    /// When out of scope, and the effect.
    pub not_applicable: Option<(CExpr, NaEffect)>,
    /// Reason templates.
    pub reasons: Reasons,
    /// How its points are rounded (its own `rounding`, or the model's).
    pub rounding: Rounding,
    /// Input slots the indicator reads (through `let`s too), in slot order.
    pub inputs: Vec<usize>,
}

/// How points are computed.
#[derive(Debug, Clone)]
pub enum AwardDef {
    /// All or nothing.
    Whole(CExpr),
    /// max × share, share clamped to 0..1.
    Proportional(CExpr),
    /// First band whose condition holds, else `otherwise`.
    Bands(Vec<(Decimal, CExpr)>, Decimal),
    /// max − per × count, not below 0.
    Deduct(Decimal, CExpr),
    /// The value, clamped to 0..max.
    Value(CExpr),
    /// No points: the condition for each level, from level 1 (models decided by levels).
    Pass(Vec<CExpr>),
}

impl Reasons {
    /// The templates given, in a fixed order.
    fn templates(&self) -> impl Iterator<Item = &CTemplate> {
        [
            &self.any,
            &self.met,
            &self.partial,
            &self.unmet,
            &self.not_applicable,
        ]
        .into_iter()
        .flatten()
    }

    /// The same, to change.
    fn templates_mut(&mut self) -> impl Iterator<Item = &mut CTemplate> {
        [
            &mut self.any,
            &mut self.met,
            &mut self.partial,
            &mut self.unmet,
            &mut self.not_applicable,
        ]
        .into_iter()
        .flatten()
    }
}

/// Reason templates by outcome.
#[derive(Debug, Clone, Default)]
pub struct Reasons {
    /// Any outcome.
    pub any: Option<CTemplate>,
    /// Full points.
    pub met: Option<CTemplate>,
    /// Some points.
    pub partial: Option<CTemplate>,
    /// No points.
    pub unmet: Option<CTemplate>,
    /// Out of scope.
    pub not_applicable: Option<CTemplate>,
}

/// How the model decides.
#[derive(Debug, Clone, Default)]
pub struct DecisionDef {
    /// `recognized when total >= N`.
    pub pass: Option<Decimal>,
    /// Tiers from highest to lowest.
    pub tiers: Vec<TierDef>,
    /// Levels from the lowest (level 1); empty for a points model.
    pub levels: Vec<LevelDef>,
}

/// One level of an all-indicators-must-pass model.
#[derive(Debug, Clone)]
pub struct LevelDef {
    /// Vietnamese label.
    pub label: String,
    /// English label.
    pub english: Option<String>,
    /// Reaching it grants recognition.
    pub recognized: bool,
}

/// One tier.
#[derive(Debug, Clone)]
pub struct TierDef {
    /// Vietnamese label.
    pub label: String,
    /// English label.
    pub english: Option<String>,
    /// Totals in this tier.
    pub range: Bounds,
    /// Grants recognition.
    pub recognized: bool,
}

impl DecisionDef {
    /// Label of the tier (points model) or the level (model decided by levels) at `idx`.
    pub fn label(&self, idx: usize) -> Option<&str> {
        if self.levels.is_empty() {
            self.tiers.get(idx).map(|t| t.label.as_str())
        } else {
            self.levels.get(idx).map(|l| l.label.as_str())
        }
    }

    /// Labels of all tiers and levels.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.tiers
            .iter()
            .map(|t| t.label.as_str())
            .chain(self.levels.iter().map(|l| l.label.as_str()))
    }

    /// Index of the tier a total falls in.
    #[inline]
    pub fn tier_of(&self, total: Decimal) -> Option<usize> {
        self.tiers.iter().position(|t| t.range.contains(total))
    }
}

/// A test written in the rule file, with its record resolved (including `from`).
#[derive(Debug, Clone)]
pub struct TestDef {
    /// Name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
    /// The record as JSON (fields set to `missing` are absent).
    pub record: serde_json::Map<String, serde_json::Value>,
    /// Expectations.
    pub expects: Vec<TestExpect>,
}

/// One expectation of a test.
#[derive(Debug, Clone)]
pub enum TestExpect {
    /// Overall status (`recognized`, `not_recognized`, `undetermined`).
    Status(String, Span),
    /// Tier label, or no tier.
    Tier(Option<String>, Span),
    /// Total points.
    Total(Decimal, Span),
    /// Points of a criterion (`Some(c), None`) or an indicator.
    Points(ItemRef, Decimal, Span),
    /// Outcome of an indicator.
    Outcome(ItemRef, String, Span),
    /// The record is rejected at this JSON path.
    Error(String, Span),
}

/// A criterion or an indicator, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef {
    /// Criterion position.
    pub criterion: usize,
    /// Indicator position within it, or `None` for the criterion itself.
    pub indicator: Option<usize>,
}
