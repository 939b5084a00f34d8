#!/usr/bin/env bash
# Latency of `streamcast serve` under load, on this machine (BENCHMARKS.md, "The seed's API under load"): a Kafka
# broker and a Flink standalone cluster of its own (scripts/cluster.sh, on a free port base, in a temporary run
# directory), jobs/kafka-live.yaml with an answers topic, the gateway, then `streamcast serve-load` (open-loop
# predictions at the given rates while a synthetic feed keeps the job learning). Stops everything it started.
#
#   scripts/serve-bench.sh [serve-load options]    e.g. --rate 100,500,2000 --duration 30s --learn-rate 12000
#   JOB_ARGS="--runtime.stateBackend hashmap" scripts/serve-bench.sh ...   more overrides of the job file
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
cleanup() {
  [[ -n "$SERVE_PID" ]] && kill "$SERVE_PID" 2> /dev/null || true
  $C clean > /dev/null 2>&1 || true
}
trap cleanup EXIT

$C prepare
$C start
for t in sales forecasts metrics series dead-letters late answers; do $C topic "$t" 2 > /dev/null; done
JOB="$($C submit jobs/kafka-live.yaml --source.kafka.bootstrapServers="$K" --output.kafka.bootstrapServers="$K" \
    --output.kafka.topics.answers answers ${JOB_ARGS:-} | tail -1)"
echo "serve-bench: job $JOB" >&2
bin/streamcast serve jobs/kafka-live.yaml --port "$PORT" --set source.kafka.bootstrapServers="$K" \
    --set output.kafka.bootstrapServers="$K" --set output.kafka.topics.answers=answers \
    > "$STREAMCAST_CLUSTER_DIR/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 60); do
  grep -q "serving chantilly's API" "$STREAMCAST_CLUSTER_DIR/serve.log" && break
  sleep 1
done
grep -q "serving chantilly's API" "$STREAMCAST_CLUSTER_DIR/serve.log" \
  || { cat "$STREAMCAST_CLUSTER_DIR/serve.log" >&2; exit 1; }
bin/streamcast serve-load jobs/kafka-live.yaml --url "http://localhost:$PORT" \
    --set source.kafka.bootstrapServers="$K" --set output.kafka.bootstrapServers="$K" "$@"
