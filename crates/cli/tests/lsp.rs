//! `tieuchi lsp` driven as an editor drives it: the built binary over pipes, messages framed
//! as the Language Server Protocol frames them, every wait bounded (a silent server fails the
//! test instead of hanging it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value as Json, json};

/// How long any answer may take.
const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Json>,
    /// Notifications received while waiting for responses.
    notes: Vec<Json>,
    next_id: i64,
}

fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Client {
    fn start() -> Client {
        Client::start_with(&["lsp", "--stdio"])
    }

    fn start_with(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap()];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if send.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            notes: Vec::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Json) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&body.to_string());
    }

    fn next(&mut self, deadline: Instant) -> Json {
        let left = deadline.saturating_duration_since(Instant::now());
        self.incoming
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("the server said nothing for {WAIT:?}"))
    }

    /// Sends a request and waits for its response (the whole message: result or error).
    fn request_full(&mut self, method: &str, params: Json) -> Json {
        let id = self.next_id;
        self.next_id += 1;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&body.to_string());
        let deadline = Instant::now() + WAIT;
        loop {
            let msg = self.next(deadline);
            if msg["id"] == id {
                return msg;
            }
            self.notes.push(msg);
        }
    }

    fn request(&mut self, method: &str, params: Json) -> Json {
        let msg = self.request_full(method, params);
        assert!(msg.get("error").is_none(), "{method}: {msg}");
        msg["result"].clone()
    }

    /// The next diagnostics published for `uri` (already received or to come).
    fn diagnostics(&mut self, uri: &str) -> Json {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(i) = self.notes.iter().position(|n| {
                n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
            }) {
                return self.notes.remove(i)["params"]["diagnostics"].clone();
            }
            let msg = self.next(deadline);
            self.notes.push(msg);
        }
    }
}

fn at(uri: &str, line: usize, character: usize) -> Json {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// Line and UTF-16 column of the `n`-th (from 1) occurrence of `needle`, plus `shift`
/// characters.
fn find(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let start = text.match_indices(needle).nth(n - 1).unwrap().0;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..start].matches('\n').count(),
        text[line_start..start].encode_utf16().count(),
    )
}

/// A rule file with a misspelt field name after Vietnamese letters on its line.
const BAD: &str = r#"model unit "Đơn vị" {
  source "Thông tư 22/2020/TT-BGDĐT"
  max 10 points

  input {
    có_kế_hoạch: bool "Đơn vị có kế hoạch"
  }

  criterion C1 "Điều kiện" 10 points {
    source "Thông tư 22/2020, tiêu chí 1"
    indicator C1.1 "Kế hoạch" 10 points {
      source "Thông tư 22/2020, tiêu chí 1, nội dung 1"
      award whole when có_kế_hoạchh
    }
  }

  recognized when total >= 10
}
"#;

