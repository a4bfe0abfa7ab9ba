package io.foldersync.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the packaged folder-sync.jar as a real process, the way a user does. */
public final class Jar {

    private static final Path JAR = Path.of(System.getProperty("folder-sync.jar", "../target/folder-sync.jar"));

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
        return start(Path.of(System.getProperty("java.home")), prefix, workDir, environment, jvmOptions, args);
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
