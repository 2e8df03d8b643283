// The rule playground: edit a rule file, see its diagnostics, its tests and a sample answer live.
import { MODELS, source, files, start, compile, documentHtml, esc, renderAnswer, useAuthoring } from "./models.js";

// The playground checks rule files as their authors write them: the module with the
// reasoning about values and the file's tests.
useAuthoring();

const $ = (s) => document.querySelector(s);
const recordBox = $("#record");
const picker = $("#file");
let model = MODELS[0];
let extra = {};
let ruleset = null;
let timer = 0;
let runs = 0;
let analyses = 0;
/** The engine (engine.js): every call into the module goes through it, to survive a trap. */
let engine = null;
/** The bundled text of the file shown, to tell an edit from it. */
let bundled = "";
/** The editor (pkg/editor.js, made once the first file is loaded). */
let editor = null;

// The language service (`analyze`, authors' module) through the engine: an analysis made in an
// instance that a trap replaced is made again in the new one.
let held = null;
const NO_ANALYSIS = {
  diagnostics: () => [],
  semanticTokens: () => new Uint32Array(0),
  hover: () => null,
  completions: () => [],
  format: () => null,
  codeActions: () => [],
  documentSymbols: () => [],
  definition: () => null,
  references: () => [],
  rename: () => ({ error: "không phân tích được tệp (the file could not be analysed)" }),
};
function service(text) {
  if (held) {
    try {
      if (held.generation === engine.generation) held.inner.free();
      else held.inner.__destroy_into_raw?.();
    } catch {
      // already gone with its instance
    }
    held = null;
  }
  const files = extra;
  const make = (api, generation) => {
    held = { inner: api.analyze(text, files), generation };
    return held;
  };
  try {
    engine.call(make);
  } catch (e) {
    const message = e.message ?? String(e);
    return { ...NO_ANALYSIS, diagnostics: () => [{ from: 0, to: 0, severity: "error", code: "", message, help: null, fix: null }] };
  }
  const mine = held;
  const method =
    (name) =>
    (...args) => {
      try {
        return engine.call((api, generation) => {
          if (held !== mine || mine.generation !== generation) make(api, generation);
          return held.inner[name](...args);
        });
      } catch {
        return NO_ANALYSIS[name]();
      }
    };
  return Object.fromEntries(Object.keys(NO_ANALYSIS).map((m) => [m, method(m)]));
}

/** Moves the caret to a diagnostic's span. */
function jump(d) {
  editor?.select(d.start ?? 0, Math.max(d.start ?? 0, d.end ?? 0));
}

const RANK = { error: 0, warning: 1 };
const SEVERITY_VI = { error: "lỗi", warning: "cảnh báo", note: "ghi chú" };
function showDiagnostics(all) {
  const diags = [...all].sort((a, b) => (RANK[a.severity] ?? 2) - (RANK[b.severity] ?? 2) || a.line - b.line);
  const ul = $("#diagnostics");
  const n = (sev) => diags.filter((d) => d.severity === sev).length;
  $("#diag-count").textContent = `(${n("error")} lỗi, ${n("warning")} cảnh báo, ${diags.length - n("error") - n("warning")} ghi chú)`;
  $("#diag-summary").textContent = n("error") === 0 ? "Không có lỗi." : `Có ${n("error")} lỗi.`;
  if (diags.length === 0) {
    ul.innerHTML = "";
  } else {
    ul.innerHTML = diags
      .map(
        (d, i) =>
          `<li class="sev-${esc(d.severity)} diag" data-line="${d.line}"><button type="button" data-i="${i}" class="pos">${
            d.file && d.file !== "<rules>" ? esc(d.file) + ":" : ""
          }${d.line}:${d.column}</button> <strong>${esc(SEVERITY_VI[d.severity] ?? d.severity)} ${esc(d.code)}</strong>: ${esc(d.message)}${
            d.help ? `<div class="hint">${esc(d.help)}</div>` : ""
          }</li>`,
      )
      .join("");
    ul.querySelectorAll("button.pos").forEach((b) => b.addEventListener("click", () => jump(diags[+b.dataset.i])));
  }
}

function showTests() {
  const ul = $("#tests");
  if (!ruleset) {
    ul.innerHTML = `<li>Sửa lỗi để chạy kiểm thử.</li>`;
    $("#tests-count").textContent = "";
    return;
  }
  let results;
  try {
    results = ruleset.runTests();
  } catch (e) {
    ul.innerHTML = `<li class="fail">${esc(e.message)}</li>`;
    $("#tests-count").textContent = "";
    return;
  }
  const passed = results.filter((t) => t.passed).length;
  $("#tests-count").textContent = `(${passed}/${results.length} đạt)`;
  ul.innerHTML =
    results
      .map(
        (t) =>
          `<li class="${t.passed ? "pass" : "fail"}">${t.passed ? "✔" : "✘"} <span>${esc(t.name)}</span> <small class="hint">dòng ${t.line}</small>${
            t.failures?.length
              ? `<ul>${t.failures.map((f) => `<li>${f.line ? `${f.line}:${f.column} ` : ""}${esc(f.message)}</li>`).join("")}</ul>`
              : ""
          }</li>`,
      )
      .join("") || `<li>Tệp chưa có kiểm thử.</li>`;
}

