// Loads a package's JavaScript (second argument, default wasm/pkg's) with another .wasm file
// (first argument) and scores one record: wasm/build.sh keeps the output of `wasm-opt` only
// when this succeeds.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const glue = process.argv[3]
  ? pathToFileURL(resolve(process.argv[3])).href
  : new URL("../pkg/tieuchi_wasm.js", import.meta.url).href;
const { initSync, compile } = await import(glue);

initSync({ module: readFileSync(process.argv[2]) });
const rules = compile(readFileSync(new URL("../../rules/unit/tt22-2020.rules", import.meta.url), "utf8"));
const record = readFileSync(new URL("../../rules/unit/examples/so-gddt-tot.json", import.meta.url), "utf8");
const answer = rules.evaluate(record);
if (answer.model !== "unit" || !Array.isArray(answer.criteria) || answer.criteria.length === 0) {
  throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 200)}`);
}
// The forms module has no `runTests` (wasm/Cargo.toml, feature `authoring`).
if (rules.runTests && !rules.runTests().every((t) => t.passed)) throw new Error("the rule file's tests fail");
