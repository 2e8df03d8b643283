//! Checker errors: one variant per problem, each with a stable code, message and help line.

use tieuchi_syntax::{Diagnostic, Message, Severity, Span};

use super::catalog;

/// A problem the checker finds in a rule file.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckError {
    /// C001: a name that is not a field, a `let`, a function or an enumeration value.
    UnknownName {
        /// The name as written.
        name: String,
        /// What kind of thing was looked for.
        what: Thing,
        /// A close known name.
        suggestion: Option<String>,
    },
    /// C002: a value of the wrong type, e.g. `has_learning_plan + 1`.
    TypeMismatch {
        /// What was expected.
        expected: Kind,
        /// What was found.
        found: Kind,
    },
    /// C003: the same id or name declared twice.
    Duplicate {
        /// What kind of thing.
        what: Thing,
        /// The name.
        name: String,
        /// The first declaration.
        first: Span,
    },
    /// C004: a criterion's indicators do not add up to its maximum.
    CriterionSum {
        /// Criterion id.
        id: String,
        /// Declared maximum.
        declared: String,
        /// Sum of its indicators.
        sum: String,
    },
    /// C005: the criteria do not add up to the model maximum.
    ModelSum {
        /// Declared `max`.
        declared: String,
        /// Sum of the criteria.
        sum: String,
    },
    /// C006: a threshold that no record can reach, e.g. `recognized when total >= 120` out of 100.
    Unreachable {
        /// What the threshold is.
        what: Threshold,
        /// Its value.
        value: String,
        /// The most that can be reached.
        max: String,
    },
    /// C007: two tiers share some totals.
    TierOverlap {
        /// The earlier tier.
        other: String,
        /// Where it is declared.
        other_span: Span,
    },
    /// C008: tiers that leave totals unclassified or are not listed from highest to lowest.
    TierOrder(TierOrder),
    /// C009: an indicator without an `award` rule (or `pass` rule, in a model decided by levels).
    NoAward {
        /// Indicator id.
        id: String,
        /// The model is decided by levels.
        by_levels: bool,
    },
    /// C010: neither `recognized when` nor a tier decides recognition.
    NoDecision,
    /// C011: a literal that is not valid, e.g. `2023-02-30` or a range `10..5`.
    InvalidLiteral(Invalid),
    /// C012: a required header statement is missing, e.g. no `max`.
    MissingHeader {
        /// The statement.
        statement: &'static str,
    },
    /// C013 (warning): a criterion or indicator cites no source and is not provisional.
    NoSource {
        /// Item id.
        id: String,
    },
    /// C014: tests that start from each other through `from` in a loop.
    FromLoop {
        /// The test reported.
        test: String,
        /// The tests of the loop from it, back to it.
        chain: Vec<String>,
    },
    /// C015: `extends` or `uses` names a file that cannot be used (missing, another model, a
    /// loop, errors).
    BadLink(Link),
    /// C016: points where the model is decided by levels, or a missing `N points` or `pass`
    /// where it is not, e.g. `award` in a model that declares `level`s.
    ScoringStyle(Style),
    /// C018: points that add up past the largest number the engine holds (about 7.9×10²⁸),
    /// e.g. two criteria of 50000000000000000000000000000 points.
    PointsOverflow {
        /// The criterion whose indicators add up too far, or none for the model's criteria.
        within: Option<String>,
    },
    /// C019 (warning): a divisor that may be 0, e.g. `members_total: int 0..` in
    /// `members_compliant / members_total`, `a / (b - c)` or `hours / count(members)`.
    ZeroDivisor(Divisor),
    /// C020: a statement that may be written once is written again, e.g. two `max` in the
    /// header or two `reason` lines for the same outcome (the last one would win silently).
    Repeated {
        /// The statement's keyword.
        statement: &'static str,
        /// Where it is first written.
        first: Span,
    },
    /// C021 (warning): a condition that no record can make true, given the declared ranges
    /// (`score >= 11` on a field `score: int 0..10`).
    NeverHolds {
        /// The values the compared side can take, when the condition is one comparison.
        why: Option<ValueRange>,
    },
    /// C022 (warning): a condition that every record makes true, given the declared ranges.
    AlwaysHolds {
        /// The values the compared side can take, when the condition is one comparison.
        why: Option<ValueRange>,
    },
    /// C023 (warning): a band that an earlier band of the same indicator always takes first.
    ShadowedBand {
        /// The earlier band, from 1.
        by: usize,
        /// Where it is.
        by_span: Span,
    },
    /// C024: a `require` condition that no record can satisfy: every record would be refused.
    Unsatisfiable {
        /// The values the compared side can take, when the condition is one comparison.
        why: Option<ValueRange>,
    },
    /// C025 (warning): a tier, or the pass threshold, that no total the indicators can award
    /// falls in (points awarded all or nothing leave gaps between totals).
    NoTotalReaches {
        /// The tier's label, or none for the pass threshold.
        tier: Option<String>,
        /// The nearest totals that can be reached, below and above.
        below: Option<String>,
        /// The nearest reachable total above.
        above: Option<String>,
    },
    /// C026 (warning): an input field or a `let` that nothing uses.
    Unused {
        /// A `let` (else an input field).
        is_let: bool,
        /// Its name.
        name: String,
    },
    /// N001 (note): an item is provisional: its official text was not available.
    Provisional {
        /// Item id or `model`.
        id: String,
        /// The stated reason.
        why: String,
    },
}

