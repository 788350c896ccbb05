#!/usr/bin/env bash
# How long the app's JIT takes to warm up under the POST mix, and what a fixed rate then sees.
# Starts `bin/sabiscore run` as bench/http-load.sh does, drives the POST mix (73% hits,
# bench/post-predict.lua) with wrk in back-to-back 30 s rounds, printing each round's req/s and the
# CPU the JIT compiler threads used in it, then runs bench/openloop at each rate of RATES.
# Loopback only; stops the app and deletes the benchmark's synthetic cache keys at the end.
# Takes about 6 minutes with the defaults (the app's start and replay, ROUNDS x 30 s, then 40 s per rate).
#   bench/warm-up-curve.sh                                  # 10 rounds, then open loop at 15,000 req/s
#   ROUNDS=4 RATES="12000 15000" bench/warm-up-curve.sh
#   SABISCORE_JAVA_OPTS="-Xmx3g -Xlog:gc:file=/tmp/gc.log" bench/warm-up-curve.sh   # other JVM options
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
port="${PORT:-18080}"
rounds="${ROUNDS:-10}"
rates="${RATES:-15000}"
launcher="$root/bin/sabiscore"
work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-warm-up.XXXXXX")"
. "$here/replayed-app.sh"
trap 'stop_app; drop_synthetic_keys' EXIT
command -v wrk >/dev/null || { echo "installing wrk..."; apt-get install -y wrk >/dev/null; }
mkdir -p "$here/results"
result="$here/results/warm-up-$(date -u +%Y%m%dT%H%M%SZ).txt"
cc -O2 -Wall -o "$work/openloop" "$here/openloop/openloop.c"
start_replayed_app
collect_fixtures
hz="$(getconf CLK_TCK)"
# CPU seconds of the JIT compiler threads (named "C1 CompilerThre", "C2 CompilerThre") so far
jit_seconds() {
  for t in /proc/"$app_jvm"/task/*; do
    if grep -q 'CompilerThre' "$t/comm"; then cpu_ticks "$t/stat"; fi
  done | awk -v hz="$hz" '{ s += $1 + $2 } END { printf "%.2f", s / hz }'
}
{
  echo "# bench/warm-up-curve.sh $(date -u +%FT%TZ) rounds=$rounds rates=$rates SABISCORE_JAVA_OPTS=${SABISCORE_JAVA_OPTS:-default} $(git -C "$root" rev-parse --short HEAD)"
  for i in $(seq 1 "$rounds"); do
    before="$(jit_seconds)"
    rps="$(WRK_FIXTURES="$fixtures" wrk -t2 -c64 -d30s -s "$here/post-predict.lua" "$base/api/v1/predict" | awk '/Requests\/sec/ { print $2 }')"
    after="$(jit_seconds)"
    awk -v i="$i" -v r="$rps" -v a="$before" -v b="$after" \
      'BEGIN { printf "round %2d (%3d-%3d s of load): %9.0f req/s, JIT compiler threads %.2f cores\n", i, 30 * (i - 1), 30 * i, r, (b - a) / 30 }'
  done
  for rate in $rates; do
    echo "## open loop at $rate req/s"
    "$work/openloop" -p "$port" -r "$rate" -d 30 -w 10 -c 32 --post-fixtures "$fixtures" --hit-share 0.73 | grep -E 'achieved|^latency' || true
  done
} | tee "$result"
echo "saved in $result"
