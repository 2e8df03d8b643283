#!/usr/bin/env bash
# Builds the browser package: wasm/pkg/tieuchi_wasm.js (ES module: default `init`, `initSync`)
# and wasm/pkg/tieuchi_wasm_bg.wasm, the module for rule authors (the playground: with the
# checker's reasoning about values, C021–C026); and wasm/pkg/forms/, the same API without that
# reasoning, for the forms that people fill on their phones (smaller to download; the same
# answers). Needs the Rust toolchain with the wasm32-unknown-unknown
# target; installs the `wasm-bindgen` command of the exact version the crate pins when it is
# missing or another version; runs `wasm-opt -O3` when present (the npm package `binaryen` that
# `npm ci` in wasm/ installs, else a `wasm-opt` on the PATH) and it makes the file smaller and
# still works. Prints the size of the .wasm, raw and gzipped. Then makes wasm/pkg an npm
# package named `tieuchi` (wasm/npm/: package.json, README, licence, Node entries).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="${CARGO_BUILD_JOBS:-2}"
# [profile.wasm] and [profile.wasm-forms] in the root Cargo.toml: the size and speed settings
target=wasm32-unknown-unknown
out=wasm/pkg

version=$(sed -n 's/^wasm-bindgen = "=\([^"]*\)".*/\1/p' wasm/Cargo.toml)
if [[ -z "$version" ]]; then
    echo "build.sh: no exact wasm-bindgen version (wasm-bindgen = \"=X\") in wasm/Cargo.toml" >&2
    exit 1
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $version" ]]; then
    echo "==> cargo install wasm-bindgen-cli $version"
    if ! cargo install -j "$jobs" wasm-bindgen-cli --version "$version" --locked; then
        # A registry mirror may lack a crate version of the command's lock file; the
        # command's own version is still exact, only its dependencies are resolved afresh.
        echo "build.sh: --locked install failed; retrying without --locked" >&2
        cargo install -j "$jobs" wasm-bindgen-cli --version "$version"
    fi
fi

