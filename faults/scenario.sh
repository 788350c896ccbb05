#!/usr/bin/env bash
# Runs one fault scenario (FaultTests, in the topology module's test classes) on real processes:
#   faults/scenario.sh app-crash --kills 3 --window E0,D1:2022-08-01:2023-06-30
#   faults/scenario.sh --help          # every scenario; faults/scenario.sh app-crash --help: its options
# Compiles the topology module's test classes into topology/target-faults (faults/classpath.sh; skipped
# when FAULTS_CP_ARGS names an argument file already made, as run-all.sh does), builds the application
# jar if it is stale, and leaves each run's logs, broker and state folders under
# topology/target/faults/<scenario>.
# Exit status: 0 passed, 1 a violation, 2 the scenario could not be carried out.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${FAULTS_CP_ARGS:-}" ]; then
  . "$root/faults/classpath.sh"
fi
exec java -Xmx2g @"$FAULTS_CP_ARGS" -Dsabiscore.repo.root="$root" -Djava.io.tmpdir="$root/topology/target-faults/tmp" \
  -Dlogback.configurationFile="$root/faults/logback.xml" \
  com.sabiscore.faults.FaultTests "$@"
