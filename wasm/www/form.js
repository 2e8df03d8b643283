// The recognition form: a form generated from ruleset.schema(), evaluated as the person types.
// Every control can be read (`get`: undefined while not answered) and written (`set`: a draft or
// a loaded record); a list answered «Không có» is `[]`, a list not answered yet is absent.
import { MODELS, source, files, start, compile, esc, renderAnswer, summarize, plainError } from "./models.js";

const $ = (s) => document.querySelector(s);
const form = $("#record-form");
const result = $("#result");
const picker = $("#model");
let ruleset = null;
let model = null;
let root = null; // the node of the whole record
let schema = null;
let seq = 0;
let indicatorNames = []; // "CS1. …" of every indicator, in declared order
let indicatorIds = []; // "CS1", …

/** The schema without a `null` alternative, and whether null was allowed. */
function unwrap(s) {
  if (s?.anyOf) {
    const rest = s.anyOf.filter((x) => x.type !== "null");
    if (rest.length === 1) return { ...rest[0], title: rest[0].title ?? s.title, description: s.description };
  }
  return s ?? {};
}

const titleOf = (name, s) => s.title ?? name;

/** The name of one item of a list: the item's title, else the list's title without its
 *  plural and qualifiers («Các thành viên trong gia đình» → «Thành viên»), else «Mục». */
function itemName(listTitle, item) {
  if (item.title) return item.title;
  const m = /^(?:Các|Danh sách)\s+(.+?)(?:\s+(?:trong|của|đã|được|theo)\s.*)?$/u.exec(listTitle ?? "");
  if (!m) return "Mục";
  return m[1].charAt(0).toLocaleUpperCase("vi") + m[1].slice(1);
}

/** A node of the form: { el, get(), set(v), at(segments), touched, input, host }. `host` is the
 *  element a message goes under; `input` the control that gets `aria-invalid`. */
function touchable(node, wrap) {
  // Touched: changed, or typed in and left. Passing through an empty field is not touching it.
  let typed = false;
  const mark = () => {
    if (!node.touched) {
      node.touched = true;
      changed();
    }
  };
  wrap.addEventListener("input", () => (typed = true));
  wrap.addEventListener("focusout", () => typed && mark());
  wrap.addEventListener("change", mark);
  return node;
}

/** A leaf control (select or input) holding one value. A loaded value it cannot show (a text in
 *  a number field, a date that does not exist, a choice not on the list) is kept as it is until
 *  the person changes the field, so the record stays the one loaded and its error shows here. */
function leaf(wrap, el, read, write) {
  const node = {
    el: wrap, input: el, host: wrap, touched: false, raw: undefined,
    get: () => read() ?? node.raw,
    set(v) {
      node.raw = undefined;
      if (v === undefined || v === null) {
        el.value = "";
        if (v === null) node.raw = null;
      } else if (!write(v)) {
        el.value = "";
        node.raw = v;
      }
      node.touched = v !== undefined;
    },
    at: () => node,
  };
  el.addEventListener("input", () => (node.raw = undefined));
  return touchable(node, wrap);
}

