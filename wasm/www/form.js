// The recognition form: a form generated from ruleset.schema(), evaluated as the person types.
import { MODELS, source, files, start, compile, esc, renderAnswer } from "./models.js";

const $ = (s) => document.querySelector(s);
const form = $("#record-form");
const result = $("#result");
const picker = $("#model");
let ruleset = null;
let root = null; // { get(), schema }
let schema = null;
let seq = 0;

/** The schema without a `null` alternative, and whether null was allowed. */
function unwrap(s) {
  if (s?.anyOf) {
    const rest = s.anyOf.filter((x) => x.type !== "null");
    if (rest.length === 1) return { ...rest[0], title: rest[0].title ?? s.title, description: s.description };
  }
  return s ?? {};
}

const titleOf = (name, s) => s.title ?? name;

/** Builds the control of one value: returns { el, get } where get() is undefined when empty. */
function control(name, raw, required) {
  const s = unwrap(raw);
  const id = `f${++seq}`;
  const wrap = document.createElement("div");
  wrap.className = "field";
  const label = `<div class="lab"><label for="${id}">${esc(titleOf(name, s))}</label>${required ? '<span class="req" title="bắt buộc" aria-hidden="true">*</span>' : ""}</div>`;
  const help = ""; // the schema's descriptions are English; the titles are the Vietnamese labels
  const req = required ? " aria-required=\"true\"" : "";

  if (s.oneOf && s.oneOf.every((o) => "const" in o)) {
    wrap.innerHTML = `${label}<select id="${id}" name="${esc(name)}"${req}><option value="">— chưa chọn —</option>${s.oneOf
      .map((o, i) => `<option value="${i}">${esc(o.title ?? o.const)}</option>`)
      .join("")}</select>${help}`;
    const el = wrap.querySelector("select");
    return { el: wrap, get: () => (el.value === "" ? undefined : s.oneOf[+el.value].const) };
  }
  if (s.type === "boolean") {
    wrap.innerHTML = `${label}<select id="${id}" name="${esc(name)}"${req}><option value="">— chưa chọn —</option><option value="true">Có</option><option value="false">Không</option></select>${help}`;
    const el = wrap.querySelector("select");
    return { el: wrap, get: () => (el.value === "" ? undefined : el.value === "true") };
  }
  if (s.type === "integer" || s.type === "number") {
    const min = s.minimum != null && Math.abs(s.minimum) < 1e15 ? ` min="${s.minimum}"` : "";
    const max = s.maximum != null && Math.abs(s.maximum) < 1e15 ? ` max="${s.maximum}"` : "";
    const step = s.type === "integer" ? "1" : "any";
    wrap.innerHTML = `${label}<input id="${id}" name="${esc(name)}" type="number" inputmode="${s.type === "integer" ? "numeric" : "decimal"}" step="${step}"${min}${max}${req}>${help}`;
    const el = wrap.querySelector("input");
    return {
      el: wrap,
      get: () => {
        const v = el.value.trim();
        if (v === "") return undefined;
        const n = Number(v);
        return Number.isFinite(n) ? n : v;
      },
    };
  }
  if (s.type === "array") {
    return list(name, s, required, id);
  }
  if (s.type === "object" && s.properties) {
    const fs = document.createElement("fieldset");
    fs.innerHTML = `<legend>${esc(titleOf(name, s))}</legend>`;
    const obj = object(s);
    fs.append(obj.el);
    return { el: fs, get: obj.get };
  }
  if (s.type === "string") {
    const type = s.format === "date" ? "date" : "text";
    wrap.innerHTML = `${label}<input id="${id}" name="${esc(name)}" type="${type}"${req}>${help}`;
    const el = wrap.querySelector("input");
    return { el: wrap, get: () => (el.value === "" ? undefined : el.value) };
  }
  // Anything else: JSON text.
  wrap.innerHTML = `${label}<textarea id="${id}" name="${esc(name)}" rows="3" spellcheck="false"${req}></textarea><small class="hint">JSON</small>`;
  const el = wrap.querySelector("textarea");
  return {
    el: wrap,
    get: () => {
      if (el.value.trim() === "") return undefined;
      try { return JSON.parse(el.value); } catch { return el.value; }
    },
  };
}

/** A repeatable list: one group per item, with add/remove buttons while the list may grow or
 * shrink. A list of records titles each group ("Thành viên 2"); a list of plain values labels
 * each control by its place ("Mục 2"), the list's title being the group's legend. */
