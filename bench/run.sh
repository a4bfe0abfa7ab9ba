#!/usr/bin/env bash
# Side-by-side benchmark: folder-sync against rsync and cp -a on the same trees, in the same run, alternating tools,
# RUNS times each; prints medians and ratios (folder-sync / rsync). Installs rsync if it is missing.
#
#   bench/run.sh            all workloads
#   bench/run.sh W1 W2      some of them
#   RUNS=5 bench/run.sh     more repetitions (default 3)
#   BENCH_DIR=/path ...     where trees are generated (default: a fresh folder under /tmp)
#   TMPFS=1 bench/run.sh    trees in RAM (/dev/shm), where no disk noise hides the tool's own cost
#   JAR=/path/x.jar ...     another build of folder-sync (an earlier commit, to compare)
#   JAVA=/path/bin/java ... the JVM for every folder-sync run (default: java on the PATH), such as a JDK 25
#   AOT=1 bench/run.sh      start every folder-sync run with an AOT cache (JDK 25+), made first by deploy/aot-cache.sh
#   JAVA_OPTS="..." ...     JVM options of every folder-sync run, such as the service's (IDLE: the daemon's footprint)
#
# Rows of the targets table: W1 W1DAEMON W2 W3 W4 EMPTY JIT SYSCALLS IDLE M1 (see README, "How it compares with rsync"); FILTER is
# what an excluded folder costs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
WORKLOADS=("$@")
[ ${#WORKLOADS[@]} -gt 0 ] || WORKLOADS=(W1 W1DAEMON EMPTY JIT FILTER W2 DAEMON W3 W4 W6 SYSCALLS LATENCY DELETION BURST SOAK OBSERVE IDLE W5 M1)
if [ "${TMPFS:-0}" = 1 ]; then
  BENCH_DIR=${BENCH_DIR:-$(mktemp -d /dev/shm/folder-sync-bench.XXXXXX)}
else
  BENCH_DIR=${BENCH_DIR:-$(mktemp -d /tmp/folder-sync-bench.XXXXXX)}
fi
JAR=${JAR:-$PWD/target/folder-sync.jar}
JAVA=${JAVA:-java}
# a row that fails part-way must not leave its daemon (or lsyncd) running under the rows measured after it
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
export XDG_STATE_HOME=$BENCH_DIR/state

missing=()
command -v rsync >/dev/null || missing+=(rsync)
command -v lsyncd >/dev/null || missing+=(lsyncd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}..." >&2
  (apt-get update -qq && apt-get install -y -qq "${missing[@]}") >/dev/null
fi
[ -f "$JAR" ] || mvn -q -B -DskipTests package
# JVM: the java command every folder-sync run starts with: JAVA_OPTS, and the AOT cache when AOT=1
read -ra JVM <<<"$JAVA ${JAVA_OPTS:-}"
if [ "${AOT:-0}" = 1 ]; then
  mkdir -p "$BENCH_DIR"
  JAVA=$JAVA deploy/aot-cache.sh "$BENCH_DIR/folder-sync.aot" "$JAR" -- "${JVM[@]:1}" >&2
  JVM+=(-XX:AOTCache="$BENCH_DIR/folder-sync.aot" -Xlog:aot*=error)
fi

# now in milliseconds
now() { date +%s%N | cut -b1-13; }
# time_ms CMD...: runs CMD with output discarded, prints elapsed ms
time_ms() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); echo $((e - s)); }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
sync_once() { "${JVM[@]}" -jar "$JAR" "$1" "$2" 60 "$BENCH_DIR/logs/sync.log" --once "${@:3}"; }

# make_tree DIR FILES FOLDERS BYTES
make_tree() {
  local dir=$1 files=$2 folders=$3 bytes=$4
  python3 - "$dir" "$files" "$folders" "$bytes" <<'PY'
import os, sys
root, files, folders, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for d in range(folders):
    os.makedirs(os.path.join(root, f"d{d:04d}"), exist_ok=True)
for i in range(files):
    with open(os.path.join(root, f"d{i % folders:04d}", f"f{i:07d}"), "wb") as f:
        f.write(os.urandom(size))
PY
}

