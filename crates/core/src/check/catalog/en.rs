//! English messages of the checker (the style: `MESSAGES.md`).

use tieuchi_syntax::catalog::Texts;

use crate::check::error::{
    CheckError, Divisor, Invalid, Kind, Link, Style, TestFailure, Thing, Threshold, TierOrder,
    ValueRange,
};

/// The message and help line of a checker problem.
pub fn check_error(e: &CheckError) -> Texts {
    match e {
        CheckError::UnknownName {
            name,
            what,
            suggestion,
        } => Texts::new(
            format!("unknown {} `{}`", thing(*what), name),
            match suggestion {
                Some(s) => format!("did you mean `{}`?", s),
                None => format!("declare `{}` first, or check its spelling", name),
            },
        ),
        CheckError::TypeMismatch { expected, found } => Texts::new(
            format!("expected {}, found {}", kind(expected), kind(found)),
            "change the expression so that its type matches",
        ),
        CheckError::Duplicate { what, name, .. } => Texts::new(
            format!("{} `{}` is declared twice", thing(*what), name),
            "rename or remove one of them",
        ),
        CheckError::CriterionSum { id, declared, sum } => Texts::new(
            format!(
                "the indicators of `{}` add up to {} points, but `{}` declares {}",
                id, sum, id, declared
            ),
            "make the indicator maxima add up to the criterion maximum",
        ),
        CheckError::ModelSum { declared, sum } => Texts::new(
            format!(
                "the criteria add up to {} points, but the model declares \u{1}max {} points\u{2}",
                sum, declared
            ),
            "make the criterion maxima add up to the model maximum",
        ),
        CheckError::Unreachable { what, value, max } => Texts::new(
            format!(
                "{} is {}, above the {} points that can be reached",
                threshold(what),
                value,
                max
            ),
            format!("lower it to at most {}", max),
        ),
        CheckError::TierOverlap { other, .. } => Texts::new(
            format!("this tier overlaps tier \"{}\"", other),
            "make each total fall in exactly one tier; use `..<` for an excluded upper bound",
        ),
        CheckError::TierOrder(t) => Texts::new(
            tier_order(t),
            "list tiers from the highest to the lowest so that together they cover 0 to the maximum",
        ),
        CheckError::NoAward {
            id,
            by_levels: false,
        } => Texts::new(
            format!("indicator `{}` has no \u{1}award\u{2} rule", id),
            "add \u{1}award whole when ...\u{2}, \u{1}award proportional to ...\u{2}, \u{1}award bands { ... }\u{2}, \u{1}award deduct N per ...\u{2} or \u{1}award value ...\u{2}",
        ),
        CheckError::NoAward {
            id,
            by_levels: true,
        } => Texts::new(
            format!(
                "indicator `{}` has no \u{1}pass when\u{2} rule for level 1",
                id
            ),
            "add \u{1}pass when ...\u{2}; a stricter level can add \u{1}pass at level 2 when ...\u{2}",
        ),
        CheckError::NoDecision => Texts::new(
            "the model never decides recognition",
            "add \u{1}recognized when total >= N\u{2} or tiers marked \u{1}recognized\u{2}",
        ),
        CheckError::InvalidLiteral(l) => literal(l),
        CheckError::MissingHeader { statement } => Texts::new(
            format!("the model has no \u{1}{}\u{2} statement", statement),
            format!("add \u{1}{} ...\u{2} to the model header", statement),
        ),
        CheckError::NoSource { id } => Texts::new(
            format!("`{}` cites no source", id),
            "add \u{1}source \"document, clause\"\u{2}, or \u{1}provisional \"why\"\u{2} when the official text is not available",
        ),
        CheckError::FromLoop { test, chain } => Texts::new(
            format!(
                "test \"{}\" starts from itself through \u{1}from\u{2}: {}",
                test,
                quoted_chain(chain)
            ),
            "make the \u{1}from\u{2} chain end at a test that has no \u{1}from\u{2}",
        ),
        CheckError::BadLink(l) => link(l),
        CheckError::ScoringStyle(s) => style(s),
        CheckError::PointsOverflow { within } => Texts::new(
            format!(
                "{} add up past the largest number the engine holds, about 7.9×10²⁸",
                match within {
                    Some(id) => format!("the indicators of `{id}`"),
                    None => "the criteria of the model".to_string(),
                }
            ),
            "use smaller points",
        ),
        CheckError::ZeroDivisor(Divisor::Field(name)) => Texts::new(
            format!(
                "the divisor may be 0: the declared range of field `{}` includes 0; a record with {} = 0 gets error R012",
                name, name
            ),
            format!(
                "declare the range 1.. for field `{}`, or write \u{1}if {} == 0 then … else …\u{2}",
                name, name
            ),
        ),
        CheckError::ZeroDivisor(_) => reasoning(e),
        CheckError::Repeated { statement, .. } => Texts::new(
            format!("\u{1}{statement}\u{2} is written twice: only the later one would count"),
            format!("keep one \u{1}{statement}\u{2} statement and remove the other"),
        ),
        CheckError::NeverHolds { .. }
        | CheckError::AlwaysHolds { .. }
        | CheckError::ShadowedBand { .. }
        | CheckError::Unsatisfiable { .. }
        | CheckError::NoTotalReaches { .. }
        | CheckError::Unused { .. } => reasoning(e),
        CheckError::Provisional { id, why } => Texts::new(
            format!("`{}` is provisional: {}", id, why),
            "replace it with the official rule once the text is available",
        ),
    }
}

