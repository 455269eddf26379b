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
#   WARMUP_PODS                  pods of the unreported warm-up run of each workload on <= 500 nodes (default 1000; smoke 300)
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

if [[ "${SMOKE:-0}" == 1 ]]; then
  NODES="${NODES:-500}"; INIT_PODS="${INIT_PODS:-100}"; PODS="${PODS:-1000}"; WARMUP_PODS="${WARMUP_PODS:-300}"
fi
NODES="${NODES:-5000}"
INIT_PODS="${INIT_PODS:-1000}"
PODS="${PODS:-10000}"
WARMUP_PODS="${WARMUP_PODS:-1000}"
WORKLOADS="${WORKLOADS:-SchedulingBasic,SchedulingNodeAffinity}"
CREATE_CLIENTS="${CREATE_CLIENTS:-16}"
SCHEDULER_QPS="${SCHEDULER_QPS:-5000}"
APISERVER_PORT="${APISERVER_PORT:-17543}"
REDIS_PORT="${REDIS_PORT:-17579}"
SCHEDULER_PORT="${SCHEDULER_PORT:-17559}"
SCHEDULER_JAVA_OPTS="${SCHEDULER_JAVA_OPTS:--Xmx1g}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH_DIR/target/scheduler-results-$STAMP.md}"

