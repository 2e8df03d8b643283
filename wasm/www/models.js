// The bundled rule files (served from /rules/ by serve.mjs) and a loader that fetches each
// file once and compiles it with the files it extends or uses. The WebAssembly package is
// used through engine.js, which rebuilds its instance after a trap.
import { Engine } from "./engine.js";

export const MODELS = [
  { id: "unit/tt22-2020", example: "unit/examples/so-gddt-tot.json", label: "Đơn vị học tập — Thông tư 22/2020" },
  { id: "unit/tt24-2023", example: "unit/examples/tt24-truong-thpt-to-hieu-muc-1.json", label: "Đơn vị học tập — Thông tư 24/2023" },
  { id: "community/commune-tt25-2023", example: "community/examples/tt25-xa-tam-an-muc-2.json", label: "Cộng đồng học tập cấp xã — Thông tư 25/2023" },
  { id: "citizen/qd324-2023", example: "citizen/examples/cu-dan-nguyen-thi-hoa-dat.json", label: "Công dân học tập — Quyết định 324/2023" },
  { id: "family/qd448-2015", example: "family/examples/ho-nguyen-van-an-dat.json", label: "Gia đình học tập — Quyết định 448/2015" },
  {
    id: "clan/qd448-2015",
    example: "clan/examples/ho-nguyen-dinh-nam-gia-dinh.json",
    label: "Dòng họ học tập — Quyết định 448/2015",
    files: { "../family/qd448-2015.rules": "family/qd448-2015" },
  },
  {
    id: "unit/ha-noi-kh103-2021",
    label: "Đơn vị học tập (Hà Nội) — Kế hoạch 103/2021",
    files: { "tt22-2020.rules": "unit/tt22-2020" },
  },
];

const texts = new Map();

/** The text of rules/ID.rules, fetched once. */
export async function source(id) {
  if (!texts.has(id)) {
    texts.set(
      id,
      fetch(`./rules/${id}.rules`).then((r) => {
        if (!r.ok) throw new Error(`rules/${id}.rules: HTTP ${r.status}`);
        return r.text();
      }),
    );
  }
  return texts.get(id);
}

/** The files a model names ({ relative path: text }). */
export async function files(model) {
  const out = {};
  for (const [rel, id] of Object.entries(model.files ?? {})) out[rel] = await source(id);
  return out;
}

let ready;
let engine = null;
/** The page's module: the forms module (`pkg/forms/`, smaller: no reasoning about values, no
 *  `runTests`) unless the page asked for the authors' module with `useAuthoring()` first. */
let dir = "./pkg/forms/";
/** Makes `start()` load the module for rule authors (`pkg/`): the playground's. */
export function useAuthoring() {
  dir = "./pkg/";
}
/** Loads the WebAssembly module once; resolves to the engine. */
export function start() {
  ready ??= Engine.load({
    glue: new URL(`${dir}tieuchi_wasm.js`, import.meta.url).href,
    wasm: new URL(`${dir}tieuchi_wasm_bg.wasm`, import.meta.url),
    waitForSpares: false,
  }).then((e) => {
    engine = e;
    globalThis.tieuchiEngine = e; // for the browser tests and the console
    return e;
  });
  return ready;
}

const NOT_STARTED = "bộ máy chấm điểm chưa được tải (the engine is not loaded yet): await start() first";

/** `compile(source, files)` of the package, through the engine (after `start()`). */
export function compile(source, files) {
  if (!engine) throw new Error(NOT_STARTED);
  return engine.compile(source, files);
}

/** `check(source, files)` of the package, through the engine (after `start()`). */
export function check(source, files) {
  if (!engine) throw new Error(NOT_STARTED);
  return engine.check(source, files);
}

/** The document for sign-off of a rule file as an HTML page (`documentHtml` of the authors'
 *  module, the page `tieuchi doc` writes), through the engine (after `start()`). */
export function documentHtml(source, files, name) {
  if (!engine) throw new Error(NOT_STARTED);
  return engine.documentHtml(source, files, name);
}

/** Escapes text for HTML. */
export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let words;
/** The core's names of statuses and outcomes (`vocabulary()` of the package), read once
 *  after `start()`; the pages keep no table of their own. */
function names() {
  if (!engine) throw new Error(NOT_STARTED);
  words ??= engine.call((api) => api.vocabulary());
  return words;
}

/** The Vietnamese name of a record's status (`recognized`…), as the core defines it. */
export const statusVi = (code) => names().status[code]?.vi ?? code;

/** The Vietnamese name of an indicator's or criterion's outcome (`unmet`…), as the core
 *  defines it. */
export const outcomeVi = (code) => names().outcome[code]?.vi ?? code;

