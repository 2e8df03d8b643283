// Browser tests of the form on a phone (issue 15): every bundled example record loaded into the
// form shows the command line's answer; a list answered «Không có»; the result bar; errors only
// after a field is touched; drafts; level-based models; the citizen's named indicators.
// Debian's Chromium through playwright-core, as tests/browser.test.mjs; screenshots go to
// wasm/test-output/. The engine's answers come from `tieuchi eval … --format json` (native;
// TIEUCHI=path/to/tieuchi, else `cargo run -q -p tieuchi --`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { compileModel, read, root, vocabulary } from "./support.mjs";
import { serve } from "../www/serve.mjs";

const out = fileURLToPath(new URL("../test-output/", import.meta.url));
mkdirSync(out, { recursive: true });
const JOBS = process.env.CARGO_BUILD_JOBS ?? "2";
const PHONE = { width: 360, height: 740 };
const words = vocabulary();

let server, base, context, profile;
const external = [];
const pageErrors = [];

before(async () => {
  ({ server, url: base } = await serve(0));
  profile = mkdtempSync(join(tmpdir(), "tieuchi-forms-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: PHONE,
    acceptDownloads: true,
  });
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

/** A page of the form with no draft kept from an earlier test. */
async function open(path) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(new URL("index.html", base).href);
  await page.evaluate(() => localStorage.clear());
  await page.goto(new URL(path, base).href);
  return page;
}

/** `tieuchi eval DIR FILE --format json` natively: { file, answer } — the rule file the
 *  command chose for the record, and its answer. */
function nativeEval(dir, file) {
  // As tests/doc.test.mjs: TIEUCHI names the binary; by default `cargo run -q -p tieuchi --`.
  const [cmd, ...pre] = process.env.TIEUCHI ? [process.env.TIEUCHI] : ["cargo", "run", "-q", "-j", JOBS, "-p", "tieuchi", "--"];
  const run = spawnSync(cmd, [...pre, "eval", dir, file, "--format", "json"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 2 ** 28,
  });
  if (run.error) throw run.error;
  // A directory: the command says which version it chose.
  const chosen = /Đã chọn (rules\/\S+)\.rules/.exec(run.stderr);
  assert.ok(chosen || dir.endsWith(".rules"), `${file}: no version chosen: ${run.stderr}`);
  return { id: chosen?.[1].slice("rules/".length), answer: JSON.parse(run.stdout) };
}

const vi = (x) => x.toLocaleString("vi-VN");
const statusVi = (s) => words.status[s].vi;

/** What the form must show for an answer: the same texts, computed from the native answer. */
function expected(a) {
  const inds = a.criteria.flatMap((c) => c.indicators);
  const levels = a.max === 0 && inds.some((i) => typeof i.level === "number");
  return {
    status: statusVi(a.status),
    tier: a.tier ?? "—",
    total: levels ? null : `${vi(a.total)} / ${vi(a.max)}`,
    level1: levels ? `đạt ${inds.filter((i) => i.status !== "unknown" && i.level >= 1).length} / ${inds.length} chỉ tiêu` : null,
  };
}

/** What the form shows. */
async function shown(page) {
  const text = async (sel) => ((await page.locator(sel).count()) ? page.locator(sel).textContent() : null);
  return { status: await text("#status"), tier: await text("#tier"), total: await text("#total"), level1: await text("#level-1") };
}

/** The result bar is on screen, not covered, and reads the panel's status. */
async function barInView(page, what) {
  const box = await page.locator("#bar").boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height + 0.5 && box.height < PHONE.height / 4, `${what}: bar at ${JSON.stringify(box)}`);
  const onTop = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest("#bar") != null, [box.x + box.width / 2, box.y + box.height / 2]);
  assert.ok(onTop, `${what}: the bar is covered`);
  assert.equal(await page.locator("#bar-status").textContent(), await page.locator("#status").textContent(), what);
}

