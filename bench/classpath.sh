#!/usr/bin/env bash
# Compiles a module with its test classes (the benchmark mains live in the test source set, so they stay out of the
# application jar) into its own build dir, and prints the java class path as an argument file to run them with.
# Source it: `. bench/classpath.sh`, then `java @"$BENCH_CP_ARGS" ...`. BENCH_MODULE names the module (default
# topology, the replay benchmark's; models holds the JMH scoring benchmark). An argument file, not -cp on the command
# line: ONNX Runtime 1.29 segfaults while initialising when the JVM's command line is longer than about 4 KB
# (measured: 2.6 KB fine, 5.2 KB crash), and the topology module's test class path is ~15 KB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BENCH_BUILD_DIR:-target-bench}"
module="${BENCH_MODULE:-topology}"
cp_file="$root/$module/$build_dir/bench.classpath"
echo "bench: compiling (mvn -Dbuild.dir=$build_dir -pl $module -am test-compile)..." >&2
(cd "$root" && mvn -q -B -Dbuild.dir="$build_dir" -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") >&2
BENCH_CP_ARGS="$root/$module/$build_dir/bench.args"
printf -- '-cp %s\n' "$root/$module/$build_dir/test-classes:$root/$module/$build_dir/classes:$(cat "$cp_file")" > "$BENCH_CP_ARGS"
BENCH_ROOT="$root"
BENCH_TMP="$root/$module/$build_dir/tmp"
mkdir -p "$BENCH_TMP"
export BENCH_CP_ARGS BENCH_ROOT BENCH_TMP
