//! Rounding modes (issue 12): `rounding N [half_up|down|up|half_even]` in the header and on an
//! indicator, each mode at and around the .5 boundary, and misuse reported as C011.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use rust_decimal::Decimal;
use tieuchi_core::eval::round_by;
use tieuchi_core::program::{Rounding, RoundingMode};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn each_mode_at_and_around_the_half() {
    use RoundingMode::{Down, HalfEven, HalfUp, Up};
    // (points, places, half_up, down, up, half_even)
    let cases = [
        ("2.345", 2, "2.35", "2.34", "2.35", "2.34"),
        ("2.355", 2, "2.36", "2.35", "2.36", "2.36"),
        ("2.341", 2, "2.34", "2.34", "2.35", "2.34"),
        ("2.349", 2, "2.35", "2.34", "2.35", "2.35"),
        ("2.34", 2, "2.34", "2.34", "2.34", "2.34"),
        ("0.5", 0, "1", "0", "1", "0"),
        ("1.5", 0, "2", "1", "2", "2"),
        ("0.0000005", 6, "0.000001", "0", "0.000001", "0"),
        ("0", 2, "0", "0", "0", "0"),
    ];
    for (p, places, half_up, down, up, half_even) in cases {
        for (mode, want) in [
            (HalfUp, half_up),
            (Down, down),
            (Up, up),
            (HalfEven, half_even),
        ] {
            let got = round_by(d(p), Rounding { places, mode });
            assert_eq!(got, d(want), "{p} to {places} places, {mode:?}");
        }
    }
}

const MODEL: &str = r#"model family "Gia đình" {
  source "Ví dụ"
  max 10 points
  HEADER
  input { n: int 0..10000 "Số phần vạn" }
  criterion K "K" 10 points {
    source "Ví dụ"
    indicator A "A" 10 points {
      source "Ví dụ"
      award proportional to n / 10000
      INDICATOR
    }
  }
  recognized when total >= 5
}"#;

fn points(header: &str, indicator: &str, n: i64) -> Decimal {
    let src = MODEL
        .replace("HEADER", header)
        .replace("INDICATOR", indicator);
    let compiled = tieuchi_core::compile(&src);
    let program = compiled
        .program
        .unwrap_or_else(|| panic!("{:?}", compiled.diagnostics));
    let rec = format!("{{\"n\": {n}}}");
    let decoded = tieuchi_core::decode_str(&program, &rec);
    let ev = tieuchi_core::evaluate(&program, &decoded.values);
    ev.indicators[0].points.lo
}

#[test]
fn the_indicator_rule_overrides_the_model_rule() {
    // (header, indicator statement, n, points): 10 × n/10000.
    let cases = [
        ("", "", 2345, "2.35"),
        ("rounding 2", "", 2345, "2.35"),
        ("rounding 2 half_even", "", 2345, "2.34"),
        ("rounding 2 down", "", 2349, "2.34"),
        ("rounding 1 up", "", 2301, "2.4"),
        ("rounding 0", "", 2500, "3"),
        ("rounding 2 down", "rounding 2 up", 2341, "2.35"),
        ("rounding 2 up", "rounding 1", 2345, "2.3"),
        (
            "rounding 2 half_even  # comment",
            "rounding 3 down",
            2345,
            "2.345",
        ),
    ];
    for (header, indicator, n, want) in cases {
        assert_eq!(
            points(header, indicator, n),
            d(want),
            "header {header:?}, indicator {indicator:?}, n {n}"
        );
    }
}

/// A proportional award is rounded once, from max × part ÷ whole exactly: 15 points for 1 of
/// 3000 is exactly 0,005 (0,01 half up, 0 half to even), which the share cut to 28 digits
/// (0,000333…3) used to make 0,00499…95 and round to 0 whatever the mode. Through a `let` too.
#[test]
fn a_share_times_the_maximum_is_rounded_once_from_the_exact_product() {
    let model = |award: &str, rounding: &str| {
        format!(
            r#"model unit "Đơn vị" {{
  source "Ví dụ"
  max 15 points
  {rounding}
  input {{ part: int 0..100000 "Số đạt"  whole: int 1..100000 "Tổng số" }}
  let share = part / whole
  criterion K "K" 15 points {{
    source "Ví dụ"
    indicator A "A" 15 points {{
      source "Ví dụ"
      award proportional to {award}
    }}
  }}
  recognized when total >= 5
}}"#
        )
    };
    // (award, rounding, part, whole, points)
    let cases = [
        ("part / whole", "", 1, 3000, "0.01"),
        ("share", "", 1, 3000, "0.01"),
        ("share", "rounding 2 half_even", 1, 3000, "0"),
        ("share", "rounding 2 half_even", 3, 3000, "0.02"),
        ("share", "rounding 2 down", 2999, 3000, "14.99"),
        ("share", "", 37, 45, "12.33"),
        ("share", "", 0, 45, "0"),
        ("share", "", 45, 45, "15"),
        // Beyond 0..1 the share is clamped, as before.
        ("share", "", 50, 45, "15"),
    ];
    for (award, rounding, part, whole, want) in cases {
        let compiled = tieuchi_core::compile(&model(award, rounding));
        let program = compiled
            .program
            .unwrap_or_else(|| panic!("{:?}", compiled.diagnostics));
        let rec = format!("{{\"part\": {part}, \"whole\": {whole}}}");
        let decoded = tieuchi_core::decode_str(&program, &rec);
        let ev = tieuchi_core::evaluate(&program, &decoded.values);
        assert_eq!(
            ev.indicators[0].points.lo,
            d(want),
            "{award} {rounding:?} {part}/{whole}"
        );
    }
}

#[test]
fn misuse_is_reported_where_it_is() {
    // (header, indicator statement, code, text in the message)
    let cases = [
        ("rounding 2 sideways", "", "C011", "sideways"),
        ("rounding 7", "", "C011", "0 đến 6"),
        ("", "rounding 2 nearest", "C011", "nearest"),
        ("", "rounding 1.5", "C011", "0 đến 6"),
        ("", "rounding 2\n rounding 1", "S006", "rounding"),
    ];
    for (header, indicator, code, text) in cases {
        let src = MODEL
            .replace("HEADER", header)
            .replace("INDICATOR", indicator);
        let compiled = tieuchi_core::compile(&src);
        assert!(compiled.program.is_none(), "{header:?} {indicator:?}");
        let found = compiled
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| {
                panic!(
                    "{code} for {header:?} {indicator:?}: {:?}",
                    compiled.diagnostics
                )
            });
        assert!(
            found.message.to_string().contains(text),
            "{header:?} {indicator:?}: {}",
            found.message
        );
    }
}
