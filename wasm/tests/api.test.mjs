// The JavaScript API of wasm/pkg on the bundled rule files: compile, check, evaluate,
// evaluateMany, schema, runTests, and errors as values. Run: `npm test` in wasm/ after
// `bash wasm/build.sh`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ascii, check, compile, compileModel, documentHtml, lineColumn, read } from "./support.mjs";

const TT22 = read("rules/unit/tt22-2020.rules");
const example = (path) => read(`rules/${path}`);

describe("the bundled rule files", () => {
  for (const [name, model, version] of [
    ["unit/tt22-2020", "unit", "tt22-2020"],
    ["community/commune-tt25-2023", "community", "commune-tt25-2023"],
    ["citizen/qd324-2023", "citizen", "qd324-2023"],
    ["unit/ha-noi-kh103-2021", "unit", "ha-noi-kh103-2021"],
  ]) {
    it(`${name} compiles and its own tests pass`, () => {
      const rules = compileModel(name);
      assert.equal(rules.model, model);
      assert.equal(rules.version, version);
      assert.ok(rules.title.length > 0);
      const tests = rules.runTests();
      // A test is written `test "…"` or, in Vietnamese keywords, `kiểm thử "…"`.
      const written = (read(`rules/${name}.rules`).match(/^\s*(test|kiểm thử) "/gmu) ?? []).length;
      assert.ok(tests.length >= written && written > 0, `${tests.length} tests run`);
      for (const t of tests) {
        assert.equal(typeof t.name, "string");
        assert.ok(t.line >= 1 && t.column >= 1);
        assert.deepEqual(t.failures, [], `test "${t.name}" fails`);
        assert.equal(t.passed, true);
      }
      // Provisional items are notes, not errors.
      assert.ok(rules.diagnostics().every((d) => d.severity !== "error"));
      rules.free();
    });
  }
});

describe("evaluate", () => {
  const tt22 = compileModel("unit/tt22-2020");

  it("scores the examples as the README says", () => {
    const cases = [
      ["unit/examples/so-gddt-tot.json", "recognized", "Tốt", 94.75],
      ["unit/examples/phong-gddt-kha.json", "recognized", "Khá", 81.04],
      ["unit/examples/ban-qlda-chua-dat.json", "not_recognized", "Chưa đạt", 35.66],
    ];
    for (const [path, status, tier, total] of cases) {
      const answer = tt22.evaluate(example(path));
      assert.equal(answer.status, status, path);
      assert.equal(answer.tier, tier, path);
      assert.equal(answer.total, total, path);
      assert.equal(answer.max, 100);
      assert.deepEqual(answer.errors, []);
      assert.equal(answer.criteria.length, 3);
      const indicators = answer.criteria.flatMap((c) => c.indicators);
      assert.equal(indicators.length, 10);
      assert.ok(indicators.every((i) => typeof i.reason === "string" && i.reason.length > 0));
    }
  });

  it("gives the same answer for an object, its JSON text, and as JSON text", () => {
    const text = example("unit/examples/phong-gddt-kha.json");
    const fromText = tt22.evaluate(text);
    const fromObject = tt22.evaluate(JSON.parse(text));
    assert.deepEqual(fromObject, fromText);
    assert.equal(tt22.evaluateJson(JSON.parse(text)), ascii(JSON.stringify(fromObject)));
    assert.equal(tt22.evaluateJson(text), ascii(JSON.stringify(fromText)));
    // ASCII text (the Vietnamese as \u escapes): the same value, far cheaper to hand to JavaScript.
    assert.match(tt22.evaluateJson(text), /^[\x20-\x7e]*$/);
    assert.equal(JSON.parse(tt22.evaluateJson(text)).title, "Đơn vị học tập");
    assert.ok(tt22.evaluateJson(text).includes('"total":81.04,'));
  });

  it("scores many records in one call", () => {
    const texts = ["so-gddt-tot", "phong-gddt-kha", "so-tu-phap-loi-so-lieu"].map((n) =>
      example(`unit/examples/${n}.json`),
    );
    const records = [JSON.parse(texts[0]), texts[1], JSON.parse(texts[2]), null, 42];
    const many = tt22.evaluateMany(records);
    assert.equal(many.length, records.length);
    assert.deepEqual(many, records.map((r) => tt22.evaluate(r)));
    assert.equal(tt22.evaluateManyJson(records), ascii(JSON.stringify(many)));
    assert.deepEqual(tt22.evaluateMany([]), []);
  });

  it("scores models decided by levels and by floors", () => {
    const tt25 = compileModel("community/commune-tt25-2023");
    const level2 = tt25.evaluate(example("community/examples/tt25-xa-tam-an-muc-2.json"));
    assert.equal(level2.status, "recognized");
    assert.equal(level2.level, 2);
    assert.equal(level2.tier, "Mức độ 2");
    const citizen = compileModel("citizen/qd324-2023");
    const below5 = citizen.evaluate(example("citizen/examples/can-bo-tran-van-binh-chi-so-duoi-5.json"));
    assert.equal(below5.status, "not_recognized");
    assert.equal(below5.total, 85);
    const ok = citizen.evaluate(example("citizen/examples/cu-dan-nguyen-thi-hoa-dat.json"));
    assert.equal(ok.status, "recognized");
    assert.equal(ok.total, 83.5);
  });

  it("reports a bad record's problems with their JSON paths", () => {
    const answer = tt22.evaluate(example("unit/examples/so-tu-phap-loi-so-lieu.json"));
    const errors = Object.fromEntries(answer.errors.map((e) => [e.path, e.code]));
    assert.deepEqual(errors, {
      "/members_completed_mandatory_training": "R005",
      "/unit_emulation_title": "R007",
      "/members_compliant": "R009",
    });
    assert.ok(answer.errors.every((e) => typeof e.message === "string" && e.message.length > 0));
    assert.ok(answer.missing.includes("/members_compliant"));

    const citizen = compileModel("citizen/qd324-2023");
    const list = citizen.evaluate(example("citizen/examples/cu-dan-hoang-van-duc-loi-so-lieu.json"));
    assert.deepEqual(
      list.errors.map((e) => [e.path, e.code]),
      [["/indicator_scores/2", "R006"], ["/indicator_scores", "R010"]],
    );

    const record = { ...JSON.parse(example("unit/examples/so-gddt-tot.json")), so_thanh_vien: 3 };
    delete record.members_total;
    const codes = tt22.evaluate(record).errors.map((e) => [e.path, e.code]);
    assert.deepEqual(codes, [["/so_thanh_vien", "R003"], ["/members_total", "R004"]]);
  });

  it("answers anything that is not a record with an error, not a crash", () => {
    const code = (input) => tt22.evaluate(input).errors.map((e) => [e.path, e.code]);
    assert.deepEqual(code("{\"unit_name\": "), [["", "R001"]]);
    assert.match(tt22.evaluate("{\n  \"a\" 1}").errors[0].message, /dòng 2, cột 7/);
    assert.deepEqual(code(""), [["", "R001"]]);
    assert.deepEqual(code(undefined), [["", "R002"]]);
    assert.deepEqual(code(null), [["", "R002"]]);
    assert.deepEqual(code([1, 2]), [["", "R002"]]);
    assert.deepEqual(code(7), [["", "R002"]]);
    assert.deepEqual(code("\"text\""), [["", "R002"]]);
    assert.equal(tt22.evaluate(undefined).status, "undetermined");
    // What JSON cannot hold is refused by JSON.stringify, as a TypeError.
    assert.throws(() => tt22.evaluate({ members_total: 10n }), TypeError);
    const loop = {};
    loop.self = loop;
    assert.throws(() => tt22.evaluate(loop), TypeError);
    assert.throws(() => tt22.evaluateMany("[]"), TypeError);
    assert.throws(() => tt22.evaluateMany({ length: 1 }), TypeError);
  });
});

describe("compile and check", () => {
  it("throws an Error listing diagnostics, with positions in characters", () => {
    const marker = "@@";
    const line = 'met "Đơn vị đã có chủ trương, kế hoạch học tập thường xuyên cho thành viên"';
    assert.ok(TT22.includes(line));
    // An emoji before the marker: one character, two UTF-16 units, four bytes.
    const bad = TT22.replace(line, `${line.replace(/"$/, ' 😀"')} ${marker}`);
    const at = lineColumn(bad, bad.indexOf(marker));
    let thrown;
    try {
      compile(bad);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, "compile must throw");
    assert.ok(Array.isArray(thrown.diagnostics));
    const errors = thrown.diagnostics.filter((d) => d.severity === "error");
    assert.equal(errors.length, 1);
    const [d] = errors;
    assert.equal(d.code, "S001");
    assert.equal(d.file, "<rules>");
    assert.deepEqual([d.line, d.column], [at.line, at.column]);
    // The column counts characters: the line holds many multi-byte letters before the marker.
    assert.ok(Buffer.byteLength(bad.split("\n")[d.line - 1].slice(0, d.column - 1)) > d.column);
    assert.deepEqual([d.endLine, d.endColumn], [at.line, at.column + 1]);
    assert.equal(bad.slice(d.start, d.end), "@");
    assert.equal(typeof d.message, "string");
    assert.equal(typeof d.help, "string");
    for (const key of ["code", "severity", "message", "help", "line", "column", "endLine", "endColumn", "start", "end"]) {
      assert.ok(key in d, key);
    }
    assert.match(thrown.message, new RegExp(`1 error.*<rules>:${at.line}:${at.column}: \\[S001\\]`));
    assert.deepEqual(check(bad), thrown.diagnostics);
  });

  it("reports checker errors with a help line", () => {
    const bad = TT22.replace("award whole when has_learning_plan", "award whole when has_learning_plam");
    const d = check(bad).find((x) => x.severity === "error");
    assert.equal(d.code, "C001");
    assert.equal(bad.slice(d.start, d.end), "has_learning_plam");
    assert.deepEqual(lineColumn(bad, d.start), { line: d.line, column: d.column });
    assert.match(d.message + d.help, /has_learning_plan/);
  });

  it("check returns [] for a clean file and notes for provisional items", () => {
    const clean = `model citizen "Công dân học tập" {
  version "thu-1"
  source "Văn bản thử"
  valid from 2024-01-01
  jurisdiction national
  max 10 points
  input {
    đạt: bool "Đạt"
  }
  criterion A "Tiêu chí A" 10 points {
    source "Văn bản thử, tiêu chí A"
    indicator A.1 "Chỉ số A.1" 10 points {
      source "Văn bản thử, chỉ số A.1"
      award whole when đạt
    }
  }
  recognized when total >= 10
  test "đạt" {
    input { đạt: true }
    expect status recognized
  }
}
`;
    assert.deepEqual(check(clean), []);
    const rules = compile(clean);
    assert.deepEqual(rules.diagnostics(), []);
    assert.equal(rules.evaluate({ đạt: true }).status, "recognized");
    assert.deepEqual(rules.runTests().map((t) => [t.name, t.passed, t.line]), [["đạt", true, 18]]);
    const wrong = clean.replace("expect status recognized", "expect status not_recognized");
    const [t] = compile(wrong).runTests();
    assert.equal(t.passed, false);
    assert.equal(t.failures.length, 1);
    const at = lineColumn(wrong, wrong.indexOf("not_recognized"));
    assert.deepEqual([t.failures[0].line, t.failures[0].column], [at.line, at.column]);
    assert.match(t.failures[0].message, /expected status not_recognized, got recognized/);

    const notes = check(TT22);
    assert.ok(notes.length > 0 && notes.every((d) => d.severity === "note" && d.code === "N001"));
  });

  it("reads Vietnamese typed decomposed (NFD) as the same text (NFC)", () => {
    // The module puts text in NFC with the browser's String.prototype.normalize.
    const source = `model citizen "Công dân học tập" {
  version "thu-nfc"
  source "Văn bản thử"
  valid from 2024-01-01
  jurisdiction national
  max 10 points
  input {
    xếp_loại: one of {
      khá "Khá"
      tốt "Tốt"
    } "Xếp loại"
    ghi_chú: text "Ghi chú"
  }
  criterion A "Tiêu chí A" 10 points {
    source "Văn bản thử, tiêu chí A"
    indicator A.1 "Chỉ số A.1" 10 points {
      source "Văn bản thử, chỉ số A.1"
      award whole when xếp_loại == tốt and ghi_chú == "Đạt chuẩn"
    }
  }
  recognized when total >= 10
}
`;
    const rules = compile(source);
    const nfc = { xếp_loại: "tốt", ghi_chú: "Đạt chuẩn" };
    const nfd = { xếp_loại: "tốt".normalize("NFD"), ghi_chú: "Đạt chuẩn".normalize("NFD") };
    assert.notEqual(nfd.xếp_loại, nfc.xếp_loại);
    assert.notEqual(nfd.ghi_chú, nfc.ghi_chú);
    const answer = rules.evaluate(nfc);
    assert.equal(answer.status, "recognized");
    assert.deepEqual(answer.errors, []);
    assert.equal(JSON.stringify(rules.evaluate(nfd)), JSON.stringify(answer));
    assert.equal(rules.evaluateJson(JSON.stringify(nfd)), rules.evaluateJson(JSON.stringify(nfc)));
    rules.free();
  });

  it("reads the files a rule file extends from the given object or Map", () => {
    const haNoi = read("rules/unit/ha-noi-kh103-2021.rules");
    assert.throws(() => compile(haNoi), (e) => e.diagnostics.some((d) => d.code === "C015"));
    const extendsAt = lineColumn(haNoi, haNoi.indexOf('"tt22-2020.rules"'));
    const c015 = check(haNoi).find((d) => d.code === "C015");
    assert.deepEqual([c015.line, c015.column], [extendsAt.line, extendsAt.column]);

    const fromObject = compile(haNoi, { "tt22-2020.rules": TT22 });
    const fromMap = compile(haNoi, new Map([["./tt22-2020.rules", TT22]]));
    const record = example("unit/examples/so-gddt-tot.json");
    const answer = fromObject.evaluate(record);
    assert.deepEqual(fromMap.evaluate(record), answer);
    assert.equal(answer.version, "ha-noi-kh103-2021");
    assert.equal(answer.total, 95.75); // U2.4 counts 70 % of members as full
    assert.equal(compileModel("unit/tt22-2020").evaluate(record).total, 94.75);
    assert.ok(answer.sources.some((s) => s.includes("103/KH-UBND")));
    assert.ok(answer.sources.some((s) => s.includes("22/2020/TT-BGDĐT")));

    // An error in the extended file is reported in that file, at its own line.
    const brokenBase = TT22.replace("award whole when has_learning_plan", "award whole when has_learning_plam");
    const d = check(haNoi, { "tt22-2020.rules": brokenBase }).find((x) => x.severity === "error");
    assert.equal(d.file, "tt22-2020.rules");
    assert.equal(brokenBase.slice(d.start, d.end), "has_learning_plam");
    assert.deepEqual(lineColumn(brokenBase, d.start), { line: d.line, column: d.column });
  });

  it("refuses arguments of the wrong kind with a TypeError", () => {
    assert.throws(() => compile(42), TypeError);
    assert.throws(() => compile(), TypeError);
    assert.throws(() => check(null), TypeError);
    assert.throws(() => compile(TT22, { "a.rules": 5 }), TypeError);
    assert.throws(() => compile(TT22, "tt22-2020.rules"), TypeError);
    assert.throws(() => compile(TT22, new Map([[1, "x"]])), TypeError);
    assert.ok(compile(TT22, null));
    assert.ok(compile(TT22, {}));
  });

  it("survives arbitrary text", () => {
    const pieces = TT22.split(/(?<=[ \n{}"])/);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 200; i++) {
      const start = Math.floor(random() * pieces.length);
      const text = pieces.slice(start, start + Math.floor(random() * 400)).join("");
      const diagnostics = check(text);
      assert.ok(Array.isArray(diagnostics));
      for (const d of diagnostics) {
        assert.ok(d.start <= d.end && d.end <= text.length, JSON.stringify(d));
        assert.deepEqual(lineColumn(text, d.start), { line: d.line, column: d.column });
      }
    }
  });
});

describe("schema", () => {
  it("describes the input record", () => {
    const rules = compileModel("unit/tt22-2020");
    const schema = rules.schema();
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.equal(schema.type, "object");
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.title, "Đơn vị học tập");
    const record = JSON.parse(example("unit/examples/so-gddt-tot.json"));
    // The declared fields, then the version selectors that every record may carry.
    const declared = Object.keys(schema.properties).filter((k) => !schema.properties[k]["x-tieuchi-selector"]);
    const selectors = Object.keys(schema.properties).filter((k) => schema.properties[k]["x-tieuchi-selector"]);
    assert.deepEqual(selectors.sort(), ["assessment_date", "province_code", "scope"]);
    assert.deepEqual(declared.sort(), Object.keys(record).filter((k) => !selectors.includes(k)).sort());
    assert.ok(schema.required.includes("members_total"));
    assert.equal(schema.properties.members_total.type, "integer");
    assert.equal(schema.properties.members_total.minimum, 1);
    assert.deepEqual(
      schema.properties.unit_emulation_title.oneOf.map((v) => v.const),
      ["none", "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac", "co_thi_dua"],
    );
    const family = compileModel("family/qd448-2015").schema();
    assert.equal(family.properties.members.type, "array");
    assert.equal(family.properties.members.items.type, "object");
  });
});

describe("documentHtml: the document for sign-off", () => {
  it("is a self-contained page with the title, every indicator and the provisional marks", () => {
    const html = documentHtml(TT22, {}, "tt22-2020.rules");
    assert.ok(html.startsWith("<!DOCTYPE html>"), html.slice(0, 40));
    assert.match(html, /<title>Tiêu chí đánh giá, công nhận «Đơn vị học tập»<\/title>/);
    assert.match(html, /Phiên bản tt22-2020 — tệp tt22-2020\.rules/);
    for (const id of ["U1.1", "U1.2", "U1.3", "U2.1", "U2.4", "U3.3"]) assert.ok(html.includes(`<b>${id}</b>`), id);
    assert.match(html, /Đạt 10 điểm khi đơn vị có chủ trương, kế hoạch để thành viên học tập thường xuyên\./);
    assert.ok((html.match(/class="prov"/g) ?? []).length >= 5);
    assert.ok(html.includes("@media print"));
    for (const external of ["<script", "http://", "https://", "src=", "@import", "url("]) {
      assert.ok(!html.includes(external), external);
    }
    // Without a name, the source given is `<rules>`, escaped; a Map of files works too.
    assert.match(documentHtml(TT22), /tệp &lt;rules&gt;/);
    assert.equal(documentHtml(TT22, new Map(), "tt22-2020.rules"), html);
  });

  it("shows what an extends file changes from its parent, side by side", () => {
    const haNoi = read("rules/unit/ha-noi-kh103-2021.rules");
    const html = documentHtml(haNoi, { "tt22-2020.rules": TT22 }, "ha-noi-kh103-2021.rules");
    assert.match(html, /<h2>Những điểm thay đổi so với văn bản gốc<\/h2>/);
    assert.match(html, /kế thừa «Đơn vị học tập» \(phiên bản tt22-2020, tệp tt22-2020\.rules\)/);
    assert.match(html, /<th>Văn bản gốc \(tt22-2020\)<\/th><th>Văn bản này \(ha-noi-kh103-2021\)<\/th>/);
    assert.ok(html.includes("Chỉ tiêu U2.4"));
  });

  it("follows the rule text: an indicator's points changed are in the document", () => {
    const moved = TT22.replace(/(indicator U1\.1 "[^"]*") 10 points/, "$1 12 points")
      .replace(/(indicator U1\.2 "[^"]*") 10 points/, "$1 8 points");
    assert.notEqual(moved, TT22);
    const html = documentHtml(moved, {}, "tt22-2020.rules");
    assert.match(html, /Đạt 12 điểm khi đơn vị có chủ trương/);
    assert.match(html, /<td>8 điểm<\/td>/);
  });

  it("throws the diagnostics of a file with errors, as compile does", () => {
    const bad = TT22.replace("max 100 points", "max 100 pointz");
    let thrown;
    assert.throws(() => documentHtml(bad), (e) => ((thrown = e), true));
    assert.ok(thrown instanceof Error && !(thrown instanceof TypeError));
    assert.match(thrown.message, /^tệp quy tắc có \d+ lỗi/);
    assert.deepEqual(thrown.diagnostics, check(bad));
    // The parent is missing: C015 at the `extends`.
    assert.throws(
      () => documentHtml(read("rules/unit/ha-noi-kh103-2021.rules")),
      (e) => e.diagnostics.some((d) => d.code === "C015"),
    );
    assert.throws(() => documentHtml(42), TypeError);
  });
});

describe("questions: what a form asks, given the answers so far", () => {
  it("a member is asked what applies to them", () => {
    const rules = compileModel("family/qd448-2015");
    const record = JSON.parse(read("rules/family/examples/ho-nguyen-van-an-dat.json"));
    const asked = Object.fromEntries(rules.questions(record).map((q) => [q.path, q]));
    // Member 0 is 45 and not in school; member 3 a pupil of 9.
    assert.equal(asked["/members/0/conduct_result"].matters, false);
    assert.equal(asked["/members/0/literacy_level"].matters, true);
    assert.equal(asked["/members/3/conduct_result"].matters, true);
    assert.equal(asked["/members/3/literacy_level"].matters, false);
    assert.deepEqual(asked["/household_head"], { path: "/household_head", required: true, matters: false, answered: true, read: false });
    assert.equal(asked["/members/0/conduct_result"].read, true);
    // JSON text gives the same; an empty record asks every declared input once, in order.
    assert.deepEqual(rules.questions(JSON.stringify(record)), rules.questions(record));
    const empty = rules.questions("{}").map((q) => q.path);
    const fields = rules.schema().properties;
    assert.ok(empty.every((p) => p.slice(1) in fields), empty.join(" "));
    assert.deepEqual(empty.slice(0, 6), ["/household_head", "/village_name", "/commune_name", "/province_name", "/assessment_year", "/members"]);
    assert.equal(new Set(empty).size, empty.length);
  });
});
