// Browser tests of wasm/www (form and playground) in Debian's Chromium through playwright-core.
// Needs `apt-get install chromium` (CHROMIUM env overrides /usr/bin/chromium) and a built
// wasm/pkg. Screenshots go to wasm/test-output/ (git-ignored). No browser is downloaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { compileModel, read, check, vocabulary } from "./support.mjs";
import { serve } from "../www/serve.mjs";

const out = fileURLToPath(new URL("../test-output/", import.meta.url));
mkdirSync(out, { recursive: true });

let server, base, context, profile;
const external = [];
const pageErrors = [];

before(async () => {
  ({ server, url: base } = await serve(0));
  profile = mkdtempSync(join(tmpdir(), "tieuchi-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 414, height: 900 }, // a phone first
  });
  // The pages must never leave localhost.
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "localhost" || u.hostname === "127.0.0.1") return route.continue();
    external.push(u.href);
    return route.abort();
  });
});

after(async () => {
  await context?.close();
  await new Promise((r) => server?.close(r));
  if (profile) rmSync(profile, { recursive: true, force: true });
  assert.deepEqual(external, [], "requests outside localhost");
  assert.deepEqual(pageErrors, [], "uncaught page errors");
});

async function open(path) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
  // No draft of an earlier test (the form keeps one per model in local storage).
  await page.goto(new URL("index.html", base).href);
  await page.evaluate(() => localStorage.clear());
  await page.goto(new URL(path, base).href);
  return page;
}

/** The citizen's ten scores are labelled by the indicators' names (declared order). */
const citizenLabels = () =>
  compileModel("citizen/qd324-2023").evaluate({}).criteria.flatMap((c) => c.indicators).map((i) => `${i.id}. ${i.label}`);

/** Replaces the playground editor's text, as a paste would (the edit is kept on the device). */
async function setSource(page, text) {
  await page.evaluate((t) => globalThis.playgroundEditor.setText(t), text);
}

/** The diagnostics the editor shows (its lint state): [{ from, to, severity, text }]. */
async function underlined(page) {
  return page.evaluate(() => globalThis.playgroundEditor.shown());
}

/** Opens the playground with no kept edit (a failed test before may have left one). */
async function openPlayground() {
  const page = await open("playground.html");
  await page.waitForSelector("body[data-runs]");
  if (await page.evaluate(() => localStorage.length)) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector("body[data-runs]");
  }
  return page;
}

/** Closes a playground page, forgetting its kept edits (the next page opens the bundled text). */
async function closePlayground(page) {
  await page.evaluate(() => localStorage.clear());
  await page.close();
}

/** Sets the control labelled by a schema property to a value, as a person would. */
async function fill(page, schema, key, value) {
  const s = schema.properties[key];
  if (s["x-tieuchi-selector"]) return; // chosen by the page, not asked
  const control = page.getByLabel(s.title, { exact: true });
  if (typeof value === "boolean") await control.selectOption({ label: value ? "Có" : "Không" });
  else if (s.oneOf) await control.selectOption({ label: s.oneOf.find((o) => o.const === value).title });
  else await control.fill(String(value));
  // Left, as a person moves on: the value is committed (a change event).
  await control.blur();
}

