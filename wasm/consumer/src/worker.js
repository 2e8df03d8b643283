// A module Web Worker that scores a record with the package: the page posts the rule file's
// text and a record, the worker posts back the answer's JSON text.
import init, { compile } from "tieuchi/forms";

const ready = init();
self.onmessage = async ({ data }) => {
  await ready;
  self.postMessage(compile(data.source).evaluateJson(data.record));
};