const num = (x) => (typeof x === "number" ? x.toLocaleString("vi-VN") : esc(x));

/** The indicators of an answer, in declared order. */
const indicatorsOf = (a) => (a.criteria ?? []).flatMap((c) => c.indicators ?? []);

/** Whether the answer is of a level-based model (TT 24/2023, TT 25/2023): no points, each
 *  indicator says the highest level it meets. */
export const levelBased = (a) => a.max === 0 && indicatorsOf(a).some((i) => typeof i.level === "number");

/** The levels of a level-based answer: [{ level, met, of }], indicators met per level (one not
 *  applicable counts as met, as the core counts it). */
export function levelCounts(a) {
  const inds = indicatorsOf(a);
  const top = Math.max(1, ...inds.map((i) => i.level ?? 0), ...(a.to_reach ?? []).map((t) => Number(/\d+/.exec(t.target ?? "")?.[0] ?? 0)));
  const out = [];
  for (let k = 1; k <= top; k++) {
    out.push({ level: k, met: inds.filter((i) => i.status !== "unknown" && (i.level ?? 0) >= k).length, of: inds.length });
  }
  return out;
}

/** A record problem in plain Vietnamese: no code, no field id, no `null`, no JSON names.
 *  `choiceTitle(code)` names a choice by its title. */
export function plainError(e, choiceTitle = () => undefined) {
  let m = String(e.message ?? "")
    .replace(/ \(mục \d+ của «[^»]*»\)/g, "")
    .replace(/ \(mục \d+\)/g, "")
    .replace(/\s*\([a-z][a-z0-9_]*\)$/, "")
    .replace(/^thiếu trường bắt buộc /, "cần trả lời ")
    .replace(/nhận được null$/, "chưa có câu trả lời")
    .replace(/dạng YYYY-MM-DD/, "(năm-tháng-ngày)");
  // A choice that is not on the list: name the value, not the codes of the list.
  const choice = /^(«[^»]*»): giá trị ("[^"]*") không có trong danh sách/.exec(m);
  if (choice) {
    const meant = choiceTitle(/có phải ý bạn là "([^"]*)"/.exec(m)?.[1]);
    m = `${choice[1]}: giá trị trong hồ sơ không phải là một lựa chọn của câu hỏi này; ${meant ? `có phải ý bạn là «${meant}»? ` : ""}hãy chọn lại`;
  }
  return m.replace(/\bnull\b/g, "trống");
}

/** The short summary of an answer for the result bar and the live region:
 *  { status, tier, points, missing, text }. */
export function summarize(a, { missing = a.missing?.length ?? 0, errors = 0 } = {}) {
  const status = statusVi(a.status);
  const tier = a.tier ?? "";
  let points;
  if (levelBased(a)) points = levelCounts(a).map((l) => `mức ${l.level}: ${l.met}/${l.of}`).join(", ") + " chỉ tiêu";
  else points = `${num(a.total)}/${num(a.max)} điểm`;
  const parts = [];
  if (missing) parts.push(`còn thiếu ${missing} thông tin`);
  if (errors) parts.push(`${errors} chỗ cần sửa`);
  const more = parts.join(", ");
  return { status, tier, points, missing: more, text: [status, tier, points, more].filter(Boolean).join(". ") };
}

/** HTML of an answer. `label(path)` names a JSON pointer of the record; `errors` (with `text`)
 *  and `missing` (paths) replace the answer's when the form has chosen what to show. */
