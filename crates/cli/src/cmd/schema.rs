//! `tieuchi schema`: the JSON Schema of a rule file's input records.

use std::path::Path;

/// Prints the schema; false when the rule file has errors.
pub fn run(path: &Path) -> bool {
    let Some((_, program)) = super::load(path) else {
        return false;
    };
    let schema = tieuchi_core::schema::input_schema(&program);
    match serde_json::to_string_pretty(&schema) {
        Ok(s) => {
            outln!("{s}");
            true
        }
        Err(e) => {
            errln!("lỗi (error): {e}");
            false
        }
    }
}
