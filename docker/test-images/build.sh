#!/usr/bin/env bash
# Builds KubeBoot's test images on the local Docker Engine, without any registry: a root filesystem from Debian's
# busybox-static (plus two tiny programs compiled here) brought in with `docker import`, tagged with the names the
# upstream example manifests use, so those manifests run unchanged. What each stand-in does:
#   registry.k8s.io/pause:3.10                the sandbox process (pause.c)
#   busybox[:1.28], registry.k8s.io/busybox[:1.27.2], debian   a busybox shell and its applets
#   nginx[:1.14.2|1.15|1.16.1]                busybox httpd on port 80 serving /usr/share/nginx/html
#   gcr.io/google-samples/hello-app:2.0       "Hello, world! / Version: 2.0.0 / Hostname: ..." on port 8080
#   gcr.io/google-samples/hello-go-gke:1.0    {"message":"Hello"} on port 80
#   registry.k8s.io/goproxy:0.1               an HTTP server on port 8080
#   polinux/stress                            stress --vm N --vm-bytes SIZE (stress.c)
#   k8s.gcr.io/fluentd-elasticsearch:1.20     a long-running process
# With KUBEBOOT_TEST_REGISTRY=127.0.0.1:5000 (a registry the caller started on loopback, which dockerd uses as its
# registry mirror), the Docker Hub names are pushed there too, so `imagePullPolicy: Always` pulls them locally.
# Needs: docker, busybox-static (/usr/bin/busybox or /bin/busybox), gcc with static libc. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

busybox="$(command -v busybox || true)"
[[ -x "$busybox" ]] || { echo "build.sh: busybox-static is not installed (apt-get install busybox-static)" >&2; exit 1; }
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || [[ ! -x /usr/bin/file ]] \
  || { echo "build.sh: $busybox is not statically linked (install busybox-static)" >&2; exit 1; }

base="$work/base"
mkdir -p "$base"/{bin,etc,tmp,root,var/www,usr/local/bin,usr/share/nginx/html,proc,sys,dev}
chmod 1777 "$base/tmp"
cp "$busybox" "$base/bin/busybox"
for applet in $("$busybox" --list); do
  [[ "$applet" == busybox ]] || ln -sf busybox "$base/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$base/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$base/etc/group"
gcc -O2 -static -o "$base/usr/local/bin/pause" "$here/pause.c"
gcc -O2 -static -o "$base/usr/local/bin/stress" "$here/stress.c"

# An HTTP server stand-in: writes its page, then runs busybox httpd in the foreground; exits at once on SIGTERM
# (a shell that is PID 1 would otherwise ignore it and wait out the grace period).
cat >"$base/usr/local/bin/serve" <<'SH'
#!/bin/sh
# serve PORT DOCROOT [BODY]: serve DOCROOT on PORT, one access-log line per request on stderr (as nginx logs
# to its stdout); BODY (if given) becomes its index.html
port="$1"; root="$2"; body="$3"
mkdir -p "$root"
if [ -n "$body" ] && [ ! -s "$root/index.html" ]; then printf '%b' "$body" >"$root/index.html"; fi
trap 'kill $pid 2>/dev/null; exit 0' TERM INT QUIT
httpd -f -vv -p "$port" -h "$root" &
pid=$!
wait $pid
SH
cat >"$base/usr/local/bin/hold" <<'SH'
#!/bin/sh
# hold: run until stopped
trap 'exit 0' TERM INT QUIT
while :; do sleep 3600 & wait $!; done
SH
# busybox-static has no printenv applet (the commands example runs it)
cat >"$base/usr/local/bin/printenv" <<'SH'
#!/bin/sh
# printenv [NAME...]: the environment, or the values of the named variables (exit 1 if one is unset)
[ $# -eq 0 ] && exec env
rc=0
for name in "$@"; do
  if eval "[ \"\${$name+set}\" = set ]"; then eval "printf '%s\\n' \"\$$name\""; else rc=1; fi
done
exit $rc
SH
chmod +x "$base/usr/local/bin/serve" "$base/usr/local/bin/hold" "$base/usr/local/bin/printenv"
tar -C "$base" -cf "$work/base.tar" .

image() { # image CMD-JSON NAME...
  local cmd="$1"; shift
  local first="$1"
  docker import --change "CMD $cmd" --change 'ENV PATH=/usr/local/bin:/bin' \
    "$work/base.tar" "$first" >/dev/null
  for name in "${@:2}"; do docker tag "$first" "$name"; done
  echo "built: $*"
}

nginx_page='<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n'
image '["/usr/local/bin/pause"]' registry.k8s.io/pause:3.10
image '["sh"]' busybox:latest busybox:1.28 registry.k8s.io/busybox:latest registry.k8s.io/busybox:1.27.2 debian:latest
image "[\"/usr/local/bin/serve\",\"80\",\"/usr/share/nginx/html\",\"$nginx_page\"]" \
  nginx:latest nginx:1.14.2 nginx:1.15 nginx:1.16.1
image '["/bin/sh","-c","exec /usr/local/bin/serve 8080 /var/www \"Hello, world!\\nVersion: 2.0.0\\nHostname: $(hostname)\\n\""]' \
  gcr.io/google-samples/hello-app:2.0
image '["/usr/local/bin/serve","80","/var/www","{\"message\":\"Hello\"}"]' gcr.io/google-samples/hello-go-gke:1.0
image '["/usr/local/bin/serve","8080","/var/www","goproxy\n"]' registry.k8s.io/goproxy:0.1
image '["/usr/local/bin/stress"]' polinux/stress:latest
image '["/usr/local/bin/hold"]' k8s.gcr.io/fluentd-elasticsearch:1.20

if [[ -n "${KUBEBOOT_TEST_REGISTRY:-}" ]]; then
  # Docker Hub names (library/...) for the registry mirror: what `imagePullPolicy: Always` pulls
  for name in busybox:latest busybox:1.28 debian:latest nginx:latest nginx:1.14.2 nginx:1.15 nginx:1.16.1 \
              polinux/stress:latest; do
    repo="${name%%:*}"; tag="${name##*:}"
    [[ "$repo" == */* ]] || repo="library/$repo"
    docker tag "$name" "$KUBEBOOT_TEST_REGISTRY/$repo:$tag"
    docker push -q "$KUBEBOOT_TEST_REGISTRY/$repo:$tag" >/dev/null
    docker rmi "$KUBEBOOT_TEST_REGISTRY/$repo:$tag" >/dev/null
  done
  echo "pushed the Docker Hub stand-ins to $KUBEBOOT_TEST_REGISTRY"
fi
