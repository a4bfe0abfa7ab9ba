package io.foldersync.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimising compiler (C2) off for a short run (a one-shot cycle, a verify), through a compiler
 * directive added with the JVM's own diagnostic command ({@code jcmd PID Compiler.directives_add}). A short run is
 * over before C2's code pays for its compile time: during a first sync of 20,000 small files C2 kept one of two cores
 * busy for most of the run. C1 compiles in a fraction of that time. A daemon never takes it: a method that was hot
 * while C2 was excluded stays C1's for the life of the JVM (HotSpot marks it not compilable at that level, and
 * removing the directive does not undo it), which left a daemon's copy path a third slower for good. On a JVM without
 * these commands nothing changes.
 */
final class WarmUpCompiler {

    /**
     * C2 stays on for MD5 alone: its compression is a C2 intrinsic, which hashes at 650 MB/s here where C1's code does
     * 350, and its compile is short.
     */
    private static final String NO_C2 = "[{ match: [\"sun/security/provider/MD5.*\", "
            + "\"sun/security/provider/DigestBase.*\"], c2: { Exclude: false } }, "
            + "{ match: \"*.*\", c2: { Exclude: true } }]";

    private WarmUpCompiler() {
    }

    /**
     * Adds the directive on a thread of its own, as the start begins: C2 otherwise spends a third of a core on the
     * start's own code, and reaching the command takes some 60 ms of CPU (more where it goes through the platform MBean
     * server), which the start need not wait for. An exit meanwhile (a start refused) waits for it, so that the
     * directive's temporary file goes with the process: {@code System.exit} runs no daemon thread's finally.
     */
    static void holdOptimisingCompilerInBackground() {
        CompletableFuture<Void> held = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                holdOptimisingCompiler();
            } finally {
                held.complete(null); // after an unforeseen Error too: an exit must not wait 5 s for it
            }
        }, "folder-sync-compiler");
        thread.setDaemon(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(held), "folder-sync-compiler-exit"));
        thread.start();
    }

    private static void awaitQuietly(CompletableFuture<Void> held) {
        try {
            held.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException exiting) {
            // the file may stay in the temporary folder; the exit goes on
        }
    }

    private static void holdOptimisingCompiler() {
        try {
            Path file = Files.createTempFile("folder-sync-compiler", ".json");
            try {
                Files.writeString(file, NO_C2);
                command("compilerDirectivesAdd", file.toString());
            } finally {
                Files.delete(file);
            }
        } catch (IOException | JMException | RuntimeException unsupported) {
            // this JVM compiles as it would anyway
        }
    }

    private static void command(String operation, String... arguments) throws JMException {
        Object[] parameters = {arguments};
        String[] signature = {String[].class.getName()};
        DynamicMBean commands = diagnosticCommands();
        if (commands != null) {
            commands.invoke(operation, parameters, signature);
        } else {
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            ManagementFactory.getPlatformMBeanServer().invoke(name, operation, parameters, signature);
        }
    }

    /**
     * The JVM's DiagnosticCommand MBean itself, where the jar's Add-Opens lets us reach it (else null): through the
     * platform MBean server, which nothing else in a short run starts, the command took 0.19 s of CPU here, not 0.06.
     */
    private static DynamicMBean diagnosticCommands() {
        try {
            // its class initialisation loads the native library that runs the commands
            Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl");
            Method get = Class.forName("com.sun.management.internal.DiagnosticCommandImpl")
                    .getDeclaredMethod("getDiagnosticCommandMBean");
            get.setAccessible(true);
            return (DynamicMBean) get.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }
}
