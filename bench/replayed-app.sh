# Sourced by the HTTP benchmarks (http-load.sh, thread-cpu.sh, warm-up-curve.sh): an app replaying 2023-08-01 ..
# 2024-06-30 on a fresh folder, and the fixtures it then serves, for the load generators.
# The caller sets: here (bench/), root (the repository), port, work (a fresh folder, removed at exit),
# launcher (bin/sabiscore or another with its arguments). Loopback only.

app_pid=""
broker_pid=""
base="http://127.0.0.1:$port"

# Stops the app (if started), then the broker process (BROKER=process), and removes the work folder; the callers
# trap EXIT with it.
stop_app() {
  local pid
  for pid in "$app_pid" "$broker_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}

# BROKER=process: the app runs against `sabiscore broker` in its own JVM (a fresh folder under $work) instead of
# the broker embedded in its own JVM, as a production app runs against a Kafka cluster: the broker's threads and
# heap are then not in the app's JVM and its collections. Still the same cores. BROKER_JAVA_OPTS: the broker's JVM,
# by default the heap and G1 settings of Kafka's own start scripts. Sets broker_pid and broker_servers.
start_broker_process() {
  SABISCORE_JAVA_OPTS="${BROKER_JAVA_OPTS:--Xmx1G -Xms1G -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35}" \
    "$root/bin/sabiscore" broker --dir "$work/broker" --port 0 > "$work/broker.log" 2>&1 &
  broker_pid=$!
  until grep -q "Kafka broker ready at" "$work/broker.log"; do
    kill -0 "$broker_pid" 2>/dev/null || { cat "$work/broker.log"; echo "broker exited" >&2; exit 1; }
    sleep 1
  done
  broker_servers="$(sed -n 's/^Kafka broker ready at \([^ ]*\).*/\1/p' "$work/broker.log")"
}

# Starts `run` (extra arguments appended), waits until it is ready and its replay is processed,
# then sets app_jvm (the JVM's pid: the launcher execs java, another launcher may fork it).
start_replayed_app() {
  if [ "${BROKER:-embedded}" = process ]; then
    start_broker_process
    set -- "$@" --set kafka.bootstrap.servers="$broker_servers"
  fi
  "$launcher" run --replay always --from 2023-08-01 --to 2024-06-30 --port "$port" \
    --set embedded.broker.dir="$work/kafka" --set state.dir="$work/state" --set embedded.broker.port=0 "$@" \
    >"$work/app.log" 2>&1 &
  app_pid=$!
  until grep -qs "Ctrl-C stops SabiScore" "$work/app.log"; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "app exited" >&2; exit 1; }
    sleep 1
  done
  # the last replayed fixture answers once the stream has caught up with the replay
  local last
  last="$(grep -o "/api/v1/predictions/[^ ]*%3A[^ ]*" "$work/app.log" | head -1)"
  until curl -sf -o /dev/null "$base$last"; do sleep 1; done
  app_jvm="$(pgrep -P "$app_pid" java || echo "$app_pid")"
}

# Writes the replayed fixtures of E0, D1, F1, I1, SP1 (from the range API) to $ids (URL-encoded
# fixture ids, one a line) and $fixtures (league<TAB>home<TAB>away).
collect_fixtures() {
  ids="$work/ids.txt"
  fixtures="$work/fixtures.tsv"
  local competition
  for competition in E0 D1 F1 I1 SP1; do
    curl -sf "$base/api/v1/predictions?competition=$competition&from=2023-08-01&to=2024-06-30"
  done | jq -r '.predictions[].fixture_id' | sort -u > "$work/raw-ids.txt"
  jq -Rr '@uri' < "$work/raw-ids.txt" > "$ids"
  # fixture id format {Div}:{yyyy-MM-dd}:{HomeTeam}:{AwayTeam}: team names never hold ':'
  awk -F: '{ print $1 "\t" $3 "\t" $4 }' "$work/raw-ids.txt" > "$fixtures"
  [ -s "$ids" ] || { echo "no fixture ids from the range API" >&2; exit 1; }
}

# Deletes the cache keys of the POST mix's misses: each cached a far-future kick-off (2029-12 on,
# see post-predict.lua) for an hour, and repeated runs would pile up millions of keys in the machine's Redis.
drop_synthetic_keys() {
  command -v redis-cli >/dev/null || return 0
  redis-cli --scan --pattern 'pred:*' \
    | grep -E ':(2029-12|20[3-9][0-9]|2[1-9][0-9]{2}|[3-9][0-9]{3})-[0-9]{2}-[0-9]{2}T' \
    | xargs -r -d '\n' -n 1000 redis-cli unlink >/dev/null || true
}

# "user system" CPU clock ticks so far of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat file. Fields are
# counted after the name's closing parenthesis: a thread name may hold spaces ("C2 CompilerThre", "GC Thread#0"),
# and counting from the start of the line then reads the wrong fields.
cpu_ticks() { sed 's/.*) //' "$1" | awk '{ print $12, $13 }'; }