report() { # name fs rsync [cp]
  local line="$1: folder-sync ${2} ms, rsync ${3} ms, ratio $(ratio "$2" "$3")"
  [ -n "${4:-}" ] && line="$line; cp -a ${4} ms, ratio to cp $(ratio "$2" "$4")"
  echo "$line" | tee -a "$BENCH_DIR/results.txt"
}

w1() { # first sync, 20,000 files x 4 KiB in 1,000 folders (the targets' shape; 100 folders before this release)
  local src=$BENCH_DIR/w1-src fs=() rs=() cp=()
  make_tree "$src" 20000 1000 4096
  for _ in $(seq "$RUNS"); do
    rm -rf "$BENCH_DIR"/w1-dst* "$XDG_STATE_HOME"; sync
    fs+=("$(time_ms sync_once "$src" "$BENCH_DIR/w1-dst-fs")")
    rs+=("$(time_ms rsync -a "$src/" "$BENCH_DIR/w1-dst-rs/")")
    cp+=("$(time_ms cp -a "$src" "$BENCH_DIR/w1-dst-cp")")
  done
  report "W1 first sync 20k x 4KiB --once" "$(echo "${fs[*]}" | median)" "$(echo "${rs[*]}" | median)" "$(echo "${cp[*]}" | median)"
}

w1daemon() { # W1 inside a started daemon: the first cycle (cold JIT), then warm ones after REPLICA is emptied
  # The interval leaves each cycle to start well after REPLICA was emptied: emptying it while a cycle runs would let
  # that cycle copy part of the tree back and the next one the rest. C2 compiles the copy path over the first cycles
  # (most of it by the fourth here, the rest by the seventh): the fifth and the eighth are reported as warm.
  local src=$BENCH_DIR/w1-src dst=$BENCH_DIR/w1d-dst out=$BENCH_DIR/w1daemon.out rs=() first=() fifth=() eighth=()
  [ -d "$src" ] || make_tree "$src" 20000 1000 4096
  for _ in $(seq "$RUNS"); do
    rm -rf "$dst" "$XDG_STATE_HOME"; sync
    "${JVM[@]}" -jar "$JAR" "$src" "$dst" 12s "$BENCH_DIR/logs/w1daemon.log" --config "$BENCH_DIR/nowatch.properties" >"$out" 2>&1 &
    local pid=$!
    for cycle in 1 2 3 4 5 6 7 8; do
      until [ "$(grep -c 'CYCLE ' "$out")" -ge $cycle ]; do sleep 0.1; done
      [ $cycle = 8 ] || find "$dst" -mindepth 1 -delete
    done
    first+=("$(cycle_ms "$out" 1)")
    fifth+=("$(cycle_ms "$out" 5)")
    eighth+=("$(cycle_ms "$out" 8)")
    kill -TERM $pid; wait $pid || true
    rm -rf "$BENCH_DIR/w1d-rs"; sync
    rs+=("$(time_ms rsync -a "$src/" "$BENCH_DIR/w1d-rs/")")
  done
  local r; r=$(echo "${rs[*]}" | median)
  report "W1 first cycle in a started daemon (CYCLE duration_ms)" "$(echo "${first[*]}" | median)" "$r"
  report "W1 warm cycle in the daemon, REPLICA emptied, fifth cycle (CYCLE duration_ms)" "$(echo "${fifth[*]}" | median)" "$r"
  report "W1 warm cycle in the daemon, REPLICA emptied, eighth cycle (CYCLE duration_ms)" "$(echo "${eighth[*]}" | median)" "$r"
}

# cycle_ms OUT N: the duration of the Nth cycle the daemon printed, which must have copied all of W1
cycle_ms() {
  local line; line=$(grep 'CYCLE ' "$1" | sed -n "${2}p")
  [[ $line == *copied=20000* ]] || { echo "cycle $2 did not copy all of W1: $line" >&2; exit 1; }
  grep -o 'duration_ms=[0-9]*' <<<"$line" | cut -d= -f2
}

empty() { # --once on an empty SOURCE: the whole process, start to exit
  local src=$BENCH_DIR/empty-src t=()
  mkdir -p "$src"
  for _ in $(seq "$RUNS"); do t+=("$(time_ms sync_once "$src" "$BENCH_DIR/empty-dst")"); done
  echo "EMPTY --once on an empty SOURCE, whole process: median $(echo "${t[*]}" | median) ms ($(echo "${t[*]}"))" | tee -a "$BENCH_DIR/results.txt"
}

