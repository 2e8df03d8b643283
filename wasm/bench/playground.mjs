// Keystroke to updated diagnostics in the rule playground (wasm/www/playground.html, CodeMirror 6
// on the language service), in Debian's Chromium through playwright-core, desktop profile
// (1280 × 800), on the family rules (rules/family/qd448-2015.rules, 47 KB):
//   node wasm/bench/playground.mjs [KEYSTROKES]        (after bash wasm/build.sh; default 300)
// Each keystroke alternately misspells a name in an indicator's condition (one more letter: an
// error C001 appears) and mends it (Backspace), typed about 12 keys a second. Measured from
// the key's event time to the animation frame after the editor shows the new diagnostics.
// Prints p50, p90 and the worst, in milliseconds, and the bundle's sizes.
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../www/serve.mjs";

const count = Number(process.argv[2] ?? 300);
const pkg = new URL("../pkg/", import.meta.url);
const gz = (f) => gzipSync(readFileSync(new URL(f, pkg)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const { server, url } = await serve(0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(`${url}playground.html`);
  await page.waitForSelector("body[data-runs]");
  await page.selectOption("#file", "family/qd448-2015");
  await page.waitForFunction(() => globalThis.playgroundEditor?.text.includes("Gia đình học tập"));
  await page.waitForTimeout(500);
  // The caret after a name used in a condition, about the middle of the file.
  const name = await page.evaluate(() => {
    const text = globalThis.playgroundEditor.text;
    const m = [...text.matchAll(/award whole when ([a-z_]+)/g)];
    const pick = m[Math.floor(m.length / 2)];
    globalThis.playgroundEditor.select(pick.index + pick[0].length);
    return pick[1];
  });
  await page.evaluate(() => {
    globalThis.latencies = [];
    let t0 = 0;
    document.addEventListener("keydown", (e) => (t0 = e.timeStamp), true);
    new MutationObserver(() => {
      if (!t0) return;
      const start = t0;
      t0 = 0;
      requestAnimationFrame(() => globalThis.latencies.push(performance.now() - start));
    }).observe(document.body, { attributes: true, attributeFilter: ["data-analyses"] });
  });
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(i % 2 === 0 ? "KeyQ" : "Backspace");
    await page.waitForFunction((n) => globalThis.latencies.length > n, i);
    if (i === 0) {
      const errors = await page.evaluate(() => globalThis.playgroundEditor.shown().filter((d) => d.severity === "error").map((d) => d.text));
      if (!errors.includes(`${name}q`)) throw new Error(`no error underlined after the keystroke: ${errors}`);
    }
    await page.waitForTimeout(80);
  }
  const ms = (await page.evaluate(() => globalThis.latencies)).sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  console.log(`playground, family rules (${name}), ${ms.length} keystrokes, Chromium ${browser.version()}, desktop 1280×800`);
  console.log(`keystroke → diagnostics shown: p50 ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, worst ${ms[ms.length - 1].toFixed(1)} ms`);
  const editor = statSync(new URL("editor.js", pkg)).size;
  console.log(`pkg/editor.js (CodeMirror 6 + wasm/editor/editor.js): ${kb(editor)}, gzipped ${kb(gz("editor.js"))}`);
  console.log(`pkg/tieuchi_wasm_bg.wasm (authors'): gzipped ${kb(gz("tieuchi_wasm_bg.wasm"))}; pkg/forms/: gzipped ${kb(gz("forms/tieuchi_wasm_bg.wasm"))}`);
} finally {
  await browser.close();
  server.close();
}
