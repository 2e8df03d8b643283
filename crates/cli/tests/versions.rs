//! Versions of a model in a directory: the one in force is picked, overlaps are refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

mod support;

/// `tieuchi ARGS` from the workspace root: success, standard output, standard error.
fn tieuchi(args: &[&str]) -> (bool, String, String) {
    let run = support::tieuchi(args);
    (run.ok, run.stdout, run.stderr)
}

#[test]
fn picks_the_version_in_force_for_the_assessment_year() {
    let (ok, _, err) = tieuchi(&[
        "eval",
        "rules/unit/",
        "rules/unit/examples/so-gddt-tot.json",
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("Đã chọn rules/unit/tt22-2020.rules"), "{err}");
    let (ok, _, err) = tieuchi(&[
        "eval",
        "rules/unit/",
        "rules/unit/examples/tt24-so-tu-phap-son-la-muc-2.json",
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("Đã chọn rules/unit/tt24-2023.rules"), "{err}");
}

#[test]
fn a_province_gets_its_own_version_of_the_same_scope() {
    let dir = std::env::temp_dir().join(format!("tieuchi-versions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let record = dir.join("ha-noi.json");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/unit/examples/so-gddt-tot.json"
    ))
    .unwrap();
    std::fs::write(
        &record,
        text.replacen('{', "{\n  \"province_code\": \"01\",", 1),
    )
    .unwrap();
    let (_, _, err) = tieuchi(&["eval", "rules/unit/", record.to_str().unwrap()]);
    assert!(
        err.contains("Đã chọn rules/unit/ha-noi-kh103-2021.rules"),
        "{err}"
    );
    let (_, _, err) = tieuchi(&[
        "eval",
        "rules/unit/",
        "rules/unit/examples/so-gddt-tot.json",
        "--province",
        "01",
    ]);
    assert!(err.contains("ha-noi-kh103-2021.rules"), "{err}");
    // A commune-managed school in Hà Nội keeps the commune rules: Hà Nội's file adapts the
    // district and provincial rules only.
    let (ok, _, err) = tieuchi(&[
        "eval",
        "rules/unit/",
        "rules/unit/examples/qd448-truong-tieu-hoc-tam-an-dat.json",
        "--province",
        "01",
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("Đã chọn rules/unit/commune-qd448-2015.rules"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_record_without_a_date_cannot_pick_a_version() {
    let dir = std::env::temp_dir().join(format!("tieuchi-nodate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let record = dir.join("no-date.json");
    std::fs::write(
        &record,
        r#"{"unit_name": "Sở Tư pháp", "members_total": 10}"#,
    )
    .unwrap();
    let (ok, _, err) = tieuchi(&["eval", "rules/unit/", record.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("không có `assessment_date` hay `assessment_year`"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_versions_in_force_at_once_are_an_error() {
    let dir = std::env::temp_dir().join(format!("tieuchi-overlap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let national = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/unit/tt22-2020.rules"
    ))
    .unwrap();
    std::fs::write(dir.join("a.rules"), &national).unwrap();
    let later = national.replace(
        "valid from 2020-09-21 to 2024-01-25",
        "valid from 2023-01-01",
    );
    assert_ne!(later, national);
    std::fs::write(dir.join("b.rules"), later).unwrap();
    let (ok, out, _) = tieuchi(&["check", dir.to_str().unwrap()]);
    assert!(!ok);
    assert!(out.contains("error[C017]"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Writes `record` (JSON text) to a scratch file and runs `eval` on it with `args` after.
fn eval_record(name: &str, record: &str, rules: &str, args: &[&str]) -> (bool, String, String) {
    let dir = std::env::temp_dir().join(format!("tieuchi-eval-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("record.json");
    std::fs::write(&path, record).unwrap();
    let mut all = vec!["eval", rules, path.to_str().unwrap()];
    all.extend_from_slice(args);
    let result = tieuchi(&all);
    std::fs::remove_dir_all(&dir).unwrap();
    result
}

/// An example record with `fields` (JSON members, without braces) added at its start.
fn example_with(example: &str, fields: &str) -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(example),
    )
    .unwrap();
    let without_scope = text.replacen("\n  \"scope\": \"district_province\",", "", 1);
    without_scope.replacen('{', &format!("{{\n  {fields},"), 1)
}

const SO_GDDT: &str = "rules/unit/examples/so-gddt-tot.json";
const SO_TU_PHAP_TT24: &str = "rules/unit/examples/tt24-so-tu-phap-son-la-muc-2.json";

#[test]
fn selector_fields_are_accepted_by_every_model() {
    // (rules, example, extra fields): a directory and single files, each version's model.
    let cases: [(&str, &str, &str); 5] = [
        (
            "rules/unit/",
            SO_GDDT,
            r#""scope": "district_province", "assessment_date": "2022-12-20", "province_code": "14""#,
        ),
        (
            "rules/unit/tt22-2020.rules",
            SO_GDDT,
            r#""assessment_date": "2022-12-20", "province_code": "14""#,
        ),
        (
            "rules/unit/tt24-2023.rules",
            SO_TU_PHAP_TT24,
            r#""scope": "district_province", "province_code": "14""#,
        ),
        (
            "rules/citizen/qd324-2023.rules",
            "rules/citizen/examples/cu-dan-nguyen-thi-hoa-dat.json",
            r#""assessment_date": "2024-05-01", "province_code": "34""#,
        ),
        (
            "rules/family/",
            "rules/family/examples/ho-nguyen-van-an-dat.json",
            r#""assessment_date": "2024-12-01", "province_code": "34""#,
        ),
    ];
    for (rules, example, fields) in cases {
        let (ok, _, err) = eval_record("selectors", &example_with(example, fields), rules, &[]);
        assert!(ok, "{rules} {example}: {err}");
        assert!(!err.contains("R003"), "{rules} {example}: {err}");
    }
}

#[test]
fn a_selector_that_contradicts_the_rule_file_is_refused() {
    // (rules, fields, what the error says)
    let cases: [(&str, &str, &str); 4] = [
        (
            "rules/unit/tt22-2020.rules",
            r#""scope": "commune""#,
            "[R007] tại /scope",
        ),
        (
            "rules/unit/ha-noi-kh103-2021.rules",
            r#""province_code": "79""#,
            "[R007] tại /province_code",
        ),
        (
            "rules/unit/tt22-2020.rules",
            r#""assessment_date": "20/12/2022""#,
            "[R008] tại /assessment_date",
        ),
        (
            "rules/unit/tt22-2020.rules",
            r#""province_code": 1"#,
            "[R005] tại /province_code",
        ),
    ];
    for (rules, fields, expected) in cases {
        let (ok, _, err) = eval_record("contradicts", &example_with(SO_GDDT, fields), rules, &[]);
        assert!(!ok, "{rules} {fields}: {err}");
        assert!(err.contains(expected), "{rules} {fields}: {err}");
    }
    // --scope and --province name what the single file is not for.
    for args in [["--scope", "commune"], ["--province", "79"]] {
        let (ok, _, err) = tieuchi(&[
            "eval",
            "rules/unit/ha-noi-kh103-2021.rules",
            SO_GDDT,
            args[0],
            args[1],
        ]);
        assert!(!ok, "{args:?}: {err}");
    }
}

#[test]
fn the_assessment_date_picks_tt22_until_25_january_2024_and_tt24_from_the_26th() {
    // (example, its assessment year, date fields, version chosen or None when refused)
    let cases: [(&str, &str, &str, Option<&str>); 6] = [
        (SO_GDDT, "2023", "", Some("tt22-2020.rules")),
        (
            SO_GDDT,
            "2023",
            r#", "assessment_date": "2024-01-25""#,
            Some("tt22-2020.rules"),
        ),
        (
            SO_TU_PHAP_TT24,
            "2024",
            r#", "assessment_date": "2024-01-26""#,
            Some("tt24-2023.rules"),
        ),
        (SO_TU_PHAP_TT24, "2024", "", Some("tt24-2023.rules")),
        // A TT 24 record dated before TT 24 took effect is scored under TT 22, whose input
        // it does not fit: refused, never scored under TT 24.
        (
            SO_TU_PHAP_TT24,
            "2024",
            r#", "assessment_date": "2024-01-20""#,
            None,
        ),
        // An assessment date that is not a date is refused, not replaced by the year.
        (
            SO_GDDT,
            "2022",
            r#", "assessment_date": "2024-13-01""#,
            None,
        ),
    ];
    for (example, year, date, chosen) in cases {
        let record = example_with(example, &format!(r#""scope": "district_province"{date}"#))
            .replacen(
                "\"assessment_year\": 2022",
                &format!("\"assessment_year\": {year}"),
                1,
            );
        let (ok, out, err) = eval_record("dates", &record, "rules/unit/", &[]);
        match chosen {
            Some(file) => {
                assert!(ok, "{year} {date}: {err}");
                assert!(
                    err.contains(&format!("Đã chọn rules/unit/{file}")),
                    "{year} {date}: {err}"
                );
            }
            None => {
                assert!(!ok, "{date}: {out}{err}");
                assert!(
                    !err.contains("Đã chọn rules/unit/tt24-2023.rules"),
                    "{date}: {err}"
                );
            }
        }
    }
}

#[test]
fn the_scope_is_stated_never_guessed() {
    // No scope: the unit directory holds two scopes, so the record is refused, naming them.
    let (ok, _, err) = tieuchi(&[
        "eval",
        "rules/unit/",
        "rules/unit/examples/phong-gddt-kha.json",
    ]);
    assert!(ok, "{err}");
    let record = example_with(SO_GDDT, r#""commune_name": "x""#);
    let (ok, _, err) = eval_record("noscope", &record, "rules/unit/", &[]);
    assert!(!ok);
    assert!(err.contains("[B001]"), "{err}");
    assert!(err.contains("commune (commune-qd448-2015.rules)"), "{err}");
    assert!(
        err.contains(
            "district_province (ha-noi-kh103-2021.rules, tt22-2020.rules, tt24-2023.rules)"
        ),
        "{err}"
    );
    // --scope states it for the record.
    let (ok, _, err) = eval_record(
        "flag",
        &record,
        "rules/unit/",
        &["--scope", "district_province"],
    );
    assert!(!ok, "commune_name is not a TT 22 field: {err}");
    assert!(err.contains("Đã chọn rules/unit/tt22-2020.rules"), "{err}");
    // A provincial agency stating the commune scope is scored by the commune rules only
    // if it says so; a record and --scope that disagree are refused.
    let stated = example_with(SO_GDDT, r#""scope": "district_province""#);
    let (ok, _, err) = eval_record("clash", &stated, "rules/unit/", &["--scope", "commune"]);
    assert!(!ok);
    assert!(err.contains("--scope"), "{err}");
    // An unknown scope names the known ones.
    let (ok, _, err) = eval_record("unknown", &record, "rules/unit/", &["--scope", "school"]);
    assert!(!ok);
    assert!(
        err.contains("không có phiên bản nào") && err.contains("district_province ("),
        "{err}"
    );
}

#[test]
fn no_version_of_the_scope_in_force_names_each_candidate_and_its_validity() {
    let record = example_with(SO_GDDT, r#""scope": "district_province""#)
        .replace("\"assessment_year\": 2022", "\"assessment_year\": 2019");
    let (ok, _, err) = eval_record("none", &record, "rules/unit/", &[]);
    assert!(!ok);
    assert!(err.contains("[B001]"), "{err}");
    for candidate in [
        "rules/unit/tt22-2020.rules (phạm vi (scope) district_province, hiệu lực (valid) 2020-09-21 → 2024-01-25",
        "rules/unit/tt24-2023.rules (phạm vi (scope) district_province, hiệu lực (valid) 2024-01-26 →",
        "rules/unit/ha-noi-kh103-2021.rules (phạm vi (scope) district_province, hiệu lực (valid) 2021-04-14 → 2024-01-25, tỉnh mã (province) 01",
    ] {
        assert!(err.contains(candidate), "{candidate}\n{err}");
    }
    // The commune version (another scope) is no candidate.
    assert!(!err.contains("commune-qd448-2015.rules ("), "{err}");
}

#[test]
fn batch_reads_the_selectors_of_each_record() {
    let dir = std::env::temp_dir().join(format!("tieuchi-batch-sel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lines: Vec<String> = [
        (
            SO_GDDT,
            r#""scope": "district_province", "province_code": "14""#,
        ),
        (
            "rules/unit/examples/qd448-truong-tieu-hoc-tam-an-dat.json",
            r#""province_code": "01""#,
        ),
        (
            SO_TU_PHAP_TT24,
            r#""scope": "district_province", "assessment_date": "2024-03-01""#,
        ),
        (SO_GDDT, r#""province_code": "14""#),
    ]
    .iter()
    .map(|(example, fields)| {
        let v: serde_json::Value = serde_json::from_str(&example_with(example, fields)).unwrap();
        v.to_string()
    })
    .collect();
    let input = dir.join("in.ndjson");
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let rejects = dir.join("rejects.ndjson");
    let (ok, out, err) = tieuchi(&[
        "batch",
        "rules/unit/",
        "-i",
        input.to_str().unwrap(),
        "-o",
        "-",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let versions: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["version"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(versions, ["tt22-2020", "commune-qd448-2015", "tt24-2023"]);
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(rejected.lines().count(), 1, "{rejected}");
    assert!(
        rejected.contains("\"line\":4") && rejected.contains("B001"),
        "{rejected}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn versions_in_force_together_are_reported_once_per_group() {
    let dir = std::env::temp_dir().join(format!("tieuchi-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rule = |version: usize, from: &str| {
        format!(
            "model m \"Mô hình thử\" {{\n  version \"v{version}\"\n  source \"Văn bản thử\"\n  valid from {from}\n  jurisdiction national\n  max 10 points\n  input {{ x: bool \"X\" }}\n  criterion A \"A\" 10 points {{\n    source \"Văn bản thử\"\n    indicator A.1 \"A1\" 10 points {{\n      source \"Văn bản thử\"\n      award whole when x\n    }}\n  }}\n  recognized when total >= 5\n}}\n"
        )
    };
    const N: usize = 2000;
    for i in 0..N {
        std::fs::write(dir.join(format!("v{i:04}.rules")), rule(i, "2020-01-01")).unwrap();
    }
    // One more version that ends before the others start: not part of the group.
    let old = rule(N, "2010-01-01").replace(
        "valid from 2010-01-01",
        "valid from 2010-01-01 to 2019-12-31",
    );
    std::fs::write(dir.join("old.rules"), old).unwrap();
    let (ok, out, _) = tieuchi(&["check", dir.to_str().unwrap()]);
    assert!(!ok);
    assert_eq!(
        out.matches("error[C017]").count(),
        1,
        "{}",
        &out[..out.len().min(2000)]
    );
    assert!(
        out.contains(&format!("error[C017]: {N} phiên bản")),
        "{}",
        &out[..out.len().min(2000)]
    );
    let listed = out.lines().filter(|l| l.starts_with("  - ")).count();
    assert_eq!(listed, N);
    assert!(
        !out.contains("old.rules (2010"),
        "the earlier version is listed"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_table_states_the_scope_in_a_column_as_with_the_option() {
    let dir = std::env::temp_dir().join(format!("tieuchi-csv-scope-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/unit/examples/batch/units.csv"
    ))
    .unwrap();
    let with_scope: Vec<String> = table
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let cell = if i == 0 { "scope" } else { "district_province" };
            format!("{l},{cell}")
        })
        .collect();
    let (plain, scoped) = (dir.join("plain.csv"), dir.join("scoped.csv"));
    std::fs::write(&plain, &table).unwrap();
    std::fs::write(&scoped, with_scope.join("\n") + "\n").unwrap();
    let run = |input: &std::path::Path, extra: &[&str]| {
        let mut args = vec![
            "batch",
            "rules/unit/",
            "-i",
            input.to_str().unwrap(),
            "-o",
            "-",
        ];
        args.extend_from_slice(extra);
        tieuchi(&args)
    };
    let (ok, by_column, err) = run(&scoped, &[]);
    assert!(ok, "{err}");
    let (ok, by_option, err) = run(&plain, &["--scope", "district_province"]);
    assert!(ok, "{err}");
    assert!(by_column.lines().count() > 40, "{by_column}\n{err}");
    assert_eq!(by_column, by_option);
    // Neither: every record is refused, none scored under a guessed scope.
    let (ok, none, err) = run(&plain, &[]);
    assert!(ok, "{err}");
    assert_eq!(none.lines().count(), 0, "{none}");
    assert!(err.contains("B001"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_record_dated_outside_a_named_file_is_scored_with_a_warning() {
    // TT 22/2020 ends on 2024-01-25: a record of 2025 scored under that file says so.
    let dir = support::scratch("out-of-force");
    let mut record: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(support::root().join("rules/unit/examples/phong-gddt-kha.json"))
            .unwrap(),
    )
    .unwrap();
    record["assessment_year"] = serde_json::json!(2025);
    let path = dir.join("2025.json");
    std::fs::write(&path, record.to_string()).unwrap();
    let run = support::tieuchi(&["eval", "rules/unit/tt22-2020.rules", support::s(&path)]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("cảnh báo (warning): ngày đánh giá 2025-12-31 nằm ngoài thời gian hiệu lực của rules/unit/tt22-2020.rules (2020-09-21 → 2024-01-25)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`rules/unit/`"), "{}", run.stderr);
    // In force: no warning.
    let run = support::tieuchi(&[
        "eval",
        "rules/unit/tt22-2020.rules",
        "rules/unit/examples/phong-gddt-kha.json",
    ]);
    assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);
}
