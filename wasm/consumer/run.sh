#!/usr/bin/env bash
# Installs the npm package as a web developer would and uses it: packs wasm/pkg (built by
# wasm/build.sh) with `npm pack`, copies this project to a fresh folder, `npm ci` (Vite and
# TypeScript, pinned), installs the tarball, then
#   1. `tsc --strict` over types/usage.ts (every function and answer field) and
#      types/mistakes.ts (planted mistakes that must be type errors);
#   2. Node: `await init()` with no argument, the answer byte for byte as `tieuchi eval`'s;
#   3. `vite build` of a page whose script is the README's form example, and a Web Worker;
#   4. that build in Chromium (Debian's, through wasm/node_modules/playwright-core).
# Needs: node/npm, wasm/pkg, `npm ci` done in wasm/, target/debug/tieuchi or cargo.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
wasm=$(dirname "$here")
root=$(dirname "$wasm")
work=$(mktemp -d "${TMPDIR:-/tmp}/tieuchi-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT

rules=rules/unit/tt22-2020.rules
record=rules/unit/examples/so-gddt-tot.json
tieuchi=${TIEUCHI:-$root/target/debug/tieuchi}
[[ -x "$tieuchi" ]] || { cargo build -q -p tieuchi; tieuchi=$root/target/debug/tieuchi; }
(cd "$root" && "$tieuchi" eval "$rules" "$record" --format json) >"$work/expected.json"

echo "==> npm pack wasm/pkg"
tarball=$(cd "$wasm/pkg" && npm pack --silent --pack-destination "$work" | tail -n 1)
tar -tzf "$work/$tarball" | sed 's/^/    /'

echo "==> a fresh project: npm ci, then the tarball"
mkdir "$work/app"
cp -r "$here/package.json" "$here/package-lock.json" "$here/tsconfig.json" "$here/vite.config.js" \
  "$here/index.html" "$here/types" "$here/src" "$here/node-check.mjs" "$here/browser-check.mjs" "$work/app/"
cd "$work/app"
npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error "$work/$tarball"
# The README's form example is the page's script, as written there.
awk '/^## Ví dụ/ { on = 1 } on && /^```js$/ { code = 1; next } code && /^```$/ { exit } code' \
  node_modules/tieuchi/README.md >src/main.js
[[ -s src/main.js ]] || { echo "run.sh: no js example under «## Ví dụ» in the package's README" >&2; exit 1; }
mkdir -p public/rules/unit && cp "$root/$rules" public/rules/unit/

echo "==> tsc --strict (usage, and planted mistakes that must fail)"
npx tsc -p tsconfig.json
echo "==> Node"
node node-check.mjs "$root/$rules" "$root/$record" "$work/expected.json"
echo "==> vite build"
npx vite build --logLevel warn
ls dist/assets | sed 's/^/    /'
echo "==> the build in Chromium"
PLAYWRIGHT_CORE="$wasm/node_modules/playwright-core/index.mjs" \
  node browser-check.mjs dist "$root/$record" "$work/expected.json"
