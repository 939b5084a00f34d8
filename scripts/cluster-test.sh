#!/usr/bin/env bash
# The cluster test on real processes (scripts/cluster.sh): a Kafka broker, a JobManager and TaskManagers as
# separate JVMs on localhost. `mvn -B verify` runs it last (-DskipClusterTest leaves it out); it also runs on its
# own (after `mvn package`).
#
#  1. reference: the M5 subset from the wide file, on the cluster, outputs to files (an uninterrupted run)
#  2. the replay tool publishes days d_1762..d_1821 (18,000 events) to the topic `sales`; the Kafka job
#     (jobs/kafka-live.yaml, exactly-once Kafka outputs) runs at parallelism 1 and learns that backlog (the rate);
#     then d_1822..d_1881 are published live at 1,000 events/s; once learn has counted more than the backlog (live
#     events are being learned; asserted) the TaskManager is killed with kill -9 and a new one started; the job
#     recovers from its last checkpoint
#  3. stop with a savepoint; publish d_1882..d_1941 (18,000 more); resume from the savepoint at parallelism 2
#  4. the committed forecasts (read_committed) are exactly the reference's 54,000: none lost, none twice,
#     same values
# Along the way (after the backlog) one scrape of the Prometheus endpoints: the JobManager's and the TaskManager's
# serve their metrics (learn's eventsLearned = the backlog); and every port the processes listen on is on the
# loopback address.
# Prints and writes a report (target/cluster-test/cluster-test-report.txt): recovery time, the rate the job
# sustained from Kafka, the savepoint resume. Stops every process it started, also on failure.
# The test's cluster is its own: its run directory is target/cluster-test (Kafka's data, checkpoints, logs) and its
# ports a free range (STREAMCAST_PORT_BASE), whatever the environment says, so a user's cluster (.cluster/run,
# ports 9092, 8081, ...) is neither stopped nor cleaned nor read; only the lib folders in .cluster/ are shared.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
C="$ROOT/scripts/cluster.sh"
export STREAMCAST_CLUSTER_DIR="$ROOT/target/cluster-test"
RUN="$STREAMCAST_CLUSTER_DIR"
export STREAMCAST_PORT_BASE
STREAMCAST_PORT_BASE="$("$C" free-port-base)"
KAFKA_PORT=$STREAMCAST_PORT_BASE
REST="http://localhost:$((STREAMCAST_PORT_BASE + 2))"
REPORT="$RUN/cluster-test-report.txt"
GROUP=streamcast-cluster-test
T_START=$SECONDS

