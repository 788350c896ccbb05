#!/usr/bin/env bash
# Every fault test, one after the other, each bounded in time: the numbered scripts in this folder
# (1-app-crash.sh, 2-broker-bounce.sh, ...), in order. Compiles once, keeps each test's output in
# topology/target/faults/results/<test>.log and ends with a summary; exits non-zero if any failed.
# About 90 minutes with the 30-minute soak.
#   faults/run-all.sh
#   SHORT=1 faults/run-all.sh            # the soak for 5 minutes
#   ONLY="1 8" faults/run-all.sh         # some tests only, by number
#   LIMIT_MINUTES=60 faults/run-all.sh   # each test's time limit (default 60; the soak gets 30 more)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
results="$root/topology/target/faults/results"
mkdir -p "$results"
limit="${LIMIT_MINUTES:-60}"
BENCH_BUILD_DIR=target-faults . "$root/bench/classpath.sh"
export FAULTS_CP_ARGS="$BENCH_CP_ARGS"
"$root/bin/sabiscore" --help >/dev/null   # the application jar, built before any timed step

summary=()
logs=()
failed=0
for script in "$here"/[0-9]-*.sh; do
  name="$(basename "$script" .sh)"
  number="${name%%-*}"
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $number "* ]]; then
    continue
  fi
  minutes="$limit"
  [ "$name" = 9-soak ] && minutes=$((limit + 30))
  echo "=== $name (limit $minutes min) ==="
  started=$(date +%s)
  timeout --signal=TERM --kill-after=60 "${minutes}m" "$script" 2>&1 | tee "$results/$name.log"
  status=${PIPESTATUS[0]}
  took=$(( $(date +%s) - started ))
  case "$status" in
    0) verdict=PASS ;;
    124) verdict="FAIL (over $minutes min)"; failed=1 ;;
    *) verdict="FAIL (status $status)"; failed=1 ;;
  esac
  logs+=("$results/$name.log")
  summary+=("$(printf '%-24s %-22s %4d min %02d s   %s' "$name" "$verdict" $((took / 60)) $((took % 60)) "$results/$name.log")")
done

echo
echo "=== fault tests: summary ==="
for line in "${summary[@]}"; do
  echo "$line"
done
for log in "${logs[@]}"; do
  grep -h '^PASS \|^FAIL ' "$log" | sed 's/^/  /'
done
exit "$failed"
