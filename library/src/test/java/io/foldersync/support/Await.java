package io.foldersync.support;

import java.util.concurrent.Callable;

/** Polls a condition until it holds, for tests that watch a running process. */
public final class Await {

    private Await() {
    }

    public static void until(Callable<Boolean> condition, long millis, String what) throws Exception {
        if (!poll(condition, millis)) {
            throw new AssertionError(what + ": not so after " + millis + " ms");
        }
    }

    /** True as soon as the condition holds, false when it still does not after {@code millis}. */
    public static boolean poll(Callable<Boolean> condition, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