say() { echo "cluster-test: $*" >&2; }
fail() { echo "cluster-test: FAILED: $*" >&2; diagnose; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

REPLAY_PID=""
JOB=""
JOB2=""
# diagnose: what the REST API, the broker, the processes' threads and their Prometheus endpoints say, into $DIAG
# (with a copy of the logs)
DIAG="$RUN/diagnosis"
diagnose() {
  rm -rf "$DIAG"; mkdir -p "$DIAG"
  local j v
  for j in $JOB $JOB2; do
    curl -s "$REST/jobs/$j" > "$DIAG/job-$j.json" || true
    curl -s "$REST/jobs/$j/exceptions" > "$DIAG/job-$j-exceptions.json" || true
    curl -s "$REST/jobs/$j/checkpoints" > "$DIAG/job-$j-checkpoints.json" || true
    for v in $(grep -o '"id":"[0-9a-f]\{32\}","slotSharingGroupId"' "$DIAG/job-$j.json" | cut -d'"' -f4); do
      curl -s "$REST/jobs/$j/vertices/$v" > "$DIAG/job-$j-vertex-$v.json" || true
      curl -s "$REST/jobs/$j/vertices/$v/subtasks/metrics?get=numRecordsIn,numRecordsOut&agg=sum" \
          > "$DIAG/job-$j-vertex-$v-records.json" || true
      curl -s "$REST/jobs/$j/vertices/$v/backpressure" > "$DIAG/job-$j-vertex-$v-backpressure.json" || true
    done
  done
  "$C" lag "$GROUP" > "$DIAG/lag.txt" 2>&1 || true
  local f
  "$C" metrics > "$DIAG/prometheus-endpoints.txt" 2>&1 || true
  for f in "$RUN"/pids/jobmanager.pid "$RUN"/pids/taskmanager-*.pid; do
    [[ -e "$f" ]] || continue
    jstack "$(cat "$f")" > "$DIAG/$(basename "$f" .pid).jstack" 2>&1 || true
    # the live counters (the REST API's come through the JobManager's metric fetcher)
    "$C" metrics "$(basename "$f" .pid)" > "$DIAG/$(basename "$f" .pid).prom" 2>&1 || true
  done
  cp -r "$RUN/log" "$DIAG/log" 2> /dev/null || true
  say "diagnosis: $DIAG"
}
cleanup() {
  local rc=$?
  if [[ -n "$REPLAY_PID" ]]; then kill "$REPLAY_PID" 2> /dev/null || true; fi
  "$C" stop || true
  if ((rc != 0)); then say "logs: $RUN/log"; fi
}
trap cleanup EXIT

json_field() { grep -o "\"$1\":\"\?[^,\"}]*" | head -1 | sed "s/\"$1\":\"\?//"; }
vertex_id() { # vertex_id JOB NAME_PREFIX
  curl -sf "$REST/jobs/$1" | grep -o "\"id\":\"[0-9a-f]\{32\}\",\"slotSharingGroupId\":\"[0-9a-f]*\",\"name\":\"$2" \
      | head -1 | cut -d'"' -f4
}
all_running() { # every vertex of the job RUNNING
  local body
  body="$(curl -sf "$REST/jobs/$1")" || return 1
  [[ "$(json_field state <<< "$body")" == RUNNING ]] || return 1
  ! grep -o '"status":"[A-Z]*"' <<< "$body" | grep -vq '"status":"RUNNING"'
}
records_in() { # records_in JOB VERTEX: numRecordsIn summed over subtasks, as the REST API (the web UI) shows it
  curl -sf "$REST/jobs/$1/vertices/$2/subtasks/metrics?get=numRecordsIn&agg=sum" | grep -o '"sum":[0-9.E]*' \
      | cut -d: -f2 | awk '{ printf "%d", $1 }'
}
# rest_view JOB N: how long after now the REST API shows learn's numRecordsIn >= N (within 60 s), or what it shows
rest_view() {
  local v n start=$SECONDS
  v="$(vertex_id "$1" learn)" || { echo "no learn vertex in the REST API"; return; }
  while ((SECONDS - start < 60)); do
    n="$(records_in "$1" "$v")" || n=""
    if [[ -n "$n" ]] && ((n >= $2)); then echo "the REST API (web UI) showed it $((SECONDS - start)) s later"; return; fi
    sleep 0.5
  done
  echo "the REST API (web UI) still showed numRecordsIn '${n}' for learn 60 s later"
}
not_all_running() { ! all_running "$1"; }
checkpoint_after_restore() { # the latest completed checkpoint is newer than the one restored
  local body latest restored
  body="$(curl -sf "$REST/jobs/$1/checkpoints")" || return 1
  latest="$(grep -o '"completed":{"className":"completed","id":[0-9]*' <<< "$body" | grep -o '[0-9]*$')"
  restored="$(grep -o '"restored":{"id":[0-9]*' <<< "$body" | grep -o '[0-9]*$')"
  [[ -n "$latest" && -n "$restored" ]] && ((latest > restored))
}
tm_endpoints() { "$C" metrics | awk '/^taskmanager-/ { print $2 }'; }
# learned JOB [ENDPOINTS]: learn's eventsLearned of the job summed over the TaskManagers' Prometheus endpoints
# (default: those of the running TaskManagers): the counters as they are now (the REST API's metrics come through
# the JobManager's metric fetcher, a few seconds behind)
learned() {
  local url n sum=0
  for url in ${2:-$(tm_endpoints)}; do
    n="$(curl -sf "$url" 2> /dev/null | awk -v job="job_id=\"$1\"" '/^flink_taskmanager_job_task_operator_eventsLearned\{/ \
        && index($0, job) && /operator_name="learn"/ { s += $NF } END { printf "%d", s }')" || n=0
    sum=$((sum + ${n:-0}))
  done
  echo "$sum"
}
# learned_at_least JOB N [ENDPOINTS]: sets LEARNED to learned's answer
LEARNED=0
learned_at_least() { LEARNED="$(learned "$1" "${3:-}")"; ((LEARNED >= $2)); }
wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what: not within ${seconds} s"
    sleep 0.2
  done
}
# listening PID: the local addresses (kernel hex ADDRESS:PORT) of the TCP sockets PID listens on, from /proc
listening() {
  local inodes
  inodes=" $(find "/proc/$1/fd" -lname 'socket:*' -printf '%l\n' 2> /dev/null | tr -dc '0-9\n' | tr '\n' ' ') "
  awk -v inodes="$inodes" '$4 == "0A" && index(inodes, " " $10 " ") { print $2 }' /proc/net/tcp /proc/net/tcp6
}
# localhost_only: every process of the cluster (Kafka, JobManager, TaskManagers) listens on 127.0.0.1, ::1 or
# ::ffff:127.0.0.1 only; sets LISTENING to what they listen on
LISTENING=""
localhost_only() {
  local f name sockets n=0
  for f in "$RUN"/pids/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    sockets="$(listening "$(cat "$f")")"
    [[ -n "$sockets" ]] || fail "$name listens on no TCP port (or /proc does not say)"
    grep -vq '^\(0100007F\|00000000000000000000000001000000\|0000000000000000FFFF00000100007F\):' <<< "$sockets" \
        && fail "$name listens beyond localhost: $(tr '\n' ' ' <<< "$sockets")(/proc/net/tcp hex)"
    n=$((n + $(wc -l <<< "$sockets")))
  done
  LISTENING="$n ports of $(ls "$RUN"/pids/*.pid | wc -l) processes"
}
# prometheus_check JOB N: the JobManager's endpoint serves its metrics, the TaskManager's serves learn's
# eventsLearned of JOB = N (one scrape each, on localhost)
PROM_REPORT=""
prometheus_check() {
  local endpoints jm tm n scrape
  endpoints="$("$C" metrics)"
  jm="$(grep '^jobmanager ' <<< "$endpoints" | cut -d' ' -f2)"
  tm="$(grep '^taskmanager-' <<< "$endpoints" | tail -1)"
  [[ -n "$jm" && -n "$tm" ]] || fail "Prometheus: no endpoint of the JobManager or the TaskManager: '$endpoints'"
  # the whole scrape first: grep -q stops reading at the first match, and curl's next write (pipefail) would fail
  scrape="$(curl -sf "$jm")" || fail "Prometheus: no answer from the JobManager's endpoint $jm"
  grep -q '^flink_jobmanager_numRegisteredTaskManagers' <<< "$scrape" \
      || fail "Prometheus: the JobManager's endpoint $jm does not serve flink_jobmanager_numRegisteredTaskManagers"
  n="$(learned "$1")"
  [[ "$n" == "$2" ]] || fail "Prometheus: learn's eventsLearned is $n at ${tm#* }, not $2"
  PROM_REPORT="JobManager $jm and ${tm%% *} ${tm#* }; learn's eventsLearned there: $n"
}
lag_zero() { [[ "$("$C" lag "$GROUP")" == 0 ]]; }
state_is() { [[ "$("$C" job-state "$1")" == "$2" ]]; }