/// `: the compared value is only from 0 to 10`, when the compared range is known.
fn because(why: Option<&ValueRange>) -> String {
    let Some(r) = why else {
        return String::new();
    };
    let range = match (&r.lo, &r.hi) {
        (Some(lo), Some(hi)) if lo == hi => format!("always {lo}"),
        (Some(lo), Some(hi)) => format!("only from {lo} to {hi}"),
        (Some(lo), None) => format!("only {lo} or more"),
        (None, Some(hi)) => format!("only {hi} or less"),
        (None, None) => return String::new(),
    };
    format!(": the compared value is {range}")
}

/// `; the nearest totals that can be reached: 80 and 90`.
fn nearest(below: Option<&str>, above: Option<&str>) -> String {
    match (below, above) {
        (Some(b), Some(a)) => format!("; the nearest totals that can be reached: {b} and {a}"),
        (Some(t), None) | (None, Some(t)) => {
            format!("; the nearest total that can be reached: {t}")
        }
        (None, None) => String::new(),
    }
}

/// `takes values from -10 to 10`: the values a divisor takes.
fn takes(r: &ValueRange) -> String {
    match (&r.lo, &r.hi) {
        (Some(lo), Some(hi)) => format!("takes values from {lo} to {hi}"),
        (Some(lo), None) => format!("takes values from {lo} up"),
        (None, Some(hi)) => format!("takes values up to {hi}"),
        (None, None) => "may take any value".to_string(),
    }
}

