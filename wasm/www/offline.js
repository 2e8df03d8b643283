// Registers the service worker (sw.js): a repeat visit opens at once, and after the first
// visit the pages work offline. When the worker finds a page, script, module or rule file
// changed on the server, it says so and the page offers a reload, so that nobody scores on
// with old rules without knowing. A browser without service workers, or a page opened from a
// file, works as before, online.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  // Registered once the page has loaded: installing copies the form's files, and on a first
  // visit those downloads would otherwise share a slow network with the page's own.
  const register = () =>
    navigator.serviceWorker.register("./sw.js").catch(() => {
      // Not available (a private window, a blocked origin): the page still works online.
    });
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type !== "tieuchi-updated" || document.querySelector("#updated")) return;
    const bar = document.createElement("div");
    bar.id = "updated";
    bar.className = "updated";
    bar.setAttribute("role", "status");
    bar.innerHTML =
      'Có bản mới của trang hoặc của bộ tiêu chí trên máy chủ. <button type="button">Tải lại để dùng bản mới</button>' +
      '<span lang="en"> (A newer version is available: reload.)</span>';
    bar.querySelector("button").addEventListener("click", () => location.reload());
    document.body.prepend(bar);
  });
}
