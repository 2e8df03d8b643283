//! A problem with one record (codes R001–R012), at the JSON path of the value, and how
//! paths are written.

/// A problem with one record, at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordError {
    /// JSON pointer to the value (`""` for the whole record).
    pub path: String,
    /// Stable code (`R001`...).
    pub code: RecordCode,
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

/// The stable code of a record problem: `R…` found by the core, `B…` by a batch run (a line
/// that cannot be read, no version for the record, a bad `--items` key). Written as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordCode {
    /// R001: not JSON (or a record over the size limit).
    BadJson,
    /// R002: not a JSON object.
    NotAnObject,
    /// R003: a field the rules do not declare.
    UnknownField,
    /// R004: a required field is missing.
    MissingField,
    /// R005: a value of the wrong type.
    WrongType,
    /// R006: a number out of its range.
    OutOfRange,
    /// R007: a value not among those allowed.
    UnknownValue,
    /// R008: a date not in the calendar.
    InvalidDate,
    /// R009: a `require` constraint does not hold.
    ConstraintFailed,
    /// R010: a list with the wrong number of items.
    WrongItemCount,
    /// R011: a number with more digits than a decimal keeps exactly.
    TooManyDigits,
    /// R012: a division by 0 while scoring.
    DivisionByZero,
    /// B001: no version of a directory of rules fits the record.
    NoVersion,
    /// B002: a line or row that cannot be read.
    Unreadable,
    /// B003: an `--items` key that is empty or repeats an earlier record's.
    BadKey,
    /// B004: item rows whose key matches no record.
    UnmatchedItems,
}

impl RecordCode {
    /// The code (`R001`…).
    pub const fn code(self) -> &'static str {
        match self {
            RecordCode::BadJson => "R001",
            RecordCode::NotAnObject => "R002",
            RecordCode::UnknownField => "R003",
            RecordCode::MissingField => "R004",
            RecordCode::WrongType => "R005",
            RecordCode::OutOfRange => "R006",
            RecordCode::UnknownValue => "R007",
            RecordCode::InvalidDate => "R008",
            RecordCode::ConstraintFailed => "R009",
            RecordCode::WrongItemCount => "R010",
            RecordCode::TooManyDigits => "R011",
            RecordCode::DivisionByZero => "R012",
            RecordCode::NoVersion => "B001",
            RecordCode::Unreadable => "B002",
            RecordCode::BadKey => "B003",
            RecordCode::UnmatchedItems => "B004",
        }
    }
}

impl std::fmt::Display for RecordCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for RecordCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Compares with a code as written (`code == "R004"`).
impl PartialEq<&str> for RecordCode {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}
