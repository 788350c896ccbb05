#!/usr/bin/env bash
# Fault test: a Redis outage under HTTP load. Starts a redis-server of its own (no persistence) on a
# free loopback port and `bin/sabiscore run` against it (replaying 2023-08-01 .. 2024-06-30 on a
# fresh folder, fixtures published 3 days ahead so that many fixtures have several versions), then
# drives it open loop with bench/openloop: POST /api/v1/predict (the 73 % hit mix) and
# GET /api/v1/predictions/{id} (which makes the fixtures hot, so the mirror keeps them in Redis), in
# three phases: before, during an outage (redis-server killed), after (restarted empty).
# Checks, each counted:
#   - no 5xx, no other non-2xx, no socket error or time-out in any phase; p99 within P99_LIMIT_MS;
#   - while Redis is away, the near cache holds nothing and answers nothing;
#   - after it returns, every prediction:* key Redis held before the outage is back, and every
#     mirrored key holds the version the app answers (the range API, GET /api/v1/predictions/{id}
#     for a fixture outside it), once the mirror's backlog is empty (bounded wait).
# Exit status: 0 passed, 1 a violation (or the app did not start), 2 a tool missing.
# Loopback only; every phase and wait is bounded. The report is also saved in faults/results/.
#   faults/redis-outage.sh                  # 30 s outage, 20 s of load before and after (10 s warm-up first)
#   SHORT=1 faults/redis-outage.sh          # 10 s outage, 10 s before and after
#   OUTAGE=60 BEFORE=30 AFTER=30 POST_RATE=4000 GET_RATE=4000 CONNECTIONS=32 faults/redis-outage.sh
#   P99_LIMIT_MS=500 CONVERGE_WAIT=60 faults/redis-outage.sh   # limits: p99 of every phase, seconds for the mirror after the restart
#   LAUNCHER=path/to/launcher faults/redis-outage.sh   # another launcher than bin/sabiscore (same arguments)
set -euo pipefail
# byte order for sort and join alike (fixture ids hold spaces and capitals)
export LC_ALL=C
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/bench"
if [ "${SHORT:-0}" = 1 ]; then
  outage="${OUTAGE:-10}"; before="${BEFORE:-10}"; after="${AFTER:-10}"
else
  outage="${OUTAGE:-30}"; before="${BEFORE:-20}"; after="${AFTER:-20}"
fi
warmup="${WARMUP:-10}"
post_rate="${POST_RATE:-2000}"
get_rate="${GET_RATE:-2000}"
connections="${CONNECTIONS:-16}"
p99_limit_ms="${P99_LIMIT_MS:-1000}"
converge_wait="${CONVERGE_WAIT:-30}"
launcher="${LAUNCHER:-$root/bin/sabiscore}"

for tool in redis-server redis-cli curl jq cc; do
  command -v "$tool" >/dev/null || { echo "redis-outage: $tool is not installed" >&2; exit 2; }
done

# a port nothing listens on now (bash's /dev/tcp connect fails): picked at random above the ephemeral range's start
free_port() {
  local candidate
  while :; do
    candidate=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
}
port="$(free_port)"
redis_port="$(free_port)"
while [ "$redis_port" = "$port" ]; do redis_port="$(free_port)"; done

work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-redis-outage.XXXXXX")"
mkdir -p "$root/faults/results"
report="$root/faults/results/redis-outage-$(date -u +%Y%m%dT%H%M%SZ).txt"
. "$here/replayed-app.sh"

redis_pid=""
load_pids=()
violations=0
say() { echo "$*" | tee -a "$report"; }
load_average() { uptime | sed 's/.*load average: //'; }
violation() { violations=$((violations + 1)); say "VIOLATION: $*"; }

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >>"$work/redis.log" 2>&1 &
  redis_pid=$!
  local tries=0
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ] || ! kill -0 "$redis_pid" 2>/dev/null; then
      cat "$work/redis.log" >&2; echo "redis-outage: redis-server did not start on port $redis_port" >&2; exit 2
    fi
    sleep 0.05
  done
}
kill_redis() {
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill -KILL "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
  fi
  redis_pid=""
}
cleanup() {
  local pid
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_app
  kill_redis
}
trap cleanup EXIT

