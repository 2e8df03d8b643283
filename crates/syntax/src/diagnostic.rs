//! The one diagnostic shape every stage reports in, rendered once by the front ends.

use crate::message::Message;
use crate::span::{LineCol, Span, line_col};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Information for the author (e.g. a provisional indicator).
    Note,
    /// Suspicious but not fatal.
    Warning,
    /// The rule file cannot be used.
    Error,
}

impl Severity {
    /// Lower-case name used in JSON and rendered text.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary underline with its own short message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// What to underline.
    pub span: Span,
    /// Text printed under the underline.
    pub message: Message,
}

/// Sorts diagnostics by position (start, then end), keeping the order of equal ones. The
/// parser and the checker share it: one copy of the standard stable sort in the browser
/// module instead of one per call site (measured with the core's `by_points_desc`: the
/// gzipped module went from 282,739 to 278,604 bytes).
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
}

/// A problem found in a rule file: stable code, one-line message, help line and spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code such as `S001` (syntax) or `C003` (check); documented in README.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: Message,
    /// One line saying what to do about it.
    pub help: Option<Message>,
    /// The main place the problem is.
    pub span: Span,
    /// Further places that explain it.
    pub labels: Vec<Label>,
    /// A text to write instead of the one at `span` that fixes the problem (the name a
    /// did-you-mean help line proposes), for editors' quick fixes.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// An error with a code, message and span.
    pub fn error(code: &'static str, message: Message, span: Span) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message,
            help: None,
            span,
            labels: Vec::new(),
            suggestion: None,
        }
    }

    /// Same diagnostic with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Same diagnostic with a help line.
    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// Same diagnostic with one more labelled span.
    pub fn with_label(mut self, span: Span, message: Message) -> Self {
        self.labels.push(Label { span, message });
        self
    }

    /// Same diagnostic with a replacement for the text at its span (see
    /// [`Diagnostic::suggestion`]).
    pub fn with_suggestion(mut self, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(replacement.into());
        self
    }

    /// The same diagnostic with every span moved `by` bytes further.
    pub fn shifted(mut self, by: usize) -> Self {
        self.span = self.span.shifted(by);
        for l in &mut self.labels {
            l.span = l.span.shifted(by);
        }
        self
    }

    /// Line and column where the diagnostic starts in `src`.
    pub fn line_col(&self, src: &str) -> LineCol {
        line_col(src, self.span.start)
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
