#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md in sequence, then the diagnostic scripts, with one summary:
# bench/results/summary-<UTC time>.txt holds each step's command, how long it took, its headline lines and the raw
# output file it wrote. Takes about 35 minutes (about 10 with --quick). The benchmarks load both cores and need
# Redis on 127.0.0.1:6379 for the HTTP steps: run them on an otherwise idle machine. Loopback only.
#   bench/run-all.sh                      # the standard runs of docs/benchmarks.md, then the diagnostics
#   bench/run-all.sh --quick              # a shorter run of each benchmark and no diagnostics: checks that all run
#   bench/run-all.sh --dry-run [--quick]  # prints the steps it would run, runs nothing
#   bench/run-all.sh --only ready,http    # only the named steps (names as --dry-run prints them)
# A step that fails is recorded in the summary and the next one runs; the exit status is 1 if any step failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; }
quick=0
dry_run=0
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --dry-run) dry_run=1 ;;
    --only) [ $# -ge 2 ] || { echo "run-all.sh: --only needs a comma-separated list of step names" >&2; exit 2; }
            only="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-all.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# The steps: name, minutes it takes (about), the prefix of the raw output file run-all writes from its output, or "-"
# when the script saves its own file and prints "saved in <file>", the headline lines (an extended regular
# expression) and the command, run from the repository root.
names=(); minutes=(); prefixes=(); headlines=(); commands=()
step() { names+=("$1"); minutes+=("$2"); prefixes+=("$3"); headlines+=("$4"); commands+=("$5"); }
# quick: shorter runs of the same benchmarks (their figures are not comparable with the results page), no diagnostics
if [ "$quick" = 1 ]; then
  jmh_options=' -wi 1 -w 1 -i 3 -r 1'; rounds=3; paced='--burst 20000 --rate 1000 --events 30000 --warm-up 1000'
  restarts='RUNS=1 '; http_settings=''; minutes_of=(1 1 1 1 1 0.5 1 3.5)
else
  jmh_options=''; rounds=6; paced='--burst 60000 --rate 1000 --events 80000 --warm-up 1000'
  restarts=''; http_settings='WARMUP=120s PACED_DURATION=60 '; minutes_of=(2 1 2 1.5 1.5 1 2 8)
fi
latency_headline='^(event->prediction latency|re-scores)'
step scoring     "${minutes_of[0]}" -       '^(Benchmark |FixtureScoringBenchmark\.)' "bench/scoring-cost.sh$jmh_options"
step replay-cold "${minutes_of[1]}" -       '^(throughput|re-scores|CPU time over)' 'bench/replay-throughput.sh --warm-up 5000'
step replay-warm "${minutes_of[2]}" -       '^==== throughput by round' "bench/replay-throughput.sh --warm-up 5000 --rounds $rounds"
step latency-eos "${minutes_of[3]}" -       "$latency_headline" "bench/replay-throughput.sh $paced"
step latency-alo "${minutes_of[4]}" -       "$latency_headline" "bench/replay-throughput.sh $paced --guarantee at_least_once"
step ready       "${minutes_of[5]}" ready   '^run [0-9]+:' "${restarts}bench/time-to-ready.sh"
step restart     "${minutes_of[6]}" restart '^restart [0-9]+:' "${restarts}bench/restart-to-serving.sh"
step http        "${minutes_of[7]}" -       '^(## |Requests/sec|requests:|latency \(from intended)' "${http_settings}bench/http-load.sh"
if [ "$quick" = 0 ]; then
  # diagnostics: they explain the HTTP figures rather than set them
  step run-queue  3 run-queue  '^(## |achieved|latency|  http-loop)' 'bench/run-queue-wait.sh'
  step thread-cpu 2 thread-cpu '^(achieved|latency|.*(all threads of the app|http-loop|redis-server))' \
      'RATE=15000 HIT_SHARE=0.73 DURATION=30 bench/thread-cpu.sh'
  step warm-up    6 -          '^(round|## |achieved|latency)' 'bench/warm-up-curve.sh'
fi

selected() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
for wanted in ${only//,/ }; do
  [[ " ${names[*]} " == *" $wanted "* ]] || { echo "run-all.sh: no step named '$wanted' (steps: ${names[*]})" >&2; exit 2; }
done
total=0
for i in "${!names[@]}"; do
  selected "${names[$i]}" && total="$(awk -v a="$total" -v b="${minutes[$i]}" 'BEGIN { print a + b }')"
done

if [ "$dry_run" = 1 ]; then
  echo "bench/run-all.sh$([ "$quick" = 1 ] && echo " --quick") would run, from $root (about $total minutes after the build):"
  for i in "${!names[@]}"; do
    selected "${names[$i]}" || continue
    printf '  %-12s ~%-4s min  %s\n' "${names[$i]}" "${minutes[$i]}" "${commands[$i]}"
  done
  echo "and write the summary to bench/results/summary-<UTC time>.txt"
  exit 0
fi

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
summary="$here/results/summary-$stamp.txt"
work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-run-all.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { echo "$*" | tee -a "$summary"; }

say "# bench/run-all.sh$([ "$quick" = 1 ] && echo " --quick") $(date -u +%FT%TZ)"
say "# $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "no git") on $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), load before$(uptime | sed 's/.*load average//')"
failed=0
for i in "${!names[@]}"; do
  name="${names[$i]}"
  selected "$name" || continue
  echo "==== $name: ${commands[$i]}" >&2
  started=$(date +%s)
  status=0
  (cd "$root" && bash -c "${commands[$i]}") < /dev/null 2>&1 | tee "$work/$name.log" || status=$?
  seconds=$(( $(date +%s) - started ))
  if [ "${prefixes[$i]}" = - ]; then
    raw="$(sed -n 's/^saved in //p' "$work/$name.log" | tail -1)"
  else
    raw="bench/results/${prefixes[$i]}-$(date -u -d "@$started" +%Y%m%dT%H%M%SZ).txt"
    cp "$work/$name.log" "$root/$raw"
  fi
  [ "$status" = 0 ] || failed=1
  {
    echo
    echo "## $name: ${commands[$i]}"
    echo "took $seconds s; raw output: ${raw:-(none)}"
    [ "$status" = 0 ] || echo "FAILED with exit status $status"
    grep -E "${headlines[$i]}" "$work/$name.log" || echo "(no headline lines)"
  } | tee -a "$summary"
done
say ""
say "# load after$(uptime | sed 's/.*load average//')"
echo "summary saved in ${summary#"$root"/}"
exit "$failed"
