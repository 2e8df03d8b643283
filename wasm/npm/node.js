// The package's entry in Node: the same API, and `await init()` with no argument works there
// too. The browser entry fetches the .wasm file beside it, and Node's `fetch` cannot read
// `file:` URLs; here it is read from disk instead. Anything given to `init` is passed on.
import init from "./tieuchi_wasm.js";

export * from "./tieuchi_wasm.js";

/** Loads the module: from the .wasm file beside this one when called with no argument. */
export default async function initInNode(input) {
  if (input === undefined) {
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(new URL("./tieuchi_wasm_bg.wasm", import.meta.url));
    return init({ module_or_path: bytes });
  }
  return init(input);
}
