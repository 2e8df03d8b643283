//! `tieuchi test --coverage` (`tieuchi_core::coverage`): what the tests of a rule file reach,
//! on a small model written for it (a table of thresholds and what each test reaches), and
//! on every bundled rule file (pasting the suggested tests gives a file that checks, whose
//! tests pass and reach more).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use tieuchi_core::compile;
use tieuchi_core::coverage::{Coverage, DecisionKind, EdgeKind, coverage};
use tieuchi_core::eval::Outcome;
use tieuchi_core::testing::run_tests;

/// A model with one threshold of each kind; `tests` are written into it.
fn model(tests: &str) -> String {
    format!(
        r#"model unit "Đơn vị" {{
  version "v"
  source "Văn bản"
  max 30 points
  input {{
    activities: int 0..10 "Số hoạt động"
    share: optional decimal 0..1 "Tỷ lệ"
    title: one of {{
      none "Chưa có"
      advanced "Tiên tiến"
      excellent "Xuất sắc"
    }} "Danh hiệu"
    small: bool "Đơn vị nhỏ"
  }}
  criterion A "Tiêu chí" 30 points {{
    source "Văn bản, tiêu chí 1"
    indicator A.1 "Hoạt động" 10 points {{
      source "Văn bản"
      award whole when activities >= 3
    }}
    indicator A.2 "Tỷ lệ" 10 points {{
      source "Văn bản"
      award proportional to share
      not applicable when small counts as full
    }}
    indicator A.3 "Danh hiệu" 10 points {{
      source "Văn bản"
      award whole when title > advanced
    }}
  }}
  tier "Tốt" when total in 25..30 recognized
  tier "Chưa đạt" when total in 0..<25
{tests}}}
"#
    )
}

fn covered(tests: &str) -> Coverage {
    let compiled = compile(&model(tests));
    let program = compiled
        .program
        .unwrap_or_else(|| panic!("{:?}", compiled.diagnostics));
    assert!(run_tests(&program).iter().all(|t| t.passed()));
    coverage(&program)
}

const FULL: &str = r#"  test "Đủ" {
    input {
      activities: 3
      share: 1
      title: excellent
      small: false
    }
    expect total 30
  }
"#;

/// (where, edge, value shown, reached) of every threshold edge.
fn edges(c: &Coverage) -> Vec<(String, EdgeKind, String, bool)> {
    c.thresholds
        .iter()
        .flat_map(|t| {
            t.edges.iter().map(|e| {
                let place = t.place.words().en;
                (
                    place,
                    e.kind,
                    e.value.clone().unwrap_or_default(),
                    e.reached,
                )
            })
        })
        .collect()
}

#[test]
fn each_threshold_has_its_two_edges_and_knows_which_a_test_reaches() {
    let c = covered(FULL);
    let row = |p: &str, e, v: &str, r| (p.to_string(), e, v.to_string(), r);
    assert_eq!(
        edges(&c),
        vec![
            // Whole numbers: 3 and 2.
            row("A.1", EdgeKind::At, "3", true),
            row("A.1", EdgeKind::Below, "2", false),
            // Enumeration values: the next one in declared order, and the value itself.
            row("A.3", EdgeKind::Above, "Xuất sắc", true),
            row("A.3", EdgeKind::At, "Tiên tiến", false),
            // Points: the model's rounding (2 places) is the step.
            row("Tier Tốt", EdgeKind::At, "25", false),
            row("Tier Tốt", EdgeKind::Below, "24,99", false),
            row("Tier Tốt", EdgeKind::At, "30", true),
            row("Tier Chưa đạt", EdgeKind::At, "0", false),
        ]
    );
}

#[test]
fn an_indicator_lists_only_the_outcomes_it_can_have() {
    let c = covered(FULL);
    let outcomes = |id: &str| -> Vec<(Outcome, bool)> {
        c.indicators
            .iter()
            .find(|i| i.id == id)
            .unwrap()
            .outcomes
            .clone()
    };
    use Outcome::*;
    // A required input left out rejects the record: only an optional one gives "unknown".
    assert_eq!(outcomes("A.1"), vec![(Met, true), (Unmet, false)]);
    assert_eq!(
        outcomes("A.2"),
        vec![
            (Met, true),
            (Partial, false),
            (Unmet, false),
            (NotApplicable, false),
            (Unknown, false)
        ]
    );
    let tiers: Vec<(DecisionKind, bool)> =
        c.decisions.iter().map(|d| (d.kind, d.reached)).collect();
    assert_eq!(
        tiers,
        vec![
            (DecisionKind::Tier, true),
            (DecisionKind::Tier, false),
            (DecisionKind::Status, true),
            (DecisionKind::Status, false),
        ]
    );
}

#[test]
fn tests_near_a_threshold_reach_its_edges() {
    let near = r#"  test "Ngay dưới" from "Đủ" {
    input {
      activities: 2
      title: advanced
      share: 0.5
    }
    expect total 5
  }
"#;
    let c = covered(&format!("{FULL}{near}"));
    let reached: Vec<bool> = edges(&c).iter().map(|e| e.3).collect();
    assert_eq!(
        reached,
        vec![true, true, true, true, false, false, true, false]
    );
    // A test expecting a rejection is not counted.
    let rejected = r#"  test "Quá 10" from "Đủ" {
    input {
      activities: 11
    }
    expect error "/activities"
  }
"#;
    let c = covered(&format!("{FULL}{rejected}"));
    assert_eq!((c.scored, c.unscored), (1, 1));
}

/// The suggested tests, pasted into the file as they are printed, give a file that checks;
/// they pass, and each reaches something no test reached before.
#[test]
fn pasting_the_suggested_tests_into_each_bundled_file_reaches_more() {
    let mut suggested = 0;
    for path in support::bundled_paths() {
        let compiled = support::compile_path(&path);
        let program = compiled.program.unwrap();
        let before = coverage(&program);
        if before.suggestions.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let end = text.trim_end().rfind('}').unwrap();
        let blocks: String = before.suggestions.iter().map(|s| s.text.clone()).collect();
        let pasted = format!("{}\n{}{}", &text[..end], blocks, &text[end..]);
        let compiled = support::compile_at(&path, &pasted);
        let errors: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let program = compiled.program.unwrap();
        let failed: Vec<_> = run_tests(&program)
            .into_iter()
            .filter(|t| !t.passed())
            .collect();
        assert!(failed.is_empty(), "{}: {failed:?}", path.display());
        let after = coverage(&program);
        let (was, all) = before.counts();
        let (now, all_after) = after.counts();
        assert_eq!(all, all_after, "{}", path.display());
        assert!(
            now >= was + before.suggestions.len(),
            "{}: {was} → {now} with {} suggestions",
            path.display(),
            before.suggestions.len()
        );
        suggested += before.suggestions.len();
    }
    assert!(suggested > 10, "{suggested} suggestions");
}