/** Builds the control of one value. */
function control(name, raw, required, shownTitle, path = "") {
  const s = unwrap(raw);
  const id = `f${++seq}`;
  const wrap = document.createElement("div");
  wrap.className = "field";
  const label = `<div class="lab"><label for="${id}">${esc(shownTitle ?? titleOf(name, s))}</label>${required ? '<span class="req" title="bắt buộc" aria-hidden="true">*</span>' : ""}</div>`;
  const req = required ? " aria-required=\"true\"" : "";

  if (s.oneOf && s.oneOf.every((o) => "const" in o)) {
    wrap.innerHTML = `${label}<select id="${id}" name="${esc(name)}"${req}><option value="">— chưa chọn —</option>${s.oneOf
      .map((o, i) => `<option value="${i}">${esc(o.title ?? o.const)}</option>`)
      .join("")}</select>`;
    const el = wrap.querySelector("select");
    return leaf(wrap, el, () => (el.value === "" ? undefined : s.oneOf[+el.value].const), (v) => {
      const i = s.oneOf.findIndex((o) => o.const === v);
      if (i < 0) return false;
      el.value = String(i);
      return true;
    });
  }
  if (s.type === "boolean") {
    wrap.innerHTML = `${label}<select id="${id}" name="${esc(name)}"${req}><option value="">— chưa chọn —</option><option value="true">Có</option><option value="false">Không</option></select>`;
    const el = wrap.querySelector("select");
    return leaf(wrap, el, () => (el.value === "" ? undefined : el.value === "true"), (v) => {
      if (typeof v !== "boolean") return false;
      el.value = String(v);
      return true;
    });
  }
  if (s.type === "integer" || s.type === "number") {
    const min = s.minimum != null && Math.abs(s.minimum) < 1e15 ? ` min="${s.minimum}"` : "";
    const max = s.maximum != null && Math.abs(s.maximum) < 1e15 ? ` max="${s.maximum}"` : "";
    const step = s.type === "integer" ? "1" : "any";
    wrap.innerHTML = `${label}<input id="${id}" name="${esc(name)}" type="number" inputmode="${s.type === "integer" ? "numeric" : "decimal"}" step="${step}"${min}${max}${req}>`;
    const el = wrap.querySelector("input");
    const read = () => {
      const v = el.value.trim();
      if (v === "") return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    };
    return leaf(wrap, el, read, (v) => {
      if (typeof v !== "number" || !Number.isFinite(v)) return false;
      el.value = String(v);
      return read() === v;
    });
  }
  if (s.type === "array") return list(name, s, required, id, shownTitle, path);
  if (s.type === "object" && s.properties) {
    const fs = document.createElement("fieldset");
    fs.innerHTML = `<legend>${esc(shownTitle ?? titleOf(name, s))}</legend>`;
    const obj = object(s);
    fs.append(obj.el);
    return { ...obj, el: fs };
  }
  if (s.type === "string") {
    const type = s.format === "date" ? "date" : "text";
    wrap.innerHTML = `${label}<input id="${id}" name="${esc(name)}" type="${type}"${req}>`;
    const el = wrap.querySelector("input");
    return leaf(wrap, el, () => (el.value === "" ? undefined : el.value), (v) => {
      if (typeof v !== "string") return false;
      el.value = v;
      return el.value === v;
    });
  }
  // Anything else: JSON text.
  wrap.innerHTML = `${label}<textarea id="${id}" name="${esc(name)}" rows="3" spellcheck="false"${req}></textarea><small class="hint">JSON</small>`;
  const el = wrap.querySelector("textarea");
  return leaf(
    wrap,
    el,
    () => {
      if (el.value.trim() === "") return undefined;
      try { return JSON.parse(el.value); } catch { return el.value; }
    },
    (v) => {
      el.value = JSON.stringify(v, null, 2);
      return true;
    },
  );
}

/** A repeatable list: one group per item, with add/remove buttons while the list may grow or
 * shrink. A list of records titles each group («Thành viên 2»); a list of plain values labels
 * each control by its place («Mục 2»), or, for a fixed list with one value per indicator (the
 * citizen's ten scores, «theo thứ tự trong phiếu»), by the indicator's name. A list that may be
 * empty has a «Không có» answer: `[]`, distinct from not answered yet (absent). */
