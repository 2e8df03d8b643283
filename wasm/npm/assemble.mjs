// Makes wasm/pkg an npm package (run by wasm/build.sh after both modules are built):
// package.json with the crate's version, the README and the licence, and the Node entries.
//
//   node wasm/npm/assemble.mjs [PKG_DIR]
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("./", import.meta.url));
const pkg = process.argv[2] ?? fileURLToPath(new URL("../pkg/", import.meta.url));
const cargo = readFileSync(`${here}../../Cargo.toml`, "utf8");
const version = cargo.match(/^\[workspace\.package\][^[]*?^version = "([^"]+)"/ms)?.[1];
if (!version) {
  console.error("assemble.mjs: không thấy version trong [workspace.package] của Cargo.toml / no workspace version");
  process.exit(1);
}
for (const dir of [pkg, `${pkg}/forms`]) {
  if (!existsSync(`${dir}/tieuchi_wasm.js`)) {
    console.error(`assemble.mjs: thiếu ${dir}/tieuchi_wasm.js; hãy chạy wasm/build.sh / missing: run wasm/build.sh`);
    process.exit(1);
  }
  copyFileSync(`${here}node.js`, `${dir}/node.js`);
}
// Each entry: TypeScript types first, then Node's entry, then everything else (browsers,
// bundlers such as Vite, Web Workers) takes the wasm-bindgen module that fetches its .wasm.
const entry = (dir) => ({
  types: `./${dir}tieuchi_wasm.d.ts`,
  node: `./${dir}node.js`,
  default: `./${dir}tieuchi_wasm.js`,
});
const manifest = {
  name: "tieuchi",
  version,
  description:
    "Chấm điểm và giải thích tiêu chí xã hội học tập (gia đình, dòng họ, cộng đồng, đơn vị học tập, công dân học tập) trong trình duyệt và Node / Score and explain Vietnam's learning-society criteria in the browser and Node (WebAssembly)",
  keywords: ["xã hội học tập", "learning society", "rules engine", "webassembly", "vietnam"],
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./node.js",
  module: "./tieuchi_wasm.js",
  browser: "./tieuchi_wasm.js",
  types: "./tieuchi_wasm.d.ts",
  exports: {
    ".": entry(""),
    "./forms": entry("forms/"),
    "./tieuchi_wasm_bg.wasm": "./tieuchi_wasm_bg.wasm",
    "./forms/tieuchi_wasm_bg.wasm": "./forms/tieuchi_wasm_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [
    "tieuchi_wasm.js", "tieuchi_wasm.d.ts", "tieuchi_wasm_bg.wasm", "tieuchi_wasm_bg.wasm.d.ts", "node.js",
    "forms/tieuchi_wasm.js", "forms/tieuchi_wasm.d.ts", "forms/tieuchi_wasm_bg.wasm",
    "forms/tieuchi_wasm_bg.wasm.d.ts", "forms/node.js", "README.md", "LICENSE",
  ],
  sideEffects: false,
  engines: { node: ">=20" },
};
writeFileSync(`${pkg}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(`${here}README.md`, `${pkg}/README.md`);
copyFileSync(`${here}LICENSE`, `${pkg}/LICENSE`);
console.log(`${pkg}/package.json: tieuchi ${version}`);
