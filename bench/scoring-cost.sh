#!/usr/bin/env bash
# Scoring cost (JMH: com.sabiscore.bench.FixtureScoringBenchmark in the benchmarks module): the pre-match feature
# build and the ONNX run of the committed ensemble for one fixture and in batches of 64, and the whole prediction
# with bet and reasoning, in microseconds per fixture, on a league of 20 clubs after a full double round robin.
# Takes about 2 minutes after the build (one JVM fork per benchmark, 4 warm-up and 10 measured one-second iterations
# each). Output is also saved in bench/results/.
#   bench/scoring-cost.sh                                            # all five benchmarks
#   bench/scoring-cost.sh -wi 1 -w 1 -i 3 -r 1                       # other JMH options instead of those
#   bench/scoring-cost.sh -h                                         # JMH's options
#   BENCHMARKS='FixtureScoringBenchmark.featuresAndScoreSingle' bench/scoring-cost.sh   # a JMH include pattern
#   bench/scoring-cost.sh --help                                     # this text, without building anything
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ "${1:-}" != --help ] || { sed -n '2,/^set /s/^# \{0,1\}//p' "$0"; exit 0; }
benchmarks="${BENCHMARKS:-FixtureScoringBenchmark}"
. "$here/classpath.sh"
mkdir -p "$here/results"
log="$here/results/scoring-$(date -u +%Y%m%dT%H%M%SZ).txt"
[ $# -gt 0 ] || set -- -wi 4 -w 1 -i 10 -r 1
{
  echo "# bench/scoring-cost.sh $*"
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) $(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || true) load before$(uptime | sed 's/.*load average//')"
  java -Djava.io.tmpdir="$BENCH_TMP" @"$BENCH_CP_ARGS" \
    org.openjdk.jmh.Main "$benchmarks" -jvmArgsAppend "-Djava.io.tmpdir=$BENCH_TMP" "$@"
  echo "# load after$(uptime | sed 's/.*load average//')"
} 2>&1 | sed "s|$BENCH_ROOT|<repo>|g" | tee "$log"
echo "saved in ${log#"$BENCH_ROOT"/}"