test("unit TT 22/2020 form: tier changes as fields are filled, clearing a field undetermines", async () => {
  const schema = compileModel("unit/tt22-2020").schema();
  const page = await open("index.html?model=unit/tt22-2020");
  await page.waitForSelector("body[data-ready='unit/tt22-2020']");
  const status = page.locator("#status");
  const tier = page.locator("#tier");
  await assert.doesNotReject(status.waitFor());
  assert.equal(await status.textContent(), "Chưa xác định");
  assert.ok((await page.locator("#missing li").count()) > 5, "missing inputs listed");
  // Labels are bound to their inputs: every schema field is reachable by its Vietnamese title.
  for (const s of Object.values(schema.properties).filter((p) => !p["x-tieuchi-selector"])) {
    assert.equal(await page.getByLabel(s.title, { exact: true }).count(), 1, s.title);
  }

  const weak = JSON.parse(read("rules/unit/examples/ban-qlda-chua-dat.json"));
  const good = JSON.parse(read("rules/unit/examples/so-gddt-tot.json"));
  const seen = [];
  for (const [k, v] of Object.entries(weak)) {
    await fill(page, schema, k, v);
    seen.push(await tier.textContent());
  }
  assert.equal(await status.textContent(), "Chưa được công nhận");
  assert.equal(await tier.textContent(), "Chưa đạt");
  assert.equal(await page.locator("#missing").count(), 0);
  assert.ok((await page.locator("#to-reach li").count()) > 0, "to_reach shown");
  await page.screenshot({ path: `${out}form-unit-tt22-chua-dat.png`, fullPage: true });

  for (const [k, v] of Object.entries(good)) {
    await fill(page, schema, k, v);
    seen.push(await tier.textContent());
  }
  assert.equal(await status.textContent(), "Được công nhận");
  assert.equal(await tier.textContent(), "Tốt");
  assert.match(await page.locator("#total").textContent(), /^94,75 \/ 100$/);
  assert.ok(seen.indexOf("Chưa đạt") < seen.lastIndexOf("Tốt"), seen.join(" → "));
  // The indicators are shown with their reason.
  assert.match(await page.locator(".indicators").first().textContent(), /U1\.1/);
  await page.screenshot({ path: `${out}form-unit-tt22-tot.png`, fullPage: true });

  const members = page.getByLabel(schema.properties.members_total.title, { exact: true });
  await members.fill("");
  await members.blur();
  assert.equal(await status.textContent(), "Chưa xác định");
  assert.match(await page.locator("#missing").textContent(), /Tổng số thành viên/);
  await page.screenshot({ path: `${out}form-unit-tt22-chua-xac-dinh.png`, fullPage: true });

  // Keyboard: the model picker is reachable with Tab and has a visible focus outline.
  await page.reload();
  await page.waitForSelector("body[data-ready='unit/tt22-2020']");
  const order = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement.className || document.activeElement.textContent));
  }
  assert.deepEqual(order.slice(0, 2), ["skip", "Soạn thảo quy tắc"]);
  const focused = await page.evaluate(() => [document.activeElement.id, getComputedStyle(document.activeElement).outlineStyle]);
  assert.equal(focused[0], "model");
  assert.notEqual(focused[1], "none");
  await page.close();
});

test("every bundled model builds a form and answers", async () => {
  const page = await open("index.html");
  for (const id of ["unit/tt24-2023", "community/commune-tt25-2023", "citizen/qd324-2023", "family/qd448-2015", "clan/qd448-2015"]) {
    await page.selectOption("#model", id);
    await page.waitForSelector(`body[data-ready='${id}']`);
    assert.ok((await page.locator("#record-form .field").count()) > 2, id);
    assert.equal(await page.locator("#status").textContent(), "Chưa xác định", id);
  }
  // Lists of records are repeatable groups: add a family member.
  await page.selectOption("#model", "family/qd448-2015");
  await page.waitForSelector("body[data-ready='family/qd448-2015']");
  const before = await page.locator("#record-form li.item").count();
  await page.locator("#record-form button.add:visible").first().click();
  assert.equal(await page.locator("#record-form li.item").count(), before + 1);
  await page.screenshot({ path: `${out}form-family.png`, fullPage: true });
  await page.close();
});

