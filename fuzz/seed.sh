#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, git-ignored) from the repository's rule files
# and example records. Idempotent: files are named after what they hold.
#   rules:    every rules/**/*.rules
#   records:  every rules/**/examples/*.json
#   wasm_api: each example after a mode byte naming each bundled rule file (odd modes, the
#             order of RULE_FILES in fuzz/src/lib.rs), and each rule file + NUL + an example
# plus fuzz/seeds/: a small complete rule file and a record for it (short inputs run many
# times faster than the bundled files, so the search goes further).
set -euo pipefail
cd "$(dirname "$0")"
rules=../rules
mkdir -p corpus/rules corpus/records corpus/wasm_api

# The order of RULE_FILES in src/lib.rs.
mapfile -t bundled < <(sed -n 's/^ *("\([^"]*\.rules\)", include_str!.*/\1/p' src/lib.rs)
mapfile -t examples < <(find "$rules" -path '*/examples/*.json' | sort)

for f in $(find "$rules" -name '*.rules' | sort); do
    cp "$f" "corpus/rules/$(echo "${f#"$rules"/}" | tr / _)"
done
for f in "${examples[@]}"; do
    cp "$f" "corpus/records/$(basename "$f")"
done
for i in "${!bundled[@]}"; do
    model=${bundled[$i]%%/*}
    for f in "${examples[@]}"; do
        # Examples of the same model only: other pairs add little but size.
        [[ "$f" == "$rules/$model/"* ]] || continue
        out="corpus/wasm_api/mode$((2 * i + 1))-$(basename "$f")"
        { printf "\\x$(printf %02x $((2 * i + 1)))"; cat "$f"; } >"$out"
    done
    first=$(find "$rules/$model/examples" -name '*.json' | sort | head -n 1)
    { printf '\x00'; cat "$rules/${bundled[$i]}"; printf '\x00'; cat "$first"; } \
        >"corpus/wasm_api/text-$(echo "${bundled[$i]}" | tr / _)"
done
cp seeds/small.rules corpus/rules/small.rules
cp seeds/small.json corpus/records/small.json
{ printf '\x00'; cat seeds/small.rules; printf '\x00'; cat seeds/small.json; } >corpus/wasm_api/text-small
echo "seeded: $(ls corpus/rules | wc -l) rules, $(ls corpus/records | wc -l) records, $(ls corpus/wasm_api | wc -l) wasm_api"