function list(name, s, required, id, shownTitle, at = "") {
  const item = unwrap(s.items);
  const records = item.type === "object" && item.properties;
  const fs = document.createElement("fieldset");
  fs.className = "list";
  fs.id = id;
  const title = shownTitle ?? titleOf(name, s);
  const [least, most] = [s.minItems ?? 0, s.maxItems ?? Infinity];
  const named = !records && least === most && least === indicatorNames.length ? indicatorNames : null;
  fs.innerHTML = `<legend>${esc(title)}${required ? ' <span class="req" aria-hidden="true">*</span>' : ""}</legend><ol class="items"></ol><div class="list-actions"><button type="button" class="add">+ Thêm</button>${
    least === 0 ? `<label class="none"><input type="checkbox" class="none-box"> Không có</label>` : ""
  }</div>`;
  const ol = fs.querySelector(".items");
  const addButton = fs.querySelector(".add");
  const noneLabel = fs.querySelector("label.none");
  const noneBox = fs.querySelector(".none-box");
  const items = [];
  const itemTitle = itemName(title, item);
  const node = {
    el: fs, host: fs, input: null, touched: false, none: false,
    raw: undefined,
    get() {
      if (node.raw !== undefined && items.length === 0) return node.raw;
      if (node.none && items.length === 0) return [];
      if (items.length === 0) return undefined;
      const values = items.map((it) => it.c.get());
      // Plain values none of which is filled yet: the list is not answered.
      if (!records && values.every((v) => v === undefined) && !node.touched) return undefined;
      return values.map((v) => v ?? null);
    },
    set(v) {
      items.splice(0).forEach((it) => it.li.remove());
      node.none = Array.isArray(v) && v.length === 0;
      // A loaded value that is not a list is kept as it is until the list is answered.
      node.raw = Array.isArray(v) ? undefined : v;
      if (Array.isArray(v)) for (const x of v) add().c.set(x);
      else if (v === undefined) for (let i = 0; i < least && i < 50; i++) add();
      node.touched = v !== undefined;
      renumber();
    },
    at(segs) {
      if (segs.length === 0) return node;
      const it = items[Number(segs[0])];
      return /^\d+$/.test(segs[0]) && it ? it.c.at(segs.slice(1)) : node;
    },
    itemTitle,
    // The short name of plain value i in messages: the indicator's id, else «Mục 3».
    shortName: records ? undefined : (i) => (named ? indicatorIds[i] : `${itemTitle} ${i + 1}`),
  };
  const renumber = () => {
    items.forEach((it, i) => {
      const text = named ? named[i] ?? `${itemTitle} ${i + 1}` : `${itemTitle} ${i + 1}`;
      it.li.querySelector(records ? ".item-title" : "label").textContent = text;
      const remove = it.li.querySelector(".remove");
      remove.hidden = items.length <= least;
      remove.setAttribute("aria-label", `Xoá ${text}`);
    });
    addButton.hidden = items.length >= most;
    if (noneLabel) {
      noneLabel.hidden = items.length > 0;
      noneBox.checked = node.none && items.length === 0;
    }
  };
  const add = () => {
    const li = document.createElement("li");
    li.className = "item";
    const c = records ? object(item, `${at}/*`) : control(itemTitle, item, true);
    const head = document.createElement("div");
    head.className = "item-head";
    head.innerHTML = `<span class="item-title"></span><button type="button" class="remove">Xoá</button>`;
    li.append(head, c.el);
    const entry = { li, c };
    head.querySelector(".remove").addEventListener("click", () => {
      const at = items.indexOf(entry);
      items.splice(at, 1);
      li.remove();
      node.touched = true;
      renumber();
      // Focus stays where it was: the next item's remove button, else the previous one's, else
      // the add button.
      const next = items[at] ?? items[at - 1];
      const target = next?.li.querySelector(".remove:not([hidden])") ?? (addButton.hidden ? null : addButton);
      (target ?? fs.querySelector("input,select,textarea,button:not([hidden])"))?.focus();
      changed();
    });
    items.push(entry);
    ol.append(li);
    return entry;
  };
  addButton.addEventListener("click", () => {
    node.none = false;
    node.raw = undefined;
    add();
    renumber();
    changed();
    items.at(-1).li.querySelector("input,select,textarea")?.focus();
  });
  noneBox?.addEventListener("change", () => {
    node.none = noneBox.checked;
    node.raw = undefined;
    node.touched = true;
    changed();
  });
  for (let i = 0; i < least && i < 50; i++) add();
  renumber();
  return node;
}

/** The controls of an object's properties, in declaration order. Values of a loaded record
 *  the form does not ask (version selectors, unknown names) are kept as they are. */
function object(s, at = "") {
  const div = document.createElement("div");
  div.className = "fields";
  const req = new Set(s.required ?? []);
  // Declaration order, from the rules' `questions()` (`declared`); without it `required`
  // keeps it for the required ones (the schema's properties are sorted by name).
  // Version selectors (`x-tieuchi-selector`) are not asked: the page has chosen the rules.
  const rank = (k) => declared.get(`${at}/${k}`) ?? Infinity;
  const keys = [...new Set([...(s.required ?? []), ...Object.keys(s.properties ?? {})])]
    .filter((k) => s.properties?.[k] && !s.properties[k]["x-tieuchi-selector"])
    .sort((a, b) => rank(a) - rank(b));
  const parts = new Map(
    keys.map((k) => {
      const c = control(k, s.properties[k], req.has(k), undefined, `${at}/${k}`);
      div.append(c.el);
      return [k, c];
    }),
  );
  let extra = {};
  const node = {
    el: div, host: div, input: null, touched: false, raw: undefined,
    get() {
      // A loaded value that is not an object is kept as it is until a field is answered.
      if (node.raw !== undefined && [...parts.values()].every((c) => c.get() === undefined)) return node.raw;
      const o = { ...extra };
      for (const [k, c] of parts) {
        const v = c.get();
        if (v !== undefined) o[k] = v;
      }
      return o;
    },
    set(v) {
      const isObject = v && typeof v === "object" && !Array.isArray(v);
      node.raw = isObject || v === undefined ? undefined : v;
      const o = isObject ? v : {};
      extra = Object.fromEntries(Object.entries(o).filter(([k]) => !parts.has(k)));
      for (const [k, c] of parts) c.set(o[k]);
      node.touched = v !== undefined;
    },
    at(segs) {
      if (segs.length === 0) return node;
      return parts.get(segs[0])?.at(segs.slice(1)) ?? node;
    },
  };
  return node;
}