export function renderAnswer(a, label = (p) => p, { errors, missing } = {}) {
  const st = a.status;
  const levels = levelBased(a);
  let h = `<p class="status status-${esc(st)}"><span id="status">${esc(statusVi(st))}</span></p>`;
  h += `<dl class="summary">`;
  if ("tier" in a) h += `<dt>Xếp loại</dt><dd id="tier">${a.tier == null ? "—" : esc(a.tier)}</dd>`;
  if (a.level != null) h += `<dt>Mức</dt><dd id="level">${esc(a.level)}</dd>`;
  if (levels) {
    for (const l of levelCounts(a)) h += `<dt>Mức độ ${l.level}</dt><dd class="level-count" id="level-${l.level}">đạt ${l.met} / ${l.of} chỉ tiêu</dd>`;
  } else {
    h += `<dt>Tổng điểm</dt><dd id="total">${num(a.total)} / ${num(a.max)}</dd>`;
    if (a.total_possible != null) h += `<dt>Có thể đạt tối đa</dt><dd>${num(a.total_possible)}</dd>`;
  }
  h += `</dl>`;
  if (a.floors_failed?.length) {
    // Why the record is not recognised whatever its total.
    h += `<h3>Dưới điểm sàn</h3><ul id="floors-failed">`;
    for (const f of a.floors_failed) h += `<li>${esc(f.id)}: được ${num(f.points)} điểm, cần ít nhất ${num(f.floor)}</li>`;
    h += `</ul>`;
  }
  if (errors) {
    // The form: the problems of touched fields, in plain words.
    if (errors.length) {
      h += `<h3>Cần sửa</h3><ul class="errors" id="errors">`;
      for (const e of errors) h += `<li>${esc(e.text)}</li>`;
      h += `</ul>`;
    }
  } else if (a.errors?.length) {
    // The playground: every problem with its code, for rule authors.
    h += `<h3>Lỗi số liệu</h3><ul class="errors" id="errors">`;
    for (const e of a.errors) h += `<li><code>${esc(e.code)}</code> ${esc(label(e.path))}: ${esc(e.message)}</li>`;
    h += `</ul>`;
  }
  const miss = missing ?? a.missing ?? [];
  if (miss.length) {
    h += `<h3>Còn thiếu ${miss.length} thông tin</h3><ul id="missing">`;
    for (const m of miss) h += `<li>${esc(label(m))}</li>`;
    h += `</ul>`;
  }
  if (a.to_reach?.length) {
    h += `<h3>Để đạt mức cao hơn</h3><ul id="to-reach">`;
    for (const t of a.to_reach) {
      // "floor": indicators under their minimum, whatever the total.
      const floor = t.target === "floor";
      if (floor) h += `<li><strong>Chưa đạt điểm tối thiểu</strong> ở:`;
      else if (levels) h += `<li><strong>${esc(statusVi(t.target))}</strong>`;
      else h += `<li><strong>${esc(statusVi(t.target))}</strong>: cần thêm ${num(t.points_needed)} điểm`;
      // The fewest indicators to change, then other sets of as many ("hoặc").
      const sets = [t.indicators ?? [], ...(t.alternatives ?? [])];
      for (const [k, set] of sets.entries()) {
        if (!set.length) continue;
        if (!floor) h += k === 0 ? `${levels ? ": cần đạt" : "; ít nhất"} ${set.length} chỉ tiêu:` : `<br>hoặc:`;
        h += `<ul>`;
        for (const i of set) h += floor
          ? `<li>${esc(i.id)} ${esc(i.label)} (thiếu ${num(i.points)} điểm)</li>`
          : `<li>${esc(i.id)} ${esc(i.label)}${levels ? "" : ` (tối đa +${num(i.points)} điểm)`}${i.change ? `; đủ khi ${esc(i.change)}` : ""}</li>`;
        h += `</ul>`;
      }
      h += `</li>`;
    }
    h += `</ul>`;
  }
  if (a.criteria?.length) {
    h += `<h3>Tiêu chí</h3><ol class="criteria">`;
    const top = levels ? levelCounts(a).length : 0;
    for (const c of a.criteria) {
      h += `<li class="crit item-${esc(c.status)}"><div class="row"><span>${esc(c.id)}. ${esc(c.label)}</span>`;
      if (levels) {
        const inds = c.indicators ?? [];
        h += `<span class="pts">${inds.filter((i) => i.status !== "unknown" && (i.level ?? 0) >= 1).length}/${inds.length} đạt mức 1</span>`;
      } else {
        h += `<span class="pts">${num(c.points)} / ${num(c.max)}</span>`;
      }
      h += `</div><ul class="indicators">`;
      for (const i of c.indicators ?? []) {
        h += `<li class="item-${esc(i.status)}"><div class="row"><span>${esc(i.id)} ${esc(i.label)}</span>`;
        let pts;
        if (levels) {
          // The highest level the indicator meets, of the model's levels.
          pts = i.status === "unknown" ? "chưa rõ" : i.status === "not_applicable" ? "không áp dụng" : i.level > 0 ? `đạt mức ${i.level}${top > i.level ? ` / ${top}` : ""}` : "chưa đạt mức 1";
        } else {
          // A deduction shows what it takes off, of the most it can.
          pts = i.deduct_max === undefined ? `${num(i.points)} / ${num(i.max)}` : `trừ ${num(Math.abs(i.points))} / ${num(i.deduct_max)}`;
        }
        h += `<span class="pts">${pts}</span></div>`;
        h += `<div class="reason"><span class="badge">${esc(outcomeVi(i.status))}</span> ${esc(i.reason)}</div></li>`;
      }
      h += `</ul></li>`;
    }
    h += `</ol>`;
  }
  if (a.nested?.length) h += `<h3>Hồ sơ kèm theo</h3><p>${a.nested.length} hồ sơ được chấm theo quy định kèm theo.</p>`;
  if (a.sources?.length) h += `<p class="sources">${a.sources.map(esc).join("; ")}</p>`;
  return h;
}
