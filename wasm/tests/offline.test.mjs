// Offline after the first visit (issue 15): the form page registers its service worker
// (www/sw.js), a second visit is served by it, and with the server gone and the browser
// offline the page still loads, its engine compiles the rules it saw and scores a record as
// the package does in Node. A file changed on the server makes the page offer a reload.
// Also: the server sends validators (a repeat request is a 304) and compresses. Debian's Chromium through playwright-core, a 360 × 740 phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { compileModel, read } from "./support.mjs";
import { serve } from "../www/serve.mjs";

test("the form works offline after the first visit", async () => {
  const { server, url: base } = await serve(0);
  const profile = mkdtempSync(join(tmpdir(), "tieuchi-offline-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    viewport: { width: 360, height: 740 },
  });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(base);
    // The worker installs (the form's files cached) and takes the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(() => globalThis.tieuchiEngine);
    // What the first visits fetched, the rules the form showed included, is now cached.
    const cached = await page.evaluate(async () => (await caches.keys()).length);
    assert.ok(cached >= 1, "a cache");

    // Offline: the server stops and the browser has no network.
    await new Promise((r) => server.close(r));
    server.closeAllConnections?.();
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => globalThis.tieuchiEngine, null, { timeout: 20000 });
    assert.match(await page.locator("h1").innerText(), /Tự đánh giá/);
    const record = read("rules/unit/examples/so-gddt-tot.json");
    const offline = await page.evaluate(async (text) => {
      const source = await (await fetch("./rules/unit/tt22-2020.rules")).text();
      return globalThis.tieuchiEngine.compile(source).evaluateJson(text);
    }, record);
    assert.equal(offline, compileModel("unit/tt22-2020").evaluateJson(record), "offline, the same answer as in Node");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.close();
  }
});

test("a file changed on the server: the page is told and offers a reload", async () => {
  const { server, url: base } = await serve(0);
  const profile = mkdtempSync(join(tmpdir(), "tieuchi-offline-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    viewport: { width: 360, height: 740 },
  });
  const style = fileURLToPath(new URL("../www/style.css", import.meta.url));
  const before = statSync(style).mtime;
  try {
    const page = await context.newPage();
    await page.goto(base);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(() => globalThis.tieuchiEngine);
    assert.equal(await page.locator("#updated").count(), 0, "nothing changed yet");
    // The stylesheet changes on the server (a new modification time, so a new ETag).
    const later = new Date(Date.now() + 60000);
    utimesSync(style, later, later);
    await page.reload();
    await page.locator("#updated button").waitFor({ timeout: 20000 });
    assert.match(await page.locator("#updated").innerText(), /Tải lại để dùng bản mới/);
  } finally {
    utimesSync(style, before, before);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.close();
  }
});

test("a repeat request is a 304, and text and WebAssembly go compressed", async () => {
  const { server, url } = await serve(0);
  try {
    for (const path of ["", "form.js", "pkg/forms/tieuchi_wasm_bg.wasm", "rules/unit/tt22-2020.rules"]) {
      const first = await fetch(`${url}${path}`, { headers: { "accept-encoding": "br, gzip" } });
      assert.equal(first.status, 200, path);
      assert.equal(first.headers.get("content-encoding"), "br", path);
      assert.ok(first.headers.get("etag"), path);
      await first.arrayBuffer();
      const again = await fetch(`${url}${path}`, { headers: { "if-none-match": first.headers.get("etag") } });
      assert.equal(again.status, 304, path);
      const gzip = await fetch(`${url}${path}`, { headers: { "accept-encoding": "gzip" } });
      assert.equal(gzip.headers.get("content-encoding"), "gzip", path);
      await gzip.arrayBuffer();
    }
  } finally {
    server.close();
  }
});
