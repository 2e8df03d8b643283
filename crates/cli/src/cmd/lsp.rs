//! `tieuchi lsp`: a Language Server Protocol server over standard input and output, answering
//! from the language service (`tieuchi-service`) with full document sync.
//!
//! One thread reads a message, answers it and writes what it produces: the service answers
//! in microseconds to milliseconds, so nothing is queued or cancelled. Messages are typed and
//! written by `lsp-server`; reading is our own rather than its `Connection::stdio`, whose
//! reader thread stops at the first malformed message and allocates whatever length a header
//! announces: here a malformed or oversized message is reported on standard error and
//! skipped, in bounded memory. Every handler runs under `catch_unwind`, so a bug
//! answers that request with an internal error instead of ending the server.
//!
//! Files are named by their absolute paths (the document's URI when it is not a file). A file
//! that `extends` or `uses` another reads the editor's text of it when it is open, else the
//! disk. References and rename reach every `*.rules` file under the workspace root; when a
//! file changes, the diagnostics of the open files that extend it are published again.

mod answers;
mod convert;
mod workspace;

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use tieuchi_service::{Analysis, MODIFIERS, TOKEN_TYPES};

use crate::files;

/// The kind of the action adding the tests the coverage search suggests.
const ADD_TESTS: &str = "source.addMissingTests";

/// Files of the workspace searched for references and renames, at most.
const MAX_WORKSPACE_FILES: usize = 2_000;
/// Folders below the workspace root searched, at most.
const MAX_DEPTH: usize = 8;
/// Folders read while searching the workspace, at most.
const MAX_FOLDERS: usize = 5_000;

/// Runs the server until the client sends `exit` or closes standard input; true when
/// `shutdown` came first (exit code 0, as the protocol asks).
pub fn run() -> bool {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    serve(&mut input, &mut std::io::stdout())
}

/// The server's loop over any reader and writer.
fn serve(input: &mut impl BufRead, output: &mut impl Write) -> bool {
    let mut server = Server::default();
    loop {
        let msg = match read_incoming(input) {
            Ok(Some(Incoming::Message(msg))) => msg,
            Ok(Some(Incoming::Skipped(why))) => {
                errln!(
                    "tieuchi lsp: bỏ qua một thông điệp không đọc được (skipped a malformed message): {why}"
                );
                continue;
            }
            Ok(None) => return server.shut_down,
            Err(e) => {
                errln!(
                    "tieuchi lsp: không đọc được đầu vào chuẩn (cannot read standard input): {e}"
                );
                return false;
            }
        };
        let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
        if exit {
            return server.shut_down;
        }
        server.handle(msg);
        for out in server.outbox.drain(..) {
            if out.write(output).and_then(|()| output.flush()).is_err() {
                return false;
            }
        }
    }
}

/// The largest message read (a rule file is at most 4 MiB; escaped as JSON, at most about
/// six times that); a longer one is skipped without being kept in memory.
const MAX_MESSAGE_BYTES: usize = 64 << 20;
/// The longest header line kept; a longer one is skipped.
const MAX_HEADER_LINE: usize = 4096;

/// What was read from the client.
enum Incoming {
    /// A message.
    Message(Message),
    /// Something that is not a message, and why.
    Skipped(String),
}

/// One line of at most `limit` bytes (a longer one is read to its end and cut), without its
/// line break; `None` at the end of the input.
fn read_line_limited(input: &mut impl BufRead, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let mut read_any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(read_any.then_some(line));
        }
        read_any = true;
        let (chunk, used, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (buf.get(..i).unwrap_or(buf), i + 1, true),
            None => (buf, buf.len(), false),
        };
        let room = limit.saturating_sub(line.len());
        line.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or(chunk));
        input.consume(used);
        if done {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(line));
        }
    }
}

/// Reads one message framed as the protocol frames it (`Content-Length` header, blank line,
/// JSON body), with bounded memory: a body over [`MAX_MESSAGE_BYTES`] is read and dropped.
/// `lsp-server`'s own reader allocates whatever length a header announces.
fn read_incoming(input: &mut impl BufRead) -> std::io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut headers = 0;
    loop {
        let Some(line) = read_line_limited(input, MAX_HEADER_LINE)? else {
            return Ok(None);
        };
        if line.is_empty() {
            if headers == 0 {
                continue;
            }
            break;
        }
        headers += 1;
        let line = String::from_utf8_lossy(&line);
        let Some((name, value)) = line.split_once(':') else {
            return Ok(Some(Incoming::Skipped(format!(
                "malformed header: {line:?}"
            ))));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|e| format!("Content-Length {value:?}: {e}")),
            );
        }
    }
    let n = match length {
        Some(Ok(n)) => n,
        Some(Err(why)) => return Ok(Some(Incoming::Skipped(why))),
        None => return Ok(Some(Incoming::Skipped("no Content-Length".to_string()))),
    };
    if n > MAX_MESSAGE_BYTES {
        let dropped = std::io::copy(&mut input.take(n as u64), &mut std::io::sink())?;
        if dropped < n as u64 {
            return Ok(None);
        }
        return Ok(Some(Incoming::Skipped(format!(
            "{n} bytes, more than {MAX_MESSAGE_BYTES}"
        ))));
    }
    let mut body = vec![0; n];
    input.read_exact(&mut body)?;
    Ok(Some(match serde_json::from_slice::<Message>(&body) {
        Ok(msg) => Incoming::Message(msg),
        Err(e) => Incoming::Skipped(format!("{e}")),
    }))
}

