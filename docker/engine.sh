#!/usr/bin/env bash
# Starts the Docker Engine KubeBoot's node agents and tests use, made safe for this machine, and the test images:
#   - dockerd with its HTTP(S) proxy on a dead loopback port, so no image pull can reach beyond this machine;
#   - a registry on 127.0.0.1:5000 (Debian's docker-registry) used by dockerd as its Docker Hub mirror, holding the
#     locally built stand-ins, so `imagePullPolicy: Always` (and untagged images) pull them from loopback;
#   - the test images (docker/test-images/build.sh).
# Usage: docker/engine.sh start|stop|status. Idempotent; an engine that already runs with the mirror is kept.
# State (logs, registry storage): $KUBEBOOT_ENGINE_HOME (default /var/lib/kubeboot-engine). Needs root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${KUBEBOOT_ENGINE_HOME:-/var/lib/kubeboot-engine}"
registry_addr="127.0.0.1:5000"

log() { printf 'engine: %s\n' "$*" >&2; }

engine_up() { docker info >/dev/null 2>&1; }
mirror_on() { docker info 2>/dev/null | grep -q "http://$registry_addr/"; }
registry_up() { curl -sf -o /dev/null --max-time 2 "http://$registry_addr/v2/"; }

start_registry() {
  registry_up && return 0
  command -v docker-registry >/dev/null || { log "docker-registry is not installed (apt-get install docker-registry); Always-pulls will fail"; return 0; }
  mkdir -p "$state/registry"
  cat >"$state/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $state/registry
  delete:
    enabled: true
http:
  addr: $registry_addr
YML
  nohup docker-registry serve "$state/registry.yml" >"$state/registry.log" 2>&1 &
  echo $! >"$state/registry.pid"
  for _ in $(seq 1 50); do registry_up && return 0; sleep 0.2; done
  log "registry did not start; see $state/registry.log"; return 1
}

start_engine() {
  if engine_up && mirror_on; then return 0; fi
  if engine_up; then
    log "restarting dockerd with the loopback registry mirror and the dead-port proxy"
    pkill -x dockerd || true
    for _ in $(seq 1 150); do pgrep -x dockerd >/dev/null || break; sleep 0.2; done
  fi
  command -v dockerd >/dev/null || { log "dockerd is not installed (apt-get install docker.io)"; return 1; }
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=localhost,127.0.0.1 \
    nohup dockerd --registry-mirror "http://$registry_addr" >"$state/dockerd.log" 2>&1 &
  echo $! >"$state/dockerd.pid"
  for _ in $(seq 1 150); do engine_up && return 0; sleep 0.2; done
  log "dockerd did not start; see $state/dockerd.log"; return 1
}

case "${1:-start}" in
  start)
    mkdir -p "$state"
    start_registry
    start_engine
    if registry_up; then
      KUBEBOOT_TEST_REGISTRY="$registry_addr" "$here/test-images/build.sh"
    else
      "$here/test-images/build.sh"
    fi
    log "ready: $(docker version --format 'docker {{.Server.Version}}')"
    ;;
  stop)
    for p in dockerd registry; do
      [[ -f "$state/$p.pid" ]] && kill "$(cat "$state/$p.pid")" 2>/dev/null || true
      rm -f "$state/$p.pid"
    done
    ;;
  status)
    engine_up && echo "dockerd: running (mirror: $(mirror_on && echo on || echo off))" || echo "dockerd: not running"
    registry_up && echo "registry: running on $registry_addr" || echo "registry: not running"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
