#!/usr/bin/env python3
"""Random operations on SOURCE for SECONDS seconds while a mirror runs: create, append, delete, mkdir, rm -r,
rename files and folders, symlinks. Prints how many were made.

usage: soak.py SOURCE [SECONDS] [SEED]
"""
import os
import random
import shutil
import sys
import time


def main():
    root = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
    end, ops = time.time() + seconds, 0

    def files():
        return [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs]

    def dirs():
        return [d for d, _, _ in os.walk(root)]

    while time.time() < end:
        op = rng.random()
        ops += 1
        try:
            if op < 0.35:
                d = rng.choice(dirs())
                with open(os.path.join(d, "f%d" % rng.randrange(50)), "w") as f:
                    f.write("x" * rng.randrange(5000))
            elif op < 0.5:
                with open(rng.choice(files()), "a") as f:
                    f.write("more")
            elif op < 0.6:
                os.remove(rng.choice(files()))
            elif op < 0.7:
                d = rng.choice(dirs())
                if d.count("/") - root.count("/") < 6:
                    os.makedirs(os.path.join(d, "d%d" % rng.randrange(10)), exist_ok=True)
            elif op < 0.75:
                d = rng.choice(dirs())
                if d != root:
                    shutil.rmtree(d)
            elif op < 0.85:
                os.rename(rng.choice(files()), os.path.join(rng.choice(dirs()), "r%d" % rng.randrange(50)))
            elif op < 0.9:
                d = rng.choice(dirs())
                if d != root:
                    os.rename(d, os.path.join(root, "moved%d" % rng.randrange(20)))
            else:
                p = os.path.join(rng.choice(dirs()), "l%d" % rng.randrange(10))
                if not os.path.lexists(p):
                    os.symlink(rng.choice(["..", "f1", "/etc"]), p)
        except (OSError, IndexError):
            pass  # the tree changed under a random pick: try another operation
        time.sleep(rng.random() * 0.01)
    with open(os.path.join(root, "keep"), "w") as f:
        f.write("keep")  # so that SOURCE is never left empty, which holds deletions
    print(ops)


if __name__ == "__main__":
    main()
