#!/usr/bin/env bash
# Latency of `streamcast serve` under load, on this machine (BENCHMARKS.md, "The seed's API under load"): a Kafka
# broker and a Flink standalone cluster of its own (scripts/cluster.sh, on a free port base, in a temporary run
# directory), jobs/kafka-serve.yaml (answers topic, heap state), the gateway, then `streamcast serve-load` (open-loop
# predictions at the given rates while a synthetic feed keeps the job learning). Stops everything it started.
#
#   scripts/serve-bench.sh [serve-load options]    e.g. --rate 100,500,2000 --duration 30s --learn-rate 12000
#   JOB_ARGS="--runtime.stateBackend rocksdb" scripts/serve-bench.sh ...   overrides of the job file
#
# While the load runs, every 10 s a line "serve-bench: cpu ..." gives each process's share of one core over those
# 10 s (from /proc: user + system time), so a table's rows can be read against where the 2 cores went.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
C=scripts/cluster.sh
STREAMCAST_PORT_BASE="$($C free-port-base)"
STREAMCAST_CLUSTER_DIR="$(mktemp -d /tmp/serve-bench.XXXXXX)"
export STREAMCAST_PORT_BASE STREAMCAST_CLUSTER_DIR
K="localhost:$STREAMCAST_PORT_BASE"
PORT=$((STREAMCAST_PORT_BASE + 5))
SERVE_PID=""
SAMPLER_PID=""
cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2> /dev/null || true
  [[ -n "$SERVE_PID" ]] && kill "$SERVE_PID" 2> /dev/null || true
  $C clean > /dev/null 2>&1 || true
}
trap cleanup EXIT

$C prepare
$C start
for t in sales forecasts metrics series dead-letters late answers; do $C topic "$t" 2 > /dev/null; done
JOB="$($C submit jobs/kafka-serve.yaml --source.kafka.bootstrapServers="$K" --output.kafka.bootstrapServers="$K" \
    ${JOB_ARGS:-} | tail -1)"
echo "serve-bench: job $JOB" >&2
bin/streamcast serve jobs/kafka-serve.yaml --port "$PORT" --set source.kafka.bootstrapServers="$K" \
    --set output.kafka.bootstrapServers="$K" \
    > "$STREAMCAST_CLUSTER_DIR/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 60); do
  grep -q "serving chantilly's API" "$STREAMCAST_CLUSTER_DIR/serve.log" && break
  sleep 1
done
grep -q "serving chantilly's API" "$STREAMCAST_CLUSTER_DIR/serve.log" \
  || { cat "$STREAMCAST_CLUSTER_DIR/serve.log" >&2; exit 1; }
# each Java process's CPU over the last 10 s, in % of one core
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2> /dev/null || echo 0; }
cpu_name() {
  tr '\0' ' ' < "/proc/$1/cmdline" 2> /dev/null | grep -o 'kafka\.Kafka\|TaskManagerRunner\|StandaloneSessionClusterEntrypoint\|Streamcast serve-load\|Streamcast serve' \
    | head -1 | sed 's/kafka.Kafka/broker/; s/TaskManagerRunner/taskmanager/; s/StandaloneSessionClusterEntrypoint/jobmanager/;
                     s/Streamcast serve-load/load-generator/; s/Streamcast serve/gateway/'
}
sample_cpu() {
  local hz; hz="$(getconf CLK_TCK)"
  declare -A before
  while true; do
    for p in $(pgrep java); do before[$p]="$(cpu_ticks "$p")"; done
    sleep 10
    line="serve-bench: cpu $(date -u +%H:%M:%S)"
    for p in "${!before[@]}"; do
      n="$(cpu_name "$p")"
      [[ -n "$n" ]] && line+=" $n $(( ($(cpu_ticks "$p") - ${before[$p]}) * 100 / (10 * hz) ))%"
    done
    echo "$line" >&2
    before=()
  done
}
sample_cpu &
SAMPLER_PID=$!
bin/streamcast serve-load jobs/kafka-serve.yaml --url "http://localhost:$PORT" \
    --set source.kafka.bootstrapServers="$K" --set output.kafka.bootstrapServers="$K" "$@"
