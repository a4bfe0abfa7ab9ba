package io.foldersync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on the second core, the classes a run is about to need while the first configures logging: a third of a
 * start's CPU is class loading (reading and parsing some 5,000 classes, then verifying them, one after the other on one
 * thread), and Log4j's configuration takes a third of its time. The list is the jar's own, written at build time from a
 * training run that logged every class it loaded, in that order. Classes are loaded, not linked nor initialised, so
 * nothing runs earlier than it would (verifying them here as well made the start no faster: the second core is busy
 * enough); one the run never needs costs a little memory, one missing from the list is loaded when asked for.
 */
final class ClassPreloader implements Runnable {

    /** Written by the build (standalone/pom.xml), one class name per line. */
    static final String LIST = "/META-INF/folder-sync/preload.list";

    private final ClassLoader loader = ClassPreloader.class.getClassLoader();

    private ClassPreloader() {
    }

    /** Starts the loading beside the caller, if the jar has a list; nothing waits for it. */
    static void startInBackground() {
        Thread thread = new Thread(new ClassPreloader(), "folder-sync-preload");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try (InputStream in = ClassPreloader.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return; // not packaged: classes from a build folder
            }
            BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name = names.readLine(); name != null; name = names.readLine()) {
                load(name);
            }
        } catch (IOException unreadable) {
            // the run loads each class when it needs it, as without a list
        }
    }

    private void load(String name) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError notHere) {
            // a class of the training run's JVM or platform that this one lacks: the run would not ask for it either
        }
    }
}