test("citizen form: the ten scores are labelled one by one, fixed in number, and decide the status", async () => {
  const schema = compileModel("citizen/qd324-2023").schema();
  const page = await open("index.html?model=citizen/qd324-2023");
  await page.waitForSelector("body[data-ready='citizen/qd324-2023']");
  const scores = page.locator("#record-form fieldset.list");
  assert.equal(await scores.count(), 1);
  assert.equal(await scores.locator("legend").textContent(), `${schema.properties.indicator_scores.title} *`);
  // A list of exactly ten: neither added to nor shortened.
  assert.equal(await scores.locator("button.add:visible, button.remove:visible").count(), 0);
  await fill(page, schema, "full_name", "Nguyễn Thị Hoa");
  await fill(page, schema, "birth_year", 1985);
  await fill(page, schema, "group", "cu_dan");
  await fill(page, schema, "assessment_year", 2024);
  const labels = citizenLabels();
  for (let i = 1; i <= 10; i++) await scores.getByLabel(labels[i - 1], { exact: true }).fill("9");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent === "Được công nhận");
  // The third score below the floor of 5 points: 85 points in all, yet not recognised.
  await scores.getByLabel(labels[2], { exact: true }).fill("4");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent === "Chưa được công nhận");
  assert.match(await page.locator("#to-reach").textContent(), /Chưa đạt điểm tối thiểu ở:\s*CS3 .*\(thiếu 1 điểm\)/);
  await page.screenshot({ path: `${out}form-citizen.png`, fullPage: true });
  await page.close();
});

test("badges and status read the core's Vietnamese words; a failed floor is explained", async () => {
  const words = vocabulary();
  // The words the README and the Excel output use, defined once in the core.
  assert.equal(words.outcome.unmet.vi, "Chưa đạt");
  assert.equal(words.status.not_recognized.vi, "Chưa được công nhận");
  const schema = compileModel("citizen/qd324-2023").schema();
  const page = await open("index.html?model=citizen/qd324-2023");
  await page.waitForSelector("body[data-ready='citizen/qd324-2023']");
  await fill(page, schema, "full_name", "Nguyễn Thị Hoa");
  await fill(page, schema, "birth_year", 1985);
  await fill(page, schema, "group", "cu_dan");
  await fill(page, schema, "assessment_year", 2024);
  const scores = page.locator("#record-form fieldset.list");
  const labels = citizenLabels();
  for (let i = 1; i <= 10; i++) await scores.getByLabel(labels[i - 1], { exact: true }).fill(i === 2 ? "0" : "10");
  // 90 points, but CS2 (0 points) is unmet and below the floor of 5: not recognised.
  await page.waitForFunction(() => document.querySelector("#total")?.textContent.startsWith("90 "));
  assert.equal(await page.locator("#status").textContent(), words.status.not_recognized.vi);
  const badges = page.locator(".indicators .badge");
  assert.equal(await badges.count(), 10);
  assert.equal(await badges.nth(1).textContent(), words.outcome.unmet.vi);
  assert.equal(await badges.nth(0).textContent(), words.outcome.met.vi);
  assert.equal(await page.locator("#tier").textContent(), "—");
  assert.match(await page.locator("#floors-failed").textContent(), /CS2: được 0 điểm, cần ít nhất 5/);
  await page.screenshot({ path: `${out}form-citizen-floor.png`, fullPage: true });
  await page.close();
});

