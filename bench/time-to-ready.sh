#!/usr/bin/env bash
# Time-to-ready of `bin/sabiscore run` after the build: starts it RUNS times (default 3), each on a
# fresh folder (new broker storage, empty state), and prints its own "SabiScore ready in X s" line
# (embedded broker formatted and started, topics created, model loaded, HTTP up, Kafka Streams
# RUNNING). No replay (--replay never): the ready line comes before any replay anyway.
# Takes under a minute after the build (about 10 s a run).
#   LAUNCHER=path/to/launcher bench/time-to-ready.sh   # another launcher than bin/sabiscore (same arguments)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
launcher="${LAUNCHER:-$root/bin/sabiscore}"
# build first, so no run includes it
"$launcher" --help >/dev/null
for i in $(seq "$runs"); do
  work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-ready.XXXXXX")"
  load="$(uptime | sed 's/.*load average: //')"
  : >"$work/app.log"
  "$launcher" run --replay never --port 0 \
    --set embedded.broker.dir="$work/kafka" --set state.dir="$work/state" --set embedded.broker.port=0 \
    >"$work/app.log" 2>&1 &
  pid=$!
  until grep -q "SabiScore ready in" "$work/app.log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
    sleep 0.2
  done
  echo "run $i: $(grep -o 'SabiScore ready in [0-9.]* s' "$work/app.log")  (load before: $load)"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