# ---- build and start ----
"$C" prepare
"$C" clean > /dev/null 2>&1 || true # the last test run's (target/cluster-test)
"$C" start
CHK="file://$RUN/checkpoints"

# ---- 1. the uninterrupted reference run: all days from the file ----
say "run directory $RUN; $("$C" ports)"
say "1. reference: jobs/demo.yaml (files) on the cluster ..."
REF_JOB="$("$C" submit jobs/demo.yaml --output.path="$RUN/reference" --runtime.checkpointDir="$CHK" \
    --runtime.checkpointInterval=2s)"
wait_until 180 "the reference job to finish" state_is "$REF_JOB" FINISHED
cat "$RUN"/reference/forecasts/forecasts-* | sort > "$RUN/reference-forecasts.sorted"
[[ "$(wc -l < "$RUN/reference-forecasts.sorted")" == 54000 ]] || fail "the reference run wrote $(wc -l < "$RUN/reference-forecasts.sorted") forecasts, not 54,000"

# ---- 2. live from Kafka at parallelism 1: a backlog, then live events; kill -9 the TaskManager mid-stream ----
say "2. replay d_1762..d_1821 to 'sales' (a backlog), submit jobs/kafka-live.yaml at parallelism 1 ..."
"$C" replay data/m5/sales_subset.csv --calendar data/m5/calendar.csv --last-day d_1821 --topic sales --partitions 2
BOOTSTRAP="localhost:$KAFKA_PORT"
LIVE_ARGS=(--source.kafka.bootstrapServers="$BOOTSTRAP" --output.kafka.bootstrapServers="$BOOTSTRAP"
           --source.kafka.groupId="$GROUP" --output.kafka.transactionalIdPrefix="$GROUP"
           --runtime.checkpointDir="$CHK" --runtime.checkpointInterval=2s --runtime.restartDelay=1s)