test("every bundled example record, loaded into the form, shows the answer of `tieuchi eval`", async () => {
  const page = await open("index.html");
  await page.waitForSelector("body[data-ready]");
  const offered = await page.locator("#model option").evaluateAll((os) => os.map((o) => o.value));
  let compared = 0;
  let decidedWithEmptyList = 0;
  for (const dir of readdirSync(join(root, "rules"))) {
    const ex = join(root, "rules", dir, "examples");
    let names;
    try {
      names = readdirSync(ex).filter((n) => n.endsWith(".json") && statSync(join(ex, n)).isFile());
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const file = `rules/${dir}/examples/${name}`;
      const { id, answer } = nativeEval(`rules/${dir}/`, file);
      if (!offered.includes(id)) continue;
      if ((await page.locator("#model").inputValue()) !== id) {
        await page.selectOption("#model", id);
        await page.waitForSelector(`body[data-ready='${id}']`);
      }
      await page.setInputFiles("#upload", join(root, file));
      await page.waitForFunction((n) => document.querySelector("#upload-note")?.textContent.includes(n), name);
      await page.waitForSelector(`body[data-ready='${id}']`);
      // The form holds the record as it was written, and shows the command's answer.
      const record = JSON.parse(read(file));
      assert.deepEqual(JSON.parse(await page.locator("#json").textContent()), record, `${file}: the form's record`);
      assert.deepEqual(await shown(page), expected(answer), file);
      assert.equal(await page.locator("#bar-status").textContent(), statusVi(answer.status), `${file}: bar`);
      if (answer.status !== "undetermined" && JSON.stringify(record).includes("[]")) decidedWithEmptyList++;
      // A loaded record's problems are shown at their fields, in plain words; a required field
      // the record leaves out is counted as missing instead.
      const at = (p) => p.split("/").slice(1).reduce((v, k) => v?.[k], record);
      const errors = await page.locator(".field-error").allTextContents();
      const present = answer.errors.filter((e) => at(e.path) !== undefined);
      assert.equal(errors.length, present.length, `${file}: ${errors.join(" | ")}`);
      const absent = answer.errors.length - present.length;
      if (absent) assert.match(await page.locator("#bar-missing").textContent(), /^còn thiếu \d+ thông tin/, file);
      for (const e of errors) assert.doesNotMatch(e, /\bnull\b|R0\d\d|[a-z]+_[a-z_]+/, `${file}: ${e}`);
      compared++;
    }
  }
  assert.ok(compared >= 20, `only ${compared} example records compared`);
  // The households whose members took no course are decided, as the command decides them.
  assert.ok(decidedWithEmptyList >= 2, `${decidedWithEmptyList} decided records with an empty list`);
  await page.close();
});

/** The form's label of a schema property in `scope`. */
const control = (scope, s) => scope.getByLabel(s.title, { exact: true });

/** The questions `answer` found hidden, by name. */
const skipped = [];

/** Answers one property as a person would: selects, types, adds list items, ticks «Không có». */
async function answer(page, scope, schema, key, value, step) {
  let s = schema.properties[key];
  if (s.anyOf) s = { ...s.anyOf.find((x) => x.type !== "null"), title: s.title ?? s.anyOf[0].title };
  if (s["x-tieuchi-selector"] || value === undefined) return;
  if (Array.isArray(value)) {
    const list = scope.locator("fieldset.list").filter({ has: page.locator(`legend:text-is("${s.title}")`) }).first();
    if (value.length === 0) {
      await list.getByLabel("Không có").check();
    }
    for (const [i, item] of value.entries()) {
      const items = list.locator(":scope > ol > li.item");
      if ((await items.count()) <= i) await list.locator(":scope > .list-actions > button.add").click();
      const li = items.nth(i);
      for (const [k, v] of Object.entries(item)) await answer(page, li, s.items, k, v, step);
    }
    return;
  }
  const c = control(scope, s).first();
  // A question the form hides (it cannot change the result given the answers so far) is not
  // answered, as a person would not see it.
  if (!(await c.isVisible())) {
    skipped.push(key);
    return;
  }
  if (typeof value === "boolean") await c.selectOption({ label: value ? "Có" : "Không" });
  else if (s.oneOf) await c.selectOption({ label: s.oneOf.find((o) => o.const === value).title });
  else await c.fill(String(value));
  await c.blur();
  await step(key);
}