# One module: cargo build with profile $1 and features $2, wasm-bindgen into $3, wasm-opt, sizes.
module() {
    local profile="$1" features="$2" out="$3"
    echo "==> cargo build ($profile profile, $target, $features)"
    # shellcheck disable=SC2086 # the features are separate words
    cargo build -j "$jobs" --profile "$profile" -p tieuchi-wasm --target "$target" $features
    local input="${CARGO_TARGET_DIR:-target}/$target/$profile/tieuchi_wasm.wasm"
    echo "==> wasm-bindgen --target web ($out)"
    rm -rf "$out"
    wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir "$out" "$input"
    local wasm="$out/tieuchi_wasm_bg.wasm" wasm_opt raw gz why

    # wasm-opt: kept only when it makes the file smaller and the result still loads and scores a
    # record in Node (old binaryen releases, such as Debian's 108, can break the externref table).
    # -O3: the evaluate latency budget is the tighter one (measured: about 4 % faster than without,
    # and smaller too).
    wasm_opt=wasm/node_modules/.bin/wasm-opt
    [[ -x "$wasm_opt" ]] || wasm_opt=$(command -v wasm-opt || true)
    if [[ "${TIEUCHI_WASM_OPT:-1}" == 0 ]]; then
        echo "(wasm-opt skipped: TIEUCHI_WASM_OPT=0)"
    elif [[ -z "$wasm_opt" ]]; then
        echo "(wasm-opt not installed: skipped; run npm ci in wasm/ first)"
    else
        echo "==> $("$wasm_opt" --version): wasm-opt -O3"
        # Rust's default wasm features, enabled explicitly for releases that do not detect them.
        if ! "$wasm_opt" -O3 --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
            --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
            "$wasm" -o "$wasm.opt"; then
            echo "wasm-opt failed; kept the original"
        elif (($(stat -c %s "$wasm.opt") >= $(stat -c %s "$wasm"))); then
            echo "wasm-opt did not make it smaller; kept the original"
        elif ! command -v node >/dev/null; then
            echo "node not installed: cannot check the output of wasm-opt; kept the original"
        elif ! why=$(node wasm/tests/check-module.mjs "$wasm.opt" "$out/tieuchi_wasm.js" 2>&1); then
            echo "the output of wasm-opt does not work; kept the original:"
            grep -m1 -i error <<<"$why" || true
        else
            mv "$wasm.opt" "$wasm"
        fi
        rm -f "$wasm.opt"
    fi

    raw=$(stat -c %s "$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    awk -v f="$wasm" -v raw="$raw" -v gz="$gz" \
        'BEGIN { printf "%s: %d bytes (%.1f KB), gzipped %d bytes (%.1f KB)\n", f, raw, raw / 1024, gz, gz / 1024 }'
}

module wasm "" "$out"
module wasm-forms "--no-default-features" "$out/forms"

# The playground's monospace font, Noto Sans Mono (OFL, from the npm package @fontsource/
# noto-sans-mono that `npm ci` in wasm/ installs): its Latin and Vietnamese subsets, 15 KB,
# so that Vietnamese letters with two marks («ễ», «ặ») are drawn right on every machine.
fonts=wasm/node_modules/@fontsource/noto-sans-mono
if [[ -d "$fonts/files" ]]; then
    mkdir -p "$out/fonts"
    cp "$fonts"/files/noto-sans-mono-{latin,vietnamese}-400-normal.woff2 "$fonts/LICENSE" "$out/fonts/"
else
    echo "(wasm/node_modules has no @fontsource/noto-sans-mono: run npm ci in wasm/; the playground falls back to the system's monospace font)"
fi

# The playground's code editor: CodeMirror 6 (npm, pinned exactly in wasm/package.json) and
# wasm/editor/editor.js, bundled by esbuild into one minified ES module, pkg/editor.js, so the
# playground works offline and fetches nothing from a CDN. A build output, not committed.
esbuild=wasm/node_modules/.bin/esbuild
if [[ -x "$esbuild" ]]; then
    echo "==> esbuild wasm/editor/editor.js -> $out/editor.js"
    meta=$(mktemp)
    "$esbuild" wasm/editor/editor.js --bundle --format=esm --minify --target=es2022 \
        --legal-comments=eof --log-level=warning --metafile="$meta" --outfile="$out/editor.js"
    # The licences of the npm packages bundled (CodeMirror and its dependencies, all MIT).
    node -e '
        const fs = require("fs");
        const inputs = Object.keys(JSON.parse(fs.readFileSync(process.argv[1], "utf8")).inputs);
        const dirs = [...new Set(inputs.map((f) => f.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//)?.[1]).filter(Boolean))].sort();
        const text = dirs.map((d) => {
          const lic = fs.readdirSync(d).find((f) => /^licen[cs]e/i.test(f));
          const pkg = JSON.parse(fs.readFileSync(`${d}/package.json`, "utf8"));
          return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${lic ? fs.readFileSync(`${d}/${lic}`, "utf8") : ""}`;
        });
        fs.writeFileSync(process.argv[2], `pkg/editor.js bundles these npm packages:\n\n${text.join("\n----\n\n")}`);
    ' "$meta" "$out/editor.js.LICENSE.txt"
    rm -f "$meta"
    raw=$(stat -c %s "$out/editor.js")
    gz=$(gzip -9 -c "$out/editor.js" | wc -c)
    awk -v f="$out/editor.js" -v raw="$raw" -v gz="$gz" \
        'BEGIN { printf "%s: %d bytes (%.1f KB), gzipped %d bytes (%.1f KB)\n", f, raw, raw / 1024, gz, gz / 1024 }'
else
    echo "(wasm/node_modules has no esbuild: run npm ci in wasm/; the playground has no editor)" >&2
    exit 1
fi

# The npm package: package.json (the crate's version), README, licence, the Node entries.
if command -v node >/dev/null; then
    node wasm/npm/assemble.mjs "$out"
else
    echo "node not installed: $out is not made an npm package (wasm/npm/assemble.mjs)"
fi
