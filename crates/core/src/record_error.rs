//! A problem with one record (codes R001–R012), at the JSON path of the value, and how
//! paths are written.

/// A problem with one record, at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordError {
    /// JSON pointer to the value (`""` for the whole record).
    pub path: String,
    /// Stable code (`R001`...).
    pub code: &'static str,
    /// Vietnamese message saying what was expected.
    pub message: String,
}

/// JSON pointer of a field.
pub fn pointer(name: &str) -> String {
    if name.contains(['~', '/']) {
        format!("/{}", name.replace('~', "~0").replace('/', "~1"))
    } else {
        format!("/{name}")
    }
}
