// Unit tests of wasm/www/engine.js with mocked instances (no package needed): a trap rebuilds
// the instance from a fresh copy of the glue and the call is retried once; a second trap is a
// Vietnamese-first EngineError and the next call answers; other errors pass through; a
// ruleset compiled before a rebuild is compiled again in the new instance.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Engine, EngineError, isTrap } from "../www/engine.js";

const GLUE = "https://example.invalid/pkg/tieuchi_wasm.js";

/**
 * A fake package: every import of the glue is a new instance, numbered from 0. `behaviour`
 * decides what compile does on instance `n` for a source: "ok", "trap", "broken"
 * (wasm-bindgen's error after a trap) or "error" (a rule file error).
 */
function fakePackage(behaviour) {
  const imported = [];
  const importGlue = async (url) => {
    const n = imported.length;
    imported.push(url);
    let initialised = false;
    const act = (source) => {
      assert.ok(initialised, `instance ${n} used before initSync`);
      const what = behaviour(n, source);
      if (what === "trap") throw new WebAssembly.RuntimeError("unreachable");
      if (what === "overflow") throw new RangeError("Maximum call stack size exceeded");
      if (what === "broken") throw new Error("recursive use of an object detected which would lead to unsafe aliasing in rust");
      if (what === "error") throw Object.assign(new Error("the rule file has 1 error(s)"), { diagnostics: [{}] });
    };
    return {
      initSync({ module }) {
        assert.equal(module.fake, true, "instantiated from the kept module");
        initialised = true;
      },
      compile(source) {
        act(source);
        return {
          instance: n,
          evaluate: (record) => {
            act(record);
            return { instance: n, record };
          },
          get model() {
            act(source);
            return "unit";
          },
          free() {},
        };
      },
      check(source) {
        act(source);
        return [{ instance: n }];
      },
    };
  };
  return { imported, importGlue, module: { fake: true } };
}

async function engineWith(behaviour) {
  const fake = fakePackage(behaviour);
  const engine = await Engine.load({ glue: GLUE, module: fake.module, importGlue: fake.importGlue });
  return { engine, fake };
}

