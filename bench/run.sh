#!/usr/bin/env bash
# KubeBoot benchmark: builds, starts a private apiserver (./kubeboot up) and a private etcd on loopback,
# runs StoreBench and ApiServerBench, prints a Markdown summary and stops everything it started.
#
#   bench/run.sh              full run (about 5 minutes on a quiet 2-core machine)
#   SMOKE=1 bench/run.sh      quick check: 10 s phases, 1,000 pods for the memory phase
#
# Settings (environment):
#   WARMUP           unreported apiserver warm-up (JIT) before the phases          default 30s  (smoke 6s)
#   DURATION         each closed-loop apiserver phase (create, get, update, list)   default 20s  (smoke 10s)
#   WATCH_DURATION   the watch fan-out writer                                       default 30s  (smoke 10s)
#   STORE_DURATION   each StoreBench phase (create, get per store)                  default 10s  (smoke 10s)
#   STORE_WARMUP     unreported warm-up per store                                   default 6s   (smoke 4s)
#   PODS             pods stored when the apiserver heap is measured                default 100000 (smoke 1000)
#   WATCHERS         concurrent watchers                                            default 1000
#   API_ARGS, STORE_ARGS   extra flags for ApiServerBench / StoreBench (see docs/benchmarks.md)
#   APISERVER_PORT, REDIS_PORT, ETCD_PORT   loopback ports (defaults 17443, 17379, 17479; ETCD_PORT+1 too)
#   SKIP_BUILD=1     use the jars already built
#   KEEP=1           keep the work folder (logs, data) instead of deleting it
#   OUT              where the summary is written (default bench/target/results-<time>.md)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

if [[ "${SMOKE:-0}" == 1 ]]; then
  WARMUP="${WARMUP:-6s}"; DURATION="${DURATION:-10s}"; WATCH_DURATION="${WATCH_DURATION:-10s}"
  STORE_DURATION="${STORE_DURATION:-10s}"; STORE_WARMUP="${STORE_WARMUP:-4s}"; PODS="${PODS:-1000}"
fi
WARMUP="${WARMUP:-30s}"
DURATION="${DURATION:-20s}"
WATCH_DURATION="${WATCH_DURATION:-30s}"
STORE_DURATION="${STORE_DURATION:-10s}"
STORE_WARMUP="${STORE_WARMUP:-6s}"
PODS="${PODS:-100000}"
WATCHERS="${WATCHERS:-1000}"
APISERVER_PORT="${APISERVER_PORT:-17443}"
REDIS_PORT="${REDIS_PORT:-17379}"
ETCD_PORT="${ETCD_PORT:-17479}"
ETCD_PEER_PORT=$((ETCD_PORT + 1))
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH_DIR/target/results-$STAMP.md}"

require_free_ports "APISERVER_PORT, REDIS_PORT, ETCD_PORT" "$APISERVER_PORT" "$REDIS_PORT" "$ETCD_PORT" "$ETCD_PEER_PORT"

build_modules apiserver-service,bench
APISERVER_JAR="$(boot_jar apiserver-service)"
BENCH_CP="$(bench_classpath)"

# the apiserver benchmark measures the apiserver alone: make_work turns the launcher's scheduler and controller manager off
make_work kubeboot-bench
KEPT_LOGS="$WORK/etcd.log"
ETCD_PID=""
stop_extra() { stop_pid "$ETCD_PID" 50; }
install_cleanup

start_kubeboot

log "starting etcd on 127.0.0.1:$ETCD_PORT (data in $WORK/etcd)"
etcd --name bench --data-dir "$WORK/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "bench=http://127.0.0.1:$ETCD_PEER_PORT" >"$WORK/etcd.log" 2>&1 &
ETCD_PID=$!
# not healthy after 20 s: StoreBench goes on and reports the failing store
wait_http etcd "http://127.0.0.1:$ETCD_PORT/health" "$ETCD_PID" "$WORK/etcd.log" 100 20 || log "etcd not healthy after 20 s"

log "StoreBench: RedisStore, etcd, raw Redis; $STORE_DURATION per phase"
java -cp "$BENCH_CP" io.kubeboot.bench.StoreBench --redis "redis://127.0.0.1:$REDIS_PORT" \
  --etcd "http://127.0.0.1:$ETCD_PORT" --duration "$STORE_DURATION" --warmup "$STORE_WARMUP" \
  --redis-pid "$REDIS_PID" --etcd-pid "$ETCD_PID" ${STORE_ARGS:-} >"$WORK/store.md"

log "ApiServerBench: $DURATION per phase, $WATCHERS watchers for $WATCH_DURATION, $PODS pods for the heap"
java -cp "$BENCH_CP" io.kubeboot.bench.ApiServerBench --url "http://127.0.0.1:$APISERVER_PORT" \
  --warmup "$WARMUP" --duration "$DURATION" --watch-duration "$WATCH_DURATION" --watchers "$WATCHERS" --pods "$PODS" \
  --apiserver-pid "$APISERVER_PID" ${API_ARGS:-} >"$WORK/api.md"

mkdir -p "$(dirname "$OUT")"
{
  summary_header "KubeBoot benchmark" ""
  echo "- command: \`$([[ "${SMOKE:-0}" == 1 ]] && echo 'SMOKE=1 ')bench/run.sh\` (WARMUP=$WARMUP DURATION=$DURATION WATCH_DURATION=$WATCH_DURATION STORE_DURATION=$STORE_DURATION STORE_WARMUP=$STORE_WARMUP PODS=$PODS WATCHERS=$WATCHERS)"
  summary_commit
  echo "- apiserver JVM: ${KUBEBOOT_APISERVER_JAVA_OPTS:--Xmx1g}; etcd $(etcd --version | sed -n 's/^etcd Version: //p'), data dir on $(df -T "$WORK" | awk 'NR==2 {print $2}')"
  echo
  cat "$WORK/api.md"
  cat "$WORK/store.md"
  errors="$(log_error_count "$KUBEBOOT_HOME/logs/apiserver.log")"
  echo "apiserver log: $errors WARN/ERROR/exception lines"
  if [[ "$errors" != 0 ]]; then
    echo; echo '```'
    log_error_lines "$KUBEBOOT_HOME/logs/apiserver.log" | head -n 5 | cut -c1-300
    echo '```'
  fi
} >"$OUT"
cat "$OUT"
log "summary written to $OUT"
