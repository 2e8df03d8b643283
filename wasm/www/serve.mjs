// A tiny static server (no dependencies) for the browser pages:
//   /         -> wasm/www      /pkg/ -> wasm/pkg      /rules/ -> rules
// Usage: node wasm/www/serve.mjs [port]   (PORT env also works; 0 picks a free port)
// Listens on 127.0.0.1 only. Importable: `const { server, port } = await serve(0)`.
//
// A repeat visit is cheap: every file has a validator (ETag from its size and modification
// time; `Cache-Control: no-cache` makes the browser ask, and an unchanged file is a bodiless
// 304), and text and WebAssembly go compressed, brotli when the browser accepts it, else gzip
// (each file compressed once per version and kept in memory). Any web server does the same
// with its own settings; see wasm/README.md.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompress, brotliCompressSync, constants, gzipSync } from "node:zlib";

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
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};
/** Types sent compressed (images other than SVG are compressed already). */
const COMPRESS = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".rules", ".ts", ".svg", ".webmanifest"]);
/** Compressed bodies by encoding, path and version (ETag). */
const compressed = new Map();

/** `body` in the best encoding the request accepts: [encoding or null, bytes]. */
function encode(req, file, tag, body) {
  if (!COMPRESS.has(extname(file)) || body.length < 256) return [null, body];
  const accepts = String(req.headers["accept-encoding"] ?? "");
  const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
  if (!encoding) return [null, body];
  const key = `${encoding} ${file} ${tag}`;
  if (!compressed.has(key)) {
    if (encoding === "gzip") compressed.set(key, gzipSync(body, { level: 9 }));
    else {
      // Brotli's best quality takes seconds on the WebAssembly module (225 KB instead of 250
      // KB at quality 9, on 2026-12-07): quality 9 now, the best one as soon as it is ready.
      const params = (q) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: q, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
      compressed.set(key, brotliCompressSync(body, params(body.length > 65536 ? 9 : 11)));
      if (body.length > 65536) {
        brotliCompress(body, params(11), (error, best) => {
          if (!error && compressed.has(key)) compressed.set(key, best);
        });
      }
    }
  }
  return [encoding, compressed.get(key)];
}

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
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a file");
    const tag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const common = {
      "cache-control": "no-cache",
      etag: tag,
      "last-modified": info.mtime.toUTCString(),
      vary: "Accept-Encoding",
      "x-content-type-options": "nosniff",
    };
    const known = String(req.headers["if-none-match"] ?? "").split(/\s*,\s*/);
    if (known.includes(tag) || known.includes("*")) {
      res.writeHead(304, common).end();
      return;
    }
    const [encoding, body] = encode(req, file, tag, await readFile(file));
    res.writeHead(200, {
      ...common,
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": body.length,
      ...(encoding ? { "content-encoding": encoding } : {}),
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
