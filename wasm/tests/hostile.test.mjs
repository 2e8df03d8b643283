// The built package through wasm/www/engine.js: 10 000 hostile calls (tests/hostile.mjs) in one
// engine, then a good record still gets its answer. Inputs that trap (deep nesting, while the
// core overflows its stack on them) are rebuilt past; once the core is hardened they do not
// trap, and the test holds all the same. TIEUCHI_HOSTILE=N changes the count.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";

import { Engine } from "../www/engine.js";
import { hostileInputs, runHostile } from "./hostile.mjs";
import { pkgDir, read, wasmPath } from "./support.mjs";

const COUNT = Number(process.env.TIEUCHI_HOSTILE ?? 10_000);
const TT22 = read("rules/unit/tt22-2020.rules");
const GOOD = read("rules/unit/examples/so-gddt-tot.json");
const TEXTS = [TT22, read("rules/citizen/qd324-2023.rules"), read("rules/family/qd448-2015.rules")];

function load() {
  return Engine.load({ glue: pathToFileURL(`${pkgDir}tieuchi_wasm.js`).href, wasm: readFileSync(wasmPath) });
}

function assertGood(engine) {
  const answer = engine.compile(TT22).evaluate(GOOD);
  assert.equal(answer.status, "recognized");
  assert.equal(answer.tier, "Tốt");
  assert.equal(answer.total, 94.75);
}

describe("the engine survives hostile input", () => {
  it(`answers a good record after ${COUNT} hostile calls`, async () => {
    const engine = await load();
    const ruleset = engine.compile(TT22);
    const inputs = hostileInputs(COUNT, 20261207, TEXTS);
    const seen = await runHostile(engine, ruleset, inputs);
    assertGood(engine);
    // The ruleset compiled before any rebuild still answers.
    assert.equal(ruleset.evaluate(GOOD).total, 94.75);
    assert.equal(seen.ok + seen.errors + seen.crashed, COUNT);
    console.log(
      `# ${COUNT} hostile calls: ${seen.ok} answered, ${seen.errors} refused with an error, ` +
        `${seen.crashed} crashed the engine; traps ${engine.traps}, rebuilds ${engine.rebuilds}, ` +
        `heap ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB resident`,
    );
  });

  it("a rule text nested 20 KB deep (`list of` 2 500 times): an error or a diagnostic, then the next call answers", async () => {
    const engine = await load();
    const deep = `model unit "Đơn vị" {\n  max 100 points\n  input {\n    a: ${"list of ".repeat(2500)}int "A"\n  }\n}\n`;
    for (const op of ["check", "compile"]) {
      try {
        const out = engine[op](deep);
        if (op === "check") assert.ok(out.some((d) => d.severity === "error"), "deep nesting is refused");
      } catch (e) {
        assert.ok(e instanceof Error);
        if (e.name === "EngineError") assert.match(e.message, /^Dữ liệu này làm bộ máy chấm điểm gặp sự cố/);
        else assert.ok(Array.isArray(e.diagnostics), e.message);
      }
      await engine.ready();
      assertGood(engine);
    }
  });
});
