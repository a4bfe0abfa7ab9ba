package io.foldersync.support;

import java.util.concurrent.Callable;

/** Polls a condition until it holds, for tests that watch a running process. */
public final class Await {

    private Await() {
    }

    public static void until(Callable<Boolean> condition, long millis, String what) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": not so after " + millis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