JOB="$("$C" submit jobs/kafka-live.yaml -p 1 "${LIVE_ARGS[@]}")"
wait_until 60 "the live job to run" all_running "$JOB"
T_RUNNING="$(now)"
wait_until 120 "the live job to learn the backlog" learned_at_least "$JOB" 18000
T_BACKLOG="$(now)"
REST_VIEW="$(rest_view "$JOB" 18000)"
RATE_P1="$(awk -v a="$T_RUNNING" -v b="$T_BACKLOG" 'BEGIN { printf "%.0f", 18000 / (b - a) }')"
say "   backlog of 18,000 events learned within $(elapsed "$T_RUNNING" "$T_BACKLOG") s of RUNNING: about $RATE_P1 events/s; $REST_VIEW"
prometheus_check "$JOB" 18000
say "   Prometheus: $PROM_REPORT"
localhost_only
say "   everything on localhost: $LISTENING listen on the loopback address only"

say "   live: replay d_1822..d_1881 at 1,000 events/s; kill -9 the TaskManager while live events are learned ..."
"$C" replay data/m5/sales_subset.csv --calendar data/m5/calendar.csv --first-day d_1822 --last-day d_1881 \
    --topic sales --rate 1000 --quiet > "$RUN/replay-live.out" 2>&1 &
REPLAY_PID=$!
# the kill lands while live events are being learned: learn has counted a day of them (300), not all 18,000; a
# poll is one scrape of the TaskManager (cheap, also on a loaded machine), the kill follows the poll that saw it
TM_URL="$(tm_endpoints)"
wait_until 120 "learn to count live events" learned_at_least "$JOB" 18300 "$TM_URL"
N_KILL=$LEARNED
((N_KILL > 18000 && N_KILL < 36000)) \
    || fail "the kill would not land while live events are learned: learn has counted $N_KILL events (backlog 18,000, all 36,000)"
if kill -0 "$REPLAY_PID" 2> /dev/null; then REPLAY_AT_KILL="while the replay was publishing"; else REPLAY_AT_KILL="after the replay had published all"; fi
T_KILL="$(now)"
"$C" kill-tm
wait_until 60 "the job to notice the lost TaskManager" not_all_running "$JOB"
T_DETECTED="$(now)"
"$C" start-tm
T_TM="$(now)"
wait_until 120 "the job to run again" all_running "$JOB"
T_RECOVERED="$(now)"
wait_until 120 "a checkpoint after the restore" checkpoint_after_restore "$JOB"
T_CHECKPOINT="$(now)"
RESTORED="$(curl -sf "$REST/jobs/$JOB/checkpoints" | grep -o '"restored":{[^}]*}' | head -1)"
[[ -n "$RESTORED" && "$RESTORED" == *'"is_savepoint":false'* ]] || fail "the job did not restore from a checkpoint: $RESTORED"
say "   recovered: failure noticed after $(elapsed "$T_KILL" "$T_DETECTED") s, new TaskManager registered after $(elapsed "$T_KILL" "$T_TM") s, all tasks RUNNING after $(elapsed "$T_KILL" "$T_RECOVERED") s, first checkpoint after the restore at $(elapsed "$T_KILL" "$T_CHECKPOINT") s"
wait "$REPLAY_PID" || fail "the live replay failed: $(cat "$RUN/replay-live.out")"
REPLAY_PID=""
cat "$RUN/replay-live.out" >&2

wait_until 300 "the live job to consume the 36,000 events" lag_zero
sleep 3 # the sink's transactions commit right after the checkpoint that commits the offsets
COUNT_A="$("$C" count forecasts)"
[[ "$COUNT_A" == 36000 ]] || fail "after the kill: $COUNT_A committed forecasts, not 36,000"

