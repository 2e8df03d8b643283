//! The answers about one document: hover, completion, definition, prepare rename, outline,
//! formatting, code actions and semantic tokens.

use lsp_server::ErrorCode;
use lsp_types as lt;
use serde_json::Value as Json;
use tieuchi_service::ActionKind;

use super::{ADD_TESTS, Failure, Server, convert, to_json};

impl Server {
    pub(super) fn hover(&self, p: lt::HoverParams) -> Result<Json, Failure> {
        let at = p.text_document_position_params;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(Json::Null);
        };
        let offset = a.offset(convert::from_position(at.position));
        let Some(h) = a.hover(offset) else {
            return Ok(Json::Null);
        };
        to_json(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(convert::range(&h.at)),
        })
    }

    pub(super) fn completion(&self, p: lt::CompletionParams) -> Result<Json, Failure> {
        let at = p.text_document_position;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(Json::Null);
        };
        let offset = a.offset(convert::from_position(at.position));
        let items: Vec<lt::CompletionItem> = a
            .completions(offset)
            .into_iter()
            .map(|c| lt::CompletionItem {
                label: c.label.clone(),
                kind: Some(convert::completion_kind(c.kind)),
                detail: c.detail.clone(),
                sort_text: Some(format!("{}{}", c.rank, c.label)),
                text_edit: Some(lt::CompletionTextEdit::Edit(lt::TextEdit {
                    range: convert::range(&c.replace),
                    new_text: c.label,
                })),
                ..lt::CompletionItem::default()
            })
            .collect();
        to_json(lt::CompletionResponse::Array(items))
    }

    pub(super) fn definition(&self, p: lt::GotoDefinitionParams) -> Result<Json, Failure> {
        let at = p.text_document_position_params;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(Json::Null);
        };
        let offset = a.offset(convert::from_position(at.position));
        match a.definition(offset).as_ref().and_then(convert::location) {
            Some(l) => to_json(lt::GotoDefinitionResponse::Scalar(l)),
            None => Ok(Json::Null),
        }
    }

    pub(super) fn prepare_rename(
        &self,
        p: lt::TextDocumentPositionParams,
    ) -> Result<Json, Failure> {
        let Some(a) = self.analysis(&p.text_document.uri) else {
            return Ok(Json::Null);
        };
        let offset = a.offset(convert::from_position(p.position));
        match a.prepare_rename(offset) {
            Ok(l) => to_json(lt::PrepareRenameResponse::Range(convert::range(&l))),
            Err(e) => Err((ErrorCode::InvalidRequest, crate::render::say(&e.message()))),
        }
    }

    pub(super) fn document_symbol(&self, p: lt::DocumentSymbolParams) -> Result<Json, Failure> {
        let Some(a) = self.analysis(&p.text_document.uri) else {
            return Ok(Json::Null);
        };
        let symbols: Vec<lt::DocumentSymbol> = a
            .document_symbols()
            .iter()
            .map(convert::document_symbol)
            .collect();
        to_json(lt::DocumentSymbolResponse::Nested(symbols))
    }

    pub(super) fn formatting(&self, p: lt::DocumentFormattingParams) -> Result<Json, Failure> {
        let Some(a) = self.analysis(&p.text_document.uri) else {
            return Ok(Json::Null);
        };
        let Some(formatted) = a.format() else {
            // Already formatted, or syntax errors (shown as diagnostics): nothing to change.
            return to_json(Vec::<lt::TextEdit>::new());
        };
        let main = a.main();
        let end = main.lines.position(&main.text, main.text.len());
        to_json(vec![lt::TextEdit {
            range: lt::Range {
                start: lt::Position::default(),
                end: convert::position(end),
            },
            new_text: formatted,
        }])
    }

    pub(super) fn code_action(&self, p: lt::CodeActionParams) -> Result<Json, Failure> {
        let Some(a) = self.analysis(&p.text_document.uri) else {
            return Ok(Json::Null);
        };
        let span = convert::span(&a, p.range);
        let actions: Vec<lt::CodeActionOrCommand> = a
            .code_actions(span)
            .into_iter()
            .map(|action| {
                let edits = action
                    .edits
                    .iter()
                    .filter_map(|e| {
                        Some((convert::name_to_uri(&e.at.file)?, convert::text_edit(e)))
                    })
                    .collect();
                let diagnostics: Vec<lt::Diagnostic> = a
                    .diagnostics()
                    .iter()
                    .filter(|d| Some(d.code) == action.code && d.suggestion.is_some())
                    .map(convert::diagnostic)
                    .collect();
                let (kind, preferred) = match action.kind {
                    ActionKind::QuickFix => (lt::CodeActionKind::QUICKFIX, true),
                    ActionKind::AddTests => (lt::CodeActionKind::new(ADD_TESTS), false),
                };
                lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: action.title,
                    kind: Some(kind),
                    diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
                    edit: Some(convert::workspace_edit(edits)),
                    is_preferred: Some(preferred),
                    ..lt::CodeAction::default()
                })
            })
            .collect();
        to_json(actions)
    }

    pub(super) fn semantic_tokens(&self, p: lt::SemanticTokensParams) -> Result<Json, Failure> {
        let Some(a) = self.analysis(&p.text_document.uri) else {
            return Ok(Json::Null);
        };
        to_json(lt::SemanticTokens {
            result_id: None,
            data: convert::semantic_tokens(&a),
        })
    }
}