/// The problems found by reasoning about values (C019 on a divisor that is not a plain field,
/// C021–C026); without it (the browser's forms module) they are never found, and their texts
/// are left out of the module.
fn reasoning(e: &CheckError) -> Texts {
    if !crate::check::AUTHORING {
        return Texts::new("", "");
    }
    match e {
        CheckError::ZeroDivisor(Divisor::Values(r)) => Texts::new(
            format!(
                "the divisor may be 0: given the declared ranges, it {}; a record that makes it 0 gets error R012",
                takes(r)
            ),
            "write \u{1}if … == 0 then … else …\u{2} on this very divisor, or change the declared ranges of the fields it uses",
        ),
        CheckError::ZeroDivisor(Divisor::Count) => Texts::new(
            "the divisor may be 0: the list counted may have no items; a record with an empty list gets error R012",
            "declare `list(1..)` if the list always has items, write \u{1}if count(…) == 0 then … else …\u{2}, or use `share(list, condition)` if this is a share",
        ),
        CheckError::NeverHolds { why } => Texts::new(
            format!("this condition never holds{}", because(why.as_ref())),
            "change the threshold, or the field's declared range",
        ),
        CheckError::AlwaysHolds { why } => Texts::new(
            format!("this condition always holds{}", because(why.as_ref())),
            "change the threshold if the condition should leave some cases out, or remove it",
        ),
        CheckError::ShadowedBand { by, .. } => Texts::new(
            format!("this band is never used: every case of it falls in band {by} above"),
            "bands are tried from the top and the first that holds is used: put the stricter band first",
        ),
        CheckError::Unsatisfiable { why } => Texts::new(
            format!(
                "every record would be refused: no record can satisfy this \u{1}require\u{2} condition{}",
                because(why.as_ref())
            ),
            "change the condition, or the fields' declared ranges",
        ),
        CheckError::NoTotalReaches { tier, below, above } => Texts::new(
            format!(
                "no total the indicators can award falls in {}{}",
                match tier {
                    Some(t) => format!("tier \"{t}\""),
                    None => "the pass threshold".to_string(),
                },
                nearest(below.as_deref(), above.as_deref())
            ),
            "change the tier's range, or how the indicators award points",
        ),
        CheckError::Unused { is_let, name } => Texts::new(
            if *is_let {
                format!("\u{1}let {name}\u{2} is never used")
            } else {
                format!("field `{name}` is not used by any rule")
            },
            "use it in a condition or a score, or remove it",
        ),
        _ => Texts::new("", ""),
    }
}

/// The text under a secondary underline, for problems that have one.
pub fn label(e: &CheckError) -> Option<String> {
    match e {
        CheckError::Duplicate { .. } => Some("first declared here".to_string()),
        CheckError::Repeated { .. } => Some("first written here".to_string()),
        CheckError::ShadowedBand { .. } => Some("the band taken first".to_string()),
        CheckError::TierOverlap { .. } => Some("overlapping tier".to_string()),
        _ => None,
    }
}

fn thing(t: Thing) -> &'static str {
    match t {
        Thing::Name => "name",
        Thing::Function => "function",
        Thing::Field => "field",
        Thing::Let => "let",
        Thing::Test => "test",
        Thing::Tier => "tier",
        Thing::Level => "level",
        Thing::Status => "status",
        Thing::Outcome => "outcome",
        Thing::Value => "value",
        Thing::EnumValue => "enumeration value",
        Thing::CriterionOrIndicator => "criterion or indicator",
        Thing::IndicatorToOverride => "indicator to override",
        Thing::UsedModel => "model (declare it with \u{1}uses\u{2})",
    }
}

fn kind(k: &Kind) -> String {
    let text = match k {
        Kind::YesNo => "a yes/no value",
        Kind::WholeNumber => "a whole number",
        Kind::Number => "a number",
        Kind::Text => "text",
        Kind::Date => "a date",
        Kind::ValueOf(field) => return format!("a value of `{}`", field),
        Kind::EnumValue => "an enumeration value",
        Kind::List => "a list",
        Kind::ListOfRecords => "a list of records",
        Kind::Condition => "a yes/no condition",
        Kind::ShareIfEmpty => "the share for an empty list",
        Kind::Share => "a share from 0 to 1",
        Kind::DateOfBirth => "a date of birth",
        Kind::AgeOn => "the date the age is taken on",
        Kind::DatePart => "a whole number (year, month, day)",
        Kind::Position => "a whole number (the position, from 1)",
        Kind::Points => "a number of points",
        Kind::Count => "a count",
        Kind::NumberOrList => "a number or a list",
        Kind::ListOfNumbersOr(f) => return format!("a list of numbers, or `{}(list, value)`", f),
        Kind::AggregateForms(f) => return format!("`{}(list)` or `{}(list, value)`", f, f),
        Kind::Arguments(f) => return format!("the arguments of `{}` ({})", f, usage(f)),
        Kind::ArgumentCount(n) => return format!("{} arguments", n),
        Kind::PlainList => "a list of plain values to index",
        Kind::Comparable => "numbers, dates or enumeration values to compare",
    };
    text.to_string()
}

