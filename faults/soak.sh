#!/usr/bin/env bash
# Fault test 9, the soak: one instance takes a feed at 20 events/s (after the rest of the history at
# once) and 200 mixed HTTP requests/s for 30 minutes; RSS, heap after GC, metaspace, open files and
# threads are read every 30 s and must not climb; no ERROR may be logged, no 5xx answered.
#   faults/soak.sh                   # 30 minutes
#   SHORT=1 faults/soak.sh           # 5 minutes, a reading every 10 s
#   faults/soak.sh --minutes 120 --rate 50
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "${SHORT:-0}" = 1 ]; then
  exec "$here/scenario.sh" soak --minutes 5 --sample-seconds 10 "$@"
fi
exec "$here/scenario.sh" soak "$@"
