// The TextMate grammar on every bundled rule file (rules/**/*.rules, English and Vietnamese
// keywords), tokenized as VS Code does it (vscode-textmate with the Oniguruma engine):
//   - every comment is scoped as a comment, and every string as a string (citations too);
//   - the first word of each statement (a `model`, `source`, `criterion`, `award`, `expect`…
//     line, in either language) is scoped as a keyword, and the id after `criterion`/`indicator`
//     (`tiêu chí`/`chỉ tiêu`) as a section name;
//   - every line tokenizes, and nothing is scoped `invalid`.
//   node test/grammar.mjs     (npm test)
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const oniguruma = require("vscode-oniguruma");
const textmate = require("vscode-textmate");

const here = fileURLToPath(new URL("../", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));
await oniguruma.loadWASM(readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer);
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async () => textmate.parseRawGrammar(readFileSync(`${here}syntaxes/tieuchi.tmLanguage.json`, "utf8"), "tieuchi.json"),
});
const grammar = await registry.loadGrammar("source.tieuchi");

/** Statement words that open a line, in both keyword languages (a sample of the table). */
const STATEMENTS = [
  "model", "mô hình", "source", "nguồn", "version", "phiên bản", "criterion", "tiêu chí",
  "indicator", "chỉ tiêu", "award", "cho điểm", "met", "khi đạt", "unmet", "khi chưa đạt",
  "reason", "lý do", "tier", "xếp loại", "test", "kiểm thử", "expect", "mong đợi", "let", "đặt",
  "require", "yêu cầu", "input", "đầu vào", "max", "tối đa", "provisional", "tạm thời",
];

/** Where comments and strings are in a line, by a plain scan: [kind, start, end]. */
function spans(line) {
  const out = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "#") {
      out.push(["comment", i, line.length]);
      break;
    }
    if (line[i] === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      out.push(["string", i, Math.min(j + 1, line.length)]);
      i = j;
    }
  }
  return out;
}

const files = [];
for (const dir of readdirSync(`${root}rules`, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  for (const f of readdirSync(`${root}rules/${dir.name}`)) if (f.endsWith(".rules")) files.push(`rules/${dir.name}/${f}`);
}
assert.ok(files.length >= 8, files.join(" "));
let lines = 0;
let checks = 0;
for (const file of files) {
  let stack = textmate.INITIAL;
  const text = readFileSync(`${root}${file}`, "utf8").normalize("NFC").split("\n");
  text.forEach((line, n) => {
    const where = `${file}:${n + 1}`;
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    lines++;
    const scopeAt = (i) => tokens.find((t) => t.startIndex <= i && i < t.endIndex)?.scopes.join(" ") ?? "";
    for (const t of tokens) assert.doesNotMatch(t.scopes.join(" "), /invalid/, where);
    for (const [kind, start, end] of spans(line)) {
      for (const i of [start, end - 1]) {
        assert.match(scopeAt(i), kind === "comment" ? /comment\.line/ : /string\.quoted/, `${where}:${i + 1}: ${kind} «${line.slice(start, end)}»`);
        checks++;
      }
    }
    const body = line.trimStart();
    const indent = line.length - body.length;
    const opener = STATEMENTS.filter((s) => body.startsWith(s) && !/[\p{L}\p{N}_]/u.test(body[s.length] ?? "")).sort((a, b) => b.length - a.length)[0];
    if (opener && !body.startsWith("#")) {
      assert.match(scopeAt(indent), /keyword|storage/, `${where}: «${opener}» is not a keyword`);
      checks++;
      if (/^(criterion|indicator|tiêu chí|chỉ tiêu)$/.test(opener)) {
        const id = indent + opener.length + 1;
        assert.match(scopeAt(id), /entity\.name\.section/, `${where}: the id after «${opener}»`);
        checks++;
      }
    }
  });
}
console.log(`grammar: ${files.length} rule files, ${lines} lines, ${checks} checks passed`);
