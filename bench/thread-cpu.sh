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
launcher="$root/bin/sabiscore"

work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-thread-cpu.XXXXXX")"
. "$here/replayed-app.sh"
trap 'stop_app; drop_synthetic_keys' EXIT
cc -O2 -Wall -o "$work/openloop" "$here/openloop/openloop.c"
start_replayed_app
collect_fixtures
WRK_FIXTURES="$fixtures" wrk -t2 -c64 -d30s -s "$here/post-predict.lua" "$base/api/v1/predict" >/dev/null

# thread id, CPU ticks so far, name (spaces made underscores so join keeps one field)
threads() { for t in /proc/"$app_jvm"/task/*; do echo "$(basename "$t") $(awk '{ print $14 + $15 }' "$t/stat") $(tr ' ' _ < "$t/comm")"; done | sort; }
if [ "$mix" = "--get-ids" ]; then input=(--get-ids "$ids"); else input=(--post-fixtures "$fixtures" --hit-share "$hit_share"); fi
echo "# bench/thread-cpu.sh $(date -u +%FT%TZ) rate=$rate mix=$mix hit_share=$hit_share duration=${duration}s $(git -C "$root" rev-parse --short HEAD)"
threads > "$work/before"
"$work/openloop" -p "$port" -r "$rate" -d "$duration" -c 32 "${input[@]}" | grep -E 'achieved|^latency' || true  # an overloaded run still says where the CPU went
threads > "$work/after"
join "$work/before" "$work/after" | awk -v hz="$(getconf CLK_TCK)" -v s="$duration" -v r="$rate" '
  { d = ($4 - $2) / hz; total += d; by[$3] += d }
  END {
    for (name in by) if (by[name] / s >= 0.01) printf "%6.1f %% of a core  %7.1f us/request  %s\n", 100 * by[name] / s, 1e6 * by[name] / (s * r), name
    printf "%6.1f %% of a core  %7.1f us/request  all threads\n", 100 * total / s, 1e6 * total / (s * r)
  }' | sort -rn
