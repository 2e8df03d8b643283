// The service worker: the form works offline after the first visit.
//
// Network first, the cache as the fallback: online, every page, script, module and rule file
// comes from the server (revalidated: serve.mjs answers 304 when unchanged), so a form never
// scores with rules older than the server's; each answer is kept in the cache. Offline, or
// when the server has not answered within TIMEOUT_MS, the cached copy is used. The form's
// files are cached when the worker installs; the playground's when it is first opened.
// Nothing but same-origin GET requests is touched; nothing leaves the device.
const CACHE = "tieuchi-v1";
const TIMEOUT_MS = 4000;
const SHELL = [
  "./",
  "./index.html",
  "./style.css",
  "./form.js",
  "./models.js",
  "./engine.js",
  "./offline.js",
  "./manifest.webmanifest",
  "./icon.svg",
  "./pkg/forms/tieuchi_wasm.js",
  "./pkg/forms/tieuchi_wasm_bg.wasm",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  // Caches of other versions of this worker are removed.
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("tieuchi-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

/** The server's answer (kept in the cache), else the cached one, else the network error. */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS, null));
  try {
    const first = await Promise.race([network, late]);
    if (first) return first;
  } catch {
    // Offline: the cache below.
  }
  const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  return cached ?? network;
}
