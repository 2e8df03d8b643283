// A picture of the grammar's colouring for the README (docs/vscode-grammar.png): the first
// lines of a bundled rule file in each keyword language, tokenized by the extension's
// TextMate grammar as VS Code does it and drawn in Chromium with a light theme's colours.
//   node test/screenshot.mjs   (needs npm ci here and in wasm/, and Debian's chromium)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const oniguruma = require("vscode-oniguruma");
const textmate = require("vscode-textmate");
const here = fileURLToPath(new URL("../", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));
const { chromium } = await import(`${root}wasm/node_modules/playwright-core/index.mjs`);

await oniguruma.loadWASM(readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer);
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (p) => new oniguruma.OnigScanner(p),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async () => textmate.parseRawGrammar(readFileSync(`${here}syntaxes/tieuchi.tmLanguage.json`, "utf8"), "g.json"),
});
const grammar = await registry.loadGrammar("source.tieuchi");

/** Colours by scope, first match wins (close to VS Code's "Light+" theme). */
const COLOURS = [
  [/comment/, "#008000"], [/citation/, "#795e26"], [/string|placeholder/, "#a31515"], [/entity\.name/, "#267f99"],
  [/constant\.numeric/, "#098658"], [/constant\.language/, "#0000ff"], [/storage\.type/, "#0000ff"],
  [/keyword\.operator\.word/, "#af00db"], [/keyword/, "#0000ff"], [/variable/, "#001080"],
];
/** A subset of Noto Sans Mono (wasm/node_modules, as the playground's), as base64. */
const font = (subset) =>
  readFileSync(`${root}wasm/node_modules/@fontsource/noto-sans-mono/files/noto-sans-mono-${subset}-400-normal.woff2`).toString("base64");
const esc = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function render(file, from, count) {
  const lines = readFileSync(`${root}${file}`, "utf8").split("\n");
  let stack = textmate.INITIAL;
  let html = "";
  lines.forEach((line, n) => {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    if (n < from || n >= from + count) return;
    html += `<span class="n">${n + 1}</span>`;
    for (const t of tokens) {
      const scopes = t.scopes.join(" ");
      const colour = COLOURS.find(([re]) => re.test(scopes))?.[1] ?? "#000";
      html += `<span style="color:${colour}">${esc(line.slice(t.startIndex, t.endIndex))}</span>`;
    }
    html += "\n";
  });
  return `<h2>${esc(file)}</h2><pre>${html}</pre>`;
}

const page = `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; padding: 12px 16px; background: #fff; font: 13px/1.5 "Noto Sans Mono", "DejaVu Sans Mono", monospace; }
h2 { font: 600 13px system-ui, sans-serif; color: #444; margin: 8px 0 4px; }
pre { margin: 0; white-space: pre; font: inherit; } .n { display: inline-block; width: 3.5em; color: #999; }
@font-face { font-family: "Noto Sans Mono"; src: url("data:font/woff2;base64,${font("vietnamese")}"); unicode-range: U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+1EA0-1EF9; }
@font-face { font-family: "Noto Sans Mono"; src: url("data:font/woff2;base64,${font("latin")}"); unicode-range: U+0000-00FF; }
</style>${render("rules/citizen/qd324-2023.rules", 29, 16)}${render("rules/unit/tt22-2020.rules", 85, 9)}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const tab = await browser.newPage({ viewport: { width: 980, height: 200 } });
await tab.setContent(page, { waitUntil: "load" });
// Both subsets of the font loaded before the picture (a face loads only when asked).
await tab.evaluate(() => Promise.all([...document.fonts].map((f) => f.load())));
await tab.screenshot({ path: `${root}docs/vscode-grammar.png`, fullPage: true });
await browser.close();
console.log("docs/vscode-grammar.png");