test("phone: the family form filled for a household whose head took no course, with a reload mid-way", async () => {
  const file = "rules/family/examples/ho-hoang-thi-lan-chua-dat.json";
  const record = JSON.parse(read(file));
  assert.ok(record.members.some((m) => Array.isArray(m.learning_activities) && m.learning_activities.length === 0));
  const { answer: want } = nativeEval("rules/family/qd448-2015.rules", file);
  const schema = compileModel("family/qd448-2015").schema();
  const page = await open("index.html?model=family/qd448-2015");
  await page.waitForSelector("body[data-ready='family/qd448-2015']");
  // An empty form: no wall of red.
  assert.equal(await page.locator(".field-error, [aria-invalid='true'], #errors").count(), 0);
  assert.match(await page.locator("#bar-missing").textContent(), /^còn thiếu \d+ thông tin$/);
  await page.screenshot({ path: `${out}form-phone-empty.png` });
  let steps = 0;
  const step = async (key) => {
    steps++;
    await barInView(page, key);
  };
  const keys = Object.keys(record);
  const half = keys.indexOf("members");
  for (const k of keys.slice(0, half + 1)) await answer(page, page.locator("#record-form"), schema, k, record[k], step);
  await page.screenshot({ path: `${out}form-phone-members.png` });
  // Reload mid-way: every answer is still there.
  const before = await page.locator("#json").textContent();
  await page.reload();
  await page.waitForSelector("body[data-ready='family/qd448-2015']");
  assert.equal(await page.locator("#json").textContent(), before);
  assert.equal(await control(page, schema.properties.household_head).inputValue(), record.household_head);
  assert.ok(await page.getByLabel("Không có").first().isChecked(), "«Không có» kept");
  for (const k of keys.slice(half + 1)) await answer(page, page.locator("#record-form"), schema, k, record[k], step);
  assert.ok(steps > 20, `${steps} steps`);
  // The form's record is the household's, less the questions it hid; and those could not
  // change the result: the form shows the answer to the whole record.
  const held = JSON.parse(await page.locator("#json").textContent());
  const within = (a, b) => (a && typeof a === "object" ? Object.entries(a).every(([k, v]) => within(v, b?.[k])) : a === b);
  assert.ok(within(held, record), JSON.stringify(held));
  assert.ok(skipped.length > 0 && skipped.length < 10, `hidden: ${skipped.join(", ")}`);
  assert.deepEqual(await shown(page), expected(want));
  assert.notEqual(want.status, "undetermined");
  await barInView(page, "filled");
  await page.screenshot({ path: `${out}form-phone-filled.png` });
  // Tapping the bar opens the full explanation.
  await page.locator("#bar-open").click();
  await page.waitForFunction(() => document.activeElement?.id === "result");
  assert.ok(await page.locator("#result .criteria").isVisible());
  await page.screenshot({ path: `${out}form-phone-result.png` });
  // UPDATE_DOCS=1 copies the phone screenshots to docs/ for wasm/README.md.
  if (process.env.UPDATE_DOCS) {
    for (const f of ["form-phone-members.png", "form-phone-result.png"]) copyFileSync(`${out}${f}`, join(root, "docs", f));
  }
  // The live region says the short summary only.
  await page.waitForFunction(() => document.querySelector("#announce").textContent !== "");
  const said = await page.locator("#announce").textContent();
  assert.ok(said.startsWith(statusVi(want.status)) && said.length < 160, said);
  assert.equal(await page.locator("[aria-live]").count(), 1);
  await page.close();
});

