//! Between the language service's places and the protocol's: file URIs and paths, spans and
//! ranges (UTF-16 columns, as the service counts them), and the service's answers as
//! protocol values.

use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use lsp_types as lt;
use tieuchi_service::{
    Analysis, CompletionKind, FileDiagnostic, Location, OutlineKind, OutlineSymbol, Position,
    TextEdit,
};
use tieuchi_syntax::{Lang, Severity, Span};

use crate::render::say;

/// The path of a `file:` URI (percent-decoded), if it is one.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///home/…` or `file://localhost/home/…`.
    let path = if rest.starts_with('/') {
        rest
    } else {
        rest.strip_prefix("localhost")?
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let mut it = path.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex = [it.next()?, it.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}

/// The `file:` URI of an absolute path, each byte outside the unreserved set
/// percent-encoded (Vietnamese folder names included).
pub fn path_to_uri(path: &Path) -> Option<lt::Uri> {
    let text = path.to_str()?;
    let mut out = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    lt::Uri::from_str(&out).ok()
}

/// The URI of a file named as the server names files: an absolute path, or the document's
/// own URI when it is not a file.
pub fn name_to_uri(name: &str) -> Option<lt::Uri> {
    let path = Path::new(name);
    if path.is_absolute() {
        return path_to_uri(path);
    }
    lt::Uri::from_str(name).ok()
}

/// `a/b/../c` as `a/c`, without asking the file system (the file may exist only in the
/// editor).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A service position as the protocol's.
pub fn position(p: Position) -> lt::Position {
    lt::Position {
        line: p.line,
        character: p.character,
    }
}

/// A protocol position as the service's.
pub fn from_position(p: lt::Position) -> Position {
    Position {
        line: p.line,
        character: p.character,
    }
}

/// The protocol range of a place.
pub fn range(l: &Location) -> lt::Range {
    lt::Range {
        start: position(l.start),
        end: position(l.end),
    }
}

/// The span of the file analysed between two protocol positions.
pub fn span(a: &Analysis, r: lt::Range) -> Span {
    let start = a.offset(from_position(r.start));
    let end = a.offset(from_position(r.end));
    Span::new(start.min(end), start.max(end))
}

/// The protocol location of a place (`None` when its file has no URI).
pub fn location(l: &Location) -> Option<lt::Location> {
    Some(lt::Location {
        uri: name_to_uri(&l.file)?,
        range: range(l),
    })
}

/// A diagnostic as the protocol's: the message in both languages, then the help line.
pub fn diagnostic(d: &FileDiagnostic) -> lt::Diagnostic {
    // In the language of `--lang` (both by default).
    let mut message = say(&d.message);
    if let Some(help) = &d.help {
        message.push_str(match crate::render::lang() {
            Lang::Both => "\ngợi ý (help): ",
            Lang::Vi => "\ngợi ý: ",
            Lang::En => "\nhelp: ",
        });
        message.push_str(&say(help));
    }
    let related: Vec<lt::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter_map(|(l, m)| {
            Some(lt::DiagnosticRelatedInformation {
                location: location(l)?,
                message: say(m),
            })
        })
        .collect();
    lt::Diagnostic {
        range: range(&d.at),
        severity: Some(match d.severity {
            Severity::Error => lt::DiagnosticSeverity::ERROR,
            Severity::Warning => lt::DiagnosticSeverity::WARNING,
            Severity::Note => lt::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lt::NumberOrString::String(d.code.to_string())),
        source: Some("tieuchi".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lt::Diagnostic::default()
    }
}

/// The protocol's workspace edit of edits to several files.
#[expect(
    clippy::mutable_key_type,
    reason = "lsp-types keys edits by Uri, whose Hash and Eq read only its text"
)]
pub fn workspace_edit(edits: Vec<(lt::Uri, lt::TextEdit)>) -> lt::WorkspaceEdit {
    let mut changes: std::collections::HashMap<lt::Uri, Vec<lt::TextEdit>> =
        std::collections::HashMap::new();
    for (uri, edit) in edits {
        changes.entry(uri).or_default().push(edit);
    }
    lt::WorkspaceEdit {
        changes: Some(changes),
        ..lt::WorkspaceEdit::default()
    }
}

/// An edit as the protocol's.
pub fn text_edit(e: &TextEdit) -> lt::TextEdit {
    lt::TextEdit {
        range: range(&e.at),
        new_text: e.text.clone(),
    }
}

/// The protocol's kind of a completion.
pub fn completion_kind(k: CompletionKind) -> lt::CompletionItemKind {
    match k {
        CompletionKind::Field => lt::CompletionItemKind::FIELD,
        CompletionKind::Let => lt::CompletionItemKind::VARIABLE,
        CompletionKind::Value => lt::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Criterion => lt::CompletionItemKind::CLASS,
        CompletionKind::Indicator => lt::CompletionItemKind::FUNCTION,
        CompletionKind::Function => lt::CompletionItemKind::METHOD,
        CompletionKind::Keyword => lt::CompletionItemKind::KEYWORD,
    }
}

/// An outline entry, and those inside it, as the protocol's document symbols.
#[expect(
    deprecated,
    reason = "the protocol's DocumentSymbol still has the field"
)]
pub fn document_symbol(s: &OutlineSymbol) -> lt::DocumentSymbol {
    lt::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: match s.kind {
            OutlineKind::Model => lt::SymbolKind::MODULE,
            OutlineKind::Input => lt::SymbolKind::STRUCT,
            OutlineKind::Field => lt::SymbolKind::FIELD,
            OutlineKind::Let => lt::SymbolKind::VARIABLE,
            OutlineKind::Criterion => lt::SymbolKind::CLASS,
            OutlineKind::Indicator => lt::SymbolKind::FUNCTION,
            OutlineKind::Test => lt::SymbolKind::EVENT,
        },
        tags: None,
        deprecated: None,
        range: range(&s.range),
        selection_range: range(&s.selection),
        children: Some(s.children.iter().map(document_symbol).collect()),
    }
}

/// The service's tokens as the protocol's relative encoding.
pub fn semantic_tokens(a: &Analysis) -> Vec<lt::SemanticToken> {
    let main = a.main();
    let mut out = Vec::new();
    let mut last = Position::default();
    for t in a.semantic_tokens() {
        let (start, _) = main.range(t.span);
        let length = t.span.text(&main.text).encode_utf16().count();
        // Tokens come in order; saturating all the same, so that a mistake shows as a
        // misplaced colour rather than an overflow.
        let delta_line = start.line.saturating_sub(last.line);
        let delta_start = if delta_line == 0 {
            start.character.saturating_sub(last.character)
        } else {
            start.character
        };
        out.push(lt::SemanticToken {
            delta_line,
            delta_start,
            length: u32::try_from(length).unwrap_or(u32::MAX),
            token_type: t.ty as u32,
            token_modifiers_bitset: t.modifiers,
        });
        last = start;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths_round_trip() {
        let path = Path::new("/tmp/quy tắc/đơn vị#1.rules");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/quy%20t%E1%BA%AFc/%C4%91%C6%A1n%20v%E1%BB%8B%231.rules"
        );
        assert_eq!(uri_to_path(uri.as_str()).as_deref(), Some(path));
        assert_eq!(
            uri_to_path("file://localhost/a/b.rules").as_deref(),
            Some(Path::new("/a/b.rules"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file:///a/%zz"), None);
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d.rules")),
            PathBuf::from("/a/c/d.rules")
        );
    }
}
