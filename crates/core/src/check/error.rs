//! Checker errors: one variant per problem, each with a stable code, message and help line.

use tieuchi_syntax::{Diagnostic, Severity, Span};

/// A problem the checker finds in a rule file.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckError {
    /// C001: a name that is not a field, a `let`, a function or an enumeration value.
    UnknownName {
        /// The name as written.
        name: String,
        /// What kind of thing was looked for (`name`, `function`, `test`, `criterion or indicator`...).
        what: &'static str,
        /// A close known name.
        suggestion: Option<String>,
    },
    /// C002: a value of the wrong type, e.g. `has_learning_plan + 1`.
    TypeMismatch {
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
    },
    /// C003: the same id or name declared twice.
    Duplicate {
        /// What kind of thing.
        what: &'static str,
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
        what: String,
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
    TierOrder {
        /// What is wrong, in one line.
        detail: String,
    },
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
    InvalidLiteral {
        /// What is wrong.
        detail: String,
    },
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
    /// C014: a test refers to something that does not exist or loops through `from`.
    BadTest {
        /// What is wrong.
        detail: String,
    },
    /// C015: `extends` names a file that cannot be used (missing, another model, a loop).
    BadExtends {
        /// What is wrong.
        detail: String,
    },
    /// C016: points where the model is decided by levels, or a missing `N points` or `pass`
    /// where it is not, e.g. `award` in a model that declares `level`s.
    ScoringStyle {
        /// What is wrong.
        detail: String,
        /// What to write instead.
        help: String,
    },
    /// C018: points that add up past the largest number the engine holds (about 7.9×10²⁸),
    /// e.g. two criteria of 50000000000000000000000000000 points.
    PointsOverflow {
        /// What adds up, in Vietnamese then English.
        what: String,
    },
    /// C019 (warning): a divisor is a number field whose declared range includes 0, e.g.
    /// `members_total: int 0..` in `members_compliant / members_total`.
    ZeroDivisor {
        /// The field divided by.
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
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            CheckError::UnknownName { .. } => "C001",
            CheckError::TypeMismatch { .. } => "C002",
            CheckError::Duplicate { .. } => "C003",
            CheckError::CriterionSum { .. } => "C004",
            CheckError::ModelSum { .. } => "C005",
            CheckError::Unreachable { .. } => "C006",
            CheckError::TierOverlap { .. } => "C007",
            CheckError::TierOrder { .. } => "C008",
            CheckError::NoAward { .. } => "C009",
            CheckError::NoDecision => "C010",
            CheckError::InvalidLiteral { .. } => "C011",
            CheckError::MissingHeader { .. } => "C012",
            CheckError::NoSource { .. } => "C013",
            CheckError::BadTest { .. } => "C014",
            CheckError::BadExtends { .. } => "C015",
            CheckError::ScoringStyle { .. } => "C016",
            CheckError::PointsOverflow { .. } => "C018",
            CheckError::ZeroDivisor { .. } => "C019",
            CheckError::Provisional { .. } => "N001",
        }
    }

    /// The diagnostic for this problem at `span`.
    pub fn at(self, span: Span) -> Diagnostic {
        let code = self.code();
        let (severity, message, help, label) = match self {
            CheckError::UnknownName { name, what, suggestion } => (
                Severity::Error,
                format!("unknown {what} `{name}`"),
                match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("declare `{name}` first, or check its spelling"),
                },
                None,
            ),
            CheckError::TypeMismatch { expected, found } => (
                Severity::Error,
                format!("expected {expected}, found {found}"),
                "change the expression so that its type matches".to_string(),
                None,
            ),
            CheckError::Duplicate { what, name, first } => (
                Severity::Error,
                format!("{what} `{name}` is declared twice"),
                "rename or remove one of them".to_string(),
                Some((first, "first declared here".to_string())),
            ),
            CheckError::CriterionSum { id, declared, sum } => (
                Severity::Error,
                format!("the indicators of `{id}` add up to {sum} points, but `{id}` declares {declared}"),
                "make the indicator maxima add up to the criterion maximum".to_string(),
                None,
            ),
            CheckError::ModelSum { declared, sum } => (
                Severity::Error,
                format!("the criteria add up to {sum} points, but the model declares `max {declared} points`"),
                "make the criterion maxima add up to the model maximum".to_string(),
                None,
            ),
            CheckError::Unreachable { what, value, max } => (
                Severity::Error,
                format!("{what} is {value}, above the {max} points that can be reached"),
                format!("lower it to at most {max}"),
                None,
            ),
            CheckError::TierOverlap { other, other_span } => (
                Severity::Error,
                format!("this tier overlaps tier \"{other}\""),
                "make each total fall in exactly one tier; use `..<` for an excluded upper bound".to_string(),
                Some((other_span, "overlapping tier".to_string())),
            ),
            CheckError::TierOrder { detail } => (
                Severity::Error,
                detail,
                "list tiers from the highest to the lowest so that together they cover 0 to the maximum".to_string(),
                None,
            ),
            CheckError::NoAward { id, by_levels: false } => (
                Severity::Error,
                format!("indicator `{id}` has no `award` rule"),
                "add `award whole when ...`, `award proportional to ...`, `award bands { ... }`, `award deduct N per ...` or `award value ...`".to_string(),
                None,
            ),
            CheckError::NoAward { id, by_levels: true } => (
                Severity::Error,
                format!("indicator `{id}` has no `pass when` rule for level 1"),
                "add `pass when ...`; a stricter level can add `pass at level 2 when ...`".to_string(),
                None,
            ),
            CheckError::NoDecision => (
                Severity::Error,
                "the model never decides recognition".to_string(),
                "add `recognized when total >= N` or tiers marked `recognized`".to_string(),
                None,
            ),
            CheckError::InvalidLiteral { detail } => (
                Severity::Error,
                detail,
                "write a valid value here".to_string(),
                None,
            ),
            CheckError::MissingHeader { statement } => (
                Severity::Error,
                format!("the model has no `{statement}` statement"),
                format!("add `{statement} ...` to the model header"),
                None,
            ),
            CheckError::NoSource { id } => (
                Severity::Warning,
                format!("`{id}` cites no source"),
                "add `source \"document, clause\"`, or `provisional \"why\"` when the official text is not available".to_string(),
                None,
            ),
            CheckError::BadTest { detail } => (
                Severity::Error,
                detail,
                "make the `from` chain end at a test that has no `from`".to_string(),
                None,
            ),
            CheckError::BadExtends { detail } => (
                Severity::Error,
                detail,
                "name a rule file of the same model, by a path relative to this file".to_string(),
                None,
            ),
            CheckError::ScoringStyle { detail, help } => (Severity::Error, detail, help, None),
            CheckError::PointsOverflow { what } => (
                Severity::Error,
                format!(
                    "tổng điểm quá lớn (points add up past the largest number the engine holds, about 7.9×10²⁸): {what}"
                ),
                "dùng số điểm nhỏ hơn (use smaller points)".to_string(),
                None,
            ),
            CheckError::ZeroDivisor { name } => (
                Severity::Warning,
                format!(
                    "số chia có thể bằng 0 (the divisor may be 0): miền giá trị của trường `{name}` gồm cả 0 (its declared range includes 0); một bản ghi có {name} = 0 sẽ bị báo lỗi R012"
                ),
                format!(
                    "khai báo miền giá trị 1.. cho trường `{name}`, hoặc dùng `if {name} == 0 then … else …` (declare the range 1.., or guard the division with `if`)"
                ),
                None,
            ),
            CheckError::Provisional { id, why } => (
                Severity::Note,
                format!("`{id}` is provisional: {why}"),
                "replace it with the official rule once the text is available".to_string(),
                None,
            ),
        };
        let mut d = Diagnostic::error(code, message, span)
            .with_severity(severity)
            .with_help(help);
        if let Some((s, m)) = label {
            d = d.with_label(s, m);
        }
        d
    }
}