impl CheckError {
    /// The code of [`CheckError::UnknownName`].
    pub const UNKNOWN_NAME: &'static str = "C001";

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            CheckError::UnknownName { .. } => Self::UNKNOWN_NAME,
            CheckError::TypeMismatch { .. } => "C002",
            CheckError::Duplicate { .. } => "C003",
            CheckError::CriterionSum { .. } => "C004",
            CheckError::ModelSum { .. } => "C005",
            CheckError::Unreachable { .. } => "C006",
            CheckError::TierOverlap { .. } => "C007",
            CheckError::TierOrder(_) => "C008",
            CheckError::NoAward { .. } => "C009",
            CheckError::NoDecision => "C010",
            CheckError::InvalidLiteral(_) => "C011",
            CheckError::MissingHeader { .. } => "C012",
            CheckError::NoSource { .. } => "C013",
            CheckError::FromLoop { .. } => "C014",
            CheckError::BadLink(_) => "C015",
            CheckError::ScoringStyle(_) => "C016",
            CheckError::PointsOverflow { .. } => "C018",
            CheckError::ZeroDivisor(_) => "C019",
            CheckError::Repeated { .. } => "C020",
            CheckError::NeverHolds { .. } => "C021",
            CheckError::AlwaysHolds { .. } => "C022",
            CheckError::ShadowedBand { .. } => "C023",
            CheckError::Unsatisfiable { .. } => "C024",
            CheckError::NoTotalReaches { .. } => "C025",
            CheckError::Unused { .. } => "C026",
            CheckError::Provisional { .. } => "N001",
        }
    }

    /// How serious the problem is.
    pub fn severity(&self) -> Severity {
        match self {
            CheckError::NoSource { .. }
            | CheckError::ZeroDivisor(_)
            | CheckError::NeverHolds { .. }
            | CheckError::AlwaysHolds { .. }
            | CheckError::ShadowedBand { .. }
            | CheckError::NoTotalReaches { .. }
            | CheckError::Unused { .. } => Severity::Warning,
            CheckError::Provisional { .. } => Severity::Note,
            _ => Severity::Error,
        }
    }

    /// The diagnostic for this problem at `span`, worded by both catalogues.
    pub fn at(self, span: Span) -> Diagnostic {
        let (vi, en) = (
            catalog::vi::check_error(&self),
            catalog::en::check_error(&self),
        );
        let mut d = Diagnostic::error(self.code(), Message::new(vi.message, en.message), span)
            .with_severity(self.severity())
            .with_help(Message::new(vi.help, en.help));
        let other = match &self {
            CheckError::Duplicate { first, .. } | CheckError::Repeated { first, .. } => {
                Some(*first)
            }
            CheckError::ShadowedBand { by_span, .. } => Some(*by_span),
            CheckError::TierOverlap { other_span, .. } => Some(*other_span),
            _ => None,
        };
        if let CheckError::UnknownName {
            suggestion: Some(s),
            ..
        } = &self
        {
            d = d.with_suggestion(s.clone());
        }
        if let (Some(other), Some(vi), Some(en)) =
            (other, catalog::vi::label(&self), catalog::en::label(&self))
        {
            d = d.with_label(other, Message::new(vi, en));
        }
        d
    }
}

