// The form on a cheap phone (issue 15), measured in Debian's Chromium: a 360 × 740 screen,
// the CPU slowed 4× and DevTools' "Slow 4G" network (562.5 ms latency, 1.47 Mbit/s down,
// 675 kbit/s up), pages served by www/serve.mjs (compressed, with validators).
//
//   node wasm/bench/phone.mjs [--runs N] [--keys N]     (after bash wasm/build.sh)
//
// Prints, median over N runs (default 3):
//   - first visit (an empty browser profile): from navigation to the form ready (the engine
//     loaded, the bundled rules compiled, the form's inputs drawn and an answer shown in the
//     result bar);
//   - repeat visit (the same profile: the service worker and the HTTP cache);
//   - offline reload (the browser offline, the server still up);
//   - a keystroke on the family form to the next painted frame: p50 and p90 over N keys
//     (default 40), typed one by one into a number input, by the browser's Event Timing; and
//     the same keys on a page with one input only, the browser's own cost on this profile.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../www/serve.mjs";

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = arg("--runs", 3);
const keys = arg("--keys", 40);

const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1000) / 8, uploadThroughput: (675 * 1000) / 8 };

/** The page is ready: engine loaded, inputs drawn, an answer shown (the result bar's status). */
const READY = () =>
  Boolean(globalThis.tieuchiEngine) &&
  document.querySelectorAll("#record-form input, #record-form select").length > 0 &&
  (document.querySelector("#bar-status")?.textContent ?? "").trim().length > 0;

async function phone(profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  return { context, page, cdp };
}

/** Milliseconds from the navigation's start to READY. */
async function load(page, url) {
  await page.goto(url, { waitUntil: "commit", timeout: 120000 });
  await page.waitForFunction(READY, null, { timeout: 120000, polling: 20 });
  return page.evaluate(() => performance.now());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const { server, url } = await serve(0);
// A deployed server sends its files compressed ahead of time at brotli's best quality;
// serve.mjs makes that copy in the background on the first request: ask once and wait for it.
for (const file of ["pkg/forms/tieuchi_wasm_bg.wasm", "pkg/tieuchi_wasm_bg.wasm"]) {
  await (await fetch(`${url}${file}`, { headers: { "accept-encoding": "br" } })).arrayBuffer();
}
await new Promise((resolve) => setTimeout(resolve, 8000));
const first = [];
const repeat = [];
const offline = [];
let strokes = [];
let bare = [];
try {
  for (let r = 0; r < runs; r++) {
    const profile = mkdtempSync(join(tmpdir(), "tieuchi-phone-"));
    const { context, page, cdp } = await phone(profile);
    try {
      first.push(await load(page, url));
      // Let the service worker finish installing before the second visit.
      await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true));
      repeat.push(await load(page, url));
      await cdp.send("Network.emulateNetworkConditions", { ...SLOW_4G, offline: true });
      await context.setOffline(true);
      offline.push(await load(page, url));
      await context.setOffline(false);
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      if (r === 0) {
        strokes = await typing(page, `${url}?model=family/qd448-2015`);
        bare = await floor(page);
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  server.close();
}

/** Types `keys` digits one by one into a number input, `keys` times; ms per keystroke, from
 *  the browser's Event Timing (what Interaction to Next Paint is made of): for each key, the
 *  longest of its events from the key to the next frame painted after their handlers. Keys the
 *  browser does not report took under 16 ms (the API's smallest threshold): counted as 16. */
async function keystrokes(page, input) {
  await input.scrollIntoViewIfNeeded();
  await input.click();
  await page.evaluate(() => {
    globalThis.__keys = new Map();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.interactionId) __keys.set(e.interactionId, Math.max(__keys.get(e.interactionId) ?? 0, e.duration));
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
  });
  const before = await page.evaluate(() => __keys.size);
  for (let i = 0; i < keys; i++) {
    await page.keyboard.type(String(i % 10), { delay: 20 });
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(600);
  const reported = await page.evaluate((from) => [...__keys.values()].slice(from), before);
  return [...reported, ...Array(Math.max(0, keys - reported.length)).fill(16)];
}

/** The family form: keystrokes into its first number input (the assessment year). */
async function typing(page, at) {
  await load(page, at);
  return keystrokes(page, page.locator("#record-form input[type=number]").first());
}

/** The same keystrokes on a page holding only a number input: what the browser itself costs
 *  on this profile, for scale. */
async function floor(page) {
  await page.setContent('<!doctype html><meta name="viewport" content="width=device-width"><input type="number">');
  return keystrokes(page, page.locator("input"));
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`Phone profile: 360 × 740, CPU 4× slower, Slow 4G (562.5 ms, 1.47 Mbit/s); median of ${runs} runs`);
console.log("");
console.log("| measure | figure | issue 15 asks |");
console.log("|---|---:|---:|");
console.log(`| first visit, to the form ready | ${s(median(first))} | ≤ 3 s |`);
console.log(`| repeat visit | ${s(median(repeat))} | ≤ 1 s |`);
console.log(`| offline reload | ${s(median(offline))} | works |`);
console.log(`| keystroke to next frame, family form, p50 (${strokes.length} keys) | ${pct(strokes, 0.5).toFixed(0)} ms | ≤ 16 ms |`);
console.log(`| keystroke to next frame, family form, p90 | ${pct(strokes, 0.9).toFixed(0)} ms | ≤ 50 ms |`);
console.log(`| the same keys on a page with one input only, p50 / p90 | ${pct(bare, 0.5).toFixed(0)} / ${pct(bare, 0.9).toFixed(0)} ms | (the browser's own cost) |`);