function evaluateSample() {
  const out = $("#answer");
  if (!ruleset) {
    out.innerHTML = "";
    return;
  }
  let record;
  try {
    record = JSON.parse(recordBox.value);
  } catch (e) {
    out.innerHTML = `<p class="error">JSON không hợp lệ: ${esc(e.message)}</p>`;
    return;
  }
  try {
    out.innerHTML = renderAnswer(ruleset.evaluate(record));
  } catch (e) {
    out.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

// The document for sign-off: the page `tieuchi doc` writes, made by the same library code
// (`documentHtml`), shown in a sandboxed frame (no script runs in it) and made again after
// each run while its tab is open (when another tab is open, when it is opened).
const frame = $("#doc-frame");
const docStatus = $("#doc-status");
let docStale = true;
let docs = 0;

function showDocument() {
  docStale = false;
  if (!ruleset) {
    docStatus.textContent = frame.srcdoc
      ? "Tệp đang có lỗi: văn bản dưới đây là của lần sửa gần nhất không có lỗi. (The file has errors: the document is that of the last version without errors.)"
      : "Sửa lỗi để xem văn bản. (Fix the errors to see the document.)";
    return;
  }
  let html;
  try {
    html = documentHtml(editor.text, extra, `${model.id.split("/").pop()}.rules`);
  } catch (e) {
    docStatus.textContent = e.message;
    return;
  }
  docStatus.textContent = "Văn bản được tạo từ tệp quy tắc, cập nhật khi sửa. (Made from the rule file, updated as you edit.)";
  if (html === frame.srcdoc) return;
  // Keep the reader's place across updates.
  const y = frame.contentWindow?.scrollY ?? 0;
  frame.addEventListener(
    "load",
    () => {
      frame.contentWindow?.scrollTo(0, y);
      document.body.dataset.docs = String(++docs);
    },
    { once: true },
  );
  frame.srcdoc = html;
}

const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute("aria-selected", String(selected));
    t.tabIndex = selected ? 0 : -1;
    document.getElementById(t.getAttribute("aria-controls")).hidden = !selected;
  }
  if (tab.id === "tab-doc" && docStale) showDocument();
}
tabs.forEach((t, i) => {
  t.addEventListener("click", () => selectTab(t));
  // Arrow keys move between tabs, as in every tab list.
  t.addEventListener("keydown", (e) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    next.focus();
    selectTab(next);
  });
});
$("#doc-print").addEventListener("click", () => {
  if (docStale) showDocument();
  frame.contentWindow?.print();
});

function run() {
  clearTimeout(timer);
  ruleset?.free();
  ruleset = null;
  let diags;
  try {
    ruleset = compile(editor.text, extra);
    diags = ruleset.diagnostics();
  } catch (e) {
    diags = e.diagnostics ?? [{ severity: "error", code: "", message: e.message, line: 1, column: 1 }];
    // The engine crashed and has no fresh instance yet: run again once it has.
    if (e.restarting) start().then((engine) => engine.ready()).then(later);
  }
  showDiagnostics(diags);
  showTests();
  evaluateSample();
  if ($("#doc-panel").hidden) docStale = true;
  else showDocument();
  document.body.dataset.runs = String(++runs);
}

const later = () => {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
};

// The outline: criteria with their indicators (and the other entries), each a button that
// moves the caret to it.
const outline = $("#outline");
let outlineKey = "";
const OUTLINE_KIND = { criterion: "tiêu chí", indicator: "chỉ tiêu", test: "kiểm thử", input: "đầu vào", let: "giá trị", model: "mô hình", field: "trường" };
function showOutline(analysis) {
  const entries = [];
  const walk = (list) => {
    for (const s of list) {
      if (s.kind === "criterion") entries.push(s);
      else if (s.kind === "model") walk(s.children);
    }
  };
  walk(analysis.documentSymbols());
  const key = JSON.stringify(entries);
  if (key === outlineKey) return;
  outlineKey = key;
  const item = (s) =>
    `<button type="button" class="sym" data-from="${s.nameFrom}" data-to="${s.nameTo}"><span class="kind">${esc(OUTLINE_KIND[s.kind] ?? s.kind)}</span> ${esc(s.name)}${
      s.detail ? ` <span class="hint">${esc(s.detail)}</span>` : ""
    }</button>`;
  outline.innerHTML =
    entries
      .map((c) => {
        const inner = c.children.filter((i) => i.kind === "indicator");
        return `<li>${item(c)}${inner.length ? `<ul>${inner.map((i) => `<li>${item(i)}</li>`).join("")}</ul>` : ""}</li>`;
      })
      .join("") || `<li class="hint">Chưa có tiêu chí nào.</li>`;
}
outline.addEventListener("click", (e) => {
  const b = e.target.closest("button.sym");
  if (b) editor.select(Number(b.dataset.from), Number(b.dataset.to));
});

