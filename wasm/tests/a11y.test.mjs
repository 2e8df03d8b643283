// Accessibility (issue 15): axe-core finds no violation on the form page and the playground,
// empty and filled, on a 360 px phone screen. axe-core comes from npm (wasm/package.json);
// Debian's Chromium through playwright-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../www/serve.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let server, base, context, profile;

before(async () => {
  ({ server, url: base } = await serve(0));
  profile = mkdtempSync(join(tmpdir(), "tieuchi-a11y-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    viewport: { width: 360, height: 740 },
  });
});

after(async () => {
  await context?.close();
  await new Promise((r) => server?.close(r));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** axe-core's violations on the page as it is now, one line each. */
async function violations(page) {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
  });
  return found;
}

async function ready(page) {
  await page.waitForFunction(() => globalThis.tieuchiEngine && (document.querySelector("#result")?.textContent ?? "").trim().length > 0);
}

test("the form page, empty and filled with an example", async () => {
  const page = await context.newPage();
  await page.goto(`${base}?model=family/qd448-2015`);
  await ready(page);
  assert.deepEqual(await violations(page), [], "empty family form");
  const example = page.getByRole("button", { name: /ví dụ/i }).first();
  if (await example.count()) {
    await example.click();
    await page.waitForTimeout(500);
  } else {
    // Without an example button: answer the first questions by hand.
    for (const input of await page.locator("#record-form input[type=number]").all()) await input.fill("2024");
  }
  assert.deepEqual(await violations(page), [], "filled family form");
  await page.close();
});

test("the playground, empty and with a file", async () => {
  const page = await context.newPage();
  await page.goto(`${base}playground.html`);
  await page.waitForFunction(() => globalThis.tieuchiEngine && globalThis.playgroundEditor?.text.length > 0);
  await page.waitForTimeout(600);
  assert.deepEqual(await violations(page), [], "playground with a bundled file");
  // Nothing is wider than the phone's screen (the editor scrolls inside itself).
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  // A hover card, the completion list and a diagnostic with its quick fix are open.
  await page.evaluate(() => {
    const e = globalThis.playgroundEditor;
    const at = e.text.indexOf("award whole when has_learning_plan") + "award whole when has_learning_plan".length;
    e.view.dispatch({ changes: { from: at, insert: "n" } });
    e.refresh();
    e.select(at);
  });
  await page.waitForSelector(".cm-lintRange-error");
  await page.locator(".cm-lintRange-error").first().hover();
  await page.waitForSelector(".cm-tooltip-lint");
  assert.deepEqual(await violations(page), [], "playground with a diagnostic's card");
  await page.locator("#share").click();
  await page.waitForSelector("#share-field:not([hidden])");
  await page.evaluate(() => globalThis.playgroundEditor.setText(""));
  await page.waitForTimeout(600);
  assert.deepEqual(await violations(page), [], "empty playground");
  await page.evaluate(() => localStorage.clear()); // the next page opens the bundled text
  await page.close();
});

test("the playground draws Vietnamese with its own monospace font", async () => {
  const page = await context.newPage();
  await page.goto(`${base}playground.html`);
  await page.waitForFunction(() => globalThis.playgroundEditor?.text.length > 0);
  const font = await page.evaluate(async () => {
    await document.fonts.load('16px "Noto Sans Mono"', "ễặ");
    return {
      family: getComputedStyle(document.querySelector("#editor .cm-content")).fontFamily,
      loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Noto Sans Mono" && f.status === "loaded").length,
    };
  });
  assert.match(font.family, /^"Noto Sans Mono"/);
  assert.ok(font.loaded >= 1, "the bundled font loaded (pkg/fonts/, copied by build.sh)");
  await page.close();
});
