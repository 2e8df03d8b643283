//! `tieuchi-service`: what an editor asks about a rule file, answered once for the language
//! server (`tieuchi lsp`) and, later, the browser playground.
//!
//! Given a file's text and a loader for the files it `extends` or `uses` (as
//! [`tieuchi_core::compile_file`] takes), an [`Analysis`] answers diagnostics (the checker's
//! own), semantic tokens, hover, completion, definition, references, rename, document
//! symbols, formatting (the formatter of `tieuchi-syntax`) and quick fixes (the replacements
//! the diagnostics suggest). No I/O: the caller supplies every text, so it builds for
//! `wasm32-unknown-unknown`.
//!
//! Places are byte spans of a file, and also [`Position`]s whose columns count UTF-16 code
//! units, as the Language Server Protocol and JavaScript do ([`LineIndex`]).

mod complete;
mod hover;
pub mod index;
mod lines;
mod outline;
mod rename;
mod tokens;

use tieuchi_core::{Compiled, Loader, compile_file};
use tieuchi_syntax::ast::File;
use tieuchi_syntax::{Diagnostic, KeywordLang, Message, Severity, Span};

pub use complete::{Completion, CompletionKind};
pub use hover::Hover;
pub use index::{Index, Occurrence, Symbol, SymbolKind};
pub use lines::{LineIndex, Position};
pub use outline::{OutlineKind, OutlineSymbol};
pub use rename::RenameError;
pub use tokens::{MODIFIERS, SemanticToken, TOKEN_TYPES, TokenType};

/// One file of an analysis: the file analysed or one it extends.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Its name, as the caller (or the loader) named it.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Its lines.
    pub lines: LineIndex,
}

impl SourceText {
    fn new(name: &str, text: &str) -> Self {
        SourceText {
            name: name.to_string(),
            text: text.to_string(),
            lines: LineIndex::new(text),
        }
    }

    /// The start and end positions of a span of this file.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (
            self.lines.position(&self.text, span.start as usize),
            self.lines.position(&self.text, span.end as usize),
        )
    }
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's name.
    pub file: String,
    /// The bytes, in that file.
    pub span: Span,
    /// Where it starts.
    pub start: Position,
    /// Where it ends.
    pub end: Position,
}

/// One change of a text: replace `span` (of `file`) by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// Where.
    pub at: Location,
    /// The new text.
    pub text: String,
}

/// A diagnostic placed in the file analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiagnostic {
    /// Stable code (`C001`).
    pub code: &'static str,
    /// How serious.
    pub severity: Severity,
    /// What is wrong, in Vietnamese and English; for a problem in a file this one extends,
    /// prefixed by that file's name.
    pub message: Message,
    /// What to do, when known.
    pub help: Option<Message>,
    /// Where, in the file analysed (a problem of an extended file is shown at `extends`).
    pub at: Location,
    /// Further places and what they say.
    pub labels: Vec<(Location, Message)>,
    /// The replacement the diagnostic suggests for the text at `at`.
    pub suggestion: Option<String>,
}

/// A fix an editor can apply: a title and the edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    /// What it does, Vietnamese first.
    pub title: String,
    /// The code of the diagnostic it fixes.
    pub code: &'static str,
    /// The changes.
    pub edits: Vec<TextEdit>,
}

/// Everything known about one rule file: its text, the files it extends, the checker's
/// diagnostics and the index of its names.
pub struct Analysis {
    files: Vec<SourceText>,
    asts: Vec<Option<File>>,
    keywords: KeywordLang,
    compiled: Compiled,
    index: Index,
}

impl Analysis {
    /// Parses and checks the file `name` with text `text`, reading the files it `extends`
    /// and `uses` with `load` (as [`tieuchi_core::compile_file`] does).
    pub fn new(name: &str, text: &str, load: &mut Loader<'_>) -> Analysis {
        let compiled = compile_file(name, text, load);
        let parsed = tieuchi_syntax::parse(text);
        let keywords = parsed.keywords.unwrap_or(KeywordLang::En);
        let mut files = vec![SourceText::new(name, text)];
        let mut asts = vec![parsed.file];
        for f in compiled.sources.files().iter().skip(1) {
            files.push(SourceText::new(&f.name, &f.text));
            asts.push(tieuchi_syntax::parse(&f.text).file);
        }
        let index = Index::build(&asts.iter().map(Option::as_ref).collect::<Vec<_>>());
        Analysis {
            files,
            asts,
            keywords,
            compiled,
            index,
        }
    }