/// The values an expression can take, as written in messages (`None`: unbounded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRange {
    /// The smallest.
    pub lo: Option<String>,
    /// The largest.
    pub hi: Option<String>,
}

/// Why a divisor may be 0 (C019).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Divisor {
    /// It is this number field, whose declared range includes 0 (`members_total: int 0..`).
    Field(String),
    /// Worked out from the declared ranges, it takes these values, 0 among them (`b - c` with
    /// `b` and `c` from 0 to 10: from -10 to 10).
    Values(ValueRange),
    /// It counts the items of a list that may be empty (`count(members)`).
    Count,
}

/// What kind of thing a name was looked up as, or is declared twice as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    /// A field, a `let` or an enumeration value in an expression.
    Name,
    /// A function such as `count`.
    Function,
    /// An input field.
    Field,
    /// A `let` value.
    Let,
    /// A test.
    Test,
    /// A tier.
    Tier,
    /// A level.
    Level,
    /// A status in a test's `expect`.
    Status,
    /// An outcome in a test's `expect`.
    Outcome,
    /// A value of `one of { … }`.
    Value,
    /// A value of the enumeration compared with.
    EnumValue,
    /// A criterion or an indicator.
    CriterionOrIndicator,
    /// An indicator that an `extends` file overrides.
    IndicatorToOverride,
    /// A model named in a list's item type, declared with `uses`.
    UsedModel,
}

/// A type, or a role an expression plays, in a C002 message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `bool`.
    YesNo,
    /// `int`.
    WholeNumber,
    /// `decimal` (or any number).
    Number,
    /// `text`.
    Text,
    /// `date`.
    Date,
    /// A value of the enumeration of this field.
    ValueOf(String),
    /// A value of an enumeration not known by field.
    EnumValue,
    /// A list.
    List,
    /// A list of records.
    ListOfRecords,
    /// A yes/no condition.
    Condition,
    /// The share for an empty list (`share`'s third argument).
    ShareIfEmpty,
    /// A share from 0 to 1 (`award proportional to`).
    Share,
    /// A date of birth (`age`'s first argument).
    DateOfBirth,
    /// The date an age is taken on (`age`'s second argument).
    AgeOn,
    /// A whole number for `date(year, month, day)`.
    DatePart,
    /// A whole number giving a position in a list, from 1.
    Position,
    /// A number of points (`award value`).
    Points,
    /// A count (`award deduct N per`).
    Count,
    /// A number or a list (`min`, `max`).
    NumberOrList,
    /// A list of numbers, or this aggregate with a value.
    ListOfNumbersOr(String),
    /// This aggregate's two forms, `f(list)` or `f(list, value)`.
    AggregateForms(String),
    /// The arguments of this function.
    Arguments(String),
    /// This many arguments.
    ArgumentCount(usize),
    /// A list of plain values to index.
    PlainList,
    /// Numbers, dates or enumeration values to compare.
    Comparable,
}

/// A threshold that cannot be reached (C006).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Threshold {
    /// The floor of this criterion or indicator.
    FloorOf(String),
    /// A band of this indicator.
    BandOf(String),
    /// The pass threshold `recognized when total >= N`.
    Pass,
    /// The floor for each indicator.
    FloorEachIndicator,
    /// The lower bound of this tier.
    TierFrom(String),
}

/// How tiers or levels are out of order or leave totals out (C008).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TierOrder {
    /// The highest tier stops below the maximum.
    HighestShort {
        /// The maximum.
        max: String,
    },
    /// This level is not recognized but sits above one that is.
    LevelAboveRecognized(String),
    /// This tier is not below the one listed before it.
    NotBelow(String),
    /// Totals between two tiers fall in none.
    Gap {
        /// The upper bound of the lower tier.
        hi: String,
        /// The lower bound of the higher tier.
        lo: String,
        /// The upper bound is excluded (`..<`).
        exclusive: bool,
    },
    /// Totals below the lowest tier fall in none.
    BelowLowest(String),
    /// This tier is recognized but sits below one that is not.
    RecognizedBelow(String),
}

