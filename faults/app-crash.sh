#!/usr/bin/env bash
# Fault test 1, the app crashes: `bin/sabiscore run` (app and embedded broker) killed with SIGKILL ten
# times at random points of a whole-history replay, publishing and processing, and restarted with the
# same command each time; then the committed output is compared with an uninterrupted run. Once under
# exactly-once (versions 1..n exactly once, bit-identical), once under at-least-once (nothing lost,
# duplicates counted). About 10-20 minutes each on two cores. Arguments go to both runs, e.g.
#   faults/app-crash.sh --seed 42
#   faults/app-crash.sh --kills 3 --window E0,D1:2022-08-01:2023-06-30
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status=0
"$here/scenario.sh" app-crash --kills 10 "$@" || status=$?
"$here/scenario.sh" app-crash --kills 10 --guarantee at_least_once "$@" || status=$?
exit "$status"
