// The document for sign-off (`tieuchi doc`) in Debian's Chromium through playwright-core:
// printed to PDF on A4 and its first page taken as a screenshot (wasm/test-output/, and
// docs/doc-first-page.png for the README with UPDATE_DOCS=1). The page is opened from a file
// and must fetch nothing. TIEUCHI names the binary; by default `cargo run -q -p tieuchi --`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = fileURLToPath(new URL("../test-output/", import.meta.url));
mkdirSync(out, { recursive: true });

function tieuchi(args) {
  const [cmd, ...pre] = process.env.TIEUCHI
    ? [process.env.TIEUCHI]
    : ["cargo", "run", "-q", "-p", "tieuchi", "--"];
  return execFileSync(cmd, [...pre, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
}

let browser, profile;
const external = [];

before(async () => {
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
