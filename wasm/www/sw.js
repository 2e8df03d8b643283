// The service worker: the pages open at once on a repeat visit and work offline.
//
// Stale while revalidate: a file kept from an earlier visit is answered at once, and the
// server is asked for it at the same time (serve.mjs answers a bodiless 304 when unchanged);
// a changed file replaces the kept one, and the open pages are told (`tieuchi-updated`), so
// that the page offers a reload («Có bản mới…») rather than scoring on with the old rules
// unknowingly. A file not kept yet comes from the network and is kept. The form's files are
// kept when the worker installs, the playground's and other rule files when first opened.
// Nothing but same-origin GET requests is touched; nothing leaves the device.
const CACHE = "tieuchi-v2";
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
  event.respondWith(staleWhileRevalidate(event));
});

/** The kept copy at once (the server asked in the background), else the network's. */
async function staleWhileRevalidate(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) {
      await cache.put(request, response.clone());
      if (kept && changed(kept, response)) await tell(request.url);
    }
    return response;
  });
  if (kept) {
    event.waitUntil(fresh.catch(() => {}));
    return kept;
  }
  return fresh;
}

/** The server's copy differs from the kept one (by its validator). */
function changed(kept, response) {
  for (const header of ["etag", "last-modified"]) {
    const [a, b] = [kept.headers.get(header), response.headers.get(header)];
    if (a && b) return a !== b;
  }
  return false;
}

/** Tells the open pages that a file changed on the server. */
async function tell(url) {
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ type: "tieuchi-updated", url });
  }
}
