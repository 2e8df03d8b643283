#!/usr/bin/env bash
# The batch benchmark: tieuchi against the hand-written TT 22/2020 scorer (baseline-tt22).
#
#   bench/run.sh [--records N] [--jobs-list "1 2"] [--runs R] [--seed S] [--model-records M]
#                [--no-check]
#
# Builds the release binaries, generates N unit records once (kept in $TMPDIR/tieuchi-bench
# for the next run with the same N and seed), checks that both scorers write byte-identical
# answers, summary NDJSON and CSV (also on a file with 1 % damaged lines; --no-check skips
# this), then times both with each job count in R rounds (t1, b1, t2, b2… in each, then both
# writing CSV on one job; the median kept; one job runs pinned to one core with taskset, so that
# reading and writing share that core too) and prints Markdown tables: records/s, the ratio
# tieuchi/baseline, the scaling with jobs (also round by round), peak RSS, the CSV ratio; and
# tieuchi's records/s on one core for every model's generator (M records each).
set -euo pipefail

records=1000000
jobs_list="1 $(nproc 2>/dev/null || echo 2)"
runs=5
seed=1
model_records=""
check=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --records) records="$2"; shift 2 ;;
    --jobs-list) jobs_list="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --model-records) model_records="$2"; shift 2 ;;
    --no-check) check=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "lỗi: không hiểu tham số «$1» / unknown option; xem / see: $0 --help" >&2; exit 2 ;;
  esac
done
jobs_list=$(tr ' ' '\n' <<<"$jobs_list" | awk 'NF && !seen[$0]++' | tr '\n' ' ')
model_records=${model_records:-$(( records / 10 > 1000 ? records / 10 : 1000 ))}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
work=${TMPDIR:-/tmp}/tieuchi-bench
mkdir -p "$work"
say() { echo "$@" >&2; }

say "== building release binaries"
cargo build --release -j2 -p tieuchi -p tieuchi-bench >&2
tieuchi="$target/release/tieuchi"
baseline="$target/release/baseline-tt22"
gen="$target/release/tieuchi-gen"
rules=rules/unit/tt22-2020.rules

# Generates MODEL records into a file once; an interrupted generation leaves only a .part.
generate() { # model n corrupt -> path
  local path="$work/$1-$2-seed$seed-corrupt$3.ndjson"
  if [[ ! -s "$path" ]]; then
    say "== generating $2 records of $1 (--corrupt $3) into $path"
    "$gen" "$1" --records "$2" --seed "$seed" --corrupt "$3" >"$path.part"
    mv "$path.part" "$path"
  fi
  echo "$path"
}

# Runs a command; prints "seconds peak_kib". Peak RSS from /usr/bin/time, else Python's
# getrusage(RUSAGE_CHILDREN), else polling VmHWM in /proc (RSS_TOOL=time|python|proc picks one).
# Linux keeps a process's peak from before its exec, so Python's figure is an upper bound that
# includes the Python interpreter the command was started from (about 10 MiB).
rss_tool=${RSS_TOOL:-auto}
if [[ $rss_tool == auto ]]; then
  if [[ -x /usr/bin/time ]]; then rss_tool=time
  elif command -v python3 >/dev/null; then rss_tool=python
  else rss_tool=proc
  fi
fi
measure() { # prints "seconds peak_kib cpu_seconds"
  local start end
  if [[ $rss_tool == time ]]; then
    start=$(date +%s.%N)
    /usr/bin/time -f '%M %U %S' -o "$work/time.out" "$@" 2>/dev/null
    end=$(date +%s.%N)
    tail -n 1 "$work/time.out" | awk -v s="$start" -v e="$end" '{ printf "%.3f %d %.2f\n", e - s, $1, $2 + $3 }'
  elif [[ $rss_tool == python ]]; then
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL)
t = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{t:.3f} {r.ru_maxrss} {r.ru_utime + r.ru_stime:.2f}")
PY
  else
    start=$(date +%s.%N)
    "$@" 2>/dev/null &
    local pid=$! peak=0 now ticks=0 t
    while kill -0 "$pid" 2>/dev/null; do
      now=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
      (( ${now:-0} > peak )) && peak=$now
      t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
      (( ${t:-0} > ticks )) && ticks=$t
      sleep 0.05
    done
    wait "$pid"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v k="$peak" -v c="$ticks" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%.3f %d %.2f\n", e - s, k, c / hz }'
  fi
}

