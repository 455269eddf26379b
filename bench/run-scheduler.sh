#!/usr/bin/env bash
# KubeBoot scheduler benchmark: builds, starts a private apiserver + Redis (./kubeboot up, no scheduler)
# and the scheduler jar itself on loopback, runs SchedulerBench (upstream scheduler_perf's SchedulingBasic
# and SchedulingNodeAffinity with simulated nodes), writes a Markdown summary, stops everything it started.
#
#   bench/run-scheduler.sh            full run: 5000 nodes, 1000 init pods, 10000 measured pods per workload
#   SMOKE=1 bench/run-scheduler.sh    quick check: 500 nodes, 100 init pods, 1000 measured pods
#   PROFILE=1 ...                     also record the scheduler with JFR and print its hottest frames
#
# Settings (environment):
#   NODES, INIT_PODS, PODS       per workload (defaults 5000, 1000, 10000; smoke 500, 100, 1000)
#   WARMUP_PODS, WARMUP_NODES    pods and nodes of the unreported warm-up run of each workload (default 10000 and NODES; smoke 300 and NODES)
#   WORKLOADS                    comma list (default SchedulingBasic,SchedulingNodeAffinity)
#   CREATE_CLIENTS               concurrent pod/node creators (default 16)
#   SCHEDULER_QPS                scheduler client QPS and burst (default 5000; upstream scheduler_perf raises them too)
#   BENCH_ARGS                   extra SchedulerBench flags (see docs/benchmarks.md)
#   APISERVER_PORT, REDIS_PORT, SCHEDULER_PORT   loopback ports (defaults 17543, 17579, 17559)
#   KUBEBOOT_APISERVER_JAVA_OPTS (launcher default -Xmx1g), SCHEDULER_JAVA_OPTS (default -Xmx1g)
#   SKIP_BUILD=1, KEEP=1, OUT    use existing jars; keep the work folder; summary file
#                                (default bench/target/scheduler-results-<time>.md)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

if [[ "${SMOKE:-0}" == 1 ]]; then
  NODES="${NODES:-500}"; INIT_PODS="${INIT_PODS:-100}"; PODS="${PODS:-1000}"; WARMUP_PODS="${WARMUP_PODS:-300}"
fi
NODES="${NODES:-5000}"
INIT_PODS="${INIT_PODS:-1000}"
PODS="${PODS:-10000}"
WARMUP_PODS="${WARMUP_PODS:-10000}"
WARMUP_NODES="${WARMUP_NODES:-$NODES}"
WORKLOADS="${WORKLOADS:-SchedulingBasic,SchedulingNodeAffinity}"
CREATE_CLIENTS="${CREATE_CLIENTS:-16}"
SCHEDULER_QPS="${SCHEDULER_QPS:-5000}"
APISERVER_PORT="${APISERVER_PORT:-17543}"
REDIS_PORT="${REDIS_PORT:-17579}"
SCHEDULER_PORT="${SCHEDULER_PORT:-17559}"
SCHEDULER_JAVA_OPTS="${SCHEDULER_JAVA_OPTS:--Xmx1g}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH_DIR/target/scheduler-results-$STAMP.md}"

require_free_ports "APISERVER_PORT, REDIS_PORT, SCHEDULER_PORT" "$APISERVER_PORT" "$REDIS_PORT" "$SCHEDULER_PORT"

build_modules apiserver-service,scheduler-service,bench -o
APISERVER_JAR="$(boot_jar apiserver-service)"
SCHEDULER_JAR="$(boot_jar scheduler-service)"
BENCH_CP="$(bench_classpath)"

# the launcher starts no scheduler (make_work turns it off): this script starts its own, with benchmark settings
make_work kubeboot-sched-bench
mkdir -p "$WORK/scheduler"
cp "$SCHEDULER_JAR" "$WORK/scheduler/scheduler.jar"
KEPT_LOGS="$WORK/scheduler.log"
SCHEDULER_PID=""
stop_scheduler() {
  stop_pid "$SCHEDULER_PID" 150
  SCHEDULER_PID=""
}
stop_extra() { stop_scheduler; }
install_cleanup

start_kubeboot

JFR_OPTS=""
if [[ "${PROFILE:-0}" == 1 ]]; then
  JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/scheduler.jfr,settings=profile,dumponexit=true"
