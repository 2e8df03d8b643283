// Loads the package's JavaScript with another .wasm file (argument) and scores one record:
// wasm/build.sh keeps the output of `wasm-opt` only when this succeeds.
import { readFileSync } from "node:fs";
import { initSync, compile } from "../pkg/tieuchi_wasm.js";

initSync({ module: readFileSync(process.argv[2]) });
const rules = compile(readFileSync(new URL("../../rules/unit/tt22-2020.rules", import.meta.url), "utf8"));
const record = readFileSync(new URL("../../rules/unit/examples/so-gddt-tot.json", import.meta.url), "utf8");
const answer = rules.evaluate(record);
if (answer.model !== "unit" || !Array.isArray(answer.criteria) || answer.criteria.length === 0) {
  throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 200)}`);
}
if (!rules.runTests().every((t) => t.passed)) throw new Error("the rule file's tests fail");