# The runs' "seconds peak_kib cpu" lines -> median seconds, largest peak, median CPU seconds.
summarize() {
  median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
  field() { printf '%s\n' "${@:2}" | cut -d ' ' -f "$1"; }
  echo "$(field 1 "$@" | median) $(field 2 "$@" | sort -n | tail -n 1) $(field 3 "$@" | median)"
}

# Median seconds, largest peak and median CPU seconds over R runs: "seconds peak_kib cpu".
timed() {
  local i out=()
  for ((i = 0; i < runs; i++)); do
    # Each run writes a new file: neither program pays for removing the last run's output.
    rm -f "$work/out.ndjson"
    out+=("$(measure "$@")")
  done
  summarize "${out[@]}"
}

input=$(generate unit-tt22 "$records" 0)
damaged=$(generate unit-tt22 "$(( records / 10 > 1000 ? records / 10 : 1000 ))" 1)

say "== checking that tieuchi and the baseline agree byte for byte"
for f in "$input" "$damaged"; do
  [[ $check == 1 ]] || { say "   skipped (--no-check)"; break; }
  "$tieuchi" batch "$rules" --input "$f" --output "$work/tieuchi.ndjson" --detail summary 2>/dev/null
  "$baseline" --input "$f" --output "$work/baseline.ndjson" 2>/dev/null
  "$tieuchi" batch "$rules" --input "$f" --output "$work/tieuchi.csv" 2>/dev/null
  "$baseline" --input "$f" --output "$work/baseline.csv" 2>/dev/null
  for ext in ndjson csv; do
    if ! cmp -s "$work/tieuchi.$ext" "$work/baseline.$ext"; then
      say "LỖI / FAILED: tieuchi and baseline-tt22 answers ($ext) differ on $f:"
      cmp "$work/tieuchi.$ext" "$work/baseline.$ext" >&2 || true
      diff "$work/tieuchi.$ext" "$work/baseline.$ext" | head -n 4 | cut -c 1-400 >&2 || true
      exit 1
    fi
  done
  say "   $(basename "$f"): identical ($(wc -l <"$work/tieuchi.ndjson") answers, NDJSON and CSV)"
done
rm -f "$work/tieuchi.ndjson" "$work/baseline.ndjson" "$work/tieuchi.csv" "$work/baseline.csv"

# One job runs on one core: pinned with taskset when there is one.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
on() { # jobs -> the command prefix that runs with that many jobs
  if [[ $1 == 1 ]]; then echo "${pin[@]}"; fi
}

load_before=$(uptime | sed 's/.*load average: //')
declare -A rate rss cpu took
per() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }
# R rounds; each runs tieuchi and the baseline once with each job count (t1, b1, t2, b2…), so
# that the machine slowing down or speeding up weighs on every figure alike. Before each run
# the last output is removed and the disk cache flushed, so that no write-back of an earlier
# file falls into a run's time.
for ((i = 1; i <= runs; i++)); do
  say "== timing round $i of $runs (jobs: $jobs_list)"
  for j in $jobs_list; do
    rm -f "$work/out.ndjson"; sync
    took[t$j]+="$(measure $(on "$j") "$tieuchi" batch "$rules" --input "$input" --output "$work/out.ndjson" --jobs "$j")"$'\n'
    rm -f "$work/out.ndjson"; sync
    took[b$j]+="$(measure $(on "$j") "$baseline" --input "$input" --output "$work/out.ndjson" --jobs "$j")"$'\n'
  done
  # CSV rows (one short row per record, so scoring rather than writing weighs), one job.
  rm -f "$work/out.csv"; sync
  took[tcsv]+="$(measure $(on 1) "$tieuchi" batch "$rules" --input "$input" --output "$work/out.csv" --jobs 1)"$'\n'
  rm -f "$work/out.csv"; sync
  took[bcsv]+="$(measure $(on 1) "$baseline" --input "$input" --output "$work/out.csv" --jobs 1)"$'\n'
done
for key in "${!took[@]}"; do
  mapfile -t lines <<<"${took[$key]%$'\n'}"
  read -r t k c < <(summarize "${lines[@]}")
  rate[$key]=$(per "$records" "$t"); rss[$key]=$k; cpu[$key]=$(per "$records" "$c")
