#!/bin/sh
# Makes the AOT cache that lets folder-sync start warm on JDK 25+ (-XX:AOTCache=CACHE), by a training run: one
# --once over a generated tree of 3,000 small files in 30 folders, with a few stale files in REPLICA to update and to
# delete, in a temporary folder and with none of the service's settings. Takes 10-20 s, once.
#
#   deploy/aot-cache.sh CACHE [JAR] [-- JVM options of the runs that will use it]
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java deploy/aot-cache.sh /var/lib/folder-sync/folder-sync.aot
#
# Does nothing when CACHE was made from this very JAR, JVM and options (CACHE.key records them), so it can run
# before every start. A JDK 25 refuses a cache made by another JVM, but 25.0.3 and earlier do not notice that the jar
# changed (JDK-8377932, fixed in 25.0.4) and would load the old jar's classes: the key is what keeps them apart.
# Pass the production run's heap and GC options after --: a cache made with compressed pointers (heaps under 32 GiB)
# is refused by a run without them, and ZGC refuses a cache made under G1 or Serial.
# On a JVM without AOT caches (Java 17 to 24) it removes CACHE and says so. Exit 0 when CACHE is ready or the JVM has
# none; 1 when the training run failed (CACHE is then removed: the JVM starts without it, cold but correct).
set -eu

[ $# -ge 1 ] || { echo "usage: $0 CACHE [JAR] [-- JVM options]" >&2; exit 2; }
cache=$1; shift
jar=/opt/folder-sync/folder-sync.jar
if [ $# -gt 0 ] && [ "$1" != -- ]; then jar=$1; shift; fi
[ $# -gt 0 ] && [ "$1" = -- ] && shift
java=${JAVA:-java}
command -v "$java" >/dev/null || { echo "folder-sync AOT cache: no $java" >&2; exit 1; }
java=$(command -v "$java")
[ -r "$jar" ] || { echo "folder-sync AOT cache: cannot read $jar" >&2; exit 1; }
# the cache names the jar by its path: the runs that use it must give the same one
case $jar in /*) ;; *) jar=$PWD/$jar ;; esac

if ! "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
  rm -f "$cache" "$cache.key"
  echo "folder-sync AOT cache: $java has none (JDK 25 has); starting without one"
  exit 0
fi

# what the cache is valid for: this jar's content, this JVM's build, these options
key=$( { sha256sum <"$jar" | cut -d' ' -f1; "$java" -version 2>&1; printf '%s\n' "$java" "$@"; } | sha256sum | cut -d' ' -f1)
if [ -s "$cache" ] && [ "$(cat "$cache.key" 2>/dev/null)" = "$key" ]; then
  exit 0
fi

rm -f "$cache.key"
work=$(mktemp -d "${TMPDIR:-/tmp}/folder-sync-aot.XXXXXX")
trap 'trap "" INT TERM; rm -rf "$work"' EXIT
trap 'exit 143' INT TERM
# 3,000 files of 2 KiB in 30 folders (split writes a folder's 100 at once: no per-file process), one link, and in
# REPLICA 10 files that differ (updated) and 10 that SOURCE lacks (deleted, well under sync.max-delete)
i=0
while [ $i -lt 30 ]; do
  mkdir -p "$work/source/d$i/sub" "$work/replica/d$i"
  head -c 204800 /dev/urandom | (cd "$work/source/d$i" && split -b 2048 -a 3 - f)
  i=$((i + 1))
done
ln -s ../../d0/faaa "$work/source/d1/sub/link"
for f in faaa faab faac faad faae faaf faag faah faai faaj; do
  echo stale >"$work/replica/d2/$f"
  echo gone >"$work/replica/d3/x$f"
done

echo "folder-sync AOT cache: training $cache on $java (a --once over 3,000 files)"
# env -i: no SYNC_* or --config of the service may point the training run at real folders. HTTP settings pass, so
# a container that serves health and metrics trains that part too.
set -- env -i PATH="$PATH" LANG=C.UTF-8 HOME="$work" XDG_STATE_HOME="$work/state" \
  ${CAMEL_SERVER_ENABLED:+CAMEL_SERVER_ENABLED=$CAMEL_SERVER_ENABLED} \
  ${CAMEL_SERVER_HOST:+CAMEL_SERVER_HOST=$CAMEL_SERVER_HOST} ${CAMEL_SERVER_PORT:+CAMEL_SERVER_PORT=$CAMEL_SERVER_PORT} \
  "$java" "$@" -XX:AOTCacheOutput="$cache.new" \
  -jar "$jar" "$work/source" "$work/replica" 60 "$work/logs/folder-sync.log" --once
rc=0
"$@" >"$work/training.out" 2>&1 &
training=$!
# stopped half-way (Ctrl-C, a stop during the service's start): the training JVM stops at once (on SIGTERM it would
# first write its cache, 10 s or more) and leaves nothing behind
trap 'kill -KILL $training 2>/dev/null; rm -f "$cache.new" "$cache.new.config"; exit 143' INT TERM
wait $training || rc=$?
trap 'exit 143' INT TERM
# the run must also have mirrored the tree: a cache of a run that failed half-way trains the wrong code
if [ $rc = 0 ] && [ -s "$cache.new" ] && diff -r "$work/source" "$work/replica" >/dev/null; then
  mv -f "$cache.new" "$cache"
  echo "$key" >"$cache.key.new" && mv -f "$cache.key.new" "$cache.key"
  echo "folder-sync AOT cache: $cache ready ($(($(wc -c <"$cache") >> 20)) MiB)"
else
  rm -f "$cache" "$cache.new" "$cache.new.config"
  echo "folder-sync AOT cache: the training run failed (exit $rc); starting without a cache. Its output:" >&2
  tail -n 20 "$work/training.out" >&2
  exit 1
fi
