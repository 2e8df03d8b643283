//! Renders diagnostics once, for every command: code, message, `file:line:column`, the
//! underlined source and the help line.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use tieuchi_syntax::{Diagnostic, Severity};

/// Renders one diagnostic of the file `name` with source `src`.
pub fn diagnostic(name: &str, src: &str, d: &Diagnostic) -> String {
    let lc = d.line_col(src);
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        (d.span.start as usize, d.span.len()),
    )];
    for l in &d.labels {
        labels.push(LabeledSpan::new_with_span(
            Some(l.message.clone()),
            (l.span.start as usize, l.span.len()),
        ));
    }
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    };
    let mut md = MietteDiagnostic::new(d.message.clone())
        .with_code(d.code)
        .with_severity(severity)
        .with_labels(labels);
    if let Some(h) = &d.help {
        md = md.with_help(h.clone());
    }
    let report = miette::Report::new(md).with_source_code(NamedSource::new(
        format!("{name}:{}:{}", lc.line, lc.column),
        src.to_string(),
    ));
    let theme = if std::io::stderr().is_terminal() {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .without_primary_span_start();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!(
            "{}[{}]: {} ({name}:{}:{})\n",
            d.severity.as_str(),
            d.code,
            d.message,
            lc.line,
            lc.column
        );
    }
    out
}

/// Renders the errors and warnings of a file; notes are summarised by the caller.
pub fn problems(name: &str, src: &str, diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| diagnostic(name, src, d))
        .collect()
}
