#!/usr/bin/env bash
# KubeBoot node agent benchmark (issue 5): builds, starts a private apiserver + Redis (./kubeboot up: no scheduler,
# no controllers, no nodes) and node-agent jars itself on loopback, runs NodeBench once per phase, writes a Markdown
# summary, stops everything it started.
#
#   bench/run-node.sh            both phases: startup (3 rounds of 30 pods on one Docker node), heartbeat (1000 simulated nodes, 60 s)
#   SMOKE=1 bench/run-node.sh    quick check: 1 round; 1000 simulated nodes for 30 s
#
# Phases:
#   startup    one node agent on the Docker Engine (node bench-node-1 on 127.0.3.1, Docker network kubeboot-bench, cluster
#              CIDR 10.246.0.0/16; the bench sets its spec.podCIDR 10.246.1.0/24 itself, as no controller manager runs);
#              ROUNDS rounds of PODS pause pods created at once with spec.nodeName set; startup latency to a watch seeing
#              Running (target p99 <= 2 s); the agent's RSS and heap with the pods running; deletion; leftover containers.
#              Needs the Docker Engine and the image registry.k8s.io/pause:3.10 (docker/test-images/build.sh).
#   heartbeat  one node agent playing SIM_NODES simulated nodes (sim-node-0..N-1 on 127.0.3.2) at upstream intervals;
#              apiserver CPU, Lease renewals, Node writes, longest renewal gap (<= 40 s), agent CPU and RSS, for DURATION.
#
# Settings (environment):
#   PHASES                       comma list (default startup,heartbeat)
#   PODS, ROUNDS, CREATE_CLIENTS pods per round, rounds, concurrent creators (defaults 30, 3, 16; smoke 30, 1, 16)
#   WARMUP_PODS                  unreported warm-up pods before the rounds (default 1)
#   SIM_NODES, DURATION, SETTLE  simulated nodes, measured window, wait after registration (defaults 1000, 60s, 20s; smoke 1000, 30s, 15s)
#   SIM_QPS                      the simulated agent's client QPS and burst (default 1000)
#   PROXY_MODE                   the agents' kube-proxy mode (default off: its ClusterIP listeners on lo would collide with
#                                other KubeBoot instances on this machine; userspace for the agent as `kubeboot up` runs it)
#   BENCH_ARGS                   extra NodeBench flags for both phases (see bench/src/main/java/io/kubeboot/bench/NodeBench.java)
#   APISERVER_PORT, REDIS_PORT, NODE_PORT   loopback ports (defaults 17743, 17779, 17750; the agents' HTTP port on 127.0.3.x)
#   KUBEBOOT_APISERVER_JAVA_OPTS (launcher default -Xmx1g), NODE_JAVA_OPTS (default -Xmx256m, as the launcher's agents),
#   SIM_JAVA_OPTS (default -Xmx1g)
#   SKIP_BUILD=1, KEEP=1, OUT    use existing jars; keep the work folder; summary file
#                                (default bench/target/node-results-<time>.md)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

if [[ "${SMOKE:-0}" == 1 ]]; then
  ROUNDS="${ROUNDS:-1}"
  DURATION="${DURATION:-30s}"
  SETTLE="${SETTLE:-15s}"
fi
PHASES="${PHASES:-startup,heartbeat}"
PODS="${PODS:-30}"
ROUNDS="${ROUNDS:-3}"
CREATE_CLIENTS="${CREATE_CLIENTS:-16}"
WARMUP_PODS="${WARMUP_PODS:-1}"
SIM_NODES="${SIM_NODES:-1000}"
DURATION="${DURATION:-60s}"
SETTLE="${SETTLE:-20s}"
SIM_QPS="${SIM_QPS:-1000}"
PROXY_MODE="${PROXY_MODE:-off}"
APISERVER_PORT="${APISERVER_PORT:-17743}"
REDIS_PORT="${REDIS_PORT:-17779}"
NODE_PORT="${NODE_PORT:-17750}"
NODE_JAVA_OPTS="${NODE_JAVA_OPTS:--Xmx256m}"
SIM_JAVA_OPTS="${SIM_JAVA_OPTS:--Xmx1g}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH_DIR/target/node-results-$STAMP.md}"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

NODE_NAME=bench-node-1
NODE_ADDRESS=127.0.3.1
NODE_NETWORK=kubeboot-bench
CLUSTER_CIDR=10.246.0.0/16
POD_CIDR=10.246.1.0/24
POD_IMAGE=registry.k8s.io/pause:3.10
SIM_PREFIX=sim-node
SIM_ADDRESS=127.0.3.2
# the agent's egress guard: one iptables rule per cluster CIDR (see node-agent network/EgressGuard)
EGRESS_RULE=(-s "$CLUSTER_CIDR" ! -d "$CLUSTER_CIDR" -m comment --comment "kubeboot: pods stay on this machine" -j DROP)

