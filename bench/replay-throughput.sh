#!/usr/bin/env bash
# Streaming replay benchmark (com.sabiscore.bench.ReplayBenchmark in the benchmarks module): embedded
# broker + prediction topology in one JVM, history replayed, events/s and event->prediction latency
# (read_committed), CPU per event by component and what the broker appended per event.
# Takes about 30 s for the whole history after the build, about 1 minute paced
# (--burst 60000 --rate 1000 --events 80000), and about 15 s per round with --rounds.
#   bench/replay-throughput.sh                                    # whole history, unpaced, EOS
#   bench/replay-throughput.sh --rate 1000 --events 30000 --guarantee at_least_once
#   bench/replay-throughput.sh --burst 60000 --rate 1000 --events 80000 --warm-up 1000 --timestamps send
#                                                                 # the paced events stamped as a live feed's
#   BROKER=process bench/replay-throughput.sh ...                 # the broker in its own JVM (`sabiscore broker`,
#                                                                 # a fresh folder per run), as in production
# All arguments go to ReplayBenchmark (see its Javadoc). Output is also saved in bench/results/.
# JVM options: BENCH_JAVA_OPTS, by default C1 only and ParallelGC. A single run lives a minute and holds broker, stream
# and load generator on 2 cores: C2 would spend more CPU compiling than its faster code saves before the run ends, and
# ParallelGC pauses less than G1 on 2 cores.
# BENCH_JAVA_OPTS=-Xmx2g gives the JVM's own defaults (what bin/sabiscore runs, since the HTTP layer wants C2).
# With --rounds N (the benchmark N times in one JVM, each round on a fresh broker and state) the default is C2 and
# ParallelGC: the later rounds measure the compiled code a long-running instance runs, so C2 is what is measured.
#   bench/replay-throughput.sh --warm-up 5000 --rounds 6            # whole history, EOS, cold round then warm ones
# BROKER_JAVA_OPTS: the broker process's JVM, by default the heap and G1 settings of Kafka's own start scripts.
#   bench/replay-throughput.sh --help                             # this text, without building anything
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "${1:-}" in -h|--help) sed -n '2,/^set /s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
. "$here/classpath.sh"
mkdir -p "$here/results"
log="$here/results/replay-$(date -u +%Y%m%dT%H%M%SZ).txt"
default_java_opts="-Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC"
case " $* " in *" --rounds "*) default_java_opts="-Xmx2g -XX:+UseParallelGC" ;; esac
java_opts="${BENCH_JAVA_OPTS:-$default_java_opts}"
broker_opts="${BROKER_JAVA_OPTS:--Xmx1G -Xms1G -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35}"
broker_args=()
broker_pid=""
broker_dir=""
stop_broker() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill -TERM "$broker_pid"; wait "$broker_pid" 2>/dev/null || true
  fi
  [ -z "$broker_dir" ] || rm -rf "$broker_dir"
}
trap stop_broker EXIT
if [ "${BROKER:-}" = process ]; then
  broker_dir="$(mktemp -d "$BENCH_TMP/broker.XXXXXX")"
  java $broker_opts -Djava.io.tmpdir="$BENCH_TMP" @"$BENCH_CP_ARGS" com.sabiscore.app.SabiScoreCommand \
    broker --dir "$broker_dir/kafka" --port 0 > "$broker_dir/broker.log" 2>&1 &
  broker_pid=$!
  until grep -q "^Kafka broker ready at" "$broker_dir/broker.log"; do
    kill -0 "$broker_pid" 2>/dev/null || { cat "$broker_dir/broker.log"; echo "broker exited" >&2; exit 1; }
    sleep 0.2
  done
  broker_args=(--bootstrap-servers "$(sed -n 's/^Kafka broker ready at \([^ ]*\).*/\1/p' "$broker_dir/broker.log")" --broker-pid "$broker_pid")
fi
{
  echo "# bench/replay-throughput.sh $*"
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) load before:$(uptime | sed 's/.*load average//')"
  echo "# JVM options: $java_opts"
  [ -z "$broker_pid" ] || echo "# broker process (pid $broker_pid), JVM options: $broker_opts"
  java $java_opts -Djava.io.tmpdir="$BENCH_TMP" -Dsabiscore.repo.root="$BENCH_ROOT" \
    -Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.sabiscore.events,com.sabiscore.state \
    @"$BENCH_CP_ARGS" com.sabiscore.bench.ReplayBenchmark "$@" "${broker_args[@]}"
  echo "# load after:$(uptime | sed 's/.*load average//')"
} 2>&1 | sed "s|$BENCH_ROOT|<repo>|g; s|$(dirname "$BENCH_ROOT")/shared|<repo>/../shared|g" | tee "$log"
echo "saved in ${log#"$BENCH_ROOT"/}"
