// Starts the worker, sends it the bundled unit rules and a record (`?record=` holds its JSON),
// and shows the answer in <pre id="worker">.
const record = new URLSearchParams(location.search).get("record") ?? "{}";
const source = await (await fetch("/rules/unit/tt22-2020.rules")).text();
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
  document.querySelector("#worker").textContent = data;
};
worker.postMessage({ source, record });
