// Timing of one call, many times after a warm-up: percentiles in microseconds.
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

/** Runs `fn` `warmup` times, then times `iterations` calls one by one. */
export function measure(fn, { warmup = 5000, iterations = 50000 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn();
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  times.sort();
  const at = (q) => times[Math.min(iterations - 1, Math.floor(q * iterations))];
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), iterations };
}

/** Raw and gzipped (level 9) size of a file, in bytes. */
export function sizes(path) {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}
