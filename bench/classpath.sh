#!/usr/bin/env bash
# Compiles the benchmarks module (and the modules it depends on) into its own build dir, and prints the java class
# path as an argument file to run the benchmark mains with. Source it: `. bench/classpath.sh`, then
# `java @"$BENCH_CP_ARGS" ...`. An argument file, not -cp on the command line: ONNX Runtime 1.29 segfaults while
# initialising when the JVM's command line is longer than about 4 KB (measured: 2.6 KB fine, 5.2 KB crash), and the
# benchmarks' class path is ~9 KB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BENCH_BUILD_DIR:-target-bench}"
module_dir="$root/benchmarks/$build_dir"
echo "bench: compiling (mvn -Dbuild.dir=$build_dir -pl benchmarks -am test-compile -Dmaven.test.skip)..." >&2
# test-compile with the tests skipped: resolving the class path resolves every scope, and a module's test jar (which
# other modules' tests use) is found in the reactor only once the build reaches that phase
(cd "$root" && mvn -q -B -Dbuild.dir="$build_dir" -pl benchmarks -am test-compile -Dmaven.test.skip=true dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$module_dir/bench.classpath") >&2
BENCH_CP_ARGS="$module_dir/bench.args"
printf -- '-cp %s\n' "$module_dir/classes:$(cat "$module_dir/bench.classpath")" > "$BENCH_CP_ARGS"
BENCH_ROOT="$root"
BENCH_TMP="$module_dir/tmp"
mkdir -p "$BENCH_TMP"
export BENCH_CP_ARGS BENCH_ROOT BENCH_TMP
