#!/usr/bin/env bash
# Runs one fault scenario (FaultTests in the topology module's test classes) on real processes:
#   faults/scenario.sh app-crash --kills 3 --window E0,D1:2022-08-01:2023-06-30
#   faults/scenario.sh --help          # every scenario and its options
# Compiles the test classes into topology/target-faults (bench/classpath.sh), builds the application
# jar if it is stale, and leaves each run's logs, broker and state folders under
# topology/target/faults/<scenario>. Exit status: 0 passed, 1 a violation, 2 not carried out.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_BUILD_DIR="${FAULTS_BUILD_DIR:-target-faults}" . "$root/bench/classpath.sh"
exec java -Xmx2g @"$BENCH_CP_ARGS" -Dsabiscore.repo.root="$root" -Djava.io.tmpdir="$BENCH_TMP" \
  -Dlogback.configurationFile="$root/faults/logback.xml" \
  com.sabiscore.faults.FaultTests "$@"