// Each input's place in the declaration, by path with `*` for list items (`/members/*/birth_date`):
// from `questions()` of a record with one empty item in each list of records.
let declared = new Map();

/** A record with one empty item in each list of records of schema `s` (two levels deep). */
function sample(s, depth = 0) {
  const o = {};
  for (const [k, p] of Object.entries(unwrap(s).properties ?? {})) {
    const u = unwrap(p);
    if (u.type === "array" && unwrap(u.items).type === "object" && depth < 2) o[k] = [sample(u.items, depth + 1)];
  }
  return o;
}

function declaredOrder() {
  try {
    const paths = ruleset.questions(sample(schema)).map((q) => q.path.replace(/\/\d+(?=\/)/g, "/*"));
    return new Map(paths.map((p, i) => [p, i]));
  } catch {
    return new Map();
  }
}

/** The node at exactly `segs`, or null (`at` falls back to the nearest ancestor). */
function exactly(segs) {
  const node = root.at(segs);
  return segs.length > 0 && node === root.at(segs.slice(0, -1)) ? null : node;
}

/** Hides the questions that do not apply (`questions()`: read by the rules, but not required,
 *  not answered, and their answer would not change the result given the others: a
 *  45-year-old is not asked about school conduct), and shows them again when they do. A
 *  question no rule reads (a village's name, a member's relation to the head) stays: it
 *  describes the record. */
function showQuestions(record) {
  let asked;
  try {
    asked = ruleset.questions(record);
  } catch {
    return;
  }
  for (const q of asked) {
    const node = exactly(q.path.split("/").slice(1));
    if (!node || node === root || !node.input && !node.el.matches("fieldset.list")) continue;
    const hide = q.read && !q.required && !q.matters && !q.answered;
    if (node.el.hidden !== hide) node.el.hidden = hide;
  }
}

/** The Vietnamese name of a JSON pointer of the record («Các thành viên › Thành viên 2 › Ngày sinh»). */
function label(path) {
  let s = schema;
  const names = [];
  let title = "";
  for (const seg of String(path).split("/").slice(1)) {
    s = unwrap(s);
    if (/^\d+$/.test(seg) && s.type === "array") {
      const item = unwrap(s.items);
      names.push(`${itemName(title, item)} ${+seg + 1}`);
      s = item;
    } else if (s.properties?.[seg]) {
      s = unwrap(s.properties[seg]);
      title = s.title ?? seg;
      names.push(title);
    } else {
      names.push(seg);
    }
  }
  return names.join(" › ") || path;
}

/** «Thành viên 3: » for a path inside list items (records only: a plain value's label says it). */
function whose(path) {
  let s = schema;
  let title = "";
  const who = [];
  for (const seg of String(path).split("/").slice(1)) {
    s = unwrap(s);
    if (/^\d+$/.test(seg) && s.type === "array") {
      const item = unwrap(s.items);
      if (item.type === "object") who.push(`${itemName(title, item)} ${+seg + 1}`);
      s = item;
    } else if (s.properties?.[seg]) {
      s = unwrap(s.properties[seg]);
      title = s.title ?? seg;
    }
  }
  return who.length ? `${who.join(", ")}: ` : "";
}

/** The title of choice `value` of the field at `path` (the schema's `oneOf`), if any. */
function choiceTitle(path, value) {
  let s = schema;
  for (const seg of String(path).split("/").slice(1)) {
    s = unwrap(s);
    s = /^\d+$/.test(seg) && s.type === "array" ? s.items : s.properties?.[seg];
  }
  return unwrap(s).oneOf?.find((o) => o.const === value)?.title;
}

/** Puts each error of the answer under its field once the field has been touched; the others
 *  (a required field not answered yet) count as missing. Returns { shown, waiting }. */
