package io.foldersync.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Instances of the jar on one machine, each named (a, b) with a log of its own, all mirroring work/src into work/rep
 * with one state folder and the cluster service the given properties declare.
 */
public final class Instances {

    private final Path work;
    private final String cluster;

    /** @param cluster the camel.beans.cluster* lines */
    public Instances(Path work, String cluster) {
        this.work = work;
        this.cluster = cluster;
    }

    public Process start(String name) throws Exception {
        return start(name, List.of(), cluster);
    }

    /**
     * @param prefix  a command the JVM runs under, such as {@code ip netns exec HOST}
     * @param cluster this instance's camel.beans.cluster* lines
     */
    public Process start(String name, List<String> prefix, String cluster) throws Exception {
        Path config = work.resolve(name + ".properties");
        Files.writeString(config, cluster + "sync.state-dir=" + work.resolve("state") + "\nsync.threads=1\n");
        return Jar.start(prefix, work, Map.of(), List.of(), "src", "rep", "1h", "logs/" + name + ".log", "--config",
                config.toString());
    }

    public String log(String name) throws Exception {
        Path log = work.resolve("logs/" + name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Starts a, waits for it to lead, then starts b and waits for it to stand by; returns both. */
    public Process[] leaderAndStandby() throws Exception {
        Process a = start("a");
        Await.until(() -> log("a").contains("LEADER pair=default gained"), 30_000, "a leads");
        Process b = start("b");
        Await.until(() -> log("b").contains("LEADER pair=default standing by"), 30_000, "b stands by");
        return new Process[] {a, b};
    }

    public void tree(int files) throws Exception {
        for (int i = 0; i < files; i++) {
            Trees.write(work, "src/d" + (i % 100) + "/f" + i, "content of file " + i);
        }
    }

    /** Sends a signal by name (STOP, CONT) to an instance. */
    public static void signal(Process instance, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, String.valueOf(instance.pid())).inheritIO().start().waitFor();
    }

    public static void stopAll(Process... processes) throws InterruptedException {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