describe("engine.js", () => {
  it("recognises traps and only traps", () => {
    const cases = [
      [new WebAssembly.RuntimeError("unreachable"), true],
      [new WebAssembly.RuntimeError("memory access out of bounds"), true],
      [new RangeError("Maximum call stack size exceeded"), true],
      [new Error("too much recursion"), true],
      [new Error("recursive use of an object detected which would lead to unsafe aliasing in rust"), true],
      [new Error("null pointer passed to rust"), true],
      [new TypeError("compile(source): source must be a string"), false],
      [new RangeError("Invalid string length"), false],
      [new Error("the rule file has 2 error(s)"), false],
      ["unreachable", false],
      [undefined, false],
    ];
    for (const [error, trap] of cases) assert.equal(isTrap(error), trap, String(error));
  });

  it("loads each instance from its own copy of the glue and keeps two spares; engines share none", async () => {
    const { fake } = await engineWith(() => "ok");
    const { fake: other } = await engineWith(() => "ok");
    const urls = [...fake.imported, ...other.imported];
    assert.equal(urls.length, 6);
    assert.equal(new Set(urls).size, 6, urls.join(" "));
    assert.ok(urls.every((u) => u.startsWith(`${GLUE}?instance=`)));
  });

  for (const kind of ["trap", "overflow", "broken"]) {
    it(`rebuilds the instance after a ${kind} and answers the same call`, async () => {
      const { engine, fake } = await engineWith((n, source) => (source === "bad" && n === 0 ? kind : "ok"));
      const rules = engine.compile("bad");
      assert.equal(rules.model, "unit");
      assert.deepEqual(rules.evaluate("r"), { instance: 1, record: "r" });
      assert.equal(engine.traps, 1);
      assert.equal(engine.rebuilds, 1);
      assert.equal(engine.generation, 1);
      await engine.ready();
      assert.equal(fake.imported.length, 4, "the spare used is replaced");
    });
  }

  it("a call that traps again is an EngineError, Vietnamese first, and the next call answers", async () => {
    const { engine } = await engineWith((n, source) => (source === "deep" ? "trap" : "ok"));
    const good = engine.compile("good");
    assert.throws(
      () => engine.check("deep"),
      (e) => {
        assert.ok(e instanceof EngineError);
        assert.match(e.message, /^Dữ liệu này làm bộ máy chấm điểm gặp sự cố .*\(this input crashes the engine/);
        assert.ok(e.cause instanceof WebAssembly.RuntimeError);
        assert.equal(e.restarting, false);
        return true;
      },
    );
    assert.equal(engine.traps, 2);
    // The instance of the retry trapped too: the next call gets a fresh one (the last spare).
    assert.deepEqual(engine.check("fine"), [{ instance: 2 }]);
    // A ruleset compiled in instance 0 is compiled again in instance 2.
    assert.deepEqual(good.evaluate("r"), { instance: 2, record: "r" });
    assert.equal(engine.rebuilds, 2);
  });

  it("without a spare yet, says it is restarting; after ready() it answers", async () => {
    const { engine } = await engineWith((n, source) => (source === "deep" ? "trap" : "ok"));
    assert.throws(() => engine.check("deep"), EngineError);
    assert.throws(() => engine.check("deep"), EngineError);
    // Two traps used both spares; the one being imported is not there yet.
    assert.throws(
      () => engine.check("fine"),
      (e) => e instanceof EngineError && e.restarting && /^Bộ máy chấm điểm đang khởi động lại/.test(e.message),
    );
    await engine.ready();
    assert.equal(engine.check("fine").length, 1);
  });

  it("passes errors that are not traps through, without a rebuild", async () => {
    const { engine, fake } = await engineWith((n, source) => (source === "syntax error" ? "error" : "ok"));
    assert.throws(() => engine.compile("syntax error"), (e) => Array.isArray(e.diagnostics));
    assert.equal(engine.traps, 0);
    assert.equal(engine.rebuilds, 0);
    assert.equal(fake.imported.length, 3);
  });

  it("detaches the rulesets of a dead instance at the rebuild, so no finaliser calls into it", async () => {
    const calls = [];
    const fake = fakePackage((n, source) => (source === "bad" && n === 0 ? "trap" : "ok"));
    const importGlue = async (url) => {
      const glue = await fake.importGlue(url);
      const compile = glue.compile;
      glue.compile = (s) => {
        const inner = compile(s);
        return { ...inner, free: () => calls.push(`free ${inner.instance}`), __destroy_into_raw: () => calls.push(`detach ${inner.instance}`) };
      };
      return glue;
    };
    const engine = await Engine.load({ glue: GLUE, module: fake.module, importGlue });
    const kept = engine.compile("good");
    const dropped = engine.compile("other");
    dropped.free();
    assert.deepEqual(calls, ["free 0"]);
    engine.check("bad");
    assert.deepEqual(calls, ["free 0", "detach 0"], "the live ruleset of instance 0 is detached, not freed");
    assert.equal(kept.model, "unit");
    kept.free();
    assert.deepEqual(calls, ["free 0", "detach 0", "free 1"]);
  });

  it("free() after a rebuild does not touch the dead instance", async () => {
    let freed = 0;
    const fake = fakePackage((n, source) => (source === "bad" && n === 0 ? "trap" : "ok"));
    const importGlue = async (url) => {
      const glue = await fake.importGlue(url);
      const compile = glue.compile;
      glue.compile = (s) => ({ ...compile(s), free: () => freed++ });
      return glue;
    };
    const engine = await Engine.load({ glue: GLUE, module: fake.module, importGlue });
    const old = engine.compile("good");
    engine.check("bad");
    old.free();
    assert.equal(freed, 0);
    const fresh = engine.compile("good");
    fresh.free();
    assert.equal(freed, 1);
  });
});
