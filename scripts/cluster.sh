#!/usr/bin/env bash
# A real Kafka broker and a real Flink standalone cluster on this machine, without Docker and without
# downloading distributions: their jars come from Maven (cluster/flink/pom.xml, cluster/kafka/pom.xml) into
# .cluster/. Everything binds to localhost. A cluster lives in its run directory: pids, logs, Kafka's data,
# checkpoints and savepoints.
#
#   scripts/cluster.sh setup                 lib folders (Maven) and the job jar (mvn package)
#   scripts/cluster.sh prepare               setup if it was not done; rebuilds the job jar if the sources changed
#   scripts/cluster.sh start                 Kafka (localhost:9092) + JobManager (web UI localhost:8081) + 1 TaskManager
#   scripts/cluster.sh submit JOB.yaml [-p N] [-s SAVEPOINT] [--KEY.PATH VALUE]...
#                                            submit the job jar with Flink's CLI (detached); prints the job id;
#                                            checkpoints go to RUN/checkpoints unless --runtime.checkpointDir says
#   scripts/cluster.sh list                  jobs (Flink's CLI)
#   scripts/cluster.sh savepoint-stop JOBID  stop the job with a savepoint (in RUN/savepoints); prints its path
#   scripts/cluster.sh cancel JOBID
#   scripts/cluster.sh start-tm              one more TaskManager
#   scripts/cluster.sh kill-tm [N]           kill -9 TaskManager N (default: the newest one)
#   scripts/cluster.sh kill-kafka            kill -9 the broker (start-kafka starts it again on its data)
#   scripts/cluster.sh replay ARGS...        streamcast replay against the broker (see README)
#   scripts/cluster.sh topic NAME [PARTITIONS]   create a topic (default 2 partitions)
#   scripts/cluster.sh consume TOPIC [--from-beginning] [--max N] [--follow]
#                                            print a topic's committed records (isolation.level=read_committed);
#                                            returns after N records or 10 s without one, --follow: never
#   scripts/cluster.sh produce TOPIC         publish each line of stdin as one record (e.g. a bad one, by hand)
#   scripts/cluster.sh count TOPIC           committed records in a topic
#   scripts/cluster.sh lag GROUP             the consumer group's lag (sum over partitions; - if unknown)
#   scripts/cluster.sh job-state JOBID       CREATED | RUNNING | RESTARTING | FINISHED | ...
#   scripts/cluster.sh metrics [PROCESS]     Prometheus endpoints (localhost only); with a process name
#                                            (jobmanager, taskmanager-N), one scrape of its endpoint
#   scripts/cluster.sh status                processes, TaskManagers and slots, jobs and their tasks
#   scripts/cluster.sh ports                 the ports of this cluster (see STREAMCAST_PORT_BASE)
#   scripts/cluster.sh free-port-base        a port base whose 21 ports are free now
#   scripts/cluster.sh stop                  stop everything (TaskManagers, JobManager, Kafka)
#   scripts/cluster.sh clean                 stop, then delete the run directory (Kafka data, checkpoints, ...)
#
# Environment (the defaults are a user's cluster; the cluster test runs its own with both set):
#   STREAMCAST_CLUSTER_DIR  the run directory (default <repo>/.cluster/run)
#   STREAMCAST_PORT_BASE    unset: Kafka 9092, its controller 9093, REST and web UI 8081, JobManager RPC 6123,
#                           Prometheus endpoints 9249-9259 (conf/config.yaml). Set to B: Kafka B, controller B+1,
#                           REST B+2, RPC B+3, Prometheus B+10..B+20 (B+4..B+9 stay free for the scripts'
#                           own servers, e.g. prometheus-check.sh's Prometheus on B+5). Job files name their brokers
#                           (localhost:9092): with a port base, override source.kafka.bootstrapServers and
#                           output.kafka.bootstrapServers (`scripts/cluster.sh ports` prints the ports).
#   FLINK_ARGS              more dynamic properties for the JobManager and TaskManagers, on top of
#                           conf/config.yaml (e.g. FLINK_ARGS="-D web.timeout=10min")
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIBS="$ROOT/.cluster"
FLINK_LIB="$LIBS/flink-lib"
KAFKA_LIB="$LIBS/kafka-lib"
RUN="${STREAMCAST_CLUSTER_DIR:-$LIBS/run}"
[[ "$RUN" == /* ]] || RUN="$PWD/$RUN"
PIDS="$RUN/pids"
LOGS="$RUN/log"
if [[ -n "${STREAMCAST_PORT_BASE:-}" ]]; then
  [[ "$STREAMCAST_PORT_BASE" =~ ^[0-9]+$ ]] && ((STREAMCAST_PORT_BASE >= 1024 && STREAMCAST_PORT_BASE <= 65515)) \
      || { echo "cluster: STREAMCAST_PORT_BASE must be a port number from 1024 to 65515" >&2; exit 1; }
  B=$STREAMCAST_PORT_BASE
  KAFKA_PORT=$B KAFKA_CONTROLLER_PORT=$((B + 1)) REST_PORT=$((B + 2)) RPC_PORT=$((B + 3))
  PROM_PORTS="$((B + 10))-$((B + 20))"
else
  KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093 REST_PORT=8081 RPC_PORT=6123 PROM_PORTS=9249-9259
fi
BOOTSTRAP="localhost:$KAFKA_PORT"
JAR="$ROOT/target/streamcast-0.1.0-SNAPSHOT.jar"
CONF="$ROOT/conf"
LOG4J="$CONF/log4j-cluster.properties"

# Flink's Prometheus reporter, bound to localhost (cluster/prometheus): conf/config.yaml names the stock factory,
# which listens on every interface (right in containers); here every port of the range serves on 127.0.0.1 only.
LOOPBACK_REPORTER=org.apache.flink.metrics.prometheus.LoopbackPrometheusReporterFactory

# Flink's default env.java.opts.all for Java 17
JAVA17_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)
# Where the processes keep their files (dynamic properties on top of conf/config.yaml)
flink_dirs() {
  echo "-D io.tmp.dirs=$RUN/flink-tmp -D web.upload.dir=$RUN/flink-upload -D rest.port=$REST_PORT -D jobmanager.rpc.port=$RPC_PORT" \
       "-D execution.checkpointing.dir=file://$RUN/checkpoints -D execution.checkpointing.savepoint-dir=file://$RUN/savepoints" \
       "-D taskmanager.host=localhost -D metrics.reporter.prom.factory.class=$LOOPBACK_REPORTER" \
       "-D metrics.reporter.prom.port=$PROM_PORTS ${FLINK_ARGS:-}"
}

say() { echo "cluster: $*" >&2; }
die() { echo "cluster: $*" >&2; exit 1; }

need_libs() {
  [[ -d "$KAFKA_LIB" ]] && compgen -G "$FLINK_LIB/prometheus-loopback-*.jar" > /dev/null \
      || die "no (or an older) lib folders in $LIBS: run 'scripts/cluster.sh setup' first"
}

# ---- setup ----

# mvn_quiet ARGS: Maven in batch mode, quiet, its output on stderr without the colour resets Maven 3.8 writes even
# then (its exit status is the pipeline's)
mvn_quiet() { mvn -B -q "$@" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2; }

setup() {
  mkdir -p "$LIBS"
  say "resolving the Flink 2.2.1 lib folder (cluster/flink/pom.xml) ..."
  rm -rf "$FLINK_LIB" "$KAFKA_LIB"
  mvn_quiet -f "$ROOT/cluster/flink/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$FLINK_LIB" -DincludeScope=runtime
  say "building the loopback Prometheus reporter (cluster/prometheus/pom.xml) ..."
  mvn_quiet -f "$ROOT/cluster/prometheus/pom.xml" package
  cp "$ROOT"/cluster/prometheus/target/prometheus-loopback-*.jar "$FLINK_LIB/"
  say "resolving the Kafka 4.2.0 lib folder (cluster/kafka/pom.xml) ..."
  mvn_quiet -f "$ROOT/cluster/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_LIB" -DincludeScope=runtime
  prepare
  say "ready: $(du -sh "$FLINK_LIB" | cut -f1) Flink, $(du -sh "$KAFKA_LIB" | cut -f1) Kafka, $(du -h "$JAR" | cut -f1) job jar"
}

# prepare: setup unless the lib folders are there; the job jar rebuilt if the sources are newer
prepare() {
  if [[ ! -d "$KAFKA_LIB" ]] || ! compgen -G "$FLINK_LIB/prometheus-loopback-*.jar" > /dev/null; then
    setup
  elif [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
    say "building the job jar (mvn package -DskipTests) ..."
    (cd "$ROOT" && mvn_quiet package -DskipTests)
  fi
}

# free_port_base: a port base B whose ports B..B+20 are all free (for STREAMCAST_PORT_BASE)
free_port_base() {
  local b p
  while :; do
    b=$((20000 + RANDOM % 2000 * 20))
    for ((p = b; p <= b + 20; p++)); do port_free "$p" || continue 2; done
    echo "$b"
    return
  done
}

# ---- processes ----

# record NAME PID
record() { mkdir -p "$PIDS"; echo "$2" > "$PIDS/$1.pid"; }
pid_of() { [[ -f "$PIDS/$1.pid" ]] && cat "$PIDS/$1.pid" || true; }
alive() { local p; p="$(pid_of "$1")"; [[ -n "$p" ]] && kill -0 "$p" 2> /dev/null; }

# stop_process NAME: SIGTERM, wait up to 30 s, then SIGKILL
stop_process() {
  local name="$1" p
  p="$(pid_of "$name")"
  if [[ -n "$p" ]] && kill -0 "$p" 2> /dev/null; then
    kill "$p" 2> /dev/null || true
    for _ in $(seq 1 60); do kill -0 "$p" 2> /dev/null || break; sleep 0.5; done
    if kill -0 "$p" 2> /dev/null; then
      say "$name (pid $p) did not stop in 30 s: kill -9"
      kill -9 "$p" 2> /dev/null || true
    fi
    say "stopped $name (pid $p)"
  fi
  rm -f "$PIDS/$name.pid"
}

port_free() { ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" > /dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what not ready after ${seconds} s (logs: $LOGS)"
    sleep 0.5
  done
}

start_kafka() {
  need_libs
  if alive kafka; then say "Kafka already running (pid $(pid_of kafka))"; return; fi
  port_free "$KAFKA_PORT" || die "port $KAFKA_PORT is taken (KAFKA_PORT=... picks another)"
  port_free "$KAFKA_CONTROLLER_PORT" || die "port $KAFKA_CONTROLLER_PORT is taken (KAFKA_CONTROLLER_PORT=... picks another)"
  local dir="$RUN/kafka"
  mkdir -p "$dir" "$LOGS"
  cat > "$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=2
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local id
    id="$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid)"
    java -Dlog4j2.configurationFile="$LOG4J" -Dlog.file="$LOGS/kafka-format.log" -cp "$KAFKA_LIB/*" \
        kafka.tools.StorageTool format --standalone -t "$id" -c "$dir/server.properties" > "$LOGS/kafka-format.out" 2>&1 \
        || die "formatting Kafka's storage failed: $LOGS/kafka-format.out"
  fi
  keep_old_log kafka
  nohup java -Xms512m -Xmx1g -Dlog4j2.configurationFile="$LOG4J" -Dlog.file="$LOGS/kafka.log" \
      -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties" > "$LOGS/kafka.out" 2>&1 < /dev/null &
  record kafka $!
  say "Kafka starting (pid $(pid_of kafka)) on $BOOTSTRAP ..."
  wait_for 60 "Kafka" bash -c "exec 3<> /dev/tcp/127.0.0.1/$KAFKA_PORT"
  wait_for 60 "Kafka" grep -q "Kafka Server started" "$LOGS/kafka.log"
  say "Kafka up"
}

# memory flags the way Flink's bin/*.sh derive them: line 1 JVM flags, line 2 dynamic properties
memory_params() { # memory_params GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS
  java -cp "$FLINK_LIB/*" -Dlog4j2.configurationFile="$LOG4J" -Dlog.file="$LOGS/bash-java-utils.log" \
      org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" $(flink_dirs) 2> /dev/null \
      | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

# keep_old_log NAME: the last run's log and output of NAME move to NAME.log.1, NAME.out.1 (so that a new process's
# log holds only its own lines: start-tm waits for a line of it)
keep_old_log() {
  local f
  for f in "$LOGS/$1.log" "$LOGS/$1.out"; do
    if [[ -e "$f" ]]; then mv -f "$f" "$f.1"; fi
  done
}

# launch NAME PARAMS_KIND MAIN_CLASS: a Flink process with the memory flags Flink's scripts would give it, conf/ and
# this cluster's dynamic properties; log under $LOGS/NAME.log, pid recorded as NAME
launch() {
  local params jvm dyn
  params="$(memory_params "$2")"
  jvm="$(sed -n 1p <<< "$params")"
  dyn="$(sed -n 2p <<< "$params")"
  keep_old_log "$1"
  # shellcheck disable=SC2086
  nohup java $jvm "${JAVA17_OPTS[@]}" -Dlog.file="$LOGS/$1.log" -Dlog4j.configurationFile="$LOG4J" \
      -cp "$FLINK_LIB/*" "$3" --configDir "$CONF" $(flink_dirs) $dyn > "$LOGS/$1.out" 2>&1 < /dev/null &
  record "$1" $!
}

start_jm() {
  need_libs
  if alive jobmanager; then say "JobManager already running (pid $(pid_of jobmanager))"; return; fi
  port_free "$REST_PORT" || die "port $REST_PORT is taken (REST_PORT=... picks another)"
  port_free "$RPC_PORT" || die "port $RPC_PORT is taken (RPC_PORT=... picks another)"
  mkdir -p "$LOGS" "$RUN/flink-tmp" "$RUN/flink-upload"
  launch jobmanager GET_JM_RESOURCE_PARAMS org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  say "JobManager starting (pid $(pid_of jobmanager)) ..."
  wait_for 60 "JobManager" curl -sf "http://localhost:$REST_PORT/overview"
  say "JobManager up: web UI at http://localhost:$REST_PORT"
}

next_tm() { # the lowest number of no running TaskManager
  local n=1
  while alive "taskmanager-$n"; do n=$((n + 1)); done
  echo "$n"
}

start_tm() {
  need_libs
  alive jobmanager || die "no JobManager: run 'scripts/cluster.sh start' first"
  local n
  n="$(next_tm)"
  launch "taskmanager-$n" GET_TM_RESOURCE_PARAMS org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  say "TaskManager $n starting (pid $(pid_of "taskmanager-$n")) ..."
  # its own log says so (a count of TaskManagers could still include one just killed)
  wait_for 60 "TaskManager $n" grep -q "Successful registration at resource manager" "$LOGS/taskmanager-$n.log"
  say "TaskManager $n registered"
}

kill_tm() {
  local n="${1:-}"
  if [[ -z "$n" ]]; then
    n="$(ls "$PIDS" 2> /dev/null | grep '^taskmanager-' | sed 's/taskmanager-\([0-9]*\).pid/\1/' | sort -n | tail -1)"
  fi
  [[ -n "$n" ]] && alive "taskmanager-$n" || die "no running TaskManager ${n}"
  local p
  p="$(pid_of "taskmanager-$n")"
  kill -9 "$p"
  rm -f "$PIDS/taskmanager-$n.pid"
  say "killed TaskManager $n (pid $p) with SIGKILL"
}

kill_kafka() {
  alive kafka || die "no running Kafka broker"
  local p
  p="$(pid_of kafka)"
  kill -9 "$p"
  rm -f "$PIDS/kafka.pid"
  say "killed Kafka (pid $p) with SIGKILL"
}

stop_all() {
  local f
  for f in "$PIDS"/taskmanager-*.pid; do
    [[ -e "$f" ]] && stop_process "$(basename "$f" .pid)"
  done
  stop_process jobmanager
  stop_process kafka
}

# ---- Flink CLI, Kafka tools, the replay tool ----

flink_cli() { # flink_cli ACTION [ARGS]: Flink's CLI against this cluster's REST endpoint
  need_libs
  local action="$1"; shift
  FLINK_CONF_DIR="$CONF" java "${JAVA17_OPTS[@]}" -Dlog.file="$LOGS/client.log" -Dlog4j.configurationFile="$LOG4J" \
      -cp "$FLINK_LIB/*" org.apache.flink.client.cli.CliFrontend "$action" -m "localhost:$REST_PORT" "$@"
}

submit() {
  [[ -f "$JAR" ]] || die "no job jar $JAR: run 'scripts/cluster.sh setup' (or mvn package -DskipTests)"
  local job="" savepoint="" parallelism="" args=()
  while (($#)); do
    case "$1" in
      -s) savepoint="$2"; shift 2 ;;
      -p) parallelism="$2"; shift 2 ;;
      *) if [[ -z "$job" ]]; then job="$1"; else args+=("$1"); fi; shift ;;
    esac
  done
  [[ -n "$job" ]] || die "usage: scripts/cluster.sh submit JOB.yaml [-p N] [-s SAVEPOINT] [--KEY.PATH VALUE]..."
  # checkpoints under the run directory, not in the job file's (relative) checkpointDir
  [[ " ${args[*]} " == *runtime.checkpointDir* ]] || args+=("--runtime.checkpointDir=file://$RUN/checkpoints")
  local cli=(run -d)
  [[ -n "$savepoint" ]] && cli+=(-s "$savepoint")
  # the job file's runtime.parallelism is what counts (the job sets it); -p sets it through an override
  [[ -n "$parallelism" ]] && args+=("--runtime.parallelism=$parallelism")
  local out
  out="$(cd "$ROOT" && flink_cli "${cli[@]}" "$JAR" run "$job" "${args[@]}" 2>&1)" || { echo "$out" >&2; die "submit failed"; }
  echo "$out" | grep -v '^$' >&2
  echo "$out" | grep -o 'started ([0-9a-f]\{32\})' | grep -o '[0-9a-f]\{32\}' | head -1
}

savepoint_stop() {
  local id="${1:?usage: scripts/cluster.sh savepoint-stop JOBID}" out
  mkdir -p "$RUN/savepoints"
  out="$(flink_cli stop --type canonical --savepointPath "file://$RUN/savepoints" "$id" 2>&1)" \
      || { echo "$out" >&2; die "stop with savepoint failed"; }
  echo "$out" | grep -v '^$' >&2
  echo "$out" | grep -o 'Path: [^ ]*' | tail -1 | sed 's/^Path: //'
}

kafka_tool() { java -Dlog4j2.configurationFile="$LOG4J" -Dlog.file="$LOGS/kafka-tools.log" -cp "$KAFKA_LIB/*" "$@"; }

# consume TOPIC [--from-beginning] [--max N] [--follow] [--timeout-ms MS]: Kafka's console consumer, read_committed;
# it returns after N records or once no record came for 10 s (--timeout-ms), unless --follow
consume() {
  local usage="usage: scripts/cluster.sh consume TOPIC [--from-beginning] [--max N] [--follow] [--timeout-ms MS]"
  local topic="${1:?$usage}" timeout=10000 args=()
  shift
  while (($#)); do
    case "$1" in
      --from-beginning) args+=(--from-beginning); shift ;;
      --max|--max-messages) args+=(--max-messages "${2:?$usage}"); shift 2 ;;
      --follow) timeout=""; shift ;;
      --timeout-ms) timeout="${2:?$usage}"; shift 2 ;;
      *) die "consume: unknown option '$1' ($usage)" ;;
    esac
  done
  [[ -z "$timeout" ]] || args+=(--timeout-ms "$timeout")
  # the console consumer ends a --timeout-ms wait with a TimeoutException on stderr: that is the normal end here
  kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" --topic "$topic" \
      --command-property isolation.level=read_committed "${args[@]}" \
      2> >(grep -v 'TimeoutException\|^\s*at \|Processed a total of' >&2)
}

produce() { # produce TOPIC: each line of stdin as one record (no key)
  local topic="${1:?usage: scripts/cluster.sh produce TOPIC < LINES}"
  kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$topic"
}

count() {
  local topic="${1:?usage: scripts/cluster.sh count TOPIC}"
  consume "$topic" --from-beginning 2> /dev/null | wc -l
}

lag() {
  local group="${1:?usage: scripts/cluster.sh lag GROUP}"
  kafka_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" \
      --describe --group "$group" 2> /dev/null \
      | awk 'BEGIN { sum = 0; n = 0 } $1 == "'"$group"'" && $6 ~ /^[0-9]+$/ { sum += $6; n++ } END { if (n) print sum; else print "-" }'
}

topic() {
  local name="${1:?usage: scripts/cluster.sh topic NAME [PARTITIONS]}" partitions="${2:-2}"
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$name" --partitions "$partitions" --replication-factor 1
}

replay() {
  [[ -f "$JAR" ]] || die "no job jar $JAR: run 'scripts/cluster.sh setup'"
  # the shaded jar leaves logging out: Kafka's lib folder brings slf4j and log4j
  (cd "$ROOT" && java -Dlog4j2.configurationFile="$LOG4J" -Dlog.file="$LOGS/replay.log" \
      -cp "$KAFKA_LIB/*:$JAR" dev.streamcast.Streamcast replay --bootstrap-servers "$BOOTSTRAP" "$@")
}

# metrics [PROCESS]: each process's Prometheus endpoint (the port its reporter logged), or one scrape of one
metrics() {
  local f name port
  for f in "$LOGS"/jobmanager.log "$LOGS"/taskmanager-*.log; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .log)"
    alive "$name" || continue
    port="$(grep -o 'loopback Prometheus reporter on port [0-9]*' "$f" | tail -1 | grep -o '[0-9]*$')" || true
    [[ -n "$port" ]] || continue
    if [[ -z "${1:-}" ]]; then
      echo "$name http://localhost:$port/metrics"
    elif [[ "$1" == "$name" ]]; then
      curl -sf "http://localhost:$port/metrics"
      return
    fi
  done
  [[ -z "${1:-}" ]] || die "no Prometheus endpoint for '$1' (running processes: scripts/cluster.sh status)"
}

job_state() {
  local id="${1:?usage: scripts/cluster.sh job-state JOBID}"
  curl -sf "http://localhost:$REST_PORT/jobs/$id" | grep -o '"state":"[A-Z]*"' | head -1 | cut -d'"' -f4
}

# num FIELD: the number FIELD of the JSON on stdin (its first occurrence), 0 if absent
num() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2 | grep . || echo 0; }

# status: the processes, then what the JobManager says: TaskManagers and slots, each job with its tasks' states (a
# RUNNING job whose tasks are not all running is waiting for slots or restoring: it does not process anything)
status() {
  local f name overview jobs job state tasks total running
  echo "run directory: $RUN"
  for f in "$PIDS"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if alive "$name"; then echo "$name: running (pid $(pid_of "$name"))"; else echo "$name: dead (pid $(pid_of "$name"))"; fi
  done
  overview="$(curl -sf "http://localhost:$REST_PORT/overview" 2> /dev/null)" || { echo "Flink: no JobManager at http://localhost:$REST_PORT"; return; }
  echo "Flink (http://localhost:$REST_PORT): $(num taskmanagers <<< "$overview") TaskManagers," \
       "$(num slots-available <<< "$overview") of $(num slots-total <<< "$overview") slots free"
  jobs="$(curl -sf "http://localhost:$REST_PORT/jobs/overview" 2> /dev/null | sed 's/{"jid"/\n&/g' | grep '^{"jid"')" || return 0
  while IFS= read -r job; do
    state="$(grep -o '"state":"[A-Z]*"' <<< "$job" | head -1 | cut -d'"' -f4)"
    tasks="$(grep -o '"tasks":{[^}]*}' <<< "$job")"
    total="$(num total <<< "$tasks")" running="$(num running <<< "$tasks")"
    # the tasks' states that have any, e.g. "3 created"
    local counts
    counts="$(grep -o '"[a-z]*":[1-9][0-9]*' <<< "${tasks#\"tasks\":}" | grep -v '"total"' | tr -d '"' | awk -F: '{ printf "%s%s %s", sep, $2, $1; sep = ", " }')"
    echo "job $(grep -o '"jid":"[0-9a-f]*"' <<< "$job" | cut -d'"' -f4) '$(grep -o '"name":"[^"]*"' <<< "$job" | head -1 | cut -d'"' -f4)': $state, tasks: ${counts:-none}$(
        [[ "$state" == RUNNING && "$running" != "$total" ]] && echo " (not processing: $running of $total tasks running)")"
  done <<< "$jobs"
}

cmd="${1:-}"
[[ -n "$cmd" ]] || { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \?//'; exit 2; }
shift
case "$cmd" in
  setup) setup ;;
  prepare) prepare ;;
  free-port-base) free_port_base ;;
  start) start_kafka; start_jm; start_tm ;;
  start-kafka) start_kafka ;;
  start-flink) start_jm; start_tm ;;
  start-jm) start_jm ;;
  start-tm) start_tm ;;
  kill-tm) kill_tm "$@" ;;
  kill-kafka) kill_kafka ;;
  ports) echo "Kafka localhost:$KAFKA_PORT, controller $KAFKA_CONTROLLER_PORT, web UI and REST http://localhost:$REST_PORT, RPC $RPC_PORT, Prometheus $PROM_PORTS" ;;
  submit) submit "$@" ;;
  list) flink_cli list ;;
  savepoint-stop) savepoint_stop "$@" ;;
  cancel) flink_cli cancel "$@" ;;
  replay) replay "$@" ;;
  topic) topic "$@" ;;
  consume) consume "$@" ;;
  produce) produce "$@" ;;
  count) count "$@" ;;
  lag) lag "$@" ;;
  job-state) job_state "$@" ;;
  metrics) metrics "$@" ;;
  status) status ;;
  stop) stop_all ;;
  clean) stop_all; rm -rf "$RUN"; say "removed $RUN" ;;
  *) die "unknown command '$cmd' (run without arguments for the list)" ;;
esac
