package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What makes a start cheaper, through the jar: the class list its build wrote from a training run, loaded beside the
 * start, and the optimising compiler held off for a one-shot run, never for a daemon.
 */
class WarmStartIT {

    private static final Path JAR = Path.of(System.getProperty("folder-sync.jar", "../target/folder-sync.jar"));

    /** A method compiled by C2 (tier 4), as -XX:+PrintCompilation prints it. */
    private static final Pattern OPTIMISED = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*4\\s+(io\\.foldersync\\.\\S+)",
            Pattern.MULTILINE);

    @TempDir
    Path work;

    @Test
    void theJarListsTheClassesOfATrainingRunInTheOrderItLoadedThem() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = new String(jar.getInputStream(jar.getEntry(ClassPreloader.LIST.substring(1)))
                    .readAllBytes()).lines().toList();
            assertTrue(names.size() > 2_000, names.size() + " names");
            int logging = names.indexOf("org.apache.logging.log4j.core.LoggerContext");
            int camel = names.indexOf("org.apache.camel.impl.DefaultCamelContext");
            int copy = names.indexOf("io.foldersync.replica.DiskOperations");
            assertTrue(0 < logging && logging < camel && camel < copy, logging + " " + camel + " " + copy);
            for (String name : names) {
                assertTrue(name.matches("[\\w$.]+") && !name.contains("$$Lambda"), name);
            }
        }
    }

    /**
     * The command line starts Log4j on the packaged configuration itself: asking each configuration format first, as
     * Log4j's first logger does, initialises Jackson's ObjectMapper only to see that it is there.
     */
    @Test
    void aOneShotRunStartsLoggingWithoutAskingEachConfigurationFormat() throws Exception {
        Files.createDirectories(work.resolve("src"));
        Jar.Result once = Jar.runOn(Path.of(System.getProperty("java.home")), work, Map.of(),
                List.of("-Xlog:class+load=info:stdout"), "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(0, once.exitCode(), once.stderr());
        assertTrue(once.stdout().contains("org.apache.logging.log4j.core.config.xml.XmlConfiguration "), "logging ran");
        assertFalse(once.stdout().contains("com.fasterxml.jackson.databind.ObjectMapper "), "Jackson was loaded");
    }

    @Test
    void aOneShotRunCompilesNoneOfItsOwnCodeWithTheOptimisingCompiler() throws Exception {
        for (int i = 0; i < 6_000; i++) {
            Trees.write(work, "src/d" + i % 60 + "/f" + i, "file " + i);
        }
        Jar.Result once = Jar.runOn(Path.of(System.getProperty("java.home")), work, Map.of(),
                List.of("-XX:+PrintCompilation"), "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(0, once.exitCode(), once.stderr());
        assertTrue(once.stdout().contains("io.foldersync.replica."), "the copies were compiled at all");
        assertEquals(List.of(), OPTIMISED.matcher(once.stdout()).results().map(m -> m.group(1)).toList());
    }

    /**
     * A method that is hot while C2 is excluded stays C1's for the life of the JVM, so a daemon, which runs its copy
     * path for weeks, excludes nothing, not even during its first cycle.
     */
    @Test
    void aDaemonExcludesNoneOfItsCodeFromTheOptimisingCompiler() throws Exception {
        for (int i = 0; i < 6_000; i++) {
            Trees.write(work, "src/d" + i % 60 + "/f" + i, "file " + i);
        }
        Process daemon = Jar.start(work, Map.of(), List.of("-XX:+PrintCompilation"), "src", "rep", "60",
                "logs/sync.log");
        try {
            Path log = work.resolve("logs/sync.log");
            Await.until(() -> Files.exists(log) && Files.readString(log).contains("CYCLE "), 60_000, "the first cycle");
            assertTrue(directives(daemon).contains("Directive: (default)"), directives(daemon));
            assertFalse(directives(daemon).contains("Exclude:true"), directives(daemon));
        } finally {
            daemon.destroy();
            daemon.waitFor(20, TimeUnit.SECONDS);
        }
        String compiled = Files.readString(work.resolve("stdout.txt"));
        assertTrue(compiled.contains("io.foldersync.replica."), "the copies were compiled at all");
        List<String> excluded = compiled.lines().filter(line -> line.contains("excluded by CompileCommand")).toList();
        assertEquals(List.of(), excluded.stream().limit(3).toList(), excluded.size() + " methods excluded from C2");
    }

    /**
     * The directive is handed to the JVM in a temporary file, which must go even when the run ends at once: a short
     * command, a usage error, and a start refused just after the directive began (the log format is checked then).
     */
    @Test
    void shortRunsLeaveNoDirectiveFileBehind() throws Exception {
        Path temporary = Files.createDirectories(work.resolve("tmp"));
        Files.createDirectories(work.resolve("src"));
        Files.writeString(work.resolve("bad.properties"), "sync.log-format=xml\n");
        List<String[]> runs = List.of(new String[] {"--version"}, new String[] {"missing-source"},
                new String[] {"src", "rep", "60", "logs/sync.log", "--once", "--config", "bad.properties"});
        for (int i = 0; i < 6; i++) {
            for (String[] args : runs) {
                Process run = Jar.start(work, Map.of(), List.of("-Djava.io.tmpdir=" + temporary), args);
                assertTrue(run.waitFor(60, TimeUnit.SECONDS));
                try (var left = Files.list(temporary)) {
                    assertEquals(List.of(), left.toList(), String.join(" ", args));
                }
            }
        }
        assertTrue(Files.readString(work.resolve("stderr.txt")).contains("sync.log-format"), "refused for its log format");
    }

    /** The compiler directives the JVM runs with, as jcmd prints them. */
    private static String directives(Process process) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "Compiler.directives_print").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        assertTrue(jcmd.waitFor(30, TimeUnit.SECONDS));
        assertFalse(out.isBlank());
        return out;
    }
}
