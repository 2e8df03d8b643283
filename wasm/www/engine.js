// The WebAssembly engine behind the pages and the Node tests, made to survive a trap.
//
// A trap (a stack overflow, a Rust panic, memory exhausted) leaves the instance in an unknown
// state, and wasm-bindgen's `--target web` glue keeps that instance in a module-global
// variable that `init`/`initSync` will not replace: every later call would fail. So this
// wrapper keeps the compiled `WebAssembly.Module` and, on a trap, instantiates it again
// under a fresh copy of the glue — the glue's URL with `?instance=N`, which browsers and Node
// load as a module of its own — and retries the call once. Copies are imported ahead of time
// (two spares: one for the retry, one for the call after), so the rebuild is synchronous and
// a page that checks on every keystroke keeps answering.
//
// Rulesets: wasm-bindgen frees a ruleset it made when its JavaScript object is collected (a
// FinalizationRegistry in the glue); in a dead instance that call traps, outside any caller,
// as an uncaught error. So the engine holds every ruleset it made: a live one is freed when
// its wrapper is collected or freed, and at a rebuild those of the dead instance are detached
// (`__destroy_into_raw`, the glue's own JavaScript-only step of `free`, which unregisters
// them) without calling into the dead instance.
//
// Cost: an ES module is never unloaded, so each rebuild keeps the dead instance's memory
// (measured: about 1.3 MB each, two per input that traps: the call and its retry). Only inputs
// that trap cause rebuilds.
//
// Usage:
//   const engine = await Engine.load({ glue: new URL("./pkg/tieuchi_wasm.js", import.meta.url).href,
//                                      wasm: new URL("./pkg/tieuchi_wasm_bg.wasm", import.meta.url) });
//   const rules = engine.compile(source, files);   // the package's API, same names
//   rules.evaluate(record);

/** Spare copies of the glue kept imported, ready for a synchronous rebuild. */
const SPARES = 2;

/** Copies of the glue imported so far, by every engine of this page: each copy is new. */
let copies = 0;

/** Messages of wasm-bindgen's glue once an instance is in a bad state after a trap. */
const BROKEN_GLUE = /recursive use of an object|null pointer passed to rust|attempt to use a moved value|while it was borrowed/i;

/** True for an error that means the instance trapped or its state can no longer be trusted. */
export function isTrap(e) {
  if (e instanceof WebAssembly.RuntimeError) return true;
  // A stack overflow: V8 throws RangeError, Firefox InternalError ("too much recursion").
  if (e instanceof Error && /maximum call stack|too much recursion/i.test(e.message)) return true;
  return e instanceof Error && BROKEN_GLUE.test(e.message);
}

/** An error of the engine itself (not of the rule file or the record). */
export class EngineError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "EngineError";
    /** True when the engine had no spare instance yet: retry after `engine.ready()`. */
    this.restarting = message === RESTARTING;
  }
}

const CRASHED =
  "Dữ liệu này làm bộ máy chấm điểm gặp sự cố ngay cả sau khi khởi động lại; hãy sửa hoặc rút gọn dữ liệu rồi thử lại " +
  "(this input crashes the engine even after a restart; change or shorten it and try again)";
const RESTARTING =
  "Bộ máy chấm điểm đang khởi động lại sau một sự cố; hãy thử lại sau giây lát " +
  "(the engine is restarting after a crash; try again in a moment)";

/** The package's API behind one or more instances; rebuilt after a trap. */
export class Engine {
  #module;
  #glueUrl;
  #importGlue;
  #api = null;
  #spares = [];
  #loading = null;
  #broken = false;
  /** The rulesets made in the live instance (see `adopt`). */
  #made = new Set();
  #registry = new FinalizationRegistry(({ inner, generation }) => this.release(inner, generation));
  /** Instance generation: a ruleset compiled in an older one is compiled again. */
  generation = 0;
  /** Traps seen and instances rebuilt, for tests and diagnostics. */
  traps = 0;
  rebuilds = 0;

