#!/usr/bin/env bash
# Every fault test, one after the other, each bounded in time, in the order of their numbers (a test
# whose script is not here is listed as such). Compiles once, keeps each test's output in
# topology/target/faults/results/<test>.log and ends with a summary; exits non-zero if any failed.
# About 2 hours with the 30-minute soak on two cores.
#   faults/run-all.sh
#   SHORT=1 faults/run-all.sh            # the short versions where a test has one (the soak: 5 minutes)
#   ONLY="1 8" faults/run-all.sh         # some tests only, by number
#   LIMIT_MINUTES=60 faults/run-all.sh   # each test's time limit (default 60; the soak gets 30 more)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
results="$root/topology/target/faults/results"
mkdir -p "$results"
limit="${LIMIT_MINUTES:-60}"
# number, script
tests=(
  "1 app-crash.sh"
  "2 broker-bounce.sh"
  "3 instance-replaced.sh"
  "4 state-lost.sh"
  "5 redis-outage.sh"
  "8 graceful-shutdown.sh"
  "9 soak.sh"
)
. "$here/classpath.sh" || exit 2
"$root/bin/sabiscore" --help >/dev/null   # the application jar, built before any timed step

summary=()
logs=()
failed=0
for test in "${tests[@]}"; do
  read -r number script <<<"$test"
  name="${script%.sh}"
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $number "* ]]; then
    continue
  fi
  if [ ! -x "$here/$script" ]; then
    summary+=("$(printf '%d %-20s %-22s' "$number" "$name" "not present")")
    continue
  fi
  minutes="$limit"
  [ "$name" = soak ] && minutes=$((limit + 30))
  echo "=== test $number: $name (limit $minutes min) ==="
  started=$(date +%s)
  timeout --signal=TERM --kill-after=60 "${minutes}m" "$here/$script" 2>&1 | tee "$results/$name.log"
  status=${PIPESTATUS[0]}
  took=$(( $(date +%s) - started ))
  case "$status" in
    0) verdict=PASS ;;
    124) verdict="FAIL (over $minutes min)"; failed=1 ;;
    *) verdict="FAIL (status $status)"; failed=1 ;;
  esac
  logs+=("$results/$name.log")
  summary+=("$(printf '%d %-20s %-22s %4d min %02d s   %s' "$number" "$name" "$verdict" $((took / 60)) $((took % 60)) "$results/$name.log")")
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
