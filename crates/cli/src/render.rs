//! Renders diagnostics once, for every command: code, message, `file:line:column`, the
//! underlined source and the help line.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use tieuchi_syntax::{Diagnostic, Severity, SourceMap, line_col};

/// Renders one diagnostic; its spans are positions in `sources`.
pub fn diagnostic(sources: &SourceMap, d: &Diagnostic) -> String {
    let Some((file, local)) = sources.locate(d.span) else {
        return format!("{}[{}]: {}\n", d.severity.as_str(), d.code, d.message);
    };
    let lc = line_col(&file.text, local.start);
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        (local.start as usize, local.len()),
    )];
    for l in &d.labels {
        // A label in another file (an extended one) is named instead of underlined.
        match sources.locate(l.span) {
            Some((f, span)) if f.base == file.base => {
                labels.push(LabeledSpan::new_with_span(
                    Some(l.message.clone()),
                    (span.start as usize, span.len()),
                ));
            }
            _ => {
                let (name, at) = sources.position(l.span);
                let text = format!("{} ({name}:{}:{})", l.message, at.line, at.column);
                labels.push(LabeledSpan::new_with_span(
                    Some(text),
                    (local.start as usize, local.len()),
                ));
            }
        }
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
    let name = format!("{}:{}:{}", file.name, lc.line, lc.column);
    let report =
        miette::Report::new(md).with_source_code(NamedSource::new(name.clone(), file.text.clone()));
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
            "{}[{}]: {} ({name})\n",
            d.severity.as_str(),
            d.code,
            d.message
        );
    }
    out
}

/// Renders the errors and warnings; notes are summarised by the caller.
pub fn problems(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| diagnostic(sources, d))
        .collect()
}
