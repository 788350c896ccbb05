#!/usr/bin/env bash
# HTTP load on one machine: starts `bin/sabiscore run` on a fresh folder (replaying 2023-08-01 ..
# 2024-06-30), waits until the replay is processed, then drives it with wrk:
#   (a) GET  /api/v1/predictions/{id} over every replayed fixture id (URL-encoded);
#   (b) POST /api/v1/predict with 73% cache hits (bench/post-predict.lua);
# then the same two mixes open loop at the target rates with bench/openloop (GET 30,000 req/s,
# POST 15,000 req/s; latency counted from each request's intended send time, as wrk2 does).
# wrk (closed loop, 64 connections) saturates the machine: its req/s is the ceiling and its p99 mostly
# queueing; the open-loop runs say what a client sees at the target rate.
# Reports req/s and latency and the CPU used by the app JVM, redis-server and the load generator.
# Stops the app at the end. Loopback only. Output is also saved in bench/results/.
# Takes about 3 minutes with the defaults, about 8 with WARMUP=120s PACED_DURATION=60 (the standard run).
#   bench/http-load.sh                 # 20 s per run after a 30 s warm-up, 2 wrk threads, 64 connections
#   DURATION=30s CONNECTIONS=128 bench/http-load.sh
#   LAUNCHER=path/to/launcher bench/http-load.sh   # another launcher than bin/sabiscore (same arguments)
#   GET_RATE=30000 POST_RATE=15000 PACED_DURATION=20 PACED_CONNECTIONS=32 bench/http-load.sh   # open-loop runs
#   PACED=0 bench/http-load.sh         # wrk runs only
#   WRK=0 bench/http-load.sh           # open-loop runs only (their 10 s warm-up is then the JIT's only one)
#   PROFILE=DIR bench/http-load.sh     # also record a JFR profile of the app during each wrk run
#                                      # into DIR/{get,post}.jfr (jcmd JFR.start/stop, settings=profile)
#   PROFILE_SETTINGS=file.jfc PROFILE=DIR bench/http-load.sh   # another JFR configuration, e.g. profile.jfc with
#                                      # jdk.ExecutionSample's period at 1 ms for ten times the samples
#   BROKER=process bench/http-load.sh  # the app against `sabiscore broker` in its own JVM (bench/replayed-app.sh)
#   SETTINGS="processing.guarantee=at_least_once" bench/http-load.sh   # more --set KEY=VALUE for `run`
#                                      # (space-separated), e.g. when an EOS replay stalls on a busy machine
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
port="${PORT:-18080}"
duration="${DURATION:-20s}"
# the JIT compiles the request path during the first minute or so of load (bench/warm-up-curve.sh shows how long):
# each measured run follows a warm-up run of the same mix, not counted
warmup="${WARMUP:-30s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-64}"
profile_dir="${PROFILE:-}"
launcher="${LAUNCHER:-$root/bin/sabiscore}"
paced="${PACED:-1}"
closed_loop="${WRK:-1}"
get_rate="${GET_RATE:-30000}"
post_rate="${POST_RATE:-15000}"
paced_duration="${PACED_DURATION:-20}"
paced_connections="${PACED_CONNECTIONS:-32}"
extra_settings=()
for setting in ${SETTINGS:-}; do extra_settings+=(--set "$setting"); done

command -v wrk >/dev/null || { echo "installing wrk..."; apt-get install -y wrk >/dev/null; }
redis_pid="$(pgrep -x redis-server | head -1 || true)"
[ -n "$redis_pid" ] || echo "warning: no redis-server running: the POST cache will miss every time" >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-http-bench.XXXXXX")"
openloop="$work/openloop"
[ "$paced" = 0 ] || cc -O2 -Wall -o "$openloop" "$here/openloop/openloop.c"
mkdir -p "$here/results"
result="$here/results/http-$(date -u +%Y%m%dT%H%M%SZ).txt"
. "$here/replayed-app.sh"
trap stop_app EXIT

say() { echo "$*" | tee -a "$result"; }
# user+system CPU seconds of a process so far (clock ticks in /proc/<pid>/stat fields 14 and 15)
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# context switches (voluntary + involuntary) of all of a process's threads so far: thread hand-offs show here
context_switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { s += $2 } END { print s + 0 }'; }

say "# bench/http-load.sh $(date -u +%FT%TZ) nproc=$(nproc) duration=$duration warmup=$warmup threads=$threads connections=$connections launcher=${LAUNCHER:-bin/sabiscore} settings=${SETTINGS:-} broker=${BROKER:-embedded} SABISCORE_JAVA_OPTS=${SABISCORE_JAVA_OPTS:-default} paced=$paced/$get_rate/$post_rate/${paced_duration}s/$paced_connections wrk=$closed_loop $(git -C "$root" rev-parse --short HEAD 2>/dev/null || true)"
start_replayed_app "${extra_settings[@]}"
say "$(grep 'SabiScore ready in' "$work/app.log")"
say "replay processed; app pid $app_pid (java $app_jvm), redis pid ${redis_pid:-none}${broker_pid:+, broker process pid $broker_pid}"
collect_fixtures
say "fixture ids: $(wc -l < "$ids") (e.g. $(head -1 "$ids"))"