test("errors show only after a field is touched, under it, naming the member, in plain Vietnamese", async () => {
  const page = await open("index.html?model=family/qd448-2015");
  await page.waitForSelector("body[data-ready='family/qd448-2015']");
  assert.equal(await page.locator(".field-error").count(), 0);
  const members = page.locator("#record-form fieldset.list").first();
  const addMember = members.locator(":scope > .list-actions > button.add");
  await addMember.click(); // a second member
  const second = members.locator(":scope > ol > li.item").nth(1);
  const birth = second.getByLabel("Ngày sinh", { exact: true });
  await birth.fill("2010-01-01");
  await birth.fill("");
  await birth.blur();
  const message = second.locator(".field-error");
  assert.equal(await message.count(), 1, (await message.allTextContents()).join(" | "));
  assert.match(await message.textContent(), /^Thành viên 2: cần trả lời «Ngày sinh»$/);
  assert.equal(await birth.getAttribute("aria-invalid"), "true");
  assert.equal(await birth.getAttribute("aria-describedby"), await message.getAttribute("id"));
  // Only the touched field is marked.
  assert.equal(await page.locator("[aria-invalid='true']").count(), 1);
  // Focus stays in place when an item is removed: on the next remove button.
  await addMember.click(); // a third member
  const removes = members.locator(":scope > ol > li.item > .item-head .remove");
  await removes.nth(1).focus();
  await page.keyboard.press("Enter");
  assert.equal(await removes.count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Xoá Thành viên 2");
  // Controls at least 44 px tall.
  const small = await page.locator("main :is(input:not([type=checkbox]):not([type=file]),select,button,label.none,.button,summary), #bar-open").evaluateAll((els) =>
    els.filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44).map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(small, []);

  // A citizen score out of range, once left: the message is under it, without a code or `null`.
  await page.selectOption("#model", "citizen/qd324-2023");
  await page.waitForSelector("body[data-ready='citizen/qd324-2023']");
  assert.equal(await page.locator(".field-error").count(), 0);
  const labels = compileModel("citizen/qd324-2023").evaluate({}).criteria.flatMap((c) => c.indicators).map((i) => `${i.id}. ${i.label}`);
  const third = page.getByLabel(labels[2], { exact: true });
  await third.fill("12");
  await third.blur();
  const e = await page.locator(".field-error").allTextContents();
  assert.equal(e.length, 1, e.join(" | "));
  assert.match(e[0], /^CS3: phải từ 0 đến 10, nhưng nhận được 12$/);
  assert.doesNotMatch(e[0], /null|R0\d\d/);
  await page.screenshot({ path: `${out}form-citizen-error.png` });
  await page.close();
});

test("level-based models show levels and indicators met, never 0 / 0; the citizen's scores carry the indicators' names", async () => {
  const page = await open("index.html?model=unit/tt24-2023");
  await page.waitForSelector("body[data-ready='unit/tt24-2023']");
  await page.setInputFiles("#upload", join(root, "rules/unit/examples/tt24-truong-thpt-to-hieu-muc-1.json"));
  await page.waitForFunction(() => document.querySelector("#upload-note")?.textContent.startsWith("Đã nạp"));
  await page.waitForSelector("body[data-ready='unit/tt24-2023']");
  const text = `${await page.locator("#result").textContent()} ${await page.locator("#bar").textContent()}`;
  assert.doesNotMatch(text, /\b0 ?\/ ?0\b/);
  assert.equal(await page.locator("#total").count(), 0);
  assert.match(await page.locator("#level-1").textContent(), /^đạt \d+ \/ \d+ chỉ tiêu$/);
  assert.match(await page.locator("#level-2").textContent(), /^đạt \d+ \/ \d+ chỉ tiêu$/);
  assert.match(await page.locator("#bar-points").textContent(), /^mức 1: \d+\/\d+, mức 2: \d+\/\d+ chỉ tiêu$/);
  assert.equal(await page.locator("#bar-tier").textContent(), "Mức độ 1");
  await page.screenshot({ path: `${out}form-unit-tt24-levels.png`, fullPage: true });

  await page.selectOption("#model", "community/commune-tt25-2023");
  await page.waitForSelector("body[data-ready='community/commune-tt25-2023']");
  assert.doesNotMatch(await page.locator("#result").textContent(), /\b0 \/ 0\b/);
  assert.equal(await page.locator("#level-1").count(), 1);

  await page.selectOption("#model", "citizen/qd324-2023");
  await page.waitForSelector("body[data-ready='citizen/qd324-2023']");
  const inds = compileModel("citizen/qd324-2023").evaluate({}).criteria.flatMap((c) => c.indicators);
  assert.equal(inds.length, 10);
  const shownLabels = await page.locator("#record-form fieldset.list li.item label").allTextContents();
  assert.deepEqual(shownLabels, inds.map((i) => `${i.id}. ${i.label}`));
  assert.equal(await page.getByText(/^Mục \d+$/).count(), 0);
  await page.close();
});

test("drafts survive a reload and a model switch; «Xoá hết» asks first; the record downloads as JSON", async () => {
  const page = await open("index.html?model=unit/tt22-2020");
  await page.waitForSelector("body[data-ready='unit/tt22-2020']");
  const unit = compileModel("unit/tt22-2020").schema();
  const total = page.getByLabel(unit.properties.members_total.title, { exact: true });
  await total.fill("60");
  await page.selectOption("#model", "family/qd448-2015");
  await page.waitForSelector("body[data-ready='family/qd448-2015']");
  const family = compileModel("family/qd448-2015").schema();
  await page.getByLabel(family.properties.household_head.title, { exact: true }).fill("Nguyễn Văn An");
  await page.selectOption("#model", "unit/tt22-2020");
  await page.waitForSelector("body[data-ready='unit/tt22-2020']");
  assert.equal(await total.inputValue(), "60");
  await page.reload();
  await page.waitForSelector("body[data-ready='unit/tt22-2020']");
  assert.equal(await total.inputValue(), "60");
  // Nothing left the device: the draft is in this browser's storage only.
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem("tieuchi:ban-nhap:unit/tt22-2020"))), { members_total: 60 });

  // The record downloads as the JSON the form holds.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download").click()]);
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), "utf8")), { members_total: 60 });

  // «Xoá hết» asks; cancelled, nothing changes; accepted, the form and the draft are empty.
  page.once("dialog", (d) => d.dismiss());
  await page.locator("#reset").click();
  assert.equal(await total.inputValue(), "60");
  page.once("dialog", (d) => {
    assert.match(d.message(), /^Xoá hết/);
    d.accept();
  });
  await page.locator("#reset").click();
  await page.waitForFunction(() => document.body.dataset.ready && !localStorage.getItem("tieuchi:ban-nhap:unit/tt22-2020"));
  assert.equal(await total.inputValue(), "");
  // The other model's draft is untouched.
  assert.match(await page.evaluate(() => localStorage.getItem("tieuchi:ban-nhap:family/qd448-2015")), /Nguyễn Văn An/);
  await page.close();
});

