#!/usr/bin/env bash
# CPU of each thread of the app while one open-loop mix runs: where a request's CPU goes, by thread
# (event loops, JIT compilers, stream, broker...). Starts `bin/sabiscore run` as bench/http-load.sh
# does, warms it up with wrk's POST mix, then runs bench/openloop once and prints each thread's
# share of a core over the run (from /proc/<pid>/task/*/stat). Loopback only; stops the app.
#   bench/thread-cpu.sh                               # POST, every request a cache miss, 1,500/s for 15 s
#   RATE=8000 HIT_SHARE=1.0 bench/thread-cpu.sh       # POST, every request a hit
#   MIX="--get-ids" RATE=30000 bench/thread-cpu.sh    # GET by id
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
port="${PORT:-18080}"
rate="${RATE:-1500}"
hit_share="${HIT_SHARE:-0}"
mix="${MIX:---post-fixtures}"
duration="${DURATION:-15}"
base="http://127.0.0.1:$port"

work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-thread-cpu.XXXXXX")"
app_pid=""
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_app EXIT
cc -O2 -Wall -o "$work/openloop" "$here/openloop/openloop.c"

"$root/bin/sabiscore" run --replay always --from 2023-08-01 --to 2024-06-30 --port "$port" \
  --set embedded.broker.dir="$work/kafka" --set state.dir="$work/state" --set embedded.broker.port=0 >"$work/app.log" 2>&1 &
app_pid=$!
until grep -q "Ctrl-C stops SabiScore" "$work/app.log"; do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 1
done
last="$(grep -o "/api/v1/predictions/[^ ]*%3A[^ ]*" "$work/app.log" | head -1)"
until curl -sf -o /dev/null "$base$last"; do sleep 1; done
for competition in E0 D1 F1 I1 SP1; do
  curl -sf "$base/api/v1/predictions?competition=$competition&from=2023-08-01&to=2024-06-30"
done | jq -r '.predictions[].fixture_id' | sort -u > "$work/raw-ids.txt"
jq -Rr '@uri' < "$work/raw-ids.txt" > "$work/ids.txt"
awk -F: '{ print $1 "\t" $3 "\t" $4 }' "$work/raw-ids.txt" > "$work/fixtures.tsv"
WRK_FIXTURES="$work/fixtures.tsv" wrk -t2 -c64 -d30s -s "$here/post-predict.lua" "$base/api/v1/predict" >/dev/null

app_jvm="$(pgrep -P "$app_pid" java || echo "$app_pid")"
# thread id, CPU ticks so far, name (spaces made underscores so join keeps one field)
threads() { for t in /proc/"$app_jvm"/task/*; do echo "$(basename "$t") $(awk '{ print $14 + $15 }' "$t/stat") $(tr ' ' _ < "$t/comm")"; done | sort; }
if [ "$mix" = "--get-ids" ]; then input=(--get-ids "$work/ids.txt"); else input=(--post-fixtures "$work/fixtures.tsv" --hit-share "$hit_share"); fi
echo "# bench/thread-cpu.sh $(date -u +%FT%TZ) rate=$rate mix=$mix hit_share=$hit_share duration=${duration}s $(git -C "$root" rev-parse --short HEAD)"
threads > "$work/before"
"$work/openloop" -p "$port" -r "$rate" -d "$duration" -c 32 "${input[@]}" | grep -E 'achieved|^latency'
threads > "$work/after"
join "$work/before" "$work/after" | awk -v hz="$(getconf CLK_TCK)" -v s="$duration" -v r="$rate" '
  { d = ($4 - $2) / hz; total += d; by[$3] += d }
  END {
    for (name in by) if (by[name] / s >= 0.01) printf "%6.1f %% of a core  %7.1f us/request  %s\n", 100 * by[name] / s, 1e6 * by[name] / (s * r), name
    printf "%6.1f %% of a core  %7.1f us/request  all threads\n", 100 * total / s, 1e6 * total / (s * r)
  }' | sort -rn
