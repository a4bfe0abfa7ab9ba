#!/usr/bin/env bash
# Builds deploy/Containerfile and checks the container end to end: the AOT cache made by the build and mapped by the
# running JVM, no JVM warning, first sync, a change mirrored by the watch, readiness and metrics over HTTP, and
# SIGTERM exiting 0. Needs root and Debian's packages; where Docker Hub cannot be reached, the base image is a local
# Debian made by debootstrap with this host's JDK 25 in it (JDK=/path to another; BASE=... for another image).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v podman >/dev/null && command -v runc >/dev/null && command -v debootstrap >/dev/null \
  || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc debootstrap; }
[ -f target/folder-sync.jar ] || mvn -q -B -DskipTests package
# runc copes with the hybrid cgroups and capped rlimits of a sandboxed machine, where crun does not
run() { podman --runtime runc "$@"; }
base=${BASE:-}
if [ -z "$base" ]; then
  jdk=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
  base=localhost/debian-$(basename "$jdk"):local
  if ! podman image exists "$base"; then
    root=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
    # where eclipse-temurin images have it, and on the PATH
    mkdir -p "$root/opt/java" && cp -a "$jdk" "$root/opt/java/openjdk"
    tar -C "$root" -c . | podman import --change 'ENV PATH=/opt/java/openjdk/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$base"
    rm -rf "$root"
  fi
fi
run build --build-arg BASE="$base" -f deploy/Containerfile -t folder-sync:try .

work=$(mktemp -d)
mkdir -p "$work"/{source/sub,replica,state,logs}
echo one > "$work/source/sub/a.txt"
port=19876
run run -d --name folder-sync-try --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 -p 127.0.0.1:$port:9876 \
  -v "$work/source:/source:ro" -v "$work/replica:/replica" -v "$work/state:/state" -v "$work/logs:/logs" \
  folder-sync:try >/dev/null
trap 'run rm -f folder-sync-try >/dev/null 2>&1 || true' EXIT
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/observe/health/ready" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/observe/health/ready"; echo
if run exec folder-sync-try test -s /opt/folder-sync/folder-sync.aot; then
  run exec folder-sync-try grep -q folder-sync.aot /proc/1/maps || { echo "the JVM runs without the AOT cache"; exit 1; }
  echo "the JVM runs with the AOT cache the build made"
else
  echo "no AOT cache in the image (a base before JDK 25)"
fi
if run logs folder-sync-try 2>&1 | grep -E '^\[[0-9.]+s\]\[(warning|error)'; then echo "the JVM warned"; exit 1; fi
echo two > "$work/source/b.txt"
sleep 1
diff -r "$work/source" "$work/replica" && echo "replica matches source"
curl -fs "http://127.0.0.1:$port/observe/metrics" | grep -E '^folder_sync_(actions_total\{action="COPY"|index_entries)'
run stop -t 30 folder-sync-try >/dev/null
code=$(run inspect folder-sync-try --format '{{.State.ExitCode}}')
echo "exit code after SIGTERM: $code"
[ "$code" = 0 ] && [ -d "$work/state/folder-sync" ] && [ -s "$work/logs/folder-sync.log" ]
echo "container OK"
