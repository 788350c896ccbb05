#!/usr/bin/env bash
# Restart cost of `bin/sabiscore run` with the whole history in its state: the consumer-group rebalance, and any
# store restore from the changelogs, before the restarted instance answers for its partitions.
# Starts the app on a fresh folder (embedded broker), replays the history, waits until the last fixture of the
# history is served, stops it, starts it again with --replay never and prints how long until it is ready
# (Kafka Streams RUNNING) and until it serves that fixture again. RUNS restarts (default 3).
# Takes about 2 minutes after the build (the history's replay, then about 10 s a restart).
#   bench/restart-to-serving.sh
#   bench/restart-to-serving.sh --set state.store.type=in_memory   # arguments go to every `sabiscore run`
#   KILL=1 bench/restart-to-serving.sh   # each stop a kill -9: a restart after a crash (broker log recovery, static membership)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_args=("$@")
runs="${RUNS:-3}"
port="${PORT:-18093}"
# the history's last match (football-data names), URL-encoded
fixture="E0%3A2024-05-19%3ASheffield%20United%3ATottenham"
url="http://127.0.0.1:$port/api/v1/predictions/$fixture"
work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-restart.XXXXXX")"
pid=""
signal=TERM
[ -z "${KILL:-}" ] || signal=KILL
stop() { [ -z "$pid" ] || { kill -"$signal" "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }; pid=""; }
trap 'stop; rm -rf "$work"' EXIT
start() {  # $1: log file, rest: extra arguments
  local log="$1"; shift
  "$root/bin/sabiscore" run --port "$port" --set embedded.broker.dir="$work/kafka" --set state.dir="$work/state" \
    --set embedded.broker.port=0 ${run_args[@]+"${run_args[@]}"} "$@" >"$log" 2>&1 &
  pid=$!
}
served() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; }
"$root/bin/sabiscore" --help >/dev/null   # build first, so no run includes it
start "$work/replay.log"
until served; do kill -0 "$pid" 2>/dev/null || { cat "$work/replay.log"; exit 1; }; sleep 0.5; done
echo "# run arguments: ${run_args[*]:-(none)}; stopped with SIG$signal"
echo "history replayed and served: $(grep -c '' "$work/replay.log") log lines"
stop
for i in $(seq "$runs"); do
  load="$(uptime | sed 's/.*load average: //')"
  started=$(date +%s.%N)
  start "$work/restart-$i.log" --replay never
  until grep -q "SabiScore ready in" "$work/restart-$i.log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/restart-$i.log"; exit 1; }; sleep 0.1
  done
  until served; do kill -0 "$pid" 2>/dev/null || { cat "$work/restart-$i.log"; exit 1; }; sleep 0.1; done
  serving=$(echo "$(date +%s.%N) - $started" | bc)
  broker_ms="$(grep -o 'embedded Kafka broker ready at [^ ]* in [0-9]* ms' "$work/restart-$i.log" | grep -o '[0-9]* ms$')"
  printf 'restart %d: %s (the embedded broker %s of it); serving the last fixture %.1f s after the start  (load before: %s)\n' \
    "$i" "$(grep -o 'SabiScore ready in [0-9.]* s' "$work/restart-$i.log")" "$broker_ms" "$serving" "$load"
  stop
done
