//! The syntax tree of a rule file. Every node carries the [`Span`] it was read from.

use crate::span::Span;

/// A name as written, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The text of the name.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A string literal after unescaping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    /// The unescaped text.
    pub value: String,
    /// Where it was written, quotes included.
    pub span: Span,
}

/// A decimal number literal, kept as written (`85`, `0.9`, `90%` becomes `0.9`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Canonical decimal text without a percent sign (`"0.9"` for `90%`).
    pub text: String,
    /// True when the literal has no fractional part and no percent sign.
    pub integral: bool,
    /// Where it was written.
    pub span: Span,
}

/// A calendar date literal `YYYY-MM-DD` (validated by the checker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateLit {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12 when valid.
    pub month: u8,
    /// Day of month, 1 to 31 when valid.
    pub day: u8,
    /// Where it was written.
    pub span: Span,
}

/// One rule file: a single model.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// The model it declares.
    pub model: Model,
}

/// `model ID "title" { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Model kind such as `unit` or `family`.
    pub id: Ident,
    /// Vietnamese title.
    pub title: Str,
    /// `extends "path"`: the rule file this one adapts.
    pub extends: Option<Str>,
    /// Header statements (`source`, `valid`, `max` ...), in order.
    pub header: Vec<HeaderItem>,
    /// The input declaration, when present.
    pub input: Option<InputBlock>,
    /// Named derived values, in order.
    pub lets: Vec<Let>,
    /// Criteria, in order.
    pub criteria: Vec<Criterion>,
    /// `override indicator ...`: indicators that replace those of the extended file.
    pub overrides: Vec<Indicator>,
    /// Decision rules: pass threshold, floors and tiers, in order.
    pub decisions: Vec<Decision>,
    /// Tests written inside the file.
    pub tests: Vec<Test>,
    /// The whole `model` item.
    pub span: Span,
}

/// A header statement of a model.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderItem {
    /// `english "Learning unit"`.
    English(Str),
    /// `version "tt22-2020"`.
    Version(Str),
    /// `source "Thông tư ..."`.
    Source(Str),
    /// `valid from DATE [to DATE]`.
    Valid {
        /// First day in force.
        from: DateLit,
        /// Last day in force, if any.
        to: Option<DateLit>,
        /// The whole statement.
        span: Span,
    },
    /// `jurisdiction national` or `jurisdiction "01"`.
    Jurisdiction(Str),
    /// `max 100 points`.
    Max(Number),
    /// `rounding 2 [half_up|down|up|half_even]` (decimal places for points, and how).
    Rounding(RoundingSpec),
    /// `scope commune`: which units the rules apply to (versions of a model with different
    /// scopes may be in force at the same time).
    Scope(Ident),
    /// `provisional "why"`: the whole model (or its validity) is not from an official text.
    Provisional(Str),
    /// `uses family "../family/qd448-2015.rules"`: another model whose records this one
    /// holds in a list (`list of family`), each scored by that model's rules.
    Uses(Ident, Str),
}

/// `input { field... require... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct InputBlock {
    /// Declared fields, in order.
    pub fields: Vec<Field>,
    /// Cross-field constraints, in order.
    pub constraints: Vec<Constraint>,
    /// The whole block.
    pub span: Span,
}

/// `name: [optional] type [range] "label" [en "label"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Field name as it appears in records.
    pub name: Ident,
    /// True when the record may leave it out.
    pub optional: bool,
    /// Declared type.
    pub ty: TypeExpr,
    /// Vietnamese label for forms and messages.
    pub label: Option<Str>,
    /// English label.
    pub english: Option<Str>,
    /// The whole declaration.
    pub span: Span,
}

/// A declared input type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    /// `bool`.
    Bool(Span),
    /// `int [range]`.
    Int(Option<Range>, Span),
    /// `decimal [range]`.
    Decimal(Option<Range>, Span),
    /// `text`.
    Text(Span),
    /// `date`.
    Date(Span),
    /// `one of { a "label", b "label" }`, in order (order matters for `<`, `>=`).
    OneOf(Vec<Variant>, Span),
    /// `list [(size)] of { fields }` or `list [(size)] of TYPE`: a list of nested records or
    /// of plain values, with an optional number of items (`list(10) of ...`, `list(1..) of ...`).
    List(Option<Range>, Box<ItemType>, Span),
}

/// What a list holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemType {
    /// Nested records with these fields (members of a family...).
    Record(Vec<Field>),
    /// Plain values of this type (ten scores...).
    Scalar(TypeExpr),
    /// Records of another model named by `uses` (the families of a clan...).
    Model(Ident),
}

/// An enumeration value with an optional label.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Value as written in records.
    pub name: Ident,
    /// Vietnamese label.
    pub label: Option<Str>,
}