has_phase() { [[ ",$PHASES," == *",$1,"* ]]; }
# address_free ADDRESS PORT: nothing listens there
address_free() { ! (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

for p in ${PHASES//,/ }; do
  [[ "$p" == startup || "$p" == heartbeat ]] || { log "unknown phase $p in PHASES (startup, heartbeat)"; exit 1; }
done
require_free_ports "APISERVER_PORT, REDIS_PORT" "$APISERVER_PORT" "$REDIS_PORT"
for a in $NODE_ADDRESS $SIM_ADDRESS; do
  address_free "$a" "$NODE_PORT" || { log "port $NODE_PORT on $a is in use; choose another (NODE_PORT)"; exit 1; }
done
if has_phase startup; then
  docker info >/dev/null 2>&1 || {
    log "the startup phase needs the Docker Engine, and \`docker info\` fails; start it with \`sudo docker/engine.sh start\` (or run PHASES=heartbeat)"
    exit 1
  }
  docker image inspect "$POD_IMAGE" >/dev/null 2>&1 || {
    log "image $POD_IMAGE is not on this machine (nothing can be pulled here); build it with docker/test-images/build.sh"
    exit 1
  }
  if [[ -n "$(docker ps -aq --filter "label=io.kubeboot.node=$NODE_NAME")" ]]; then
    log "containers of node $NODE_NAME exist already (another run of this bench?); remove them first:"
    log "  docker rm -f \$(docker ps -aq --filter label=io.kubeboot.node=$NODE_NAME)"
    exit 1
  fi
fi

build_modules apiserver-service,node-agent,bench -o
APISERVER_JAR="$(boot_jar apiserver-service)"
NODE_JAR="$(boot_jar node-agent)"
BENCH_CP="$(bench_classpath)"

make_work kubeboot-node-bench
mkdir -p "$WORK/node"
cp "$NODE_JAR" "$WORK/node/node-agent.jar"
KEPT_LOGS="$WORK/node.log, $WORK/sim.log"
AGENT_PID=""
NETWORK_EXISTED=1
docker network inspect "$NODE_NETWORK" >/dev/null 2>&1 || NETWORK_EXISTED=0
GUARD_EXISTED=1
iptables -C DOCKER-USER "${EGRESS_RULE[@]}" 2>/dev/null || GUARD_EXISTED=0

# stop_agent: the running node agent (graceful: up to 30 s), then, for the Docker node, what it may have left
stop_agent() {
  stop_pid "$AGENT_PID" 150
  AGENT_PID=""
}
stop_extra() {
  stop_agent
  if has_phase startup && docker info >/dev/null 2>&1; then
    # only the bench's own node's containers and network, and only the iptables rule this run added
    ids="$(docker ps -aq --filter "label=io.kubeboot.node=$NODE_NAME")"
    [[ -n "$ids" ]] && docker rm -f $ids >/dev/null && log "removed leftover containers of $NODE_NAME"
    [[ "$NETWORK_EXISTED" == 0 ]] && docker network rm "$NODE_NETWORK" >/dev/null 2>&1 && log "removed Docker network $NODE_NETWORK"
    [[ "$GUARD_EXISTED" == 0 ]] && iptables -D DOCKER-USER "${EGRESS_RULE[@]}" 2>/dev/null && log "removed the egress guard rule for $CLUSTER_CIDR"
  fi
  return 0
}
install_cleanup

start_kubeboot
API="http://127.0.0.1:$APISERVER_PORT"

# start_agent LOG JAVA_OPTS ADDRESS ARGS...: a node agent from the private jar; sets AGENT_PID and AGENT_STARTED_MS
start_agent() {
  local logfile="$1" opts="$2" address="$3"
  shift 3
  AGENT_STARTED_MS="$(date +%s%3N)"
  # shellcheck disable=SC2086
  java $SERVICE_JVM_OPTS $opts -jar "$WORK/node/node-agent.jar" --server.address="$address" --server.port="$NODE_PORT" \
    --kubeboot.node.address="$address" --kubeboot.node.apiserver-url="$API" --kubeboot.node.proxy.mode="$PROXY_MODE" \
    "$@" >"$logfile" 2>&1 &
  AGENT_PID=$!
  wait_http "node agent" "http://$address:$NODE_PORT/healthz" "$AGENT_PID" "$logfile" 600 30 \
    || { log "node agent not healthy after 120 s"; exit 1; }
}

rc=0
if has_phase startup; then
  LOAD_STARTUP="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "startup: node agent $NODE_NAME on the Docker Engine ($NODE_ADDRESS:$NODE_PORT, network $NODE_NETWORK, cluster CIDR $CLUSTER_CIDR)"
  mkdir -p "$WORK/node/root"
  start_agent "$WORK/node.log" "$NODE_JAVA_OPTS" "$NODE_ADDRESS" --kubeboot.node.name="$NODE_NAME" \
    --kubeboot.node.network.name="$NODE_NETWORK" --kubeboot.node.network.cluster-cidr="$CLUSTER_CIDR" \
    --kubeboot.node.kubelet.root-dir="$WORK/node/root"
  log "NodeBench startup: $ROUNDS round(s) of $PODS pods"
  # shellcheck disable=SC2086
  java -cp "$BENCH_CP" io.kubeboot.bench.NodeBench --phase startup --url "$API" --node "$NODE_NAME" --pod-cidr "$POD_CIDR" \
    --image "$POD_IMAGE" --pods "$PODS" --rounds "$ROUNDS" --create-clients "$CREATE_CLIENTS" --warmup-pods "$WARMUP_PODS" \
    --agent-url "http://$NODE_ADDRESS:$NODE_PORT" --agent-log "$WORK/node.log" \
    --agent-pid "$AGENT_PID" --apiserver-pid "$APISERVER_PID" --redis-pid "$REDIS_PID" ${BENCH_ARGS:-} >"$WORK/startup.md" || rc=$?
  stop_agent
fi
if has_phase heartbeat; then
  LOAD_HEARTBEAT="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "heartbeat: node agent playing $SIM_NODES simulated nodes $SIM_PREFIX-* ($SIM_ADDRESS:$NODE_PORT, qps/burst $SIM_QPS)"
  start_agent "$WORK/sim.log" "$SIM_JAVA_OPTS" "$SIM_ADDRESS" --kubeboot.node.name="$SIM_PREFIX" \
    --kubeboot.node.runtime=simulated --kubeboot.node.simulated.nodes="$SIM_NODES" \
    --kubeboot.node.qps="$SIM_QPS" --kubeboot.node.burst="$SIM_QPS" --kubeboot.node.kubelet.root-dir="$WORK/sim-root"
  log "NodeBench heartbeat: $SIM_NODES nodes, window $DURATION after $SETTLE"
  # shellcheck disable=SC2086
  java -cp "$BENCH_CP" io.kubeboot.bench.NodeBench --phase heartbeat --url "$API" --prefix "$SIM_PREFIX" --nodes "$SIM_NODES" \
    --duration "$DURATION" --settle "$SETTLE" --agent-started-ms "$AGENT_STARTED_MS" \
    --agent-pid "$AGENT_PID" --apiserver-pid "$APISERVER_PID" --redis-pid "$REDIS_PID" ${BENCH_ARGS:-} >"$WORK/heartbeat.md" || rc=$?
  stop_agent
fi

mkdir -p "$(dirname "$OUT")"
{
  summary_header "KubeBoot node agent benchmark" "; load average before the run: $LOAD_BEFORE$(
    has_phase startup && echo ", before startup: $LOAD_STARTUP")$(has_phase heartbeat && echo ", before heartbeat: $LOAD_HEARTBEAT"), after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`$([[ "${SMOKE:-0}" == 1 ]] && echo 'SMOKE=1 ')bench/run-node.sh\` (PHASES=$PHASES PODS=$PODS ROUNDS=$ROUNDS CREATE_CLIENTS=$CREATE_CLIENTS WARMUP_PODS=$WARMUP_PODS SIM_NODES=$SIM_NODES DURATION=$DURATION SETTLE=$SETTLE SIM_QPS=$SIM_QPS PROXY_MODE=$PROXY_MODE)"
  summary_commit
  echo "- apiserver JVM: ${KUBEBOOT_APISERVER_JAVA_OPTS:--Xmx1g}; Docker node agent JVM: $NODE_JAVA_OPTS; simulated node agent JVM: $SIM_JAVA_OPTS; kube-proxy mode: $PROXY_MODE"
  has_phase startup && echo "- Docker: $(docker version --format 'engine {{.Server.Version}}' 2>/dev/null || echo unknown), $(docker info --format 'cgroup v{{.CgroupVersion}}, storage {{.Driver}}' 2>/dev/null || echo '')"
  echo
  for f in startup heartbeat; do
    [[ -s "$WORK/$f.md" ]] && cat "$WORK/$f.md"
  done
  summarize_logs "$KUBEBOOT_HOME/logs/apiserver.log" "$WORK/node.log" "$WORK/sim.log"
} >"$OUT"
cat "$OUT"
log "summary written to $OUT"
exit "$rc"
