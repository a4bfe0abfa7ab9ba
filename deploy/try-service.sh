#!/usr/bin/env bash
# Runs deploy/folder-sync.service's own ExecStartPre= and ExecStart= lines by hand, as systemd would (its
# Environment=, $JAVA_OPTS split into words), with its folders moved under a temporary one: the first start trains
# the AOT cache, the daemon starts with it mapped and mirrors, prints no JVM warning, and exits 0 on SIGTERM; a second
# start does not train again; other JVM options train anew. Needs the JDK 25 the unit names, and the jar built.
set -euo pipefail
cd "$(dirname "$0")/.."
unit=deploy/folder-sync.service
root=$(mktemp -d /tmp/folder-sync-unit.XXXXXX)
mkdir -p "$root"/{opt,state,state-home,logs,etc,source/sub,replica}
cp target/folder-sync.jar deploy/aot-cache.sh "$root/opt/"
echo one >"$root/source/sub/a.txt"
printf 'sync.source=%s\nsync.replica=%s\nsync.interval=2s\n' "$root/source" "$root/replica" >"$root/etc/folder-sync.properties"

java_opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$unit")
java=$(sed -n 's/^Environment=JAVA=//p' "$unit")
relocate() { sed -e "s|/opt/folder-sync/|$root/opt/|g" -e "s|/var/lib/folder-sync/|$root/state/|g" \
  -e "s|/etc/folder-sync/folder-sync.properties|$root/etc/folder-sync.properties|"; }
# words LINE: the command as systemd reads it (no globbing; $JAVA_OPTS unbraced is split on white space)
words() {
  local w out=()
  read -ra w <<<"$1"
  for x in "${w[@]}"; do
    if [ "$x" = '$JAVA_OPTS' ]; then read -ra o <<<"$2"; out+=("${o[@]}"); else out+=("$x"); fi
  done
  printf '%s\n' "${out[@]}"
}
pre=$(sed -n 's/^ExecStartPre=-//p' "$unit" | relocate)
start=$(sed -n 's/^ExecStart=//p' "$unit" | relocate)
[ -n "$pre" ] && [ -n "$start" ] && [ -x "$java" ] || { echo "unit lines or $java missing" >&2; exit 1; }
environment=(env -i PATH=/usr/bin:/bin LANG=C.UTF-8 XDG_STATE_HOME="$root/state-home"
  SYNC_LOG_FILE="$root/logs/folder-sync.log" JAVA="$java" JAVA_OPTS="$java_opts")
run_pre() { # run_pre JAVA_OPTS
  mapfile -t cmd < <(words "$pre" "$1")
  "${environment[@]}" "${cmd[@]}"
}
fail() { echo "FAILED: $*" >&2; exit 1; }

echo "== ExecStartPre, first start: trains"
s=$(date +%s); out=$(run_pre "$java_opts"); echo "$out"
grep -q 'training' <<<"$out" && [ -s "$root/state/folder-sync.aot" ] || fail "no cache made"
echo "   ($(($(date +%s) - s)) s)"

echo "== ExecStart: the daemon, with the cache"
mapfile -t cmd < <(words "$start" "$java_opts")
"${environment[@]}" "${cmd[@]}" >"$root/daemon.out" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q 'CYCLE ' "$root/daemon.out" && break; kill -0 $pid || break; sleep 0.1; done
grep -q "$root/state/folder-sync.aot" "/proc/$pid/maps" || fail "the cache is not mapped"
diff -r "$root/source" "$root/replica" >/dev/null || fail "REPLICA differs"
kill -TERM $pid; code=0; wait $pid || code=$?
[ $code = 0 ] || fail "exit $code after SIGTERM"
if grep -E '^\[[0-9.]+s\]\[(warning|error)' "$root/daemon.out"; then fail "the JVM warned"; fi
echo "   mirrored, cache mapped, no JVM warning, exit 0 after SIGTERM"

echo "== ExecStartPre, second start: the cache fits, no training"
out=$(run_pre "$java_opts")
[ -z "$out" ] || fail "trained again: $out"

echo "== ExecStartPre after JAVA_OPTS changed: trains anew"
out=$(run_pre "$java_opts -Xss1m")
grep -q 'training' <<<"$out" || fail "kept the old cache"
rm -rf "$root"
echo "service lines OK"