let shownErrors = "";
function showErrors(answer) {
  // The same errors at the same fields as last time (most keys): the page is left as it is,
  // so that typing does not redraw the whole form.
  const touched = (answer.errors ?? []).map((e) => [e.path, e.message, root.at(String(e.path).split("/").slice(1)).touched]);
  const key = JSON.stringify(touched);
  if (key === shownErrors && lastErrors) return lastErrors;
  shownErrors = key;
  lastErrors = showErrorsNow(answer);
  return lastErrors;
}
let lastErrors = null;

function showErrorsNow(answer) {
  for (const m of form.querySelectorAll(".field-error")) m.remove();
  for (const i of form.querySelectorAll("[aria-invalid]")) {
    i.removeAttribute("aria-invalid");
    i.removeAttribute("aria-describedby");
  }
  const shown = [];
  const waiting = [];
  for (const e of answer.errors ?? []) {
    const node = root.at(String(e.path).split("/").slice(1));
    if (!node.touched) {
      waiting.push(e);
      continue;
    }
    let text = `${whose(e.path)}${plainError(e, (v) => choiceTitle(e.path, v))}`;
    // One value of a list of plain values: named by its place («CS3: phải từ 0 đến 10 …»).
    const segs = String(e.path).split("/").slice(1);
    const owner = root.at(segs.slice(0, -1));
    if (owner.shortName && /^\d+$/.test(segs.at(-1) ?? "") && node !== owner) {
      text = `${owner.shortName(Number(segs.at(-1)))}: ${plainError(e).replace(/^«[^»]*»\s*/, "")}`;
    }
    shown.push({ ...e, text });
    const p = document.createElement("p");
    p.className = "field-error";
    p.id = `err${++seq}`;
    p.textContent = text;
    if (node.input) {
      node.input.setAttribute("aria-invalid", "true");
      const ids = node.input.getAttribute("aria-describedby");
      node.input.setAttribute("aria-describedby", ids ? `${ids} ${p.id}` : p.id);
      // After the input and any message already under it.
      let last = node.input;
      while (last.nextElementSibling?.classList.contains("field-error")) last = last.nextElementSibling;
      last.after(p);
    } else {
      node.host.append(p);
    }
  }
  return { shown, waiting };
}

const DRAFT = (id) => `tieuchi:ban-nhap:${id}`;
let announceTimer = 0;
/** The full explanation, the JSON view and the draft wait until typing pauses this long:
 *  drawing the whole explanation on each key took a throttled phone (4× slower CPU) about
 *  130 ms a key on the family form (`bench/phone.mjs`, 2026-12-07); the bar, the errors under
 *  the fields and the score itself are updated at once. */
const SETTLE_MS = 250;
let settleTimer = 0;
let pending = null;

/** A keystroke: its letter is drawn first, the bar and errors in the task after that frame.
 *  Measured on the phone profile (wasm/bench/phone.mjs): scoring and updating within the
 *  keystroke held its frame to 32 ms at the median; the frame alone is the browser's 16 ms. */
let dirty = false;
let queued = false;
function changedSoon() {
  dirty = true;
  if (queued) return;
  queued = true;
  afterFrame(() => {
    queued = false;
    if (dirty) changed();
  });
}

/** Runs `f` in the task after the next frame is drawn. */
function afterFrame(f) {
  requestAnimationFrame(() => setTimeout(f, 0));
}

function changed() {
  dirty = false;
  if (!ruleset) return;
  const record = root.get();
  try {
    const answer = ruleset.evaluate(record);
    const { shown, waiting } = showErrors(answer);
    // What is still missing: the inputs that would change the answer, and the required
    // fields not answered yet.
    const missing = [...new Set([...(answer.missing ?? []), ...waiting.map((e) => e.path)])];
    const sum = summarize(answer, { missing: missing.length, errors: shown.length });
    // Only what changed is written: an unchanged text left alone costs no layout.
    const put = (sel, text) => {
      const el = $(sel);
      if (el.textContent !== text) el.textContent = text;
    };
    put("#bar-status", sum.status);
    const cls = `bar-status status-${answer.status}`;
    if ($("#bar-status").className !== cls) $("#bar-status").className = cls;
    put("#bar-tier", sum.tier);
    put("#bar-points", sum.points);
    put("#bar-missing", sum.missing);
    pending = { answer, shown, missing, record };
    clearTimeout(settleTimer);
    settleTimer = setTimeout(settle, SETTLE_MS);
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => ($("#announce").textContent = sum.text), 700);
  } catch (e) {
    pending = null;
    result.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

/** Draws what waited for typing to pause: the full explanation, the JSON view, the draft. */
function settle() {
  if (dirty) changed();
  clearTimeout(settleTimer);
  if (!pending) return;
  const { answer, shown, missing, record } = pending;
  pending = null;
  result.innerHTML = renderAnswer(answer, label, { errors: shown, missing });
  $("#json").textContent = JSON.stringify(record, null, 2);
  saveDraft(record);
  showQuestions(record);
  document.body.dataset.settled = String(Date.now());
}
// A tab put away or closed mid-typing keeps its draft.
addEventListener("pagehide", settle);
// For tests and the console: draws what waits, at once.
globalThis.tieuchiSettle = settle;
document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && settle());

