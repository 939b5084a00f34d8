#!/usr/bin/env bash
# How long the REST API's (and the web UI's) metrics stand still after a TaskManager dies: start a JobManager and
# two TaskManagers (scripts/cluster.sh, no job), kill -9 the second one, then sample the JobManager's own
# Status.JVM.CPU.Time over REST every second and report the longest stretch without a change. The JobManager's
# metric fetcher starts no new round until the last one is answered, and it waits up to web.timeout for a
# TaskManager's answer: conf/config.yaml sets 30s (Flink's default is 10min).
#
#   scripts/metrics-freeze.sh [TRIES] [SECONDS]        (default: 4 tries, each watched for 100 s)
#   FLINK_ARGS="-D web.timeout=10min" scripts/metrics-freeze.sh 2 240    Flink's default, for comparison
#
# Runs a cluster of its own: run directory target/metrics-freeze, free ports (STREAMCAST_PORT_BASE).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
C="$ROOT/scripts/cluster.sh"
export STREAMCAST_CLUSTER_DIR="$ROOT/target/metrics-freeze"
export STREAMCAST_PORT_BASE
STREAMCAST_PORT_BASE="$("$C" free-port-base)"
TRIES="${1:-4}" WATCH="${2:-100}"
"$C" prepare
trap '"$C" stop > /dev/null 2>&1 || true' EXIT
cpu_time() { curl -s "http://localhost:$((STREAMCAST_PORT_BASE + 2))/jobmanager/metrics?get=Status.JVM.CPU.Time" | grep -o '"value":"[0-9]*"' | grep -o '[0-9]*' || true; }
results=()
for ((t = 1; t <= TRIES; t++)); do
  "$C" clean > /dev/null 2>&1 || true
  "$C" start-jm > /dev/null 2>&1
  "$C" start-tm > /dev/null 2>&1
  "$C" start-tm > /dev/null 2>&1
  sleep 8 # a few fetch rounds
  "$C" kill-tm 2 > /dev/null 2>&1
  start=$SECONDS last="$(cpu_time)" since=$SECONDS longest=0
  while ((SECONDS - start < WATCH)); do
    sleep 1
    now="$(cpu_time)"
    if [[ "$now" == "$last" ]]; then
      ((SECONDS - since > longest)) && longest=$((SECONDS - since))
    else
      last="$now" since=$SECONDS
    fi
  done
  echo "try $t: longest stretch without a metrics update over REST after kill -9 of a TaskManager: $longest s (watched $WATCH s)"
  results+=("$longest")
  "$C" stop > /dev/null 2>&1
done
echo "web.timeout: $(grep -o 'web.timeout=[^ ]*' <<< "${FLINK_ARGS:-}" || echo 'conf/config.yaml'); longest stretches (s): ${results[*]}"
