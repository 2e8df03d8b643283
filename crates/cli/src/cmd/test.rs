//! `tieuchi test`: runs the tests inside rule files; fails when any test fails. For people
//! (`human`), for tools (`json`: the test objects of the browser's `runTests`, per file) or
//! for CI servers (`junit`: JUnit XML, one test suite per rule file).

use std::path::PathBuf;

use serde_json::json;
use tieuchi_core::coverage::{Coverage, coverage};
use tieuchi_core::diagnostic_json::tests_to_json;
use tieuchi_core::testing::{TestResult, run_tests};
use tieuchi_syntax::{Message, SourceMap};

use crate::files;
use crate::render::{lang, say};

/// How `tieuchi test` reports.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TestFormat {
    /// Cho người đọc: mỗi tệp một dòng, các bài không đạt kèm vị trí (for people).
    Human,
    /// JSON: các đối tượng kết quả như `runTests` trong trình duyệt (the browser's objects).
    Json,
    /// JUnit XML cho máy chủ CI, mỗi tệp một test suite (JUnit XML for CI servers).
    Junit,
}

/// One rule file: its tests' results, or why they were not run.
struct FileRun {
    name: String,
    run: Option<(SourceMap, Vec<TestResult>)>,
    /// What the tests reach, with `--coverage`.
    coverage: Option<Coverage>,
}

/// Runs the tests of every file, and with `with_coverage` measures what they reach; false
/// when a file does not check or a test fails.
pub fn run(paths: &[PathBuf], format: TestFormat, with_coverage: bool) -> bool {
    let files = match files::rule_files(paths) {
        Ok(f) => f,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return false;
        }
    };
    let runs: Vec<FileRun> = files
        .iter()
        .map(|path| {
            let loaded = super::load(path);
            let coverage = loaded
                .as_ref()
                .filter(|_| with_coverage)
                .map(|(_, program)| coverage(program));
            FileRun {
                name: path.display().to_string(),
                run: loaded.map(|(sources, program)| {
                    let results = run_tests(&program);
                    (sources, results)
                }),
                coverage,
            }
        })
        .collect();
    let failed: usize = runs
        .iter()
        .filter_map(|f| f.run.as_ref())
        .map(|(_, r)| r.iter().filter(|t| !t.passed()).count())
        .sum();
    let broken = runs.iter().filter(|f| f.run.is_none()).count();
    match format {
        TestFormat::Human => human(&runs, failed, broken),
        TestFormat::Json => outln!("{}", to_json(&runs, failed, broken)),
        TestFormat::Junit => out!("{}", junit(&runs)),
    }
    failed == 0 && broken == 0
}

fn not_run() -> Message {
    Message::new(
        "có lỗi, chưa chạy các bài kiểm thử của tệp",
        "does not check; its tests were not run",
    )
}

fn human(runs: &[FileRun], failed: usize, broken: usize) {
    let mut passed = 0usize;
    for f in runs {
        let Some((sources, results)) = &f.run else {
            outln!("{}: {}", f.name, say(&not_run()));
            continue;
        };
        let file_failed = results.iter().filter(|r| !r.passed()).count();
        let n = results.len();
        passed += n - file_failed;
        let m = Message::new(
            format!("{n} bài kiểm thử, {file_failed} không đạt"),
            format!("{n} tests, {file_failed} failed"),
        );
        outln!("{}: {}", f.name, say(&m));
        for r in results.iter().filter(|r| !r.passed()) {
            let (file, at) = sources.position(r.span);
            let fail = say(&Message::new("KHÔNG ĐẠT", "FAIL"));
            outln!("  {fail} \"{}\" ({file}:{}:{})", r.name, at.line, at.column);
            for (span, msg) in &r.failures {
                let (_, at) = sources.position(*span);
                outln!("    {}:{}: {}", at.line, at.column, say(msg));
            }
        }
        if let Some(c) = &f.coverage {
            super::coverage::human(c);
        }
    }
    if broken > 0 {
        let m = Message::new(
            format!("{broken} tệp quy tắc có lỗi"),
            format!("{broken} rule files have errors"),
        );
        outln!("{}", say(&m));
    }
    let m = Message::new(
        format!("{passed} đạt, {failed} không đạt"),
        format!("{passed} passed, {failed} failed"),
    );
    outln!("{}", say(&m));
    let counted: Vec<(usize, usize)> = runs
        .iter()
        .filter_map(|f| f.coverage.as_ref())
        .map(Coverage::counts)
        .collect();
    if !counted.is_empty() {
        let reached = counted.iter().map(|c| c.0).sum();
        let all = counted.iter().map(|c| c.1).sum();
        outln!("{}", say(&super::coverage::summary(reached, all)));
    }
}

/// `{"ok", "passed", "failed", "files": [{"file", "ok", "tests": [...]} or {"file", "ok":
/// false, "error"}]}`.
fn to_json(runs: &[FileRun], failed: usize, broken: usize) -> serde_json::Value {
    let mut passed = 0usize;
    let files: Vec<serde_json::Value> = runs
        .iter()
        .map(|f| match &f.run {
            Some((sources, results)) => {
                let ok = results.iter().all(TestResult::passed);
                passed += results.iter().filter(|r| r.passed()).count();
                let mut file = json!({"file": f.name, "ok": ok, "tests": tests_to_json(sources, results, lang())});
                if let (Some(c), Some(o)) = (&f.coverage, file.as_object_mut()) {
                    o.insert("coverage".into(), super::coverage::to_json(c));
                }
                file
            }
            None => json!({"file": f.name, "ok": false, "error": not_run().show(lang())}),
        })
        .collect();
    json!({
        "ok": failed == 0 && broken == 0,
        "passed": passed,
        "failed": failed,
        "files": files,
    })
}

/// JUnit XML: a `<testsuite>` per rule file (a file that does not check has one `<error>`),
/// a `<testcase>` per test with its file and line, a `<failure>` listing what did not hold.
fn junit(runs: &[FileRun]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for f in runs {
        let name = xml(&f.name);
        let Some((sources, results)) = &f.run else {
            out.push_str(&format!(
                "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"{name}\" classname=\"{name}\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                xml(&say(&not_run()))
            ));
            continue;
        };
        let failures = results.iter().filter(|r| !r.passed()).count();
        out.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
            results.len()
        ));
        for r in results {
            let (file, at) = sources.position(r.span);
            let head = format!(
                "    <testcase name=\"{}\" classname=\"{name}\" file=\"{}\" line=\"{}\"",
                xml(&r.name),
                xml(&file),
                at.line
            );
            if r.passed() {
                out.push_str(&head);
                out.push_str("/>\n");
                continue;
            }
            let lines: Vec<String> = r
                .failures
                .iter()
                .map(|(span, msg)| {
                    let (_, at) = sources.position(*span);
                    format!("{}:{}: {}", at.line, at.column, say(msg))
                })
                .collect();
            let first = lines.first().cloned().unwrap_or_default();
            out.push_str(&format!(
                "{head}>\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                xml(&first),
                xml(&lines.join("\n"))
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text escaped for XML attributes and content: as for HTML, and the characters XML 1.0 does
/// not allow at all (control characters but tab and new lines) dropped.
fn xml(text: &str) -> String {
    let allowed = |c: &char| (*c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r');
    crate::report::page::esc(&text.chars().filter(allowed).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"
        );
    }
}
