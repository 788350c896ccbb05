#!/usr/bin/env bash
# Scoring cost (JMH: com.sabiscore.bench.FixtureScoringBenchmark, in the models module's test source set, so it stays
# out of the application jar): the pre-match feature build and the ONNX run of the committed ensemble for one fixture
# and in batches of 64, and the whole prediction with bet and reasoning, in microseconds per fixture, on a league of
# 20 clubs after a full double round robin. Takes about 2 minutes after the build (one JVM fork per benchmark,
# 4 warm-up and 10 measured one-second iterations each). Output is also saved in bench/results/.
#   bench/scoring-cost.sh                                            # all five benchmarks
#   bench/scoring-cost.sh -wi 1 -w 1 -i 3 -r 1                       # other JMH options instead of those
#   BENCHMARKS='FixtureScoringBenchmark.featuresAndScoreSingle' bench/scoring-cost.sh   # a JMH include pattern
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build_dir="${BENCH_BUILD_DIR:-target-bench}"
benchmarks="${BENCHMARKS:-FixtureScoringBenchmark}"
cp_file="$root/models/$build_dir/bench.classpath"
echo "bench: compiling (mvn -Dbuild.dir=$build_dir -pl models -am test-compile)..." >&2
(cd "$root" && mvn -q -B -Dbuild.dir="$build_dir" -pl models -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") >&2
# the class path goes in an argument file: ONNX Runtime crashes while initialising when the JVM's command line is
# longer than about 4 KB (see bench/classpath.sh)
args_file="$root/models/$build_dir/bench.args"
printf -- '-cp %s\n' "$root/models/$build_dir/test-classes:$root/models/$build_dir/classes:$(cat "$cp_file")" > "$args_file"
tmp="$root/models/$build_dir/tmp"
mkdir -p "$tmp" "$here/results"
log="$here/results/scoring-$(date -u +%Y%m%dT%H%M%SZ).txt"
[ $# -gt 0 ] || set -- -wi 4 -w 1 -i 10 -r 1
{
  echo "# bench/scoring-cost.sh $*"
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) $(git -C "$root" rev-parse --short HEAD 2>/dev/null || true) load before$(uptime | sed 's/.*load average//')"
  java -Djava.io.tmpdir="$tmp" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.sabiscore.events @"$args_file" \
    org.openjdk.jmh.Main "$benchmarks" -jvmArgsAppend "-Djava.io.tmpdir=$tmp" "$@"
  echo "# load after$(uptime | sed 's/.*load average//')"
} 2>&1 | sed "s|$root|<repo>|g" | tee "$log"
echo "saved in ${log#"$root"/}"