    /// A file that extends nothing and uses nothing (the loader refuses every file).
    pub fn single(name: &str, text: &str) -> Analysis {
        Analysis::new(name, text, &mut |_, path: &str| {
            Err(format!(
                "không đọc được `{path}` ở đây (`{path}` cannot be read here)"
            ))
        })
    }

    /// The file analysed (first) and the files it extends, in order.
    pub fn files(&self) -> &[SourceText] {
        &self.files
    }

    /// The file analysed.
    pub fn main(&self) -> &SourceText {
        // `files` always holds the file analysed first.
        #[expect(clippy::indexing_slicing, reason = "built with one file at least")]
        &self.files[0]
    }

    /// The language most of the file's keywords are written in (English when none).
    pub fn keyword_lang(&self) -> KeywordLang {
        self.keywords
    }

    /// What the checker made of the file: the program when it has no error, and every
    /// diagnostic.
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// The names of the file and of the files it extends.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The syntax tree of file `file` (0: the file analysed), when it has one.
    pub fn ast(&self, file: usize) -> Option<&File> {
        self.asts.get(file).and_then(Option::as_ref)
    }

    /// The place of a span of file `file`.
    pub fn location(&self, file: usize, span: Span) -> Option<Location> {
        let f = self.files.get(file)?;
        let (start, end) = f.range(span);
        Some(Location {
            file: f.name.clone(),
            span,
            start,
            end,
        })
    }

    /// The byte offset of a position in the file analysed (clamped to the text).
    pub fn offset(&self, at: Position) -> usize {
        let m = self.main();
        m.lines.offset(&m.text, at)
    }

    /// Where the file names the file it extends (the `extends` string), else its start.
    fn extends_span(&self) -> Span {
        self.ast(0)
            .and_then(|f| f.model.extends.as_ref())
            .map_or(Span::new(0, 0), |s| s.span)
    }

    /// The checker's diagnostics, placed in the file analysed: a problem in a file it
    /// extends is shown at its `extends` string, its message prefixed by that file's name.
    pub fn diagnostics(&self) -> Vec<FileDiagnostic> {
        let sources = &self.compiled.sources;
        let place = |span: Span| -> Option<(usize, Span)> {
            let (file, local) = sources.locate(span)?;
            let at = self.files.iter().position(|f| f.name == file.name)?;
            Some((at, local))
        };
        self.compiled
            .diagnostics
            .iter()
            .map(|d: &Diagnostic| {
                let (file, local) = place(d.span).unwrap_or((0, Span::new(0, 0)));
                let mut message = d.message.clone();
                let mut suggestion = d.suggestion.clone();
                let span = if file == 0 {
                    local
                } else {
                    let name = self.files.get(file).map_or("", |f| f.name.as_str());
                    message = Message::new(
                        format!("trong tệp `{name}`: {}", message.vi),
                        format!("in file `{name}`: {}", message.en),
                    );
                    suggestion = None;
                    self.extends_span()
                };
                let labels = d
                    .labels
                    .iter()
                    .filter_map(|l| {
                        let (file, span) = place(l.span)?;
                        Some((self.location(file, span)?, l.message.clone()))
                    })
                    .collect();
                FileDiagnostic {
                    code: d.code,
                    severity: d.severity,
                    message,
                    help: d.help.clone(),
                    at: self.location(0, span).unwrap_or(Location {
                        file: self.main().name.clone(),
                        span,
                        start: Position::default(),
                        end: Position::default(),
                    }),
                    labels,
                    suggestion,
                }
            })
            .collect()
    }

    /// The declaration of the name at byte `offset` of the file analysed.
    pub fn definition(&self, offset: usize) -> Option<Location> {
        let (_, sym) = self.index.at(0, offset)?;
        self.location(sym.file, sym.span)
    }