/// `lo..hi`, `lo..<hi`, `lo..` (inclusive lower bound).
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// Lower bound, inclusive.
    pub lo: Option<Number>,
    /// Upper bound.
    pub hi: Option<Number>,
    /// True for `..<` (upper bound excluded).
    pub hi_exclusive: bool,
    /// The whole range.
    pub span: Span,
}

/// `require EXPR "message"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// Must hold for every record.
    pub condition: Expr,
    /// Vietnamese message when it does not.
    pub message: Template,
    /// The whole statement.
    pub span: Span,
}

/// `let name = EXPR`.
#[derive(Debug, Clone, PartialEq)]
pub struct Let {
    /// Name of the derived value.
    pub name: Ident,
    /// Its definition.
    pub value: Expr,
    /// The whole statement.
    pub span: Span,
}

/// `criterion ID "label" N points { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    /// Identifier such as `U1`.
    pub id: Ident,
    /// Vietnamese label.
    pub label: Str,
    /// Declared maximum (`N points`); absent in a model decided by levels.
    pub max: Option<Number>,
    /// Citations, provisional mark, English label, floor.
    pub meta: Meta,
    /// Indicators, in order.
    pub indicators: Vec<Indicator>,
    /// The whole item.
    pub span: Span,
}

/// Statements shared by criteria and indicators.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// `english "..."`.
    pub english: Option<Str>,
    /// `source "..."` citations.
    pub sources: Vec<Str>,
    /// `provisional "why"`: the official text was not available.
    pub provisional: Option<Str>,
    /// `floor N`: fewer points than this withholds recognition.
    pub floor: Option<Number>,
}

/// `indicator ID "label" N points { ... }` or `indicator ID "label" deduct N points { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Identifier such as `U2.1`.
    pub id: Ident,
    /// Vietnamese label.
    pub label: Str,
    /// Declared maximum (`N points`); absent in a model decided by levels. For a deduction
    /// (`deduct N points`), the most it takes off its criterion.
    pub max: Option<Number>,
    /// `deduct N points`: the indicator takes points off its criterion (its award says how
    /// many, 0 to N); the `deduct` keyword.
    pub deduction: Option<Span>,
    /// Citations, provisional mark, English label, floor.
    pub meta: Meta,
    /// How points are awarded (for a deduction: how many are taken off).
    pub award: Option<Award>,
    /// `pass when COND` and `pass at level N when COND`, for models decided by levels.
    pub passes: Vec<Pass>,
    /// When the indicator does not apply, and with what effect.
    pub not_applicable: Option<NotApplicable>,
    /// Reason templates by outcome.
    pub reasons: Vec<Reason>,
    /// `rounding N [mode]`: overrides the model's rounding for this indicator.
    pub rounding: Option<RoundingSpec>,
    /// The whole item.
    pub span: Span,
}

/// `rounding N [mode]`: decimal places kept for points and, optionally, how to round.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundingSpec {
    /// Decimal places kept.
    pub places: Number,
    /// `half_up`, `down`, `up` or `half_even` as written (checked later); absent means
    /// `half_up` (half away from zero).
    pub mode: Option<Ident>,
    /// The whole statement.
    pub span: Span,
}

/// How an indicator's points are computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Award {
    /// `award whole when COND`: all points or none.
    Whole(Expr, Span),
    /// `award proportional to SHARE`: max × share, share clamped to 0..1.
    Proportional(Expr, Span),
    /// `award bands { N when COND ... otherwise N }`: first band that holds.
    Bands(Vec<Band>, Option<Number>, Span),
    /// `award deduct N per EXPR`: max − N × EXPR, never below 0.
    Deduct(Number, Expr, Span),
    /// `award value EXPR`: the value itself, clamped to 0..max.
    Value(Expr, Span),
}

impl Award {
    /// Where the award statement is.
    pub fn span(&self) -> Span {
        match self {
            Award::Whole(_, s)
            | Award::Proportional(_, s)
            | Award::Bands(_, _, s)
            | Award::Deduct(_, _, s)
            | Award::Value(_, s) => *s,
        }
    }
}

/// `pass [at level N] when COND`: the indicator holds at that level (and above, unless a
/// stricter condition is given for a higher level).
#[derive(Debug, Clone, PartialEq)]
pub struct Pass {
    /// The level (`None` for level 1).
    pub level: Option<Number>,
    /// When the indicator holds.
    pub when: Expr,
    /// The whole statement.
    pub span: Span,
}

/// `N when COND` inside `award bands`.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Points awarded.
    pub points: Number,
    /// When.
    pub when: Expr,
}

/// `not applicable when COND counts as full|excluded`.
#[derive(Debug, Clone, PartialEq)]
pub struct NotApplicable {
    /// When the indicator is out of scope.
    pub when: Expr,
    /// Effect on the score.
    pub effect: NaEffect,
    /// The whole statement.
    pub span: Span,
}

