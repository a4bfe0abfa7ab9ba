#!/usr/bin/env python3
"""Propagation latency: from a 4 KiB file being closed in SOURCE to the same content at its final path in REPLICA;
with --delete, then from each of those files being deleted in SOURCE to its deletion in REPLICA.

After WARMUP unmeasured files (a just-started process runs cold code), writes FILES files GAP seconds apart into
SOURCE/lat, and watches REPLICA/lat with inotify for the moment each one is renamed or closed there with its full
content (or deleted). Prints the latencies' median and 99th percentile in milliseconds, and how many were seen.

usage: latency.py SOURCE REPLICA [FILES] [GAP_SECONDS] [--delete]
"""
import ctypes
import os
import struct
import sys
import threading
import time

IN_CLOSE_WRITE, IN_MOVED_TO, IN_DELETE = 0x08, 0x80, 0x200
WARMUP = 20
libc = ctypes.CDLL("libc.so.6", use_errno=True)


def watch(folder, seen, expected, done, deletions=False):
    fd = libc.inotify_init()
    if libc.inotify_add_watch(fd, folder.encode(), IN_DELETE if deletions else IN_CLOSE_WRITE | IN_MOVED_TO) < 0:
        raise OSError(ctypes.get_errno(), "inotify_add_watch " + folder)
    while not done.is_set():
        data = os.read(fd, 65536)
        offset = 0
        while offset < len(data):
            _, _, _, length = struct.unpack_from("iIII", data, offset)
            name = data[offset + 16:offset + 16 + length].rstrip(b"\0").decode()
            offset += 16 + length
            now = time.monotonic()
            if name in expected and name not in seen and deletions:
                seen[name] = now
            elif name in expected and name not in seen:
                try:
                    if os.path.getsize(os.path.join(folder, name)) == 4096:
                        seen[name] = now
                except FileNotFoundError:
                    pass
        if len(seen) == len(expected):
            done.set()


def main():
    deletions = "--delete" in sys.argv
    args = [a for a in sys.argv if a != "--delete"]
    source, replica = args[1], args[2]
    files = int(args[3]) if len(args) > 3 else 200
    gap = float(args[4]) if len(args) > 4 else 0.05
    src, dst = os.path.join(source, "lat"), os.path.join(replica, "lat")
    deadline = time.time() + 60
    while not os.path.isdir(dst):
        if time.time() > deadline:
            sys.exit("REPLICA/lat never appeared: is the mirror running?")
        time.sleep(0.05)
    names = ["f%05d-%d" % (i, os.getpid()) for i in range(files)]
    closed, seen, done = {}, {}, threading.Event()
    watcher = threading.Thread(target=watch, args=(dst, seen, set(names), done), daemon=True)
    watcher.start()
    time.sleep(0.5)
    payload = os.urandom(4096)
    for i in range(WARMUP):
        with open(os.path.join(src, "warmup-%d-%d" % (i, os.getpid())), "wb") as f:
            f.write(payload)
        time.sleep(gap)
    time.sleep(1)
    for name in names:
        with open(os.path.join(src, name), "wb") as f:
            f.write(payload)
        closed[name] = time.monotonic()
        time.sleep(gap)
    done.wait(30)
    if deletions:
        closed, seen, done = {}, {}, threading.Event()
        watcher = threading.Thread(target=watch, args=(dst, seen, set(names), done, True), daemon=True)
        watcher.start()
        time.sleep(0.5)
        for name in names:
            os.remove(os.path.join(src, name))
            closed[name] = time.monotonic()
            time.sleep(gap)
        done.wait(30)
    latencies = sorted((seen[n] - closed[n]) * 1000 for n in names if n in seen)
    if len(latencies) < files:
        print("missing %d of %d files" % (files - len(latencies), files), file=sys.stderr)
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print("%.1f %.1f %d" % (p50, p99, len(latencies)))


if __name__ == "__main__":
    main()
