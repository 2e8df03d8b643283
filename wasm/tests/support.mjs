// Shared by the Node tests and the benchmark: loads the built package (wasm/build.sh) with
// `initSync` from the .wasm bytes, and reads files of the repository.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const pkgDir = fileURLToPath(new URL("../pkg/", import.meta.url));
export const wasmPath = `${pkgDir}tieuchi_wasm_bg.wasm`;

if (!existsSync(`${pkgDir}tieuchi_wasm.js`) || !existsSync(wasmPath)) {
  throw new Error("wasm/pkg is missing: run `bash wasm/build.sh` first");
}

const pkg = await import(`${pkgDir}tieuchi_wasm.js`);
pkg.initSync({ module: readFileSync(wasmPath) });

export const { compile, check, vocabulary, documentHtml, analyze, tokenTypes } = pkg;

/** The text of a file, by path from the repository root. */
export function read(path) {
  return readFileSync(`${root}${path}`, "utf8");
}

/** The rule files of the repository that the tests use, with the files they extend. */
export const MODELS = {
  "unit/tt22-2020": {},
  "unit/ha-noi-kh103-2021": { "tt22-2020.rules": "rules/unit/tt22-2020.rules" },
  "unit/tt24-2023": {},
  "unit/commune-qd448-2015": {},
  "community/commune-tt25-2023": {},
  "community/village-qd448-2015": {},
  "citizen/qd324-2023": {},
  "family/qd448-2015": {},
};

/** Compiles `rules/NAME.rules` with the files it names. */
export function compileModel(name) {
  const files = Object.fromEntries(
    Object.entries(MODELS[name] ?? {}).map(([rel, path]) => [rel, read(path)]),
  );
  return compile(read(`rules/${name}.rules`), files);
}

/** 1-based line and column (in characters) of a UTF-16 offset in `text`. */
export function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

/** JSON text in ASCII, as the package writes answers: every other UTF-16 unit as `\uXXXX`. */
export function ascii(json) {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