  /**
   * Compiles the module (once) and starts the first instance.
   * `glue`: absolute URL of tieuchi_wasm.js; `wasm`: the .wasm as bytes, a URL or a Response
   * (or `module`: an already compiled WebAssembly.Module); `importGlue(url)`: how to import
   * a copy of the glue (default: dynamic `import`); `waitForSpares` (default true): resolve
   * only once the spare copies are imported too.
   */
  static async load({ glue, wasm, module, importGlue = (url) => import(url), waitForSpares = true }) {
    const engine = new Engine(glue, module, importGlue);
    // The copies of the glue are fetched all at once, each a round trip on a phone network (on
    // "Slow 4G", 0.56 s): while the module downloads and compiles; or, for a page that answers
    // as soon as its instance is up (`waitForSpares: false`), after that, so that they take
    // nothing from the module's download (measured on the phone profile: they ended after the
    // module and delayed the first visit). Until they are in, a trap says RESTARTING (retry
    // after `ready()`).
    const first = importGlue(engine.#copy());
    if (waitForSpares) engine.#fill();
    engine.#module = module ?? (await compileModule(wasm));
    const api = await first;
    api.initSync({ module: engine.#module });
    engine.#api = api;
    if (waitForSpares) await engine.ready();
    else engine.#fill();
    return engine;
  }

  constructor(glueUrl, module, importGlue) {
    this.#glueUrl = glueUrl;
    this.#module = module;
    this.#importGlue = importGlue;
  }

  /** Resolves once the spare copies of the glue are imported. */
  ready() {
    return this.#loading ?? Promise.resolve();
  }

  /** `compile(source, files)` of the package, as a ruleset that survives rebuilds. */
  compile(source, files) {
    const inner = this.call((api) => api.compile(source, files));
    return new Ruleset(this, source, files, inner);
  }

  /** `check(source, files)` of the package. */
  check(source, files) {
    return this.call((api) => api.check(source, files));
  }

  /** `documentHtml(source, files, name)` of the package (the authors' module only). */
  documentHtml(source, files, name) {
    return this.call((api) => api.documentHtml(source, files, name));
  }

  /**
   * Runs `fn(api)` on the live instance. On a trap: rebuilds the instance and runs it once
   * more; if that traps too, throws an EngineError (Vietnamese first) and leaves the engine
   * to rebuild before the next call. Errors that are not traps (a bad rule file…) pass through.
   */
  call(fn) {
    if (this.#broken) this.#rebuild();
    for (let attempt = 0; ; attempt++) {
      try {
        return fn(this.#api, this.generation);
      } catch (e) {
        if (!isTrap(e)) throw e;
        this.traps++;
        this.#broken = true;
        if (attempt > 0) throw new EngineError(CRASHED, { cause: e });
        this.#rebuild(e);
      }
    }
  }

  /** Holds `inner` (a ruleset of the live instance) for `wrapper`, freed when it is collected. */
  adopt(wrapper, inner) {
    this.#made.add(inner);
    this.#registry.unregister(wrapper);
    this.#registry.register(wrapper, { inner, generation: this.generation }, wrapper);
  }

  /** Frees `inner` if it lives in the live instance; forgets `wrapper`'s registration. */
  release(inner, generation, wrapper) {
    if (wrapper) this.#registry.unregister(wrapper);
    if (generation !== this.generation || !this.#made.delete(inner)) return;
    try {
      inner.free();
    } catch {
      // The instance trapped meanwhile: the rebuild detaches what is left.
    }
  }

  /** Detaches the rulesets of a dead instance without calling into it. */
  #retire() {
    for (const inner of this.#made) {
      try {
        inner.__destroy_into_raw?.();
      } catch {
        // Nothing more can be done for it; it is dropped either way.
      }
    }
    this.#made.clear();
  }

  /** A fresh instance from a spare copy of the glue. */
  #rebuild(cause) {
    this.#retire();
    const glue = this.#spares.shift();
    this.#fill();
    if (!glue) throw new EngineError(RESTARTING, { cause });
    glue.initSync({ module: this.#module });
    this.#api = glue;
    this.generation++;
    this.rebuilds++;
    this.#broken = false;
  }

  /** Imports copies of the glue, all at once, until there are enough spares. */
  #fill() {
    const need = SPARES - this.#spares.length;
    if (this.#loading || need <= 0) return;
    const copies = Array.from({ length: need }, () => this.#importGlue(this.#copy()));
    this.#loading = Promise.all(copies).then(
      (glues) => {
        this.#spares.push(...glues);
        this.#loading = null;
        this.#fill();
        return this.ready();
      },
      (e) => {
        this.#loading = null;
        throw new EngineError(`không tải được mã JavaScript của bộ máy (cannot load the engine's glue): ${e.message}`, { cause: e });
      },
    );
    // Awaited through ready(); a failure also shows as RESTARTING at the next rebuild.
    this.#loading.catch(() => {});
  }

  /** The URL of a new copy of the glue: a module instance of its own. */
  #copy() {
    const url = new URL(this.#glueUrl);
    url.searchParams.set("instance", String(copies++));
    return url.href;
  }
}

/** A compiled rule file, compiled again when its instance was replaced. Same API as the package's. */
export class Ruleset {
  #engine;
  #source;
  #files;
  #inner;
  #generation;

  constructor(engine, source, files, inner) {
    this.#engine = engine;
    this.#source = source;
    this.#files = files;
    this.#inner = inner;
    this.#generation = engine.generation;
    engine.adopt(this, inner);
  }

  /** Calls `name(...args)` on the ruleset of the live instance. */
  #call(name, ...args) {
    return this.#engine.call((api, generation) => {
      if (this.#generation !== generation) {
        // The old object lived in a dead instance: nothing to free there.
        this.#inner = api.compile(this.#source, this.#files);
        this.#generation = generation;
        this.#engine.adopt(this, this.#inner);
      }
      const inner = this.#inner;
      const member = inner[name]; // a getter (model, version, title) runs here
      return typeof member === "function" ? member.apply(inner, args) : member;
    });
  }

  get model() {
    return this.#call("model");
  }
  get version() {
    return this.#call("version");
  }
  get title() {
    return this.#call("title");
  }
  diagnostics() {
    return this.#call("diagnostics");
  }
  evaluate(record) {
    return this.#call("evaluate", record);
  }
  evaluateJson(record) {
    return this.#call("evaluateJson", record);
  }
  evaluateMany(records) {
    return this.#call("evaluateMany", records);
  }
  evaluateManyJson(records) {
    return this.#call("evaluateManyJson", records);
  }
  schema() {
    return this.#call("schema");
  }
  questions(record) {
    return this.#call("questions", record);
  }
  runTests() {
    return this.#call("runTests");
  }
  /** Frees the ruleset in its instance (a no-op when that instance was replaced). */
  free() {
    this.#engine.release(this.#inner, this.#generation, this);
    this.#inner = null;
    this.#generation = -1;
  }
}

/** A WebAssembly.Module from bytes, a URL or a fetch Response (streaming when served as wasm). */
async function compileModule(wasm) {
  if (wasm instanceof WebAssembly.Module) return wasm;
  if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) return WebAssembly.compile(wasm);
  const response = wasm instanceof Response ? wasm : await fetch(wasm);
  if (!response.ok) throw new EngineError(`không tải được ${response.url} (cannot load the engine): HTTP ${response.status}`);
  if (WebAssembly.compileStreaming && response.headers.get("content-type") === "application/wasm") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