# a counter or gauge of the app's /metrics as a whole number; NaN when the app does not answer
metric() { curl -s "$base/metrics" | awk -v name="$1" '$1 == name { printf "%.0f\n", $2; found = 1 } END { if (!found) print "NaN" }'; }
mirrored_keys() { redis-cli -p "$redis_port" --scan --pattern 'prediction:*' 2>/dev/null | wc -l; }
# "key<TAB>version" of every mirrored key, sorted; "unreadable" where the value is not a prediction's JSON
mirrored_versions() {
  redis-cli -p "$redis_port" --raw EVAL "
    local out = {}
    for _, key in ipairs(redis.call('KEYS', 'prediction:*')) do
      local ok, p = pcall(cjson.decode, redis.call('GET', key))
      out[#out + 1] = key .. '\t' .. ((ok and type(p) == 'table' and p['version']) and string.format('%d', p['version']) or 'unreadable')
    end
    return out" 0 | sort
}

# Both mixes open loop for $2 measured seconds after $3 s of warm-up, in the background, as phase $1.
start_load() {
  local phase="$1" seconds="$2" warm="$3"
  "$openloop" -p "$port" -r "$post_rate" -d "$seconds" -w "$warm" -c "$connections" --post-fixtures "$fixtures" \
    >"$work/$phase-post.out" 2>&1 &
  load_pids=($!)
  "$openloop" -p "$port" -r "$get_rate" -d "$seconds" -w "$warm" -c "$connections" --get-ids "$ids" \
    >"$work/$phase-get.out" 2>&1 &
  load_pids+=($!)
}
wait_load() {
  local pid
  for pid in "${load_pids[@]}"; do wait "$pid" || true; done
  load_pids=()
}
# One line per mix of a phase, and a violation for any non-2xx, 5xx, socket error, time-out or p99 over the limit.
report_phase() {
  local phase="$1" mix out line
  for mix in post get; do
    out="$work/$phase-$mix.out"
    line="$(awk -v phase="$phase" -v mix="$mix" -v limit="$p99_limit_ms" '
      /^requests:/ { sent = $2; done = $4; non2xx = $6; c5 = $13; sub(/\),?/, "", c5); errors = $14; timeouts = $17 }
      /^latency \(from intended send/ { p50 = $7; p99 = $11; p999 = $13; max = $15 }
      END {
        if (sent == "") { print "BROKEN " phase " " mix ": no openloop summary"; exit }
        bad = (non2xx + errors + timeouts > 0 || p99 + 0 > limit + 0) ? "BAD " : "OK "
        printf "%s%-6s %-4s %8d sent %8d answered  non-2xx %d (5xx %d)  socket errors %d  timed out %d  latency ms p50 %s p99 %s p99.9 %s max %s\n",
          bad, phase, mix, sent, done, non2xx, c5, errors, timeouts, p50, p99, p999, max
      }' "$out")"
    case "$line" in
      OK*) say "  ${line#OK }" ;;
      BAD*) say "  ${line#BAD }"; violation "$phase $mix: a non-2xx answer, a socket error, a time-out or p99 over $p99_limit_ms ms" ;;
      *) say "  $line"; cat "$out" >&2; violation "$phase $mix: the load generator gave no summary" ;;
    esac
    total_5xx=$((total_5xx + $(awk '/^requests:/ { c = $13; sub(/\),?/, "", c); print c + 0 }' "$out" || echo 0)))
  done
}

say "# faults/redis-outage.sh $(date -u +%FT%TZ) nproc=$(nproc) load=$(load_average) outage=${outage}s before=${before}s after=${after}s warm-up=${warmup}s POST ${post_rate}/s GET ${get_rate}/s connections=$connections $(git -C "$root" rev-parse --short HEAD 2>/dev/null || true)"
openloop="$work/openloop"
cc -O2 -Wall -o "$openloop" "$here/openloop/openloop.c"
start_redis
start_replayed_app --fixture-lead P3D --set redis.uri="redis://127.0.0.1:$redis_port"
say "$(grep 'SabiScore ready in' "$work/app.log")"
say "app pid $app_pid on port $port, redis-server pid $redis_pid on port $redis_port"
collect_fixtures
say "fixture ids under GET load: $(wc -l < "$ids")"
total_5xx=0

# before: warm-up (not counted), then the measured phase; the mirror settles meanwhile
start_load before "$before" "$warmup"
wait_load
say "## before the outage (load average $(load_average))"
report_phase before
mirrored_versions > "$work/before.tsv"
keys_before="$(wc -l < "$work/before.tsv")"
say "  mirror: $keys_before prediction:* keys in Redis, $(awk -F'\t' '$2 > 1' "$work/before.tsv" | wc -l) of them at a version above 1; near cache $(metric redis_near_cache_entries) entries"
[ "$keys_before" -gt 0 ] || violation "the mirror wrote no key before the outage: nothing to check"