jit() { # JIT compile time during one W1 --once (JFR jdk.CompilerStatistics)
  local src=$BENCH_DIR/w1-src jfr=$BENCH_DIR/w1.jfr
  [ -d "$src" ] || make_tree "$src" 20000 1000 4096
  rm -rf "$BENCH_DIR/w1-dst-jit" "$XDG_STATE_HOME"
  "${JVM[@]}" -XX:StartFlightRecording=filename="$jfr",settings=default -jar "$JAR" "$src" "$BENCH_DIR/w1-dst-jit" 60 \
    "$BENCH_DIR/logs/jit.log" --once >/dev/null 2>&1
  local spent; spent=$("${JAVA%java}jfr" print --events jdk.CompilerStatistics "$jfr" | grep totalTimeSpent | tail -1 | awk '{print $3, $4}')
  local count; count=$("${JAVA%java}jfr" print --events jdk.CompilerStatistics "$jfr" | grep ' compileCount' | tail -1 | awk '{print $3}')
  echo "JIT during W1 --once: ${spent} compiling, ${count} compilations" | tee -a "$BENCH_DIR/results.txt"
}

filter() { # what an excluded 100,000-file folder costs a cycle: the same tree with and without it, --once no change
  local with=$BENCH_DIR/filter-with without=$BENCH_DIR/filter-without a=() b=()
  make_tree "$without" 2000 20 1024
  cp -a "$without" "$with"
  make_tree "$with/node_modules" 100000 100 0
  rm -rf "$XDG_STATE_HOME"
  sync_once "$with" "$BENCH_DIR/filter-with-dst" --exclude '**/node_modules/**' >/dev/null
  sync_once "$without" "$BENCH_DIR/filter-without-dst" >/dev/null
  for _ in $(seq "$RUNS"); do
    a+=("$(sync_once "$with" "$BENCH_DIR/filter-with-dst" --exclude '**/node_modules/**' | grep -o 'CYCLE .*' | grep -o 'duration_ms=[0-9]*' | cut -d= -f2)")
    b+=("$(sync_once "$without" "$BENCH_DIR/filter-without-dst" | grep -o 'CYCLE .*' | grep -o 'duration_ms=[0-9]*' | cut -d= -f2)")
  done
  echo "FILTER no-change cycle of 2,000 files beside an excluded 100,000-file folder: $(echo "${a[*]}" | median) ms; the 2,000 alone: $(echo "${b[*]}" | median) ms" | tee -a "$BENCH_DIR/results.txt"
}

w2() { # no change, 100,000 files x 1 KiB
  local src=$BENCH_DIR/w2-src fs=() rs=()
  make_tree "$src" 100000 100 1024
  rm -rf "$XDG_STATE_HOME"
  sync_once "$src" "$BENCH_DIR/w2-dst-fs" >/dev/null
  rsync -a "$src/" "$BENCH_DIR/w2-dst-rs/"
  for _ in $(seq "$RUNS"); do
    fs+=("$(time_ms sync_once "$src" "$BENCH_DIR/w2-dst-fs")")
    rs+=("$(time_ms rsync -a --delete "$src/" "$BENCH_DIR/w2-dst-rs/")")
  done
  report "W2 no change 100k x 1KiB --once (whole process)" "$(echo "${fs[*]}" | median)" "$(echo "${rs[*]}" | median)"
}

w3() { # first sync, 4 files x 256 MiB
  local src=$BENCH_DIR/w3-src fs=() rs=() cp=() md=()
  mkdir -p "$src"
  for i in 1 2 3 4; do head -c $((256 << 20)) /dev/urandom >"$src/big$i"; done
  for _ in $(seq "$RUNS"); do
    rm -rf "$BENCH_DIR"/w3-dst* "$XDG_STATE_HOME"; sync
    fs+=("$(time_ms sync_once "$src" "$BENCH_DIR/w3-dst-fs")")
    rs+=("$(time_ms rsync -a "$src/" "$BENCH_DIR/w3-dst-rs/")")
    cp+=("$(time_ms cp -a "$src" "$BENCH_DIR/w3-dst-cp")")
    md+=("$(time_ms md5sum "$src"/big1 "$src"/big2 "$src"/big3 "$src"/big4)")
  done
  local f r c m
  f=$(echo "${fs[*]}" | median); r=$(echo "${rs[*]}" | median); c=$(echo "${cp[*]}" | median); m=$(echo "${md[*]}" | median)
  report "W3 first sync 4 x 256MiB --once" "$f" "$r" "$c"
  echo "W3 against cp -a plus one md5 pass ($c + $m ms): ratio $(ratio "$f" $((c + m)))" | tee -a "$BENCH_DIR/results.txt"
  rm -rf "$src" "$BENCH_DIR"/w3-dst*
}

