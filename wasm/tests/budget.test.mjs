// The browser budgets: each .wasm gzipped within its gate (445 KB for the authors' module,
// 255 KB for the forms module, see SIZE_BUDGET and FORMS_BUDGET), and one evaluation
// of a unit record, JSON text in and JSON text out, at most 10 µs at the median in Node.
// The figures are printed; the test fails past them. The latency is the best median of three
// rounds of 30,000 calls.
import assert from "node:assert/strict";
import { it } from "node:test";

import { measure, sizes } from "../bench/measure.mjs";
import { compileModel, read, wasmPath } from "./support.mjs";

// The gates stop growth; issue 17's target for the module people download is 160 KB. Measured
// on 2026-12-08 (Node's zlib, level 9): the authors' module 438.8 KB, since it holds the
// checker's reasoning about values, the document tab and the editor's language service
// (tieuchi-service, about 100 KB); its gate is 445 KB. How each gate moved: git history.
const SIZE_BUDGET = 445 * 1024; // bytes, gzipped (level 9), the module for rule authors
// The forms module (wasm/pkg/forms/, what people filling a form on a phone download) leaves out
// all of that (feature `authoring`) and is built at opt-level "z" (profile `wasm-forms`):
// 249.9 KB on 2026-12-08; its gate is 255 KB.
const FORMS_BUDGET = 255 * 1024;
const formsPath = wasmPath.replace(/tieuchi_wasm_bg\.wasm$/, "forms/tieuchi_wasm_bg.wasm");
const P50_BUDGET_US = 10;

for (const [name, path, budget] of [
  ["authors' module (pkg/)", wasmPath, SIZE_BUDGET],
  ["forms module (pkg/forms/)", formsPath, FORMS_BUDGET],
]) {
  it(`the ${name} .wasm is at most ${budget / 1024} KB gzipped`, () => {
    const { raw, gzipped } = sizes(path);
    console.log(`${name}: ${raw} bytes (${(raw / 1024).toFixed(1)} KB), gzipped ${gzipped} bytes (${(gzipped / 1024).toFixed(1)} KB)`);
    assert.ok(gzipped <= budget, `${(gzipped / 1024).toFixed(1)} KB gzipped`);
  });
}

it(`one evaluation of a unit record takes at most ${P50_BUDGET_US} µs (p50, JSON in, JSON out)`, () => {
  const rules = compileModel("unit/tt22-2020");
  const record = JSON.stringify(JSON.parse(read("rules/unit/examples/so-gddt-tot.json")));
  // Three rounds, the best median kept: a round slowed by something else on the machine (a
  // garbage collection, another process) does not decide.
  const rounds = [1, 2, 3].map(() => measure(() => rules.evaluateJson(record), { warmup: 5000, iterations: 30000 }));
  const { p50, p90, iterations } = rounds.reduce((best, r) => (r.p50 < best.p50 ? r : best));
  console.log(`evaluateJson(unit record): p50 ${p50.toFixed(2)} µs, p90 ${p90.toFixed(2)} µs (best of ${rounds.length} rounds of ${iterations} calls; medians ${rounds.map((r) => r.p50.toFixed(2)).join(", ")})`);
  assert.ok(p50 <= P50_BUDGET_US, `p50 ${p50.toFixed(2)} µs is over the budget of ${P50_BUDGET_US} µs`);
});
