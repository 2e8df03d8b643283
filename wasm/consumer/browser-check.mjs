// The Vite build of this project in Chromium: the README's form example (src/main.js) filled
// with a record's values shows the engine's status, points and missing count, and the Web
// Worker scores the same record to the command line's answer byte for byte.
//
//   node browser-check.mjs DIST RECORD EXPECTED_ANSWER_JSON
// PLAYWRIGHT_CORE: path of playwright-core's index.mjs; CHROMIUM: the browser (/usr/bin/chromium).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

const [dist, recordPath, expectedPath] = process.argv.slice(2);
const { chromium } = await import(process.env.PLAYWRIGHT_CORE);
const record = JSON.parse(readFileSync(recordPath, "utf8"));
const expectedText = readFileSync(expectedPath, "utf8");
const expected = JSON.parse(expectedText);

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".rules": "text/plain" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  try {
    const file = join(dist, path.endsWith("/") ? `${path}index.html` : path);
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${base}?record=${encodeURIComponent(JSON.stringify(record))}`);

  const fromWorker = await page.waitForFunction(() => document.querySelector("#worker").textContent, null, { timeout: 20000 });
  const workerAnswer = await fromWorker.jsonValue();
  assert.equal(`${JSON.stringify(JSON.parse(workerAnswer), null, 2)}\n`, expectedText, "the worker's answer differs from tieuchi eval");

  for (const [name, value] of Object.entries(record)) await page.fill(`input[name="${name}"]`, String(value));
  const want = `${expected.status} · ${expected.total}/${expected.max} điểm · còn thiếu ${expected.missing.length} thông tin`;
  await page.waitForFunction((w) => document.querySelector("output").textContent === w, want, { timeout: 20000 });
  assert.deepEqual(problems, [], "no error on the page");
  console.log(`browser: the README's form shows «${want}»; the Web Worker gives tieuchi eval's answer`);
} finally {
  await browser.close();
  server.close();
}
