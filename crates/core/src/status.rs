//! Statuses of a record and outcomes of an indicator: enums with their wire word and one
//! Vietnamese and one English name each, defined once here for every output.

/// The outcome of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Full points.
    Met,
    /// Some but not all points.
    Partial,
    /// No points.
    Unmet,
    /// Out of scope for this record.
    NotApplicable,
    /// Depends on inputs that are missing or invalid.
    Unknown,
}

impl Outcome {
    /// Every outcome, in the order tables list them.
    pub const ALL: [Outcome; 5] = [
        Outcome::Met,
        Outcome::Partial,
        Outcome::Unmet,
        Outcome::NotApplicable,
        Outcome::Unknown,
    ];

    /// The wire word used in JSON, CSV and tests (fixed by DESIGN.md).
    #[inline]
    pub const fn code(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Partial => "partial",
            Outcome::Unmet => "unmet",
            Outcome::NotApplicable => "not_applicable",
            Outcome::Unknown => "unknown",
        }
    }

    /// The Vietnamese name shown to people: the one place it is defined.
    #[inline]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Outcome::Met => "Đạt",
            Outcome::Partial => "Đạt một phần",
            Outcome::Unmet => "Chưa đạt",
            Outcome::NotApplicable => "Không áp dụng",
            Outcome::Unknown => "Chưa đủ thông tin",
        }
    }

    /// The English name shown beside the Vietnamese one.
    #[inline]
    pub const fn label_en(self) -> &'static str {
        match self {
            Outcome::Met => "Met",
            Outcome::Partial => "Partly met",
            Outcome::Unmet => "Not met",
            Outcome::NotApplicable => "Not applicable",
            Outcome::Unknown => "Not enough information",
        }
    }

    /// The outcome named by a wire word, if any.
    #[inline]
    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

impl serde::Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The overall decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The record earns the title.
    Recognized,
    /// It does not, whatever the missing inputs turn out to be.
    NotRecognized,
    /// Missing inputs could still change the decision.
    Undetermined,
}

impl Status {
    /// Every status, in the order tables list them.
    pub const ALL: [Status; 3] = [
        Status::Recognized,
        Status::NotRecognized,
        Status::Undetermined,
    ];

    /// The wire word used in JSON, CSV and tests (fixed by DESIGN.md).
    #[inline]
    pub const fn code(self) -> &'static str {
        match self {
            Status::Recognized => "recognized",
            Status::NotRecognized => "not_recognized",
            Status::Undetermined => "undetermined",
        }
    }

    /// The Vietnamese name shown to people: the one place it is defined.
    #[inline]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Status::Recognized => "Được công nhận",
            Status::NotRecognized => "Chưa được công nhận",
            Status::Undetermined => "Chưa xác định",
        }
    }

    /// The English name shown beside the Vietnamese one.
    #[inline]
    pub const fn label_en(self) -> &'static str {
        match self {
            Status::Recognized => "Recognized",
            Status::NotRecognized => "Not recognized",
            Status::Undetermined => "Undetermined",
        }
    }

    /// The status named by a wire word, if any.
    #[inline]
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.code() == code)
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The names of every status and outcome as JSON, for pages that show them (the WASM
/// package exports it): `{"status": {"recognized": {"vi": "Được công nhận", "en":
/// "Recognized"}, …}, "outcome": {"met": {"vi": "Đạt", "en": "Met"}, …}}`.
pub fn vocabulary() -> serde_json::Value {
    let names = |code: &str, vi: &str, en: &str| {
        (code.to_string(), serde_json::json!({ "vi": vi, "en": en }))
    };
    let status: serde_json::Map<String, serde_json::Value> = Status::ALL
        .iter()
        .map(|s| names(s.code(), s.label_vi(), s.label_en()))
        .collect();
    let outcome: serde_json::Map<String, serde_json::Value> = Outcome::ALL
        .iter()
        .map(|o| names(o.code(), o.label_vi(), o.label_en()))
        .collect();
    serde_json::json!({ "status": status, "outcome": outcome })
}
