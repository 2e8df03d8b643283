// The document for sign-off (`tieuchi doc`) in Debian's Chromium through playwright-core:
// printed to PDF on A4 and its first page taken as a screenshot (wasm/test-output/, and
// docs/doc-first-page.png for the README with UPDATE_DOCS=1). The page is opened from a file
// and must fetch nothing. The playground's document tab shows the same page (the authors'
// module's `documentHtml`, byte for byte the command's) and follows the rule text as it is
// edited. TIEUCHI names the binary; by default `cargo run -q -p tieuchi --`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { documentHtml, read } from "./support.mjs";
import { serve } from "../www/serve.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = fileURLToPath(new URL("../test-output/", import.meta.url));
mkdirSync(out, { recursive: true });

function tieuchi(args) {
  const [cmd, ...pre] = process.env.TIEUCHI
    ? [process.env.TIEUCHI]
    : ["cargo", "run", "-q", "-p", "tieuchi", "--"];
  return execFileSync(cmd, [...pre, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
}

let browser, profile, server, base;
const external = [];

before(async () => {
  ({ server, url: base } = await serve(0));
  profile = mkdtempSync(join(tmpdir(), "tieuchi-doc-"));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (profile) rmSync(profile, { recursive: true, force: true });
  assert.deepEqual(external, [], "requests outside the file");
});

test("the document of TT 22/2020 prints to PDF on A4 and reads in a screenshot", async () => {
  const html = join(profile, "tt22-2020.html");
  tieuchi(["doc", "rules/unit/tt22-2020.rules", "-o", html]);
  // A4 at 96 dpi: 794 × 1123 CSS pixels.
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
  await page.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === "file:") return route.continue();
    external.push(u.href);
    return route.abort();
  });
  await page.goto(pathToFileURL(html).href);
  await page.emulateMedia({ media: "print" });

  // What a council reads: the title, every indicator's condition, the provisional marks.
  const title = await page.locator("h1").innerText();
  assert.match(title, /Tiêu chí đánh giá, công nhận «Đơn vị học tập»/);
  const rows = await page.locator("tbody tr").count();
  assert.ok(rows >= 10, `${rows} rows`);
  const marks = await page.locator(".prov").count();
  assert.ok(marks >= 5, `${marks} provisional marks`);
  const u21 = await page.locator("tr", { hasText: "U2.1" }).first().innerText();
  assert.match(u21, /Điểm theo tỷ lệ thành viên có kế hoạch tự học/);
  assert.match(u21, /TẠM THỜI/);
  // Nothing wider than the A4 page.
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `wider than the page by ${overflow}px`);

  const pdf = join(out, "doc-tt22-2020.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
  const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  assert.ok(pages >= 2 && pages <= 8, `${pages} pages`);
  // A4 is 595 × 842 points.
  const box = bytes.toString("latin1").match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box, "no page size");
  assert.ok(Math.abs(Number(box[1]) - 595) < 1 && Math.abs(Number(box[2]) - 842) < 1, box[0]);

  // The first printed page, as the screenshot of the page in print media at A4 size, with
  // the page margins the PDF has.
  await page.addStyleTag({ content: "body{padding:14mm 12mm !important}" });
  const shot = join(out, "doc-first-page.png");
  await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 794, height: 1123 } });
  assert.ok(readFileSync(shot).length > 20_000, "an empty screenshot");
  if (process.env.UPDATE_DOCS) copyFileSync(shot, join(root, "docs", "doc-first-page.png"));
  await page.close();
});

