#!/usr/bin/env bash
# Does every query of the Grafana dashboard (monitoring/grafana/dashboards/streamcast.json) return series from a
# real Prometheus server? Starts a cluster of its own (scripts/cluster.sh: Kafka, a JobManager, a TaskManager;
# its own run directory and free ports), a Prometheus server (Debian's package: apt-get install prometheus)
# on localhost scraping the cluster's Prometheus endpoints every 2 s, and a small job (jobs/kafka-live.yaml on
# 3,000 replayed events and one bad record); then evaluates the dashboard's `job` variable (label_values) and each
# panel's `expr` ($job = the job's name) through Prometheus's HTTP API (/api/v1/query). Fails unless each returns
# at least one series. Stops everything it started. Not part of `mvn -B verify` (which needs only Java and Maven).
#
#   scripts/prometheus-check.sh          (runs scripts/cluster.sh setup first if needed)
#
# Environment: STREAMCAST_CLUSTER_DIR (default target/prometheus-check), STREAMCAST_PORT_BASE (default: a free
# range), PROMETHEUS (default: prometheus on PATH).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
C="$ROOT/scripts/cluster.sh"
DASHBOARD="$ROOT/monitoring/grafana/dashboards/streamcast.json"
PROMETHEUS="${PROMETHEUS:-prometheus}"
export STREAMCAST_CLUSTER_DIR="${STREAMCAST_CLUSTER_DIR:-$ROOT/target/prometheus-check}"
RUN="$STREAMCAST_CLUSTER_DIR"

say() { echo "prometheus-check: $*" >&2; }
die() { echo "prometheus-check: FAILED: $*" >&2; exit 1; }

command -v "$PROMETHEUS" > /dev/null || die "no Prometheus server: install Debian's package (apt-get install prometheus)"

export STREAMCAST_PORT_BASE="${STREAMCAST_PORT_BASE:-$("$C" free-port-base)}"
B=$STREAMCAST_PORT_BASE
BOOTSTRAP="localhost:$B"
REST="http://localhost:$((B + 2))"
PROM_PORT=$((B + 5)) # the cluster leaves B+4..B+9 free
PROM="http://127.0.0.1:$PROM_PORT"

PROM_PID=""
cleanup() {
  if [[ -n "$PROM_PID" ]]; then kill "$PROM_PID" 2> /dev/null || true; wait "$PROM_PID" 2> /dev/null || true; fi
  "$C" stop > /dev/null 2>&1 || true
}
trap cleanup EXIT

wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every second
  local t
  for ((t = 0; t < $1; t++)); do "${@:3}" > /dev/null 2>&1 && return; sleep 1; done
  die "$2: not within $1 s"
}

# ---- the cluster and Prometheus ----
"$C" prepare
"$C" clean > /dev/null 2>&1 || true
"$C" start
mkdir -p "$RUN/prometheus"
{
  echo "# written by scripts/prometheus-check.sh: the cluster's Prometheus endpoints (localhost:$((B + 10))-$((B + 20)))"
  echo "global: {scrape_interval: 2s, evaluation_interval: 2s}"
  echo "scrape_configs:"
  echo "  - job_name: flink"
  echo "    static_configs:"
  echo "      - targets: [$(for ((p = B + 10; p <= B + 20; p++)); do printf '%s"localhost:%d"' "$([[ $p == $((B + 10)) ]] || echo ', ')" "$p"; done)]"
} > "$RUN/prometheus/prometheus.yml"
"$PROMETHEUS" --config.file="$RUN/prometheus/prometheus.yml" --storage.tsdb.path="$RUN/prometheus/data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" > "$RUN/log/prometheus.log" 2>&1 < /dev/null &
PROM_PID=$!
wait_until 60 "Prometheus at $PROM" curl -sf "$PROM/-/ready"
say "Prometheus $("$PROMETHEUS" --version 2>&1 | head -1 | cut -d' ' -f3) at $PROM (pid $PROM_PID), scraping localhost:$((B + 10))-$((B + 20)) every 2 s"

# ---- a small job: 3,000 events and one bad record (a dead letter, so that its reason's counter exists) ----
"$C" replay "$ROOT/data/m5/sales_subset.csv" --calendar "$ROOT/data/m5/calendar.csv" --last-day d_1771 --topic sales \
    --partitions 2 --quiet
echo 'not json' | "$C" produce sales
JOB="$("$C" submit jobs/kafka-live.yaml --source.kafka.bootstrapServers="$BOOTSTRAP" \
    --output.kafka.bootstrapServers="$BOOTSTRAP" --runtime.checkpointInterval=2s 2> /dev/null)"
[[ -n "$JOB" ]] || die "the job was not submitted (log: $RUN/log/client.log)"
say "job $JOB submitted; waiting for its 3,000 events and a completed checkpoint ..."
learned_all() {
  curl -sf "$PROM/api/v1/query" --data-urlencode 'query=sum(flink_taskmanager_job_task_operator_eventsLearned{operator_name="learn"})' \
      | grep -q '"value":\[[0-9.]*,"3000"\]'
}
checkpointed() { curl -sf "$REST/jobs/$JOB/checkpoints" | grep -q '"completed":[1-9]'; }
wait_until 180 "learn's eventsLearned = 3000 in Prometheus" learned_all
wait_until 60 "a completed checkpoint" checkpointed
sleep 6 # a few more scrapes: increase(...[5m]) needs two samples of the dead-letter counter, checkpoint metrics a scrape

# ---- the dashboard's queries ----
# the job variable: label_values(flink_taskmanager_job_task_operator_eventsIn, job_name)
NAMES="$(curl -sf -G "$PROM/api/v1/label/job_name/values" --data-urlencode 'match[]=flink_taskmanager_job_task_operator_eventsIn' \
    | grep -o '"data":\[[^]]*\]' | sed 's/"data":\[//; s/\]$//; s/"//g')"
[[ -n "$NAMES" ]] || die "the dashboard's job variable (label_values of eventsIn) is empty"
JOB_NAME="${NAMES%%,*}"
echo "variable job: label_values(flink_taskmanager_job_task_operator_eventsIn, job_name) = $NAMES"
# each expr of the dashboard, unescaped from JSON, with $job set to the job's name
mapfile -t EXPRS < <(grep -oP '"expr":\s*"\K(\\.|[^"\\])*' "$DASHBOARD" | sed 's/\\"/"/g; s/\\\\/\\/g')
((${#EXPRS[@]} > 0)) || die "no expr in $DASHBOARD"
failed=0
for expr in "${EXPRS[@]}"; do
  q="${expr//\$job/$JOB_NAME}"
  body="$(curl -sf -G "$PROM/api/v1/query" --data-urlencode "query=$q")" || body="(no answer)"
  n="$(grep -o '"metric":' <<< "$body" | wc -l)"
  if [[ "$body" == *'"status":"success"'* ]] && ((n > 0)); then
    value="$(grep -o '"value":\[[0-9.]*,"[^"]*"\]' <<< "$body" | head -1 | sed 's/.*,"\([^"]*\)"\]/\1/')"
    echo "ok  $n series (first value $value): $expr"
  else
    echo "NO SERIES: $expr"
    echo "    answer: $body"
    failed=$((failed + 1))
  fi
done
((failed == 0)) || die "$failed of ${#EXPRS[@]} dashboard queries returned no series (Prometheus log: $RUN/log/prometheus.log)"
"$C" cancel "$JOB" > /dev/null 2>&1 || true
say "PASSED: all ${#EXPRS[@]} queries of the dashboard returned series from Prometheus (job '$JOB_NAME')"