log() { printf 'run-scheduler.sh: %s\n' "$*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$APISERVER_PORT" "$REDIS_PORT" "$SCHEDULER_PORT"; do
  port_free "$p" || { log "port $p on 127.0.0.1 is in use; choose others (APISERVER_PORT, REDIS_PORT, SCHEDULER_PORT)"; exit 1; }
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building apiserver-service, scheduler-service and bench"
  (cd "$ROOT" && mvn -o -q -B -pl apiserver-service,scheduler-service,bench -am package -DskipTests)
fi
APISERVER_JAR="$(ls "$ROOT"/apiserver-service/target/apiserver-service-*.jar | grep -v -- '-plain.jar' | head -n 1)"
SCHEDULER_JAR="$(ls "$ROOT"/scheduler-service/target/scheduler-service-*.jar | grep -v -- '-plain.jar' | head -n 1)"
BENCH_CP="$(ls "$BENCH_DIR"/target/bench-*.jar | head -n 1):$BENCH_DIR/target/lib/*"

WORK="$(mktemp -d /tmp/kubeboot-sched-bench.XXXXXX)"
# private copies of the launcher and jars: a rebuild during the run must not replace a jar under a running JVM
mkdir -p "$WORK/root/apiserver-service/target" "$WORK/scheduler"
cp "$ROOT/kubeboot" "$WORK/root/"
cp "$APISERVER_JAR" "$WORK/root/apiserver-service/target/"
cp "$SCHEDULER_JAR" "$WORK/scheduler/scheduler.jar"
export KUBEBOOT_HOME="$WORK/home" KUBEBOOT_APISERVER_PORT="$APISERVER_PORT" KUBEBOOT_REDIS_PORT="$REDIS_PORT"
# the launcher starts no scheduler: this script starts its own, with benchmark settings
export KUBEBOOT_SCHEDULER=off
unset KUBEBOOT_STORE_URL KUBEBOOT_STORE_CLUSTER_NODES
SCHEDULER_PID=""

stop_scheduler() {
  if [[ -n "$SCHEDULER_PID" ]] && kill -0 "$SCHEDULER_PID" 2>/dev/null; then
    kill -TERM "$SCHEDULER_PID"
    for _ in $(seq 150); do kill -0 "$SCHEDULER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$SCHEDULER_PID" 2>/dev/null && kill -KILL "$SCHEDULER_PID"
  fi
  SCHEDULER_PID=""
}

cleanup() {
  local rc=$?
  log "stopping what this run started"
  stop_scheduler
  "$WORK/root/kubeboot" down >/dev/null 2>&1 || true
  if [[ "${KEEP:-0}" == 1 || $rc -ne 0 ]]; then
    log "work folder kept: $WORK (logs in $WORK/home/logs, $WORK/scheduler.log)"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting the apiserver on 127.0.0.1:$APISERVER_PORT (Redis on $REDIS_PORT)"
"$WORK/root/kubeboot" up
APISERVER_PID="$(cat "$KUBEBOOT_HOME/pids/apiserver.pid")"
# kubeboot runs Redis as a child of a small JVM; the CPU split wants the redis-server itself
REDIS_PID="$(pgrep -P "$(cat "$KUBEBOOT_HOME/pids/redis.pid")" | head -n 1 || true)"

JFR_OPTS=""
if [[ "${PROFILE:-0}" == 1 ]]; then
  JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/scheduler.jfr,settings=profile,dumponexit=true"
fi
log "starting the scheduler on 127.0.0.1:$SCHEDULER_PORT (qps/burst $SCHEDULER_QPS, no leader election)"
# shellcheck disable=SC2086
java $SCHEDULER_JAVA_OPTS $JFR_OPTS -jar "$WORK/scheduler/scheduler.jar" --server.port="$SCHEDULER_PORT" \
  --kubeboot.scheduler.apiserver-url="http://127.0.0.1:$APISERVER_PORT" \
  --kubeboot.scheduler.qps="$SCHEDULER_QPS" --kubeboot.scheduler.burst="$SCHEDULER_QPS" \
  --kubeboot.scheduler.leader-election.enabled=false >"$WORK/scheduler.log" 2>&1 &
SCHEDULER_PID=$!
for _ in $(seq 450); do
  curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$SCHEDULER_PORT/readyz" && break
  kill -0 "$SCHEDULER_PID" 2>/dev/null || { log "scheduler exited:"; tail -n 30 "$WORK/scheduler.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$SCHEDULER_PORT/readyz" || { log "scheduler not ready after 90 s"; exit 1; }

log "SchedulerBench: $WORKLOADS; $NODES nodes, $INIT_PODS init pods, $PODS measured pods each"
# shellcheck disable=SC2086
java -cp "$BENCH_CP" io.kubeboot.bench.SchedulerBench --url "http://127.0.0.1:$APISERVER_PORT" \
  --nodes "$NODES" --init-pods "$INIT_PODS" --pods "$PODS" --warmup-pods "$WARMUP_PODS" --workloads "$WORKLOADS" --create-clients "$CREATE_CLIENTS" \
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
  echo "## KubeBoot scheduler benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')$([[ "${SMOKE:-0}" == 1 ]] && echo ' (SMOKE run)')"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`$([[ "${SMOKE:-0}" == 1 ]] && echo 'SMOKE=1 ')$([[ "${PROFILE:-0}" == 1 ]] && echo 'PROFILE=1 ')bench/run-scheduler.sh\` (NODES=$NODES INIT_PODS=$INIT_PODS PODS=$PODS WARMUP_PODS=$WARMUP_PODS WORKLOADS=$WORKLOADS CREATE_CLIENTS=$CREATE_CLIENTS SCHEDULER_QPS=$SCHEDULER_QPS)"
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- apiserver JVM: ${KUBEBOOT_APISERVER_JAVA_OPTS:--Xmx1g}; scheduler JVM: $SCHEDULER_JAVA_OPTS $JFR_OPTS"
  echo
  cat "$WORK/sched.md"
  for f in "$KUBEBOOT_HOME/logs/apiserver.log" "$WORK/scheduler.log"; do
    errors="$(grep -c -E ' (ERROR|WARN) |Exception' "$f" || true)"
    echo "$(basename "$f"): $errors WARN/ERROR/exception lines"
    if [[ "$errors" != 0 ]]; then
      echo; echo '```'
      # distinct messages (timestamps and thread names cut off); || true: head closing the pipe early is fine
      { grep -E ' (ERROR|WARN) |Exception' "$f" | sed -E 's/^[^ ]+ +[A-Z]+ +\[[^]]*\] //' | cut -c1-110 | sort | uniq -c | sort -rn | head -n 8; } || true
      echo '```'; echo
    fi
  done
  if [[ -n "$HOT" ]]; then
    echo; echo "#### Scheduler JFR profile (jdk.ExecutionSample)"; echo; echo '```'; cat "$HOT"; echo '```'
  fi
} >"$OUT"
cat "$OUT"
log "summary written to $OUT"
