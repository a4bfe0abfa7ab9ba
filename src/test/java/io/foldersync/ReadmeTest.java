package io.foldersync;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README is the user's reference: every key application.properties has must be documented there. */
class ReadmeTest {

    @Test
    void everySettingIsDocumentedInTheReadme() throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            settings.load(reader);
        }
        String readme = Files.readString(Path.of("README.md"));

        List<String> missing = settings.stringPropertyNames().stream().sorted()
                .filter(key -> !readme.contains("`" + key + "`")).toList();

        assertEquals(List.of(), missing, "keys in application.properties that README does not name");
    }

    /** The quick start must run as written in a fresh clone, where ./source does not exist yet. */
    @Test
    void theQuickStartSaysToMakeTheSourceFolderBeforeItsCommand() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int command = lines.indexOf("mvn -q -B -DskipTests package && java -jar target/folder-sync.jar ./source "
                + "./replica 60 ./logs/sync.log");
        String before = String.join("\n", lines.subList(0, command));

        assertTrue(command > 0, "README starts with the build-and-run command");
        assertTrue(before.contains("`mkdir source`"), "the line before the command says to make ./source");
    }
}