fi
log "starting the scheduler on 127.0.0.1:$SCHEDULER_PORT (qps/burst $SCHEDULER_QPS, no leader election)"
# shellcheck disable=SC2086
java $SERVICE_JVM_OPTS $SCHEDULER_JAVA_OPTS $JFR_OPTS -jar "$WORK/scheduler/scheduler.jar" --server.port="$SCHEDULER_PORT" \
  --kubeboot.scheduler.apiserver-url="http://127.0.0.1:$APISERVER_PORT" \
  --kubeboot.scheduler.qps="$SCHEDULER_QPS" --kubeboot.scheduler.burst="$SCHEDULER_QPS" \
  --kubeboot.scheduler.leader-election.enabled=false >"$WORK/scheduler.log" 2>&1 &
SCHEDULER_PID=$!
wait_http scheduler "http://127.0.0.1:$SCHEDULER_PORT/readyz" "$SCHEDULER_PID" "$WORK/scheduler.log" 450 30 \
  || { log "scheduler not ready after 90 s"; exit 1; }

log "SchedulerBench: $WORKLOADS; $NODES nodes, $INIT_PODS init pods, $PODS measured pods each"
# shellcheck disable=SC2086
java -cp "$BENCH_CP" io.kubeboot.bench.SchedulerBench --url "http://127.0.0.1:$APISERVER_PORT" \
  --nodes "$NODES" --init-pods "$INIT_PODS" --pods "$PODS" --warmup-pods "$WARMUP_PODS" --warmup-nodes "$WARMUP_NODES" --workloads "$WORKLOADS" --create-clients "$CREATE_CLIENTS" \
  --scheduler-metrics-url "http://127.0.0.1:$SCHEDULER_PORT/actuator/prometheus" \
  --scheduler-pid "$SCHEDULER_PID" --apiserver-pid "$APISERVER_PID" --redis-pid "$REDIS_PID" ${BENCH_ARGS:-} >"$WORK/sched.md"

HOT=""
if [[ "${PROFILE:-0}" == 1 ]]; then
  stop_scheduler   # JFR writes the recording on exit
  if [[ -s "$WORK/scheduler.jfr" ]]; then
    # per sample: the top frame, and the first frame in io.kubeboot code (where scheduler code spends it)
    jfr print --events jdk.ExecutionSample "$WORK/scheduler.jfr" | awk '
      /stackTrace = \[/ { inStack = 1; top = ""; own = ""; next }
      inStack && /^[[:space:]]*\]/ { inStack = 0; if (top != "") { tops[top]++; total++ } if (own != "") owns[own]++; next }
      inStack {
        f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f)
        if (f == "...") next
        if (top == "") top = f
        if (own == "" && f ~ /^io\.kubeboot\./) own = f
      }
      END {
        printf "execution samples: %d\n\ntop frames:\n", total
        for (k in tops) printf "%6d %5.1f%%  %s\n", tops[k], 100 * tops[k] / total, k | "sort -rn | head -n 25"
        close("sort -rn | head -n 25")
        printf "\nfirst io.kubeboot frame:\n"
        for (k in owns) printf "%6d %5.1f%%  %s\n", owns[k], 100 * owns[k] / total, k | "sort -rn | head -n 25"
      }' >"$WORK/hot.txt"
    HOT="$WORK/hot.txt"
  else
    log "no JFR recording found"
  fi
fi

mkdir -p "$(dirname "$OUT")"
{
  summary_header "KubeBoot scheduler benchmark" "; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`$([[ "${SMOKE:-0}" == 1 ]] && echo 'SMOKE=1 ')$([[ "${PROFILE:-0}" == 1 ]] && echo 'PROFILE=1 ')bench/run-scheduler.sh\` (NODES=$NODES INIT_PODS=$INIT_PODS PODS=$PODS WARMUP_PODS=$WARMUP_PODS WARMUP_NODES=$WARMUP_NODES WORKLOADS=$WORKLOADS CREATE_CLIENTS=$CREATE_CLIENTS SCHEDULER_QPS=$SCHEDULER_QPS)"
  summary_commit
  echo "- apiserver JVM: ${KUBEBOOT_APISERVER_JAVA_OPTS:--Xmx1g}; scheduler JVM: $SCHEDULER_JAVA_OPTS $JFR_OPTS"
  echo
  cat "$WORK/sched.md"
  summarize_logs "$KUBEBOOT_HOME/logs/apiserver.log" "$WORK/scheduler.log"
  if [[ -n "$HOT" ]]; then
    echo; echo "#### Scheduler JFR profile (jdk.ExecutionSample)"; echo; echo '```'; cat "$HOT"; echo '```'
  fi
} >"$OUT"
cat "$OUT"
log "summary written to $OUT"
