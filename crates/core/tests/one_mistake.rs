//! One mistake, one diagnostic (issue 14): a mistake in one place neither hides nor multiplies
//! what the checker says about another. An indicator whose condition names an unknown field
//! is reported once (C001), and the points its award can give still count when the checker
//! looks for tiers no total reaches (C025): the tier is reported when it is truly empty, and not
//! when the unchecked indicator could fill it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use tieuchi_core::compile;

/// A model of ten 10-point indicators over `done`, the first awarded by `first`, and the
/// tiers "Tốt" 90..100, "Khá" 85..<90 (empty when every award is all or nothing), "Chưa đạt".
fn model(first: &str) -> String {
    let mut indicators = format!(
        "    indicator U1.1 \"Việc thứ 1\" 10 points {{\n      source \"TT 22, 1\"\n      {first}\n    }}\n"
    );
    for k in 2..=10 {
        indicators.push_str(&format!(
            "    indicator U1.{k} \"Việc thứ {k}\" 10 points {{\n      source \"TT 22, 1\"\n      award whole when done[{k}]\n    }}\n"
        ));
    }
    format!(
        r#"model unit "Đơn vị" {{
  version "v1"
  source "TT 22"
  max 100 points
  input {{
    done: list(10) of bool "Mười việc đã làm"
    share_done: decimal 0..1 "Tỷ lệ"
    exempt: bool "Miễn"
  }}
  criterion U1 "Kết quả" 100 points {{
    source "TT 22, 1"
{indicators}  }}
  tier "Tốt" when total in 90..100 recognized
  tier "Khá" when total in 85..<90 recognized
  tier "Chưa đạt" when total in 0..<85
}}
"#
    )
}

fn codes(src: &str) -> Vec<&'static str> {
    compile(src)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| *c != "C026")
        .collect()
}

#[test]
fn an_unknown_name_does_not_hide_an_unreachable_tier() {
    // (award of U1.1, codes)
    let cases: &[(&str, &[&str])] = &[
        ("award whole when done[1]", &["C025"]),
        // Misspelt: reported once; all or nothing whatever the condition, so "Khá" stays empty.
        ("award whole when done_[1]", &["C001", "C025"]),
        (
            "award bands {\n        10 when dnoe[1]\n        otherwise 0\n      }",
            &["C001", "C025"],
        ),
        // A share could give any points from 0 to 10: "Khá" can be reached.
        ("award proportional to share_done", &[]),
        ("award proportional to shares_done", &["C001"]),
        // Left out of the maximum when not applicable: the totals are not worked out.
        (
            "award whole when done[1]\n      not applicable when exempted counts as excluded",
            &["C001"],
        ),
    ];
    for (award, want) in cases {
        let src = model(award);
        assert_eq!(codes(&src), *want, "{award}");
    }
}
