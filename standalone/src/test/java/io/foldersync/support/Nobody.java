package io.foldersync.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.sun.security.auth.module.UnixSystem;

/**
 * Runs the jar as an unprivileged user. Root reads and writes everything, so as root the jar runs as nobody (setpriv,
 * from util-linux) over a work folder handed to nobody; run by anyone else, the tests are unprivileged already.
 */
public final class Nobody {

    private static final int NOBODY = 65534;

    private Nobody() {
    }

    public static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** Gives a folder and everything in it to nobody, when we are root. */
    public static void handOver(Path work) throws IOException {
        if (!isRoot()) {
            return;
        }
        Trees.chmod(work, "rwxrwxrwx");
        try (var paths = Files.walk(work)) {
            for (Path p : paths.toList()) {
                Files.setAttribute(p, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    public static Jar.Result run(Path work, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> prefix = isRoot()
                ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups")
                : List.of();
        return Jar.await(Jar.start(prefix, work, environment, List.of(), args), work);
    }
}