test("odd loaded records stay as loaded; on a wide screen the result sits beside the form", async () => {
  const page = await open("index.html?model=family/qd448-2015");
  await page.waitForSelector("body[data-ready='family/qd448-2015']");
  const ruleset = compileModel("family/qd448-2015");
  const odd = [
    { household_head: "Lò Văn Páo", assessment_year: "2024", members: "không rõ", ghi_chu: [1, 2] },
    { household_head: 7, members: [null, { full_name: "A", birth_date: "2015-02-30", schooling: "lop_1", learning_activities: {} }] },
    { members: [{ full_name: "B", learning_activities: [{ title: "Tập huấn", form: "training" }, []] }], adults_apply_learning: "có" },
  ];
  for (const [n, record] of odd.entries()) {
    await page.setInputFiles("#upload", { name: `la-${n}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(record)) });
    await page.waitForFunction((n) => document.querySelector("#upload-note")?.textContent.includes(`la-${n}.json`), n);
    await page.waitForSelector("body[data-ready='family/qd448-2015']");
    assert.deepEqual(JSON.parse(await page.locator("#json").textContent()), record, `record ${n}`);
    assert.equal(await page.locator("#status").textContent(), statusVi(ruleset.evaluate(record).status), `record ${n}`);
    for (const e of await page.locator(".field-error").allTextContents()) assert.doesNotMatch(e, /\bnull\b|R0\d\d/, e);
  }
  // A file that is not a record is refused in Vietnamese; the form is unchanged.
  const before = await page.locator("#json").textContent();
  await page.setInputFiles("#upload", { name: "hong.json", mimeType: "application/json", buffer: Buffer.from("[1, 2") });
  await page.waitForFunction(() => document.querySelector("#upload-note")?.textContent.startsWith("Không đọc được"));
  assert.equal(await page.locator("#json").textContent(), before);

  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await page.locator("#bar").isVisible(), false);
  const formBox = await page.locator("#record-form").boundingBox();
  const resultBox = await page.locator("#result-panel").boundingBox();
  assert.ok(resultBox.x > formBox.x + formBox.width, "the result is beside the form");
  assert.ok(resultBox.y < 900, "the result is on the first screen");
  await page.screenshot({ path: `${out}form-wide.png` });
  await page.setViewportSize(PHONE);
  await page.close();
});