# during: Redis killed as the load starts, restarted empty when the phase ends
start_load during "$outage" 0
outage_start="$(date +%s.%N)"
kill_redis
sleep 1
hits_at_start="$(metric redis_near_cache_hits_total)"
samples=0; kept_samples=0
while [ "$(awk -v s="$outage_start" -v now="$(date +%s.%N)" -v o="$outage" 'BEGIN { print (now - s < o) }')" = 1 ]; do
  entries="$(metric redis_near_cache_entries)"
  samples=$((samples + 1))
  [ "$entries" = 0 ] || kept_samples=$((kept_samples + 1))
  sleep 1
done
hits_at_end="$(metric redis_near_cache_hits_total)"
start_redis
restarted="$(date +%s.%N)"
wait_load
say "## during the outage (redis-server killed for ${outage} s; load average $(load_average))"
report_phase during
near_hits=$(awk -v a="$hits_at_start" -v b="$hits_at_end" 'BEGIN { print b - a }')
say "  near cache: $samples samples after the first second, $kept_samples with entries kept; $near_hits answers from the near cache"
[ "$kept_samples" = 0 ] || violation "the near cache kept entries while Redis was away"
[ "$near_hits" = 0 ] || violation "the near cache answered $near_hits reads while Redis was away"

# after: load again while the mirror refills the empty Redis
start_load after "$after" 0
converged=""
deadline=$(( $(date +%s) + converge_wait ))
while [ "$(date +%s)" -le "$deadline" ]; do
  if [ "$(mirrored_keys)" -ge "$keys_before" ] && [ "$(metric redis_mirror_pending)" = 0 ]; then
    converged="$(awk -v s="$restarted" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - s }')"
    break
  fi
  sleep 0.5
done
wait_load
say "## after Redis restarted empty (load average $(load_average))"
report_phase after
say "  near cache: $(metric redis_near_cache_entries) entries kept again"

# the mirror's backlog empty (bounded wait), then every key against the app's answer
deadline=$(( $(date +%s) + converge_wait ))
until [ "$(metric redis_mirror_pending)" = 0 ] || [ "$(date +%s)" -gt "$deadline" ]; do sleep 0.5; done
mirrored_versions > "$work/after.tsv"
keys_after="$(wc -l < "$work/after.tsv")"
cut -f1 "$work/after.tsv" | sed 's/^prediction://' | cut -d: -f1 | sort -u > "$work/competitions.txt"
while read -r competition; do
  curl -sf "$base/api/v1/predictions?competition=$competition&from=2023-08-01&to=2024-06-30" \
    | jq -r '.predictions[] | "prediction:\(.fixture_id)\t\(.version)"'
done < "$work/competitions.txt" | sort > "$work/app.tsv"
# a mirrored fixture outside the range asked for: its own GET
join -t $'\t' -v 1 "$work/after.tsv" "$work/app.tsv" | cut -f1 | while read -r key; do
  id="${key#prediction:}"
  version="$(curl -sf "$base/api/v1/predictions/$(jq -rn --arg id "$id" '$id | @uri')" | jq -r '.version' || echo none)"
  printf '%s\t%s\n' "$key" "$version"
done >> "$work/app.tsv"
sort -o "$work/app.tsv" "$work/app.tsv"
missing="$(join -t $'\t' -v 1 <(cut -f1 "$work/before.tsv") <(cut -f1 "$work/after.tsv") | wc -l)"
differing="$(join -t $'\t' "$work/after.tsv" "$work/app.tsv" | awk -F'\t' '$2 != $3' | wc -l)"
unanswered="$(join -t $'\t' -v 1 "$work/after.tsv" "$work/app.tsv" | wc -l)"
refills="$(grep -c 'Redis lost the mirrored predictions' "$work/app.log" || true)"
say "  mirror: ${converged:+back to $keys_before keys with an empty backlog ${converged} s after the restart; }$keys_after keys now, $missing of the $keys_before keys held before the outage missing, $differing of $keys_after not at the version the app answers, $unanswered the app did not answer; refills logged: $refills"
[ -n "$converged" ] || violation "the mirror did not get back to $keys_before keys with an empty backlog within $converge_wait s of the restart"
[ "$missing" = 0 ] || violation "$missing keys held before the outage did not come back"
[ "$differing" = 0 ] || { violation "$differing mirrored keys hold another version than the app answers"; join -t $'\t' "$work/after.tsv" "$work/app.tsv" | awk -F'\t' '$2 != $3' | head -5 >&2; }
[ "$unanswered" = 0 ] || violation "$unanswered mirrored keys name a fixture the app does not answer for"

say "## checked: 3 phases x 2 mixes, 5xx answers $total_5xx; near cache over $samples samples; $keys_after mirrored keys against the app"
if [ "$violations" -gt 0 ]; then
  say "FAILED: $violations violations (app log kept in $report.app.log)"
  cp "$work/app.log" "$report.app.log"
  exit 1
fi
say "PASSED"
echo "saved in $report"
