#!/usr/bin/env bash
# Streaming replay benchmark (com.sabiscore.bench.ReplayBenchmark): embedded broker + prediction
# topology in one JVM, history replayed, events/s and event->prediction latency (read_committed).
#   bench/replay-throughput.sh                                    # whole history, unpaced, EOS
#   bench/replay-throughput.sh --rate 1000 --events 30000 --guarantee at_least_once
# All arguments go to ReplayBenchmark (see its Javadoc). Output is also saved in bench/results/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/classpath.sh"
mkdir -p "$here/results"
log="$here/results/replay-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/replay-throughput.sh $*"
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) load before:$(uptime | sed 's/.*load average//')"
  java ${BENCH_JAVA_OPTS:--Xmx2g} -Djava.io.tmpdir="$BENCH_TMP" -Dsabiscore.repo.root="$BENCH_ROOT" \
    -Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.sabiscore.events \
    @"$BENCH_CP_ARGS" com.sabiscore.bench.ReplayBenchmark "$@"
  echo "# load after:$(uptime | sed 's/.*load average//')"
} 2>&1 | sed "s|$BENCH_ROOT|<repo>|g; s|$(dirname "$BENCH_ROOT")/shared|<repo>/../shared|g" | tee "$log"