test("playground: a syntax error is shown at its line, tests run live", async () => {
  const page = await open("playground.html");
  await page.waitForSelector("body[data-runs]");
  assert.equal(await page.locator("#diag-summary").textContent(), "Không có lỗi.");
  assert.match(await page.locator("#tests-count").textContent(), /\((\d+)\/\1 đạt\)/);
  assert.match(await page.locator("#answer #tier").textContent(), /Tốt/);

  const good = read("rules/unit/tt22-2020.rules");
  const lines = good.split("\n");
  const at = lines.findIndex((l) => l.includes("has_learning_plan: bool"));
  lines.splice(at + 1, 0, "    broken field ((( ");
  const bad = lines.join("\n");
  const expected = check(bad).find((d) => d.severity === "error");
  assert.ok(expected, "the edited file has an error");
  const runs = Number(await page.getAttribute("body", "data-runs"));
  await setSource(page, bad);
  await page.waitForSelector(`body[data-runs='${runs + 1}']`);
  const first = page.locator("#diagnostics li.sev-error").first();
  assert.equal(await first.locator("button.pos").textContent(), `${expected.line}:${expected.column}`);
  assert.match(await first.textContent(), new RegExp(`lỗi ${expected.code}`));
  // The editor underlines the same place.
  assert.ok((await underlined(page)).some((d) => d.severity === "error" && d.from === expected.start), "underlined in the editor");
  assert.match(await page.locator("#tests").textContent(), /Sửa lỗi/);
  await page.screenshot({ path: `${out}playground-error.png`, fullPage: true });

  // Fixing it brings the tests back; a failing expectation shows as a failed test.
  await setSource(page, good.replace('expect tier "Tốt"', 'expect tier "Khá"'));
  await page.waitForSelector(`body[data-runs='${runs + 2}']`);
  assert.equal(await page.locator("#diag-summary").textContent(), "Không có lỗi.");
  if (good.includes('expect tier "Tốt"')) assert.ok((await page.locator("#tests li.fail").count()) > 0);
  await page.screenshot({ path: `${out}playground-tests.png`, fullPage: true });
  await closePlayground(page);
});

