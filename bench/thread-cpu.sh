#!/usr/bin/env bash
# CPU of each thread of the app while one open-loop mix runs: where a request's CPU goes, by thread
# (event loops, JIT compilers, stream, broker...). Starts `bin/sabiscore run` as bench/http-load.sh
# does, warms it up with wrk's POST mix, then runs bench/openloop once and prints each thread's
# share of a core over the run, with its system (kernel) part, and redis-server's CPU beside it (from
# /proc/<pid>/task/*/stat and /proc/<redis pid>/stat). Loopback only; stops the app.
# Takes about 2 minutes (the app's start and replay, 30 s of wrk, then DURATION).
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

# thread id, user and system CPU ticks so far, name (spaces made underscores so join keeps one field)
threads() { for t in /proc/"$app_jvm"/task/*; do echo "$(basename "$t") $(cpu_ticks "$t/stat") $(tr ' ' _ < "$t/comm")"; done | sort; }
redis_pid="$(pgrep -x redis-server | head -1 || true)"
redis_ticks() { if [ -n "$redis_pid" ]; then cpu_ticks "/proc/$redis_pid/stat"; else echo "0 0"; fi; }
if [ "$mix" = "--get-ids" ]; then input=(--get-ids "$ids"); else input=(--post-fixtures "$fixtures" --hit-share "$hit_share"); fi
echo "# bench/thread-cpu.sh $(date -u +%FT%TZ) rate=$rate mix=$mix hit_share=$hit_share duration=${duration}s $(git -C "$root" rev-parse --short HEAD)"
threads > "$work/before"
redis_before="$(redis_ticks)"
"$work/openloop" -p "$port" -r "$rate" -d "$duration" -c 32 "${input[@]}" | grep -E 'achieved|^latency' || true  # an overloaded run still says where the CPU went
threads > "$work/after"
redis_after="$(redis_ticks)"
# join: id, user, system, name (before), user, system, name (after)
{ join "$work/before" "$work/after"; echo "redis $redis_before redis-server(process) $redis_after redis-server(process)"; } |
  awk -v hz="$(getconf CLK_TCK)" -v s="$duration" -v r="$rate" '
  function line(name, cpu, kernel) {
    printf "%6.1f %% of a core  %7.1f us/request (%5.1f system)  %s\n", 100 * cpu / s, 1e6 * cpu / (s * r), 1e6 * kernel / (s * r), name
  }
  { u = ($5 - $2) / hz; y = ($6 - $3) / hz; if ($1 == "redis") { ru = u; ry = y; next }
    user += u; sys += y; by[$4] += u + y; bysys[$4] += y }
  END {
    for (name in by) if (by[name] / s >= 0.01) line(name, by[name], bysys[name])
    line("all threads of the app", user + sys, sys)
    if (ru + ry > 0) line("redis-server (another process)", ru + ry, ry)
  }' | sort -rn
