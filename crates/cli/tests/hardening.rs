//! Hostile inputs to the command line: very long lines, floods of errors, oversized and
//! overlapping files, too many threads, killed runs. Each must end with a clear error (exit
//! 1), never a crash (101, 134), a hang or a lost file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::process::Command;

use support::{root, s, scratch, tieuchi};

/// The rule file of the check fixtures whose line 16 misspells a name.
const C001: &str = "tests/check/C001.rules";

/// C001 with `pad` put before the misspelt name on its line.
fn padded_c001(pad: &str) -> String {
    let src = std::fs::read_to_string(root().join(C001)).unwrap();
    src.replace(
        "let share_compliant = members_complaint",
        &format!("let share_compliant = {pad}members_complaint"),
    )
}

/// Runs the binary and returns its exit code with its output.
fn code(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_error_far_along_a_long_line_is_reported_not_a_crash() {
    let dir = scratch("long-line");
    // Display columns past 65,535: tabs (four columns each), spaces, and two-byte letters.
    let cases = [
        ("tabs", "\t".repeat(16 * 1024), 16 * 1024 + 25),
        ("spaces", " ".repeat(70_000), 70_000 + 25),
        (
            "letters",
            format!("\"{}\" + ", "đ".repeat(70_000)),
            70_000 + 30,
        ),
    ];
    for (name, pad, column) in cases {
        let file = dir.join(format!("{name}.rules"));
        std::fs::write(&file, padded_c001(&pad)).unwrap();
        let (status, stdout, stderr) = code(&["check", s(&file)]);
        assert_eq!(status, Some(1), "{name}: {stderr}");
        let at = format!("{name}.rules:16:{column}]");
        assert!(
            stdout.contains("C001") && stdout.contains(&at),
            "{name}: {stdout}"
        );
        // The line is shown cut around the name, not whole.
        assert!(stdout.contains("…"), "{name}: {stdout}");
        assert!(stdout.len() < 4000, "{name}: {} bytes", stdout.len());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_flood_of_errors_prints_the_first_hundred_and_counts_them_all() {
    let dir = scratch("flood");
    let src = std::fs::read_to_string(root().join(C001)).unwrap();
    // Type errors, each its own (a name misspelt the same way is one error: see
    // `a_name_misspelt_many_times_is_one_error`).
    let extra: String = (0..16_000)
        .map(|i| format!("  let extra_{i} = members_total + has_learning_plan\n"))
        .collect();
    let file = dir.join("flood.rules");
    std::fs::write(
        &file,
        src.replace(
            "  let share_compliant",
            &format!("{extra}  let share_compliant"),
        ),
    )
    .unwrap();
    let run = tieuchi(&["check", s(&file)]);
    assert!(!run.ok);
    assert_eq!(run.stdout.matches("found a yes/no value").count(), 100);
    assert!(
        run.stdout
            .contains("… và 15901 lỗi khác (and 15901 more errors)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("FAILED: 16001 errors"),
        "{}",
        run.stdout
    );
    // `test` prints the problems of a file that does not check the same way.
    let run = tieuchi(&["test", s(&file)]);
    assert!(!run.ok);
    assert_eq!(run.stderr.matches("found a yes/no value").count(), 100);
    assert!(run.stderr.contains("15901 more errors"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A name misspelt the same way on many lines is one error: its first place underlined,
/// five more labelled, the rest counted (not 2,001 errors, nor 2,000 labels).
#[test]
fn a_name_misspelt_many_times_is_one_error() {
    let dir = scratch("misspelt");
    let src = std::fs::read_to_string(root().join(C001)).unwrap();
    let extra: String = (0..2_000)
        .map(|i| format!("  let extra_{i} = members_complaint\n"))
        .collect();
    let file = dir.join("misspelt.rules");
    std::fs::write(
        &file,
        src.replace(
            "  let share_compliant",
            &format!("{extra}  let share_compliant"),
        ),
    )
    .unwrap();
    let run = tieuchi(&["check", s(&file)]);
    assert!(!run.ok);
    assert_eq!(
        run.stdout.matches("unknown name").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("FAILED: 1 errors"), "{}", run.stdout);
    assert_eq!(
        run.stdout.matches("also written here").count(),
        5,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("also written here and in 1995 more places"),
        "{}",
        run.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The unit rules and example records of the batch tests.
const RULES: &str = "rules/unit/tt22-2020.rules";
const UNITS_NDJSON: &str = "rules/unit/examples/batch/units.ndjson";

/// The names in a directory, sorted, hidden ones included.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn no_input_of_a_run_is_taken_as_an_output() {
    let dir = scratch("inputs-as-outputs");
    let input = dir.join("units.ndjson");
    std::fs::copy(root().join(UNITS_NDJSON), &input).unwrap();
    let rules = dir.join("unit.rules");
    std::fs::copy(root().join(RULES), &rules).unwrap();
    let versions = dir.join("versions");
    std::fs::create_dir(&versions).unwrap();
    std::fs::copy(root().join(RULES), versions.join("tt22.rules")).unwrap();
    let table = dir.join("members.csv");
    std::fs::write(&table, "Mã,Tên\n1,An\n").unwrap();
    // A rule file that extends another: the extended one is read too.
    let ext = dir.join("ext");
    std::fs::create_dir(&ext).unwrap();
    let (local, base) = (ext.join("ha-noi.rules"), ext.join("tt22-2020.rules"));
    std::fs::copy(root().join("rules/unit/ha-noi-kh103-2021.rules"), &local).unwrap();
    std::fs::copy(root().join(RULES), &base).unwrap();
    let linked = dir.join("linked.ndjson");
    std::fs::hard_link(&input, &linked).unwrap();
    let (i, r, t) = (s(&input), s(&rules), s(&table));
    let in_dir = s(&versions.join("tt22.rules")).to_string();
    let out = s(&dir.join("out.csv")).to_string();
    let out_again = format!("{}/./out.csv", s(&dir));
    let items = format!("members={t}");
    let csv = ["--output-format", "csv"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        // A rule file, named as the rules or found in a directory of versions.
        (vec!["batch", r, "-i", i, "-o", r], "tệp luật"),
        (
            vec!["batch", s(&versions), "-i", i, "-o", &in_dir],
            "tệp luật",
        ),
        (
            vec!["batch", r, "-i", i, "-o", &out, "--rejects", r],
            "tệp luật",
        ),
        (
            vec!["batch", r, "-i", i, "-o", &out, "--report", r],
            "tệp luật",
        ),
        // A file the rules extend, for batch and diff.
        (
            vec!["batch", s(&local), "-i", i, "-o", s(&base)],
            "tệp luật",
        ),
        (
            vec!["diff", RULES, s(&local), "-i", i, "-o", s(&base)],
            "tệp luật",
        ),
        // An item table.
        (
            vec!["batch", r, "-i", i, "--items", &items, "-o", t],
            "--items",
        ),
        (
            vec![
                "batch",
                r,
                "-i",
                i,
                "--items",
                &items,
                "-o",
                &out,
                "--rejects",
                t,
            ],
            "--items",
        ),
        // The input under another name (a hard link).
        (vec!["batch", r, "-i", i, "-o", s(&linked)], "tệp đầu vào"),
        // Two outputs, one file not there yet, named two ways.
        (
            vec!["batch", r, "-i", i, "-o", &out, "--rejects", &out_again],
            "cùng là tệp",
        ),
        // diff: either rule file, or the two outputs.
        (vec!["diff", r, RULES, "-i", i, "-o", r], "tệp luật"),
        (vec!["diff", RULES, r, "-i", i, "--report", r], "tệp luật"),
        (
            vec![
                "diff", RULES, r, "-i", i, "-o", &out, "--report", &out_again,
            ],
            "cùng là tệp",
        ),
    ];
    let before = listing(&dir);
    let bytes = |p: &std::path::Path| std::fs::read(p).unwrap();
    let kept = [
        (input.clone(), bytes(&input)),
        (rules.clone(), bytes(&rules)),
        (table.clone(), bytes(&table)),
        (base.clone(), bytes(&base)),
    ];
    for (args, says) in cases {
        let args: Vec<&str> = if args.contains(&"-o") && args[0] == "batch" {
            args.iter().copied().chain(csv).collect()
        } else {
            args
        };
        let (status, _, stderr) = code(&args);
        assert_eq!(status, Some(1), "{args:?} ran: {stderr}");
        assert!(
            stderr.contains(says) && stderr.contains("hãy đặt tên"),
            "{args:?}: {stderr}"
        );
        assert_eq!(listing(&dir), before, "{args:?}");
        assert_eq!(listing(&ext).len(), 2, "{args:?}");
        for (path, was) in &kept {
            assert_eq!(&bytes(path), was, "{args:?} changed {}", path.display());
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn too_many_jobs_are_capped_with_a_note() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let cap = 4 * cores;
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_NDJSON,
        "-o",
        "/dev/null",
        "--jobs",
        "100000",
    ]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("--jobs 100000 được giảm xuống {cap} luồng"))
            && run.stderr.contains(&format!("capped at {cap} threads")),
        "{}",
        run.stderr
    );
    // Within the cap: no note.
    let within = cap.to_string();
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        UNITS_NDJSON,
        "-o",
        "/dev/null",
        "--jobs",
        &within,
    ]);
    assert!(run.ok && !run.stderr.contains("capped"), "{}", run.stderr);
}

/// A one-sheet workbook whose sheet holds a header row, then `padding` bytes of blanks
/// between rows (valid XML that compresses about a thousand times), deflated.
fn padded_workbook(padding: usize) -> Vec<u8> {
    use std::io::Write as _;
    use zip::write::SimpleFileOptions;
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>unit_name</t></is></c></row>{}</sheetData></worksheet>"#,
        " ".repeat(padding)
    );
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Đơn vị" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Sets the uncompressed size that the zip directory declares for `part` (a bomb that
/// declares its size: building a real 2 GiB part would take the test too long).
fn declare_size(zip: &mut [u8], part: &str, size: u32) {
    let name = part.as_bytes();
    let at = (0..zip.len() - 46)
        .find(|&i| {
            zip[i..i + 4] == *b"PK\x01\x02" && zip.get(i + 46..i + 46 + name.len()) == Some(name)
        })
        .unwrap();
    zip[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
}

#[test]
fn a_workbook_that_decompresses_without_bound_is_refused_before_reading() {
    let dir = scratch("xlsx-bomb");
    let bomb = dir.join("bomb.xlsx");
    // 8 MiB of sheet in a few kilobytes.
    let ratio = padded_workbook(8 << 20);
    assert!(ratio.len() < 64 * 1024, "{} bytes", ratio.len());
    let mut size = padded_workbook(1000);
    declare_size(&mut size, "xl/worksheets/sheet1.xml", 3 << 30);
    let cases = [(ratio, "100:1"), (size, "1 GiB")];
    for (bytes, says) in cases {
        std::fs::write(&bomb, &bytes).unwrap();
        let out = dir.join("out.ndjson");
        for args in [
            vec!["batch", RULES, "-i", s(&bomb), "-o", s(&out)],
            vec!["diff", RULES, RULES, "-i", s(&bomb)],
        ] {
            let (status, _, stderr) = code(&args);
            assert_eq!(status, Some(1), "{says}: {stderr}");
            assert!(
                stderr.contains(says)
                    && stderr.contains("bomb.xlsx")
                    && stderr.contains("xl/worksheets/sheet1.xml"),
                "{says}: {stderr}"
            );
        }
        assert_eq!(listing(&dir), vec!["bomb.xlsx".to_string()]);
    }
    // The same workbook, small: read.
    std::fs::write(&bomb, padded_workbook(1000)).unwrap();
    let (_, _, stderr) = code(&["batch", RULES, "-i", s(&bomb), "-o", "/dev/null"]);
    assert!(
        !stderr.contains("100:1") && !stderr.contains("1 GiB"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_ndjson_line_over_16_mib_is_rejected_and_the_run_goes_on() {
    let dir = scratch("long-record");
    let records = std::fs::read_to_string(root().join(UNITS_NDJSON)).unwrap();
    let first = records.lines().next().unwrap();
    // A record padded past the limit with a long string, between two good ones.
    let huge = format!(
        "{{\"pad\":\"{}\",{}",
        "x".repeat(17 << 20),
        first.trim_start_matches('{')
    );
    let input = dir.join("in.ndjson");
    std::fs::write(&input, format!("{first}\n{huge}\n{first}\n")).unwrap();
    let (out, rejects) = (dir.join("out.ndjson"), dir.join("rejects.ndjson"));
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&input),
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let answers = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = answers.lines().collect();
    assert_eq!(lines.len(), 2, "{answers}");
    assert!(lines[0].starts_with("{\"line\":1,") && lines[1].starts_with("{\"line\":3,"));
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        rejected.starts_with("{\"line\":2,")
            && rejected.contains("B002")
            && rejected.contains("16777216"),
        "{rejected}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_csv_line_over_16_mib_is_rejected_and_the_run_goes_on() {
    let dir = scratch("long-csv-line");
    let table =
        std::fs::read_to_string(root().join("rules/unit/examples/batch/units.csv")).unwrap();
    let mut lines = table.lines();
    let (header, first) = (lines.next().unwrap(), lines.next().unwrap());
    // A row padded past the limit inside one cell, between two good rows; the padded line
    // has no line end of its own until after the limit.
    let huge = format!("{first}{}", "x".repeat(17 << 20));
    let input = dir.join("in.csv");
    std::fs::write(&input, format!("{header}\n{first}\n{huge}\n{first}\n")).unwrap();
    let (out, rejects) = (dir.join("out.csv"), dir.join("rejects.ndjson"));
    let run = tieuchi(&[
        "batch",
        RULES,
        "-i",
        s(&input),
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let answers = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<&str> = answers.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{answers}");
    assert!(
        rows[0].starts_with("2,") && rows[1].starts_with("4,"),
        "{answers}"
    );
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        rejected.starts_with("{\"line\":3,")
            && rejected.contains("B002")
            && rejected.contains("16777216"),
        "{rejected}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn runs_killed_at_random_points_leave_no_partial_output_and_no_lasting_leftovers() {
    use std::process::Stdio;
    use std::time::{Duration, Instant, SystemTime};
    let dir = scratch("sigkill");
    let input = dir.join("units.ndjson");
    let one = std::fs::read(root().join(UNITS_NDJSON)).unwrap();
    std::fs::write(&input, one.repeat(300)).unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let names = ["answers.csv", "rejects.ndjson", "report.html"];
    let [out, rejects, report] = names.map(|n| out_dir.join(n));
    let args = [
        "batch",
        RULES,
        "-i",
        s(&input),
        "-o",
        s(&out),
        "--rejects",
        s(&rejects),
        "--report",
        s(&report),
    ];
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_tieuchi"))
            .args(args)
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let outputs = || names.map(|n| std::fs::read(out_dir.join(n)).ok());
    // Pseudo-random delays, printed so that a failure can be replayed.
    let mut seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut random = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as f64 / f64::from(1u32 << 31)
    };
    // Kills a run after `delay`; the temporary files then in the directory, which never
    // exceed those of one run (each run removes what killed runs left).
    let temps = || {
        listing(&out_dir)
            .into_iter()
            .filter(|n| n.ends_with(".tmp"))
            .count()
    };
    let mut most = 0;
    // Returns false when the run had already ended by itself (a fast machine).
    let mut kill_after = |delay: Duration| {
        let mut child = spawn();
        std::thread::sleep(delay);
        let ended = child.try_wait().unwrap().is_some();
        child.kill().unwrap();
        child.wait().unwrap();
        let left = temps();
        assert!(
            left <= names.len(),
            "{left} temporary files after {delay:?}"
        );
        most = most.max(left);
        !ended
    };
    let complete = || {
        let started = Instant::now();
        let status = spawn().wait().unwrap();
        assert!(status.success());
        started.elapsed()
    };

    // How long a run takes here, timed in a directory of its own.
    let timing = {
        let other = dir.join("timing");
        std::fs::create_dir(&other).unwrap();
        let started = Instant::now();
        let run = tieuchi(&[
            "batch",
            RULES,
            "-i",
            s(&input),
            "-o",
            s(&other.join("a.csv")),
        ]);
        assert!(run.ok, "{}", run.stderr);
        started.elapsed()
    };
    // Killed before any complete run: no output file at all.
    for _ in 0..3 {
        let delay = timing.mul_f64(0.05 + random() * 0.8);
        eprintln!("kill after {delay:?} of about {timing:?}");
        if !kill_after(delay) {
            eprintln!("the run had already ended: not a kill");
            for n in names {
                std::fs::remove_file(out_dir.join(n)).ok();
            }
            continue;
        }
        assert_eq!(outputs(), [None, None, None], "after {delay:?}");
    }
    let run_time = complete();
    let earlier = outputs();
    assert!(earlier.iter().all(Option::is_some));
    // Killed at points spread over a run: the earlier files intact byte for byte.
    for k in 0..7 {
        let at = (f64::from(k) + random()) / 7.0;
        let delay = run_time.mul_f64(at);
        eprintln!("kill after {delay:?} of {run_time:?}");
        kill_after(delay);
        assert!(outputs() == earlier, "outputs changed after {delay:?}");
    }
    assert!(most > 0, "no kill left a temporary file");
    // A later run completes, gives the same bytes and removes what the killed runs left.
    complete();
    assert!(outputs() == earlier);
    assert_eq!(listing(&out_dir), names.map(String::from).to_vec());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn only_leftovers_of_dead_runs_for_the_same_output_are_removed() {
    let dir = scratch("leftovers");
    // A process that has ended: its id names a dead run.
    let mut ended = Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    let dead = ended.id();
    let live = std::process::id();
    let removed = [format!(".out.ndjson.{dead}.tmp")];
    let kept = [
        format!(".out.ndjson.{live}.tmp"),
        ".out.ndjson.12ab.tmp".to_string(),
        ".out.ndjson..tmp".to_string(),
        format!("out.ndjson.{dead}.tmp"),
        format!(".other.ndjson.{dead}.tmp"),
        format!(".out.ndjson.{dead}.tmp.bak"),
    ];
    for name in removed.iter().chain(&kept) {
        std::fs::write(dir.join(name), "partial").unwrap();
    }
    // A directory of the pattern is not touched either.
    let folder = format!(".out.ndjson.{}.tmp", dead.wrapping_add(1_000_000));
    std::fs::create_dir(dir.join(&folder)).unwrap();
    let out = dir.join("out.ndjson");
    let run = tieuchi(&["batch", RULES, "-i", UNITS_NDJSON, "-o", s(&out)]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("removed 1 temporary files left by killed runs"),
        "{}",
        run.stderr
    );
    let mut want: Vec<String> = kept.to_vec();
    want.push(folder);
    want.push("out.ndjson".to_string());
    want.sort();
    assert_eq!(listing(&dir), want);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn many_provisional_items_are_listed_up_to_a_hundred_and_counted() {
    let dir = scratch("provisional");
    let src = std::fs::read_to_string(root().join("tests/check/N001.rules")).unwrap();
    let (a, b) = (
        src.find("    indicator U2.1").unwrap(),
        src.find("  tier \"Tốt\"").unwrap(),
    );
    let indicators: String = (1..=120)
        .map(|i| {
            format!(
                "    indicator U2.{i} \"Chỉ số {i}\" 0.5 points {{\n      source \"Thông tư 22/2020/TT-BGDĐT\"\n      provisional \"phỏng đoán {i}\"\n      award proportional to share_compliant\n    }}\n"
            )
        })
        .collect();
    let file = dir.join("provisional.rules");
    std::fs::write(
        &file,
        format!("{}{indicators}  }}\n\n{}", &src[..a], &src[b..]),
    )
    .unwrap();
    let run = tieuchi(&["check", s(&file)]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("ok: 0 errors, 0 warnings, 120 provisional")
    );
    assert_eq!(run.stdout.matches("is provisional").count(), 100);
    assert!(
        run.stdout
            .contains("… và 20 mục tạm khác (and 20 more provisional items)"),
        "{}",
        run.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn eval_prints_the_first_hundred_record_errors_and_counts_the_rest() {
    let dir = scratch("many-record-errors");
    let fields: Vec<String> = (0..150).map(|i| format!("\"unknown_{i}\": 1")).collect();
    let record = dir.join("record.json");
    std::fs::write(&record, format!("{{{}}}", fields.join(", "))).unwrap();
    let run = tieuchi(&["eval", RULES, s(&record)]);
    assert!(!run.ok);
    // 150 unknown fields plus the required fields missing: the first 100 printed.
    let printed = run.stderr.matches("lỗi bản ghi [").count();
    assert_eq!(printed, 100, "{}", run.stderr);
    let more = run
        .stderr
        .split("… và ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok());
    assert!(more.is_some_and(|n| n >= 50), "{}", run.stderr);
    assert!(
        run.stderr.contains("lỗi bản ghi khác (and"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
