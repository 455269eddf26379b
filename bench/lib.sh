# Shared by bench/run.sh and bench/run-scheduler.sh (sourced, after `set -euo pipefail`): logging, port
# checks, the build, the private work folder with its apiserver (./kubeboot up), waiting for a process
# to answer, stopping what the run started, and the summary's header lines.
#
# Contract: the sourcing script sets BENCH_DIR and ROOT first, and APISERVER_JAR, APISERVER_PORT and
# REDIS_PORT before make_work (which sets WORK); start_kubeboot sets APISERVER_PID and REDIS_PID. At exit,
# cleanup runs the script's own `stop_extra` function when it defines one, then `kubeboot down`, and keeps
# WORK (naming the script's own logs, KEPT_LOGS) when KEEP=1 or the run failed.

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# require_free_ports "HINT" PORT...: exits when a port on 127.0.0.1 is taken; HINT names the variables to change.
require_free_ports() {
  local hint="$1" p
  shift
  for p in "$@"; do
    port_free "$p" || { log "port $p on 127.0.0.1 is in use; choose others ($hint)"; exit 1; }
  done
}

# build_modules MODULES [MVN_OPTION...]: packages the comma-separated MODULES (and what they need),
# without tests, unless SKIP_BUILD=1.
build_modules() {
  local modules="$1" names
  shift
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    names="${modules//,/, }"
    log "building ${names%, *} and ${names##*, }"
    # forceCreation: a module whose own classes did not change keeps its old jar otherwise, even when a module
    # it depends on (and so the Spring Boot jar's libraries) changed
    (cd "$ROOT" && mvn "$@" -q -B -pl "$modules" -am package -DskipTests -Dmaven.jar.forceCreation=true)
  fi
}

# boot_jar MODULE: the module's Spring Boot jar (not the -plain one).
boot_jar() { ls "$ROOT/$1/target/$1"-*.jar | grep -v -- '-plain.jar' | head -n 1; }

# bench_classpath: the bench jar and its dependencies; fails when the jar is missing.
bench_classpath() {
  local jar
  jar="$(ls "$BENCH_DIR"/target/bench-*.jar | head -n 1)" || return 1
  echo "$jar:$BENCH_DIR/target/lib/*"
}

# make_work PREFIX: creates WORK in /tmp with private copies of the launcher and APISERVER_JAR (a
# rebuild while the bench runs would otherwise replace a jar under a running JVM: NoClassDefFoundError),
# and points the launcher at it: apiserver and Redis on APISERVER_PORT and REDIS_PORT, no scheduler, the
# built-in store.
make_work() {
  WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
  mkdir -p "$WORK/root/apiserver-service/target"
  cp "$ROOT/kubeboot" "$WORK/root/"
  cp "$APISERVER_JAR" "$WORK/root/apiserver-service/target/"
  export KUBEBOOT_HOME="$WORK/home" KUBEBOOT_APISERVER_PORT="$APISERVER_PORT" KUBEBOOT_REDIS_PORT="$REDIS_PORT"
  export KUBEBOOT_SCHEDULER=off KUBEBOOT_CONTROLLERS=off KUBEBOOT_NODES=0
  unset KUBEBOOT_STORE_URL KUBEBOOT_STORE_CLUSTER_NODES
}

# stop_pid PID TRIES: TERM, then KILL when it still runs after TRIES x 0.2 s; nothing when PID is empty or gone.
stop_pid() {
  local pid="$1" tries="$2"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq "$tries"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  return 0
}

cleanup() {
  local rc=$?
  log "stopping what this run started"
  if declare -F stop_extra >/dev/null; then stop_extra; fi
  "$WORK/root/kubeboot" down >/dev/null 2>&1 || true
  if [[ "${KEEP:-0}" == 1 || $rc -ne 0 ]]; then
    log "work folder kept: $WORK (logs in $WORK/home/logs, ${KEPT_LOGS:-})"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}

# install_cleanup: from here on, any exit (also Ctrl-C) stops what the run started.
install_cleanup() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

# start_kubeboot: the apiserver and its Redis; sets APISERVER_PID and REDIS_PID.
start_kubeboot() {
  log "starting the apiserver on 127.0.0.1:$APISERVER_PORT (Redis on $REDIS_PORT)"
  "$WORK/root/kubeboot" up
  APISERVER_PID="$(cat "$KUBEBOOT_HOME/pids/apiserver.pid")"
  # kubeboot runs Redis as a child of a small JVM; the CPU split wants the redis-server itself
  REDIS_PID="$(pgrep -P "$(cat "$KUBEBOOT_HOME/pids/redis.pid")" | head -n 1 || true)"
}

# wait_http NAME URL PID LOG TRIES TAIL: polls URL every 0.2 s, at most TRIES times; exits the run with
# the last TAIL lines of LOG when PID dies first. Fails when URL never answered.
wait_http() {
  local name="$1" url="$2" pid="$3" logfile="$4" tries="$5" tail_lines="$6"
  for _ in $(seq "$tries"); do
    curl -sf -o /dev/null --max-time 1 "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { log "$name exited:"; tail -n "$tail_lines" "$logfile" >&2; exit 1; }
    sleep 0.2
  done
  return 1
}

# summary_header TITLE MACHINE_EXTRA: the title line, a blank line, and the machine line (MACHINE_EXTRA appended).
summary_header() {
  echo "## $1, $(date -u '+%Y-%m-%d %H:%M UTC')$([[ "${SMOKE:-0}" == 1 ]] && echo ' (SMOKE run)')"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)$2"
}

# The JVM flags the launcher gives every service (`kubeboot jvm-opts`); services the benchmarks start
# themselves get them too, so they run as `kubeboot up` runs them.
SERVICE_JVM_OPTS="$("$ROOT/kubeboot" jvm-opts)"

# summary_commit: the commit line, and the service JVMs' common flags.
summary_commit() {
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- flags of every service JVM (\`kubeboot jvm-opts\`): ${SERVICE_JVM_OPTS:-none}"
}

# log_error_count FILE: how many WARN/ERROR/exception lines FILE has.
log_error_count() { grep -c -E ' (ERROR|WARN) |Exception' "$1" || true; }

# log_error_lines FILE: those lines.
log_error_lines() { grep -E ' (ERROR|WARN) |Exception' "$1"; }

# summarize_logs FILE...: for each existing FILE, its count of WARN/ERROR/exception lines and, when there are
# any, its 8 most frequent distinct messages (timestamps and thread names cut off), for the run summaries.
summarize_logs() {
  local f errors
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    errors="$(log_error_count "$f")"
    echo "$(basename "$f"): $errors WARN/ERROR/exception lines"
    if [[ "$errors" != 0 ]]; then
      echo; echo '```'
      # || true: head closing the pipe early is fine
      { log_error_lines "$f" | sed -E 's/^[^ ]+ +[A-Z]+ +\[[^]]*\] //' | cut -c1-110 | sort | uniq -c | sort -rn | head -n 8; } || true
      echo '```'; echo
    fi
  done
}