done
rm -f "$work/out.ndjson" "$work/out.csv"
load_after=$(uptime | sed 's/.*load average: //')

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
thousands() {
  awk -v n="$1" 'BEGIN { s = sprintf("%d", n); out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    print s out }'
}

echo "Unit TT 22/2020, $records records ($(du -h "$input" | cut -f1) of NDJSON), median of $runs runs;"
rss_note=""
[[ $rss_tool == python ]] && rss_note=" (an upper bound: includes the Python process that starts each run, about 10 MiB)"
echo "$(nproc) cores, load average before $load_before, after $load_after; peak RSS by $rss_tool$rss_note."
[[ ${#pin[@]} -gt 0 ]] && echo "One job runs pinned to one core (\`${pin[*]}\`): reading, scoring and writing share it."
echo
echo "| jobs | tieuchi records/s | baseline records/s | tieuchi / baseline | tieuchi records per CPU-second | baseline records per CPU-second | tieuchi peak RSS | baseline peak RSS |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
first=""
for j in $jobs_list; do
  first=${first:-$j}
  ratio=$(awk -v a="${rate[t$j]}" -v b="${rate[b$j]}" 'BEGIN { printf "%.2f", a / b }')
  echo "| $j | $(thousands "${rate[t$j]}") | $(thousands "${rate[b$j]}") | ${ratio}× |" \
    "$(thousands "${cpu[t$j]}") | $(thousands "${cpu[b$j]}") | $(mib "${rss[t$j]}") | $(mib "${rss[b$j]}") |"
done
echo
echo "CSV rows instead of summary NDJSON lines, 1 job: tieuchi $(thousands "${rate[tcsv]}") records/s," \
  "baseline $(thousands "${rate[bcsv]}") records/s:" \
  "$(awk -v a="${rate[tcsv]}" -v b="${rate[bcsv]}" 'BEGIN { printf "%.2f", a / b }')× (issue 17 asks for 0.6×)."
for j in $jobs_list; do
  [[ "$j" == "$first" ]] && continue
  echo
  echo "Scaling from $first to $j jobs: tieuchi $(awk -v a="${rate[t$j]}" -v b="${rate[t$first]}" 'BEGIN { printf "%.2f", a / b }')×," \
    "baseline $(awk -v a="${rate[b$j]}" -v b="${rate[b$first]}" 'BEGIN { printf "%.2f", a / b }')×."
  for who in t b; do
    # Within a round the runs are close in time: the ratio of each round's pair of runs.
    ratios=$(paste -d ' ' <(cut -d ' ' -f 1 <<<"${took[$who$first]}") <(cut -d ' ' -f 1 <<<"${took[$who$j]}") |
      awk 'NF == 2 && $2 > 0 { printf "%s%.2f×", sep, $1 / $2; sep = ", " }')
    echo "Round by round, $([[ $who == t ]] && echo tieuchi || echo baseline): $ratios."
  done
done

echo
echo "tieuchi on 1 job$([[ ${#pin[@]} -gt 0 ]] && echo ", pinned to one core"), $model_records records per model (median of $runs runs):"
echo
echo "| model | rule file | recognised | records/s | peak RSS |"
echo "|---|---|---:|---:|---:|"
while IFS=$'\t' read -r m file; do
  f=$(generate "$m" "$model_records" 0)
  recognised=$("$tieuchi" batch "rules/$file" --input "$f" --output "$work/out.ndjson" --jobs 1 2>&1 |
    sed -n 's/^kết quả (status): được công nhận (recognized) \([0-9]*\).*/\1/p' | head -n 1)
  read -r t k _ < <(timed $(on 1) "$tieuchi" batch "rules/$file" --input "$f" --output "$work/out.ndjson" --jobs 1)
  r=$(awk -v n="$model_records" -v t="$t" 'BEGIN { printf "%.0f", n / t }')
  share=$(awk -v a="${recognised:-0}" -v n="$model_records" 'BEGIN { printf "%.1f %%", 100 * a / n }')
  echo "| $m | \`rules/$file\` | $share | $(thousands "$r") | $(mib "$k") |"
done < <("$gen" --list)
rm -f "$work/out.ndjson" "$work/time.out"