    /// The symbol named at byte `offset` of the file analysed, if any.
    pub fn symbol_at(&self, offset: usize) -> Option<&Symbol> {
        self.index.at(0, offset).map(|(_, s)| s)
    }

    /// Every place naming the name at byte `offset` (in this file and the files it
    /// extends), the declaration first when `include_declaration`.
    pub fn references(&self, offset: usize, include_declaration: bool) -> Vec<Location> {
        let Some((occ, _)) = self.index.at(0, offset) else {
            return Vec::new();
        };
        self.index
            .occurrences_of(occ.symbol)
            .into_iter()
            .filter(|o| include_declaration || !o.decl)
            .filter_map(|o| self.location(o.file, o.span))
            .collect()
    }

    /// Every place of this file and the files it extends naming the symbol declared in file
    /// `file` (a name) as `kind` `name` (with `owner`): for references across a workspace.
    pub fn references_to(
        &self,
        file: &str,
        kind: SymbolKind,
        owner: Option<&str>,
        name: &str,
    ) -> Vec<Location> {
        let Some(id) = self.index.find(kind, owner, name) else {
            return Vec::new();
        };
        let declared_in = self
            .index
            .symbols
            .get(id)
            .and_then(|s| self.files.get(s.file))
            .map(|f| f.name.as_str());
        if declared_in != Some(file) {
            return Vec::new();
        }
        self.index
            .occurrences_of(id)
            .into_iter()
            .filter_map(|o| self.location(o.file, o.span))
            .collect()
    }

    /// The file's outline: the model with its inputs, `let`s, criteria with their
    /// indicators, and tests.
    pub fn document_symbols(&self) -> Vec<OutlineSymbol> {
        outline::outline(self)
    }

    /// The file in the canonical layout of `tieuchi fmt`, or `None` when it has syntax
    /// errors or is already formatted.
    pub fn format(&self) -> Option<String> {
        let text = &self.main().text;
        match tieuchi_syntax::format(text) {
            Ok(formatted) if &formatted != text => Some(formatted),
            _ => None,
        }
    }

    /// The quick fixes of the diagnostics whose span touches `span` of the file analysed:
    /// each replacement a diagnostic suggests (did you mean), applied at every place the
    /// diagnostic shows the same misspelling.
    pub fn code_actions(&self, span: Span) -> Vec<CodeAction> {
        let text = &self.main().text;
        self.diagnostics()
            .into_iter()
            .filter(|d| {
                let s = d.at.span;
                s.start <= span.end && span.start <= s.end
            })
            .filter_map(|d| {
                let replacement = d.suggestion.clone()?;
                let written = d.at.span.text(text);
                let mut edits = vec![TextEdit {
                    at: d.at.clone(),
                    text: replacement.clone(),
                }];
                for (l, _) in &d.labels {
                    if l.file == d.at.file && l.span.text(text) == written && l.span != d.at.span {
                        edits.push(TextEdit {
                            at: l.clone(),
                            text: replacement.clone(),
                        });
                    }
                }
                Some(CodeAction {
                    title: format!("Sửa thành `{replacement}` (change to `{replacement}`)"),
                    code: d.code,
                    edits,
                })
            })
            .collect()
    }

    /// The semantic tokens of the file analysed, in order.
    pub fn semantic_tokens(&self) -> Vec<SemanticToken> {
        tokens::tokens(self)
    }

    /// What to show over the name at byte `offset`.
    pub fn hover(&self, offset: usize) -> Option<Hover> {
        hover::hover(self, offset)
    }

    /// What may be written at byte `offset`.
    pub fn completions(&self, offset: usize) -> Vec<Completion> {
        complete::completions(self, offset)
    }

    /// The name at byte `offset` that can be renamed, and where it is written.
    pub fn prepare_rename(&self, offset: usize) -> Result<Location, RenameError> {
        rename::prepare(self, offset)
    }

    /// The edits that rename the name at byte `offset` to `new_name` everywhere it is
    /// written in this file and the files it extends; refused for a name that is not a
    /// name of the language or is already taken.
    pub fn rename(&self, offset: usize, new_name: &str) -> Result<Vec<TextEdit>, RenameError> {
        rename::rename(self, offset, new_name)
    }
}
