package io.foldersync.support;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/** A real ZooKeeper server in the test JVM (Curator's TestingServer), listening on every address of this machine. */
public final class ZooKeeperServer {

    /**
     * The server expires a session at its first tick past the timeout: a short tick keeps a failover close to the
     * session timeout. Sessions may last up to 20 ticks (5 s).
     */
    public static final int TICK_MS = 250;

    private ZooKeeperServer() {
    }

    public static TestingServer start() throws Exception {
        return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1), true);
    }
}
