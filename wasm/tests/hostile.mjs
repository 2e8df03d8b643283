// Hostile inputs for the engine, deterministic from a seed: rule texts that nest deeply (a
// stack overflow in the core until it is hardened), garbage, cut and spliced rule files,
// huge numbers, long lines, hostile records and misuse of the API. Self-contained (no
// imports): the browser test loads this file into the page as it is.

/** mulberry32: a small seeded generator of floats in [0, 1). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = ["a", "đ", "ơ", " ", "\n", "\t", "{", "}", "(", ")", '"', "#", ":", "..", "0", "9", "\u0000", "\ud800", "😀", "\\", "%"];
const WORDS = ["model", "input", "criterion", "indicator", "award", "let", "test", "expect", "list of", "one of", "when", "extends", "uses", "points", "max", "tier", "pass", "not", "and", "or", "1e400", "-0", "99999999999999999999999999999"];

/**
 * `count` hostile calls: `{ kind, op, args }`, where `op` is "compile", "check", "evaluate" or
 * "evaluateMany" (the last two on a ruleset compiled from `texts[0]`). `texts`: bundled rule
 * files to cut and splice. About 1 in 500 nests deeply (each such input can trap twice: the
 * call and its retry, and every rebuild keeps a dead instance's memory).
 */
export function hostileInputs(count, seed, texts) {
  const rnd = random(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (xs) => xs[int(xs.length)];
  const deep = (open, close, inner, depth) => open.repeat(depth) + inner + close.repeat(depth);
  const model = (body) => `model unit "Đơn vị" {\n  max 100 points\n${body}\n}\n`;
  const out = [];
  for (let i = 0; i < count; i++) {
    const r = rnd();
    const text = pick(texts);
    if (r < 0.002) {
      const depth = 600 + int(2000);
      const body = pick([
        `  input {\n    a: ${"list of ".repeat(depth)}int "A"\n  }`,
        `  let x = ${deep("(", ")", "1", depth * 4)}`,
        `  let x = ${"not ".repeat(depth * 2)}true`,
        `  let x = ${"-".repeat(depth * 4)}1`,
      ]);
      out.push({ kind: "deep", op: pick(["compile", "check"]), args: [model(body)] });
    } else if (r < 0.25) {
      let s = "";
      for (let n = int(400); n > 0; n--) s += rnd() < 0.3 ? pick(WORDS) + " " : pick(CHARS);
      out.push({ kind: "garbage", op: pick(["compile", "check"]), args: [rnd() < 0.5 ? s : model(s)] });
    } else if (r < 0.5) {
      const a = int(text.length);
      const b = a + int(text.length - a);
      const cut = rnd() < 0.5 ? text.slice(0, a) + text.slice(b) : text.slice(0, b) + text.slice(a);
      out.push({ kind: "spliced", op: pick(["compile", "check"]), args: [cut] });
    } else if (r < 0.6) {
      const word = pick(WORDS);
      const line = (word + " ").repeat(Math.ceil(16384 / (word.length + 1)));
      out.push({ kind: "long line", op: "check", args: [model(`  let x = ${line}`)] });
    } else if (r < 0.7) {
      const n = pick(["1e400", "79228162514264337593543950335", "0.0000000000000000000000000001", "-1", "340282366920938463463374607431768211456"]);
      const body = pick([
        `  max ${n} points`,
        `  rounding ${n}`,
        `  input {\n    a: int 0..${n} "A"\n  }\n  criterion C1 "C" {\n    indicator I1 "I" {\n      award ${n} points when a > 1\n    }\n  }`,
      ]);
      out.push({ kind: "numbers", op: pick(["compile", "check"]), args: [model(body)] });
    } else if (r < 0.95) {
      const record = pick([
        () => deep("[", "]", "1", 1000 + int(100000)),
        () => `{"unit_name": ${deep("{\"a\":", "}", "1", 200 + int(5000))}}`,
        () => `{"members_total": ${pick(["1e400", "-1e400", "9".repeat(400), "0.1e-400", "NaN", "-0"])}}`,
        () => ({ members_total: rnd() * 1e308, unit_name: "x".repeat(int(20000)), assessment_year: -0 }),
        () => `{${Array.from({ length: 1 + int(3000) }, (_, k) => `"k${k}": ${k}`).join(",")}}`,
        () => `{"members_total": 5, "members_total": "x", "members_total": null}`,
        () => ({ members_total: [1, 2, 3], has_learning_plan: "có", unit_emulation_title: {} }),
        () => String.fromCharCode(...Array.from({ length: int(300) }, () => int(0xffff))),
        () => null,
        () => undefined,
        () => 42,
      ])();
      out.push({ kind: "record", op: rnd() < 0.8 ? "evaluate" : "evaluateMany", args: [record] });
    } else {
      const args = pick([
        [42],
        [null],
        [undefined],
        [{}],
        [text, { "../x.rules": 5 }],
        [text, new Map([[1, 2]])],
        [text, "not an object"],
        [`model unit "x" {\n  extends "${"../".repeat(int(200))}x.rules"\n}`, { "x.rules": text }],
      ]);
      out.push({ kind: "misuse", op: pick(["compile", "check"]), args });
    }
  }
  return out;
}

/**
 * Runs the hostile calls through `engine` (engine.js) with `ruleset` (compiled by it) for the
 * record calls; every call must return or throw an Error, never anything else. Awaits the
 * engine's spares after each trap so that consecutive traps each get a fresh instance.
 */
export async function runHostile(engine, ruleset, inputs) {
  const seen = { ok: 0, errors: 0, crashed: 0 };
  for (const { op, args } of inputs) {
    const traps = engine.traps;
    try {
      if (op === "evaluate" || op === "evaluateMany") {
        ruleset[op](op === "evaluateMany" ? [args[0], args[0]] : args[0]);
      } else {
        engine[op](...args)?.free?.();
      }
      seen.ok++;
    } catch (e) {
      if (!(e instanceof Error)) throw new Error(`${op} threw a non-Error: ${String(e)}`);
      if (e.name === "EngineError") seen.crashed++;
      else seen.errors++;
    }
    if (engine.traps !== traps) await engine.ready();
  }
  return seen;
}
