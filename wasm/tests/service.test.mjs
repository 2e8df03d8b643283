// The language service in the authors' module (`analyze`, wasm/src/service.rs): every place is
// a UTF-16 offset of the JavaScript string, checked with Vietnamese text before the place; the
// TypeScript types (pkg/tieuchi_wasm.d.ts) declare every key the answers have, and no `any`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { analyze, tokenTypes, read } from "./support.mjs";

const dts = read("wasm/pkg/tieuchi_wasm.d.ts").replace(/\r/g, "");
const tt22 = read("rules/unit/tt22-2020.rules");
// «Đơn vị có chủ trương, …» and other Vietnamese labels come before: bytes ≠ UTF-16 units there.
const misspelt = tt22.replace("award whole when has_learning_plan", "award whole when has_learning_plann");

/** The keys `export interface NAME { … }` declares (top level). */
function declared(name) {
  const m = dts.match(new RegExp(`export interface ${name} \\{([^{}]*)\\}`));
  assert.ok(m, `interface ${name} in the d.ts`);
  const body = m[1].replace(/\/\*\*[\s\S]*?\*\//g, "");
  return new Set([...body.matchAll(/(?:^|[;\n])\s*(\w+)\??:/g)].map((x) => x[1]));
}
function keysIn(name, value) {
  const keys = declared(name);
  for (const k of Object.keys(value)) assert.ok(keys.has(k), `${name}.${k} not declared`);
  for (const k of keys) assert.ok(k in value, `${name}.${k} missing`);
}

describe("analyze: the language service", () => {
  it("underlines a misspelt name at its exact span and offers the did-you-mean fix", () => {
    const a = analyze(misspelt);
    const d = a.diagnostics().find((x) => x.code === "C001");
    assert.ok(d, "C001 found");
    assert.equal(misspelt.slice(d.from, d.to), "has_learning_plann");
    assert.equal(d.fix, "has_learning_plan");
    assert.match(d.message, /^không tìm thấy tên `has_learning_plann`/);
    keysIn("EditorDiagnostic", d);
    const [fix] = a.codeActions(d.from, d.to);
    keysIn("QuickFix", fix);
    assert.match(fix.title, /^Sửa thành `has_learning_plan`/);
    const fixed = fix.edits.reduceRight((t, e) => t.slice(0, e.from) + e.insert + t.slice(e.to), misspelt);
    assert.equal(fixed, tt22);
    assert.deepEqual(analyze(fixed).diagnostics().filter((x) => x.severity === "error"), []);
    a.free();
  });

  it("hover, definition, references, completion, rename at UTF-16 offsets", () => {
    const a = analyze(tt22);
    const use = tt22.indexOf("award whole when has_learning_plan") + "award whole when ".length + 3;
    const h = a.hover(use);
    assert.equal(tt22.slice(h.from, h.to), "has_learning_plan");
    assert.match(h.markdown, /Đơn vị có chủ trương, kế hoạch/);
    const def = a.definition(use);
    assert.equal(def.file, "<rules>");
    assert.equal(tt22.slice(def.from, def.to), "has_learning_plan");
    assert.equal(def.from, tt22.indexOf("has_learning_plan: bool"));
    const refs = a.references(use);
    assert.ok(refs.length >= 2 && refs.every((r) => tt22.slice(r.from, r.to) === "has_learning_plan"));
    // An indicator: its points, its rule in words and its citation.
    const u11 = tt22.indexOf("U1.1");
    const card = a.hover(u11 + 1);
    assert.equal(tt22.slice(card.from, card.to), "U1.1");
    assert.match(card.markdown, /điểm/);
    // Completing a field name after its first letters.
    const at = tt22.indexOf("award whole when has_learning_plan") + "award whole when has_lea".length;
    const items = a.completions(at);
    const item = items.find((c) => c.label === "has_learning_plan");
    assert.ok(item, "has_learning_plan offered");
    keysIn("CompletionItem", item);
    assert.equal(tt22.slice(item.from, item.to), "has_lea");
    const renamed = a.rename(use, "co_ke_hoach");
    assert.ok("edits" in renamed && renamed.edits.length >= 2);
    assert.ok(renamed.edits.every((e) => tt22.slice(e.from, e.to) === "has_learning_plan" && e.insert === "co_ke_hoach"));
    assert.match(a.rename(use, "1x").error, /không dùng được làm tên/);
    a.free();
  });

  it("semantic tokens in both keyword languages, the outline, formatting", () => {
    const types = tokenTypes();
    assert.deepEqual(types.slice(0, 3), ["keyword", "property", "enumMember"]);
    for (const path of ["rules/unit/tt22-2020.rules", "rules/citizen/qd324-2023.rules"]) {
      const text = read(path);
      const a = analyze(text);
      const flat = a.semanticTokens();
      assert.ok(flat instanceof Uint32Array && flat.length > 100);
      const words = [];
      for (let i = 0; i < flat.length; i += 4) {
        assert.ok(flat[i] < flat[i + 1] && flat[i + 1] <= text.length && flat[i + 2] < types.length);
        if (types[flat[i + 2]] === "keyword") words.push(text.slice(flat[i], flat[i + 1]));
      }
      assert.ok(words.length > 10, path);
      // English keywords in TT 22/2020, Vietnamese ones (several words as one token) in QĐ 324/2023.
      assert.ok(words.includes(path.includes("citizen") ? "tiêu chí" : "criterion"), `${path}: ${words.slice(0, 8)}`);
      const outline = a.documentSymbols();
      const criteria = outline.flatMap((s) => [s, ...s.children]).filter((s) => s.kind === "criterion");
      assert.ok(criteria.length >= 3 && criteria.every((c) => c.children.some((i) => i.kind === "indicator")));
      keysIn("OutlineEntry", criteria[0]);
      for (const c of criteria) assert.equal(text.slice(c.nameFrom, c.nameTo), c.name);
      assert.equal(a.format(), undefined, `${path} is formatted`);
      a.free();
    }
    const messy = tt22.replace("  max 100 points", "max   100 points");
    assert.equal(analyze(messy).format(), tt22);
  });

  it("the types of the binding: precise, no any", () => {
    const cls = dts.match(/export class Analysis \{[\s\S]*?\n\}/)?.[0] ?? "";
    assert.ok(cls, "class Analysis declared");
    assert.doesNotMatch(cls, /\bany\b/);
    for (const sig of [
      "diagnostics(): EditorDiagnostic[];",
      "semanticTokens(): Uint32Array;",
      "hover(offset: number): HoverCard | null;",
      "completions(offset: number): CompletionItem[];",
      "definition(offset: number): SourceLocation | null;",
      "references(offset: number): SourceLocation[];",
      "format(): string | undefined;",
      "codeActions(start: number, end: number): QuickFix[];",
      "documentSymbols(): OutlineEntry[];",
      "rename(offset: number, name: string): RenameResult;",
    ]) {
      assert.ok(cls.includes(sig), sig);
    }
    assert.match(dts, /export function analyze\(source: string, files\?: object \| null\): Analysis;/);
    assert.match(dts, /export function tokenTypes\(\): TokenType\[\];/);
    assert.doesNotMatch(read("wasm/pkg/forms/tieuchi_wasm.d.ts"), /analyze|Analysis/);
  });
});