#[test]
fn an_editor_session() {
    let dir = support::scratch("lsp");
    let rules = support::root().join("rules/unit");
    for f in ["tt22-2020.rules", "ha-noi-kh103-2021.rules"] {
        std::fs::copy(rules.join(f), dir.join(f)).unwrap();
    }
    // A file extending the national one that the editor never opens.
    std::fs::create_dir_all(dir.join("tỉnh")).unwrap();
    let copy_text = std::fs::read_to_string(rules.join("ha-noi-kh103-2021.rules"))
        .unwrap()
        .replace(
            "extends \"tt22-2020.rules\"",
            "extends \"../tt22-2020.rules\"",
        );
    std::fs::write(dir.join("tỉnh/bản sao.rules"), &copy_text).unwrap();
    let copy = uri(&dir.join("tỉnh/bản sao.rules"));
    let bad_path = dir.join("sai chính tả.rules");
    std::fs::write(&bad_path, BAD).unwrap();
    let (bad, tt22, hanoi) = (
        uri(&bad_path),
        uri(&dir.join("tt22-2020.rules")),
        uri(&dir.join("ha-noi-kh103-2021.rules")),
    );
    let tt22_text = std::fs::read_to_string(dir.join("tt22-2020.rules")).unwrap();
    let hanoi_text = std::fs::read_to_string(dir.join("ha-noi-kh103-2021.rules")).unwrap();

    let mut c = Client::start();
    // Before initialize: refused, not fatal.
    let early = c.request_full("textDocument/hover", at(&bad, 0, 0));
    assert_eq!(early["error"]["code"], -32002);
    let init = c.request(
        "initialize",
        json!({"capabilities": {}, "rootUri": uri(&dir)}),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 1);
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert!(caps["semanticTokensProvider"]["legend"]["tokenTypes"][0] == "keyword");
    c.notify("initialized", json!({}));

    // didOpen with an error: the diagnostic at the exact span, UTF-16 columns.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": bad, "languageId": "tieuchi", "version": 1, "text": BAD}}),
    );
    let diags = c.diagnostics(&bad);
    let c001 = diags
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "C001")
        .unwrap()
        .clone();
    let (line, col) = find(BAD, "có_kế_hoạchh", 1);
    assert_eq!(
        c001["range"]["start"],
        json!({"line": line, "character": col})
    );
    let len = "có_kế_hoạchh".encode_utf16().count();
    assert_eq!(
        c001["range"]["end"],
        json!({"line": line, "character": col + len})
    );
    assert_eq!(col, 23);
    assert_eq!(c001["severity"], 1);
    let message = c001["message"].as_str().unwrap();
    assert!(message.starts_with("không tìm thấy"), "{message}");
    assert!(
        message.contains("có phải là `có_kế_hoạch` không?"),
        "{message}"
    );

    // The quick fix the diagnostic suggests.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": bad}, "range": c001["range"], "context": {"diagnostics": [c001]}
        }),
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    let edit = &fix["edit"]["changes"][&bad][0];
    assert_eq!(edit["newText"], "có_kế_hoạch");
    assert_eq!(edit["range"], c001["range"]);

    // Completion of a field name in a condition.
    let items = c.request("textDocument/completion", at(&bad, line, col + 3));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"có_kế_hoạch"), "{labels:?}");
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "có_kế_hoạch")
        .unwrap();
    assert_eq!(
        item["textEdit"]["range"]["start"],
        json!({"line": line, "character": col})
    );
    assert!(labels.contains(&"criterion"));

    // Open the national file and the Hà Nội file that extends it.
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": tt22, "languageId": "tieuchi", "version": 1, "text": tt22_text}}));
    assert_eq!(
        c.diagnostics(&tt22)
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == 1)
            .count(),
        0
    );
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": hanoi, "languageId": "tieuchi", "version": 1, "text": hanoi_text}}));
    assert_eq!(
        c.diagnostics(&hanoi)
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == 1)
            .count(),
        0
    );

    // Hover over an indicator: points, the rule in words, the citation.
    let (l, ch) = find(&tt22_text, "U1.1 \"", 1);
    let hover = c.request("textDocument/hover", at(&tt22, l, ch + 1));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("10 điểm (points)"), "{text}");
    assert!(text.contains("Đạt 10 điểm khi"), "{text}");
    assert!(
        text.contains("Nguồn (source): Thông tư 22/2020/TT-BGDĐT, tiêu chí 1"),
        "{text}"
    );

    // Definition from the Hà Nội file into its parent.
    let (l, ch) = find(&hanoi_text, "share_advanced /", 1);
    let def = c.request("textDocument/definition", at(&hanoi, l, ch + 2));
    assert_eq!(def["uri"], tt22);
    let (dl, dch) = find(&tt22_text, "share_advanced =", 1);
    assert_eq!(def["range"]["start"], json!({"line": dl, "character": dch}));

    // From the `extends` string to the file it names.
    let (l, ch) = find(&hanoi_text, "\"tt22-2020.rules\"", 1);
    let def = c.request("textDocument/definition", at(&hanoi, l, ch + 2));
    assert_eq!(def["uri"], tt22);

    // References of a national field: in both files.
    let (l, ch) = find(&tt22_text, "members_total:", 1);
    let refs = c.request(
        "textDocument/references",
        json!({
            "textDocument": {"uri": tt22}, "position": {"line": l, "character": ch},
            "context": {"includeDeclaration": true}
        }),
    );
    let refs = refs.as_array().unwrap();
    let in_hanoi = refs.iter().filter(|r| r["uri"] == hanoi).count();
    let in_copy = refs.iter().filter(|r| r["uri"] == copy).count();
    assert_eq!(in_hanoi, hanoi_text.matches("members_total").count());
    assert_eq!(in_copy, in_hanoi);
    assert_eq!(
        refs.len() - in_hanoi - in_copy,
        tt22_text.matches("members_total").count()
    );

    // Rename a `let` from the Hà Nội file: both files change.
    let (l, ch) = find(&hanoi_text, "share_advanced /", 1);
    let prep = c.request("textDocument/prepareRename", at(&hanoi, l, ch));
    assert_eq!(prep["start"], json!({"line": l, "character": ch}));
    let mut params = at(&hanoi, l, ch);
    params["newName"] = json!("tỷ_lệ_tiên_tiến");
    let edit = c.request("textDocument/rename", params.clone());
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(
        changes[&tt22].as_array().unwrap().len(),
        tt22_text.matches("share_advanced").count()
    );
    assert_eq!(
        changes[&hanoi].as_array().unwrap().len(),
        hanoi_text.matches("share_advanced").count()
    );
    // The file the editor never opened changes too.
    assert_eq!(
        changes[&copy].as_array().unwrap().len(),
        hanoi_text.matches("share_advanced").count()
    );
    assert_eq!(changes.len(), 3);
    params["newName"] = json!("members_total");
    assert!(
        c.request_full("textDocument/rename", params.clone())["error"]["message"]
            .as_str()
            .unwrap()
            .contains("đã được dùng")
    );
    params["newName"] = json!("hai từ");
    assert!(c.request_full("textDocument/rename", params)["error"].is_object());

    // Formatting a messy document: one edit giving the canonical layout.
    let messy = BAD
        .replace("có_kế_hoạchh", "có_kế_hoạch")
        .replace("  max 10 points", "max    10 points");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": bad, "version": 2}, "contentChanges": [{"text": messy}]}),
    );
    assert!(
        c.diagnostics(&bad)
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"] != 1)
    );
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": bad}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits.as_array().unwrap().len(), 1);
    assert_eq!(
        edits[0]["newText"].as_str().unwrap(),
        tieuchi_syntax::format(&messy).unwrap()
    );
    assert_eq!(edits[0]["range"]["end"]["line"], messy.lines().count());

    // The outline: model → criteria → indicators.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": tt22}}),
    );
    let model = &symbols[0];
    assert_eq!(model["name"], "unit");
    let criteria: Vec<&Json> = model["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == 5)
        .collect();
    assert_eq!(criteria.len(), 3);
    assert_eq!(criteria[0]["children"][0]["name"], "U1.1");

    // Semantic tokens: five numbers per token, keywords among them.
    let tokens = c.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": tt22}}),
    );
    let data = tokens["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    assert!(data.chunks(5).any(|t| t[3] == 0));

    // In a test: the action adding the tests the coverage search suggests.
    let last_test = tt22_text.matches("\n  test \"").count();
    let (l, _) = find(&tt22_text, "\n  test \"", last_test);
    let range =
        json!({"start": {"line": l + 1, "character": 3}, "end": {"line": l + 1, "character": 3}});
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": tt22}, "range": range, "context": {"diagnostics": []}
        }),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "source.addMissingTests")
        .unwrap();
    assert!(
        add["title"]
            .as_str()
            .unwrap()
            .starts_with("Thêm 3 bài kiểm thử"),
        "{add}"
    );
    let inserted = add["edit"]["changes"][&tt22][0]["newText"]
        .as_str()
        .unwrap();
    assert_eq!(inserted.matches("\n  test \"").count(), 3, "{inserted}");

    // A change of the parent re-publishes the diagnostics of the file extending it.
    let broken = tt22_text.replace(
        "  let share_advanced = members_advanced_worker_or_higher / members_total\n",
        "",
    );
    assert_ne!(broken, tt22_text);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": tt22, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let _ = c.diagnostics(&tt22);
    let hanoi_diags = c.diagnostics(&hanoi);
    assert!(
        hanoi_diags
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "C001"
                && d["message"].as_str().unwrap().contains("share_advanced")),
        "{hanoi_diags}"
    );

    // Bad input: never opened, past the end, unknown method, malformed message.
    let never = uri(&dir.join("không có.rules"));
    assert_eq!(
        c.request("textDocument/hover", at(&never, 0, 0)),
        Json::Null
    );
    assert_eq!(
        c.request("textDocument/definition", at(&bad, 9999, 9999)),
        Json::Null
    );
    let _ = c.request("textDocument/completion", at(&bad, 9999, 9999));
    assert_eq!(
        c.request_full("tieuchi/noSuchMethod", json!({}))["error"]["code"],
        -32601
    );
    c.send_raw("{this is not json");
    assert_eq!(
        c.request_full("textDocument/hover", json!({"nonsense": true}))["error"]["code"],
        -32602
    );

    // Closing a document clears its diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": bad}}),
    );
    assert_eq!(c.diagnostics(&bad), json!([]));

    // Shutdown, exit: the process ends with status 0.
    assert_eq!(c.request("shutdown", Json::Null), Json::Null);
    c.notify("exit", Json::Null);
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = c.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_is_vietnamese_first() {
    let out = Command::new(env!("CARGO_BIN_EXE_tieuchi"))
        .args(["lsp", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        text.starts_with("Máy chủ giao thức máy chủ ngôn ngữ (LSP)"),
        "{text}"
    );
    assert!(text.contains("Language Server Protocol"));
}

#[test]
fn messages_follow_lang() {
    let mut c = Client::start_with(&["lsp", "--lang", "en"]);
    let _ = c.request("initialize", json!({"capabilities": {}}));
    let bad = "untitled:Untitled-1";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": bad, "languageId": "tieuchi", "version": 1, "text": BAD}}),
    );
    let diags = c.diagnostics(bad);
    let c001 = diags
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "C001")
        .unwrap();
    assert_eq!(
        c001["message"],
        "unknown name `có_kế_hoạchh`\nhelp: did you mean `có_kế_hoạch`?"
    );
    // A document that is not a file is answered too.
    let (line, col) = find(BAD, "có_kế_hoạch:", 1);
    let def = c.request("textDocument/definition", at(bad, line, col));
    assert_eq!(def["uri"], bad);
    assert_eq!(c.request("shutdown", Json::Null), Json::Null);
    c.notify("exit", Json::Null);
}