fn usage(f: &str) -> &'static str {
    match f {
        "count" => "count(list)",
        "all" => "all(list, condition)",
        "any" => "any(list, condition)",
        "share" => "share(list, condition) or share(list, condition, value if empty)",
        "sum" => "sum(list) or sum(list, value)",
        "min" | "max" => "min(a, b, …), min(list) or min(list, value)",
        "abs" => "abs(number)",
        "year" => "year(date)",
        "age" => "age(date of birth, on date)",
        _ => "date(year, month, day)",
    }
}

fn threshold(t: &Threshold) -> String {
    match t {
        Threshold::FloorOf(id) => format!("the floor of `{}`", id),
        Threshold::BandOf(id) => format!("a band of `{}`", id),
        Threshold::Pass => "the pass threshold".to_string(),
        Threshold::FloorEachIndicator => "the floor for each indicator".to_string(),
        Threshold::TierFrom(t) => format!("the lower bound of tier \"{}\"", t),
    }
}

fn tier_order(t: &TierOrder) -> String {
    match t {
        TierOrder::HighestShort { max } => format!(
            "the highest tier does not reach the maximum of {} points",
            max
        ),
        TierOrder::LevelAboveRecognized(l) => format!(
            "level \"{}\" is not recognized but sits above a level that is",
            l
        ),
        TierOrder::NotBelow(other) => format!(
            "this tier is not below tier \"{}\"; list tiers from the highest to the lowest",
            other
        ),
        TierOrder::Gap { hi, lo, exclusive } => {
            // `50..<65` leaves 65 itself out too: "from 65", not "above 65".
            let (from, to) = if *exclusive {
                ("from", "to")
            } else {
                ("above", "and")
            };
            format!("totals {} {} {} below {} fall in no tier", from, hi, to, lo)
        }
        TierOrder::BelowLowest(min) => format!("totals below {} fall in no tier", min),
        TierOrder::RecognizedBelow(t) => format!(
            "tier \"{}\" is recognized but sits below a tier that is not",
            t
        ),
    }
}

fn literal(l: &Invalid) -> Texts {
    let fix = "write a valid value here";
    match l {
        Invalid::Inexact(n) => Texts::new(
            format!("`{}` is not a number this engine can hold exactly", n),
            fix,
        ),
        Invalid::NotADate(d) => Texts::new(format!("{} is not a date in the calendar", d), fix),
        Invalid::ValidityReversed => Texts::new("the validity period ends before it starts", fix),
        Invalid::MaxNotPositive => Texts::new("the maximum must be above 0", fix),
        Invalid::FractionalBounds => Texts::new(
            "the bounds of a whole-number field must be whole numbers",
            fix,
        ),
        Invalid::EmptyOneOf => Texts::new("\u{1}one of\u{2} needs at least one value", fix),
        Invalid::ItemCount => Texts::new("the number of items must be whole and not negative", fix),
        Invalid::ListOfLists => Texts::new(
            "a list of lists is not supported",
            "make the items records with a list field",
        ),
        Invalid::EmptyRange => Texts::new(
            "this range is empty: its lower bound is not below its upper bound",
            fix,
        ),
        Invalid::RequireWithoutField => Texts::new(
            "a \u{1}require\u{2} condition must name at least one input field",
            "write the condition in terms of the fields of \u{1}input\u{2}",
        ),
        Invalid::NoSuchLevel { level, levels } => Texts::new(
            format!(
                "there is no level {} (the model declares {})",
                level, levels
            ),
            fix,
        ),
        Invalid::NegativeDeduction => Texts::new("a deduction must not be negative", fix),
        Invalid::RoundingPlaces => Texts::new(
            "rounding must be a whole number of decimal places from 0 to 6",
            fix,
        ),
        Invalid::RoundingMode(m) => Texts::new(
            format!("unknown rounding mode `{}`", m),
            "write `half_up`, `down`, `up` or `half_even`",
        ),
    }
}

