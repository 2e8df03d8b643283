//! `tieuchi eval`: scores one record and explains every point.

use std::path::Path;

use tieuchi_core::{Detail, decode_str, evaluate, explain};

use super::versions::Selectors;
use crate::{files, render, table};
use tieuchi_core::RecordCode;

/// Scores the record; false when the rules or the record have errors. `rules` is a rule
/// file, or a directory holding versions of a model: the one in force for the record is used.
pub fn run(rules: &Path, record: &str, json: bool, selectors: &Selectors) -> bool {
    let text = match files::read_record(record) {
        Ok(t) => t,
        Err(e) => {
            errln!("lỗi (error): {e}");
            return false;
        }
    };
    let versions;
    let single;
    let program = if rules.is_dir() {
        versions = match super::versions::Versions::load(rules) {
            Ok(v) => v,
            Err(e) => {
                errln!("lỗi (error): {e}");
                return false;
            }
        };
        match versions.pick_text(&text, selectors) {
            Ok((version, why)) => {
                errln!("{why}");
                &version.program
            }
            Err(e) => {
                errln!("lỗi bản ghi [B001] (record refused): {e}");
                return false;
            }
        }
    } else {
        let Some((_, program)) = super::load(rules) else {
            return false;
        };
        if let Err(e) = selectors.check_file(&program) {
            errln!("lỗi (error): {e}");
            return false;
        }
        if let Some(warning) = super::versions::out_of_force(rules, &program, &text) {
            errln!("{warning}");
        }
        single = program;
        &single
    };
    let decoded = decode_str(program, &text);
    // A file that is not a JSON object has no answer worth a table: only the error is shown
    // (the JSON answer still carries it, for programs that read the answer).
    if let Some(e) = decoded.errors.iter().find(|e| {
        !json
            && e.path.is_empty()
            && matches!(e.code, RecordCode::BadJson | RecordCode::NotAnObject)
    }) {
        let source = if record == "-" { "<stdin>" } else { record };
        errln!("lỗi bản ghi [{}] ({source}): {}", e.code, e.message);
        errln!(
            "gợi ý (help): bản ghi phải là một đối tượng JSON {{ \"tên_trường\": giá_trị, ... }}; `tieuchi schema RULES` cho biết các trường (lists the fields)"
        );
        return false;
    }
    let ev = evaluate(program, &decoded.values);
    let answer = explain(program, &decoded, &ev, Detail::Full);
    if json {
        match serde_json::to_string_pretty(&answer) {
            Ok(s) => outln!("{s}"),
            Err(e) => {
                errln!("lỗi (error): {e}");
                return false;
            }
        }
    } else {
        out!("{}", table::answer(&answer));
    }
    let source = if record == "-" { "<stdin>" } else { record };
    for e in answer.errors.iter().take(render::MAX_PRINTED) {
        let at = if e.path.is_empty() {
            String::new()
        } else {
            format!(" tại {}", e.path)
        };
        errln!("lỗi bản ghi [{}]{at} ({source}): {}", e.code, e.message);
    }
    if let Some(more) = answer.errors.len().checked_sub(render::MAX_PRINTED)
        && more > 0
    {
        errln!("… và {more} lỗi bản ghi khác (and {more} more record errors)");
    }
    answer.errors.is_empty()
}
