#!/usr/bin/env bash
# Checks the monitoring against a real instance: starts `bin/sabiscore run` (its own broker and
# state under a temporary folder, two months of history, free loopback ports) and a real
# Prometheus (Debian's `prometheus`, loopback only) that scrapes it with the alert rules of
# ops/prometheus/alerts.yml. While Prometheus watches, it sends API traffic, publishes the bundled
# models again as a challenger, replays two more months of history (so both models are scored) and
# publishes an undecodable record; then it asks Prometheus for every query
# of the Grafana dashboard and the signal of every alert rule (its expression without the
# threshold). Each must return data, the rules must evaluate without error, and the dead-letter
# alert must fire. Exits 1 otherwise.
#
#   ops/check-monitoring.sh              # about 3 minutes; needs the football data (as `bin/sabiscore run`)
#   KEEP=1 ops/check-monitoring.sh       # keep the temporary folder (logs, scrape, Prometheus data)
#
# Uses the machine's Redis on 127.0.0.1:6379 when it runs (without it the mirror's lag grows, which
# the checks also accept: they ask for data, not for health).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

for tool in prometheus curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-monitoring: $tool is missing (prometheus: apt-get install -y prometheus)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/sabiscore-monitoring.XXXXXX")"
app_pid=""
prometheus_pid=""
traffic_pid=""
cleanup() {
  for pid in "$traffic_pid" "$prometheus_pid" "$app_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
http_port="$(free_port)"
broker_port="$(free_port)"
prometheus_port="$(free_port)"
base="http://127.0.0.1:$http_port"

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds="$1" what="$2"
  shift 2
  for _ in $(seq 1 "$((seconds * 2))"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "check-monitoring: $what not within $seconds s; see $work" >&2
  KEEP=1
  exit 1
}

echo "== app: bin/sabiscore run on 127.0.0.1:$http_port (broker $broker_port, folders in $work)"
SABISCORE_JAVA_OPTS="${SABISCORE_JAVA_OPTS:--Xmx1g}" "$root/bin/sabiscore" run --port "$http_port" --offline \
  --from 2023-08-01 --to 2023-09-30 \
  --set state.dir="$work/state" --set embedded.broker.dir="$work/kafka" --set embedded.broker.port="$broker_port" \
  >"$work/app.log" 2>&1 &
app_pid=$!
wait_for 300 "the app was not ready" curl -sf "$base/ready"
wait_for 120 "the replay was not processed" \
  sh -c "curl -sf '$base/metrics' | grep -q '^predictions_emitted_total [1-9]'"
fixture="$(grep -o '/api/v1/predictions/[^ ]*' "$work/app.log" | head -1)"
echo "   ready; example prediction $fixture"

publish_bad_record() { # an undecodable value: the stream sends it to the dead-letter topic and counts it
  printf '{"topic":"sabiscore.fixtures","key":"E0:2023-09-30:Monitoring:Check%s","value":"AAAA"}\n' "$1" >"$work/bad-record.jsonl"
  "$root/bin/sabiscore" publish --file "$work/bad-record.jsonl" --set embedded.broker.port="$broker_port" >>"$work/publish.log" 2>&1
}
echo "== one undecodable record, so the dead-letter counter exists before Prometheus looks"
publish_bad_record 1
wait_for 60 "the dead letter was not counted" sh -c "curl -sf '$base/metrics' | grep -q '^dead_letters_total'"

traffic() { # a bounded mix of the API's routes, about 20 requests a second
  local rounds="$1"
  for _ in $(seq 1 "$rounds"); do
    curl -s -o /dev/null "$base$fixture"
    curl -s -o /dev/null -X POST "$base/api/v1/predict" -H 'Content-Type: application/json' \
      -d '{"home_team":"Arsenal","away_team":"Chelsea","league":"Premier League","kickoff_time":"2023-10-21T16:30:00Z"}'
    curl -s -o /dev/null "$base/api/v1/teams/E0/Arsenal"
    curl -s -o /dev/null "$base/api/v1/predictions?competition=E0&from=2023-10-01&to=2023-10-31"
    curl -s -o /dev/null "$base/api/v1/predictions/E0%3A2030-01-01%3ANobody%3ANoone"
    sleep 0.2
  done
}

echo "== Prometheus on 127.0.0.1:$prometheus_port, scraping every 2 s with ops/prometheus/alerts.yml"
cp "$root/ops/prometheus/alerts.yml" "$work/alerts.yml"
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files:
  - alerts.yml
scrape_configs:
  - job_name: sabiscore
    static_configs:
      - targets: ["127.0.0.1:$http_port"]
EOF
promtool check config "$work/prometheus.yml" >/dev/null
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
wait_for 60 "Prometheus was not ready" curl -sf "http://127.0.0.1:$prometheus_port/-/ready"
# the second refused record must come after Prometheus' first sample of the counter, or it sees no increase
wait_for 60 "Prometheus did not scrape the dead-letter counter" \
  sh -c "curl -sf 'http://127.0.0.1:$prometheus_port/api/v1/query?query=dead_letters_total' | grep -q '\"result\":\[{'"

# traffic throughout the scrapes, so every rate window holds requests; the lag rule's
# subquery needs a minute of samples
traffic 400 &
traffic_pid=$!
started=$SECONDS
echo "== while it watches: the bundled models as a challenger, a second undecodable record and two more months of history"
"$root/bin/sabiscore" model publish --dir "$root/models" --version monitoring-check-challenger --challenger \
  --set embedded.broker.port="$broker_port" >"$work/model-publish.log" 2>&1
publish_bad_record 2
"$root/bin/sabiscore" replay --offline --from 2023-10-01 --to 2023-11-30 --set embedded.broker.port="$broker_port" \
  >"$work/replay.log" 2>&1
grep -o 'replay: .*' "$work/replay.log" | tail -1 | sed 's/^/   /'
# the record, timestamped now, may wait for the stream's result hold (result.hold.grace.ms) behind the replay
wait_for 120 "the second dead letter was not counted" sh -c "curl -sf '$base/metrics' | grep -q '^dead_letters_total.* 2.0$'"
sleep "$((75 - (SECONDS - started) > 15 ? 75 - (SECONDS - started) : 15))"
curl -s "$base/metrics" >"$work/metrics.txt"

echo "== queries"
python3 - "$root" "http://127.0.0.1:$prometheus_port" <<'PYTHON'
import json
import re
import sys
import urllib.parse
import urllib.request

root, prometheus = sys.argv[1], sys.argv[2]

def query(expr):
    url = prometheus + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)