fn link(l: &Link) -> Texts {
    let fix = "name a rule file of the same model, by a path relative to this file";
    match l {
        // The loader's reason names the file, in both languages already.
        Link::Unreadable { why, .. } => Texts::new(why.clone(), fix),
        Link::ExtendsLoop(path) => Texts::new(
            format!(
                "`{}` extends this file again: rule files cannot extend in a loop",
                path
            ),
            fix,
        ),
        Link::UsesLoop(path) => Texts::new(
            format!(
                "`{}` uses this file again: models cannot use each other in a loop",
                path
            ),
            fix,
        ),
        Link::OtherModel { path, theirs, ours } => Texts::new(
            format!(
                "`{}` is a `{}` model, this file is a `{}` model",
                path, theirs, ours
            ),
            fix,
        ),
        Link::HasErrors { path, errors } => Texts::new(
            format!("`{}` has {} errors", path, errors),
            format!("run `tieuchi check {}` and fix them", path),
        ),
    }
}

fn style(s: &Style) -> Texts {
    match s {
        Style::DeductInLevels => Texts::new(
            "a deduction takes points off; this model is decided by levels, without points",
            "remove \u{1}deduct N points\u{2} and write the condition as \u{1}pass when ...\u{2}",
        ),
        Style::DeductFloor(id) => Texts::new(
            format!(
                "the deduction `{}` cannot have a floor; it only takes points off its criterion",
                id
            ),
            "put the \u{1}floor\u{2} on the criterion instead",
        ),
        Style::PassInPoints => Texts::new(
            "\u{1}pass\u{2} is for models decided by levels; this model scores points",
            "use \u{1}award whole when ...\u{2}, or declare the model's \u{1}level\u{2}s",
        ),
        Style::NoMax { criterion, id } => {
            let what = if *criterion { "criterion" } else { "indicator" };
            Texts::new(
                format!("{} `{}` has no maximum", what, id),
                format!(
                    "write its points after the label: `{} {} \"...\" 10 points`",
                    what, id
                ),
            )
        }
        Style::PointsInLevels => Texts::new(
            "points are not used in a model decided by levels",
            "remove `N points`: each indicator passes or not at each level",
        ),
        Style::AwardInLevels => Texts::new(
            "\u{1}award\u{2} gives points, but this model is decided by levels",
            "write \u{1}pass when ...\u{2}; a stricter level adds \u{1}pass at level 2 when ...\u{2}",
        ),
        Style::LevelsWithTiers => Texts::new(
            "levels cannot be mixed with tiers or a pass threshold on points",
            "decide the model either by points (tiers, \u{1}recognized when total >= N\u{2}) or by levels",
        ),
    }
}

fn quoted_chain(chain: &[String]) -> String {
    let quoted: Vec<String> = chain.iter().map(|t| format!("\"{}\"", t)).collect();
    quoted.join(" → ")
}

/// What a test expected and what it got.
pub fn test_failure(f: &TestFailure) -> String {
    let or_none = |s: &Option<String>| {
        s.as_ref()
            .map_or("none".to_string(), |s| format!("\"{}\"", s))
    };
    match f {
        TestFailure::Rejected { path, message } => {
            format!("the test record is rejected at `{}`: {}", path, message)
        }
        TestFailure::Status { want, got } => format!("expected status {}, got {}", want, got),
        TestFailure::Tier { want, got } => {
            format!("expected tier {}, got {}", or_none(want), or_none(got))
        }
        TestFailure::Total { want, got } => format!("expected total {}, got {}", want, got),
        TestFailure::Points { id, want, got } => format!(
            "expected {} to have {} points, got {}",
            id,
            want,
            got.as_deref().unwrap_or("nothing")
        ),
        TestFailure::Outcome { id, want, got } => {
            format!("expected {} to be {}, got {}", id, want, got)
        }
        TestFailure::NotRejected { path, got } => format!(
            "expected the record to be rejected at `{}`, got errors at: {}",
            path,
            paths(got, "none")
        ),
    }
}

fn paths(got: &[String], none: &str) -> String {
    if got.is_empty() {
        none.to_string()
    } else {
        // Joined, not `{:?}`: Debug of strings cost the browser module 1 KB.
        format!("`{}`", got.join("`, `"))
    }
}