// Edits are kept on this device (localStorage), one per bundled file, until "Về bản gốc".
const KEY = (id) => `tieuchi.playground.${id}`;
const fileStatus = $("#file-status");
function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage refused (private mode, policy)
  }
}
function saved(id) {
  return storage()?.getItem(KEY(id)) ?? null;
}
function keep(text) {
  const s = storage();
  try {
    if (text === bundled) s?.removeItem(KEY(model.id));
    else s?.setItem(KEY(model.id), text);
  } catch {
    // full or refused: the edit is still in the editor
  }
  showFileStatus(text);
}
function showFileStatus(text) {
  fileStatus.textContent =
    text === bundled
      ? "Bản gốc đi kèm trang. (The bundled text.)"
      : "Bản đã sửa, lưu trên máy này; bấm «Về bản gốc» để bỏ. (Your edit, kept on this device.)";
  $("#revert").disabled = text === bundled;
}

// Sharing: the file goes in the link's fragment (#tep=ID&z=…, deflate-raw then base64url), which
// browsers never send to a server.
async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
async function unpack(z) {
  const bin = atob(z.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}
/** The file in the page's fragment, if any: { id, text }. */
async function shared() {
  const params = new URLSearchParams(location.hash.slice(1));
  const z = params.get("z");
  if (!z) return null;
  try {
    return { id: params.get("tep") ?? "", text: await unpack(z) };
  } catch {
    fileStatus.textContent = "Liên kết chia sẻ bị hỏng, không đọc được tệp. (The shared link is damaged.)";
    return null;
  }
}
$("#share").addEventListener("click", async () => {
  const link = new URL(location.href);
  link.hash = `tep=${encodeURIComponent(model.id)}&z=${await pack(editor.text)}`;
  history.replaceState(null, "", link.href);
  const field = $("#share-field");
  field.hidden = false;
  const input = $("#share-link");
  input.value = link.href;
  input.select();
  let copied = false;
  try {
    await navigator.clipboard.writeText(link.href);
    copied = true;
  } catch {
    // no clipboard permission: the link is selected in the box
  }
  fileStatus.textContent = `${copied ? "Đã chép liên kết" : "Liên kết ở ô dưới đây"} (${link.href.length} ký tự); tệp nằm trong liên kết, không gửi lên máy chủ nào. (The file is in the link; nothing is sent to a server.)`;
});

$("#format").addEventListener("click", () => {
  const changed = editor.format();
  fileStatus.textContent = changed
    ? "Đã định dạng theo bố cục chuẩn của tieuchi fmt. (Formatted.)"
    : editor.analysis().diagnostics().some((d) => d.severity === "error" && /^S/.test(d.code))
      ? "Tệp có lỗi cú pháp: sửa lỗi trước khi định dạng. (Fix the syntax errors first.)"
      : "Tệp đã đúng bố cục chuẩn. (Already formatted.)";
});
$("#revert").addEventListener("click", () => {
  editor.setText(bundled);
  keep(bundled);
  run();
});

/** The diagnostics of an edit are shown (the benchmark and the tests wait for this). */
function onDiagnostics() {
  document.body.dataset.analyses = String(++analyses);
}

/** Shows file `id` (its edit kept on this device, else the bundled text; `text` when given). */
async function choose(id, text = null) {
  model = MODELS.find((m) => m.id === id) ?? MODELS[0];
  picker.value = model.id;
  const [original, ex, eng] = await Promise.all([source(model.id), files(model), start()]);
  engine = eng;
  extra = ex;
  bundled = original;
  const shown = text ?? saved(model.id) ?? original;
  recordBox.value = "{}";
  frame.removeAttribute("srcdoc"); // another file's document is not shown for this one
  if (model.example) {
    const r = await fetch(`./rules/${model.example}`);
    if (r.ok) recordBox.value = await r.text();
  }
  if (!editor) {
    const { createEditor } = await import("./pkg/editor.js");
    editor = createEditor({
      parent: $("#editor"),
      doc: shown,
      label: "Nội dung tệp quy tắc (.rules)",
      service,
      onDiagnostics,
      onAnalyzed: showOutline,
      onChange: (t) => {
        keep(t);
        later();
      },
    });
    globalThis.playgroundEditor = editor; // for the browser tests and the console
  } else {
    editor.setText(shown);
    editor.invalidate();
  }
  showFileStatus(shown);
  // A file opened from a link is not kept until it is edited: opening a link does not replace
  // an edit already kept on this device (editing the shared file does).
  if (text != null && text !== original)
    fileStatus.textContent = `Tệp mở từ liên kết chia sẻ${saved(model.id) != null ? "; bản đã sửa trước đó trên máy này vẫn được giữ tới khi bạn sửa tệp này" : ""}. (Opened from a shared link.)`;
  editor.view.scrollDOM.scrollTop = 0;
  run();
}

picker.innerHTML = MODELS.map((m) => `<option value="${esc(m.id)}">${esc(m.id)}.rules — ${esc(m.label)}</option>`).join("");
picker.addEventListener("change", () => choose(picker.value));
recordBox.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
});
async function open() {
  const link = await shared();
  if (link) await choose(link.id, link.text);
  else await choose(picker.value);
}
addEventListener("hashchange", open);
open();