# ---- 3. stop with a savepoint, more events, resume at parallelism 2 ----
say "3. stop with a savepoint ..."
T_SP="$(now)"
SAVEPOINT="$("$C" savepoint-stop "$JOB")"
[[ -n "$SAVEPOINT" ]] || fail "no savepoint path"
T_SP_DONE="$(now)"
say "   savepoint $SAVEPOINT ($(elapsed "$T_SP" "$T_SP_DONE") s); replay d_1882..d_1941, resume at parallelism 2 ..."
"$C" replay data/m5/sales_subset.csv --calendar data/m5/calendar.csv --first-day d_1882 --topic sales
JOB2="$("$C" submit jobs/kafka-live.yaml -s "$SAVEPOINT" -p 2 "${LIVE_ARGS[@]}")"
wait_until 60 "the resumed job to run" all_running "$JOB2"
T_RUNNING2="$(now)"
RESTORED2="$(curl -sf "$REST/jobs/$JOB2/checkpoints" | grep -o '"restored":{[^}]*}' | head -1)"
[[ "$RESTORED2" == *'"is_savepoint":true'* ]] || fail "the resumed job did not restore the savepoint: $RESTORED2"
PAR2="$(curl -sf "$REST/jobs/$JOB2" | grep -o '"name":"learn[^"]*","maxParallelism":[0-9]*,"parallelism":[0-9]*' | grep -o '"parallelism":[0-9]*' | cut -d: -f2)"
[[ "$PAR2" == 2 ]] || fail "the resumed job runs learn at parallelism '$PAR2', not 2"
wait_until 120 "the resumed job to learn the 18,000 new events" learned_at_least "$JOB2" 18000
T_DONE2="$(now)"
REST_VIEW2="$(rest_view "$JOB2" 18000)"
say "   the resumed job learned the 18,000 new events within $(elapsed "$T_RUNNING2" "$T_DONE2") s of RUNNING; $REST_VIEW2"
wait_until 300 "the resumed job to commit the 18,000 new events" lag_zero
sleep 3
COUNT="$("$C" count forecasts)"

# ---- 4. compare with the reference ----
"$C" consume forecasts --from-beginning --timeout-ms 10000 2> /dev/null | sort > "$RUN/kafka-forecasts.sorted"
UNIQUE="$(sed 's/^{"id":"\([^"]*\)","date":"\([^"]*\)".*/\1,\2/' "$RUN/kafka-forecasts.sorted" | sort -u | wc -l)"
[[ "$(wc -l < "$RUN/kafka-forecasts.sorted")" == 54000 ]] || fail "$(wc -l < "$RUN/kafka-forecasts.sorted") committed forecasts, not 54,000"
[[ "$UNIQUE" == 54000 ]] || fail "$UNIQUE distinct (id, date) among 54,000 committed forecasts: duplicates"
cmp -s "$RUN/kafka-forecasts.sorted" "$RUN/reference-forecasts.sorted" \
    || fail "the committed forecasts differ from the reference run's: diff $RUN/kafka-forecasts.sorted $RUN/reference-forecasts.sorted"
"$C" cancel "$JOB2" > /dev/null 2>&1 || true

{
  echo "streamcast cluster test, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores: Kafka 4.2.0 + Flink 2.2.1 standalone (JobManager, TaskManagers), all on localhost"
  echo "reference (files, uninterrupted): 54,000 forecasts"
  echo "live from Kafka, parallelism 1, exactly-once Kafka outputs, checkpoints every 2 s:"
  echo "  rate sustained from Kafka: a backlog of 18,000 events learned within $(elapsed "$T_RUNNING" "$T_BACKLOG") s of RUNNING (about $RATE_P1 events/s at parallelism 1, counted from the moment every task ran); $REST_VIEW"
  echo "  Prometheus: $PROM_REPORT"
  echo "  everything on localhost: $LISTENING (Kafka, JobManager, TaskManager) listen on the loopback address only"
  echo "  live at 1,000 events/s: kill -9 of the TaskManager $REPLAY_AT_KILL, with learn at $N_KILL events of 36,000 (backlog 18,000: $((N_KILL - 18000)) live events learned);"
  echo "    failure noticed after $(elapsed "$T_KILL" "$T_DETECTED") s;"
  echo "    a new TaskManager registered after $(elapsed "$T_KILL" "$T_TM") s; all tasks RUNNING again after $(elapsed "$T_KILL" "$T_RECOVERED") s (recovery time);"
  echo "    first checkpoint after the restore at $(elapsed "$T_KILL" "$T_CHECKPOINT") s"
  echo "  committed forecasts after the kill: $COUNT_A of 36,000"
  echo "stop with savepoint: $(elapsed "$T_SP" "$T_SP_DONE") s; resumed at parallelism 2 from the savepoint (is_savepoint=true);"
  echo "  18,000 new events learned within $(elapsed "$T_RUNNING2" "$T_DONE2") s of RUNNING (about $(awk -v a="$T_RUNNING2" -v b="$T_DONE2" 'BEGIN { printf "%.0f", 18000 / (b - a) }') events/s at parallelism 2); $REST_VIEW2"
  echo "result: $COUNT committed forecasts (read_committed), $UNIQUE distinct, byte-identical to the reference run's: none lost, none twice, same values"
  echo "total time: $((SECONDS - T_START)) s"
} | tee "$REPORT"
say "PASSED (report: $REPORT)"