run_wrk() {
  local name="$1" script="$2" target="$3" tag="$4"
  local app0 redis0 t0 app1 redis1 t1 wrk_cpu switches0 switches1 requests
  WRK_IDS="$ids" WRK_FIXTURES="$fixtures" wrk -t"$threads" -c"$connections" -d"$warmup" -s "$script" "$target" >/dev/null
  if [ -n "$profile_dir" ]; then
    mkdir -p "$profile_dir"
    jcmd "$app_jvm" JFR.start name="$tag" settings="${PROFILE_SETTINGS:-profile}" filename="$profile_dir/$tag.jfr" >/dev/null
  fi
  switches0="$(context_switches "$app_jvm")"
  app0="$(cpu_seconds "$app_jvm")"; redis0="${redis_pid:+$(cpu_seconds "$redis_pid")}"; t0="$(date +%s.%N)"
  say "## $name  (load before: $(uptime | sed 's/.*load average: //'))"
  # wrk's own CPU from bash's time (user + sys of the child)
  { TIMEFORMAT="wrk_cpu %U %S"; time WRK_IDS="$ids" WRK_FIXTURES="$fixtures" \
      wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$script" "$target" ; } 2>&1 | tee -a "$result" > "$work/wrk.out"
  t1="$(date +%s.%N)"; app1="$(cpu_seconds "$app_jvm")"; redis1="${redis_pid:+$(cpu_seconds "$redis_pid")}"
  switches1="$(context_switches "$app_jvm")"
  [ -z "$profile_dir" ] || jcmd "$app_jvm" JFR.stop name="$tag" >/dev/null
  wrk_cpu="$(awk '/^wrk_cpu/ { print $2 + $3 }' "$work/wrk.out")"
  say "$(awk -v w="$t1-$t0" -v a0="$app0" -v a1="$app1" -v r0="${redis0:-0}" -v r1="${redis1:-0}" -v k="$wrk_cpu" -v t0="$t0" -v t1="$t1" \
    'BEGIN { s = t1 - t0; printf "CPU over %.1f s wall (cores busy): app %.2f, redis %.2f, wrk %.2f", s, (a1 - a0) / s, (r1 - r0) / s, k / s }')"
  requests="$(awk '/requests in/ { print $1 }' "$work/wrk.out")"
  say "$(awk -v c0="$switches0" -v c1="$switches1" -v n="$requests" \
    'BEGIN { printf "app context switches: %d, %.2f per request", c1 - c0, (c1 - c0) / n }')"
  # CPU per request compares builds better than req/s on a shared VM: a slower VM minute slows the app and wrk alike,
  # so the app's CPU per request over wrk's moves less between runs than either alone
  say "$(awk -v a0="$app0" -v a1="$app1" -v k="$wrk_cpu" -v n="$requests" \
    'BEGIN { printf "CPU per request: app %.2f us, wrk %.2f us, app/wrk %.3f", (a1 - a0) * 1e6 / n, k * 1e6 / n, (a1 - a0) / k }')"
}

if [ "$closed_loop" != 0 ]; then
  run_wrk "GET /api/v1/predictions/{id}" "$here/get-prediction.lua" "$base" get
  run_wrk "POST /api/v1/predict (73% hot set)" "$here/post-predict.lua" "$base/api/v1/predict" post
fi

# open loop at a fixed rate: 10 s of warm-up at the same rate, then the measured phase
run_paced() {
  local name="$1" rate="$2"; shift 2
  local app0 redis0 t0 app1 redis1 t1
  say "## $name, open loop at $rate req/s  (load before: $(uptime | sed 's/.*load average: //'))"
  app0="$(cpu_seconds "$app_jvm")"; redis0="${redis_pid:+$(cpu_seconds "$redis_pid")}"; t0="$(date +%s.%N)"
  broker0="${broker_pid:+$(cpu_seconds "$broker_pid")}"
  "$openloop" -p "$port" -r "$rate" -d "$paced_duration" -w 10 -c "$paced_connections" "$@" 2>&1 | tee -a "$result" > "$work/openloop.out" || true
  t1="$(date +%s.%N)"; app1="$(cpu_seconds "$app_jvm")"; redis1="${redis_pid:+$(cpu_seconds "$redis_pid")}"
  broker1="${broker_pid:+$(cpu_seconds "$broker_pid")}"
  say "$(awk -v a0="$app0" -v a1="$app1" -v r0="${redis0:-0}" -v r1="${redis1:-0}" -v b0="${broker0:-}" -v b1="${broker1:-}" -v t0="$t0" -v t1="$t1" \
    'BEGIN { s = t1 - t0; printf "CPU over %.1f s wall incl. warm-up (cores busy): app %.2f, redis %.2f", s, (a1 - a0) / s, (r1 - r0) / s
             if (b0 != "") printf ", broker process %.2f", (b1 - b0) / s }')"
}
if [ "$paced" != 0 ]; then
  run_paced "GET /api/v1/predictions/{id}" "$get_rate" --get-ids "$ids"
  run_paced "POST /api/v1/predict (73% hot set)" "$post_rate" --post-fixtures "$fixtures"
fi
say "$(curl -s "$base/metrics" | grep '^prediction_requests_total' || true)"
drop_synthetic_keys
say "# load after: $(uptime | sed 's/.*load average: //')"
echo "saved in $result"