test("playground: the six mistakes of tests/check/six-mistakes.rules, one Vietnamese diagnostic each", async () => {
  // The same file as the native golden test (crates/cli/tests/golden.rs), read from its one copy.
  const text = read("tests/check/six-mistakes.rules");
  const want = [
    { code: "C019", line: 25, column: 51, severity: "warning", marked: "count(members)", vi: /^số chia có thể bằng 0/ },
    { code: "C004", line: 27, column: 52, severity: "error", marked: "40", vi: /^các chỉ tiêu của `U1` cộng lại được 30 điểm/ },
    { code: "C001", line: 31, column: 24, severity: "error", marked: "has_learning_plans", vi: /^không tìm thấy tên `has_learning_plans`/ },
    { code: "C021", line: 35, column: 24, severity: "warning", marked: "self_assessment >= 80", vi: /^điều kiện này không bao giờ đúng: giá trị được so sánh chỉ từ 0 đến 10/ },
    { code: "C021", line: 43, column: 24, severity: "warning", marked: "share(members, has_approved_plan) >= 90", vi: /^điều kiện này không bao giờ đúng: giá trị được so sánh chỉ từ 0 đến 1 / },
    { code: "C025", line: 56, column: 38, severity: "warning", marked: "85..<90", vi: /^không tổng điểm nào các chỉ tiêu có thể cho rơi vào mức xếp loại "Khá"/ },
  ];
  const page = await open("playground.html");
  await page.waitForSelector("body[data-runs]");
  const runs = Number(await page.getAttribute("body", "data-runs"));
  await setSource(page, text);
  await page.waitForSelector(`body[data-runs='${runs + 1}']`);
  assert.equal(await page.locator("#diag-count").textContent(), "(2 lỗi, 4 cảnh báo, 0 ghi chú)");
  assert.equal(await page.locator("#diag-summary").textContent(), "Có 2 lỗi.");
  const items = page.locator("#diagnostics li.diag");
  assert.equal(await items.count(), want.length);
  // The list shows errors first, then warnings, each by line: find each mistake by its place.
  for (const w of want) {
    const item = items.filter({ has: page.locator("button.pos", { hasText: new RegExp(`^${w.line}:${w.column}$`) }) });
    assert.equal(await item.count(), 1, `${w.code} at ${w.line}:${w.column}`);
    assert.equal(await item.getAttribute("class"), `sev-${w.severity} diag`);
    const shown = await item.textContent();
    const label = w.severity === "error" ? "lỗi" : "cảnh báo";
    assert.ok(shown.startsWith(`${w.line}:${w.column} ${label} ${w.code}: `), shown);
    // Vietnamese first (the English follows in parentheses), with its help line.
    const message = shown.slice(`${w.line}:${w.column} ${label} ${w.code}: `.length);
    assert.match(message, w.vi);
    assert.match(await item.locator(".hint").textContent(), /[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/);
    // The span is underlined in the editor with its severity, and the diagnostic's place
    // selects exactly the underlined text.
    const drawn = (await underlined(page)).filter((d) => d.text === w.marked && d.code === w.code);
    assert.equal(drawn.length, 1, `${w.code} underlined: ${w.marked}`);
    assert.equal(drawn[0].severity, w.severity);
    await item.locator("button.pos").click();
    assert.equal(await page.evaluate(() => globalThis.playgroundEditor.selected()), w.marked, `${w.code} span`);
  }
  // Nothing else is underlined.
  assert.equal((await underlined(page)).length, want.length);
  await page.screenshot({ path: `${out}playground-six-mistakes.png`, fullPage: true });
  await closePlayground(page);
});

test("playground: 10 000 hostile inputs through one page, then a good record is scored", async () => {
  const count = Number(process.env.TIEUCHI_HOSTILE ?? 10_000);
  const page = await open("playground.html");
  await page.waitForSelector("body[data-runs]");
  // tests/hostile.mjs as it is (self-contained), run inside the page with the page's engine.
  const hostile = readFileSync(new URL("./hostile.mjs", import.meta.url), "utf8");
  await page.addScriptTag({ type: "module", content: `${hostile}\nglobalThis.hostile = { hostileInputs, runHostile };` });
  await page.waitForFunction(() => globalThis.hostile && globalThis.tieuchiEngine);
  const result = await page.evaluate(async (count) => {
    const engine = globalThis.tieuchiEngine;
    const ids = ["unit/tt22-2020", "citizen/qd324-2023", "family/qd448-2015"];
    const texts = await Promise.all(ids.map((id) => fetch(`./rules/${id}.rules`).then((r) => r.text())));
    const ruleset = engine.compile(texts[0]);
    const seen = await globalThis.hostile.runHostile(engine, ruleset, globalThis.hostile.hostileInputs(count, 20261207, texts));
    const record = await fetch("./rules/unit/examples/so-gddt-tot.json").then((r) => r.text());
    const answer = engine.compile(texts[0]).evaluate(record);
    return { seen, traps: engine.traps, rebuilds: engine.rebuilds, status: answer.status, tier: answer.tier, total: answer.total };
  }, count);
  console.log(`# browser: ${JSON.stringify(result)}`);
  assert.equal(result.seen.ok + result.seen.errors + result.seen.crashed, count);
  assert.deepEqual([result.status, result.tier, result.total], ["recognized", "Tốt", 94.75]);

  // Through the page itself: a deep paste shows an error, the good text then answers again.
  const good = read("rules/unit/tt22-2020.rules");
  const deep = `model unit "Đơn vị" {\n  max 100 points\n  input {\n    a: ${"list of ".repeat(2500)}int "A"\n  }\n}\n`;
  let runs = Number(await page.getAttribute("body", "data-runs"));
  await setSource(page, deep);
  await page.waitForSelector(`body[data-runs='${runs + 1}']`);
  assert.match(await page.locator("#diag-summary").textContent(), /^Có \d+ lỗi\.$/);
  await page.screenshot({ path: `${out}playground-deep.png`, fullPage: true });
  runs = Number(await page.getAttribute("body", "data-runs"));
  await setSource(page, good);
  await page.waitForFunction((n) => Number(document.body.dataset.runs) > n, runs);
  await page.waitForSelector("#answer #tier");
  assert.equal(await page.locator("#diag-summary").textContent(), "Không có lỗi.");
  assert.match(await page.locator("#answer #tier").textContent(), /Tốt/);
  await closePlayground(page);
});

// The code editor (CodeMirror 6 on the language service, pkg/editor.js).

/** The UTF-16 offset just after `after` in the editor's text. */
async function offsetAfter(page, after) {
  return page.evaluate((a) => {
    const t = globalThis.playgroundEditor.text;
    const i = t.indexOf(a);
    return i < 0 ? -1 : i + a.length;
  }, after);
}

test("playground editor: a misspelt name typed is underlined at its exact span; the did-you-mean fix mends it", async () => {
  const page = await openPlayground();
  const good = read("rules/unit/tt22-2020.rules");
  const at = await offsetAfter(page, "award whole when has_learning_plan");
  assert.ok(at > 0);
  await page.evaluate((a) => globalThis.playgroundEditor.select(a), at);
  const analyses = Number(await page.getAttribute("body", "data-analyses"));
  await page.keyboard.type("n");
  await page.waitForFunction((n) => Number(document.body.dataset.analyses) > n, analyses);
  await page.keyboard.press("Escape"); // closes the completion list
  // Underlined: exactly the misspelt name, as the editor draws it.
  const mark = page.locator(".cm-lintRange-error", { hasText: /^has_learning_plann$/ });
  await mark.first().waitFor();
  assert.equal(await mark.count(), 1);
  const shown = (await underlined(page)).filter((d) => d.text === "has_learning_plann");
  assert.deepEqual(shown.map((d) => [d.code, d.severity]), [["C001", "error"]]);
  // Its message on hover, Vietnamese first, with the fix as an action.
  await mark.first().hover();
  const card = page.locator(".cm-tooltip-lint");
  await card.waitFor();
  assert.match(await card.textContent(), /không tìm thấy tên `has_learning_plann`/);
  await page.screenshot({ path: `${out}playground-editor-underline.png` });
  await card.locator(".cm-diagnosticAction", { hasText: "Sửa thành «has_learning_plan»" }).click();
  await page.waitForFunction((g) => globalThis.playgroundEditor.text === g, good);
  await page.waitForFunction(() => globalThis.playgroundEditor.shown().every((d) => d.severity !== "error"));
  await closePlayground(page);
});

test("playground editor: completing a field name, an indicator's hover card, the outline", async () => {
  const page = await openPlayground();
  const at = await offsetAfter(page, "award whole when has_learning_plan");
  // Delete the name and type its start: the completion offers it.
  await page.evaluate((a) => globalThis.playgroundEditor.select(a - "has_learning_plan".length, a), at);
  await page.keyboard.type("has_lea");
  const option = page.locator(".cm-tooltip-autocomplete li", { hasText: /^has_learning_plan/ });
  await option.first().waitFor();
  await page.screenshot({ path: `${out}playground-editor-completion.png` });
  await option.first().click();
  await page.waitForFunction((g) => globalThis.playgroundEditor.text === g, read("rules/unit/tt22-2020.rules"));

  // Hovering an indicator's name shows its card: points, the condition in words, the citation.
  const name = page.locator("#editor .tc-indicator", { hasText: /^U1\.1$/ }).first();
  await name.scrollIntoViewIfNeeded();
  await name.hover();
  const card = page.locator(".tc-hover");
  await card.waitFor();
  const text = await card.textContent();
  assert.match(text, /U1\.1 — chỉ tiêu \(indicator\)/);
  assert.match(text, /tối đa \(up to\) 10 điểm/);
  assert.match(text, /Đạt 10 điểm khi đơn vị có chủ trương, kế hoạch/);
  assert.match(text, /Nguồn \(source\): Thông tư 22\/2020\/TT-BGDĐT/);
  await page.screenshot({ path: `${out}playground-editor-hover.png` });

  // The outline: criteria, then their indicators; a click moves the caret to the name.
  const entries = await page.locator("#outline > li > button.sym").allTextContents();
  assert.deepEqual(entries.map((e) => e.match(/U\d/)?.[0]), ["U1", "U2", "U3"]);
  await page.locator("#outline button.sym", { hasText: "U3.2" }).click();
  assert.equal(await page.evaluate(() => globalThis.playgroundEditor.selected()), "U3.2");

  // F12 goes to a field's declaration; F2 renames it everywhere.
  const use = await offsetAfter(page, "award whole when has_learning_pl");
  await page.evaluate((a) => globalThis.playgroundEditor.select(a), use);
  await page.keyboard.press("F12");
  const declared = await page.evaluate(() => {
    const e = globalThis.playgroundEditor;
    const { from } = e.view.state.selection.main;
    return [e.selected(), e.text.slice(from, from + 24)];
  });
  assert.deepEqual(declared, ["has_learning_plan", "has_learning_plan: bool "]);
  page.once("dialog", (d) => d.accept("co_ke_hoach"));
  await page.keyboard.press("F2");
  await page.waitForFunction(() => !globalThis.playgroundEditor.text.includes("has_learning_plan"));
  const renamed = await page.evaluate(() => globalThis.playgroundEditor.text);
  assert.equal(renamed, read("rules/unit/tt22-2020.rules").replaceAll("has_learning_plan", "co_ke_hoach"));
  await closePlayground(page);
});

test("playground editor: format; an edit survives a reload; a shared link opens the file", async () => {
  const page = await openPlayground();
  const good = read("rules/unit/tt22-2020.rules");
  await setSource(page, good.replace("  max 100 points", "max    100 points"));
  await page.getByRole("button", { name: "Định dạng (format)" }).click();
  await page.waitForFunction((g) => globalThis.playgroundEditor.text === g, good);
  assert.match(await page.locator("#file-status").textContent(), /^Đã định dạng/);

  // Another file, edited by typing: kept on this device across a reload.
  await page.selectOption("#file", "family/qd448-2015");
  await page.waitForFunction(() => globalThis.playgroundEditor.text.includes("Gia đình học tập"));
  await page.evaluate(() => globalThis.playgroundEditor.select(0));
  await page.keyboard.type("# Sửa thử: ghi chú của người soạn\n");
  await page.waitForTimeout(300);
  const edited = await page.evaluate(() => globalThis.playgroundEditor.text);
  assert.ok(edited.startsWith("# Sửa thử: ghi chú của người soạn\n"));
  await page.reload();
  await page.waitForSelector("body[data-runs]");
  await page.selectOption("#file", "family/qd448-2015");
  await page.waitForFunction((e) => globalThis.playgroundEditor.text === e, edited);
  assert.match(await page.locator("#file-status").textContent(), /^Bản đã sửa, lưu trên máy này/);

  // Shared: the file goes in the link's fragment; a new page opening it shows the file.
  await page.getByRole("button", { name: "Chia sẻ (share)" }).click();
  await page.waitForFunction(() => document.querySelector("#share-link").value.includes("z="));
  const link = await page.locator("#share-link").inputValue();
  assert.match(link, /playground\.html#tep=family%2Fqd448-2015&z=[\w-]+$/);
  const other = await open(link.replace(/^https?:\/\/[^/]+\//, ""));
  await other.waitForSelector("body[data-runs]");
  await other.waitForFunction((e) => globalThis.playgroundEditor?.text === e, edited);
  assert.equal(await other.locator("#file").inputValue(), "family/qd448-2015");
  assert.match(await other.locator("#file-status").textContent(), /^Tệp mở từ liên kết chia sẻ/);
  await other.close();

  // Back to the bundled text.
  await page.getByRole("button", { name: "Về bản gốc (bundled text)" }).click();
  await page.waitForFunction((g) => globalThis.playgroundEditor.text === g, read("rules/family/qd448-2015.rules"));
  assert.equal(await page.evaluate(() => localStorage.getItem("tieuchi.playground.family/qd448-2015")), null);
  await closePlayground(page);
});
