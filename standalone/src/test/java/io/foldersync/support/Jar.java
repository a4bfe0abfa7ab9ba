package io.foldersync.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged folder-sync.jar as a real process, the way a user does. On the tests' own Java, with a class-data
 * archive of the jar's classes made once per test run: a third less CPU per start, the suite's main cost, and nothing
 * the program can tell apart. {@link #runOn} starts it with no such help, for what depends on how the JVM starts.
 */
public final class Jar {

    private static final Path JAR = Path.of(System.getProperty("folder-sync.jar", "../target/folder-sync.jar"));
    private static final Path ARCHIVE = JAR.resolveSibling("folder-sync-tests.jsa");
    private static List<String> archiveOptions;

    private Jar() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    public static Result run(Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Process process = start(workDir, environment, List.of(), args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("folder-sync did not finish in 120 s");
        }
        return result(process, workDir);
    }

    public static Process start(Path workDir, Map<String, String> environment, List<String> jvmOptions,
                                String... args) throws IOException {
        return start(List.of(), workDir, environment, jvmOptions, args);
    }

    /** As {@link #start}, with a command prefix such as setpriv to run as another user. */
    public static Process start(List<String> prefix, Path workDir, Map<String, String> environment,
                                List<String> jvmOptions, String... args) throws IOException {
        List<String> options = new ArrayList<>(archive());
        options.addAll(jvmOptions);
        return start(Path.of(System.getProperty("java.home")), prefix, workDir, environment, options, args);
    }

    /**
     * The options that start the jar from the archive, which the first call makes with a one-shot run over an empty
     * folder; none if it could not be made.
     */
    private static synchronized List<String> archive() throws IOException {
        if (archiveOptions == null) {
            Path training = Files.createTempDirectory("folder-sync-archive");
            Files.deleteIfExists(ARCHIVE);
            Files.createDirectories(training.resolve("src"));
            try {
                Result made = runOn(Path.of(System.getProperty("java.home")), training, Map.of(),
                        List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE.toAbsolutePath()), "src", "rep", "60",
                        "logs/sync.log", "--once");
                archiveOptions = made.exitCode() == 0 && Files.exists(ARCHIVE)
                        ? List.of("-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath()) : List.of();
                if (archiveOptions.isEmpty()) {
                    System.err.println("no class-data archive of the jar, starts are slower: " + made);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while making the class-data archive", e);
            } finally {
                Trees.deleteTree(training);
            }
        }
        return archiveOptions;
    }

    /** Runs the jar to its end on another Java runtime than the tests'. */
    public static Result runOn(Path javaHome, Path workDir, Map<String, String> environment, List<String> jvmOptions,
                               String... args) throws IOException, InterruptedException {
        return await(start(javaHome, List.of(), workDir, environment, jvmOptions, args), workDir);
    }

    private static Process start(Path javaHome, List<String> prefix, Path workDir, Map<String, String> environment,
                                 List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(workDir.resolve("stderr.txt").toFile());
        builder.environment().put("XDG_STATE_HOME", workDir.resolve("state").toString());
        builder.environment().putAll(environment);
        return builder.start();
    }

    public static Result await(Process process, Path workDir) throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("folder-sync did not finish in 120 s");
        }
        return result(process, workDir);
    }

    public static Result result(Process process, Path workDir) throws IOException {
        return new Result(process.exitValue(),
                Files.readString(workDir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }
}