/// What an out-of-scope indicator does to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NaEffect {
    /// Award the indicator's maximum.
    Full,
    /// Leave it out of the maximum; the total is rescaled to the declared maximum.
    Excluded,
}

/// Which outcome a reason template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonKind {
    /// `reason "..."`: any outcome without a more specific template.
    Any,
    /// `met "..."`.
    Met,
    /// `partial "..."`.
    Partial,
    /// `unmet "..."`.
    Unmet,
    /// `not applicable "..."`.
    NotApplicable,
}

/// A reason template for one outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// Which outcome.
    pub kind: ReasonKind,
    /// The text with `{expr}` holes.
    pub text: Template,
}

/// A string with `{expression}` holes.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Literal text and holes, in order.
    pub parts: Vec<TemplatePart>,
    /// The whole string literal.
    pub span: Span,
}

/// A piece of a [`Template`].
#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    /// Literal text.
    Text(String),
    /// `{expr}`.
    Hole(Expr),
}

/// How the model turns points into a decision.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// `recognized when total >= N [provisional "why"]`.
    Pass(Number, Option<Str>, Span),
    /// `floor each indicator N`.
    FloorEachIndicator(Number, Span),
    /// `tier "label" [en "label"] when total in RANGE [recognized]`.
    Tier(Tier),
    /// `level "label" [en "label"] [recognized]`: levels are listed from the lowest; a record
    /// reaches a level when every indicator passes at it.
    Level(Level),
}

/// One level of an all-indicators-must-pass model.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// Vietnamese label.
    pub label: Str,
    /// English label.
    pub english: Option<Str>,
    /// True when reaching this level grants recognition.
    pub recognized: bool,
    /// The whole statement.
    pub span: Span,
}

/// One tier of an ordered classification.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    /// Vietnamese label.
    pub label: Str,
    /// English label.
    pub english: Option<Str>,
    /// Totals in this tier.
    pub range: Range,
    /// True when this tier grants recognition.
    pub recognized: bool,
    /// The whole statement.
    pub span: Span,
}

/// `test "name" [from "other"] { input { ... } expect ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// Name shown in test output.
    pub name: Str,
    /// A test whose input this one starts from.
    pub from: Option<Str>,
    /// Field values (override those of `from`).
    pub input: Vec<TestField>,
    /// Expectations.
    pub expects: Vec<Expect>,
    /// The whole test.
    pub span: Span,
}

/// `name: literal` inside a test input.
#[derive(Debug, Clone, PartialEq)]
pub struct TestField {
    /// Field name.
    pub name: Ident,
    /// Its value; `none` leaves the field out.
    pub value: Literal,
}

/// A literal value in a test record.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `true` / `false`.
    Bool(bool, Span),
    /// A number.
    Number(Number),
    /// A string.
    Str(Str),
    /// A date.
    Date(DateLit),
    /// A bare word (an enumeration value).
    Word(Ident),
    /// `missing`: leave the field out of the record.
    Missing(Span),
    /// `[a, b, c]`: a list.
    List(Vec<Literal>, Span),
    /// `{ name: value ... }`: a nested record (an item of a list).
    Record(Vec<TestField>, Span),
}

/// One expectation of a test.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// `expect status recognized`.
    Status(Ident),
    /// `expect tier "label"` or `expect tier none`.
    Tier(Option<Str>, Span),
    /// `expect total N`.
    Total(Number),
    /// `expect ID N` (points) or `expect ID met|partial|...` (status).
    Item(Ident, ItemExpect),
    /// `expect error "/json/path"`: the record is rejected at that path.
    Error(Str),
}

/// What a test expects of one criterion or indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemExpect {
    /// Points.
    Points(Number),
    /// An outcome word such as `met` or `not_applicable`.
    Status(Ident),
}

/// Binary operators, loosest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `or`.
    Or,
    /// `and`.
    And,
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
}

impl BinOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A number.
    Number(Number),
    /// `true` / `false`.
    Bool(bool),
    /// A string.
    Str(String),
    /// A date.
    Date(DateLit),
    /// A field, a `let`, or an enumeration value.
    Name(Ident),
    /// `not e`.
    Not(Box<Expr>),
    /// `-e`.
    Neg(Box<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `e in [a, b]`.
    InList(Box<Expr>, Vec<Expr>),
    /// `e in lo..hi`.
    InRange(Box<Expr>, Range),
    /// `f(a, b)`.
    Call(Ident, Vec<Expr>),
    /// `list where condition`: the items for which the condition holds.
    Where(Box<Expr>, Box<Expr>),
    /// `list[n]`: the n-th value of a list (from 1).
    Index(Box<Expr>, Box<Expr>),
    /// `if c1 then v1 else if c2 then v2 else v3`: the (condition, value) branches in
    /// order, then the `else` value. A chain of `else if` is one flat list.
    If(Vec<(Expr, Expr)>, Box<Expr>),
}