function list(name, s, required, id) {
  const item = unwrap(s.items);
  const records = item.type === "object" && item.properties;
  const fs = document.createElement("fieldset");
  fs.className = "list";
  fs.id = id;
  const title = titleOf(name, s);
  fs.innerHTML = `<legend>${esc(title)}${required ? ' <span class="req" aria-hidden="true">*</span>' : ""}</legend><ol class="items"></ol><button type="button" class="add">+ Thêm</button>`;
  const ol = fs.querySelector(".items");
  const addButton = fs.querySelector(".add");
  const items = [];
  const itemTitle = item.title ?? "Mục";
  const [least, most] = [s.minItems ?? 0, s.maxItems ?? Infinity];
  const renumber = () => {
    items.forEach((it, i) => {
      it.li.querySelector(records ? ".item-title" : "label").textContent = `${itemTitle} ${i + 1}`;
      it.li.querySelector(".remove").hidden = items.length <= least;
    });
    addButton.hidden = items.length >= most;
  };
  const add = () => {
    const li = document.createElement("li");
    li.className = "item";
    const c = records ? object(item) : control(itemTitle, item, true);
    const head = document.createElement("div");
    head.className = "item-head";
    head.innerHTML = `<span class="item-title"></span><button type="button" class="remove">Xoá</button>`;
    li.append(head, c.el);
    const entry = { li, get: c.get };
    head.querySelector(".remove").addEventListener("click", () => {
      items.splice(items.indexOf(entry), 1);
      li.remove();
      renumber();
      changed();
    });
    items.push(entry);
    ol.append(li);
    renumber();
  };
  addButton.addEventListener("click", () => {
    add();
    changed();
    items.at(-1).li.querySelector("input,select,textarea")?.focus();
  });
  for (let i = 0; i < least && i < 50; i++) add();
  renumber();
  return {
    el: fs,
    get: () => {
      if (items.length === 0) return undefined;
      return items.map((it) => it.get() ?? null);
    },
  };
}

/** The controls of an object's properties, in schema order. */
function object(s) {
  const div = document.createElement("div");
  div.className = "fields";
  const req = new Set(s.required ?? []);
  // Declaration order: `required` keeps it (the schema's properties are sorted by name).
  // Version selectors (`x-tieuchi-selector`) are not asked: the page has chosen the rules.
  const keys = [...new Set([...(s.required ?? []), ...Object.keys(s.properties ?? {})])].filter(
    (k) => s.properties?.[k] && !s.properties[k]["x-tieuchi-selector"],
  );
  const parts = keys.map((k) => [k, s.properties[k]]).map(([k, v]) => {
    const c = control(k, v, req.has(k));
    div.append(c.el);
    return [k, c];
  });
  return {
    el: div,
    get: () => {
      const o = {};
      for (const [k, c] of parts) {
        const v = c.get();
        if (v !== undefined) o[k] = v;
      }
      return o;
    },
  };
}

/** The Vietnamese name of a JSON pointer of the record. */
function label(path) {
  let s = schema;
  const names = [];
  for (const seg of String(path).split("/").slice(1)) {
    s = unwrap(s);
    if (/^\d+$/.test(seg) && s.type === "array") {
      s = unwrap(s.items);
      names.push(`#${+seg + 1}`);
    } else if (s.properties?.[seg]) {
      s = unwrap(s.properties[seg]);
      names.push(s.title ?? seg);
    } else {
      names.push(seg);
    }
  }
  return names.join(" › ") || path;
}

function changed() {
  if (!ruleset) return;
  const record = root.get();
  try {
    const answer = ruleset.evaluate(record);
    result.innerHTML = renderAnswer(answer, label);
    $("#json").textContent = JSON.stringify(record, null, 2);
  } catch (e) {
    result.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

async function choose(id) {
  const model = MODELS.find((m) => m.id === id) ?? MODELS[0];
  result.innerHTML = "<p>Đang tải…</p>";
  try {
    const [text, extra] = await Promise.all([source(model.id), files(model), start()]);
    ruleset?.free();
    ruleset = compile(text, extra);
    schema = ruleset.schema();
    $("#model-title").textContent = `${ruleset.title} (${ruleset.version})`;
    $("#model-source").textContent = schema.description ?? "";
    root = object(schema);
    form.replaceChildren(root.el);
    document.body.dataset.ready = model.id;
    changed();
  } catch (e) {
    result.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

picker.innerHTML = MODELS.map((m) => `<option value="${esc(m.id)}">${esc(m.label)}</option>`).join("");
const initial = new URLSearchParams(location.search).get("model");
if (initial && MODELS.some((m) => m.id === initial)) picker.value = initial;
picker.addEventListener("change", () => {
  history.replaceState(null, "", `?model=${encodeURIComponent(picker.value)}`);
  choose(picker.value);
});
form.addEventListener("input", changed);
form.addEventListener("change", changed);
form.addEventListener("submit", (e) => e.preventDefault());
$("#reset").addEventListener("click", () => choose(picker.value));
choose(picker.value);
