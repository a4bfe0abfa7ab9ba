package io.foldersync.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test host: a network namespace of its own, linked to this machine's by a veth pair, so that a process started in
 * it reaches a server here only over that link, and the link can be cut. Made with iproute2, as root (tests run as
 * root here). Its addresses are in 198.18.0.0/15, the block set aside for network tests: no real host is ever one.
 */
public final class TestHost implements AutoCloseable {

    private final String namespace;
    private final String link;
    private final String gateway;

    private TestHost(String namespace, String link, String gateway) {
        this.namespace = namespace;
        this.link = link;
        this.gateway = gateway;
    }

    /**
     * @param number 1 to 254, one per host of a test: the host's link is a /30 in 198.18.NUMBER.0/24, chosen by this
     *               process's id so that a run's hosts stay apart from any another run left behind
     */
    public static TestHost create(String name, int number) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        String suffix = name + pid % 100_000;
        String namespace = "fs-" + suffix;
        String link = "fsh" + suffix;
        String inside = "fsn" + suffix;
        String subnet = "198.18." + number + ".";
        long block = pid % 64 * 4;
        String gateway = subnet + (block + 1);
        ip("netns", "add", namespace);
        TestHost host = new TestHost(namespace, link, gateway);
        try {
            ip("link", "add", link, "type", "veth", "peer", "name", inside, "netns", namespace);
            ip("addr", "add", gateway + "/30", "dev", link);
            ip("link", "set", link, "up");
            ip("-n", namespace, "addr", "add", subnet + (block + 2) + "/30", "dev", inside);
            ip("-n", namespace, "link", "set", inside, "up");
            ip("-n", namespace, "link", "set", "lo", "up");
            return host;
        } catch (IOException | RuntimeException e) {
            try {
                host.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The address at which this host reaches a server listening on every address of this machine. */
    public String gateway() {
        return gateway;
    }

    /** The command prefix that runs a program on this host. */
    public List<String> prefix() {
        return List.of("ip", "netns", "exec", namespace);
    }

    /** Cuts the host off: its link goes down, and nothing crosses it either way. */
    public void cut() throws IOException, InterruptedException {
        ip("link", "set", link, "down");
    }

    public void mend() throws IOException, InterruptedException {
        ip("link", "set", link, "up");
    }

    /** Deletes the link (both ends) and the namespace; run after the processes on the host have ended. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            ip("link", "delete", link);
        } finally {
            ip("netns", "delete", namespace);
        }
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        Process ip = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ip.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
