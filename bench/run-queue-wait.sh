#!/usr/bin/env bash
# How long each thread of the app (and redis-server) waited for a CPU while the open-loop mixes ran: the
# run-queue wait the kernel counts in /proc/<pid>/task/<tid>/schedstat (time running, time runnable but
# waiting, number of time slices). On a 2-core machine an event loop that is runnable but not running
# delays every connection it serves. Starts `bin/sabiscore run` as bench/http-load.sh does, warms it up
# with wrk (POST mix 60 s, GET 20 s), then runs bench/openloop at GET 30,000/s and at the POST mix
# 15,000/s (the target rates), and prints for each thread that ran at least 200 ms: run time, wait,
# slices and the mean wait per slice. Loopback only; stops the app.
# Takes about 3 minutes (the app's start and replay, 80 s of wrk, then two runs of DURATION).
#   bench/run-queue-wait.sh | tee bench/results/run-queue-$(date -u +%Y%m%dT%H%M%SZ).txt
#   SABISCORE_JAVA_OPTS="-Xmx3g ..." DURATION=30 bench/run-queue-wait.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
port="${PORT:-18080}"
duration="${DURATION:-30}"
launcher="$root/bin/sabiscore"

work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-run-queue.XXXXXX")"
. "$here/replayed-app.sh"
trap 'stop_app; drop_synthetic_keys' EXIT
cc -O2 -Wall -o "$work/openloop" "$here/openloop/openloop.c"
echo "# bench/run-queue-wait.sh $(date -u +%FT%TZ) nproc=$(nproc) duration=${duration}s SABISCORE_JAVA_OPTS=${SABISCORE_JAVA_OPTS:-default} $(git -C "$root" rev-parse --short HEAD)"
start_replayed_app
collect_fixtures
WRK_FIXTURES="$fixtures" wrk -t2 -c64 -d60s -s "$here/post-predict.lua" "$base/api/v1/predict" | sed -n 's/^Requests/POST wrk: requests/p'
WRK_IDS="$ids" wrk -t2 -c64 -d20s -s "$here/get-prediction.lua" "$base" | sed -n 's/^Requests/GET wrk: requests/p'
redis_pid="$(pgrep -x redis-server | head -1 || true)"

# thread id, then schedstat's three fields (ns running, ns waiting, slices), then the name (spaces made underscores)
snapshot() {
  local t
  for t in /proc/"$app_jvm"/task/* ${redis_pid:+/proc/"$redis_pid"/task/*}; do
    echo "$(basename "$t") $(cat "$t/schedstat" 2>/dev/null || echo 0 0 0) $(tr ' ' _ < "$t/comm" 2>/dev/null || echo gone)"
  done | sort
}

measure() {
  local name="$1"; shift
  snapshot > "$work/before"
  "$work/openloop" -p "$port" -d "$duration" -c 32 "$@" > "$work/openloop.out" || true  # an overloaded run still counts
  snapshot > "$work/after"
  echo "## $name"
  grep -E '^(achieved|latency)' "$work/openloop.out" || true
  # join: id, run, wait, slices, name (before), run, wait, slices, name (after); threads are summed by name
  join "$work/before" "$work/after" | awk '{ print $5, ($6 - $2) / 1e6, ($7 - $3) / 1e6, $8 - $4 }' > "$work/deltas"
  awk '{ run[$1] += $2; waited[$1] += $3; slices[$1] += $4 }
    END { for (n in run) if (run[n] >= 200)
      printf "  %-28s ran %7.0f ms  waited %7.0f ms (%5.1f %% of its run)  %7d slices, mean wait %4.0f us\n",
        n, run[n], waited[n], 100 * waited[n] / run[n], slices[n], 1000 * waited[n] / (slices[n] ? slices[n] : 1) }' \
    "$work/deltas" | sort -k3 -nr
}

measure "GET /api/v1/predictions/{id}, open loop at 30000 req/s" -r 30000 --get-ids "$ids"
measure "POST /api/v1/predict (73% hot set), open loop at 15000 req/s" -r 15000 --post-fixtures "$fixtures" --hit-share 0.73