/// An open document.
struct Doc {
    /// The name the service knows it by (its path, or its URI).
    name: String,
    /// The editor's text.
    text: String,
}

/// The server's state.
#[derive(Default)]
struct Server {
    /// The workspace root, from `initialize`.
    root: Option<PathBuf>,
    /// Open documents by URI.
    docs: BTreeMap<String, Doc>,
    /// True once `initialize` was answered.
    initialized: bool,
    /// True once `shutdown` was answered.
    shut_down: bool,
    /// Messages to write.
    outbox: Vec<Message>,
    /// The analysis of each open document, until a document changes (any change may change
    /// the answers of the files extending it).
    cache: std::cell::RefCell<BTreeMap<String, std::rc::Rc<Analysis>>>,
}

/// A failed request: a protocol error code and a message.
type Failure = (ErrorCode, String);

fn params<P: DeserializeOwned>(value: Json) -> Result<P, Failure> {
    serde_json::from_value(value).map_err(|e| {
        (
            ErrorCode::InvalidParams,
            format!("tham số không hợp lệ (invalid params): {e}"),
        )
    })
}

fn to_json(value: impl serde::Serialize) -> Result<Json, Failure> {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

impl Server {
    fn handle(&mut self, msg: Message) {
        match msg {
            Message::Request(req) => self.request(req),
            Message::Notification(n) => {
                let method = n.method.clone();
                let done = catch_unwind(AssertUnwindSafe(|| self.notification(n)));
                if done.is_err() {
                    errln!("tieuchi lsp: lỗi nội bộ khi xử lý (internal error in) {method}");
                }
            }
            // The server sends no requests, so no response is awaited.
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, req: Request) {
        let Request { id, method, params } = req;
        let answer = if !self.initialized && method != "initialize" {
            Err((
                ErrorCode::ServerNotInitialized,
                "máy chủ chưa được khởi tạo (server not initialized)".to_string(),
            ))
        } else if self.shut_down {
            Err((
                ErrorCode::InvalidRequest,
                "máy chủ đã tắt (the server was shut down)".to_string(),
            ))
        } else {
            catch_unwind(AssertUnwindSafe(|| self.answer(&method, params))).unwrap_or_else(|_| {
                Err((
                    ErrorCode::InternalError,
                    format!("lỗi nội bộ khi trả lời (internal error answering) {method}"),
                ))
            })
        };
        self.respond(id, answer);
    }

    fn respond(&mut self, id: RequestId, answer: Result<Json, Failure>) {
        let response = match answer {
            Ok(result) => Response {
                id,
                response_result: Ok(result),
            },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.outbox.push(Message::Response(response));
    }

    fn answer(&mut self, method: &str, p: Json) -> Result<Json, Failure> {
        match method {
            "initialize" => self.initialize(params(p)?),
            "shutdown" => {
                self.shut_down = true;
                Ok(Json::Null)
            }
            "textDocument/hover" => self.hover(params(p)?),
            "textDocument/completion" => self.completion(params(p)?),
            "textDocument/definition" => self.definition(params(p)?),
            "textDocument/references" => self.references(params(p)?),
            "textDocument/prepareRename" => self.prepare_rename(params(p)?),
            "textDocument/rename" => self.rename(params(p)?),
            "textDocument/documentSymbol" => self.document_symbol(params(p)?),
            "textDocument/formatting" => self.formatting(params(p)?),
            "textDocument/codeAction" => self.code_action(params(p)?),
            "textDocument/semanticTokens/full" => self.semantic_tokens(params(p)?),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("phương thức không được hỗ trợ (unsupported method): {method}"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) {
        // Notifications are never answered: one with bad parameters is ignored.
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lt::DidOpenTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri.as_str().to_string();
                    self.set_text(&uri, p.text_document.text);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lt::DidChangeTextDocumentParams>(n.params)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    // Full sync: the last change holds the whole text.
                    let uri = p.text_document.uri.as_str().to_string();
                    if change.range.is_none() {
                        self.set_text(&uri, change.text);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lt::DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.cache.borrow_mut().clear();
                    if let Some(doc) = self.docs.remove(uri.as_str()) {
                        self.publish_raw(uri, Vec::new());
                        // Files extending it now read it from disk.
                        self.republish_dependants(&doc.name);
                    }
                }
            }
            "textDocument/didSave" => {
                if let Ok(p) = serde_json::from_value::<lt::DidSaveTextDocumentParams>(n.params)
                    && let Some(doc) = self.docs.get(p.text_document.uri.as_str())
                {
                    // Files not open are read from disk: a save may change them.
                    let name = doc.name.clone();
                    self.cache.borrow_mut().clear();
                    self.republish_dependants(&name);
                }
            }
            _ => {}
        }
    }

    fn initialize(&mut self, p: lt::InitializeParams) -> Result<Json, Failure> {
        #[expect(deprecated, reason = "older clients send only rootUri or rootPath")]
        let root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| convert::uri_to_path(f.uri.as_str()))
            .or_else(|| {
                p.root_uri
                    .as_ref()
                    .and_then(|u| convert::uri_to_path(u.as_str()))
            })
            .or_else(|| p.root_path.as_ref().map(PathBuf::from));
        self.root = root;
        self.initialized = true;
        let legend = lt::SemanticTokensLegend {
            token_types: TOKEN_TYPES
                .iter()
                .map(|t| lt::SemanticTokenType::new(t))
                .collect(),
            token_modifiers: MODIFIERS
                .iter()
                .map(|m| lt::SemanticTokenModifier::new(m))
                .collect(),
        };
        let capabilities = lt::ServerCapabilities {
            text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
                lt::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lt::TextDocumentSyncKind::FULL),
                    save: Some(lt::TextDocumentSyncSaveOptions::Supported(true)),
                    ..lt::TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
            completion_provider: Some(lt::CompletionOptions::default()),
            definition_provider: Some(lt::OneOf::Left(true)),
            references_provider: Some(lt::OneOf::Left(true)),
            rename_provider: Some(lt::OneOf::Right(lt::RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: lt::WorkDoneProgressOptions::default(),
            })),
            document_symbol_provider: Some(lt::OneOf::Left(true)),
            document_formatting_provider: Some(lt::OneOf::Left(true)),
            code_action_provider: Some(lt::CodeActionProviderCapability::Options(
                lt::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lt::CodeActionKind::QUICKFIX,
                        lt::CodeActionKind::new(ADD_TESTS),
                    ]),
                    ..lt::CodeActionOptions::default()
                },
            )),
            semantic_tokens_provider: Some(
                lt::SemanticTokensServerCapabilities::SemanticTokensOptions(
                    lt::SemanticTokensOptions {
                        legend,
                        full: Some(lt::SemanticTokensFullOptions::Bool(true)),
                        range: None,
                        ..lt::SemanticTokensOptions::default()
                    },
                ),
            ),
            ..lt::ServerCapabilities::default()
        };
        to_json(lt::InitializeResult {
            capabilities,
            server_info: Some(lt::ServerInfo {
                name: "tieuchi".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    /// The name the service gives the document at `uri`.
    fn name_of(uri: &str) -> String {
        match convert::uri_to_path(uri) {
            Some(path) => convert::normalize(&path).display().to_string(),
            None => uri.to_string(),
        }
    }

    fn set_text(&mut self, uri: &str, text: String) {
        self.cache.borrow_mut().clear();
        let name = Self::name_of(uri);
        self.docs.insert(
            uri.to_string(),
            Doc {
                name: name.clone(),
                text,
            },
        );
        self.publish(uri);
        self.republish_dependants(&name);
    }

    /// The text of a file: the editor's when it is open, else the disk's.
    fn text_of(&self, name: &str) -> Result<String, String> {
        if let Some(doc) = self.docs.values().find(|d| d.name == name) {
            return Ok(doc.text.clone());
        }
        files::read_untracked(Path::new(name)).map_err(|e| e.to_string())
    }

    /// Analyses the file `name` with text `text`, reading what it extends or uses from the
    /// editor or the disk.
    fn analyse(&self, name: &str, text: &str) -> Analysis {
        let mut load = |from: &str, rel: &str| -> Result<(String, String), String> {
            let dir = Path::new(from)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let target = convert::normalize(&dir.join(rel)).display().to_string();
            let text = self.text_of(&target)?;
            Ok((target, text))
        };
        Analysis::new(name, text, &mut load)
    }

    /// The analysis of the document at `uri`: open (kept until a document changes), or
    /// read from disk when it was never opened (`None` when it cannot be read).
    fn analysis(&self, uri: &lt::Uri) -> Option<std::rc::Rc<Analysis>> {
        if let Some(a) = self.cache.borrow().get(uri.as_str()) {
            return Some(a.clone());
        }
        let name = Self::name_of(uri.as_str());
        let Some(doc) = self.docs.get(uri.as_str()) else {
            let text = self.text_of(&name).ok()?;
            return Some(std::rc::Rc::new(self.analyse(&name, &text)));
        };
        let a = std::rc::Rc::new(self.analyse(&doc.name, &doc.text));
        self.cache
            .borrow_mut()
            .insert(uri.as_str().to_string(), a.clone());
        Some(a)
    }

    fn publish(&mut self, uri: &str) {
        let Ok(parsed) = uri.parse::<lt::Uri>() else {
            return;
        };
        let Some(a) = self
            .docs
            .contains_key(uri)
            .then(|| self.analysis(&parsed))
            .flatten()
        else {
            return;
        };
        let diagnostics = a.diagnostics().iter().map(convert::diagnostic).collect();
        self.publish_raw(parsed, diagnostics);
    }

    fn publish_raw(&mut self, uri: lt::Uri, diagnostics: Vec<lt::Diagnostic>) {
        let params = lt::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.outbox.push(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_string(),
            params,
        )));
    }

    /// Publishes again the diagnostics of the open files that extend or use `name`.
    fn republish_dependants(&mut self, name: &str) {
        let dependants: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.name != name && self.depends_on(d, name))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in dependants {
            self.publish(&uri);
        }
    }

    /// True when `doc` extends `name` (directly or through another file), or uses it.
    fn depends_on(&self, doc: &Doc, name: &str) -> bool {
        let mut read = Vec::new();
        let mut load = |from: &str, rel: &str| -> Result<(String, String), String> {
            let dir = Path::new(from)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let target = convert::normalize(&dir.join(rel)).display().to_string();
            read.push(target.clone());
            let text = self.text_of(&target)?;
            Ok((target, text))
        };
        let _ = tieuchi_core::compile_file(&doc.name, &doc.text, &mut load);
        read.iter().any(|r| r == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Malformed messages, unknown methods and requests before `initialize` are answered or
    /// skipped; the loop ends at `exit` with the right status.
    #[test]
    fn bad_input_is_answered_or_skipped() {
        let mut input = String::new();
        input.push_str(&frame(
            r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#,
        ));
        input.push_str(&frame("{not json"));
        input.push_str("Content-Length: nope\r\n\r\n");
        input.push_str(&frame(
            r#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}"#,
        ));
        input.push_str(&frame(
            r#"{"jsonrpc":"2.0","id":3,"method":"no/such","params":null}"#,
        ));
        input.push_str(&frame(r#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere/x.rules"},"position":{"line":99,"character":99}}}"#));
        input.push_str(&frame(
            r#"{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"bad":1}}"#,
        ));
        input.push_str(&frame(
            r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"bad":1}}"#,
        ));
        // A body over the limit, then a header line of a megabyte: both skipped.
        input.push_str(&format!(
            "Content-Length: {}\r\n\r\n",
            MAX_MESSAGE_BYTES + 1
        ));
        input.push_str(&" ".repeat(MAX_MESSAGE_BYTES + 1));
        input.push_str(&"x".repeat(1 << 20));
        input.push_str("\r\n\r\n");
        input.push_str(&frame(r#"{"jsonrpc":"2.0","id":7,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"untitled:1"}}}"#));
        input.push_str(&frame(r#"{"jsonrpc":"2.0","id":6,"method":"shutdown"}"#));
        input.push_str(&frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let mut reader = std::io::Cursor::new(input.into_bytes());
        let mut out = Vec::new();
        assert!(serve(&mut reader, &mut out));
        let out = String::from_utf8(out).unwrap();
        let bodies: Vec<Json> = out
            .split("Content-Length: ")
            .filter(|s| !s.is_empty())
            .map(|s| serde_json::from_str(s.split_once("\r\n\r\n").unwrap().1).unwrap())
            .collect();
        let by_id = |id: i64| bodies.iter().find(|b| b["id"] == id).unwrap().clone();
        assert_eq!(by_id(1)["error"]["code"], -32002);
        assert!(by_id(2)["result"]["capabilities"]["hoverProvider"] == true);
        assert_eq!(by_id(3)["error"]["code"], -32601);
        assert_eq!(by_id(4)["result"], Json::Null);
        assert_eq!(by_id(5)["error"]["code"], -32602);
        assert_eq!(by_id(6)["result"], Json::Null);
        assert_eq!(by_id(7)["result"], Json::Null);
        // Standard input closed without `exit`: not a clean shutdown.
        let mut empty = std::io::Cursor::new(Vec::new());
        assert!(!serve(&mut empty, &mut Vec::new()));
    }
}
