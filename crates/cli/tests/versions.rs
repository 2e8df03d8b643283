//! Versions of a model in a directory: the one in force is picked, overlaps are refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::process::Command;

fn tieuchi(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run tieuchi");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
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
fn a_province_gets_its_own_version() {
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
        "valid from 2020-09-21 to 2023-12-10",
        "valid from 2023-01-01",
    );
    std::fs::write(dir.join("b.rules"), later).unwrap();
    let (ok, out, _) = tieuchi(&["check", dir.to_str().unwrap()]);
    assert!(!ok);
    assert!(out.contains("error[C017]"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