w4() { # on W2's tree: change 1% of the files, add 0.1%, delete 0.1%, then one --once against rsync -a --delete
  local src=$BENCH_DIR/w2-src fs=() rs=()
  [ -d "$src" ] || w2
  for round in $(seq "$RUNS"); do
    python3 - "$src" "$round" <<'PY'
import os, random, sys
root, round_ = sys.argv[1], int(sys.argv[2])
rng = random.Random(round_)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
for path in rng.sample(files, len(files) // 100):
    with open(path, "wb") as f:
        f.write(os.urandom(1024))
for path in rng.sample(files, len(files) // 1000):
    os.remove(path)
for i in range(len(files) // 1000):
    with open(os.path.join(root, "d%04d" % (i % 100), "new-%d-%d" % (round_, i)), "wb") as f:
        f.write(os.urandom(1024))
PY
    fs+=("$(time_ms sync_once "$src" "$BENCH_DIR/w2-dst-fs")")
    rs+=("$(time_ms rsync -a --delete "$src/" "$BENCH_DIR/w2-dst-rs/")")
  done
  report "W4 change 1%, add 0.1%, delete 0.1% of 100k --once" "$(echo "${fs[*]}" | median)" "$(echo "${rs[*]}" | median)"
}

w6() { # restart on W2 unchanged: how much the first cycle after a restart hashes
  local src=$BENCH_DIR/w2-src
  [ -d "$src" ] || w2
  sync_once "$src" "$BENCH_DIR/w2-dst-fs" >/dev/null
  local hashed
  hashed=$(sync_once "$src" "$BENCH_DIR/w2-dst-fs" | grep -o 'bytes_hashed=[0-9]*' | tail -1)
  echo "W6 restart on 100k unchanged: $hashed" | tee -a "$BENCH_DIR/results.txt"
}

w5() { # no change, 1,000,000 empty files, -Xmx512m: cycle time and heap after the cycle
  local src=$BENCH_DIR/w5-src dst=$BENCH_DIR/w5-dst
  python3 - "$src" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(1000):
    folder = os.path.join(root, "d%04d" % d)
    os.makedirs(folder, exist_ok=True)
    for i in range(1000):
        open(os.path.join(folder, "f%04d" % i), "wb").close()
PY
  local first s e heap
  s=$(now)
  "${JVM[@]}" -Xmx512m -jar "$JAR" "$src" "$dst" 60 "$BENCH_DIR/logs/w5.log" --once >"$BENCH_DIR/w5-first.out" 2>&1
  e=$(now); first=$((e - s))
  "${JVM[@]}" -Xmx512m -Xlog:gc:file="$BENCH_DIR/w5-gc.log" -jar "$JAR" "$src" "$dst" 2s "$BENCH_DIR/logs/w5.log" \
    >"$BENCH_DIR/w5-daemon.out" 2>&1 &
  local pid=$!
  until [ "$(grep -c 'CYCLE' "$BENCH_DIR/w5-daemon.out")" -ge 3 ]; do sleep 1; done
  heap=$("${JAVA%java}jcmd" $pid GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1)
  "${JAVA%java}jcmd" $pid GC.run >/dev/null 2>&1; sleep 1
  local after; after=$("${JAVA%java}jcmd" $pid GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1)
  kill -TERM $pid; wait $pid || true
  local cycle; cycle=$(grep -o 'CYCLE .*duration_ms=[0-9]*' "$BENCH_DIR/w5-daemon.out" | tail -n +2 | grep -o 'duration_ms=[0-9]*' | cut -d= -f2 | median)
  local prune; prune=$(grep -o 'PRUNE .*duration_ms=[0-9]*' "$BENCH_DIR/w5-daemon.out" | tail -n +2 | grep -o 'duration_ms=[0-9]*' | cut -d= -f2 | median)
  local rs; rs=$(time_ms rsync -a --delete "$src/" "$dst/")
  echo "W5 1,000,000 empty files, -Xmx512m: first --once ${first} ms; daemon no-change sync poll ${cycle} ms, prune ${prune} ms; heap ${heap} in use, ${after} after a full GC; rsync -a --delete no-op ${rs} ms" | tee -a "$BENCH_DIR/results.txt"
  rm -rf "$src" "$dst"
}

m1() { # no change, 1,000,000 files x 64 B in 1,000 folders, --once in -Xmx256m, beside rsync -an --delete over the
  # same replica (a dry run changes nothing, and tmpfs here holds about 3M inodes: no third tree)
  local src=$BENCH_DIR/m1-src dst=$BENCH_DIR/m1-dst fs=() rs=() load=()
  [ -d "$src" ] || make_tree "$src" 1000000 1000 64
  # unmeasured: makes the replica and its index, or (run again) finds them as they are
  "${JVM[@]}" -Xmx256m -jar "$JAR" "$src" "$dst" 60 "$BENCH_DIR/logs/m1.log" --once >/dev/null
  for _ in $(seq "$RUNS"); do
    fs+=("$(time_ms "${JVM[@]}" -Xmx256m -jar "$JAR" "$src" "$dst" 60 "$BENCH_DIR/logs/m1.log" --once)")
    load+=("$(grep -o 'INDEX [0-9]* entries loaded in [0-9]*' "$BENCH_DIR/logs/m1.log" | tail -1 | grep -o '[0-9]*$')")
    rs+=("$(time_ms rsync -an --delete "$src/" "$dst/")")
  done
  report "M1 no change 1M x 64 B --once -Xmx256m (index loaded in $(echo "${load[*]}" | median) ms)" \
    "$(echo "${fs[*]}" | median)" "$(echo "${rs[*]}" | median)"
}

daemon() { # the same no-change cycle inside a running daemon, from its summary lines
  local src=$BENCH_DIR/w2-src dst=$BENCH_DIR/w2-dst-fs log=$BENCH_DIR/daemon.out rs=()
  [ -d "$src" ] || w2
  # -v: an idle daemon logs its no-change summaries at DEBUG, after the first
  "${JVM[@]}" -jar "$JAR" "$src" "$dst" 2s "$BENCH_DIR/logs/daemon.log" -v >"$log" 2>&1 &
  local pid=$!
  sleep $((2 * (RUNS + 3)))
  kill -TERM $pid; wait $pid || true
  for _ in $(seq "$RUNS"); do rs+=("$(time_ms rsync -a --delete "$src/" "$BENCH_DIR/w2-dst-rs/")"); done
  local cycle prune rsync_ms
  cycle=$(grep -o 'CYCLE .*duration_ms=[0-9]*' "$log" | tail -n +3 | grep -o 'duration_ms=[0-9]*' | cut -d= -f2 | median)
  prune=$(grep -o 'PRUNE .*duration_ms=[0-9]*' "$log" | tail -n +3 | grep -o 'duration_ms=[0-9]*' | cut -d= -f2 | median)
  rsync_ms=$(echo "${rs[*]}" | median)
  report "W2 no change 100k, daemon sync poll" "$cycle" "$rsync_ms"
  report "W2 no change 100k, daemon prune pass" "$prune" "$rsync_ms"
}

# start_daemon SRC DST: folder-sync watching SRC, INTERVAL 60; waits until it watches. Sets DAEMON_PID.
start_daemon() {
  "${JVM[@]}" -jar "$JAR" "$1" "$2" 60 "$BENCH_DIR/logs/watch.log" >"$BENCH_DIR/watch.out" 2>&1 &
  DAEMON_PID=$!
  until grep -q "watching" "$BENCH_DIR/watch.out" 2>/dev/null; do sleep 0.1; done
}
stop_daemon() { kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" || true; }

# start_lsyncd SRC DST: lsyncd with delay 0 (one rsync per event). Sets LSYNCD_PID.
start_lsyncd() {
  cat >"$BENCH_DIR/lsyncd.lua" <<LUA
settings { nodaemon = true, logfile = "$BENCH_DIR/lsyncd.log", statusFile = "$BENCH_DIR/lsyncd.status" }
sync { default.rsync, source = "$1", target = "$2", delay = 0 }
LUA
  lsyncd "$BENCH_DIR/lsyncd.lua" >/dev/null 2>&1 &
  LSYNCD_PID=$!
  until [ -d "$2/lat" ]; do sleep 0.1; done
  sleep 1
}
stop_lsyncd() { kill -TERM "$LSYNCD_PID"; wait "$LSYNCD_PID" || true; }

deletion() { # the same 200 files deleted 50 ms apart: deleted in SOURCE -> deleted in REPLICA (a deletion waits out
  # the watch window, 200 ms, and is then checked against SOURCE's root; lsyncd deletes as it hears)
  local fs50=() fs99=() ls50=() ls99=() out
  for _ in 1 2; do
    rm -rf "$BENCH_DIR"/del-*; mkdir -p "$BENCH_DIR/del-src/lat"; echo keep > "$BENCH_DIR/del-src/keep"
    start_daemon "$BENCH_DIR/del-src" "$BENCH_DIR/del-fs"
    out=$(python3 bench/latency.py "$BENCH_DIR/del-src" "$BENCH_DIR/del-fs" 200 0.05 --delete); stop_daemon
    fs50+=("$(echo "$out" | cut -d' ' -f1)"); fs99+=("$(echo "$out" | cut -d' ' -f2)")
    start_lsyncd "$BENCH_DIR/del-src" "$BENCH_DIR/del-ls"
    out=$(python3 bench/latency.py "$BENCH_DIR/del-src" "$BENCH_DIR/del-ls" 200 0.05 --delete); stop_lsyncd
    ls50+=("$(echo "$out" | cut -d' ' -f1)"); ls99+=("$(echo "$out" | cut -d' ' -f2)")
  done
  local a b c d
  a=$(echo "${fs50[*]}" | median); b=$(echo "${fs99[*]}" | median)
  c=$(echo "${ls50[*]}" | median); d=$(echo "${ls99[*]}" | median)
  echo "DELETION 200 files deleted 50 ms apart: folder-sync p50 ${a} ms p99 ${b} ms; lsyncd (delay 0) p50 ${c} ms p99 ${d} ms" | tee -a "$BENCH_DIR/results.txt"
}

syscalls() { # system calls per new file: a first sync of 2,000 x 4 KiB minus one of an empty SOURCE (strace -f), for
  # folder-sync (its own threads apart from the JVM's JIT, GC and VM threads), cp -a and rsync -a
  command -v strace >/dev/null || (apt-get update -qq && apt-get install -y -qq strace) >/dev/null
  local src=$BENCH_DIR/sc-src empty=$BENCH_DIR/sc-empty out=$BENCH_DIR/sc
  make_tree "$src" 2000 20 4096
  mkdir -p "$empty" "$out"
  printf 'sync.progress-interval=0\n' >"$BENCH_DIR/noprogress.properties"
  for tree in sc-src sc-empty; do
    rm -rf "$out/fs" "$XDG_STATE_HOME"
    strace -f -o "$out/fs-$tree.log" "${JVM[@]}" -jar "$JAR" "$BENCH_DIR/$tree" "$out/fs" 60 "$BENCH_DIR/logs/sc.log" \
      --once --config "$BENCH_DIR/noprogress.properties" >/dev/null 2>&1
    rm -rf "$out/cp" "$out/rs"
    strace -f -o "$out/cp-$tree.log" cp -a "$BENCH_DIR/$tree" "$out/cp"
    strace -f -o "$out/rs-$tree.log" rsync -a "$BENCH_DIR/$tree/" "$out/rs/"
  done
  for tool in fs cp rs; do
    echo "SYSCALLS $tool: $(python3 bench/syscalls.py 2000 "$out/$tool-sc-src.log" "$out/$tool-sc-empty.log" | tr '\n' ';')" \
      | tee -a "$BENCH_DIR/results.txt"
  done
}

idle() { # the daemon resident over 100,000 files x 1 KiB, INTERVAL 30 s, once its first sync is done: its RSS after
  # 2 minutes, and the CPU it took over them (JAVA_OPTS: the JVM options to try, such as the service's)
  local src=$BENCH_DIR/idle-src pid t0 t1 rss
  [ -d "$src" ] || make_tree "$src" 100000 100 1024
  rm -rf "$BENCH_DIR/idle-dst" "$XDG_STATE_HOME"
  "${JVM[@]}" -jar "$JAR" "$src" "$BENCH_DIR/idle-dst" 30 "$BENCH_DIR/logs/idle.log" >"$BENCH_DIR/idle.out" 2>&1 &
  pid=$!
  until grep -q "CYCLE " "$BENCH_DIR/idle.out" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "IDLE: the daemon exited:" >&2; tail "$BENCH_DIR/idle.out" >&2; return 1; }
    sleep 0.5
  done
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 120
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  echo "IDLE daemon over 100k files, INTERVAL 30 s, 2 min after its first sync (JAVA_OPTS=${JAVA_OPTS:-none}): RSS ${rss} MB, CPU $(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", 100 * t / hz / 120}')% of one core" | tee -a "$BENCH_DIR/results.txt"
}

latency() { # 200 files x 4 KiB written 50 ms apart, INTERVAL 60: close in SOURCE -> content in REPLICA
  local fs50=() fs99=() ls50=() ls99=() out
  for _ in 1 2; do
    rm -rf "$BENCH_DIR"/lat-*; mkdir -p "$BENCH_DIR/lat-src/lat"
    start_daemon "$BENCH_DIR/lat-src" "$BENCH_DIR/lat-fs"
    out=$(python3 bench/latency.py "$BENCH_DIR/lat-src" "$BENCH_DIR/lat-fs" 200 0.05); stop_daemon
    fs50+=("$(echo "$out" | cut -d' ' -f1)"); fs99+=("$(echo "$out" | cut -d' ' -f2)")
    start_lsyncd "$BENCH_DIR/lat-src" "$BENCH_DIR/lat-ls"
    out=$(python3 bench/latency.py "$BENCH_DIR/lat-src" "$BENCH_DIR/lat-ls" 200 0.05); stop_lsyncd
    ls50+=("$(echo "$out" | cut -d' ' -f1)"); ls99+=("$(echo "$out" | cut -d' ' -f2)")
  done
  local a b c d
  a=$(echo "${fs50[*]}" | median); b=$(echo "${fs99[*]}" | median)
  c=$(echo "${ls50[*]}" | median); d=$(echo "${ls99[*]}" | median)
  echo "LATENCY 200 x 4KiB, 50 ms apart: folder-sync p50 ${a} ms p99 ${b} ms; lsyncd (delay 0) p50 ${c} ms p99 ${d} ms; ratio p50 $(ratio "$a" "$c"), p99 $(ratio "$b" "$d")" | tee -a "$BENCH_DIR/results.txt"
}

burst() { # 10,000 new files at once while watching, INTERVAL 60: time until all are in REPLICA
  local src=$BENCH_DIR/burst-src dst=$BENCH_DIR/burst-fs
  rm -rf "$src" "$dst"; mkdir -p "$src/lat"
  start_daemon "$src" "$dst"
  local s e
  s=$(now)
  python3 -c "
import os, sys
for i in range(10000):
    d = os.path.join(sys.argv[1], 'burst', 'd%02d' % (i % 50)); os.makedirs(d, exist_ok=True)
    open(os.path.join(d, 'f%05d' % i), 'w').write('burst %d' % i)" "$src"
  until [ "$(find "$dst/burst" -type f 2>/dev/null | wc -l)" -eq 10000 ]; do sleep 0.05; done
  e=$(now); stop_daemon
  local missed; missed=$(rsync -rlpt -c -n -i --delete -O "$src/" "$dst/" | wc -l)
  echo "BURST 10,000 new files while watching: all in REPLICA $((e - s)) ms after the first write, rsync -c finds $missed differences" | tee -a "$BENCH_DIR/results.txt"
}

soak() { # 60 s of random operations with the daemon running (watch + a 2 s cycle), then the rsync oracle
  local src=$BENCH_DIR/soak-src dst=$BENCH_DIR/soak-fs ops
  rm -rf "$src" "$dst"; mkdir -p "$src/lat"
  start_daemon "$src" "$dst"
  ops=$(python3 bench/soak.py "$src" 60)
  sleep 6
  stop_daemon
  local differences errors
  differences=$(rsync -rlpt -c -n -i --delete -O "$src/" "$dst/" | wc -l)
  errors=$(grep -c ERROR "$BENCH_DIR/watch.out" || true)
  echo "SOAK $ops random operations in 60 s while mirroring: rsync -c finds $differences differences 6 s later, $errors ERROR lines" | tee -a "$BENCH_DIR/results.txt"
}

observe() { # what the operator's features cost on W1: JSON logs, HTTP health and metrics, a PROGRESS line a second
  local src=$BENCH_DIR/w1-src plain=() seen=() rs=() scrape=()
  [ -d "$src" ] || make_tree "$src" 20000 1000 4096
  printf 'camel.server.enabled=true\ncamel.server.port=19876\nsync.log-format=json\nsync.progress-interval=1s\n' \
    >"$BENCH_DIR/observe.properties"
  for _ in $(seq "$RUNS"); do
    rm -rf "$BENCH_DIR"/obs-dst* "$XDG_STATE_HOME"; sync
    plain+=("$(time_ms sync_once "$src" "$BENCH_DIR/obs-dst-plain")")
    seen+=("$(time_ms sync_once "$src" "$BENCH_DIR/obs-dst-seen" --config "$BENCH_DIR/observe.properties")")
    rs+=("$(time_ms rsync -a "$src/" "$BENCH_DIR/obs-dst-rs/")")
  done
  local p o r
  p=$(echo "${plain[*]}" | median); o=$(echo "${seen[*]}" | median); r=$(echo "${rs[*]}" | median)
  report "OBSERVE W1 with JSON logs, HTTP on, PROGRESS every 1 s" "$o" "$r"
  echo "OBSERVE the same without them: ${p} ms; cost of the features: ratio $(ratio "$o" "$p")" | tee -a "$BENCH_DIR/results.txt"
  # one scrape of /observe/metrics from the daemon holding W1's 20,000-entry index, 20 times
  "${JVM[@]}" -jar "$JAR" "$src" "$BENCH_DIR/obs-dst-seen" 60 "$BENCH_DIR/logs/observe.log" --config "$BENCH_DIR/observe.properties" \
    >"$BENCH_DIR/observe.out" 2>&1 &
  local pid=$!
  until grep -q "watching" "$BENCH_DIR/observe.out" 2>/dev/null; do sleep 0.1; done
  for _ in $(seq 20); do
    scrape+=("$(curl -s -o /dev/null -w '%{time_total}' http://127.0.0.1:19876/observe/metrics | awk '{printf "%.1f", $1 * 1000}')")
  done
  kill -TERM $pid; wait $pid || true
  echo "OBSERVE one /observe/metrics scrape of the running daemon: median $(echo "${scrape[*]}" | median) ms of 20" | tee -a "$BENCH_DIR/results.txt"
}

mkdir -p "$BENCH_DIR"
echo "sync.watch=false" >"$BENCH_DIR/nowatch.properties"
echo "trees on $(stat -f -c %T "$BENCH_DIR") ($BENCH_DIR)" | tee "$BENCH_DIR/results.txt"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)$([ "${AOT:-0}" = 1 ] && echo ", its AOT cache")${JAVA_OPTS:+, $JAVA_OPTS}, $(rsync --version | head -1)" | tee -a "$BENCH_DIR/results.txt"
for w in "${WORKLOADS[@]}"; do
  case $w in
    W1) w1 ;;
    W1DAEMON) w1daemon ;;
    EMPTY) empty ;;
    JIT) jit ;;
    FILTER) filter ;;
    W2) w2 ;;
    DAEMON) daemon ;;
    W3) w3 ;;
    W4) w4 ;;
    W5) w5 ;;
    M1) m1 ;;
    W6) w6 ;;
    LATENCY) latency ;;
    DELETION) deletion ;;
    IDLE) idle ;;
    SYSCALLS) syscalls ;;
    BURST) burst ;;
    SOAK) soak ;;
    OBSERVE) observe ;;
    *) echo "unknown workload $w" >&2; exit 2 ;;
  esac
done
echo "trees and results in $BENCH_DIR"
