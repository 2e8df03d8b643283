// Differential test: for every model file, records generated from its JSON Schema (fixed
// seed) are scored natively (wasm/examples/native_answers.rs, tieuchi-core directly) and
// through the WebAssembly package; the answers must be byte-identical JSON (the ASCII form the package writes), line by line,
// through evaluateJson, evaluate + JSON.stringify, and evaluateMany.
//
// TIEUCHI_DIFF_RECORDS overrides the number of records per model (default 10000).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";

import { generateRecords } from "./generate.mjs";
import { ascii, compileModel, MODELS, root } from "./support.mjs";

const COUNT = Number(process.env.TIEUCHI_DIFF_RECORDS ?? 10000);
const SEED = 20240521;
const JOBS = process.env.CARGO_BUILD_JOBS ?? "2";

function native(rulesPath, lines) {
  const args = ["run", "--release", "--quiet", "-j", JOBS, "-p", "tieuchi-wasm", "--example", "native_answers", "--", rulesPath];
  const run = spawnSync("cargo", args, {
    cwd: root,
    input: `${lines.join("\n")}\n`,
    encoding: "utf8",
    maxBuffer: 2 ** 31 - 1,
  });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `native_answers failed:\n${run.stderr}`);
  const out = run.stdout.split("\n");
  assert.equal(out.pop(), "", "native output ends with a newline");
  return out;
}

/** Asserts two lists of answers are equal, naming the first line that differs. */
function sameLines(model, how, records, want, got) {
  assert.equal(got.length, want.length, `${model} (${how}): ${got.length} answers for ${want.length} records`);
  for (let i = 0; i < want.length; i++) {
    if (want[i] === got[i]) continue;
    let at = 0;
    while (want[i][at] === got[i][at]) at++;
    const around = (s) => s.slice(Math.max(0, at - 80), at + 80);
    assert.fail(
      [
        `${model} (${how}): line ${i + 1} differs at character ${at}`,
        `record: ${records[i].text}`,
        `native: …${around(want[i])}…`,
        `wasm:   …${around(got[i])}…`,
      ].join("\n"),
    );
  }
}

describe(`native and WebAssembly answers are byte-identical (${COUNT} records per model, seed ${SEED})`, () => {
  Object.keys(MODELS).forEach((name, index) => {
    it(name, () => {
      const rules = compileModel(name);
      const records = generateRecords(rules.schema(), COUNT, SEED + index);
      const lines = records.map((r) => r.text);
      assert.ok(lines.every((l) => !l.includes("\n")));

      const want = native(`rules/${name}.rules`, lines);
      assert.equal(want.length, records.length);

      sameLines(name, "evaluateJson(text)", records, want, lines.map((l) => rules.evaluateJson(l)));
      const inputs = records.map((r) => (r.value === undefined ? r.text : r.value));
      sameLines(name, "JSON.stringify(evaluate(record))", records, want, inputs.map((r) => ascii(JSON.stringify(rules.evaluate(r)))));
      const many = [];
      for (let i = 0; i < inputs.length; i += 500) {
        many.push(...rules.evaluateMany(inputs.slice(i, i + 500)).map((a) => ascii(JSON.stringify(a))));
      }
      sameLines(name, "evaluateMany(records)", records, want, many);

      // The records cover what they should: valid and invalid, and more than one outcome.
      const answers = want.map((l) => JSON.parse(l));
      const statuses = {};
      for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      const invalid = answers.filter((a) => a.errors.length > 0).length;
      const codes = new Set(answers.flatMap((a) => a.errors.map((e) => e.code)));
      console.log(`${name}: ${JSON.stringify(statuses)}, ${invalid} with errors (${[...codes].sort().join(" ")})`);
      assert.ok(Object.keys(statuses).length >= 2, `${name}: one status only`);
      assert.ok(invalid > 0 && invalid < answers.length / 2, `${name}: ${invalid} invalid records`);
      rules.free();
    });
  });
});