test("the authors' module writes the command's document, byte for byte", () => {
  const tt22 = read("rules/unit/tt22-2020.rules");
  for (const [rules, files] of [
    ["unit/tt22-2020", {}],
    ["unit/ha-noi-kh103-2021", { "tt22-2020.rules": tt22 }],
    ["community/commune-tt25-2023", {}],
    ["clan/qd448-2015", { "../family/qd448-2015.rules": read("rules/family/qd448-2015.rules") }],
  ]) {
    const cli = tieuchi(["doc", `rules/${rules}.rules`, "-o", "-"]).toString("utf8");
    const name = `${rules.split("/").pop()}.rules`;
    assert.equal(documentHtml(read(`rules/${rules}.rules`), files, name), cli, rules);
  }
});

/** Replaces the playground editor's text, as a paste would (the edit is kept on the device). */
async function setSource(page, text) {
  await page.evaluate((t) => globalThis.playgroundEditor.setText(t), text);
}

test("playground: the document tab shows the document and follows the edits", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.protocol === "about:") return route.continue();
    external.push(u.href);
    return route.abort();
  });
  await page.goto(new URL("playground.html", base).href);
  await page.waitForSelector("body[data-runs]");
  // The tests and the sample record are the first tab; the document is made when its tab opens.
  assert.equal(await page.locator("#doc-panel").isHidden(), true);
  assert.equal(await page.getAttribute("body", "data-docs"), null);
  await page.getByRole("tab", { name: "Văn bản để thông qua" }).click();
  await page.waitForSelector("body[data-docs='1']");
  assert.equal(await page.locator("#tests-panel").isHidden(), true);
  assert.equal(await page.getAttribute("#tab-doc", "aria-selected"), "true");

  const frame = page.frameLocator("#doc-frame");
  assert.match(await frame.locator("h1").innerText(), /Tiêu chí đánh giá, công nhận «Đơn vị học tập»/);
  const row = frame.locator("tr", { hasText: "U1.1" }).first();
  assert.match(await row.innerText(), /Đạt 10 điểm khi đơn vị có chủ trương, kế hoạch/);
  assert.match(await row.locator("td").nth(1).innerText(), /^10 điểm$/);
  // What the frame may do: nothing but show (no script), and print.
  assert.equal(await page.getAttribute("#doc-frame", "sandbox"), "allow-same-origin allow-modals");
  assert.equal(await page.locator("#doc-print").isVisible(), true);

  // Points moved from U1.2 to U1.1 (the criterion still adds up): the document follows.
  const good = read("rules/unit/tt22-2020.rules");
  const moved = good.replace(/(indicator U1\.1 "[^"]*") 10 points/, "$1 12 points")
    .replace(/(indicator U1\.2 "[^"]*") 10 points/, "$1 8 points");
  await setSource(page, moved);
  await page.waitForSelector("body[data-docs='2']");
  assert.match(await row.innerText(), /Đạt 12 điểm khi đơn vị có chủ trương, kế hoạch/);
  assert.match(await row.locator("td").nth(1).innerText(), /^12 điểm$/);
  assert.match(await frame.locator("tr", { hasText: "U1.2" }).first().innerText(), /8 điểm/);
  await page.screenshot({ path: join(out, "playground-document.png"), fullPage: true });

  // A file with an error keeps the last document and says so; fixing it updates it again.
  let runs = Number(await page.getAttribute("body", "data-runs"));
  await setSource(page, moved.replace("max 100 points", "max 100 pointz"));
  await page.waitForSelector(`body[data-runs='${runs + 1}']`);
  assert.match(await page.locator("#doc-status").innerText(), /lần sửa gần nhất không có lỗi/);
  assert.match(await row.innerText(), /12 điểm/);
  await setSource(page, good);
  await page.waitForSelector("body[data-docs='3']");
  assert.match(await row.innerText(), /Đạt 10 điểm/);

  // Back to the tests: the sample record's answer is still there.
  await page.getByRole("tab", { name: "Kiểm thử và hồ sơ mẫu" }).click();
  assert.equal(await page.locator("#doc-panel").isHidden(), true);
  assert.match(await page.locator("#answer #tier").textContent(), /Tốt/);
  assert.deepEqual(errors, []);
  await page.close();
});
