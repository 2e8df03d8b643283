// A tiny static server (no dependencies) for the browser pages:
//   /         -> wasm/www      /pkg/ -> wasm/pkg      /rules/ -> rules
// Usage: node wasm/www/serve.mjs [port]   (PORT env also works; 0 picks a free port)
// Listens on 127.0.0.1 only. Importable: `const { server, port } = await serve(0)`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const ROOTS = [
  ["/pkg/", join(here, "../pkg")],
  ["/rules/", join(here, "../../rules")],
  ["/", here],
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".rules": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
};

async function handle(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405).end();
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (path.endsWith("/")) path += path === "/" ? "index.html" : "";
  const [prefix, dir] = ROOTS.find(([p]) => path.startsWith(p));
  const rel = normalize(path.slice(prefix.length));
  if (rel.startsWith("..") || rel.includes(`${sep}..${sep}`) || path.includes("\0")) {
    res.writeHead(403).end();
    return;
  }
  const file = join(dir, rel);
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
  }
}

/** Starts the server on 127.0.0.1:port (0: a free port); resolves to { server, port, url }. */
export function serve(port = 8080) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const p = server.address().port;
      resolve({ server, port: p, url: `http://localhost:${p}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await serve(port);
  console.log(`tieuchi pages: ${url} (form), ${url}playground.html (rule playground)`);
}
