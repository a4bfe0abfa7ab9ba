#!/usr/bin/env python3
"""System calls per file, from two `strace -f -o FILE` logs of the same tool: a run over N files and one over an
empty tree. Threads are told apart by the names the JVM gives them (prctl PR_SET_NAME): the JVM's own (JIT
compilers, GC, VM threads) are shown apart from the program's, as their calls follow compilation, not files.

    syscalls.py N FULL_LOG EMPTY_LOG
"""
import collections
import re
import sys

JVM_THREADS = re.compile(r'^(C1 |C2 |VM |G1 |GC |Sweeper|Monitor Deflat|Common-Cleaner|Signal Dispatch|Finalizer|'
                         r'Reference Handl|Service Thread|Notification Th|Attach Listener|JFR |Thread-JVMCI)')
CALL = re.compile(r'^(\d+)\s+(?:<\.\.\. )?(\w+)(?:\(| resumed>)')
NAME = re.compile(r'^(\d+)\s+prctl\(PR_SET_NAME, "([^"]*)"')


def count(log):
    names, calls = {}, collections.Counter()
    for line in open(log, errors='replace'):
        named = NAME.match(line)
        if named:
            names[named.group(1)] = named.group(2)
        call = CALL.match(line)
        if call and 'resumed>' not in line and call.group(2) not in ('exit', 'exit_group', '+++', '---'):
            calls[(call.group(1), call.group(2))] += 1
    kinds = collections.Counter()
    for (tid, name), n in calls.items():
        kind = 'jvm' if JVM_THREADS.match(names.get(tid, '')) else 'program'
        kinds[(kind, name)] += n
    return kinds


def main():
    files, full, empty = int(sys.argv[1]), count(sys.argv[2]), count(sys.argv[3])
    for kind in ('program', 'jvm'):
        rows = {name: (full[(k, name)] - empty[(k, name)]) / files
                for (k, name) in set(full) | set(empty) if k == kind}
        rows = {name: v for name, v in rows.items() if abs(v) >= 0.05}
        total = sum(rows.values())
        print(f"{kind}: {total:.1f} per file: " + ", ".join(f"{n} {v:.2f}" for n, v in
                                                          sorted(rows.items(), key=lambda r: -r[1])))


main()
