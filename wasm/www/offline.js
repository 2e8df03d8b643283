// Registers the service worker (sw.js): after the first visit the pages work offline. A
// browser without service workers, or a page opened from a file, works as before, online.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("./sw.js").catch(() => {
    // Not available (a private window, a blocked origin): the page still works online.
  });
}