def shown(result):
    values = [series["value"][1] for series in result[:3]]
    return ", ".join(values) + (" ..." if len(result) > 3 else "")

passed, failed = 0, 0
def check(kind, name, expr, need_data=True):
    global passed, failed
    answer = query(expr)
    result = answer.get("data", {}).get("result", [])
    ok = answer.get("status") == "success" and (bool(result) or not need_data)
    passed, failed = passed + ok, failed + (not ok)
    status = "ok  " if ok else "FAIL"
    detail = f"{len(result)} series: {shown(result)}" if result else (answer.get("error") or "no data")
    print(f"{status} {kind:9} {name[:60]:60} {detail}")

# Grafana's interval variables, as the dashboard's 15 s refresh and a 1 h range would set them
variables = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "1h"}
dashboard = json.load(open(f"{root}/ops/grafana/dashboards/sabiscore-streams.json"))
for panel in dashboard["panels"]:
    for target in panel["targets"]:
        expr = target["expr"]
        for variable, value in variables.items():
            expr = expr.replace(variable, value)
        check("dashboard", f"{panel['title']} [{target.get('legendFormat') or target['refId']}]", expr)

rules = json.load(urllib.request.urlopen(prometheus + "/api/v1/rules", timeout=30))["data"]["groups"]
for group in rules:
    for rule in group["rules"]:
        signal = re.sub(r"\s*(<|>)\s*[0-9.]+\s*$", "", rule["query"])
        check("alert", f"{rule['name']} signal", signal)
        check("alert", f"{rule['name']} (state {rule['state']}, health {rule['health']})", rule["query"], need_data=False)
        if rule["health"] != "ok":
            failed += 1
            print(f"FAIL alert     {rule['name']} does not evaluate: {rule.get('lastError')}")
        if rule["name"] == "SabiScoreDeadLettersGrowing":
            # a record was refused while Prometheus watched: this one must fire
            fires = rule["state"] == "firing"
            passed, failed = passed + fires, failed + (not fires)
            print(f"{'ok  ' if fires else 'FAIL'} alert     {rule['name']} fires after the refused record: {rule['state']}")

print(f"monitoring: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PYTHON