function saveDraft(record) {
  try {
    if (Object.keys(record).length === 0) localStorage.removeItem(DRAFT(model.id));
    else localStorage.setItem(DRAFT(model.id), JSON.stringify(record));
  } catch {
    // Storage full or disabled: the form still works, the draft is not kept.
  }
}

function loadDraft() {
  try {
    const text = localStorage.getItem(DRAFT(model.id));
    return text == null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds the form of the chosen model, filled with `record` (or its draft). */
async function choose(id, record) {
  // What waits belongs to the model being left: its draft is saved first.
  settle();
  shownErrors = "";
  lastErrors = null;
  model = MODELS.find((m) => m.id === id) ?? MODELS[0];
  result.innerHTML = "<p>Đang tải…</p>";
  delete document.body.dataset.ready;
  try {
    const [text, extra] = await Promise.all([source(model.id), files(model), start()]);
    ruleset?.free();
    ruleset = compile(text, extra);
    schema = ruleset.schema();
    const inds = (ruleset.evaluate({}).criteria ?? []).flatMap((c) => c.indicators ?? []);
    indicatorNames = inds.map((i) => `${i.id}. ${i.label}`);
    indicatorIds = inds.map((i) => i.id);
    $("#model-title").textContent = `${ruleset.title} (${ruleset.version})`;
    $("#model-source").textContent = schema.description ?? "";
    declared = declaredOrder();
    root = object(schema);
    const start_ = record ?? loadDraft();
    if (start_ !== undefined) root.set(start_);
    showQuestions(root.get());
    form.replaceChildren(root.el);
    document.body.dataset.ready = model.id;
    changed();
    // The form and its result bar are drawn first; the full explanation in the task after
    // that frame (measured on the phone profile: drawing it held the first visit's form back).
    afterFrame(settle);
  } catch (e) {
    result.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

/** Shows the full result: scrolls to it and moves the focus there. */
function openResult() {
  settle();
  $("#result-panel").scrollIntoView({ block: "start" });
  result.focus({ preventScroll: true });
}

picker.innerHTML = MODELS.map((m) => `<option value="${esc(m.id)}">${esc(m.label)}</option>`).join("");
const initial = new URLSearchParams(location.search).get("model");
if (initial && MODELS.some((m) => m.id === initial)) picker.value = initial;
picker.addEventListener("change", () => {
  history.replaceState(null, "", `?model=${encodeURIComponent(picker.value)}`);
  choose(picker.value);
});
form.addEventListener("input", changedSoon);
// A value committed (a choice made, a field left) shows the full result at once.
form.addEventListener("change", () => {
  changed();
  settle();
});
form.addEventListener("submit", (e) => e.preventDefault());
$("#bar-open").addEventListener("click", openResult);
$("#reset").addEventListener("click", () => {
  if (!confirm("Xoá hết các câu trả lời của bộ tiêu chí này? Bản nháp trên máy cũng bị xoá.")) return;
  try {
    localStorage.removeItem(DRAFT(model.id));
  } catch {
    // nothing kept
  }
  choose(model.id, {});
});
$("#download").addEventListener("click", () => {
  const blob = new Blob([`${JSON.stringify(root?.get() ?? {}, null, 2)}\n`], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `ho-so-${model.id.replace(/\//g, "-")}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
$("#upload").addEventListener("change", async (e) => {
  const file = e.target.files?.[0];
  e.target.value = "";
  const note = $("#upload-note");
  if (!file) return;
  try {
    const record = JSON.parse(await file.text());
    if (!record || typeof record !== "object" || Array.isArray(record)) throw new Error("không phải một hồ sơ");
    note.textContent = `Đã nạp «${file.name}».`;
    await choose(model.id, record);
  } catch {
    note.textContent = `Không đọc được «${file.name}»: tệp phải là một hồ sơ JSON ({ … }).`;
  }
});
choose(picker.value);
