// The browser budgets (the WASM issue): the .wasm at most 250 KB gzipped, and one evaluation
// of a unit record, JSON text in and JSON text out, at most 10 µs at the median in Node.
// The figures are printed; the test fails past them.
import assert from "node:assert/strict";
import { it } from "node:test";

import { measure, sizes } from "../bench/measure.mjs";
import { compileModel, read, wasmPath } from "./support.mjs";

const SIZE_BUDGET = 250 * 1024; // bytes, gzipped (level 9)
const P50_BUDGET_US = 10;

it(`the .wasm is at most ${SIZE_BUDGET / 1024} KB gzipped`, () => {
  const { raw, gzipped } = sizes(wasmPath);
  console.log(`tieuchi_wasm_bg.wasm: ${raw} bytes (${(raw / 1024).toFixed(1)} KB), gzipped ${gzipped} bytes (${(gzipped / 1024).toFixed(1)} KB)`);
  assert.ok(gzipped <= SIZE_BUDGET, `${(gzipped / 1024).toFixed(1)} KB gzipped`);
});

it(`one evaluation of a unit record takes at most ${P50_BUDGET_US} µs (p50, JSON in, JSON out)`, () => {
  const rules = compileModel("unit/tt22-2020");
  const record = JSON.stringify(JSON.parse(read("rules/unit/examples/so-gddt-tot.json")));
  const { p50, p90, iterations } = measure(() => rules.evaluateJson(record), { warmup: 5000, iterations: 30000 });
  console.log(`evaluateJson(unit record): p50 ${p50.toFixed(2)} µs, p90 ${p90.toFixed(2)} µs over ${iterations} calls`);
  assert.ok(p50 <= P50_BUDGET_US, `p50 ${p50.toFixed(2)} µs is over the budget of ${P50_BUDGET_US} µs`);
});
