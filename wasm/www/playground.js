// The rule playground: edit a rule file, see its diagnostics, its tests and a sample answer live.
import { MODELS, source, files, start, compile, documentHtml, esc, renderAnswer, useAuthoring } from "./models.js";

// The playground checks rule files as their authors write them: the module with the
// reasoning about values and the file's tests.
useAuthoring();

const $ = (s) => document.querySelector(s);
const editor = $("#source");
const gutter = $("#gutter");
const recordBox = $("#record");
const picker = $("#file");
let model = MODELS[0];
let extra = {};
let ruleset = null;
let timer = 0;
let runs = 0;

function paintGutter(diags) {
  const lines = editor.value.split("\n").length;
  const mark = new Map();
  for (const d of diags) {
    if ((d.file && d.file !== "<rules>") || (d.severity !== "error" && d.severity !== "warning")) continue;
    for (let l = d.line; l <= (d.endLine ?? d.line); l++) {
      if (mark.get(l) !== "err") mark.set(l, d.severity === "error" ? "err" : "warn");
    }
  }
  let h = "";
  for (let i = 1; i <= lines; i++) {
    const m = mark.get(i);
    h += m ? `<span class="${m}" title="${m === "err" ? "lỗi" : "cảnh báo"}">${i}</span>` : `<span>${i}</span>`;
  }
  gutter.innerHTML = h;
  gutter.scrollTop = editor.scrollTop;
}

/** Moves the caret to a diagnostic's start. */
function jump(d) {
  editor.focus();
  editor.setSelectionRange(d.start, Math.max(d.start, d.end));
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 18;
  editor.scrollTop = Math.max(0, (d.line - 3) * lineHeight);
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
  paintGutter(diags);
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
    html = documentHtml(editor.value, extra, `${model.id.split("/").pop()}.rules`);
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
    ruleset = compile(editor.value, extra);
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

async function choose(id) {
  model = MODELS.find((m) => m.id === id) ?? MODELS[0];
  const [text, ex] = await Promise.all([source(model.id), files(model), start()]);
  extra = ex;
  editor.value = text;
  recordBox.value = "{}";
  frame.removeAttribute("srcdoc"); // another file's document is not shown for this one
  if (model.example) {
    const r = await fetch(`./rules/${model.example}`);
    if (r.ok) recordBox.value = await r.text();
  }
  editor.scrollTop = 0;
  run();
}

picker.innerHTML = MODELS.map((m) => `<option value="${esc(m.id)}">${esc(m.id)}.rules — ${esc(m.label)}</option>`).join("");
picker.addEventListener("change", () => choose(picker.value));
editor.addEventListener("input", () => {
  paintGutter([]);
  later();
});
editor.addEventListener("scroll", () => (gutter.scrollTop = editor.scrollTop));
recordBox.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
});
editor.addEventListener("keydown", (e) => {
  // Tab inserts two spaces; Escape then Tab leaves the editor (keyboard users are not trapped).
  if (e.key === "Tab" && !e.shiftKey && !editor.dataset.escaped) {
    e.preventDefault();
    editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    later();
  }
  if (e.key === "Escape") editor.dataset.escaped = "1";
  else if (e.key !== "Tab") delete editor.dataset.escaped;
});
editor.addEventListener("blur", () => delete editor.dataset.escaped);
choose(picker.value);
