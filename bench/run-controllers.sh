#!/usr/bin/env bash
# KubeBoot controller benchmark (issue 4): builds, starts a private apiserver + Redis (./kubeboot up, no
# scheduler, no controllers) and the scheduler and controller-service jars itself on loopback, runs
# ControllerBench (Deployments against simulated nodes whose kubelets the bench plays, as KWOK does),
# writes a Markdown summary, stops everything it started.
#
#   bench/run-controllers.sh            full run: 1000 Deployments x 10 replicas (10,000 pods) on 100 nodes
#   SMOKE=1 bench/run-controllers.sh    quick check: 50 Deployments x 10 replicas
#
# Settings (environment):
#   DEPLOYMENTS, REPLICAS, NODES   (defaults 1000, 10, 100; smoke 50, 10, 100)
#   WARMUP_DEPLOYMENTS             Deployments of the unreported warm-up run before the measured one (default
#                                  DEPLOYMENTS: the same run once before; smoke 20)
#   WARMUP_ROUNDS                  how many times the warm-up runs (default 2: the JIT recompiles, during the
#                                  run after the first warm-up, code its clean-up deoptimized; smoke 1)
#   CREATE_CLIENTS                 concurrent Deployment/node creators (default 16)
#   CLIENT_QPS                     scheduler and controller client QPS and burst (default 5000)
#   BENCH_ARGS                     extra ControllerBench flags (see docs/benchmarks.md)
#   APISERVER_PORT, REDIS_PORT, SCHEDULER_PORT, CONTROLLERS_PORT   loopback ports (defaults 17643, 17679, 17659, 17657)
#   KUBEBOOT_APISERVER_JAVA_OPTS (launcher default -Xmx1g), SCHEDULER_JAVA_OPTS, CONTROLLERS_JAVA_OPTS (default -Xmx1g)
#   SKIP_BUILD=1, KEEP=1, OUT      use existing jars; keep the work folder; summary file
#                                  (default bench/target/controller-results-<time>.md)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

if [[ "${SMOKE:-0}" == 1 ]]; then
  DEPLOYMENTS="${DEPLOYMENTS:-50}"; WARMUP_DEPLOYMENTS="${WARMUP_DEPLOYMENTS:-20}"; WARMUP_ROUNDS="${WARMUP_ROUNDS:-1}"
fi
DEPLOYMENTS="${DEPLOYMENTS:-1000}"
WARMUP_DEPLOYMENTS="${WARMUP_DEPLOYMENTS:-$DEPLOYMENTS}"
WARMUP_ROUNDS="${WARMUP_ROUNDS:-2}"
REPLICAS="${REPLICAS:-10}"
NODES="${NODES:-100}"
CREATE_CLIENTS="${CREATE_CLIENTS:-16}"
CLIENT_QPS="${CLIENT_QPS:-5000}"
APISERVER_PORT="${APISERVER_PORT:-17643}"
REDIS_PORT="${REDIS_PORT:-17679}"
SCHEDULER_PORT="${SCHEDULER_PORT:-17659}"
CONTROLLERS_PORT="${CONTROLLERS_PORT:-17657}"
SCHEDULER_JAVA_OPTS="${SCHEDULER_JAVA_OPTS:--Xmx1g}"
CONTROLLERS_JAVA_OPTS="${CONTROLLERS_JAVA_OPTS:--Xmx1g}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH_DIR/target/controller-results-$STAMP.md}"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

require_free_ports "APISERVER_PORT, REDIS_PORT, SCHEDULER_PORT, CONTROLLERS_PORT" \
  "$APISERVER_PORT" "$REDIS_PORT" "$SCHEDULER_PORT" "$CONTROLLERS_PORT"

build_modules apiserver-service,scheduler-service,controller-service,bench -o
APISERVER_JAR="$(boot_jar apiserver-service)"
SCHEDULER_JAR="$(boot_jar scheduler-service)"
CONTROLLERS_JAR="$(boot_jar controller-service)"
BENCH_CP="$(bench_classpath)"

# the launcher starts neither scheduler nor controllers (make_work turns them off): this script starts
# its own, with benchmark settings, from private copies of the jars
make_work kubeboot-ctrl-bench
mkdir -p "$WORK/scheduler" "$WORK/controllers"
cp "$SCHEDULER_JAR" "$WORK/scheduler/scheduler.jar"
cp "$CONTROLLERS_JAR" "$WORK/controllers/controllers.jar"
KEPT_LOGS="$WORK/scheduler.log, $WORK/controllers.log"
SCHEDULER_PID=""
CONTROLLERS_PID=""
stop_extra() {
  stop_pid "$CONTROLLERS_PID" 150
  stop_pid "$SCHEDULER_PID" 150
  CONTROLLERS_PID=""
  SCHEDULER_PID=""
}
install_cleanup

