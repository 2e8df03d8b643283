// Prints p50/p90/p99 of one evaluation in the WebAssembly package, for the trend:
//   node wasm/bench/evaluate.mjs        (after bash wasm/build.sh)
import { compileModel, read, wasmPath } from "../tests/support.mjs";
import { measure, sizes } from "./measure.mjs";

const CASES = [
  ["unit/tt22-2020", "unit/examples/so-gddt-tot.json"],
  ["unit/tt24-2023", "unit/examples/tt24-so-tu-phap-son-la-muc-2.json"],
  ["community/commune-tt25-2023", "community/examples/tt25-xa-tam-an-muc-2.json"],
  ["citizen/qd324-2023", "citizen/examples/cu-dan-nguyen-thi-hoa-dat.json"],
  ["family/qd448-2015", "family/examples/ho-nguyen-van-an-dat.json"],
];

const { raw, gzipped } = sizes(wasmPath);
console.log(`tieuchi_wasm_bg.wasm: ${(raw / 1024).toFixed(1)} KB, gzipped ${(gzipped / 1024).toFixed(1)} KB`);
console.log(`node ${process.version}; microseconds per call\n`);
const row = (...cells) => console.log(cells.map((c, i) => String(c).padEnd(i === 0 ? 70 : 9)).join(""));
row("case", "p50", "p90", "p99");
const show = (label, r) => row(label, r.p50.toFixed(2), r.p90.toFixed(2), r.p99.toFixed(2));

for (const [model, example] of CASES) {
  const rules = compileModel(model);
  const text = JSON.stringify(JSON.parse(read(`rules/${example}`)));
  const object = JSON.parse(text);
  const answer = rules.evaluateJson(text);
  show(`${model}: evaluateJson(text) [${text.length} → ${answer.length} chars]`, measure(() => rules.evaluateJson(text)));
  show(`${model}: evaluate(object)`, measure(() => rules.evaluate(object)));
  const table = Array.from({ length: 100 }, () => object);
  const many = measure(() => rules.evaluateMany(table), { warmup: 50, iterations: 500 });
  show(`${model}: evaluateMany(100 objects) / 100`, { p50: many.p50 / 100, p90: many.p90 / 100, p99: many.p99 / 100 });
  if (model === "unit/tt22-2020") {
    // What the boundary costs, apart from scoring.
    show("  of which: JSON.parse(answer) in JavaScript", measure(() => JSON.parse(answer)));
    show("  of which: JSON.stringify(object) in JavaScript", measure(() => JSON.stringify(object)));
  }
}

const { compile } = await import("../tests/support.mjs");
const source = read("rules/unit/tt22-2020.rules");
show("compile(unit/tt22-2020.rules)", measure(() => compile(source).free(), { warmup: 50, iterations: 500 }));