/// A literal or declaration that is not valid (C011).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// A number the engine cannot hold exactly.
    Inexact(String),
    /// A date not in the calendar, as written `YYYY-MM-DD`.
    NotADate(String),
    /// `valid from … to …` ending before it starts.
    ValidityReversed,
    /// `max` of 0 or less.
    MaxNotPositive,
    /// Bounds of an `int` field that are not whole.
    FractionalBounds,
    /// `one of { }` without values.
    EmptyOneOf,
    /// A number of list items that is not whole or is negative.
    ItemCount,
    /// A list of lists.
    ListOfLists,
    /// A range whose lower bound is not below its upper bound.
    EmptyRange,
    /// A `require` condition naming no input field.
    RequireWithoutField,
    /// `pass at level N` past the model's levels.
    NoSuchLevel {
        /// The level as written.
        level: String,
        /// How many levels the model declares.
        levels: usize,
    },
    /// A negative deduction.
    NegativeDeduction,
    /// `rounding N` with N not a whole number from 0 to 6.
    RoundingPlaces,
    /// An unknown rounding mode.
    RoundingMode(String),
}

/// A file named by `extends` or `uses` that cannot be used (C015).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// The file cannot be read.
    Unreadable {
        /// The path as written.
        path: String,
        /// Why, as the loader said.
        why: String,
    },
    /// The file extends this one again.
    ExtendsLoop(String),
    /// The file uses this one again.
    UsesLoop(String),
    /// The file is another model.
    OtherModel {
        /// The path as written.
        path: String,
        /// Its model.
        theirs: String,
        /// This file's model.
        ours: String,
    },
    /// The used file has errors.
    HasErrors {
        /// The path as written.
        path: String,
        /// How many.
        errors: usize,
    },
}

/// Points where levels decide, or levels where points do (C016).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// A deduction in a model decided by levels.
    DeductInLevels,
    /// A floor on a deduction.
    DeductFloor(String),
    /// `pass` in a model that scores points.
    PassInPoints,
    /// A criterion (`true`) or indicator (`false`) without points.
    NoMax {
        /// It is a criterion.
        criterion: bool,
        /// Its id.
        id: String,
    },
    /// `N points` in a model decided by levels.
    PointsInLevels,
    /// `award` in a model decided by levels.
    AwardInLevels,
    /// Levels mixed with tiers or a pass threshold.
    LevelsWithTiers,
}

/// An expectation of a rule file's test that did not hold (`tieuchi test`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestFailure {
    /// The test record has a problem at this JSON path, and the test expects none.
    Rejected {
        /// The JSON path.
        path: String,
        /// The record problem's message (Vietnamese, as records' messages are).
        message: String,
    },
    /// Another status.
    Status {
        /// Expected, as written.
        want: String,
        /// Found.
        got: String,
    },
    /// Another tier (none: no tier).
    Tier {
        /// Expected.
        want: Option<String>,
        /// Found.
        got: Option<String>,
    },
    /// Another total.
    Total {
        /// Expected.
        want: String,
        /// Found.
        got: String,
    },
    /// Other points for an item (none: the item has no points).
    Points {
        /// The criterion or indicator.
        id: String,
        /// Expected.
        want: String,
        /// Found.
        got: Option<String>,
    },
    /// Another outcome for an item.
    Outcome {
        /// The criterion or indicator.
        id: String,
        /// Expected.
        want: String,
        /// Found.
        got: String,
    },
    /// No problem at the JSON path the test expects one at.
    NotRejected {
        /// The expected JSON path.
        path: String,
        /// The paths that have problems.
        got: Vec<String>,
    },
}

impl TestFailure {
    /// The failure in both languages.
    pub fn message(&self) -> Message {
        Message::new(
            catalog::vi::test_failure(self),
            catalog::en::test_failure(self),
        )
    }
}
