// The installed package in Node: `await init()` with no argument, both modules, the answer byte
// for byte as the command line's (`tieuchi eval --format json`, given as a file), and a rule
// file with a mistake throwing an Error with diagnostics.
//
//   node node-check.mjs RULES RECORD EXPECTED_ANSWER_JSON
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import init, { compile } from "tieuchi/forms";
import authorsInit, { compile as authorsCompile } from "tieuchi";

const [rulesPath, recordPath, expectedPath] = process.argv.slice(2);
const source = readFileSync(rulesPath, "utf8");
const record = readFileSync(recordPath, "utf8");
const expected = readFileSync(expectedPath, "utf8");

await init();
await authorsInit();
for (const [name, make] of [["tieuchi/forms", compile], ["tieuchi", authorsCompile]]) {
  const rules = make(source);
  const answer = rules.evaluate(record);
  assert.equal(`${JSON.stringify(answer, null, 2)}\n`, expected, `${name}: the answer differs from tieuchi eval`);
  rules.free();
}
const tests = authorsCompile(source).runTests();
assert.ok(tests.length > 0 && tests.every((t) => t.passed), "the rule file's own tests pass");

assert.throws(
  () => compile(source.replace("max 100 points", "max 100 pints")),
  (e) => e instanceof Error && Array.isArray(e.diagnostics) && e.diagnostics[0].line > 0,
);
console.log(`node: tieuchi/forms and tieuchi give tieuchi eval's answer; ${tests.length} tests pass; a mistake throws diagnostics`);
