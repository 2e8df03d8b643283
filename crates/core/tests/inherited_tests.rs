//! The tests of an extended rule file run again under the adapting file: a changed indicator
//! shows as a failing test of the parent, and a test of the same name in the adapting file
//! replaces the parent's.
#![allow(clippy::panic, reason = "tests")]

use tieuchi_core::check::compile_file;
use tieuchi_core::testing::run_tests;

const PARENT: &str = r#"model unit "Đơn vị" {
  version "quoc-gia"
  source "Thông tư"
  max 10 points
  input {
    share: decimal 0..1 "Tỷ lệ"
  }
  criterion A "Tiêu chí" 10 points {
    source "Thông tư, tiêu chí 1"
    indicator A.1 "Chỉ tiêu" 10 points {
      source "Thông tư, tiêu chí 1"
      award whole when share >= 100%
    }
  }
  recognized when total >= 10
  test "Đủ 100%" {
    input {
      share: 1
    }
    expect A.1 met
  }
  test "70% chưa đạt" {
    input {
      share: 0.7
    }
    expect A.1 unmet
  }
  test "50% chưa đạt" {
    input {
      share: 0.5
    }
    expect A.1 unmet
  }
}
"#;

fn child(tests: &str) -> String {
    format!(
        r#"model unit "Đơn vị (tỉnh)" extends "parent.rules" {{
  version "tinh"
  source "Kế hoạch của tỉnh"
  override indicator A.1 "Chỉ tiêu (70%)" 10 points {{
    source "Kế hoạch của tỉnh"
    award whole when share >= 70%
  }}
{tests}}}
"#
    )
}

/// (name, passed, file of the test) for each test of the adapting file.
fn run(child: &str) -> Vec<(String, bool, String)> {
    let mut load = |_: &str, path: &str| match path {
        "parent.rules" => Ok((path.to_string(), PARENT.to_string())),
        _ => Err(format!("no file `{path}`")),
    };
    let compiled = compile_file("child.rules", child, &mut load);
    let program = compiled.program.unwrap_or_else(|| {
        panic!("the adapting file checks: {:?}", compiled.diagnostics);
    });
    run_tests(&program)
        .into_iter()
        .map(|r| {
            let (file, _) = compiled.sources.position(r.span);
            (r.name.clone(), r.passed(), file.to_string())
        })
        .collect()
}

#[test]
fn the_parent_tests_run_under_the_adaptation() {
    let results = run(&child(""));
    let parent = |name: &str, passed| (name.to_string(), passed, "parent.rules".to_string());
    assert_eq!(
        results,
        vec![
            parent("Đủ 100%", true),
            // The adaptation changes this answer: the parent's expectation fails, in its file.
            parent("70% chưa đạt", false),
            parent("50% chưa đạt", true),
        ]
    );
}

#[test]
fn a_test_of_the_same_name_replaces_the_parents() {
    let own = r#"  test "70% chưa đạt" {
    input {
      share: 0.7
    }
    expect A.1 met
  }
  test "Đúng 70%" from "50% chưa đạt" {
    input {
      share: 0.7
    }
    expect A.1 met
  }
"#;
    let results = run(&child(own));
    let names: Vec<(&str, bool, &str)> = results
        .iter()
        .map(|(n, p, f)| (n.as_str(), *p, f.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Đủ 100%", true, "parent.rules"),
            ("70% chưa đạt", true, "child.rules"),
            ("50% chưa đạt", true, "parent.rules"),
            // A test of the adapting file may start from a test of the parent.
            ("Đúng 70%", true, "child.rules"),
        ]
    );
}
