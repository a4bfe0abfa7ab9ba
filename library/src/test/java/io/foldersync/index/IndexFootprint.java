package io.foldersync.index;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Random;

/**
 * Not a test: how many heap bytes the index takes per entry, for issue 24's targets (a million files in 256 MiB).
 * Records entries with paths like a real tree's, shallow ("d0123/f00012345"), deep (about 40 characters, 20 files a
 * folder) or both alternately, and prints the heap used after a full GC, less what was used before.
 * <pre>java -Xmx2g -cp target/classes:target/test-classes:$(deps) io.foldersync.index.IndexFootprint 1000000 mixed</pre>
 */
public final class IndexFootprint {

    private IndexFootprint() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String shape = args.length > 1 ? args[1] : "mixed";
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        Md5Index index = new Md5Index(null);
        Random random = new Random(24);
        long mtime = 1_700_000_000_000_000_000L;
        for (int i = 0; i < entries; i++) {
            long modified = mtime + random.nextInt(1_000_000_000) * 1_000L;
            index.record(path(shape, i), new IndexEntry(random.nextInt(100_000), modified, 0644, 1000, 1000,
                    modified + random.nextInt(1_000_000_000), 0, 5_000_000L + i,
                    new Md5(random.nextLong(), random.nextLong())));
        }
        long used = usedAfterGc(memory) - before;
        System.out.printf("%,d entries (%s): %,d bytes of heap, %.1f bytes per entry%n", index.size(), shape, used,
                (double) used / entries);
        Reference.reachabilityFence(index);
    }

    private static String path(String shape, int i) {
        boolean deep = shape.equals("deep") || (shape.equals("mixed") && i % 2 == 1);
        if (!deep) {
            return String.format("d%04d/f%08d", i % 1000, i);
        }
        int folder = i / 20;
        return String.format("home/u/p%03d/src/main/m%04d/F%07d.java", folder / 10_000, folder % 10_000, i);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
