#!/usr/bin/env bash
# Screenshot of the Flink web UI while the demo job runs, for README.md (docs/webui.png by default).
# Starts `bin/streamcast run jobs/demo.yaml --local` with a source that keeps watching its input (so the job
# stays RUNNING), waits until Flink's REST API reports the job RUNNING with every task running and events
# learned, takes the shot with headless Chromium, and fails unless the page shows the running job: the DOM must
# name the job and its learn operator, and the PNG must be a real image. Then cancels the job.
# As root (where `unshare` works) it runs in a private network namespace with only a loopback interface: port
# 8081 is then free whatever else runs on the machine, and nothing can leave the machine.
# Needs: Java 17, Maven, curl, jq, Debian's chromium (apt-get install -y chromium jq); port 8081 free otherwise.
# Usage: scripts/screenshot-webui.sh [OUT.png]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/docs/webui.png}")"

if [[ -z "${STREAMCAST_IN_NETNS:-}" ]] && command -v ip > /dev/null && unshare --net true 2> /dev/null; then
  "$ROOT/bin/streamcast" --help > /dev/null  # build now, while Maven can still reach its repository
  STREAMCAST_IN_NETNS=1 exec unshare --net "$0" "$OUT"
fi
if [[ -n "${STREAMCAST_IN_NETNS:-}" ]]; then
  ip link set lo up
fi
UI="http://localhost:8081"            # StreamcastJob.LOCAL_WEB_UI_PORT
JOB_NAME="streamcast demo"
PATIENCE=300                          # seconds, the first build included

for tool in curl jq chromium java mvn; do
  command -v "$tool" > /dev/null || { echo "screenshot-webui: $tool is missing" >&2; exit 1; }
done
if curl -s -o /dev/null --max-time 2 "$UI"; then
  echo "screenshot-webui: $UI is already in use (another local run?); stop it first" >&2
  exit 1
fi

WORK="$(mktemp -d)"
RUN_PID=""
JID=""
cleanup() {
  local rc=$?
  if [[ -n "$JID" ]]; then
    curl -s -o /dev/null --max-time 5 -X PATCH "$UI/jobs/$JID?mode=cancel" || true
  fi
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2> /dev/null; then
    kill "$RUN_PID" 2> /dev/null || true
    wait "$RUN_PID" 2> /dev/null || true
  fi
  if [[ $rc -ne 0 ]]; then
    echo "screenshot-webui: failed; the run's output:" >&2
    tail -n 30 "$WORK/run.log" >&2 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "screenshot-webui: $*" >&2; exit 1; }

# waits until the command succeeds, or fails with the message after PATIENCE seconds
await() {
  local what="$1"; shift
  local deadline=$((SECONDS + PATIENCE))
  until "$@"; do
    kill -0 "$RUN_PID" 2> /dev/null || fail "the job stopped before $what"
    (( SECONDS < deadline )) || fail "timed out waiting for $what"
    sleep 1
  done
}

echo "screenshot-webui: starting the demo job (web UI at $UI) ..."
"$ROOT/bin/streamcast" run "$ROOT/jobs/demo.yaml" --local --source.monitorInterval 1h \
    --output.path "$WORK/out" --runtime.checkpointDir "$WORK/checkpoints" > "$WORK/run.log" 2>&1 &
RUN_PID=$!

running_job() {
  JID="$(curl -sf --max-time 5 "$UI/jobs/overview" \
    | jq -r --arg name "$JOB_NAME" '.jobs[] | select(.name == $name and .state == "RUNNING") | .jid' \
    | head -n 1)" && [[ -n "$JID" ]]
}
await "the job to be RUNNING" running_job

all_tasks_running_and_learning() {
  local job learn learned
  job="$(curl -sf --max-time 5 "$UI/jobs/$JID")" || return 1
  [[ "$(jq '[.vertices[] | .status == "RUNNING"] | all' <<< "$job")" == "true" ]] || return 1
  learn="$(jq -r '.vertices[] | select(.name | startswith("learn")) | .id' <<< "$job")"
  [[ -n "$learn" ]] || return 1
  learned="$(curl -sf --max-time 5 \
    "$UI/jobs/$JID/vertices/$learn/subtasks/metrics?get=learn.eventsLearned&agg=sum" | jq -r '.[0].sum // 0')"
  [[ "${learned%.*}" -gt 0 ]]
}
await "the job's tasks to run and learn" all_tasks_running_and_learning
echo "screenshot-webui: job $JID is RUNNING and learning"

PAGE="$UI/#/job/running/$JID/overview"
chrome() {
  # a fresh profile each time; no traffic but to localhost
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --no-default-browser-check --disable-sync \
    --disable-extensions --disable-default-apps --disable-domain-reliability --no-pings \
    --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost" \
    --user-data-dir="$(mktemp -d "$WORK/chrome.XXXX")" --window-size=1400,900 --hide-scrollbars \
    --virtual-time-budget=15000 "$@" "$PAGE" 2> "$WORK/chrome.log"
}
chrome --dump-dom > "$WORK/page.html" || fail "chromium could not load $PAGE"
grep -q "$JOB_NAME" "$WORK/page.html" || fail "the page does not name the job '$JOB_NAME'"
grep -q ">learn" "$WORK/page.html" || fail "the page does not show the job graph (no 'learn' operator)"
grep -qi "RUNNING" "$WORK/page.html" || fail "the page does not show the job RUNNING"

chrome --screenshot="$WORK/webui.png" > /dev/null || fail "chromium could not take the screenshot"
[[ "$(head -c 8 "$WORK/webui.png" | od -An -tx1 | tr -d ' \n')" == "89504e470d0a1a0a" ]] \
  || fail "the screenshot is not a PNG"
size=$(stat -c %s "$WORK/webui.png")
(( size > 40000 )) || fail "the screenshot is only $size bytes: the page looks empty"
[[ "$(curl -sf --max-time 5 "$UI/jobs/$JID" | jq -r .state)" == "RUNNING" ]] \
  || fail "the job was no longer RUNNING when the shot was taken"

mkdir -p "$(dirname "$OUT")"
cp "$WORK/webui.png" "$OUT"
echo "screenshot-webui: saved $OUT ($size bytes) of $PAGE"