start_kubeboot
API="http://127.0.0.1:$APISERVER_PORT"

log "starting the scheduler on 127.0.0.1:$SCHEDULER_PORT and the controllers on 127.0.0.1:$CONTROLLERS_PORT (qps/burst $CLIENT_QPS, no leader election)"
# shellcheck disable=SC2086
java $SERVICE_JVM_OPTS $SCHEDULER_JAVA_OPTS -jar "$WORK/scheduler/scheduler.jar" --server.port="$SCHEDULER_PORT" \
  --kubeboot.scheduler.apiserver-url="$API" \
  --kubeboot.scheduler.qps="$CLIENT_QPS" --kubeboot.scheduler.burst="$CLIENT_QPS" \
  --kubeboot.scheduler.leader-election.enabled=false >"$WORK/scheduler.log" 2>&1 &
SCHEDULER_PID=$!
# shellcheck disable=SC2086
java $SERVICE_JVM_OPTS $CONTROLLERS_JAVA_OPTS -jar "$WORK/controllers/controllers.jar" --server.port="$CONTROLLERS_PORT" \
  --kubeboot.controllers.apiserver-url="$API" \
  --kubeboot.controllers.qps="$CLIENT_QPS" --kubeboot.controllers.burst="$CLIENT_QPS" \
  --kubeboot.controllers.leader-election.enabled=false --kubeboot.cloud.enabled=false >"$WORK/controllers.log" 2>&1 &
CONTROLLERS_PID=$!
wait_http scheduler "http://127.0.0.1:$SCHEDULER_PORT/readyz" "$SCHEDULER_PID" "$WORK/scheduler.log" 450 30 \
  || { log "scheduler not ready after 90 s"; exit 1; }
wait_http controllers "http://127.0.0.1:$CONTROLLERS_PORT/readyz" "$CONTROLLERS_PID" "$WORK/controllers.log" 450 30 \
  || { log "controllers not ready after 90 s"; exit 1; }

log "ControllerBench: $DEPLOYMENTS Deployments x $REPLICAS replicas on $NODES simulated nodes"
rc=0
# shellcheck disable=SC2086
java -cp "$BENCH_CP" io.kubeboot.bench.ControllerBench --url "$API" \
  --deployments "$DEPLOYMENTS" --warmup-deployments "$WARMUP_DEPLOYMENTS" --warmup-rounds "$WARMUP_ROUNDS" --replicas "$REPLICAS" --nodes "$NODES" --create-clients "$CREATE_CLIENTS" \
  --controller-pid "$CONTROLLERS_PID" --scheduler-pid "$SCHEDULER_PID" --apiserver-pid "$APISERVER_PID" --redis-pid "$REDIS_PID" \
  ${BENCH_ARGS:-} >"$WORK/ctrl.md" || rc=$?

mkdir -p "$(dirname "$OUT")"
{
  summary_header "KubeBoot controller benchmark" "; load average before the run: $LOAD_BEFORE"
  echo "- command: \`$([[ "${SMOKE:-0}" == 1 ]] && echo 'SMOKE=1 ')bench/run-controllers.sh\` (DEPLOYMENTS=$DEPLOYMENTS WARMUP_DEPLOYMENTS=$WARMUP_DEPLOYMENTS WARMUP_ROUNDS=$WARMUP_ROUNDS REPLICAS=$REPLICAS NODES=$NODES CREATE_CLIENTS=$CREATE_CLIENTS CLIENT_QPS=$CLIENT_QPS)"
  summary_commit
  echo "- apiserver JVM: ${KUBEBOOT_APISERVER_JAVA_OPTS:--Xmx1g}; scheduler JVM: $SCHEDULER_JAVA_OPTS; controllers JVM: $CONTROLLERS_JAVA_OPTS"
  echo
  cat "$WORK/ctrl.md"
  summarize_logs "$KUBEBOOT_HOME/logs/apiserver.log" "$WORK/scheduler.log" "$WORK/controllers.log"
} >"$OUT"
cat "$OUT"
log "summary written to $OUT"
exit "$rc"
