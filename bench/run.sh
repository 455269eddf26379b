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

log() { printf 'run.sh: %s\n' "$*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$APISERVER_PORT" "$REDIS_PORT" "$ETCD_PORT" "$ETCD_PEER_PORT"; do
  port_free "$p" || { log "port $p on 127.0.0.1 is in use; choose others (APISERVER_PORT, REDIS_PORT, ETCD_PORT)"; exit 1; }
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building apiserver-service and bench"
  (cd "$ROOT" && mvn -q -B -pl apiserver-service,bench -am package -DskipTests)
fi
APISERVER_JAR="$(ls "$ROOT"/apiserver-service/target/apiserver-service-*.jar | grep -v -- '-plain.jar' | head -n 1)"
BENCH_CP="$(ls "$BENCH_DIR"/target/bench-*.jar | head -n 1):$BENCH_DIR/target/lib/*"

WORK="$(mktemp -d /tmp/kubeboot-bench.XXXXXX)"
# The apiserver runs from a private copy of the launcher and jar: a rebuild of apiserver-service/target
# while the bench runs would otherwise replace the jar under the running JVM (NoClassDefFoundError).
mkdir -p "$WORK/root/apiserver-service/target"
cp "$ROOT/kubeboot" "$WORK/root/"
cp "$APISERVER_JAR" "$WORK/root/apiserver-service/target/"
export KUBEBOOT_HOME="$WORK/home" KUBEBOOT_APISERVER_PORT="$APISERVER_PORT" KUBEBOOT_REDIS_PORT="$REDIS_PORT"
# the apiserver benchmark measures the apiserver alone: no scheduler acting on its pods
export KUBEBOOT_SCHEDULER=off KUBEBOOT_CONTROLLERS=off
unset KUBEBOOT_STORE_URL KUBEBOOT_STORE_CLUSTER_NODES
ETCD_PID=""

cleanup() {
  local rc=$?
  log "stopping what this run started"
  "$WORK/root/kubeboot" down >/dev/null 2>&1 || true
  if [[ -n "$ETCD_PID" ]] && kill -0 "$ETCD_PID" 2>/dev/null; then
    kill -TERM "$ETCD_PID"
    for _ in $(seq 50); do kill -0 "$ETCD_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$ETCD_PID" 2>/dev/null && kill -KILL "$ETCD_PID"
  fi
  if [[ "${KEEP:-0}" == 1 || $rc -ne 0 ]]; then
    log "work folder kept: $WORK (logs in $WORK/home/logs, $WORK/etcd.log)"
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

log "starting etcd on 127.0.0.1:$ETCD_PORT (data in $WORK/etcd)"
etcd --name bench --data-dir "$WORK/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "bench=http://127.0.0.1:$ETCD_PEER_PORT" >"$WORK/etcd.log" 2>&1 &
ETCD_PID=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$ETCD_PORT/health" && break
  kill -0 "$ETCD_PID" 2>/dev/null || { log "etcd exited:"; tail -n 20 "$WORK/etcd.log" >&2; exit 1; }
  sleep 0.2
done

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
  echo "## KubeBoot benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')$([[ "${SMOKE:-0}" == 1 ]] && echo ' (SMOKE run)')"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
  echo "- command: \`$([[ "${SMOKE:-0}" == 1 ]] && echo 'SMOKE=1 ')bench/run.sh\` (WARMUP=$WARMUP DURATION=$DURATION WATCH_DURATION=$WATCH_DURATION STORE_DURATION=$STORE_DURATION STORE_WARMUP=$STORE_WARMUP PODS=$PODS WATCHERS=$WATCHERS)"
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- apiserver JVM: ${KUBEBOOT_APISERVER_JAVA_OPTS:--Xmx1g}; etcd $(etcd --version | sed -n 's/^etcd Version: //p'), data dir on $(df -T "$WORK" | awk 'NR==2 {print $2}')"
  echo
  cat "$WORK/api.md"
  cat "$WORK/store.md"
  errors="$(grep -c -E ' (ERROR|WARN) |Exception' "$KUBEBOOT_HOME/logs/apiserver.log" || true)"
  echo "apiserver log: $errors WARN/ERROR/exception lines"
  if [[ "$errors" != 0 ]]; then
    echo; echo '```'
    grep -E ' (ERROR|WARN) |Exception' "$KUBEBOOT_HOME/logs/apiserver.log" | head -n 5 | cut -c1-300
    echo '```'
  fi
} >"$OUT"
cat "$OUT"
log "summary written to $OUT"
